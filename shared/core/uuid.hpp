// UUIDv7 ids made on the device: 48-bit Unix milliseconds, then a 12-bit counter that keeps ids
// from one generator strictly increasing within a millisecond, then 62 random bits (RFC 9562).
//
//   UuidV7Generator ids(clock);               // random seed from the OS
//   std::string id = ids.next();              // "019391c4-8a2e-7c01-9d3f-5b2a8e4c1f07"
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "shared/core/clock.hpp"

namespace fc::core {

class UuidV7Generator {
public:
    explicit UuidV7Generator(const Clock& clock);
    // A fixed seed makes the random bits reproducible (simulations, demo data).
    UuidV7Generator(const Clock& clock, uint64_t seed);

    std::string next();

    // The millisecond timestamp inside a UUIDv7 string, or -1 if it is not one.
    static int64_t timestampMs(const std::string& uuid);
    static bool isValid(const std::string& uuid);

private:
    uint64_t random();
    const Clock& m_clock;
    std::mutex m_mutex;
    uint64_t m_state[2];
    int64_t m_lastMs = -1;
    uint32_t m_counter = 0;
};

}  // namespace fc::core
