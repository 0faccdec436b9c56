// The registry collects every domain's declarations and refuses mistakes in them: a grant that
// names a column its table does not have, a fact that could be changed, a table two domains define,
// a gap in the migration numbers. The store's own registry has none; each kind of mistake in a
// made-up domain is reported naming the domain and what is wrong.
#include "shared/registry.hpp"

#include <gtest/gtest.h>

#include "shared/capture/row.hpp"
#include "shared/verify.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using namespace columns;

const TableDef kParts{"tools", TableKind::kMaster,
                      {text("store_id"), text("sku"), integer("price_fen"), integer("deleted_at")}};
const TableDef kMovements{"tool_loans", TableKind::kFact,
                          {text("store_id"), ref("tool_id", "tools"), integer("qty")}};

Status noop(Db&) { return {}; }

// A made-up stock domain on top of the store's own, with `change` applied to it.
std::vector<std::string> problemsWith(const std::function<void(Domain&)>& change) {
    static Domain stock;
    stock = Domain{.name = "toolroom",
                   .tables = {&kParts, &kMovements},
                   .migrations = {{storeRegistry().schema().version() + 1, "parts, movements", noop}},
                   .grants = {{DeviceRole::kWarehouse, &kParts, true, false, {"sku", "price_fen"}},
                              {DeviceRole::kWarehouse, &kMovements, true}}};
    change(stock);
    std::vector<const Domain*> domains = storeDomains();
    domains.push_back(&stock);
    return Registry(domains).problems();
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += s + "\n";
    return out;
}

TEST(Registry, TheStoresDomainsDeclareNoMistakes) {
    EXPECT_TRUE(storeRegistry().problems().empty()) << joined(storeRegistry().problems());
    EXPECT_TRUE(problemsWith([](Domain&) {}).empty()) << joined(problemsWith([](Domain&) {}));
}

TEST(Registry, AGrantNamingAColumnThatDoesNotExistIsAnError) {
    const auto p = problemsWith([](Domain& d) { d.grants[0].update = {"sku", "prise_fen"}; });
    ASSERT_EQ(p.size(), 1u) << joined(p);
    EXPECT_EQ(p[0], "domain 'toolroom': grant for warehouse devices names column tools.prise_fen, which does not exist");
}

TEST(Registry, AGrantOnATableNoDomainRegistersIsAnError) {
    static const TableDef stray{"stray", TableKind::kMaster, {text("store_id"), integer("deleted_at")}};
    const auto p = problemsWith([](Domain& d) { d.grants.push_back({DeviceRole::kOffice, &stray, true}); });
    ASSERT_EQ(p.size(), 1u) << joined(p);
    EXPECT_NE(p[0].find("names table stray, which no domain registers"), std::string::npos) << p[0];
}

TEST(Registry, FactsCanOnlyBeAdded) {
    const auto p = problemsWith([](Domain& d) { d.grants[1].update = {"qty"}; });
    ASSERT_EQ(p.size(), 1u) << joined(p);
    EXPECT_NE(p[0].find("tool_loans: facts are never changed or deleted"), std::string::npos) << p[0];
}

TEST(Registry, ATableDefinedTwiceIsAnError) {
    const auto p = problemsWith([](Domain& d) { d.tables.push_back(&tables::kCustomers); });
    ASSERT_FALSE(p.empty());
    EXPECT_NE(joined(p).find("table customers is defined by two domains"), std::string::npos) << joined(p);
}

TEST(Registry, MigrationsMustBeNumberedWithoutGaps) {
    const auto p = problemsWith([](Domain& d) { d.migrations[0].version += 1; });
    ASSERT_EQ(p.size(), 1u) << joined(p);
    EXPECT_NE(p[0].find("migrations jump from version"), std::string::npos) << p[0];
}

TEST(Registry, ReferencesAndTheShapeOfMasterTablesAreChecked) {
    static const TableDef orphan{"orphan_facts", TableKind::kFact,
                                 {text("store_id"), ref("shelf_id", "shelves")}};
    static const TableDef noTombstone{"no_tombstone", TableKind::kMaster, {text("store_id"), text("x")}};
    const auto p = problemsWith([](Domain& d) { d.tables = {&kParts, &kMovements, &orphan, &noTombstone}; });
    const std::string all = joined(p);
    EXPECT_NE(all.find("orphan_facts.shelf_id references shelves, which is not a synced table"), std::string::npos) << all;
    EXPECT_NE(all.find("master table no_tombstone must end with deleted_at"), std::string::npos) << all;
}

