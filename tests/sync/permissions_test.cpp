// Role × table × column rules for staff, sign-in events, bays, revealed phones, appointments and
// visits, unit by unit and through the hub: a kiosk's self check-in is accepted whole; what a kiosk
// or tablet may not write is refused and the rest applied.
#include "sync/permissions.hpp"

#include <gtest/gtest.h>

#include "shared/verify.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using nlohmann::json;
using test::SimWorld;

Change change(const core::TableDef& t, core::ChangeOp op, json data = json::object()) {
    Change c;
    c.table = &t;
    c.id = "row-1";
    c.op = op;
    c.data = std::move(data);
    return c;
}

std::string why(const std::string& role, const Change& c) {
    const auto r = core::parseDeviceRole(role);
    EXPECT_TRUE(r.has_value()) << role;
    return r ? checkWrite(*r, c) : "unknown role";
}

bool allowed(const std::string& role, const Change& c) { return why(role, c).empty(); }

TEST(Permissions, StaffRecordsAreWrittenInTheOfficeOnly) {
    using core::ChangeOp;
    const auto& staff = core::tables::kStaff;
    EXPECT_TRUE(allowed("office", change(staff, ChangeOp::kInsert)));
    EXPECT_TRUE(allowed("office",
                        change(staff, ChangeOp::kUpdate, {{"pin_hash", "x"}, {"role", "admin"}})));
    EXPECT_TRUE(allowed("office", change(staff, ChangeOp::kTombstone, {{"deleted_at", 1}})));
    for (const char* role : {"kiosk", "workshop", "warehouse", "hub"}) {
        EXPECT_FALSE(allowed(role, change(staff, ChangeOp::kInsert))) << role;
        EXPECT_FALSE(allowed(role, change(staff, ChangeOp::kUpdate, {{"pin_hash", "x"}}))) << role;
    }
    EXPECT_EQ(why("kiosk", change(staff, ChangeOp::kUpdate, {{"role", "admin"}})),
              "kiosk devices may not write staff");
    // Every device records who signed in on it.
    for (const char* role : {"office", "kiosk", "workshop", "warehouse"})
        EXPECT_TRUE(allowed(role, change(core::tables::kStaffSessionEvents, ChangeOp::kFact)))
            << role;
}

TEST(Permissions, OnlyTheOfficeRevealsPhonesAndSetsUpBays) {
    using core::ChangeOp;
    const auto& access = core::tables::kCustomerAccessEvents;
    const auto& bays = core::tables::kBays;
    EXPECT_TRUE(allowed("office", change(access, ChangeOp::kFact)));
    EXPECT_TRUE(allowed("office", change(bays, ChangeOp::kInsert)));
    EXPECT_TRUE(allowed("office", change(bays, ChangeOp::kUpdate, {{"active", 0}, {"code", "B2"}})));
    for (const char* role : {"kiosk", "workshop", "warehouse", "hub"}) {
        EXPECT_FALSE(allowed(role, change(access, ChangeOp::kFact))) << role;
        EXPECT_FALSE(allowed(role, change(bays, ChangeOp::kInsert))) << role;
        EXPECT_FALSE(allowed(role, change(bays, ChangeOp::kUpdate, {{"active", 0}}))) << role;
    }
    EXPECT_EQ(why("kiosk", change(access, ChangeOp::kFact)), "kiosk devices may not write customer_access_events");
    // The queue is called at the office; a workshop tablet still only moves the status.
    const auto& visits = core::tables::kVisits;
    EXPECT_TRUE(allowed("office", change(visits, ChangeOp::kUpdate, {{"called_at", 1}, {"called_by", "s"}})));
    EXPECT_FALSE(allowed("workshop", change(visits, ChangeOp::kUpdate, {{"called_at", 1}})));
    EXPECT_FALSE(allowed("kiosk", change(core::tables::kAppointments, ChangeOp::kUpdate, {{"bay_id", "b"}})));
}

