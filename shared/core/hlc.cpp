#include "shared/core/hlc.hpp"

#include <algorithm>
#include <cstdio>

namespace fc::core {

std::string Hlc::toString() const {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%llu.%04x", static_cast<unsigned long long>(ms()), counter());
    return buf;
}

HlcClock::HlcClock(const Clock& clock, Hlc last) : m_clock(clock), m_last(last) {}

namespace {

// clock + offset in [0, Hlc::kMaxMs], whatever either holds.
int64_t corrected(int64_t clockMs, int64_t offsetMs) {
    int64_t sum = 0;
    if (__builtin_add_overflow(clockMs, offsetMs, &sum)) sum = offsetMs > 0 ? INT64_MAX : 0;
    return std::clamp<int64_t>(sum, 0, static_cast<int64_t>(Hlc::kMaxMs));
}

}  // namespace

int64_t HlcClock::physicalMs() const {
    std::lock_guard lock(m_mutex);
    return corrected(m_clock.nowMs(), m_offsetMs);
}

Hlc HlcClock::now() {
    std::lock_guard lock(m_mutex);
    const auto pt = static_cast<uint64_t>(corrected(m_clock.nowMs(), m_offsetMs));
    if (pt > m_last.ms()) {
        m_last = Hlc::make(pt, 0);
    } else {
        // Within the millisecond the counter counts; after 65,535 events in one millisecond (or
        // with the wall clock behind us) the logical millisecond moves forward rather than wrap.
        // The physical clock catches up later. At the very end of time it stays there.
        m_last = m_last.next();
    }
    return m_last;
}

Hlc HlcClock::nowAfter(Hlc floor) {
    Hlc t = now();
    if (t > floor) return t;
    std::lock_guard lock(m_mutex);
    m_last = std::max(m_last, floor.next());
    return m_last;
}

Status HlcClock::observe(Hlc remote) {
    std::lock_guard lock(m_mutex);
    const int64_t pt = corrected(m_clock.nowMs(), m_offsetMs);
    if (static_cast<int64_t>(remote.ms()) > pt + kMaxForwardDriftMs) {
        return Error(Errc::kInvalid,
                     "remote timestamp " + remote.toString() + " is " +
                         std::to_string((static_cast<int64_t>(remote.ms()) - pt) / 1000) +
                         " s ahead of this device's corrected clock; not adopted");
    }
    if (remote > m_last) m_last = remote;
    return {};
}

void HlcClock::setOffsetMs(int64_t offset) {
    std::lock_guard lock(m_mutex);
    m_offsetMs = offset;
}

int64_t HlcClock::offsetMs() const {
    std::lock_guard lock(m_mutex);
    return m_offsetMs;
}

Hlc HlcClock::last() const {
    std::lock_guard lock(m_mutex);
    return m_last;
}

}  // namespace fc::core
