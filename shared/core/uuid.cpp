#include "shared/core/uuid.hpp"

#include <sodium.h>

namespace fc::core {

namespace {

uint64_t splitmix(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

UuidV7Generator::UuidV7Generator(const Clock& clock) : m_clock(clock) {
    if (sodium_init() < 0) {
        // libsodium could not initialise (no entropy source): fall back to the clock and address.
        uint64_t s = static_cast<uint64_t>(clock.nowMs()) ^ reinterpret_cast<uintptr_t>(this);
        m_state[0] = splitmix(s);
        m_state[1] = splitmix(s);
        return;
    }
    randombytes_buf(m_state, sizeof m_state);
}

UuidV7Generator::UuidV7Generator(const Clock& clock, uint64_t seed) : m_clock(clock) {
    m_state[0] = splitmix(seed);
    m_state[1] = splitmix(seed);
}

uint64_t UuidV7Generator::random() {
    // xorshift128+
    uint64_t s1 = m_state[0];
    const uint64_t s0 = m_state[1];
    m_state[0] = s0;
    s1 ^= s1 << 23;
    m_state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
    return m_state[1] + s0;
}

std::string UuidV7Generator::next() {
    std::lock_guard lock(m_mutex);
    int64_t ms = m_clock.nowMs();
    if (ms < 0) ms = 0;
    if (ms <= m_lastMs) {
        // Same millisecond or the wall clock went back: stay on the last timestamp and count.
        ms = m_lastMs;
        if (++m_counter > 0xFFF) {
            ++ms;  // counter exhausted: borrow the next millisecond
            m_counter = static_cast<uint32_t>(random() & 0x3FF);
        }
    } else {
        m_counter = static_cast<uint32_t>(random() & 0x3FF);  // leave headroom for counting
    }
    m_lastMs = ms;
    const uint64_t hi = (static_cast<uint64_t>(ms) << 16) | 0x7000u | m_counter;
    const uint64_t lo = (random() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(36, '-');
    size_t pos = 0;
    auto put = [&](uint64_t v, int nibbles) {
        for (int i = nibbles - 1; i >= 0; --i) {
            if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
            out[pos++] = kHex[(v >> (i * 4)) & 0xF];
        }
    };
    put(hi, 16);
    put(lo, 16);
    return out;
}

bool UuidV7Generator::isValid(const std::string& uuid) {
    if (uuid.size() != 36) return false;
    for (size_t i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (uuid[i] != '-') return false;
        } else if (hexValue(uuid[i]) < 0) {
            return false;
        }
    }
    return uuid[14] == '7' && (uuid[19] == '8' || uuid[19] == '9' || uuid[19] == 'a' || uuid[19] == 'b');
}

int64_t UuidV7Generator::timestampMs(const std::string& uuid) {
    if (!isValid(uuid)) return -1;
    int64_t ms = 0;
    for (size_t i = 0; i < 13; ++i) {
        if (i == 8) continue;
        ms = (ms << 4) | hexValue(uuid[i]);
    }
    return ms;
}

}  // namespace fc::core
