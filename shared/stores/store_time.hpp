// The store's local day for "today" lists, per-day ticket numbers and display: a fixed UTC offset
// (China has one time zone and no daylight saving; Asia/Shanghai = UTC+8). Storage stays UTC ms.
//
//   StoreTime shanghai;                          // +08:00
//   int64_t from = shanghai.dayStart(nowMs);     // UTC ms of local midnight
//   int day = shanghai.dayNumber(nowMs);         // 20260101
#pragma once

#include <cstdint>
#include <string>

namespace fc::core {

struct StoreTime {
    static constexpr int64_t kDayMs = 24LL * 3600 * 1000;
    int offsetMinutes = 8 * 60;

    int64_t offsetMs() const { return static_cast<int64_t>(offsetMinutes) * 60'000; }
    // UTC ms of the local midnight starting the local day that contains `utcMs`.
    int64_t dayStart(int64_t utcMs) const;
    int64_t dayEnd(int64_t utcMs) const { return dayStart(utcMs) + kDayMs; }
    // The local calendar date as yyyymmdd.
    int dayNumber(int64_t utcMs) const;
    // UTC ms of local `hour`:`minute` on the local day containing `utcMs`.
    int64_t at(int64_t utcMs, int hour, int minute) const {
        return dayStart(utcMs) + (hour * 60LL + minute) * 60'000;
    }
    // "09:30" local time.
    std::string hhmm(int64_t utcMs) const;
    // UTC ms of local midnight on the first of month yyyymm (202603).
    int64_t monthStart(int yyyymm) const;
    // The month after / before yyyymm.
    static int nextMonth(int yyyymm) { return yyyymm % 100 == 12 ? (yyyymm / 100 + 1) * 100 + 1 : yyyymm + 1; }
    static int previousMonth(int yyyymm) { return yyyymm % 100 == 1 ? (yyyymm / 100 - 1) * 100 + 12 : yyyymm - 1; }
};

}  // namespace fc::core
