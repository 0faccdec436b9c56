// The hub validates what it stores (issue 12, items 6 and 7): a stolen or modified kiosk with a
// valid token pushes values the device services would never write — an unknown appointment or
// visit status, a name with NUL or a right-to-left override, phones "999,abc", an odometer of
// −5 km, a sign-in naming another device — and the hub refuses each with a reason naming the
// table, row and column, applies the rest, and `verify` still passes on the hub and on a device
// enrolled afterwards. The same rules refuse the same values on a device before they are saved.
// The hub's own device id is reserved.
#include <gtest/gtest.h>

#include "shared/registry.hpp"
#include "shared/capture/row.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/verify.hpp"
#include "sync/permissions.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using core::RowBuilder;
using core::SqlValue;
using test::SimWorld;

// What the office set up: a customer with a car, an appointment and the store's admin.
struct Office {
    std::string customer, vehicle, appointment, admin;
};

Office setUp(SimWorld& w) {
    auto& office = *w.device(0).services;
    Office s;
    s.customer = office.get<core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}}).value();
    s.vehicle = office.get<core::CustomerService>().addVehicle(s.customer, {.plate = "粤B12345", .odometerKm = 1000}).value();
    auto appt = office.get<core::AppointmentService>().book({.customerId = s.customer, .vehicleId = s.vehicle,
                                                              .scheduledAt = w.clock().nowMs() + 3600'000,
                                                              .services = {"routine_service"}});
    EXPECT_TRUE(appt.ok()) << appt.error().message;
    s.appointment = appt.ok() ? *appt : "";
    office.get<core::StaffService>().setHashLimits(core::PinHashLimits::minimum());
    s.admin = office.get<core::StaffService>().bootstrapAdmin("赵敏", "246810").value();
    w.settle();
    return s;
}

// A write saved by a device whose own checks were removed (policy off): it goes out as is.
template <class F>
void hostile(test::SimDevice& d, F write) {
    core::Store& store = d.services->store();
    store.writer().setPolicy(nullptr);
    core::Tx tx(store.db());
    ASSERT_TRUE(tx.begin().ok());
    auto r = write(store.writer(), store);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(tx.commit().ok());
    store.writer().setPolicy(&core::storeRegistry().policy(store.device().role));
}

core::Row customerRow(core::Store& store, const std::string& name, const std::string& phones) {
    return RowBuilder(core::tables::kCustomers)
        .set("store_id", store.storeId())
        .set("name", name)
        .set("phones", phones)
        .set("address", "")
        .set("wechat_id", "")
        .set("notes", "")
        .set("source", "kiosk")
        .set("segment", "prospect")
        .set("consent_contact", 0)
        .set("consent_data", 0)
        .set("created_at", store.nowMs())
        .build()
        .value();
}

core::Row visitRow(core::Store& store, const Office& s, const std::string& status, const std::string& token) {
    return RowBuilder(core::tables::kVisits)
        .set("store_id", store.storeId())
        .set("customer_id", s.customer)
        .set("vehicle_id", s.vehicle)
        .set("checked_in_at", store.nowMs())
        .set("services", "[\"routine_service\"]")
        .set("service_notes", "")
        .set("complaint", "")
        .set("signature", "")
        .set("consent_text_version", "")
        .set("status", status)
        .set("ticket", "K1-0001")
        .set("status_token", token)
        .set("channel", "kiosk")
        .build()
        .value();
}

core::Row signInRow(core::Store& store, const Office& s, const std::string& device) {
    return RowBuilder(core::tables::kStaffSessionEvents)
        .set("store_id", store.storeId())
        .set("staff_id", s.admin)
        .set("session_id", "sess-1")
        .set("kind", "sign_in")
        .set("method", "badge")
        .set("at", store.nowMs())
        .set("device_id", device)
        .build()
        .value();
}

core::Row readingRow(core::Store& store, const Office& s, int64_t km) {
    return RowBuilder(core::tables::kOdometerReadings)
        .set("store_id", store.storeId())
        .set("vehicle_id", s.vehicle)
        .set("km", km)
        .set("read_at", store.nowMs())
        .set("source", "kiosk")
        .build()
        .value();
}

