#include "shared/customers/customer_search.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "shared/services.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

class CustomerSearchTest : public test::StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        wangFang = add("王芳", "13800138000", "粤B12345", "LFV2A21K6A3123456");
        wangFangFang = add("王芳芳", "13912341234", "沪AD54321", "");
        ouyang = add("欧阳娜娜", "13700001111", "京N8K2L9", "");
        rare = add("赟鬯犇", "15011112222", "", "");
        latin = add("Alice Wong", "18600001234", "", "");
    }
    std::string add(const std::string& name, const std::string& phone, const std::string& plate,
                    const std::string& vin) {
        auto id = s->get<CustomerService>().createCustomer({.name = name, .phones = {phone}});
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        if (!plate.empty()) {
            auto v = s->get<CustomerService>().addVehicle(*id, {.plate = plate, .vin = vin, .acceptVinCheckDigit = true});
            EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
        }
        return *id;
    }
    std::vector<std::string> ids(const std::string& q) {
        auto hits = s->get<CustomerSearch>().search(q);
        EXPECT_TRUE(hits.ok()) << (hits.ok() ? "" : hits.error().message);
        std::vector<std::string> out;
        if (hits.ok())
            for (const auto& h : *hits) out.push_back(h.customerId);
        return out;
    }
    std::string wangFang, wangFangFang, ouyang, rare, latin;
};

TEST_F(CustomerSearchTest, TwoCharacterNamesAreFoundExactFirst) {
    EXPECT_EQ(ids("王芳"), (std::vector<std::string>{wangFang, wangFangFang}));
    EXPECT_EQ(ids("阳娜"), (std::vector<std::string>{ouyang}));
    EXPECT_EQ(ids("赟鬯"), (std::vector<std::string>{rare}));
}

TEST_F(CustomerSearchTest, OneCharacterFindsSurnames) {
    EXPECT_EQ(ids("王"), (std::vector<std::string>{wangFang, wangFangFang}));
    EXPECT_EQ(ids("欧"), (std::vector<std::string>{ouyang}));
}

TEST_F(CustomerSearchTest, ExactPhoneAndPlateWinWhateverTheFormatting) {
    auto hits = s->get<CustomerSearch>().search("138-0013-8000");
    ASSERT_TRUE(hits.ok());
    ASSERT_FALSE(hits->empty());
    EXPECT_EQ((*hits)[0].customerId, wangFang);
    EXPECT_EQ((*hits)[0].field, MatchField::kPhone);
    EXPECT_EQ((*hits)[0].score, 1000);
    EXPECT_EQ(ids("粤b·12345"), (std::vector<std::string>{wangFang}));
    EXPECT_EQ(ids("沪AD54321").at(0), wangFangFang);
}

TEST_F(CustomerSearchTest, SubstringsOfPhonesPlatesAndVinsAreFound) {
    // Last four digits, as people read them out.
    auto tail = s->get<CustomerSearch>().search("1234");
    ASSERT_TRUE(tail.ok());
    ASSERT_EQ(tail->size(), 3u);  // 13912341234 (suffix), 18600001234 (suffix), 粤B12345 (plate)
    EXPECT_EQ((*tail)[0].field, MatchField::kPhone);
    EXPECT_EQ(ids("8K2L"), (std::vector<std::string>{ouyang}));
    EXPECT_EQ(ids("3123456"), (std::vector<std::string>{wangFang}));  // VIN tail
    EXPECT_EQ(ids("lfv2a"), (std::vector<std::string>{wangFang}));     // VIN, any case
    EXPECT_EQ(ids("alice"), (std::vector<std::string>{latin}));
    EXPECT_EQ(ids("粤B"), (std::vector<std::string>{wangFang}));       // start of a plate
}

