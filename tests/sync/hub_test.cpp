#include "sync/hub.hpp"

#include <gtest/gtest.h>

#include <set>

#include "shared/db/migrations.hpp"
#include "shared/demo/seed.hpp"
#include "shared/verify.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using test::SimWorld;
using nlohmann::json;

std::string customer(SimWorld& w, size_t d, const std::string& name, const std::string& phone) {
    auto id = w.device(d).services->get<core::CustomerService>().createCustomer({.name = name, .phones = {phone}});
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : "";
}

TEST(Hub, ChangesFlowFromOneDeviceToAnother) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2);
    const auto id = customer(w, 0, "王芳", "13800138000");
    auto r0 = w.device(0).client->exchange();
    ASSERT_TRUE(r0.ok()) << r0.error().message;
    EXPECT_EQ(r0->pushed, 1u);  // the customer (the store record is the hub's)
    auto r1 = w.device(1).client->exchange();
    ASSERT_TRUE(r1.ok()) << r1.error().message;
    auto c = w.device(1).services->get<core::CustomerService>().getCustomer(id);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->name, "王芳");
    // Derived indexes on the receiving device were kept current by the apply path.
    EXPECT_EQ(w.device(1).services->get<core::CustomerService>().findCustomerByPhone("13800138000").value(), id);
    EXPECT_EQ(w.device(1).services->get<core::CustomerSearch>().search("王芳")->size(), 1u);
    w.settle();
    EXPECT_EQ(test::dumpSynced(w.device(0).services->db()), test::dumpSynced(w.hub().services().db()));
    EXPECT_EQ(test::dumpSynced(w.device(1).services->db()), test::dumpSynced(w.hub().services().db()));
}

TEST(Hub, ARepeatedPushIsANoOpWithTheSameAnswer) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    customer(w, 0, "王芳", "13800138000");
    auto& dev = w.device(0);
    // Build the push body by hand from the outbox and send it twice.
    auto hubDevice = w.hub().authenticate(dev.token);
    ASSERT_TRUE(hubDevice.ok());
    PushRequest req;
    req.deviceId = hubDevice->id;
    req.schema = core::storeRegistry().schema().version();
    auto changes = pendingChanges(dev.services->store().syncState(), 0, 1000, hubDevice->id);
    ASSERT_TRUE(changes.ok());
    req.changes = std::move(changes).value();
    const std::string body = encodePushRequest(req);
    auto first = dev.transport->request("POST", "/v1/push", body, dev.token);
    auto second = dev.transport->request("POST", "/v1/push", body, dev.token);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(second->status, 200);
    auto a = decodePushResponse(first->body);
    auto b = decodePushResponse(second->body);
    EXPECT_EQ(a->acceptedThrough, b->acceptedThrough);
    EXPECT_EQ(a->hubSeq, b->hubSeq);
    EXPECT_EQ(w.hub().services().db().queryInt("SELECT count(*) FROM customers")->value(), 1);
}

TEST(Hub, AGapIsRefusedWithTheSequenceToResumeFrom) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    customer(w, 0, "王芳", "13800138000");
    customer(w, 0, "李雷", "13900139000");
    auto& dev = w.device(0);
    // Pretend the first change is acknowledged although the hub never saw it.
    ASSERT_TRUE(dev.services->db().exec("UPDATE local_state SET acked_seq = 1").ok());
    SyncClient fresh(*dev.services, *dev.transport);
    auto r = fresh.push();
    ASSERT_TRUE(r.ok()) << r.error().message;  // the client resumes from where the hub says
    EXPECT_EQ(w.hub().services().db().queryInt("SELECT count(*) FROM customers")->value(), 2);
}

TEST(Hub, ACursorAheadOfTheHubIsReportedNotIgnored) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    auto r = w.device(0).transport->request("GET", "/v1/pull?after=999999", "", w.device(0).token);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 409);
    EXPECT_NE(r->body.find("cursor_ahead"), std::string::npos);
}