TEST(Permissions, TheKioskChecksInTheWorkshopMovesVisitsAlong) {
    using core::ChangeOp;
    const auto& visits = core::tables::kVisits;
    const auto& appts = core::tables::kAppointments;
    EXPECT_TRUE(allowed("kiosk", change(visits, ChangeOp::kInsert)));
    EXPECT_FALSE(allowed("kiosk", change(visits, ChangeOp::kUpdate, {{"status", "ready"}})));
    EXPECT_FALSE(allowed("kiosk", change(visits, ChangeOp::kTombstone, {{"deleted_at", 1}})));
    EXPECT_TRUE(allowed("kiosk", change(appts, ChangeOp::kUpdate, {{"status", "checked_in"}})));
    EXPECT_EQ(why("kiosk", change(appts, ChangeOp::kUpdate, {{"scheduled_at", 5}})),
              "kiosk devices may not change appointments.scheduled_at");
    EXPECT_FALSE(allowed("kiosk", change(appts, ChangeOp::kInsert)));
    EXPECT_TRUE(allowed("workshop", change(visits, ChangeOp::kUpdate, {{"status", "in_service"}})));
    EXPECT_FALSE(allowed("workshop", change(visits, ChangeOp::kUpdate, {{"signature", ""}})));
    EXPECT_FALSE(allowed("workshop", change(visits, ChangeOp::kInsert)));
    EXPECT_FALSE(allowed("warehouse", change(visits, ChangeOp::kUpdate, {{"status", "ready"}})));
    for (const auto* t : {&visits, &appts}) {
        EXPECT_TRUE(allowed("office", change(*t, ChangeOp::kInsert)));
        EXPECT_TRUE(allowed(
            "office", change(*t, ChangeOp::kUpdate, {{"status", "cancelled"}, {"notes", ""}})));
        EXPECT_TRUE(allowed("office", change(*t, ChangeOp::kTombstone, {{"deleted_at", 1}})));
    }
}

// A walk-in registered and checked in at the kiosk, and an appointment checked in there, reach the
// hub whole and the office sees them; nothing is refused.
TEST(Permissions, AKioskCheckInIsAcceptedWholeByTheHub) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    auto& office = *w.device(0).services;
    auto& kiosk = *w.device(1).services;
    auto c = office.get<core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13812341234"}});
    ASSERT_TRUE(c.ok());
    auto v = office.get<core::CustomerService>().addVehicle(*c, {.plate = "京A12345", .odometerKm = 30'000});
    ASSERT_TRUE(v.ok());
    auto appt = office.get<core::AppointmentService>().book({.customerId = *c,
                                          .vehicleId = *v,
                                          .scheduledAt = w.clock().nowMs() + 3'600'000,
                                          .services = {"oil_filter"}});
    ASSERT_TRUE(appt.ok()) << appt.error().message;
    w.settle();

    const auto sig =
        core::SignatureInput{.width = 400, .height = 200, .strokes = {{{10, 10}, {90, 60}}}};
    auto found = kiosk.get<core::CheckInService>().findByAppointmentToken(
        core::AppointmentService::qrPayload(kiosk.get<core::AppointmentService>().get(*appt)->qrToken));
    ASSERT_TRUE(found.ok() && found->has_value());
    core::CheckInRequest byQr;
    byQr.appointmentId = (*found)->appointmentId;
    byQr.odometerKm = 31'000;
    byQr.consent = core::ConsentAnswers{core::ConsentAnswer::kGranted, core::ConsentAnswer::kGranted, "pipl-2026-01"};
    byQr.signature = sig;
    auto first = kiosk.get<core::CheckInService>().checkIn(byQr);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->ticket, "D2-0001");
    core::CheckInRequest walkIn;
    walkIn.walkIn = core::WalkInInput{.plate = "粤B88A88", .phone = "13700001111", .name = "陈"};
    walkIn.services = {"wash_detail"};
    walkIn.odometerKm = 8'000;
    walkIn.consent = core::ConsentAnswers{core::ConsentAnswer::kWithdrawn, core::ConsentAnswer::kGranted, "pipl-2026-01"};
    walkIn.signature = sig;
    auto second = kiosk.get<core::CheckInService>().checkIn(walkIn);
    ASSERT_TRUE(second.ok()) << second.error().message;

    auto pushed = w.device(1).client->push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_TRUE(pushed->refusals.empty()) << pushed->refusals[0].reason;
    w.settle();
    auto queue = office.get<core::FrontDeskQueries>().todaysVisits();
    ASSERT_TRUE(queue.ok());
    ASSERT_EQ(queue->size(), 2u);
    EXPECT_EQ((*queue)[0].ticket, "D2-0001");
    EXPECT_EQ(office.get<core::AppointmentService>().get(*appt)->status, core::AppointmentStatus::kCheckedIn);
    EXPECT_EQ(office.get<core::CustomerService>().getCustomer(second->customerId)->name, "陈");
    EXPECT_EQ(test::dumpSynced(office.db()), test::dumpSynced(w.hub().services().db()));
    EXPECT_EQ(test::dumpSynced(kiosk.db()), test::dumpSynced(w.hub().services().db()));
    auto verified = core::verifyStore(office);
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->problems.empty()) << verified->problems[0];
    fc::test::expectIntegrityOk(office.db());
    fc::test::expectIntegrityOk(kiosk.db());
    fc::test::expectIntegrityOk(w.hub().services().db());
}

