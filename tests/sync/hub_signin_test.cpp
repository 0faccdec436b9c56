// Sign-in on a stolen or shared device (issue 12, items 16 and 17), through a real hub and real
// replicas in one process:
//   - badge codes are stored and synced only as keyed hashes under the store's badge key, which
//     the hub hands over at enrolment (or, to a device enrolled before v8, with a pull); a code
//     written as text by an older device is hashed by the hub and every replica follows;
//   - wrong PINs are counted at the hub as well: a device whose lockout table was wiped is
//     locked again by its next exchange, counts cross devices, a correct sign-in or a new PIN
//     ends them, and a pull cannot undo a sign-in the device has not pushed yet.
#include <gtest/gtest.h>

#include "shared/capture/row.hpp"
#include "shared/registry.hpp"
#include "shared/staff/badge_key.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/staff/tables.hpp"
#include "shared/verify.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using test::SimWorld;

struct Staff {
    std::string admin, tech;
};

// The office's admin (PIN 246810, badge FC-STAFF-0001) and a technician (PIN 271828, badge
// FC-STAFF-0004), synced everywhere.
Staff setUp(SimWorld& w) {
    auto& office = *w.device(0).services;
    auto& staff = office.get<core::StaffService>();
    staff.setHashLimits(core::PinHashLimits::minimum());
    Staff s;
    s.admin = staff.bootstrapAdmin("赵敏", "246810", "FC-STAFF-0001").value();
    auto by = office.get<core::SessionManager>().signInByPin(s.admin, "246810").value();
    auto tech = staff.createStaff(by, {.name = "王强", .role = core::StaffRole::kTechnician,
                                       .badgeCode = "fc-staff-0004", .pin = "271828"});
    EXPECT_TRUE(tech.ok()) << tech.error().message;
    s.tech = tech.ok() ? *tech : "";
    EXPECT_TRUE(office.get<core::SessionManager>().signOut().ok());
    w.settle();
    return s;
}

int64_t count(core::Db& db, const std::string& sql) { return db.queryInt(sql).value().value_or(-1); }

void expectVerifies(core::StoreServices& services, const std::string& who) {
    auto v = core::verifyStore(services);
    ASSERT_TRUE(v.ok()) << v.error().message;
    for (const auto& p : v->problems) ADD_FAILURE() << who << ": verify: " << p;
    for (const auto& p : v->warnings) ADD_FAILURE() << who << ": verify warning: " << p;
}

// [SECTION] badges

TEST(HubSignIn, BadgesTravelOnlyAsKeyedHashesAndWorkOnEveryDevice) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const Staff s = setUp(w);
    core::Db& hubDb = w.hub().services().db();
    // Nowhere in the hub's log, its replica or the kiosk's: only the keyed hash.
    EXPECT_EQ(count(hubDb, "SELECT count(*) FROM hub_log WHERE data LIKE '%STAFF-000%'"), 0);
    EXPECT_EQ(count(hubDb, "SELECT count(*) FROM hub_log WHERE tbl = 'staff' AND data LIKE '%hmac-sha256:%'"), 2);
    core::Db& kioskDb = w.device(1).services->db();
    EXPECT_EQ(count(kioskDb, "SELECT count(*) FROM staff WHERE badge_code LIKE '%STAFF%'"), 0);
    // The hash is keyed: the same code under another store's key differs.
    const std::string key = core::badgeKey(hubDb).value();
    EXPECT_TRUE(core::isBadgeKey(key));
    EXPECT_EQ(core::badgeKey(kioskDb).value(), key) << "the hub hands its key to each device it enrols";
    EXPECT_NE(core::badgeHash(key, "FC-STAFF-0004"), core::badgeHash(std::string(43, 'A'), "FC-STAFF-0004"));
    EXPECT_EQ(count(kioskDb, "SELECT count(*) FROM staff WHERE badge_code = '" +
                                 core::badgeHash(key, "FC-STAFF-0004") + "'"),
              1);
    // The kiosk recognises the technician's badge (typed as scanners send it) and signs them in;
    // the admin's badge alone does not.
    auto& sessions = w.device(1).services->get<core::SessionManager>();
    auto tech = sessions.signInByBadge("FC-STAFF-0004\r\n");
    ASSERT_TRUE(tech.ok()) << tech.error().message;
    EXPECT_EQ(tech->staffId(), s.tech);
    auto admin = sessions.signInByBadge("FC-STAFF-0001");
    ASSERT_FALSE(admin.ok());
    EXPECT_EQ(admin.error().code, core::Errc::kPermission);
    EXPECT_FALSE(sessions.signInByBadge("FC-STAFF-0009").ok()) << "an unknown badge";
    w.settle();
    expectVerifies(w.hub().services(), "hub");
    expectVerifies(*w.device(1).services, "kiosk");
}