TEST(Hub, EveryRouteButHealthNeedsAValidToken) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    auto& t = w.direct();
    EXPECT_EQ(t.request("GET", "/v1/health", "", "")->status, 200);
    EXPECT_EQ(t.request("POST", "/v1/push", "{}", "")->status, 401);
    EXPECT_EQ(t.request("GET", "/v1/pull?after=0", "", "")->status, 401);
    EXPECT_EQ(t.request("GET", "/v1/pull?after=0", "", "not-a-token")->status, 401);
    EXPECT_EQ(t.request("GET", "/v1/pull?after=0", "", w.device(0).token)->status, 200);
    ASSERT_TRUE(w.hub().revoke(w.device(0).services->store().device().deviceId).ok());
    auto revoked = t.request("GET", "/v1/pull?after=0", "", w.device(0).token);
    EXPECT_EQ(revoked->status, 401);
    EXPECT_NE(revoked->body.find("revoked"), std::string::npos);
}

TEST(Hub, MalformedPushesAreRefusedWholeAndTheHubKeepsServing) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    auto& dev = w.device(0);
    for (const char* body :
         {"", "not json", "[]", "{\"device\":1}", "{\"device\":\"x\",\"schema\":4,\"changes\":{}}",
          "{\"device\":\"x\",\"schema\":4,\"changes\":[{\"seq\":1,\"hlc\":1,\"table\":\"nope\",\"id\":\"a\","
          "\"op\":\"insert\",\"data\":[]}]}",
          "{\"device\":\"x\",\"schema\":4,\"changes\":[{\"seq\":1,\"hlc\":1,\"table\":\"customers\",\"id\":"
          "\"a\",\"op\":\"update\",\"data\":{\"name\":5}}]}"}) {
        auto r = dev.transport->request("POST", "/v1/push", body, dev.token);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->status, 400) << body;
    }
    EXPECT_EQ(w.direct().request("GET", "/v1/health", "", "")->status, 200);
    EXPECT_EQ(w.hub().services().db().queryInt("SELECT count(*) FROM hub_log")->value(),
              w.hub().latestSeq());
}

TEST(Hub, ForbiddenWritesAreRefusedAuditedAndReportedWhileTheRestIsApplied) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const auto id = customer(w, 0, "王芳", "13800138000");
    w.settle();
    auto& kiosk = w.device(1);
    // A kiosk may record consent but not edit notes.
    ASSERT_TRUE(kiosk.services->get<core::CustomerService>().setConsent(id, core::ConsentKind::kContact, true, "kiosk").ok());
    core::CustomerPatch patch;
    patch.notes = "kiosk should not write this";
    // The kiosk itself refuses, before anything is saved: the same rule the hub applies.
    const int64_t outboxBefore = kiosk.services->db().queryInt("SELECT count(*) FROM outbox")->value();
    auto refusedHere = kiosk.services->get<core::CustomerService>().updateCustomer(id, patch);
    ASSERT_FALSE(refusedHere.ok());
    EXPECT_EQ(refusedHere.error().code, core::Errc::kPermission);
    EXPECT_EQ(refusedHere.error().message, "kiosk devices may not change customers.notes");
    EXPECT_EQ(kiosk.services->db().queryInt("SELECT count(*) FROM outbox")->value(), outboxBefore);
    // A modified kiosk (its own check removed) saves and pushes it anyway: the hub refuses it.
    kiosk.services->store().writer().setPolicy(nullptr);
    ASSERT_TRUE(kiosk.services->get<core::CustomerService>().updateCustomer(id, patch).ok());
    auto r = kiosk.client->push();
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->refusals.size(), 1u);
    EXPECT_NE(r->refusals[0].reason.find("kiosk devices may not change customers.notes"), std::string::npos)
        << r->refusals[0].reason;
    auto hubCustomer = w.hub().services().get<core::CustomerService>().getCustomer(id);
    EXPECT_TRUE(hubCustomer->consentContact);
    EXPECT_EQ(hubCustomer->notes, "");
    auto audit = w.hub().audit(10);
    ASSERT_TRUE(audit.ok());
    bool found = false;
    for (const auto& line : *audit) found |= line.find("refused") != std::string::npos;
    EXPECT_TRUE(found);
}

