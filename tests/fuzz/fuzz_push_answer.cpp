// libFuzzer target for the device's reading of a push answer: 200 bodies through
// decodePushResponse, error bodies (409 gap with resume_from, 4xx messages) through
// decodeErrorAnswer. Never a crash; what is accepted round-trips.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    if (auto r = fc::sync::decodePushResponse(body)) {
        auto r2 = fc::sync::decodePushResponse(fc::sync::encodePushResponse(*r));
        if (!r2 || r2->acceptedThrough != r->acceptedThrough || r2->hubSeq != r->hubSeq ||
            r2->hubTime != r->hubTime || r2->refused.size() != r->refused.size())
            __builtin_trap();
    } else if (r.error().message.empty()) {
        __builtin_trap();
    }
    (void)fc::sync::decodeErrorAnswer(body);
    return 0;
}
