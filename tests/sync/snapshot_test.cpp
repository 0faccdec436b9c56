// The snapshot a new device starts from (GET /v1/snapshot): a SQLite file of the hub's rows, their
// versions and the derived indexes. It is outside input: a truncated, foreign or doctored file is
// refused whole and the device is left as it was, ready to try again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "shared/demo/seed.hpp"
#include "shared/verify.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using test::SimWorld;

// Hands every request to the hub, and lets a test change the snapshot file on its way.
class DoctoringTransport final : public Transport {
public:
    explicit DoctoringTransport(Transport& inner) : m_inner(inner) {}
    Result<HttpResult> request(const std::string& method, const std::string& target, const std::string& body,
                               const std::string& token) override {
        auto r = m_inner.request(method, target, body, token);
        if (r && target == "/v1/snapshot" && r->status == 200 && doctor) doctor(r->body);
        return r;
    }
    std::function<void(std::string&)> doctor;

private:
    Transport& m_inner;
};

// Runs SQL against a snapshot held in memory.
void alterSnapshot(const fc::test::TempDir& dir, std::string& body, const std::string& sql) {
    const std::string path = dir.path() + "/doctored.db";
    fc::test::writeFile(path, body);
    {
        auto db = core::Db::open(path, {.wal = false});
        ASSERT_TRUE(db.ok()) << db.error().message;
        ASSERT_TRUE(db->exec(sql).ok()) << sql;
    }
    std::ifstream in(path, std::ios::binary);
    body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct SnapshotWorld {
    fc::test::TempDir dir;
    SimWorld w{dir, 2};
    DoctoringTransport doctoring{w.direct()};
    std::unique_ptr<SyncClient> fresh;

    SnapshotWorld() {
        auto seeded = core::seedDemo(*w.device(0).services, {.seed = 11, .customers = 60});
        EXPECT_TRUE(seeded.ok());
        EXPECT_TRUE(w.device(0).client->exchange().ok());
        fresh = std::make_unique<SyncClient>(*w.device(1).services, doctoring);
    }
    int64_t customersOnFresh() {
        return w.device(1).services->db().queryInt("SELECT count(*) FROM customers")->value_or(-1);
    }
};

TEST(Snapshot, LoadsRowsVersionsAndASearchIndexThatKeepsWorking) {
    SnapshotWorld s;
    auto& dev = *s.w.device(1).services;
    auto r = s.fresh->exchange();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(test::dumpSynced(dev.db(), true), test::dumpSynced(s.w.hub().services().db(), true));
    EXPECT_GT(s.fresh->cursor(), 0);
    // The copied index answers every kind of query on this same connection: a trigram substring,
    // a two-character name (bigrams), an exact phone.
    auto first = dev.db().queryText("SELECT name FROM customers ORDER BY id LIMIT 1");
    auto phone = dev.db().queryText("SELECT phones FROM customers ORDER BY id LIMIT 1");
    ASSERT_TRUE(first.ok() && phone.ok());
    const std::string p = phone->value().substr(0, 11);
    auto byTail = dev.get<core::CustomerSearch>().search(p.substr(4, 5));
    ASSERT_TRUE(byTail.ok());
    EXPECT_FALSE(byTail->empty());
    auto byName = dev.get<core::CustomerSearch>().search(first->value());
    ASSERT_TRUE(byName.ok());
    EXPECT_FALSE(byName->empty());
    auto byPhone = dev.get<core::CustomerSearch>().search(p);
    ASSERT_TRUE(byPhone.ok());
    ASSERT_FALSE(byPhone->empty());
    // Saves after the snapshot are indexed as before (the insert trigger is back).
    auto id = dev.get<core::CustomerService>().createCustomer({.name = "欧阳犇犇", .phones = {"13912345678"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto hits = dev.get<core::CustomerSearch>().search("阳犇犇");
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ(hits->at(0).customerId, *id);
    auto v = core::verifyStore(dev);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->problems.empty()) << v->problems[0];
    fc::test::expectIntegrityOk(dev.db());
    // The hub's own index is lazy; it is whole once caught up.
    auto hubCheck = core::verifyStore(s.w.hub().services());
    ASSERT_TRUE(hubCheck.ok());
    EXPECT_TRUE(hubCheck->problems.empty()) << hubCheck->problems[0];
}

TEST(Snapshot, ATruncatedFileIsRefusedAndTheNextTryLoadsIt) {
    SnapshotWorld s;
    s.doctoring.doctor = [](std::string& body) { body.resize(body.size() / 2); };
    auto r = s.fresh->initialSync();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("incomplete"), std::string::npos) << r.error().message;
    EXPECT_EQ(s.customersOnFresh(), 0);
    EXPECT_EQ(s.fresh->cursor(), 0);
    s.doctoring.doctor = nullptr;
    auto again = s.fresh->exchange();
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(s.customersOnFresh(), 60);
}

TEST(Snapshot, AnythingButTheExpectedTablesIsRefusedBeforeARowIsRead) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"CREATE VIEW sneaky AS SELECT 1", "unexpected view 'sneaky'"},
        {"CREATE TRIGGER t AFTER INSERT ON snap_meta BEGIN SELECT 1; END", "unexpected trigger"},
        {"CREATE TABLE extra(x)", "unexpected table 'extra'"},
        {"ALTER TABLE customers ADD COLUMN evil", "table 'customers' has columns"},
        {"DROP TABLE vehicles", "tables are missing"},
        {"UPDATE snap_meta SET value = 'another-store' WHERE key = 'store'", "another store"},
        {"UPDATE snap_meta SET value = 99 WHERE key = 'schema'", "schema 99"},
        {"UPDATE snap_meta SET value = value + 1 WHERE key = 'rows'", "announced"},
    };
    for (const auto& [sql, expected] : cases) {
        SCOPED_TRACE(sql);
        SnapshotWorld s;
        s.doctoring.doctor = [&](std::string& body) { alterSnapshot(s.dir, body, sql); };
        auto r = s.fresh->initialSync();
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message.find(expected), std::string::npos) << r.error().message;
        EXPECT_EQ(s.customersOnFresh(), 0);
        EXPECT_EQ(s.fresh->cursor(), 0);
        auto attached = s.w.device(1).services->db().queryInt("SELECT count(*) FROM pragma_database_list WHERE name = 'snap'");
        EXPECT_EQ(attached->value_or(-1), 0) << "the file stays attached";
    }
}