TEST(Registry, DeviceRolesWriteWhatTheirDomainsGrantThem) {
    const Registry& r = storeRegistry();
    EXPECT_EQ(r.checkWrite(DeviceRole::kKiosk, tables::kCustomers, ChangeOp::kUpdate, {"consent_contact"}), "");
    EXPECT_EQ(r.checkWrite(DeviceRole::kKiosk, tables::kCustomers, ChangeOp::kUpdate, {"notes"}),
              "kiosk devices may not change customers.notes");
    EXPECT_EQ(r.checkWrite(DeviceRole::kWarehouse, tables::kVisits, ChangeOp::kInsert, {}),
              "warehouse devices may not write visits");
    EXPECT_EQ(r.checkWrite(DeviceRole::kOffice, tables::kStores, ChangeOp::kInsert, {}),
              "office devices may not add stores");
    EXPECT_EQ(r.checkWrite(DeviceRole::kHub, tables::kStores, ChangeOp::kInsert, {}), "");
    // A device whose enrolment has not finished writes nothing.
    for (const TableDef* t : r.schema().tables())
        EXPECT_NE(r.checkWrite(DeviceRole::kPending, *t, ChangeOp::kInsert, {}), "") << t->name;
}

// A store whose device is a kiosk refuses, before saving, what the hub would refuse from a kiosk;
// what a kiosk may do is saved as usual.
TEST(Registry, AKioskReplicaRefusesOfficeWritesBeforeSaving) {
    test::TempDir dir;
    ManualClock clock;
    auto s = StoreServices::init(dir.file("kiosk.db"), clock, {.deviceName = "自助机", .role = DeviceRole::kKiosk});
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto& customers = (*s)->get<CustomerService>();
    auto id = customers.createCustomer({.name = "王芳", .phones = {"13812341234"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    const int64_t outbox = (*s)->db().queryInt("SELECT count(*) FROM outbox")->value();
    auto renamed = customers.updateCustomer(*id, {.name = "王小芳"});
    ASSERT_FALSE(renamed.ok());
    EXPECT_EQ(renamed.error().code, Errc::kPermission);
    EXPECT_EQ(renamed.error().message, "kiosk devices may not change customers.name");
    EXPECT_FALSE(customers.deleteCustomer(*id).ok());
    EXPECT_EQ((*s)->db().queryInt("SELECT count(*) FROM outbox")->value(), outbox) << "nothing captured";
    EXPECT_EQ(customers.getCustomer(*id)->name, "王芳");
    EXPECT_TRUE(customers.setConsent(*id, ConsentKind::kContact, true, "kiosk").ok());
    test::expectIntegrityOk((*s)->db());
}

// A whole new domain declared in one place — tables, migration, grants, a verify check, a derived
// index and a service — and added to the list: a store opened with that registry creates its
// tables, captures its writes, keeps its index current, holds devices to its grants and verifies
// it. This is all a new domain (work orders, stock) needs outside its own folder.
class OnHandIndex final : public DerivedIndex {
public:
    explicit OnHandIndex(Db& db) : m_db(db) {}
    Status changed(const RowChange& c) override {
        if (&c.table != &kMovements || !c.known()) return {};
        FC_ASSIGN(Stmt * s, m_db.cached("INSERT INTO local_on_hand(tool_id, qty) VALUES (?, ?) ON CONFLICT(tool_id) "
                                        "DO UPDATE SET qty = qty + excluded.qty"));
        s->bindAll((*c.values)[1], (*c.values)[2]);
        return s->run();
    }
    Status rebuild() override {
        FC_TRY(m_db.exec("DELETE FROM local_on_hand"));
        return m_db.exec("INSERT INTO local_on_hand SELECT tool_id, sum(qty) FROM tool_loans GROUP BY tool_id");
    }
    Status loadFrom(const std::string&) override { return rebuild(); }

private:
    Db& m_db;
};

class Ledger {
public:
    explicit Ledger(Store& store) : m_store(store) {}
    Status receive(const std::string& part, int64_t qty) {
        return inTx(m_store.db(), [&]() -> Status {
            FC_ASSIGN(Row row, RowBuilder(kMovements).set("store_id", m_store.storeId()).set("tool_id", part).set("qty", qty).build());
            return m_store.writer().insert(kMovements, m_store.ids().next(), row);
        });
    }

private:
    Store& m_store;
};

TEST(Registry, ANewDomainNeedsItsOwnDeclarationAndOneLine) {
    static const Domain stock{
        .name = "toolroom",
        .tables = {&kParts, &kMovements},
        .migrations = {{storeRegistry().schema().version() + 1, "parts, movements",
                        [](Db& db) -> Status {
                            FC_TRY(db.exec("CREATE TABLE tools(id TEXT PRIMARY KEY, store_id TEXT NOT NULL, sku TEXT NOT NULL, "
                                           "price_fen INTEGER, deleted_at INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL);"
                                           "CREATE TABLE tool_loans(id TEXT PRIMARY KEY, store_id TEXT NOT NULL, tool_id TEXT "
                                           "NOT NULL, qty INTEGER NOT NULL, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL);"
                                           "CREATE TABLE local_on_hand(tool_id TEXT PRIMARY KEY, qty INTEGER NOT NULL);"));
                            FC_TRY(db.exec(guardTriggersSql(kParts)));
                            return db.exec(guardTriggersSql(kMovements));
                        }}},
        .grants = {{DeviceRole::kOffice, &kMovements, true}},
        .checks = {[](VerifyContext& v) {
            return v.expectZero("SELECT count(*) FROM (SELECT tool_id, sum(qty) q FROM tool_loans GROUP BY tool_id "
                                "EXCEPT SELECT tool_id, qty FROM local_on_hand)",
                                "on-hand differs from the movements", "on-hand matches the movements");
        }},
        .services =
            [](ServiceSet& set) {
                set.addIndex<OnHandIndex>(set.store().db());
                set.add<Ledger>(set.store());
            },
    };
    std::vector<const Domain*> domains = storeDomains();
    domains.push_back(&stock);  // the one line
    const Registry registry(domains);
    ASSERT_TRUE(registry.problems().empty()) << joined(registry.problems());

    test::TempDir dir;
    ManualClock clock;
    auto store = Store::init(dir.file("s.db"), clock, registry.schema(), {});
    ASSERT_TRUE(store.ok()) << store.error().message;
    StoreServices s(std::move(store).value(), registry);
    ASSERT_TRUE(s.get<Ledger>().receive("part-1", 10).ok());
    ASSERT_TRUE(s.get<Ledger>().receive("part-1", -3).ok());
    EXPECT_EQ(s.db().queryInt("SELECT qty FROM local_on_hand WHERE tool_id = 'part-1'")->value(), 7);
    EXPECT_EQ(s.db().queryInt("SELECT count(*) FROM outbox WHERE tbl = 'tool_loans'")->value(), 2);
    EXPECT_FALSE(s.db().exec("DELETE FROM tool_loans").ok()) << "guarded like every synced table";
    // The office may add movements; it was granted nothing on parts.
    EXPECT_EQ(registry.checkWrite(DeviceRole::kOffice, kParts, ChangeOp::kInsert, {}), "office devices may not write tools");
    // Verify runs the domain's check; a broken index is found, and rebuilt.
    {
        WriteModeScope mode(s.db(), WriteMode::kMigrate);
        ASSERT_TRUE(s.db().exec("UPDATE local_on_hand SET qty = 99").ok());
    }
    auto broken = verifyStore(s);
    ASSERT_TRUE(broken.ok());
    EXPECT_EQ(broken->problems, std::vector<std::string>{"on-hand differs from the movements (1)"});
    ASSERT_TRUE(s.rebuildIndexes().ok());
    auto fixed = verifyStore(s);
    ASSERT_TRUE(fixed.ok());
    EXPECT_TRUE(fixed->ok()) << joined(fixed->problems);
}

}  // namespace
}  // namespace fc::core
