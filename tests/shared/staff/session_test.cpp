#include "shared/staff/session.hpp"

#include <gtest/gtest.h>

#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;

class SessionTest : public test::StaffTest {
protected:
    int64_t events(const std::string& where) {
        return count("SELECT count(*) FROM staff_session_events WHERE " + where);
    }
    // A wrong PIN for `id` and the error it gives.
    Error wrong(const std::string& id) {
        auto r = s->get<SessionManager>().signInByPin(id, "999888");
        EXPECT_FALSE(r.ok());
        return r.ok() ? Error() : r.error();
    }
};

TEST_F(SessionTest, SigningInByNameAndPinStartsASessionAndRecordsIt) {
    clock.advance(5 * kSecond);
    auto r = s->get<SessionManager>().signInByPin(adminId, " 246 810 ");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->staffId(), adminId);
    EXPECT_EQ(r->staffName(), "赵敏");
    EXPECT_EQ(r->role(), StaffRole::kAdmin);
    EXPECT_EQ(r->method(), SignInMethod::kPin);
    EXPECT_EQ(r->signedInAt(), clock.nowMs());
    EXPECT_EQ(r->lastActivityAt(), clock.nowMs());
    EXPECT_TRUE(r->can(Capability::kManageStaff));
    auto cur = s->get<SessionManager>().current();
    ASSERT_TRUE(cur.ok() && cur->has_value());
    EXPECT_EQ((*cur)->id(), r->id());

    auto ev = s->db().prepare(
        "SELECT staff_id, session_id, kind, method, at, device_id FROM staff_session_events");
    ASSERT_TRUE(ev.ok());
    ASSERT_TRUE(ev->step().value());
    EXPECT_EQ(ev->getText(0), adminId);
    EXPECT_EQ(ev->getText(1), r->id());
    EXPECT_EQ(ev->getText(2), "sign_in");
    EXPECT_EQ(ev->getText(3), "pin");
    EXPECT_EQ(ev->getInt(4), clock.nowMs());
    EXPECT_EQ(ev->getText(5), s->store().device().deviceId);
    EXPECT_FALSE(ev->step().value());
    // Recorded for sync like every fact.
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'staff_session_events' AND op = 4"),
              1);
}

TEST_F(SessionTest, WrongPinsLockWithAGrowingCappedDelayAndASuccessResets) {
    for (int i = 1; i <= 4; ++i) {
        Error e = wrong(adminId);
        EXPECT_EQ(e.code, Errc::kPermission);
        EXPECT_NE(e.message.find("wrong PIN (" + std::to_string(5 - i)), std::string::npos)
            << e.message;
    }
    Error fifth = wrong(adminId);
    EXPECT_NE(fifth.message.find("wait 30 s"), std::string::npos) << fifth.message;
    auto st = s->get<SessionManager>().lockout(adminId);
    ASSERT_TRUE(st.ok());
    EXPECT_TRUE(st->locked());
    EXPECT_EQ(st->retryAfterMs, 30 * kSecond);
    EXPECT_EQ(st->failures, 5);

    // While locked even the right PIN is refused, without being checked or recorded.
    clock.advance(10 * kSecond);
    auto locked = s->get<SessionManager>().signInByPin(adminId, "246810");
    ASSERT_FALSE(locked.ok());
    EXPECT_NE(locked.error().message.find("try again in 20 s"), std::string::npos)
        << locked.error().message;
    EXPECT_EQ(events("kind = 'sign_in_failed'"), 5);
    EXPECT_EQ(events("kind = 'sign_in'"), 0);

    // Each further wrong PIN doubles the wait: 60 s, 120 s, … capped at 15 min.
    const int64_t expected[] = {60, 120, 240, 480, 900, 900};
    for (int64_t wait : expected) {
        clock.advance(s->get<SessionManager>().lockout(adminId)->retryAfterMs);
        Error e = wrong(adminId);
        EXPECT_NE(e.message.find("wait " + std::to_string(wait) + " s"), std::string::npos)
            << e.message;
        EXPECT_EQ(s->get<SessionManager>().lockout(adminId)->retryAfterMs, wait * kSecond);
    }
    clock.advance(s->get<SessionManager>().lockout(adminId)->retryAfterMs);
    auto ok = s->get<SessionManager>().signInByPin(adminId, "246810");
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    auto after = s->get<SessionManager>().lockout(adminId);
    EXPECT_EQ(after->failures, 0);
    EXPECT_FALSE(after->locked());
    EXPECT_NE(wrong(adminId).message.find("4 tries left"), std::string::npos);
    EXPECT_EQ(events("kind = 'sign_in_failed' AND staff_id = '" + adminId + "' AND method = 'pin'"),
              12);
}