TEST(Snapshot, GarbageInTheSearchIndexTablesDoesNotBreakSearchOnTheDevice) {
    // The FTS5 index's own tables are copied as they come: garbage in them was accepted, and
    // every later search failed with "database disk image is malformed".
    for (const char* sql : {"UPDATE search_fts_data SET block = randomblob(length(block)) WHERE id <> 1",
                            "UPDATE search_fts_data SET block = x'00' WHERE id = 10",
                            "DELETE FROM search_fts_data WHERE id > 10"}) {
        SCOPED_TRACE(sql);
        SnapshotWorld s;
        s.doctoring.doctor = [&](std::string& body) { alterSnapshot(s.dir, body, sql); };
        auto r = s.fresh->exchange();
        ASSERT_TRUE(r.ok()) << r.error().message;
        auto& dev = *s.w.device(1).services;
        EXPECT_EQ(s.customersOnFresh(), 60);
        auto phone = dev.db().queryText("SELECT phones FROM customers ORDER BY id LIMIT 1");
        ASSERT_TRUE(phone.ok());
        auto hits = dev.get<core::CustomerSearch>().search(phone->value().substr(0, 11));
        ASSERT_TRUE(hits.ok()) << hits.error().message;
        EXPECT_FALSE(hits->empty());
        auto byTail = dev.get<core::CustomerSearch>().search(phone->value().substr(4, 5));
        ASSERT_TRUE(byTail.ok()) << byTail.error().message;
        EXPECT_FALSE(byTail->empty());
        EXPECT_TRUE(dev.db().exec("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')").ok());
        auto v = core::verifyStore(dev);
        ASSERT_TRUE(v.ok());
        EXPECT_TRUE(v->problems.empty()) << v->problems[0];
    }
}

TEST(Snapshot, TheHubLeavesNoFilesBehind) {
    SnapshotWorld s;
    ASSERT_TRUE(s.fresh->exchange().ok());
    for (const auto& e : std::filesystem::directory_iterator(s.dir.path())) {
        EXPECT_EQ(e.path().filename().string().find("-snap-"), std::string::npos) << e.path();
        EXPECT_NE(e.path().extension(), ".snapshot") << e.path();
    }
}

}  // namespace
}  // namespace fc::sync