TEST(Hub, AnOlderDeviceIsToldToUpgradeAndKeepsItsOutbox) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    auto& dev = w.device(0);
    customer(w, 0, "王芳", "13800138000");
    json body = {{"device", dev.services->store().device().deviceId}, {"schema", 1}, {"changes", json::array()}};
    auto r = dev.transport->request("POST", "/v1/push", body.dump(), dev.token);
    EXPECT_EQ(r->status, 426);
    EXPECT_NE(r->body.find("upgrade"), std::string::npos);
    EXPECT_EQ(dev.services->db().queryInt("SELECT count(*) FROM outbox")->value(), 1);
}

TEST(Hub, ConcurrentEditsOfASensitiveColumnRaiseAConflictAndLoseNothing) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2);
    const auto id = customer(w, 0, "王芳", "13800138000");
    w.settle();
    core::CustomerPatch a;
    a.phones = std::vector<std::string>{"13800000001"};
    core::CustomerPatch b;
    b.phones = std::vector<std::string>{"13800000002"};
    ASSERT_TRUE(w.device(0).services->get<core::CustomerService>().updateCustomer(id, a).ok());
    w.clock().advance(10);
    ASSERT_TRUE(w.device(1).services->get<core::CustomerService>().updateCustomer(id, b).ok());
    ASSERT_TRUE(w.device(0).client->push().ok());
    ASSERT_TRUE(w.device(1).client->push().ok());
    w.settle();
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM conflicts WHERE rule = 'concurrent-edit' AND col = 'phones'")->value(), 1);
    auto detail = json::parse(hubDb.queryText("SELECT detail FROM conflicts")->value());
    EXPECT_EQ(detail["kept"], "13800000002");
    EXPECT_EQ(detail["other"], "13800000001");
    // Every replica agrees, conflicts included.
    for (size_t i = 0; i < w.size(); ++i)
        EXPECT_EQ(test::dumpSynced(w.device(i).services->db()), test::dumpSynced(hubDb)) << i;
    // A later edit by someone who had seen the other value is not a conflict.
    core::CustomerPatch c;
    c.phones = std::vector<std::string>{"13800000003"};
    ASSERT_TRUE(w.device(0).services->get<core::CustomerService>().updateCustomer(id, c).ok());
    w.settle();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM conflicts")->value(), 1);
}

TEST(Hub, TheSamePhoneOnTwoDevicesRaisesADuplicateConflict) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2);
    customer(w, 0, "王芳", "13800138000");
    customer(w, 1, "王小芳", "13800138000");
    w.settle();
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM conflicts WHERE rule = 'duplicate-phone'")->value(), 1);
    EXPECT_EQ(w.device(0).services->db().queryInt("SELECT count(*) FROM conflicts")->value(), 1);
    // Both customers are kept and both are found by the number.
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM customer_phone_idx WHERE phone = '13800138000'")->value(), 2);
}

