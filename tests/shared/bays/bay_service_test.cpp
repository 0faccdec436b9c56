#include "shared/bays/bay_service.hpp"

#include <gtest/gtest.h>

#include "shared/bays/tables.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

class BayServiceTest : public test::StoreTest {
protected:
    BayService& bays() { return s->get<BayService>(); }
    int64_t count(const std::string& sql) { return s->db().queryInt(sql)->value_or(-1); }
    std::string create(BayInput in) {
        auto id = bays().create(in);
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        return id.ok() ? *id : "";
    }
};

TEST_F(BayServiceTest, ABayIsStoredNormalisedAndCapturedForSync) {
    const std::string id = create({.code = " b1 ",
                                   .nameZh = " 1号举升位 ",
                                   .nameEn = "Lift 1",
                                   .kind = BayKind::kLift,
                                   .sortOrder = 10});
    auto b = bays().get(id);
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->code, "B1");
    EXPECT_EQ(b->nameZh, "1号举升位");
    EXPECT_EQ(b->nameEn, "Lift 1");
    EXPECT_EQ(b->kind, BayKind::kLift);
    EXPECT_EQ(b->kindKey, "lift");
    EXPECT_TRUE(b->active);
    EXPECT_EQ(b->sortOrder, 10);
    EXPECT_EQ(b->createdAt, clock.nowMs());
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'bays' AND op = 1 AND row_id = '" +
                    id + "'"),
              1);
    auto found = bays().findByCode("b1");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->id, id);
}

TEST_F(BayServiceTest, ActiveBaysAreListedBySortOrderThenCode) {
    const std::string wash =
        create({.code = "W1", .nameZh = "洗车位", .kind = BayKind::kWash, .sortOrder = 60});
    const std::string b2 =
        create({.code = "B2", .nameZh = "2号举升位", .kind = BayKind::kLift, .sortOrder = 10});
    const std::string b1 =
        create({.code = "B1", .nameZh = "1号举升位", .kind = BayKind::kLift, .sortOrder = 10});
    const std::string ev =
        create({.code = "E1", .nameZh = "新能源工位", .kind = BayKind::kEv, .sortOrder = 50});
    ASSERT_TRUE(bays().deactivate(ev).ok());
    ASSERT_TRUE(bays().deactivate(ev).ok()) << "idempotent";
    auto active = bays().listActive();
    ASSERT_TRUE(active.ok());
    std::vector<std::string> ids;
    for (const Bay& b : *active) ids.push_back(b.id);
    EXPECT_EQ(ids, (std::vector<std::string>{b1, b2, wash}));
    auto all = bays().list(/*includeInactive=*/true);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 4u);
    EXPECT_EQ((*all)[2].id, ev);
    EXPECT_FALSE((*all)[2].active);
    ASSERT_TRUE(bays().reactivate(ev).ok());
    EXPECT_EQ(bays().listActive()->size(), 4u);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'bays' AND op = 2 AND payload = "
                    "'{\"active\":0}'"),
              1);
}

TEST_F(BayServiceTest, ValuesAreValidatedWithErrorsNamingTheField) {
    struct Case {
        BayInput in;
        const char* expect;
    };
    const Case cases[] = {
        {{.code = "", .nameZh = "工位"}, "code: give the bay"},
        {{.code = "B 1", .nameZh = "工位"}, "code: use letters, digits and '-' only"},
        {{.code = "举升1", .nameZh = "工位"}, "code: "},
        {{.code = "LIFTBAY12", .nameZh = "工位"}, "code: at most 8"},
        {{.code = "B1", .nameZh = "  "}, "name (zh-CN): the bay needs a name"},
        {{.code = "B1", .nameZh = std::string(21 * 3, 'x')}, "name (zh-CN) is longer than 20"},
        {{.code = "B1", .nameZh = "工位", .nameEn = std::string(41, 'x')},
         "name (en) is longer than 40"},
        {{.code = "B1", .nameZh = "工位", .sortOrder = -1}, "sort order: 0 to 9999"},
        {{.code = "B1", .nameZh = "工位", .kind = static_cast<BayKind>(42)}, "kind: unknown"},
    };
    for (const auto& c : cases) {
        auto r = bays().create(c.in);
        ASSERT_FALSE(r.ok()) << c.expect;
        EXPECT_EQ(r.error().code, Errc::kInvalid) << r.error().message;
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    }
    EXPECT_EQ(count("SELECT count(*) FROM bays"), 0);
    // Codes are unique among the store's bays, inactive ones included.
    const std::string b1 = create({.code = "B1", .nameZh = "1号举升位"});
    ASSERT_TRUE(bays().deactivate(b1).ok());
    auto twice = bays().create({.code = "b1", .nameZh = "另一个"});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, Errc::kConflict);
    EXPECT_NE(twice.error().message.find("code: bay B1 already exists"), std::string::npos)
        << twice.error().message;
    auto missing = bays().deactivate("no-such-bay");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, Errc::kNotFound);
}

TEST_F(BayServiceTest, UpdatesChangeOnlyWhatThePatchSets) {
    const std::string b1 = create({.code = "B1", .nameZh = "1号举升位", .kind = BayKind::kLift});
    const std::string b2 = create({.code = "B2", .nameZh = "2号举升位", .kind = BayKind::kLift});
    auto changed = bays().update(b1, {.nameEn = "Lift 1", .kind = BayKind::kEv, .sortOrder = 5});
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    EXPECT_TRUE(*changed);
    auto b = bays().get(b1);
    EXPECT_EQ(b->code, "B1");
    EXPECT_EQ(b->nameZh, "1号举升位");
    EXPECT_EQ(b->nameEn, "Lift 1");
    EXPECT_EQ(b->kind, BayKind::kEv);
    EXPECT_EQ(b->sortOrder, 5);
    auto payload = s->db().queryText("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1");
    EXPECT_EQ(payload->value_or(""), "{\"name_en\":\"Lift 1\",\"sort_order\":5,\"kind\":\"ev\"}");
    auto same = bays().update(b1, {.nameEn = "Lift 1"});
    ASSERT_TRUE(same.ok());
    EXPECT_FALSE(*same);
    auto clash = bays().update(b2, {.code = "b1"});
    ASSERT_FALSE(clash.ok());
    EXPECT_NE(clash.error().message.find("code: bay B1 already exists"), std::string::npos);
    auto bad = bays().update(b2, {.nameZh = ""});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("name (zh-CN)"), std::string::npos);
    EXPECT_EQ(bays().get(b2)->code, "B2");
}

TEST(BayKinds, KeysRoundTrip) {
    for (BayKind k : allBayKinds()) EXPECT_EQ(parseBayKind(bayKindKey(k)), k);
    EXPECT_EQ(allBayKinds().size(), 5u);
    EXPECT_EQ(std::string(bayKindKey(BayKind::kAlignment)), "alignment");
    EXPECT_FALSE(parseBayKind("garage").has_value());
}

}  // namespace
}  // namespace fc::core
