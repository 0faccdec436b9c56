// libFuzzer target for the hub's push payload decoder: any bytes go through decodePushRequest.
// It must refuse or accept whole, never crash; whatever it accepts must survive a round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    auto r = fc::sync::decodePushRequest(body);
    if (!r) {
        if (r.error().message.empty()) __builtin_trap();
        return 0;
    }
    const std::string again = fc::sync::encodePushRequest(*r);
    auto r2 = fc::sync::decodePushRequest(again);
    if (!r2 || r2->changes.size() != r->changes.size() || r2->deviceId != r->deviceId) __builtin_trap();
    for (size_t i = 0; i < r->changes.size(); ++i)
        if (r2->changes[i].data != r->changes[i].data || r2->changes[i].hlc != r->changes[i].hlc) __builtin_trap();
    return 0;
}
