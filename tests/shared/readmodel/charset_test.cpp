// shared/readmodel/charset: the characters of the store's data, for the font atlas — the whole
// store, or only the rows a save or a sync page changed.
#include "shared/readmodel/charset.hpp"

#include <gtest/gtest.h>

#include "shared/capture/tables.hpp"
#include "shared/services.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

class CharsetTest : public fc::test::StoreTest {};

bool has(const std::u32string& s, char32_t c) { return s.find(c) != std::u32string::npos; }

TEST_F(CharsetTest, FindsEveryNonAsciiCharacterOfCustomersAndVehicles) {
    auto a = s->get<core::CustomerService>().createCustomer({.name = "王赟", .phones = {"13800138000"}, .address = "深圳市南山区",
                                          .notes = "喜欢鬯酒"});
    ASSERT_TRUE(a.ok()) << a.error().message;
    auto b = s->get<core::CustomerService>().createCustomer({.name = "Alice Wong", .phones = {"13900139000"}});
    ASSERT_TRUE(b.ok());
    auto car = s->get<core::CustomerService>().addVehicle(*a, {.plate = "粤B12345", .make = "比亚迪", .model = "汉", .colour = "白"});
    ASSERT_TRUE(car.ok()) << car.error().message;
    auto cs = dataCharset(s->db());
    ASSERT_TRUE(cs.ok()) << cs.error().message;
    for (char32_t c : std::u32string(U"王赟深圳市南山区喜欢鬯酒粤比亚迪汉白测试门店")) EXPECT_TRUE(has(cs->all, c)) << static_cast<uint32_t>(c);
    for (char32_t c : std::u32string(U"王赟粤比亚迪汉")) EXPECT_TRUE(has(cs->names, c)) << static_cast<uint32_t>(c);
    EXPECT_FALSE(has(cs->names, U'鬯')) << "notes are body text, not headings";
    EXPECT_FALSE(has(cs->all, U'A')) << "ASCII is always in the atlas";
    EXPECT_TRUE(std::is_sorted(cs->all.begin(), cs->all.end()));
    EXPECT_EQ(std::adjacent_find(cs->all.begin(), cs->all.end()), cs->all.end()) << "distinct";
}

TEST_F(CharsetTest, LeavesOutDeletedCustomers) {
    auto a = s->get<core::CustomerService>().createCustomer({.name = "张犇", .phones = {"13700137000"}});
    ASSERT_TRUE(a.ok());
    auto before = dataCharset(s->db());
    ASSERT_TRUE(before.ok());
    EXPECT_TRUE(has(before->all, U'犇'));
    ASSERT_TRUE(s->get<core::CustomerService>().deleteCustomer(*a).ok());
    auto after = dataCharset(s->db());
    ASSERT_TRUE(after.ok());
    EXPECT_FALSE(has(after->all, U'犇'));
    EXPECT_FALSE(has(after->all, U'张'));
}

TEST_F(CharsetTest, OnlyTheRowsTheNewsNamesAreRead) {
    auto a = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
    ASSERT_TRUE(a.ok());
    NewsCollector news(s->store().writer());
    auto b = s->get<CustomerService>().createCustomer({.name = "张犇", .phones = {"13900139000"}, .notes = "赟"});
    ASSERT_TRUE(b.ok());
    auto car = s->get<CustomerService>().addVehicle(*b, {.plate = "鲁A12345", .make = "鬯牌"});
    ASSERT_TRUE(car.ok()) << car.error().message;
    const ChangeNews n = news.take();
    ASSERT_TRUE(n.touches("customers"));
    EXPECT_TRUE(touchesCharset(n));
    auto cs = dataCharsetOf(s->db(), n);
    ASSERT_TRUE(cs.ok()) << cs.error().message;
    for (char32_t c : std::u32string(U"张犇赟鲁鬯牌")) EXPECT_TRUE(has(cs->all, c)) << static_cast<uint32_t>(c);
    EXPECT_TRUE(has(cs->names, U'犇'));
    EXPECT_FALSE(has(cs->names, U'赟')) << "notes are body text";
    EXPECT_FALSE(has(cs->all, U'芳')) << "王芳 did not change";
    EXPECT_EQ(cs->rowsScanned, 2u) << "one customer and one car";
    // News of a table with too many rows to list reads it whole.
    ChangeNews all;
    all.addAll("customers");
    auto whole = dataCharsetOf(s->db(), all);
    ASSERT_TRUE(whole.ok());
    EXPECT_TRUE(has(whole->all, U'芳'));
    EXPECT_FALSE(touchesCharset(ChangeNews{}));
}

TEST_F(CharsetTest, StaffNamesAreHeadings) {
    s->get<StaffService>().setHashLimits(PinHashLimits::minimum());
    ASSERT_TRUE(s->get<StaffService>().bootstrapAdmin("欧阳燚", "583920").ok());
    auto cs = dataCharset(s->db());
    ASSERT_TRUE(cs.ok()) << cs.error().message;
    EXPECT_TRUE(has(cs->names, U'燚'));
}

TEST(Charset, NonAsciiCharactersOfAString) {
    EXPECT_EQ(nonAsciiCharacters("王芳 Wang 王"), std::u32string(U"王芳"));
    EXPECT_EQ(nonAsciiCharacters("plain"), std::u32string());
    EXPECT_EQ(nonAsciiCharacters("a\xff\xfe王\xe7"), std::u32string(U"王")) << "malformed bytes are skipped";
    EXPECT_EQ(nonAsciiCharacters("\xf0\xa0\xae\xb7"), std::u32string(U"\U00020BB7")) << "outside the BMP too";
}

}  // namespace
}  // namespace fc::core