void expectVerifies(core::StoreServices& services, const std::string& who) {
    auto v = core::verifyStore(services);
    ASSERT_TRUE(v.ok()) << v.error().message;
    for (const auto& p : v->problems) ADD_FAILURE() << who << ": verify: " << p;
}

const std::string kToken = "tok-abcdefghijklmnopqrstuvwxyz";

TEST(HubValues, AStolenKiosksInvalidValuesAreRefusedWithAReasonAndVerifyPasses) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const Office s = setUp(w);
    auto& kiosk = w.device(1);
    const std::string kioskId = kiosk.services->store().device().deviceId;
    const std::string officeId = w.device(0).services->store().device().deviceId;
    const std::string nul("王\0芳", 7);
    struct Case {
        std::string table, row, column;
    };
    std::vector<Case> expected;
    hostile(kiosk, [&](core::ChangeWriter& wr, core::Store& st) -> core::Status {
        // Each refused alone; the valid ones between them are applied.
        FC_TRY(wr.update(core::tables::kAppointments, s.appointment,
                         {{core::tables::kAppointments.columnIndex("status"), SqlValue::text("bogus-status")}}));
        expected.push_back({"appointments", s.appointment, "status"});
        FC_TRY(wr.insert(core::tables::kVisits, "visit-done", visitRow(st, s, "done", kToken + "1")));
        expected.push_back({"visits", "visit-done", "status"});
        FC_TRY(wr.insert(core::tables::kCustomers, "cust-nul", customerRow(st, nul, "13900139000")));
        expected.push_back({"customers", "cust-nul", "name"});
        FC_TRY(wr.insert(core::tables::kCustomers, "cust-rlo",
                         customerRow(st, "王\xE2\x80\xAE" "芳", "13900139001")));
        expected.push_back({"customers", "cust-rlo", "name"});
        FC_TRY(wr.insert(core::tables::kCustomers, "cust-phones", customerRow(st, "李雷", "999,abc")));
        expected.push_back({"customers", "cust-phones", "phones"});
        FC_TRY(wr.insert(core::tables::kOdometerReadings, "reading-neg", readingRow(st, s, -5)));
        expected.push_back({"odometer_readings", "reading-neg", "km"});
        FC_TRY(wr.update(core::tables::kVehicles, s.vehicle,
                         {{core::tables::kVehicles.columnIndex("odometer_km"), SqlValue::integer(-5)}}));
        expected.push_back({"vehicles", s.vehicle, "odometer_km"});
        FC_TRY(wr.insert(core::tables::kStaffSessionEvents, "signin-other", signInRow(st, s, officeId)));
        expected.push_back({"staff_session_events", "signin-other", "device_id"});
        // Valid: a self check-in, a reading and a sign-in on this kiosk.
        FC_TRY(wr.insert(core::tables::kVisits, "visit-ok", visitRow(st, s, "waiting", kToken + "2")));
        FC_TRY(wr.insert(core::tables::kOdometerReadings, "reading-ok", readingRow(st, s, 1200)));
        FC_TRY(wr.insert(core::tables::kStaffSessionEvents, "signin-mine", signInRow(st, s, kioskId)));
        return {};
    });
    auto r = kiosk.client->push();
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->refusals.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const std::string& why = r->refusals[i].reason;
        const Case& c = expected[i];
        EXPECT_EQ(why.rfind(c.table + " " + c.row + ": " + c.column + " ", 0), 0u) << why;
        for (const char* internal : {"SELECT", "INSERT", "sqlite", "constraint"})
            EXPECT_EQ(why.find(internal), std::string::npos) << why;
        EXPECT_EQ(why.find('\0'), std::string::npos);
        EXPECT_EQ(why.find("\xE2\x80\xAE"), std::string::npos);
    }
    auto& hub = w.hub().services();
    auto& db = hub.db();
    EXPECT_EQ(db.queryText("SELECT status FROM appointments WHERE id = '" + s.appointment + "'")->value(), "booked");
    EXPECT_EQ(db.queryInt("SELECT odometer_km FROM vehicles WHERE id = '" + s.vehicle + "'")->value(), 1000);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM customers")->value(), 1);
    EXPECT_EQ(db.queryText("SELECT group_concat(id) FROM visits")->value(), "visit-ok");
    EXPECT_EQ(db.queryText("SELECT group_concat(id) FROM odometer_readings WHERE km > 1000")->value(), "reading-ok");
    EXPECT_EQ(db.queryText("SELECT group_concat(id) FROM staff_session_events")->value(), "signin-mine");
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM hub_log WHERE row_id IN ('visit-done', 'cust-nul', 'cust-rlo', "
                          "'cust-phones', 'reading-neg', 'signin-other')")->value(), 0);
    // Audited as refused.
    auto audit = w.hub().audit(50);
    ASSERT_TRUE(audit.ok());
    size_t refused = 0;
    for (const auto& line : *audit) refused += line.find(" refused: ") != std::string::npos;
    EXPECT_EQ(refused, expected.size());
    // The hub, the office and a newly enrolled device all verify.
    expectVerifies(hub, "hub");
    w.settle();
    expectVerifies(*w.device(0).services, "office");
    auto code = w.hub().makeEnrolCode(core::DeviceRole::kOffice);
    ASSERT_TRUE(code.ok());
    core::InitOptions opt;
    opt.storeId = w.hub().storeId();
    opt.deviceName = "new";
    opt.role = core::DeviceRole::kOffice;
    opt.prefix = "N1";
    auto fresh = core::StoreServices::init(dir.file("new.db"), w.clock(), opt);
    ASSERT_TRUE(fresh.ok()) << fresh.error().message;
    auto e = w.hub().enrol(*code, (*fresh)->store().device().deviceId, "new");
    ASSERT_TRUE(e.ok()) << e.error().message;
    SyncClient client(**fresh, w.direct());
    ASSERT_TRUE(client.setCredentials("inproc://hub", e->token));
    auto x = client.exchange();
    ASSERT_TRUE(x.ok()) << x.error().message;
    expectVerifies(**fresh, "new device");
    EXPECT_EQ(test::dumpSynced((*fresh)->db()), test::dumpSynced(db));
}

