#include "shared/stores/store_hours.hpp"

namespace fc::core {

int64_t StoreHours::opensAt(const StoreTime& time, int64_t anyMsOfDay) const {
    return time.dayStart(anyMsOfDay) + static_cast<int64_t>(opensAtMinute) * 60'000;
}

int64_t StoreHours::closesAt(const StoreTime& time, int64_t anyMsOfDay) const {
    return time.dayStart(anyMsOfDay) + static_cast<int64_t>(closesAtMinute) * 60'000;
}

int64_t StoreHours::slotStart(const StoreTime& time, int64_t utcMs) const {
    const int64_t open = opensAt(time, utcMs);
    const int64_t slot = slotMs();
    int64_t k = (utcMs - open) / slot;
    if ((utcMs - open) % slot != 0 && utcMs < open) --k;  // floor, also before opening
    return open + k * slot;
}

std::vector<int64_t> StoreHours::slotStarts(const StoreTime& time, int64_t anyMsOfDay) const {
    std::vector<int64_t> out;
    const int64_t close = closesAt(time, anyMsOfDay);
    for (int64_t t = opensAt(time, anyMsOfDay); t + slotMs() <= close; t += slotMs())
        out.push_back(t);
    return out;
}

}  // namespace fc::core