TEST(HubSignIn, ABadgeWrittenAsTextByAnOlderDeviceIsHashedByTheHubForEveryone) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const Staff s = setUp(w);
    // An office of an earlier version writes the badge as text (its row rule allows a code: the
    // hub must take what such a device already has in its outbox).
    auto& office = w.device(0);
    {
        core::Store& store = office.services->store();
        core::Tx tx(store.db());
        ASSERT_TRUE(tx.begin().ok());
        const auto& t = core::tables::kStaff;
        auto r = store.writer().update(t, s.tech, {{t.columnIndex("badge_code"), core::SqlValue::text("FC-TECH-0042")}});
        ASSERT_TRUE(r.ok()) << r.error().message;
        ASSERT_TRUE(tx.commit().ok());
    }
    w.settle();
    const std::string key = core::badgeKey(w.hub().services().db()).value();
    for (size_t i = 0; i < w.size(); ++i) {
        core::Db& db = w.device(i).services->db();
        EXPECT_EQ(count(db, "SELECT count(*) FROM staff WHERE badge_code = 'FC-TECH-0042'"), 0) << i;
        EXPECT_EQ(count(db, "SELECT count(*) FROM staff WHERE id = '" + s.tech + "' AND badge_code = '" +
                                core::badgeHash(key, "FC-TECH-0042") + "'"),
                  1)
            << i;
        EXPECT_EQ(*w.device(i).services->get<core::StaffService>().findByBadge("fc-tech-0042"), s.tech);
        expectVerifies(*w.device(i).services, "device " + std::to_string(i));
    }
    expectVerifies(w.hub().services(), "hub");
    // A value that is neither a code nor a hash is refused on the device before it is saved.
    core::Store& store = office.services->store();
    core::Tx tx(store.db());
    ASSERT_TRUE(tx.begin().ok());
    const auto& t = core::tables::kStaff;
    auto bad = store.writer().update(t, s.tech, {{t.columnIndex("badge_code"), core::SqlValue::text("hmac-sha256:zz")}});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("badge_code"), std::string::npos) << bad.error().message;
}

TEST(HubSignIn, ADeviceWithoutTheBadgeKeyGetsItWithItsNextPullAndCannotHashBefore) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const Staff s = setUp(w);
    // As a device enrolled before v8: no key.
    core::Db& kioskDb = w.device(1).services->db();
    ASSERT_TRUE(kioskDb.exec("DELETE FROM local_store_secrets").ok());
    EXPECT_FALSE(w.device(1).services->get<core::StaffService>().findByBadge("FC-STAFF-0004")->has_value());
    core::Db& officeDb = w.device(0).services->db();
    const std::string officeKey = core::badgeKey(officeDb).value();
    ASSERT_TRUE(officeDb.exec("DELETE FROM local_store_secrets").ok());
    auto& officeStaff = w.device(0).services->get<core::StaffService>();
    auto by = w.device(0).services->get<core::SessionManager>().signInByPin(s.admin, "246810").value();
    auto refused = officeStaff.updateStaff(by, s.tech, {.badgeCode = "FC-TECH-0005"});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("badge key"), std::string::npos) << refused.error().message;
    w.settle();
    EXPECT_EQ(core::badgeKey(kioskDb).value(), officeKey);
    EXPECT_EQ(core::badgeKey(officeDb).value(), officeKey);
    EXPECT_EQ(*w.device(1).services->get<core::StaffService>().findByBadge("FC-STAFF-0004"), s.tech);
    EXPECT_TRUE(officeStaff.updateStaff(by, s.tech, {.badgeCode = "FC-TECH-0005"}).ok());
}

