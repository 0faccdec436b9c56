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

int64_t HlcClock::physicalMs() const {
    std::lock_guard lock(m_mutex);
    return std::max<int64_t>(0, m_clock.nowMs() + m_offsetMs);
}

Hlc HlcClock::now() {
    std::lock_guard lock(m_mutex);
    const auto pt = static_cast<uint64_t>(
        std::clamp<int64_t>(m_clock.nowMs() + m_offsetMs, 0, static_cast<int64_t>(Hlc::kMaxMs)));
    if (pt > m_last.ms()) {
        m_last = Hlc::make(pt, 0);
    } else if (m_last.counter() < Hlc::kMaxCounter) {
        m_last = Hlc::make(m_last.ms(), m_last.counter() + 1);
    } else {
        // 65,536 events in one millisecond (or the wall clock is behind us): move the logical
        // millisecond forward rather than wrap. The physical clock catches up later.
        m_last = Hlc::make(m_last.ms() + 1, 0);
    }
    return m_last;
}

Hlc HlcClock::nowAfter(Hlc floor) {
    Hlc t = now();
    if (t > floor) return t;
    std::lock_guard lock(m_mutex);
    m_last = floor.counter() < Hlc::kMaxCounter ? Hlc::make(floor.ms(), floor.counter() + 1)
                                                : Hlc::make(floor.ms() + 1, 0);
    return m_last;
}

Status HlcClock::observe(Hlc remote) {
    std::lock_guard lock(m_mutex);
    const int64_t pt = std::max<int64_t>(0, m_clock.nowMs() + m_offsetMs);
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
