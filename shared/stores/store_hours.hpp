// The store's opening hours and the length of a booking slot: the one place they are defined
// (the store has no settings table yet; when it has, this is where they are read). Slots are laid
// from opening time on the store's local day (StoreTime).
//
//   const StoreHours& hours = services.get<StoreHours>();             // 08:30–18:00, 30 min
//   for (int64_t start : hours.slotStarts(storeTime, nowMs)) …        // 08:30, 09:00, … 17:30
//   int64_t slot = hours.slotStart(storeTime, appointmentAt);         // 09:40 → 09:30
#pragma once

#include <cstdint>
#include <vector>

#include "shared/stores/store_time.hpp"

namespace fc::core {

struct StoreHours {
    int opensAtMinute = 8 * 60 + 30;  // minutes after local midnight
    int closesAtMinute = 18 * 60;
    int slotMinutes = 30;

    int64_t slotMs() const { return static_cast<int64_t>(slotMinutes) * 60'000; }
    // UTC ms of opening and closing on the local day containing `anyMsOfDay`.
    int64_t opensAt(const StoreTime& time, int64_t anyMsOfDay) const;
    int64_t closesAt(const StoreTime& time, int64_t anyMsOfDay) const;
    // The start of the slot containing `utcMs`, on the grid laid from that day's opening (times
    // outside opening hours fall on the same grid).
    int64_t slotStart(const StoreTime& time, int64_t utcMs) const;
    // Every slot start from opening until the last slot that ends by closing.
    std::vector<int64_t> slotStarts(const StoreTime& time, int64_t anyMsOfDay) const;
};

}  // namespace fc::core
