// Index
//   [SECTION] keys and helpers
//   [SECTION] lockout guard
//   [SECTION] sign-in
//   [SECTION] session life
#include "shared/staff/session.hpp"

#include <algorithm>

#include "shared/capture/row.hpp"
#include "shared/core/text.hpp"
#include "shared/staff/tables.hpp"

namespace fc::core {

// [SECTION] keys and helpers

const char* signInMethodKey(SignInMethod m) {
    switch (m) {
        case SignInMethod::kPin:
            return "pin";
        case SignInMethod::kPinOnly:
            return "pin_only";
        case SignInMethod::kBadge:
            return "badge";
    }
    return "";
}

const char* signOutReasonKey(SignOutReason r) {
    switch (r) {
        case SignOutReason::kManual:
            return "manual";
        case SignOutReason::kInactivity:
            return "inactivity";
        case SignOutReason::kReplaced:
            return "replaced";
    }
    return "";
}

Status requireCapability(const Session& session, Capability c) {
    if (session.can(c)) return {};
    return Error(Errc::kPermission, session.staffName() + " (" + staffRoleKey(session.role()) +
                                        ") is not allowed to do this (" + capabilityKey(c) + ")");
}

namespace {

// Six digits as typed on a keypad (full-width folded, spaces ignored). Not checked for being
// trivial: that is a rule for choosing a PIN, not for typing one.
Result<std::string> typedPin(std::string_view input) {
    std::string pin;
    for (char c : foldWidth(input)) {
        if (c == ' ') continue;
        if (c < '0' || c > '9') return invalid("PIN: digits only");
        pin += c;
    }
    if (pin.size() != kPinLength) return invalid("PIN: type all six digits");
    return pin;
}

std::string seconds(int64_t ms) {
    return std::to_string((ms + 999) / 1000) + " s";
}

}  // namespace

SessionManager::SessionManager(Store& store, StaffService& staff, SessionOptions options)
    : m_store(store), m_staff(staff), m_options(options) {}

// [SECTION] lockout guard

Result<LockoutState> SessionManager::readGuard(const std::string& key, bool shared) {
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(
                  "SELECT failures, locked_until, last_failure_at FROM local_signin_guard "
                  "WHERE key = ?"));
    s->bind(1, key);
    FC_ASSIGN(bool row, s->step());
    LockoutState st;
    int64_t lastFailure = 0;
    if (row) {
        st.failures = static_cast<int>(s->getInt(0));
        st.lockedUntil = s->getInt(1);
        lastFailure = s->getInt(2);
    }
    s->reset();
    const int64_t now = deviceNow();
    const int64_t mono = m_store.clock().monotonicMs();
    // The first look at a key in this process: a lock the table holds is served again in full on
    // monotonic time (the date may have been moved since it was written).
    if (!row) {  // reset (a right PIN, a new PIN set by a manager): nothing left to serve
        m_lockedUntilMono.erase(key);
        m_lastFailureMono.erase(key);
    }
    if (m_seenKeys.insert(key).second && row && st.lockedUntil > 0)
        m_lockedUntilMono[key] = mono + delayFor(st.failures);
    const auto monoUntil = m_lockedUntilMono.find(key);
    const int64_t monoRetry = monoUntil == m_lockedUntilMono.end() ? 0 : std::max<int64_t>(0, monoUntil->second - mono);
    // A shared key forgets once it has been quiet for a while and is not locked — quiet by both
    // clocks, so moving the date forward does not buy fresh attempts.
    const auto monoLast = m_lastFailureMono.find(key);
    const bool quiet = now - lastFailure >= m_options.lockout.forgetAfterMs &&
                       (monoLast == m_lastFailureMono.end() || mono - monoLast->second >= m_options.lockout.forgetAfterMs);
    if (shared && st.failures > 0 && st.lockedUntil <= now && monoRetry == 0 && quiet) {
        st.failures = 0;
        st.lockedUntil = 0;
    }
    st.retryAfterMs = std::max<int64_t>({0, st.lockedUntil - now, monoRetry});
    st.lockedUntil = st.retryAfterMs == 0 ? 0 : now + st.retryAfterMs;
    return st;
}

int64_t SessionManager::delayFor(int failures) const { return lockoutDelay(m_options.lockout, failures); }