// One definition: the device's write path refuses the same rows with the same reason, before
// anything is saved, whichever service (or none) tries to write them.
TEST(HubValues, TheDevicesWritePathRefusesTheSameRowsWithTheSameReason) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const Office s = setUp(w);
    auto& kiosk = w.device(1);
    core::Store& st = kiosk.services->store();
    const int64_t outbox = kiosk.services->db().queryInt("SELECT count(*) FROM outbox")->value();
    auto attempt = [&](auto write) -> std::string {
        core::Tx tx(st.db());
        EXPECT_TRUE(tx.begin().ok());
        core::Status r = write(st.writer());
        EXPECT_FALSE(r.ok());
        return r.ok() ? "" : r.error().message;
    };
    EXPECT_EQ(attempt([&](core::ChangeWriter& wr) {
                  return wr.insert(core::tables::kVisits, "visit-done", visitRow(st, s, "done", kToken + "1"));
              }),
              "visits visit-done: status is not one of: waiting, in_service, ready, collected");
    EXPECT_EQ(attempt([&](core::ChangeWriter& wr) {
                  return wr.insert(core::tables::kCustomers, "cust-phones", customerRow(st, "李雷", "999,abc"));
              }).rfind("customers cust-phones: phones ", 0),
              0u);
    EXPECT_EQ(attempt([&](core::ChangeWriter& wr) {
                  return wr.insert(core::tables::kStaffSessionEvents, "signin-other", signInRow(st, s, "someone-else"));
              }),
              "staff_session_events signin-other: device_id names a device other than the one that wrote it");
    EXPECT_EQ(attempt([&](core::ChangeWriter& wr) {
                  auto u = wr.update(core::tables::kVehicles, s.vehicle,
                                     {{core::tables::kVehicles.columnIndex("odometer_km"), SqlValue::integer(-5)}});
                  return u ? core::Status{} : core::Status{u.error()};
              }).rfind("vehicles " + s.vehicle + ": odometer_km ", 0),
              0u);
    EXPECT_EQ(kiosk.services->db().queryInt("SELECT count(*) FROM outbox")->value(), outbox);
    // The service's own check is the same definition: a right-to-left override is not a name.
    auto rlo = w.device(0).services->get<core::CustomerService>().createCustomer(
        {.name = "王\xE2\x80\xAE" "芳", .phones = {"13900139000"}});
    ASSERT_FALSE(rlo.ok());
    EXPECT_EQ(rlo.error().code, core::Errc::kInvalid);
    // And the hub's check of a pushed change gives the same reason as the device's.
    Change c;
    c.table = &core::tables::kVisits;
    c.id = "visit-done";
    c.op = core::ChangeOp::kInsert;
    c.data = nlohmann::json::array();
    for (const auto& v : visitRow(st, s, "done", kToken + "1")) c.data.push_back(sqlToJson(v));
    auto why = checkValues(c, kiosk.services->store().device().deviceId, w.hub().services().db());
    ASSERT_TRUE(why.ok());
    EXPECT_EQ(*why, "visits visit-done: status is not one of: waiting, in_service, ready, collected");
}

