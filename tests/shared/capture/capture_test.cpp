// Capture completeness: every service write lands in the outbox, column for column. The outbox is
// replayed into an empty database and every synced table must come out identical; writes that
// bypass the services are refused by the database itself.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "shared/capture/tables.hpp"
#include "shared/customers/customer_import.hpp"
#include "shared/demo/seed.hpp"
#include "shared/db/migrations.hpp"
#include "shared/services.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using test::expectIntegrityOk;
using test::TempDir;

SqlValue fromJson(const nlohmann::json& v) {
    if (v.is_null()) return SqlValue::null();
    if (v.is_number_integer()) return SqlValue::integer(v.get<int64_t>());
    return SqlValue::text(v.get<std::string>());
}

// Applies the outbox of `from` to `to` the simplest possible way. Kept independent of the sync
// engine on purpose: it checks what was captured, not how it is merged.
void replayOutbox(Db& from, Db& to, const std::string& device) {
    auto s = from.prepare("SELECT seq, hlc, tbl, row_id, op, payload FROM outbox ORDER BY seq");
    ASSERT_TRUE(s.ok()) << s.error().message;
    WriteModeScope mode(to, WriteMode::kApply);
    ASSERT_TRUE(to.exec("BEGIN").ok());
    int64_t lastSeq = 0;
    while (true) {
        auto row = s->step();
        ASSERT_TRUE(row.ok()) << row.error().message;
        if (!*row) break;
        const int64_t seq = s->getInt(0);
        EXPECT_EQ(seq, lastSeq + 1) << "device sequence has a gap";
        lastSeq = seq;
        const int64_t hlc = s->getInt(1);
        const std::string tbl = s->getText(2);
        const std::string id = s->getText(3);
        const auto op = static_cast<ChangeOp>(s->getInt(4));
        const auto payload = nlohmann::json::parse(s->getText(5));
        const TableDef* t = storeRegistry().schema().find(tbl);
        ASSERT_NE(t, nullptr) << "outbox names unknown table " << tbl;
        if (op == ChangeOp::kInsert || op == ChangeOp::kFact) {
            ASSERT_TRUE(payload.is_array()) << "insert payloads list every column in order";
            ASSERT_EQ(payload.size(), t->columns.size()) << "insert payload must carry every column";
            std::string cols = "id,_hlc,_dev";
            std::string params = "?,?,?";
            for (const auto& c : t->columns) cols += "," + c.name, params += ",?";
            auto ins = to.prepare("INSERT INTO " + tbl + "(" + cols + ") VALUES (" + params + ")");
            ASSERT_TRUE(ins.ok()) << ins.error().message;
            ins->bind(1, id).bind(2, hlc).bind(3, device);
            int i = 4;
            for (const auto& v : payload) ins->bind(i++, fromJson(v));
            auto r = ins->run();
            ASSERT_TRUE(r.ok()) << r.error().message;
        } else {
            ASSERT_TRUE(t->isMaster());
            for (auto& [col, value] : payload.items()) {
                ASSERT_GE(t->columnIndex(col), 0) << "unknown column " << col;
                auto upd = to.prepare("UPDATE " + tbl + " SET " + col + " = ? WHERE id = ?");
                ASSERT_TRUE(upd.ok());
                upd->bind(1, fromJson(value)).bind(2, id);
                ASSERT_TRUE(upd->run().ok());
            }
        }
    }
    ASSERT_TRUE(to.exec("COMMIT").ok());
}

std::vector<std::vector<SqlValue>> dumpTable(Db& db, const TableDef& t) {
    std::string cols = "id";
    for (const auto& c : t.columns) cols += "," + c.name;
    auto s = db.prepare("SELECT " + cols + " FROM " + t.name + " ORDER BY id");
    std::vector<std::vector<SqlValue>> rows;
    if (!s) {
        ADD_FAILURE() << s.error().message;
        return rows;
    }
    while (s->step().valueOr(false)) {
        std::vector<SqlValue> row;
        for (int i = 0; i < s->columnCount(); ++i) row.push_back(s->getValue(i));
        rows.push_back(std::move(row));
    }
    return rows;
}