// [SECTION] wrong PINs counted at the hub

TEST(HubSignIn, AWipedLockoutTableIsLockedAgainByTheNextExchange) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const Staff s = setUp(w);
    auto& kiosk = w.device(1);
    for (int i = 0; i < 6; ++i) EXPECT_FALSE(kiosk.services->get<core::SessionManager>().signInByPin(s.tech, "111111").ok());
    EXPECT_TRUE(kiosk.services->get<core::SessionManager>().lockout(s.tech)->locked());
    EXPECT_FALSE(w.device(0).services->get<core::SessionManager>().lockout(s.tech)->locked());
    w.settle();
    // The count crosses devices: the office's exchange locked the technician there too.
    EXPECT_TRUE(w.device(0).services->get<core::SessionManager>().lockout(s.tech)->locked());
    EXPECT_EQ(count(w.hub().services().db(),
                    "SELECT failures FROM local_signin_guard WHERE key = 'staff:" + s.tech + "'"),
              5)
        << "the sixth attempt was refused without a check (locked): not a failure";
    // The thief wipes the table and restarts the app: the device alone no longer knows.
    ASSERT_TRUE(kiosk.services->db().exec("DELETE FROM local_signin_guard").ok());
    w.restart(1);
    EXPECT_FALSE(kiosk.services->get<core::SessionManager>().lockout(s.tech)->locked());
    // The next exchange brings the hub's count back, with the wait it calls for.
    ASSERT_TRUE(kiosk.client->exchange().ok());
    auto st = kiosk.services->get<core::SessionManager>().lockout(s.tech);
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->failures, 5) << "the sixth was refused unchecked: locked";
    EXPECT_TRUE(st->locked());
    auto refused = kiosk.services->get<core::SessionManager>().signInByPin(s.tech, "271828");
    ASSERT_FALSE(refused.ok()) << "the right PIN waits too";
    EXPECT_NE(refused.error().message.find("too many wrong attempts"), std::string::npos);

}

TEST(HubSignIn, ACorrectSignInOrANewPinEndsTheCountAndAPullCannotUndoAnUnpushedSignIn) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    const Staff s = setUp(w);
    auto& kiosk = w.device(1);
    auto& sessions = kiosk.services->get<core::SessionManager>();
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.signInByPin(s.tech, "111111").ok());
    ASSERT_TRUE(kiosk.client->push().ok());
    // The right PIN: the kiosk forgets its count at once; the hub only when the sign-in arrives.
    ASSERT_TRUE(sessions.signInByPin(s.tech, "271828").ok());
    EXPECT_EQ(sessions.lockout(s.tech)->failures, 0);
    ASSERT_TRUE(kiosk.client->pull().ok());
    EXPECT_EQ(sessions.lockout(s.tech)->failures, 0) << "the hub's count is older than the unpushed sign-in";
    w.settle();
    EXPECT_EQ(count(w.hub().services().db(), "SELECT count(*) FROM local_signin_guard WHERE key = 'staff:" + s.tech + "'"), 0);
    EXPECT_EQ(sessions.lockout(s.tech)->failures, 0);
    ASSERT_TRUE(sessions.signOut().ok());
    // Locked out on the kiosk; a manager sets a new PIN at the office: the hub forgets the count
    // and the kiosk may try the new PIN once its own wait is over.
    for (int i = 0; i < 6; ++i) EXPECT_FALSE(sessions.signInByPin(s.tech, "111111").ok());
    w.settle();
    auto& office = *w.device(0).services;
    auto by = office.get<core::SessionManager>().signInByPin(s.admin, "246810").value();
    ASSERT_TRUE(office.get<core::StaffService>().setPin(by, s.tech, "583920").ok());
    w.settle();
    EXPECT_EQ(count(w.hub().services().db(), "SELECT count(*) FROM local_signin_guard WHERE key = 'staff:" + s.tech + "'"), 0);
    EXPECT_FALSE(office.get<core::SessionManager>().lockout(s.tech)->locked());
}

