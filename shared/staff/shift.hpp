// A staff member's regular working hours (staff.shift), in the store's local time (StoreTime),
// written the way a manager types them: days, a space, hours.
//
//   "1-5 08:30-17:30"                    Monday to Friday, 08:30 to 17:30
//   "1-5 08:30-17:30; 6 09:00-12:00"     and Saturday morning
//   "1,3,5 13:00-21:00"                  Monday, Wednesday, Friday afternoons
//   ""                                   no shift recorded (never counted as on shift)
//
// Days are ISO weekdays, 1 = Monday … 7 = Sunday: one day, a range "1-5" or a list "1-3,6".
// Hours are HH:MM-HH:MM, 24-hour, the end after the start on the same day (24:00 ends at
// midnight); a night shift is two blocks ("1-5 22:00-24:00; 2-6 00:00-06:00"). Blocks are
// separated by ';' and must not overlap. Full-width digits and punctuation (１－５　０８：３０),
// '、' and '，' between days and '~' between hours are accepted; what is stored is the canonical
// text (text()): blocks by first day then start, day runs as ranges, zero-padded times, "; ".
//
//   FC_ASSIGN(WorkShift s, WorkShift::parse("１－５ 8:30~17:30"));   // "1-5 08:30-17:30"
//   bool now = s.coversAt(storeTime, clock.nowMs());
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::core {

struct ShiftBlock {
    uint8_t days = 0;      // bit 0 = Monday … bit 6 = Sunday
    int startMinute = 0;   // minutes after local midnight, 0–1439
    int endMinute = 0;     // after startMinute, at most 1440
    bool operator==(const ShiftBlock&) const = default;
};

struct WorkShift {
    std::vector<ShiftBlock> blocks;  // canonical order; empty: no shift recorded

    bool empty() const { return blocks.empty(); }
    // Refused (kInvalid) with a message naming the field and the part that is wrong:
    // "shift: '1-8' is not a day (1 = Monday … 7 = Sunday)", "shift: '25:00' is not a time
    // (00:00 to 24:00)", "shift: '1-5 17:30-08:30' ends before it starts (a night shift is two
    // blocks: 1-5 22:00-24:00; 2-6 00:00-06:00)", "shift: '1-5 08:00-12:00' and
    // '5 11:00-14:00' overlap on day 5", "shift: '1-5' needs days and hours, like 1-5
    // 08:30-17:30". Blank text is an empty shift.
    static Result<WorkShift> parse(std::string_view typed);
    // The canonical text ("" for an empty shift).
    std::string text() const;
    // Whether the shift includes that minute of that day (isoWeekday 1–7, minute 0–1439; the
    // end minute itself is outside).
    bool covers(int isoWeekday, int minuteOfDay) const;
    bool coversAt(const StoreTime& time, int64_t utcMs) const;
    // Minutes of shift on that weekday.
    int minutesOn(int isoWeekday) const;

    bool operator==(const WorkShift&) const = default;
};

// The local weekday of `utcMs`, 1 = Monday … 7 = Sunday.
int isoWeekday(const StoreTime& time, int64_t utcMs);
// Minutes after local midnight, 0–1439.
int minuteOfDay(const StoreTime& time, int64_t utcMs);

}  // namespace fc::core