void expectReplayEqual(StoreServices& s, const TempDir& dir) {
    auto replica = Db::open(dir.file("replica.db"));
    ASSERT_TRUE(replica.ok());
    ASSERT_TRUE(migrate(*replica, storeRegistry().schema().migrations()).ok());
    replayOutbox(s.db(), *replica, s.store().device().deviceId);
    for (const TableDef* t : storeRegistry().schema().tables()) {
        const auto original = dumpTable(s.db(), *t);
        const auto replayed = dumpTable(*replica, *t);
        ASSERT_EQ(original.size(), replayed.size()) << t->name << ": row count differs";
        for (size_t r = 0; r < original.size(); ++r)
            for (size_t c = 0; c < original[r].size(); ++c)
                EXPECT_EQ(original[r][c], replayed[r][c])
                    << t->name << " row " << original[r][0].s << " column "
                    << (c == 0 ? "id" : t->columns[c - 1].name) << ": "
                    << original[r][c].toString() << " vs " << replayed[r][c].toString();
    }
    expectIntegrityOk(*replica);
}

class CaptureTest : public test::StoreTest {
protected:
    std::unique_ptr<StoreServices>& services = s;
};

TEST_F(CaptureTest, EveryServiceWriteIsCapturedColumnForColumn) {
    auto& c = services->get<CustomerService>();
    CustomerInput in;
    in.name = "王芳";
    in.phones = {"13800138000"};
    in.address = "广东省深圳市南山区科技园路1号";
    in.wechatId = "wxid_wf01";
    in.source = "referral";
    in.consentContact = true;
    in.consentData = false;
    auto a = c.createCustomer(in);
    ASSERT_TRUE(a.ok()) << a.error().message;
    clock.advance(1000);
    auto b = c.createCustomer({.name = "赟鬯犇", .phones = {"13912345678", "13700001111"}});
    ASSERT_TRUE(b.ok()) << b.error().message;

    // Every editable customer field.
    CustomerPatch patch;
    patch.name = "王芳芳";
    patch.phones = std::vector<std::string>{"13800138001"};
    patch.address = "上海市浦东新区";
    patch.wechatId = "wxid_new";
    patch.source = "campaign";
    patch.segment = "owner";
    patch.notes = "喜欢周末保养";
    auto upd = c.updateCustomer(*a, patch);
    ASSERT_TRUE(upd.ok() && *upd) << (upd.ok() ? "" : upd.error().message);
    ASSERT_TRUE(c.addPhone(*a, "13600000000").ok());
    ASSERT_TRUE(c.removePhone(*b, "13700001111").ok());
    ASSERT_TRUE(c.setConsent(*a, ConsentKind::kDataUse, true, "kiosk").ok());
    ASSERT_TRUE(c.setConsent(*b, ConsentKind::kContact, false, "office").ok());

    // Vehicles: add, edit every field, transfer, odometer, delete.
    VehicleInput v;
    v.plate = "粤B12345";
    v.vin = "LSVAU2180N2183294";
    v.acceptVinCheckDigit = true;
    v.make = "大众";
    v.model = "朗逸";
    v.year = 2022;
    v.colour = "白";
    v.odometerKm = 12000;
    auto car = c.addVehicle(*a, v);
    ASSERT_TRUE(car.ok()) << car.error().message;
    VehiclePatch vp;
    vp.plate = "粤B54321";
    vp.vin = "11111111111111111";
    vp.make = "丰田";
    vp.model = "卡罗拉";
    vp.year = 2021;
    vp.colour = "黑";
    ASSERT_TRUE(c.updateVehicle(*car, vp).ok());
    ASSERT_TRUE(c.recordOdometer(*car, 15000, "check-in").ok());
    ASSERT_TRUE(c.transferVehicle(*car, *b, "二手转让").ok());
    auto car2 = c.addVehicle(*b, {.plate = "沪AD12345"});
    ASSERT_TRUE(car2.ok()) << car2.error().message;
    ASSERT_TRUE(c.deleteVehicle(*car2).ok());
    ASSERT_TRUE(c.deleteCustomer(*a).ok());

    // The bulk paths: a CSV import and demo seeding.
    auto imported = services->get<CustomerImport>().importCsvBytes("姓名,手机,车牌,VIN,里程,同意联系\n韩梅梅,13500135000,京A12345,,8000,是\n",
        "c.csv", {});
    ASSERT_TRUE(imported.ok() && imported->imported);
    auto seeded = seedDemo(*services, {.seed = 3, .customers = 40});
    ASSERT_TRUE(seeded.ok()) << seeded.error().message;
    EXPECT_GT(seeded->staff, 0u);
    EXPECT_GT(seeded->appointments, 0u);
    EXPECT_GT(seeded->visits, 0u);

    expectReplayEqual(*services, dir);
    expectIntegrityOk(services->db());
}