// Two front desks, offline, put two cars on the same lift at the same time: both bookings are
// kept and a person is asked to move one.
TEST(Hub, OneBayBookedTwiceInOneSlotRaisesAConflictAndKeepsBoth) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2);
    auto& first = *w.device(0).services;
    auto& second = *w.device(1).services;
    auto lift = first.get<core::BayService>().create({.code = "B1", .nameZh = "1号举升位", .kind = core::BayKind::kLift});
    ASSERT_TRUE(lift.ok());
    const auto a = customer(w, 0, "王芳", "13800138000");
    auto va = first.get<core::CustomerService>().addVehicle(a, {.plate = "京A12345"});
    ASSERT_TRUE(va.ok());
    const auto b = customer(w, 0, "李雷", "13900139000");
    auto vb = first.get<core::CustomerService>().addVehicle(b, {.plate = "京B54321"});
    ASSERT_TRUE(vb.ok());
    w.settle();
    const int64_t at = core::StoreTime{}.at(w.clock().nowMs(), 10, 0);
    auto one = first.get<core::AppointmentService>().book(
        {.customerId = a, .vehicleId = *va, .scheduledAt = at, .services = {"oil_filter"}, .bayId = *lift});
    ASSERT_TRUE(one.ok()) << one.error().message;
    auto two = second.get<core::AppointmentService>().book(
        {.customerId = b, .vehicleId = *vb, .scheduledAt = at + 10 * 60'000, .services = {"diagnosis"}, .bayId = *lift});
    ASSERT_TRUE(two.ok()) << two.error().message << " (the second desk has not heard of the first booking)";
    w.settle();
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM appointments WHERE bay_id IS NOT NULL")->value(), 2);
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM conflicts WHERE rule = 'double-booked-bay' AND status = "
                             "'open'")->value(), 1);
    auto detail = hubDb.queryText("SELECT detail FROM conflicts WHERE rule = 'double-booked-bay'");
    ASSERT_TRUE(detail.ok() && detail->has_value());
    const json d = json::parse(**detail);
    EXPECT_EQ(d["bay"], *lift);
    EXPECT_EQ(d["slot"], at);
    EXPECT_EQ(std::set<std::string>({d["appointment"], d["other_appointment"]}), std::set<std::string>({*one, *two}));
    EXPECT_EQ(first.db().queryInt("SELECT count(*) FROM conflicts")->value(), 1) << "devices see it";
    // Moving one away settles it for new bookings; the conflict waits for a person.
    ASSERT_TRUE(second.get<core::AppointmentService>().moveTo(*two, at + 30 * 60'000, *lift).ok());
    w.settle();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM conflicts WHERE rule = 'double-booked-bay'")->value(), 1);
    EXPECT_EQ(test::dumpSynced(first.db()), test::dumpSynced(hubDb));
}

TEST(Hub, DeletesWinOverConcurrentEditsAndFactsArriveOnce) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2);
    const auto id = customer(w, 0, "王芳", "13800138000");
    auto car = w.device(0).services->get<core::CustomerService>().addVehicle(id, {.plate = "粤B12345", .odometerKm = 100});
    ASSERT_TRUE(car.ok());
    w.settle();
    ASSERT_TRUE(w.device(0).services->get<core::CustomerService>().deleteCustomer(id).ok());
    w.clock().advance(1000);
    core::CustomerPatch p;
    p.name = "王芳芳";
    ASSERT_TRUE(w.device(1).services->get<core::CustomerService>().updateCustomer(id, p).ok());
    ASSERT_TRUE(w.device(1).services->get<core::CustomerService>().recordOdometer(*car, 200, "check-in").ok());
    w.settle();
    for (size_t i = 0; i < w.size(); ++i) {
        auto c = w.device(i).services->get<core::CustomerService>().getCustomer(id);
        EXPECT_TRUE(c->deletedAt.has_value()) << i;
        EXPECT_EQ(w.device(i).services->db().queryInt("SELECT count(*) FROM odometer_readings")->value(), 2);
        EXPECT_EQ(test::dumpSynced(w.device(i).services->db()), test::dumpSynced(w.hub().services().db()));
    }
}

TEST(Hub, AFreshDeviceStartsFromASnapshotWithEveryVersion) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2);
    auto& a = w.device(0);
    auto seeded = core::seedDemo(*a.services, {.seed = 5, .customers = 150});
    ASSERT_TRUE(seeded.ok());
    const auto id = customer(w, 0, "王芳", "13800138000");
    core::CustomerPatch p;
    p.address = "广州市天河区";
    ASSERT_TRUE(a.services->get<core::CustomerService>().updateCustomer(id, p).ok());
    ASSERT_TRUE(a.client->exchange().ok());
    const size_t before = w.direct().requests;
    auto r = w.device(1).client->exchange();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_LE(w.direct().requests - before, 4u) << "snapshot, push, one pull — not a page per change";
    EXPECT_EQ(test::dumpSynced(w.device(1).services->db(), true),
              test::dumpSynced(w.hub().services().db(), true));
    EXPECT_EQ(w.device(1).services->get<core::CustomerSearch>().search("王芳")->at(0).customerId, id);
    auto v = core::verifyStore(*w.device(1).services);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->problems.empty()) << v->problems[0];
}

