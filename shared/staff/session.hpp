// Who is signed in on this device: sign-in by name + PIN, by PIN alone or by badge, with a
// lockout against guessing, sign-out by hand or after inactivity, and every sign-in, sign-out and
// failed attempt recorded as a synced fact (staff_session_events) for the audit trail.
//
//   SessionManager sessions(store, staff);                 // 5 min inactivity, 5 free attempts
//   FC_ASSIGN(Session s, sessions.signInByPin(staffId, "246810"));
//   if (s.can(Capability::kCheckInVehicles)) ...;
//   FC_TRY(sessions.touch());                             // on every tap
//   FC_ASSIGN(auto cur, sessions.current());              // empty once timed out
//
// Lockout (state in the local table local_signin_guard, never synced). Each key counts
// consecutive wrong attempts; after `freeAttempts` wrong ones every further wrong one makes the
// key wait firstDelay, then twice that, … up to maxDelay. The wait is kept on the clock's
// monotonic time as well as in the table: setting the device's date forward shortens nothing, and
// a lock the table still holds when the app starts is served again in full (a restart is no way
// round it either).
//   - "staff:<id>"  name + PIN. Reset by a correct PIN of that person.
//   - "pin-only"    PIN alone: nobody is identified, so the whole device shares one counter. A
//                   correct PIN does not reset it (a staff member could otherwise interleave their
//                   own PIN with guesses); it forgets after `forgetAfter` without a wrong attempt.
//   - "badge"       unknown badge codes, like "pin-only".
// A locked key refuses without checking anything. Not thread-safe: the UI thread owns it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "shared/capture/store.hpp"
#include "shared/staff/capabilities.hpp"
#include "shared/staff/hub_guard.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/staff/staff_service.hpp"

namespace fc::core {

struct SessionOptions {
    LockoutPolicy lockout;
    int64_t inactivityMs = 5 * 60'000;  // signed out after this long without touch()
};

struct LockoutState {
    int failures = 0;          // consecutive wrong attempts counted on the key
    int64_t lockedUntil = 0;   // device clock ms; 0 when not locked
    int64_t retryAfterMs = 0;  // how long until the next attempt is checked (0: now)
    bool locked() const { return retryAfterMs > 0; }
};

class SessionManager {
public:
    SessionManager(Store& store, StaffService& staff, SessionOptions options = {});

    void setOptions(const SessionOptions& options) { m_options = options; }
    const SessionOptions& options() const { return m_options; }

    // Each signs the new person in (signing out whoever was signed in, as "replaced") or returns
    // kPermission for a wrong or locked attempt (the message says how long to wait), kInvalid for
    // input that is not six digits / a badge code (not counted), kConflict when a PIN alone matches
    // more than one person (they pick their name instead).
    Result<Session> signInByPin(const std::string& staffId, std::string_view pin);
    Result<Session> signInByPinOnly(std::string_view pin);
    // A badge alone signs in technicians, warehouse staff, advisors and accountants; an admin's or
    // a manager's badge only says who they are (kPermission: they add their PIN, see
    // badgeHolder()).
    Result<Session> signInByBadge(std::string_view badge);
    // Whose badge this is (an active staff member), without signing in: for a screen that then
    // asks that person's PIN. An unknown badge counts as a failed attempt, as above.
    Result<StaffMember> badgeHolder(std::string_view badge);
    // Roles whose badge is not enough on its own.
    static bool badgeNeedsPin(StaffRole role);

    Status signOut();
    // The signed-in person, or empty when nobody is or the session has timed out (its sign-out is
    // then recorded, dated when the inactivity limit was reached).
    Result<std::optional<Session>> current();
    // Activity: the session lives on. Expires it first if it had already timed out.
    Status touch();

    // The lockout of a key for the UI's countdown: a staff id, or "" for PIN-only sign-in.
    Result<LockoutState> lockout(const std::string& staffId);
    Result<LockoutState> badgeLockout();

    static std::string staffKey(const std::string& staffId) { return signInGuardKey(staffId); }
    static constexpr const char* kPinOnlyKey = "pin-only";
    static constexpr const char* kBadgeKey = "badge";

private:
    int64_t deviceNow() const { return m_store.clock().nowMs(); }
    Result<LockoutState> readGuard(const std::string& key, bool shared);
    int64_t delayFor(int failures) const;  // the wait after this many consecutive failures
    Status recordFailure(const std::string& key, bool shared);
    Status resetGuard(const std::string& key);
    Status recordEvent(const std::optional<std::string>& staffId, const std::string& sessionId,
                       const char* kind, const char* method, int64_t at);
    Error lockedError(const LockoutState& state, const std::string& who) const;
    Error wrongError(const LockoutState& after) const;
    // Starts a session for a verified person, in one transaction with its records.
    Result<Session> start(const StaffMember& member, SignInMethod method,
                          const std::optional<std::string>& resetKey);
    // Signs the current session out (inside a transaction).
    Status endCurrent(SignOutReason reason, int64_t at);
    Status expireIfIdle();

    Store& m_store;
    StaffService& m_staff;
    SessionOptions m_options;
    std::optional<Session> m_current;
    // Monotonic deadlines of the locks this process has seen, and when each shared key last
    // failed (monotonic), by key.
    std::map<std::string, int64_t> m_lockedUntilMono;
    std::map<std::string, int64_t> m_lastFailureMono;
    std::set<std::string> m_seenKeys;
};

}  // namespace fc::core