// Staff, sign-ins, appointments, check-ins and visits go through the same path.
TEST_F(CaptureTest, StaffAppointmentAndCheckInWritesAreCapturedColumnForColumn) {
    services->get<StaffService>().setHashLimits(PinHashLimits::minimum());
    auto admin = services->get<StaffService>().bootstrapAdmin("赵敏", "246810", "FC-STAFF-0001");
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    auto session = services->get<SessionManager>().signInByPin(*admin, "246810");
    ASSERT_TRUE(session.ok()) << session.error().message;
    auto tech = services->get<StaffService>().createStaff(*session, {.name = "王强",
                                                       .role = StaffRole::kTechnician,
                                                       .badgeCode = "FC-STAFF-0004",
                                                       .pin = "271828"});
    ASSERT_TRUE(tech.ok()) << tech.error().message;
    ASSERT_TRUE(services->get<StaffService>()
                    .updateStaff(*session, *tech, {.name = "王小强", .role = StaffRole::kAdvisor})
                    .ok());
    ASSERT_TRUE(services->get<StaffService>().setPin(*session, *tech, "583920").ok());
    ASSERT_TRUE(services->get<StaffService>().deactivate(*session, *tech).ok());
    ASSERT_TRUE(services->get<StaffService>().reactivate(*session, *tech).ok());
    EXPECT_FALSE(services->get<SessionManager>().signInByPin(*tech, "000111").ok());  // a failed attempt
    EXPECT_FALSE(services->get<SessionManager>().signInByPinOnly("702194").ok());
    ASSERT_TRUE(services->get<SessionManager>().signInByBadge("FC-STAFF-0004").ok());
    clock.advance(10 * 60'000);
    ASSERT_TRUE(services->get<SessionManager>().current().ok());  // timed out: the sign-out is recorded
    ASSERT_TRUE(services->get<SessionManager>().signInByPinOnly("246810").ok());
    ASSERT_TRUE(services->get<SessionManager>().signOut().ok());

    auto c = services->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13812341234"}});
    ASSERT_TRUE(c.ok());
    auto v = services->get<CustomerService>().addVehicle(*c, {.plate = "京A12345", .odometerKm = 40'000});
    ASSERT_TRUE(v.ok());
    const int64_t at = clock.nowMs() + 3'600'000;
    auto appt = services->get<AppointmentService>().book({.customerId = *c,
                                             .vehicleId = *v,
                                             .scheduledAt = at,
                                             .services = {"oil_filter"},
                                             .notes = "电话预约"});
    ASSERT_TRUE(appt.ok()) << appt.error().message;
    ASSERT_TRUE(services->get<AppointmentService>().reschedule(*appt, at + 1'800'000).ok());
    ASSERT_TRUE(services->get<AppointmentService>().setServices(*appt, {"oil_filter", "wash_detail"}).ok());
    ASSERT_TRUE(services->get<AppointmentService>().setNotes(*appt, "改约").ok());
    CheckInRequest byAppointment;
    byAppointment.appointmentId = *appt;
    byAppointment.odometerKm = 41'000;
    byAppointment.complaint = "空调不凉";
    byAppointment.consent = ConsentAnswers{ConsentAnswer::kGranted, ConsentAnswer::kWithdrawn, "pipl-2026-01"};
    byAppointment.signature =
        SignatureInput{.width = 400, .height = 200, .strokes = {{{10, 10}, {50, 80}}}};
    auto visit = services->get<CheckInService>().checkIn(byAppointment);
    ASSERT_TRUE(visit.ok()) << visit.error().message;
    ASSERT_TRUE(services->get<VisitService>().setStatus(visit->visitId, VisitStatus::kReady).ok());
    CheckInRequest walkIn;
    walkIn.channel = "office";
    walkIn.staffId = *admin;
    walkIn.walkIn = WalkInInput{.plate = "粤B88A88", .phone = "13700001111", .name = "陈"};
    walkIn.services = {"diagnosis"};
    walkIn.odometerKm = 5'000;
    ASSERT_TRUE(services->get<CheckInService>().checkIn(walkIn).ok());
    auto other = services->get<AppointmentService>().book({.customerId = *c,
                                              .vehicleId = *v,
                                              .scheduledAt = at,
                                              .services = {"diagnosis"},
                                              .channel = BookingChannel::kWeb});
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(services->get<AppointmentService>().cancel(*other).ok());

    // Bays, bookings on them, the queue and revealed phones.
    BayService& bays = services->get<BayService>();
    auto lift = bays.create({.code = "B1", .nameZh = "1号举升位", .kind = BayKind::kLift});
    ASSERT_TRUE(lift.ok()) << lift.error().message;
    auto wash = bays.create({.code = "W1", .nameZh = "洗车位", .kind = BayKind::kWash, .sortOrder = 9});
    ASSERT_TRUE(wash.ok());
    ASSERT_TRUE(bays.update(*lift, {.nameEn = "Lift 1", .sortOrder = 1}).ok());
    ASSERT_TRUE(bays.deactivate(*wash).ok());
    auto onLift = services->get<AppointmentService>().book({.customerId = *c,
                                                            .vehicleId = *v,
                                                            .scheduledAt = at + 7'200'000,
                                                            .services = {"diagnosis"},
                                                            .bayId = *lift});
    ASSERT_TRUE(onLift.ok()) << onLift.error().message;
    ASSERT_TRUE(services->get<AppointmentService>().moveTo(*onLift, at + 9'000'000, std::nullopt).ok());
    ASSERT_TRUE(services->get<AppointmentService>().moveTo(*onLift, at + 9'000'000, *lift).ok());
    auto called = services->get<VisitService>().callNext(*admin, "1号台");
    ASSERT_TRUE(called.ok() && called->has_value()) << (called.ok() ? "nobody waits" : called.error().message);
    clock.advance(60'000);
    ASSERT_TRUE(services->get<VisitService>().recall((*called)->id, *admin).ok());
    ASSERT_TRUE(services->get<CustomerAccessLog>().revealPhone(*c, *admin, "回电确认").ok());

    for (const char* table : {"staff", "staff_session_events", "appointments", "visits", "bays",
                              "customer_access_events"})
        EXPECT_GT(
            services->db().queryInt(std::string("SELECT count(*) FROM ") + table)->value_or(0), 0)
            << table;
    expectReplayEqual(*services, dir);
    expectIntegrityOk(services->db());
}

TEST_F(CaptureTest, UnchangedValuesAreNotCaptured) {
    auto id = services->get<CustomerService>().createCustomer({.name = "李雷", .phones = {"13800000001"}});
    ASSERT_TRUE(id.ok());
    auto before = services->db().queryInt("SELECT count(*) FROM outbox");
    CustomerPatch same;
    same.name = "李雷";
    auto r = services->get<CustomerService>().updateCustomer(*id, same);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(*r);
    EXPECT_EQ(services->db().queryInt("SELECT count(*) FROM outbox")->value(), before->value());
}

TEST_F(CaptureTest, UpdatePayloadHoldsOnlyChangedColumnsWithColumnVersions) {
    auto id = services->get<CustomerService>().createCustomer({.name = "李雷", .phones = {"13800000001"}});
    ASSERT_TRUE(id.ok());
    CustomerPatch p;
    p.name = "李磊";
    p.notes = "";  // unchanged (already empty)
    ASSERT_TRUE(services->get<CustomerService>().updateCustomer(*id, p).ok());
    auto payload = services->db().queryText("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1");
    ASSERT_TRUE(payload.ok());
    EXPECT_EQ(payload->value(), "{\"name\":\"李磊\"}");
    auto versions = services->db().queryInt(
        "SELECT count(*) FROM col_versions WHERE tbl = 'customers' AND col = 'name'");
    EXPECT_EQ(versions->value(), 1);
}

TEST_F(CaptureTest, WritesThatBypassTheServicesAreRefused) {
    auto id = services->get<CustomerService>().createCustomer(
        {.name = "韩梅梅", .phones = {"13800000002"}, .consentContact = true});
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(services->get<CustomerService>().addVehicle(*id, {.plate = "京A12345"}).ok());
    Db& db = services->db();
    for (const char* sql :
         {"UPDATE customers SET name = 'x'", "DELETE FROM customers",
          "INSERT INTO customers(id, store_id, name, created_at, _hlc, _dev) "
          "VALUES ('x', 's', 'n', 0, 0, 'd')",
          "UPDATE vehicles SET plate = 'x'", "INSERT INTO consent_events(id, store_id, customer_id, "
                                              "kind, granted, at, _hlc, _dev) VALUES "
                                              "('e','s','c','contact',1,0,0,'d')"}) {
        auto r = db.exec(sql);
        ASSERT_FALSE(r.ok()) << sql << " was allowed";
        EXPECT_NE(r.error().message.find("bypasses change capture"), std::string::npos)
            << r.error().message;
    }
    // Facts cannot be changed even by code that claims to be the capture path.
    WriteModeScope mode(db, WriteMode::kCapture);
    auto r = db.exec("UPDATE consent_events SET granted = 0");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("never updated"), std::string::npos);
}

TEST_F(CaptureTest, WriterRefusesWritesOutsideATransaction) {
    Row row(tables::kStores.columns.size());
    auto r = services->store().writer().insert(tables::kStores, "x", row);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("outside a transaction"), std::string::npos);
}

TEST_F(CaptureTest, RolledBackWorkLeavesNoOutboxGap) {
    Db& db = services->db();
    {
        Tx tx(db);
        ASSERT_TRUE(tx.begin().ok());
        ASSERT_TRUE(services->get<CustomerService>().createCustomerInTx({.name = "甲", .phones = {"13800000003"}}).ok());
        // tx goes out of scope: rolled back
    }
    ASSERT_TRUE(services->get<CustomerService>().createCustomer({.name = "乙乙", .phones = {"13800000004"}}).ok());
    auto gaps = db.queryInt("SELECT count(*) FROM outbox o WHERE seq > 1 AND NOT EXISTS "
                            "(SELECT 1 FROM outbox p WHERE p.seq = o.seq - 1)");
    EXPECT_EQ(gaps->value(), 0);
    auto phone = services->get<CustomerService>().findCustomerByPhone("13800000003");
    ASSERT_TRUE(phone.ok());
    EXPECT_FALSE(phone->has_value()) << "the rolled-back customer's phone must not be indexed";
    expectIntegrityOk(db);
}

// The registry, the schema and the guard triggers agree: a new synced table or column that is
// not registered (and so not captured) fails here.
TEST(CaptureSchema, EverySyncedTableIsRegisteredAndGuarded) {
    TempDir dir;
    auto db = Db::open(dir.file("s.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(migrate(*db, storeRegistry().schema().migrations()).ok());
    const std::set<std::string> local = {
        "local_device",  "local_state",        "local_sync",         "outbox",
        "col_versions",  "parked_changes",     "customer_phone_idx", "search_doc",
        "search_bigram", "local_signin_guard", "local_counters", "local_store_secrets",
        "local_job_state", "local_catalogue_seed", "local_stock", "local_part_stock", "local_count_state",
        "local_count_serials", "local_count_devices"};
    auto s = db->prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
        "name NOT LIKE 'search_fts%'");
    ASSERT_TRUE(s.ok());
    std::vector<std::string> names;
    while (s->step().valueOr(false)) names.push_back(s->getText(0));
    for (const auto& name : names) {
        if (local.count(name)) continue;
        const TableDef* t = storeRegistry().schema().find(name);
        ASSERT_NE(t, nullptr) << "table " << name << " is neither synced (registered) nor local";
        auto info = db->prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
        info->bind(1, name);
        std::vector<std::string> actual;
        while (info->step().valueOr(false)) actual.push_back(info->getText(0));
        std::vector<std::string> expected = {"id"};
        for (const auto& c : t->columns) expected.push_back(c.name);
        expected.push_back("_hlc");
        expected.push_back("_dev");
        EXPECT_EQ(actual, expected) << "registry and schema disagree on " << name;
        auto triggers = db->prepare(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND "
            "name LIKE '%_guard_%'");
        triggers->bind(1, name);
        ASSERT_TRUE(triggers->step().valueOr(false));
        EXPECT_EQ(triggers->getInt(0), 3) << name << " lacks its guard triggers";
    }
    for (const TableDef* t : storeRegistry().schema().tables())
        EXPECT_NE(std::find(names.begin(), names.end(), t->name), names.end()) << t->name;
}

}  // namespace
}  // namespace fc::core
