// Hybrid logical clock: 48-bit milliseconds + 16-bit counter packed in a uint64, so timestamps
// compare as integers; ties between devices are broken by device id (see Version).
//
//   HlcClock hlc(clock, lastPersisted);
//   Hlc t = hlc.now();                       // for a local write
//   hlc.observe(remote);                     // on receiving a remote change
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "shared/core/clock.hpp"
#include "shared/core/result.hpp"

namespace fc::core {

struct Hlc {
    uint64_t value = 0;

    static constexpr uint64_t kMaxMs = (uint64_t{1} << 48) - 1;
    static constexpr uint32_t kMaxCounter = 0xFFFF;
    static constexpr Hlc max() { return Hlc{UINT64_MAX}; }
    // Past the last millisecond (or counter) the value saturates at max(): it never wraps.
    static constexpr Hlc make(uint64_t ms, uint32_t counter) {
        return ms > kMaxMs || counter > kMaxCounter ? (ms >= kMaxMs ? max() : Hlc{((ms + 1) << 16)})
                                                    : Hlc{(ms << 16) | counter};
    }
    // The next value (counter + 1, after 0xFFFF the next millisecond); max() stays max().
    constexpr Hlc next() const { return value == UINT64_MAX ? *this : Hlc{value + 1}; }
    constexpr uint64_t ms() const { return value >> 16; }
    constexpr uint32_t counter() const { return static_cast<uint32_t>(value & 0xFFFF); }
    constexpr auto operator<=>(const Hlc&) const = default;
    // "1767225600000.0003" — readable in logs and the conflicts view.
    std::string toString() const;
};

// A write's version: HLC first, device id as the tiebreak. Larger wins.
struct Version {
    Hlc hlc;
    std::string device;
    bool operator<(const Version& o) const {
        return hlc != o.hlc ? hlc < o.hlc : device < o.device;
    }
    bool operator==(const Version& o) const = default;
};

class HlcClock {
public:
    // A remote timestamp more than this far ahead of our corrected physical time is not adopted
    // (it would drag every later local write into the future); the change is still applied.
    static constexpr int64_t kMaxForwardDriftMs = 5 * 60 * 1000;

    explicit HlcClock(const Clock& clock, Hlc last = {});

    // Timestamp for a local event. Strictly greater than every timestamp issued or observed.
    Hlc now();
    // Merge a timestamp received from elsewhere. Returns an error (and leaves the clock alone)
    // when the remote is implausibly far ahead.
    Status observe(Hlc remote);
    // A timestamp greater than both now() would give and `floor`: for a write that replaces a
    // value stamped `floor` (possibly by a device whose clock ran ahead). The clock moves to it.
    // Never wraps: a floor of Hlc::max() gives max() (no stamp can beat it; hubs refuse such
    // stamps from devices, see HlcClock::kMaxForwardDriftMs).
    Hlc nowAfter(Hlc floor);

    // The hub's time minus ours, added to the physical clock ("device clocks corrected by the
    // hub's offset"). The sum saturates: no offset makes the corrected clock overflow.
    void setOffsetMs(int64_t offset);
    int64_t offsetMs() const;
    int64_t physicalMs() const;  // clock + offset
    Hlc last() const;

private:
    const Clock& m_clock;
    mutable std::mutex m_mutex;
    Hlc m_last;
    int64_t m_offsetMs = 0;
};

}  // namespace fc::core