TEST_F(SessionTest, LockoutsArePerPersonAndTheirStateIsLocal) {
    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828");
    for (int i = 0; i < 5; ++i) wrong(tech);
    EXPECT_TRUE(s->get<SessionManager>().lockout(tech)->locked());
    EXPECT_FALSE(s->get<SessionManager>().lockout(adminId)->locked());
    EXPECT_TRUE(s->get<SessionManager>().signInByPin(adminId, "246810").ok());
    // The guard is a local table: nothing of it is captured for sync.
    EXPECT_EQ(count("SELECT count(*) FROM local_signin_guard WHERE key = 'staff:" + tech + "'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl LIKE 'local%'"), 0);
    // A manager setting a new PIN lifts the lockout.
    ASSERT_TRUE(s->get<StaffService>().setPin(admin(), tech, "583920").ok());
    EXPECT_FALSE(s->get<SessionManager>().lockout(tech)->locked());
    EXPECT_TRUE(s->get<SessionManager>().signInByPin(tech, "583920").ok());
}

TEST_F(SessionTest, TypingFewerThanSixDigitsIsNotCounted) {
    for (const char* typed : {"", "2468", "24681x"}) {
        auto r = s->get<SessionManager>().signInByPin(adminId, typed);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, Errc::kInvalid) << typed;
    }
    EXPECT_EQ(s->get<SessionManager>().lockout(adminId)->failures, 0);
    EXPECT_EQ(events("1"), 0);
}

TEST_F(SessionTest, PinAloneFindsThePersonAmongActiveStaff) {
    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828");
    const std::string advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
    auto r = s->get<SessionManager>().signInByPinOnly("314159");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->staffId(), advisor);
    EXPECT_EQ(r->method(), SignInMethod::kPinOnly);
    EXPECT_EQ(events("kind = 'sign_in' AND method = 'pin_only' AND staff_id = '" + advisor + "'"),
              1);
    auto t = s->get<SessionManager>().signInByPinOnly("２７１８２８");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->staffId(), tech);
    // A wrong PIN names nobody.
    auto w = s->get<SessionManager>().signInByPinOnly("702194");
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.error().code, Errc::kPermission);
    EXPECT_EQ(events("kind = 'sign_in_failed' AND staff_id IS NULL AND method = 'pin_only'"), 1);
}

TEST_F(SessionTest, PinAloneSharesOneDeviceCounterThatASuccessDoesNotReset) {
    addStaff("李娜", StaffRole::kAdvisor, "314159");
    for (int i = 0; i < 4; ++i) EXPECT_FALSE(s->get<SessionManager>().signInByPinOnly("702194").ok());
    // A staff member's own correct PIN does not wipe the guesses made before it…
    ASSERT_TRUE(s->get<SessionManager>().signInByPinOnly("314159").ok());
    EXPECT_EQ(s->get<SessionManager>().lockout("")->failures, 4);
    auto fifth = s->get<SessionManager>().signInByPinOnly("702195");
    ASSERT_FALSE(fifth.ok());
    EXPECT_NE(fifth.error().message.find("wait 30 s"), std::string::npos) << fifth.error().message;
    auto locked = s->get<SessionManager>().signInByPinOnly("314159");
    ASSERT_FALSE(locked.ok());
    EXPECT_NE(locked.error().message.find("try again in 30 s"), std::string::npos);
    // …while picking a name still works for everyone else.
    EXPECT_TRUE(s->get<SessionManager>().signInByPin(adminId, "246810").ok());
    // After the wait a further wrong PIN doubles it; fifteen quiet minutes forget the count.
    clock.advance(30 * kSecond);
    auto sixth = s->get<SessionManager>().signInByPinOnly("702196");
    EXPECT_NE(sixth.error().message.find("wait 60 s"), std::string::npos);
    clock.advance(60 * kSecond);
    EXPECT_EQ(s->get<SessionManager>().lockout("")->failures, 6);
    clock.advance(15 * kMinute);
    EXPECT_EQ(s->get<SessionManager>().lockout("")->failures, 0);
    EXPECT_TRUE(s->get<SessionManager>().signInByPinOnly("314159").ok());
}