Status SessionManager::recordFailure(const std::string& key, bool shared) {
    FC_ASSIGN(LockoutState st, readGuard(key, shared));
    const int64_t now = deviceNow();
    const int64_t mono = m_store.clock().monotonicMs();
    const int failures = st.failures + 1;
    const int64_t delay = delayFor(failures);
    const int64_t lockedUntil = delay > 0 ? now + delay : 0;
    if (delay > 0) m_lockedUntilMono[key] = mono + delay;
    m_lastFailureMono[key] = mono;
    FC_ASSIGN(Stmt * u, m_store.db().cached(
                            "INSERT INTO local_signin_guard(key, failures, locked_until, "
                            "last_failure_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                            "failures = excluded.failures, locked_until = excluded.locked_until, "
                            "last_failure_at = excluded.last_failure_at"));
    u->bindAll(key, static_cast<int64_t>(failures), lockedUntil, now);
    return u->run();
}

Status SessionManager::resetGuard(const std::string& key) {
    m_lockedUntilMono.erase(key);
    m_lastFailureMono.erase(key);
    FC_ASSIGN(Stmt * d, m_store.db().cached("DELETE FROM local_signin_guard WHERE key = ?"));
    d->bind(1, key);
    return d->run();
}

Result<LockoutState> SessionManager::lockout(const std::string& staffId) {
    return staffId.empty() ? readGuard(kPinOnlyKey, true) : readGuard(staffKey(staffId), false);
}

Result<LockoutState> SessionManager::badgeLockout() {
    return readGuard(kBadgeKey, true);
}

Error SessionManager::lockedError(const LockoutState& state, const std::string& who) const {
    return Error(Errc::kPermission, std::string("too many wrong attempts") +
                                        (who.empty() ? "" : " for " + who) + ": try again in " +
                                        seconds(state.retryAfterMs));
}

Error SessionManager::wrongError(const LockoutState& after) const {
    if (after.locked())
        return Error(Errc::kPermission, "wrong PIN; too many wrong attempts: wait " +
                                            seconds(after.retryAfterMs) + " before trying again");
    const int left = std::max(0, m_options.lockout.freeAttempts - after.failures);
    return Error(Errc::kPermission, "wrong PIN (" + std::to_string(left) +
                                        (left == 1 ? " try" : " tries") + " left before a wait)");
}

Status SessionManager::recordEvent(const std::optional<std::string>& staffId,
                                   const std::string& sessionId, const char* kind,
                                   const char* method, int64_t at) {
    FC_ASSIGN(Row row, RowBuilder(tables::kStaffSessionEvents)
                           .set("store_id", m_store.storeId())
                           .set("staff_id", staffId)
                           .set("session_id", sessionId)
                           .set("kind", kind)
                           .set("method", method)
                           .set("at", at)
                           .set("device_id", m_store.device().deviceId)
                           .build());
    return m_store.writer().insert(tables::kStaffSessionEvents, m_store.ids().next(), row);
}

// [SECTION] sign-in

Result<Session> SessionManager::signInByPin(const std::string& staffId, std::string_view pin) {
    FC_ASSIGN(std::string digits, typedPin(pin));
    const std::string key = staffKey(staffId);
    FC_ASSIGN(StaffMember m, m_staff.get(staffId));
    FC_ASSIGN(LockoutState st, readGuard(key, false));
    if (st.locked()) return lockedError(st, m.name);
    if (!m.active || m.deletedAt)
        return Error(Errc::kPermission, m.name + " cannot sign in: the account is deactivated");
    if (!m.hasPin)
        return Error(Errc::kPermission, m.name + " has no PIN yet: ask a manager to set one");
    FC_ASSIGN(bool ok, m_staff.checkPin(staffId, digits));
    if (!ok) {
        auto written = inTx(m_store.db(), [&]() -> Status {
            FC_TRY(recordFailure(key, false));
            return recordEvent(staffId, "", "sign_in_failed", signInMethodKey(SignInMethod::kPin),
                               m_store.nowMs());
        });
        if (!written) return written.error();
        FC_ASSIGN(LockoutState after, readGuard(key, false));
        return wrongError(after);
    }
    return start(m, SignInMethod::kPin, key);
}

Result<Session> SessionManager::signInByPinOnly(std::string_view pin) {
    FC_ASSIGN(std::string digits, typedPin(pin));
    FC_ASSIGN(LockoutState st, readGuard(kPinOnlyKey, true));
    if (st.locked()) return lockedError(st, "");
    FC_ASSIGN(auto hashes, m_staff.activePinHashes());
    std::vector<std::string> matches;
    // Every hash is checked, so the time taken does not tell whose PIN it was.
    for (const auto& [id, hash] : hashes)
        if (verifyPin(hash, digits)) matches.push_back(id);
    if (matches.empty()) {
        auto written = inTx(m_store.db(), [&]() -> Status {
            FC_TRY(recordFailure(kPinOnlyKey, true));
            return recordEvent(std::nullopt, "", "sign_in_failed",
                               signInMethodKey(SignInMethod::kPinOnly), m_store.nowMs());
        });
        if (!written) return written.error();
        FC_ASSIGN(LockoutState after, readGuard(kPinOnlyKey, true));
        return wrongError(after);
    }
    if (matches.size() > 1)
        return conflict(
            "this PIN belongs to more than one person: pick your name, then type "
            "your PIN");
    FC_ASSIGN(StaffMember m, m_staff.get(matches[0]));
    // The person's own lockout (someone was guessing their PIN by name) holds here too.
    FC_ASSIGN(LockoutState own, readGuard(staffKey(m.id), false));
    if (own.locked()) return lockedError(own, m.name);
    return start(m, SignInMethod::kPinOnly, staffKey(m.id));
}