TEST(HubValues, TheHubsOwnDeviceIdIsReservedAndCannotPush) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    const std::string hubId = w.hub().services().store().device().deviceId;
    for (const std::string& id : {hubId, std::string("admin"), std::string("hub")}) {
        auto code = w.hub().makeEnrolCode(core::DeviceRole::kOffice);
        ASSERT_TRUE(code.ok());
        auto e = w.hub().enrol(*code, id, "not the hub");
        ASSERT_FALSE(e.ok()) << id << " was enrolled";
        EXPECT_NE(e.error().message.find("reserved"), std::string::npos) << e.error().message;
    }
    EXPECT_EQ(w.hub().services().db().queryInt("SELECT count(*) FROM hub_devices WHERE device_id = '" + hubId + "'")->value(), 0);
    // A push in the hub's name is refused whole, whatever holds the token.
    PushRequest req;
    req.deviceId = hubId;
    req.schema = core::storeRegistry().schema().version();
    PushError err;
    auto r = w.hub().push(HubDevice{hubId, "x", core::DeviceRole::kOffice, 0, false}, req, &err);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(err.kind, PushError::Kind::kWrongDevice);
    EXPECT_TRUE(w.hub().checkDeviceId(w.device(0).services->store().device().deviceId).ok());
    EXPECT_FALSE(w.hub().checkDeviceId(hubId).ok());
}

// A hub database in which a device already holds the hub's id (enrolled before the check): the
// hub revokes it when it opens.
TEST(HubValues, ADeviceHoldingTheHubsIdIsRevokedWhenTheHubOpens) {
    fc::test::TempDir dir;
    core::ManualClock clock;
    std::string hubId;
    {
        auto hub = Hub::open(dir.file("hub.db"), clock);
        ASSERT_TRUE(hub.ok());
        hubId = (*hub)->services().store().device().deviceId;
        auto& db = (*hub)->services().db();
        core::WriteModeScope mode(db, core::WriteMode::kMigrate);
        ASSERT_TRUE(db.exec("DROP TRIGGER hub_devices_reserved_ids").ok());
        ASSERT_TRUE(db.exec("INSERT INTO hub_devices(device_id, name, role, token_hash, enrolled_at) VALUES ('" +
                            hubId + "', 'evil', 'office', '" + hashSecret("stolen") + "', 1)")
                        .ok());
    }
    auto hub = Hub::open(dir.file("hub.db"), clock);
    ASSERT_TRUE(hub.ok()) << hub.error().message;
    auto who = (*hub)->authenticate("stolen");
    EXPECT_FALSE(who.ok()) << "the token of a device holding the hub's id still works";
    // And the trigger is back.
    auto code = (*hub)->makeEnrolCode(core::DeviceRole::kOffice);
    ASSERT_TRUE(code.ok());
    EXPECT_FALSE((*hub)->enrol(*code, hubId, "again").ok());
}

}  // namespace
}  // namespace fc::sync
