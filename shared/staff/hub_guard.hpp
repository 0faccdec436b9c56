// Wrong-PIN counting at the hub. A device's own lockout (local_signin_guard, see session.hpp)
// lives in its file: whoever can delete that table could reset it. Every failed sign-in is also a
// synced fact (staff_session_events), so the hub counts them as they arrive, on its own clock, in
// its own local_signin_guard:
//   - "staff:<id>"             wrong PINs for that person on any device; reset by their sign-in
//   - "device:<dev>:pin-only"  wrong PIN-only attempts on that device, forgotten after a quiet spell
//   - "device:<dev>:badge"     unknown badges on that device, likewise
// Each pull answer carries the counts that concern the pulling device; the device raises its own
// counters to them (never lowers them) and serves the lockout they call for. So a device whose
// table was wiped is locked again by its next exchange with the hub.
//
//   FC_TRY(countAtHub(db, event, hubNowMs, policy));        // the hub, for each merged event
//   FC_ASSIGN(auto counts, hubCountsFor(db, deviceId, hubNowMs, policy));
//   FC_TRY(adoptHubCounts(db, counts, deviceNowMs, policy)); // the device, after a pull
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::core {

struct LockoutPolicy {
    int freeAttempts = 5;                 // wrong attempts before the first wait
    int64_t firstDelayMs = 30'000;        // then 30 s, 60 s, 120 s, …
    int64_t maxDelayMs = 15 * 60'000;     // … never more than 15 min
    int64_t forgetAfterMs = 15 * 60'000;  // shared keys forget after this long without a failure
};

// The wait after `failures` consecutive wrong attempts (0 while attempts are free).
int64_t lockoutDelay(const LockoutPolicy& policy, int failures);

// One sign-in event as the hub merged it.
struct GuardEvent {
    std::string kind;  // sign_in, sign_out, sign_in_failed
    std::optional<std::string> staffId;
    std::string method;    // pin, pin_only, badge
    std::string deviceId;  // the author (the hub checks it is)
};

// A count for the device: the key as the device names it ("staff:<id>", "pin-only", "badge").
struct GuardCount {
    std::string key;
    int failures = 0;
    bool operator==(const GuardCount&) const = default;
};

constexpr size_t kMaxGuardCounts = 1000;

Status countAtHub(Db& db, const GuardEvent& event, int64_t hubNowMs, const LockoutPolicy& policy);
// A person's count starts again (a new PIN was set).
Status forgetAtHub(Db& db, const std::string& staffId);
Result<std::vector<GuardCount>> hubCountsFor(Db& db, const std::string& deviceId, int64_t hubNowMs,
                                             const LockoutPolicy& policy);
// Raises this device's counters to the hub's; a key raised to a locked count waits in full from
// now. Returns how many keys were raised.
Result<int> adoptHubCounts(Db& db, const std::vector<GuardCount>& counts, int64_t deviceNowMs,
                           const LockoutPolicy& policy);
// Whether a key as the hub sends it is one a device keeps.
bool isGuardKey(const std::string& key);

}  // namespace fc::core