bool SessionManager::badgeNeedsPin(StaffRole role) { return role == StaffRole::kAdmin || role == StaffRole::kManager; }

Result<Session> SessionManager::signInByBadge(std::string_view badge) {
    FC_ASSIGN(StaffMember m, badgeHolder(badge));
    if (m.role && badgeNeedsPin(*m.role))
        return Error(Errc::kPermission, m.name + " signs in with the badge and the PIN");
    return start(m, SignInMethod::kBadge, std::nullopt);
}

Result<StaffMember> SessionManager::badgeHolder(std::string_view badge) {
    FC_ASSIGN(std::string code, StaffService::normalizeBadge(badge));
    FC_ASSIGN(LockoutState st, readGuard(kBadgeKey, true));
    if (st.locked()) return lockedError(st, "");
    FC_ASSIGN(auto id, m_staff.findByBadge(code));
    if (!id) {
        auto written = inTx(m_store.db(), [&]() -> Status {
            FC_TRY(recordFailure(kBadgeKey, true));
            return recordEvent(std::nullopt, "", "sign_in_failed",
                               signInMethodKey(SignInMethod::kBadge), m_store.nowMs());
        });
        if (!written) return written.error();
        FC_ASSIGN(LockoutState after, readGuard(kBadgeKey, true));
        if (after.locked())
            return Error(Errc::kPermission, "unknown badge; too many unknown badges: wait " +
                                                seconds(after.retryAfterMs));
        return Error(Errc::kPermission, "unknown or deactivated badge");
    }
    return m_staff.get(*id);
}

Result<Session> SessionManager::start(const StaffMember& member, SignInMethod method,
                                      const std::optional<std::string>& resetKey) {
    if (!member.role)
        return Error(Errc::kPermission, member.name + " has the role '" + member.roleKey +
                                            "', which this version does not know: upgrade");
    Session s;
    s.m_id = m_store.ids().next();
    s.m_staffId = member.id;
    s.m_staffName = member.name;
    s.m_role = *member.role;
    s.m_method = method;
    s.m_signedInAt = deviceNow();
    s.m_lastActivityAt = s.m_signedInAt;
    auto written = inTx(m_store.db(), [&]() -> Status {
        if (m_current) FC_TRY(endCurrent(SignOutReason::kReplaced, m_store.nowMs()));
        if (resetKey) FC_TRY(resetGuard(*resetKey));
        return recordEvent(member.id, s.m_id, "sign_in", signInMethodKey(method), m_store.nowMs());
    });
    if (!written) return written.error();
    m_current = s;
    return s;
}

// [SECTION] session life

Status SessionManager::endCurrent(SignOutReason reason, int64_t at) {
    return recordEvent(m_current->m_staffId, m_current->m_id, "sign_out", signOutReasonKey(reason),
                       at);
}

Status SessionManager::signOut() {
    FC_TRY(expireIfIdle());
    if (!m_current) return {};
    auto written =
        inTx(m_store.db(), [&] { return endCurrent(SignOutReason::kManual, m_store.nowMs()); });
    if (!written) return written.error();
    m_current.reset();
    return {};
}

Status SessionManager::expireIfIdle() {
    if (!m_current) return {};
    const int64_t now = deviceNow();
    const int64_t expiresAt = m_current->m_lastActivityAt + m_options.inactivityMs;
    if (now < expiresAt) return {};
    // Dated when the limit was reached, on the store's (corrected) clock.
    const int64_t at = m_store.nowMs() - (now - expiresAt);
    auto written = inTx(m_store.db(), [&] { return endCurrent(SignOutReason::kInactivity, at); });
    if (!written) return written.error();
    m_current.reset();
    return {};
}

Result<std::optional<Session>> SessionManager::current() {
    FC_TRY(expireIfIdle());
    return m_current;
}

Status SessionManager::touch() {
    FC_TRY(expireIfIdle());
    if (m_current) m_current->m_lastActivityAt = deviceNow();
    return {};
}

}  // namespace fc::core
