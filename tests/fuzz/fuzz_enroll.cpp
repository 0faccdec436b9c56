// libFuzzer target for enrolment, both ends: the hub's decoder of POST /v1/enroll bodies, and the
// device's decoders of the hub's answers to it (the enrolment answer, /v1/health, an error
// answer). Each must refuse or accept, never crash, and hold what it promises when it accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/core/text.hpp"
#include "shared/staff/badge_key.hpp"
#include "sync/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    if (auto req = fc::sync::decodeEnrolRequest(body); !req && req.error().message.empty()) __builtin_trap();
    if (auto answer = fc::sync::decodeEnrolAnswer(body)) {
        if (answer->token.empty() || answer->token.size() > 256) __builtin_trap();
        if (!answer->badgeKey.empty() && !fc::core::isBadgeKey(answer->badgeKey)) __builtin_trap();
    } else if (answer.error().message.empty()) {
        __builtin_trap();
    }
    if (auto health = fc::sync::decodeHealthAnswer(body)) {
        if (health->store.empty() || health->store.size() > 64) __builtin_trap();
    }
    const fc::sync::ErrorAnswer e = fc::sync::decodeErrorAnswer(body);
    if (e.message.size() > 1024 || !fc::core::isValidUtf8(e.message)) __builtin_trap();
    return 0;
}