TEST(HubSignIn, PinOnlyAndBadgeCountsBelongToTheDeviceTheyHappenedOn) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 1, {"office", "kiosk"});
    setUp(w);
    auto& kiosk = w.device(1);
    for (int i = 0; i < 6; ++i) EXPECT_FALSE(kiosk.services->get<core::SessionManager>().signInByPinOnly("111111").ok());
    for (int i = 0; i < 2; ++i) EXPECT_FALSE(kiosk.services->get<core::SessionManager>().signInByBadge("FC-NOPE-0001").ok());
    w.settle();
    ASSERT_TRUE(kiosk.services->db().exec("DELETE FROM local_signin_guard").ok());
    w.restart(1);
    ASSERT_TRUE(kiosk.client->exchange().ok());
    EXPECT_TRUE(kiosk.services->get<core::SessionManager>().lockout("")->locked());
    EXPECT_EQ(kiosk.services->get<core::SessionManager>().badgeLockout()->failures, 2);
    // The office's PIN pad is not the kiosk's.
    EXPECT_FALSE(w.device(0).services->get<core::SessionManager>().lockout("")->locked());
    EXPECT_EQ(w.device(0).services->get<core::SessionManager>().badgeLockout()->failures, 0);
    // Quiet for longer than the policy forgets: the hub stops sending the device's shared counts.
    w.clock().advance(16 * 60'000);
    ASSERT_TRUE(kiosk.services->db().exec("DELETE FROM local_signin_guard").ok());
    w.restart(1);
    ASSERT_TRUE(kiosk.client->exchange().ok());
    EXPECT_EQ(kiosk.services->get<core::SessionManager>().lockout("")->failures, 0);
}

// [SECTION] the pull answer's new fields are outside input

TEST(HubSignIn, APullAnswersSignInCountsAndBadgeKeyAreChecked) {
    auto page = [](const std::string& extra) {
        return decodePullResponse(R"({"changes":[],"next":0,"more":false,"hub_time":1)" + extra + "}");
    };
    auto good = page(R"(,"signin_counts":[{"key":"staff:0190a1b2-c3d4","failures":7},{"key":"pin-only","failures":1}],"badge_key":")" +
                     std::string(43, 'x') + "\"");
    ASSERT_TRUE(good.ok()) << good.error().message;
    EXPECT_EQ(good->signInCounts, (std::vector<core::GuardCount>{{"staff:0190a1b2-c3d4", 7}, {"pin-only", 1}}));
    EXPECT_EQ(good->badgeKey, std::string(43, 'x'));
    for (const std::string bad : {R"(,"signin_counts":{})", R"(,"signin_counts":[{"key":"local_sync","failures":1}])",
                                  R"(,"signin_counts":[{"key":"pin-only","failures":0}])",
                                  R"(,"signin_counts":[{"key":"pin-only","failures":1e9}])",
                                  R"(,"signin_counts":[{"key":"staff:x' OR 1","failures":1}])", R"(,"badge_key":"short")"}) {
        auto r = page(bad);
        EXPECT_FALSE(r.ok()) << bad;
    }
    std::string many = R"(,"signin_counts":[)";
    for (size_t i = 0; i <= core::kMaxGuardCounts; ++i) many += std::string(i ? "," : "") + R"({"key":"badge","failures":1})";
    EXPECT_FALSE(page(many + "]").ok());
}

}  // namespace
}  // namespace fc::sync