TEST(Permissions, StaffChangesFromAKioskAreRefusedAndTheRestApplied) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    auto& office = *w.device(0).services;
    auto& kiosk = *w.device(1).services;
    office.get<core::StaffService>().setHashLimits(core::PinHashLimits::minimum());
    kiosk.get<core::StaffService>().setHashLimits(core::PinHashLimits::minimum());
    auto admin = office.get<core::StaffService>().bootstrapAdmin("赵敏", "246810", "FC-STAFF-0001");
    ASSERT_TRUE(admin.ok());
    w.settle();
    // Someone at the kiosk signs in as the admin and tries to add staff: the session could, the
    // device cannot — the kiosk refuses before saving anything, with the hub's own rule.
    auto session = kiosk.get<core::SessionManager>().signInByPin(*admin, "246810");
    ASSERT_TRUE(session.ok()) << session.error().message;
    const core::StaffInput wangQiang{.name = "王强", .role = core::StaffRole::kAdmin, .pin = "583920"};
    auto refusedHere = kiosk.get<core::StaffService>().createStaff(*session, wangQiang);
    ASSERT_FALSE(refusedHere.ok());
    EXPECT_EQ(refusedHere.error().code, core::Errc::kPermission);
    EXPECT_EQ(refusedHere.error().message, "kiosk devices may not write staff");
    // A modified kiosk (its own check removed) saves it and pushes: the hub refuses it.
    kiosk.store().writer().setPolicy(nullptr);
    auto added = kiosk.get<core::StaffService>().createStaff(*session, wangQiang);
    ASSERT_TRUE(added.ok()) << added.error().message;
    auto pushed = w.device(1).client->push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    ASSERT_EQ(pushed->refusals.size(), 1u);
    EXPECT_NE(pushed->refusals[0].reason.find("kiosk devices may not write staff"),
              std::string::npos)
        << pushed->refusals[0].reason;
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM staff")->value(), 1);
    EXPECT_EQ(
        hubDb.queryInt("SELECT count(*) FROM staff_session_events WHERE kind = 'sign_in'")->value(),
        1)
        << "the sign-in itself is recorded";
    fc::test::expectIntegrityOk(hubDb);
}

// A revealed phone is audited everywhere: the office's record reaches the hub and every device; a
// kiosk cannot make one, and one pushed by a modified kiosk is refused by the hub and stored nowhere.
TEST(Permissions, ARevealRecordIsAcceptedFromTheOfficeAndRefusedFromAKiosk) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    auto& office = *w.device(0).services;
    auto& kiosk = *w.device(1).services;
    office.get<core::StaffService>().setHashLimits(core::PinHashLimits::minimum());
    auto advisor = office.get<core::StaffService>().bootstrapAdmin("李娜", "314159");
    ASSERT_TRUE(advisor.ok()) << advisor.error().message;
    auto c = office.get<core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13812341234"}});
    ASSERT_TRUE(c.ok());
    auto phones = office.get<core::CustomerAccessLog>().revealPhone(*c, *advisor, "回电确认取车");
    ASSERT_TRUE(phones.ok()) << phones.error().message;
    auto pushed = w.device(0).client->push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_TRUE(pushed->refusals.empty()) << pushed->refusals[0].reason;
    w.settle();
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM customer_access_events")->value(), 1);
    auto onKiosk = kiosk.get<core::CustomerAccessLog>().forCustomer(*c);
    ASSERT_TRUE(onKiosk.ok());
    ASSERT_EQ(onKiosk->size(), 1u) << "the audit trail reaches every device";
    EXPECT_EQ((*onKiosk)[0].staffId, *advisor);
    EXPECT_EQ((*onKiosk)[0].deviceId, office.store().device().deviceId);

    auto refusedHere = kiosk.get<core::CustomerAccessLog>().revealPhone(*c, *advisor, "好奇");
    ASSERT_FALSE(refusedHere.ok());
    EXPECT_EQ(refusedHere.error().code, core::Errc::kPermission);
    kiosk.store().writer().setPolicy(nullptr);  // a modified kiosk
    ASSERT_TRUE(kiosk.get<core::CustomerAccessLog>().revealPhone(*c, *advisor, "好奇").ok());
    auto fromKiosk = w.device(1).client->push();
    ASSERT_TRUE(fromKiosk.ok()) << fromKiosk.error().message;
    ASSERT_EQ(fromKiosk->refusals.size(), 1u);
    EXPECT_NE(fromKiosk->refusals[0].reason.find("kiosk devices may not write customer_access_events"),
              std::string::npos)
        << fromKiosk->refusals[0].reason;
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM customer_access_events")->value(), 1);
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM hub_audit WHERE event = 'refused' AND detail LIKE "
                             "'%customer_access_events%'")->value(), 1);
    fc::test::expectIntegrityOk(hubDb);
}

}  // namespace
}  // namespace fc::sync