TEST_F(SessionTest, PinAloneHonoursThePersonsOwnLockout) {
    const std::string advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
    for (int i = 0; i < 5; ++i) wrong(advisor);
    auto r = s->get<SessionManager>().signInByPinOnly("314159");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("for 李娜"), std::string::npos) << r.error().message;
    clock.advance(30 * kSecond);
    ASSERT_TRUE(s->get<SessionManager>().signInByPinOnly("314159").ok());
    EXPECT_EQ(s->get<SessionManager>().lockout(advisor)->failures, 0) << "the right PIN proves it: reset";
}

TEST_F(SessionTest, APinTwoPeopleShareIsAmbiguousAndTheyPickTheirName) {
    // Two devices offline could each give someone the same PIN; sync brings both here.
    std::string a, b;
    {
        Tx tx(s->db());
        ASSERT_TRUE(tx.begin().ok());
        StaffService raw(s->store(), PinHashLimits::minimum());
        a = *raw.createStaffInTx({.name = "甲甲", .role = StaffRole::kAdvisor, .pin = "583920"},
                                 false);
        b = *raw.createStaffInTx({.name = "乙乙", .role = StaffRole::kAdvisor, .pin = "583920"},
                                 false);
        ASSERT_TRUE(tx.commit().ok());
    }
    auto r = s->get<SessionManager>().signInByPinOnly("583920");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::kConflict);
    EXPECT_NE(r.error().message.find("pick your name"), std::string::npos);
    EXPECT_EQ(s->get<SessionManager>().lockout("")->failures, 0) << "a right PIN is not a wrong attempt";
    EXPECT_EQ(s->get<SessionManager>().signInByPin(a, "583920")->staffId(), a);
    EXPECT_EQ(s->get<SessionManager>().signInByPin(b, "583920")->staffId(), b);
}

TEST_F(SessionTest, BadgesSignInAndUnknownBadgesAreRateLimited) {
    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828", "FC-STAFF-0004");
    auto r = s->get<SessionManager>().signInByBadge(" fc-staff-0004\n");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->staffId(), tech);
    EXPECT_EQ(r->method(), SignInMethod::kBadge);
    EXPECT_FALSE(r->can(Capability::kManageStaff));
    auto bad = s->get<SessionManager>().signInByBadge("###");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, Errc::kInvalid) << "not a badge code at all: not counted";
    for (int i = 0; i < 4; ++i) {
        auto u = s->get<SessionManager>().signInByBadge("FC-STAFF-99" + std::to_string(10 + i));
        ASSERT_FALSE(u.ok());
        EXPECT_NE(u.error().message.find("unknown"), std::string::npos);
    }
    auto fifth = s->get<SessionManager>().signInByBadge("FC-STAFF-9999");
    EXPECT_NE(fifth.error().message.find("wait 30 s"), std::string::npos) << fifth.error().message;
    EXPECT_FALSE(s->get<SessionManager>().signInByBadge("FC-STAFF-0004").ok()) << "locked for everyone";
    EXPECT_TRUE(s->get<SessionManager>().badgeLockout()->locked());
    clock.advance(30 * kSecond);
    EXPECT_TRUE(s->get<SessionManager>().signInByBadge("FC-STAFF-0004").ok());
    // A deactivated person's badge stops working.
    ASSERT_TRUE(s->get<StaffService>().deactivate(admin(), tech).ok());
    auto gone = s->get<SessionManager>().signInByBadge("FC-STAFF-0004");
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(events("kind = 'sign_in_failed' AND method = 'badge'"), 6);
}