// The last digits of a phone, as a customer reads them out, name that customer: they rank above
// cars whose plate merely contains the digits (at its end, its start or inside).
TEST_F(CustomerSearchTest, APhoneTailOutranksPlatesContainingTheDigits) {
    const std::string plateTail = add("张伟", "13600000001", "粤B51234", "");
    const std::string plateInner = add("李强", "13600000002", "京A12349", "");
    const std::string phoneTail = add("赵敏", "13655551234", "", "");
    auto hits = s->get<CustomerSearch>().search("1234");
    ASSERT_TRUE(hits.ok());
    ASSERT_GE(hits->size(), 3u);
    std::vector<std::string> order;
    for (const auto& h : *hits) order.push_back(h.customerId);
    const auto pos = [&](const std::string& id) {
        return std::find(order.begin(), order.end(), id) - order.begin();
    };
    EXPECT_LT(pos(phoneTail), pos(plateTail));
    EXPECT_LT(pos(phoneTail), pos(plateInner));
    EXPECT_LT(pos(wangFangFang), pos(plateTail));
    for (const auto& h : *hits) {
        if (h.customerId == phoneTail) {
            EXPECT_EQ(h.field, MatchField::kPhone);
        }
    }
}

// However many plates contain the digits, the customer whose phone ends with them is found.
TEST_F(CustomerSearchTest, APhoneTailIsFoundAmongManyPlatesContainingTheDigits) {
    const std::string letters = "ACDEFGHJKLMN";
    for (size_t i = 0; i < 120; ++i) {
        const std::string plate = std::string("粤") + letters[i % letters.size()] + "1234" +
                                  std::to_string(i / letters.size());
        add("车主" + std::to_string(i), "135" + std::to_string(10000000 + i), plate, "");
    }
    const std::string phoneTail = add("赵敏", "13655551234", "", "");
    auto hits = s->get<CustomerSearch>().search("1234", 5);
    ASSERT_TRUE(hits.ok());
    ASSERT_FALSE(hits->empty());
    bool found = false;
    for (const auto& h : *hits) found |= h.customerId == phoneTail;
    EXPECT_TRUE(found) << "the customer whose phone ends in 1234 is not among the first five";
    EXPECT_EQ((*hits)[0].field, MatchField::kPhone);
}

TEST_F(CustomerSearchTest, NothingMatchesNothing) {
    EXPECT_TRUE(ids("").empty());
    EXPECT_TRUE(ids("   ").empty());
    EXPECT_TRUE(ids("张伟").empty());
    EXPECT_TRUE(ids("99999").empty());
    EXPECT_TRUE(ids("\"; DROP TABLE customers; --").empty());
}

TEST_F(CustomerSearchTest, TheIndexFollowsEditsTransfersAndDeletes) {
    CustomerPatch p;
    p.name = "王小芳";
    ASSERT_TRUE(s->get<CustomerService>().updateCustomer(wangFang, p).ok());
    EXPECT_EQ(ids("王芳"), (std::vector<std::string>{wangFangFang}));
    EXPECT_EQ(ids("小芳"), (std::vector<std::string>{wangFang}));

    // The plate follows the vehicle to its new owner.
    auto car = s->get<CustomerService>().findVehicleByPlate("粤B12345");
    ASSERT_TRUE(car.ok() && car->has_value());
    clock.advance(1000);
    ASSERT_TRUE(s->get<CustomerService>().transferVehicle(**car, rare).ok());
    EXPECT_EQ(ids("粤B12345"), (std::vector<std::string>{rare}));

    ASSERT_TRUE(s->get<CustomerService>().deleteCustomer(ouyang).ok());
    EXPECT_TRUE(ids("欧阳").empty());
    EXPECT_TRUE(ids("8K2L").empty());

    VehiclePatch vp;
    vp.plate = "粤B99999";
    ASSERT_TRUE(s->get<CustomerService>().updateVehicle(**car, vp).ok());
    EXPECT_TRUE(ids("粤B12345").empty());
    EXPECT_EQ(ids("粤B99999"), (std::vector<std::string>{rare}));
}

TEST_F(CustomerSearchTest, RebuildGivesTheSameAnswers) {
    const auto before = ids("王芳");
    ASSERT_TRUE(s->rebuildIndexes().ok());
    EXPECT_EQ(ids("王芳"), before);
    EXPECT_EQ(ids("8K2L"), (std::vector<std::string>{ouyang}));
}

}  // namespace
}  // namespace fc::core