// Changes the database itself refuses, inserts of existing rows and odd device ids are refused
// one by one, reported, and leave nothing behind; the rest of the batch goes through.
TEST(Hub, ChangesTheDatabaseRefusesAreRefusedAloneWithAReason) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const auto id = customer(w, 0, "王芳", "13800138000");
    w.settle();
    auto& kiosk = w.device(1);
    const std::string store = w.hub().storeId();
    json changes = json::array();
    // 1: a NOT NULL column set to null
    changes.push_back({{"seq", 1}, {"hlc", 1}, {"table", "customers"}, {"id", "c-new"}, {"op", "insert"},
                       {"data", {store, nullptr, "13900139000", "", "", "kiosk", "prospect", 0, nullptr, 0,
                                 nullptr, "", 1, nullptr}}});
    // 2: a fact breaking a CHECK rule
    changes.push_back({{"seq", 2}, {"hlc", 2}, {"table", "consent_events"}, {"id", "e-new"}, {"op", "fact"},
                       {"data", {store, id, "marketing", 1, 1, "kiosk", "v1"}}});
    // 3: an insert of an existing customer (would overwrite notes around the permissions)
    changes.push_back({{"seq", 3}, {"hlc", 3}, {"table", "customers"}, {"id", id}, {"op", "insert"},
                       {"data", {store, "王芳", "13800138000", "", "", "walk-in", "prospect", 0, nullptr, 0,
                                 nullptr, "kiosk notes", 1, nullptr}}});
    // 4: fine
    changes.push_back({{"seq", 4}, {"hlc", 4}, {"table", "consent_events"}, {"id", "e-ok"}, {"op", "fact"},
                       {"data", {store, id, "contact", 1, 1, "kiosk", "v1"}}});
    json body = {{"device", kiosk.services->store().device().deviceId}, {"schema", core::storeRegistry().schema().version()},
                 {"changes", changes}};
    auto r = kiosk.transport->request("POST", "/v1/push", body.dump(), kiosk.token);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->status, 200) << r->body;
    auto resp = decodePushResponse(r->body);
    ASSERT_TRUE(resp.ok());
    EXPECT_EQ(resp->acceptedThrough, 4);
    ASSERT_EQ(resp->refused.size(), 3u) << r->body;
    EXPECT_NE(resp->refused[0].reason.find("NOT NULL"), std::string::npos) << resp->refused[0].reason;
    EXPECT_NE(resp->refused[1].reason.find("CHECK"), std::string::npos) << resp->refused[1].reason;
    EXPECT_NE(resp->refused[2].reason.find("already exists"), std::string::npos) << resp->refused[2].reason;
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM consent_events WHERE id = 'e-ok'")->value(), 1);
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM consent_events WHERE id = 'e-new'")->value(), 0);
    EXPECT_EQ(hubDb.queryText("SELECT notes FROM customers WHERE id = '" + id + "'")->value(), "");
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM hub_log WHERE row_id IN ('c-new', 'e-new')")->value(), 0);
    fc::test::expectIntegrityOk(hubDb);
}

TEST(Hub, EnrolmentRefusesOddIdsAndTakingOverAnActiveDevice) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    auto code = w.hub().makeEnrolCode(core::DeviceRole::kOffice);
    auto odd = w.hub().enrol(*code, "x' OR '1'='1", "evil");
    ASSERT_FALSE(odd.ok());
    auto code2 = w.hub().makeEnrolCode(core::DeviceRole::kOffice);
    auto takeover = w.hub().enrol(*code2, w.device(0).services->store().device().deviceId, "thief");
    ASSERT_FALSE(takeover.ok());
    EXPECT_NE(takeover.error().message.find("revoke it first"), std::string::npos);
    // A refused attempt does not burn the code; a successful one does.
    ASSERT_TRUE(w.hub().enrol(*code, "0123-abcd", "前台平板").ok());
    auto reused = w.hub().enrol(*code, "4567-ef01", "again");
    ASSERT_FALSE(reused.ok()) << "a code works once";
    EXPECT_EQ(w.device(0).client->push().ok(), true) << "the real device keeps working";
}

}  // namespace
}  // namespace fc::sync

