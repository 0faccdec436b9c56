// libFuzzer target for the device's pull page decoder (GET /v1/pull answers): any bytes go through
// decodePullResponse. It must refuse or accept whole, never crash, and never build more than its
// bounds (depth, values, size); whatever it accepts must survive a round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/staff/badge_key.hpp"
#include "sync/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    auto r = fc::sync::decodePullResponse(body);
    if (!r) {
        if (r.error().message.empty()) __builtin_trap();
        return 0;
    }
    // What the client relies on after decoding.
    int64_t prev = 0;
    for (const auto& c : r->changes) {
        if (c.hubSeq <= prev || c.hubSeq > r->next || c.seq < 0 || c.knownSeq < 0 || !c.table) __builtin_trap();
        prev = c.hubSeq;
    }
    // Sign-in counts and the badge key are written into local tables: only well-formed ones pass.
    if (r->signInCounts.size() > fc::core::kMaxGuardCounts) __builtin_trap();
    for (const auto& g : r->signInCounts)
        if (!fc::core::isGuardKey(g.key) || g.failures < 1 || g.failures > 1'000'000) __builtin_trap();
    if (!r->badgeKey.empty() && !fc::core::isBadgeKey(r->badgeKey)) __builtin_trap();
    const std::string again = fc::sync::encodePullResponse(*r);
    auto r2 = fc::sync::decodePullResponse(again);
    if (!r2 || r2->changes.size() != r->changes.size() || r2->next != r->next || r2->more != r->more ||
        r2->hubTime != r->hubTime || r2->signInCounts != r->signInCounts || r2->badgeKey != r->badgeKey)
        __builtin_trap();
    for (size_t i = 0; i < r->changes.size(); ++i)
        if (r2->changes[i].data != r->changes[i].data || r2->changes[i].hlc != r->changes[i].hlc ||
            r2->changes[i].device != r->changes[i].device || r2->changes[i].hubSeq != r->changes[i].hubSeq)
            __builtin_trap();
    return 0;
}