TEST_F(SessionTest, AnAdminsOrManagersBadgeAloneDoesNotSignIn) {
    auto alone = s->get<SessionManager>().signInByBadge("FC-STAFF-0001");
    ASSERT_FALSE(alone.ok()) << "the admin's badge code is printed on a card anyone may copy";
    EXPECT_EQ(alone.error().code, Errc::kPermission);
    EXPECT_NE(alone.error().message.find("PIN"), std::string::npos) << alone.error().message;
    EXPECT_EQ(events("kind = 'sign_in'"), 0);
    EXPECT_EQ(s->get<SessionManager>().badgeLockout()->failures, 0) << "a known badge is no guess";
    // The badge still says who it is, for a screen that then asks the PIN.
    auto holder = s->get<SessionManager>().badgeHolder("fc-staff-0001");
    ASSERT_TRUE(holder.ok()) << holder.error().message;
    EXPECT_EQ(holder->id, adminId);
    EXPECT_TRUE(SessionManager::badgeNeedsPin(StaffRole::kManager));
    EXPECT_FALSE(SessionManager::badgeNeedsPin(StaffRole::kTechnician));
    auto unknown = s->get<SessionManager>().badgeHolder("FC-STAFF-7777");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(s->get<SessionManager>().badgeLockout()->failures, 1) << "an unknown badge counts as a guess";
}

TEST_F(SessionTest, MovingTheDateForwardDoesNotShortenALockout) {
    for (int i = 0; i < 5; ++i) wrong(adminId);
    ASSERT_TRUE(s->get<SessionManager>().lockout(adminId)->locked());
    clock.set(clock.nowMs() + 24 * 60 * kMinute);  // the device's date set a day ahead
    auto st = s->get<SessionManager>().lockout(adminId);
    ASSERT_TRUE(st.ok());
    EXPECT_TRUE(st->locked()) << "the wait runs on time that passes, not on the date";
    EXPECT_FALSE(s->get<SessionManager>().signInByPin(adminId, "246810").ok());
    clock.advance(30 * kSecond);  // time passing
    EXPECT_TRUE(s->get<SessionManager>().signInByPin(adminId, "246810").ok());
}

TEST_F(SessionTest, ALockoutOnRecordIsServedAgainAfterARestart) {
    for (int i = 0; i < 5; ++i) wrong(adminId);
    clock.set(clock.nowMs() + 60 * kMinute);  // date moved, then the app restarted
    SessionManager restarted(s->store(), s->get<StaffService>());
    auto st = restarted.lockout(adminId);
    ASSERT_TRUE(st.ok());
    EXPECT_TRUE(st->locked()) << "the table still holds the lock: it is served in full";
    EXPECT_EQ(st->retryAfterMs, 30 * kSecond);
    EXPECT_FALSE(restarted.signInByPin(adminId, "246810").ok());
    clock.advance(30 * kSecond);
    EXPECT_TRUE(restarted.signInByPin(adminId, "246810").ok());
}

TEST_F(SessionTest, SharedCountersDoNotForgetWhenTheDateMoves) {
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(s->get<SessionManager>().signInByPinOnly("111333").ok());
    ASSERT_EQ(s->get<SessionManager>().lockout("")->failures, 3);
    clock.set(clock.nowMs() + 60 * kMinute);  // past forgetAfter on the date only
    EXPECT_EQ(s->get<SessionManager>().lockout("")->failures, 3) << "three more free guesses are not bought so";
    clock.advance(16 * kMinute);  // really quiet for long enough
    EXPECT_EQ(s->get<SessionManager>().lockout("")->failures, 0);
}

