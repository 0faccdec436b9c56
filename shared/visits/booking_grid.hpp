// The booking picker's day: the store's slots from opening to closing and, for each slot and bay,
// how many appointments hold it; and the one rule about bays, used by AppointmentService before
// it writes and by the hub after a merge: a bay holds one appointment per slot. An appointment
// without a bay holds none (it is counted apart) and is never refused.
//
//   BookingGrid grid(store, bays, storeTime, storeHours);
//   FC_ASSIGN(DaySlots day, grid.day(nowMs));          // 08:30, 09:00, … × B1, B2, …
//   if (day.slots[3].free(0)) …                        // the first bay at 10:00
//   FC_TRY(grid.checkBayFree(bay, at, exceptId));      // "bay: B1 is already booked at 09:30 …"
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/bays/bay_service.hpp"
#include "shared/capture/store.hpp"
#include "shared/stores/store_hours.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::core {

struct DaySlot {
    int64_t startsAt = 0;  // UTC ms
    int64_t endsAt = 0;
    std::string label;        // "09:30", store time
    std::vector<int> booked;  // per bay, aligned with DaySlots::bays
    int withoutBay = 0;       // appointments in this slot that name no bay

    bool free(size_t bay) const { return bay < booked.size() && booked[bay] == 0; }
};

struct DaySlots {
    int64_t dayStart = 0;   // UTC ms of local midnight
    std::vector<Bay> bays;  // active bays by sort order, then any inactive bay booked that day
    std::vector<DaySlot> slots;
};

class BookingGrid {
public:
    BookingGrid(Store& store, BayService& bays, const StoreTime& time, const StoreHours& hours)
        : m_store(store), m_bays(bays), m_time(time), m_hours(hours) {}

    const StoreHours& hours() const { return m_hours; }

    // The store day containing `anyMsOfDay`: booked and checked-in appointments per slot and bay.
    Result<DaySlots> day(int64_t anyMsOfDay);

    // Another live appointment holding `bayId` in the slot of `scheduledAt` (booked or checked
    // in), other than `exceptId`; empty when the bay is free there.
    Result<std::optional<std::string>> bayHolder(const std::string& bayId, int64_t scheduledAt,
                                                 const std::string& exceptId);
    // An error naming the bay and the time when it is taken.
    Status checkBayFree(const Bay& bay, int64_t scheduledAt, const std::string& exceptId);

private:
    Status count(DaySlots& day, int64_t from, int64_t to);
    Result<size_t> bayColumn(DaySlots& day, const std::string& bayId);

    Store& m_store;
    BayService& m_bays;
    const StoreTime& m_time;
    const StoreHours& m_hours;
};

}  // namespace fc::core