namespace fc::sync {
namespace {

using test::SimWorld;

// Issue 12, item 3: a refused enrolment is audited (the refused transaction is rolled back, the
// audit entry is not), and a code lives 15 minutes unless told otherwise.
TEST(Hub, RefusedEnrolmentsAreAuditedAndCodesAreShortLived) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    auto code = w.hub().makeEnrolCode(core::DeviceRole::kKiosk);
    ASSERT_TRUE(code.ok());
    EXPECT_FALSE(w.hub().enrol("0000-0000-0000", "0123-abcd", "guess", "10.1.2.3").ok());
    w.clock().advance(Hub::kDefaultCodeTtlMs + 1);
    auto late = w.hub().enrol(*code, "0123-abcd", "late", "10.1.2.4");
    ASSERT_FALSE(late.ok());
    EXPECT_NE(late.error().message.find("expired"), std::string::npos) << late.error().message;
    auto& db = w.hub().services().db();
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM hub_audit WHERE event = 'enrol-refused' AND detail LIKE "
                          "'%not valid%from 10.1.2.3%'")->value(), 1);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM hub_audit WHERE event = 'enrol-refused' AND detail LIKE "
                          "'%expired%from 10.1.2.4%'")->value(), 1);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM hub_devices WHERE device_id = '0123-abcd'")->value(), 0);
    // A fresh code within its time works.
    auto fresh = w.hub().makeEnrolCode(core::DeviceRole::kKiosk);
    ASSERT_TRUE(fresh.ok());
    w.clock().advance(Hub::kDefaultCodeTtlMs - 1000);
    EXPECT_TRUE(w.hub().enrol(*fresh, "0123-abcd", "kiosk", "10.1.2.4").ok());
}

// The limiter at the API: a burst of refusals per address, then 429 with Retry-After without
// looking at the code, one more try per refill period; other addresses are not affected, and
// the limit is audited once, not per attempt.
TEST(Hub, EnrolmentAttemptsAreRateLimitedPerAddress) {
    fc::test::TempDir dir;
    SimWorld w(dir, 1);
    HubApi api(w.hub(), EnrolLimit{.burst = 3, .refillMs = 10'000});
    auto attempt = [&](const std::string& code, const std::string& peer) {
        ApiRequest r;
        r.method = "POST";
        r.path = "/v1/enroll";
        r.body = nlohmann::json{{"code", code}, {"device", "0123-abcd"}, {"name", "x"}}.dump();
        r.peer = peer;
        return api.handle(r);
    };
    for (int i = 0; i < 3; ++i) EXPECT_EQ(attempt("0000-0000-000" + std::to_string(i), "10.0.0.9").status, 403);
    auto limited = attempt("0000-0000-0009", "10.0.0.9");
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.headers["Retry-After"], "10");
    // Even the right code is not looked at while limited.
    auto code = w.hub().makeEnrolCode(core::DeviceRole::kKiosk);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(attempt(*code, "10.0.0.9").status, 429);
    // IPv6: the /64 is one address.
    for (int i = 0; i < 3; ++i) EXPECT_EQ(attempt("0000-0000-0000", "fd00:1:2:3::" + std::to_string(i + 1)).status, 403);
    EXPECT_EQ(attempt("0000-0000-0000", "fd00:1:2:3::99").status, 429);
    EXPECT_EQ(attempt("0000-0000-0000", "fd00:1:2:4::1").status, 403);
    // Time passing gives one try back.
    w.clock().advance(10'000);
    EXPECT_EQ(attempt(*code, "10.0.0.9").status, 200);
    EXPECT_EQ(w.hub().services().db().queryInt("SELECT count(*) FROM hub_audit WHERE event = 'enrol-limited'")->value(),
              2);
    EXPECT_EQ(limiterKey("::ffff:10.0.0.9"), "10.0.0.9");
    EXPECT_EQ(limiterKey("fd00:1:2:3:4:5:6:7"), "fd00:1:2:3::/64");
}

}  // namespace
}  // namespace fc::sync