TEST_F(SessionTest, InactivitySignsOutAndTouchKeepsTheSessionAlive) {
    s->get<SessionManager>().setOptions({.inactivityMs = 5 * kMinute});
    auto r = s->get<SessionManager>().signInByPin(adminId, "246810");
    ASSERT_TRUE(r.ok());
    const std::string sessionId = r->id();
    clock.advance(4 * kMinute);
    ASSERT_TRUE(s->get<SessionManager>().touch().ok());
    const int64_t lastTouch = clock.nowMs();
    clock.advance(4 * kMinute);
    auto still = s->get<SessionManager>().current();
    ASSERT_TRUE(still.ok() && still->has_value());
    EXPECT_EQ((*still)->lastActivityAt(), lastTouch);
    clock.advance(1 * kMinute + 1);
    auto gone = s->get<SessionManager>().current();
    ASSERT_TRUE(gone.ok());
    EXPECT_FALSE(gone->has_value());
    // The sign-out is dated when the limit was reached, not when someone noticed.
    EXPECT_EQ(count("SELECT at FROM staff_session_events WHERE kind = 'sign_out' AND method = "
                    "'inactivity' AND session_id = '" +
                    sessionId + "'"),
              lastTouch + 5 * kMinute);
    // Touching after the timeout does not bring it back.
    ASSERT_TRUE(s->get<SessionManager>().touch().ok());
    EXPECT_FALSE(s->get<SessionManager>().current()->has_value());
    EXPECT_EQ(events("kind = 'sign_out'"), 1);

    // The limit is configurable.
    s->get<SessionManager>().setOptions({.inactivityMs = 30 * kSecond});
    ASSERT_TRUE(s->get<SessionManager>().signInByPin(adminId, "246810").ok());
    clock.advance(30 * kSecond);
    EXPECT_FALSE(s->get<SessionManager>().current()->has_value());
}

TEST_F(SessionTest, ANewSignInReplacesTheLastAndSignOutIsRecorded) {
    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828");
    auto a = s->get<SessionManager>().signInByPin(adminId, "246810");
    ASSERT_TRUE(a.ok());
    auto t = s->get<SessionManager>().signInByPin(tech, "271828");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(
        events("kind = 'sign_out' AND method = 'replaced' AND session_id = '" + a->id() + "'"), 1);
    EXPECT_EQ((*s->get<SessionManager>().current())->staffId(), tech);
    ASSERT_TRUE(s->get<SessionManager>().signOut().ok());
    EXPECT_FALSE(s->get<SessionManager>().current()->has_value());
    EXPECT_EQ(events("kind = 'sign_out' AND method = 'manual' AND session_id = '" + t->id() + "'"),
              1);
    ASSERT_TRUE(s->get<SessionManager>().signOut().ok()) << "signing out twice is harmless";
    // Every session has exactly one sign-in, and at most one sign-out.
    EXPECT_EQ(count("SELECT count(*) FROM (SELECT session_id FROM staff_session_events WHERE "
                    "kind = 'sign_out' GROUP BY session_id HAVING count(*) > 1)"),
              0);
    EXPECT_EQ(count("SELECT count(*) FROM staff_session_events o WHERE kind = 'sign_out' AND NOT "
                    "EXISTS (SELECT 1 FROM staff_session_events i WHERE i.kind = 'sign_in' AND "
                    "i.session_id = o.session_id)"),
              0);
}

TEST_F(SessionTest, SignInEventsAreFactsTheDatabaseKeepsImmutable) {
    ASSERT_TRUE(s->get<SessionManager>().signInByPin(adminId, "246810").ok());
    EXPECT_FALSE(s->db().exec("UPDATE staff_session_events SET kind = 'sign_out'").ok());
    EXPECT_FALSE(s->db().exec("DELETE FROM staff_session_events").ok());
    WriteModeScope mode(s->db(), WriteMode::kCapture);  // even claiming to be the capture path
    auto r = s->db().exec("UPDATE staff_session_events SET kind = 'sign_out'");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("never updated"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace fc::core
