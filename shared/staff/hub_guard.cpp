#include "shared/staff/hub_guard.hpp"

#include <algorithm>

namespace fc::core {

namespace {

constexpr std::string_view kStaffPrefix = "staff:";

std::string deviceKey(const std::string& deviceId, const char* what) {
    return "device:" + deviceId + ":" + what;
}

}  // namespace

int64_t lockoutDelay(const LockoutPolicy& p, int failures) {
    if (failures < p.freeAttempts) return 0;
    const int doublings = std::min(failures - p.freeAttempts, 40);
    int64_t delay = p.firstDelayMs;
    for (int i = 0; i < doublings && delay < p.maxDelayMs; ++i) delay *= 2;
    return std::min(delay, p.maxDelayMs);
}

bool isGuardKey(const std::string& key) {
    if (key == "pin-only" || key == "badge") return true;
    if (key.size() <= kStaffPrefix.size() || key.size() > kStaffPrefix.size() + 64 ||
        key.compare(0, kStaffPrefix.size(), kStaffPrefix) != 0)
        return false;
    for (size_t i = kStaffPrefix.size(); i < key.size(); ++i) {
        const char c = key[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
    }
    return true;
}

Status forgetAtHub(Db& db, const std::string& staffId) {
    FC_ASSIGN(Stmt * d, db.cached("DELETE FROM local_signin_guard WHERE key = ?"));
    d->bind(1, std::string(kStaffPrefix) + staffId);
    return d->run();
}

Status countAtHub(Db& db, const GuardEvent& e, int64_t now, const LockoutPolicy& policy) {
    if (e.kind == "sign_in" && e.staffId) return forgetAtHub(db, *e.staffId);
    if (e.kind != "sign_in_failed") return {};
    std::string key;
    bool shared = false;
    if (e.staffId)
        key = std::string(kStaffPrefix) + *e.staffId;
    else {
        key = deviceKey(e.deviceId, e.method == "badge" ? "badge" : "pin-only");
        shared = true;
    }
    // A shared key quiet for forgetAfterMs (on the hub's clock) starts again, as on the device.
    FC_ASSIGN(Stmt * u, db.cached(
                            "INSERT INTO local_signin_guard(key, failures, locked_until, last_failure_at) "
                            "VALUES (?1, 1, 0, ?2) ON CONFLICT(key) DO UPDATE SET failures = CASE WHEN ?3 AND "
                            "?2 - last_failure_at >= ?4 THEN 1 ELSE min(failures + 1, 1000000) END, "
                            "last_failure_at = ?2"));
    u->bindAll(key, now, static_cast<int64_t>(shared), policy.forgetAfterMs);
    return u->run();
}

Result<std::vector<GuardCount>> hubCountsFor(Db& db, const std::string& deviceId, int64_t now,
                                             const LockoutPolicy& policy) {
    // Counts below the first wait are sent too: the device's next wrong attempt then waits.
    FC_ASSIGN(Stmt * s, db.cached(
                            "SELECT key, failures FROM local_signin_guard WHERE failures > 0 AND "
                            "(key GLOB 'staff:*' OR ((key = ?1 OR key = ?2) AND ?3 - last_failure_at < ?4)) "
                            "ORDER BY failures DESC, key LIMIT ?5"));
    s->bindAll(deviceKey(deviceId, "pin-only"), deviceKey(deviceId, "badge"), now, policy.forgetAfterMs,
               static_cast<int64_t>(kMaxGuardCounts));
    std::vector<GuardCount> out;
    const std::string devicePrefix = "device:" + deviceId + ":";
    FC_TRY(s->each([&](Stmt& r) {
        std::string key = r.getText(0);
        if (key.rfind(devicePrefix, 0) == 0) key = key.substr(devicePrefix.size());
        out.push_back({std::move(key), static_cast<int>(std::min<int64_t>(r.getInt(1), 1'000'000))});
    }));
    return out;
}

Result<int> adoptHubCounts(Db& db, const std::vector<GuardCount>& counts, int64_t now,
                           const LockoutPolicy& policy) {
    // A sign-in this device has not pushed yet may have reset what the hub still counts: the
    // hub's counts are adopted only once it has seen every sign-in event of this device.
    FC_ASSIGN(auto pending, db.queryInt("SELECT count(*) FROM outbox WHERE tbl = 'staff_session_events' AND seq > "
                                        "(SELECT acked_seq FROM local_state WHERE id = 1)"));
    if (pending.value_or(0) > 0) return 0;
    FC_ASSIGN(Stmt * get, db.cached("SELECT failures FROM local_signin_guard WHERE key = ?"));
    FC_ASSIGN(Stmt * put, db.cached(
                              "INSERT INTO local_signin_guard(key, failures, locked_until, last_failure_at) "
                              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET failures = ?2, "
                              "locked_until = max(locked_until, ?3), last_failure_at = max(last_failure_at, ?4)"));
    int raised = 0;
    for (const GuardCount& c : counts) {
        if (!isGuardKey(c.key) || c.failures <= 0) continue;
        get->bind(1, c.key);
        FC_ASSIGN(bool row, get->step());
        const int64_t local = row ? get->getInt(0) : 0;
        get->reset();
        if (c.failures <= local) continue;
        const int64_t delay = lockoutDelay(policy, c.failures);
        put->bindAll(c.key, static_cast<int64_t>(c.failures), delay > 0 ? now + delay : int64_t{0}, now);
        FC_TRY(put->run());
        ++raised;
    }
    return raised;
}

}  // namespace fc::core
