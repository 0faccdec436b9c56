#include "shared/stores/store_hours.hpp"

#include <gtest/gtest.h>

namespace fc::core {
namespace {

constexpr int64_t kJan1Utc = 1'767'225'600'000;  // 2026-01-01 00:00 UTC = 08:00 in Shanghai
constexpr int64_t kMinute = 60'000;

TEST(StoreHours, TheDefaultDayIsNineteenHalfHourSlotsFrom0830To1800) {
    const StoreTime shanghai;
    const StoreHours hours;
    const auto slots = hours.slotStarts(shanghai, kJan1Utc);
    ASSERT_EQ(slots.size(), 19u);
    EXPECT_EQ(shanghai.hhmm(slots.front()), "08:30");
    EXPECT_EQ(shanghai.hhmm(slots.back()), "17:30");
    EXPECT_EQ(slots.back() + hours.slotMs(), hours.closesAt(shanghai, kJan1Utc));
    EXPECT_EQ(slots[1] - slots[0], 30 * kMinute);
    // Any moment of the store day gives the same day's slots, the local evening included.
    EXPECT_EQ(hours.slotStarts(shanghai, kJan1Utc + 15 * 60 * kMinute), slots);
}

TEST(StoreHours, ATimeFallsInTheSlotThatStartsAtOrBeforeIt) {
    const StoreTime shanghai;
    const StoreHours hours;
    const int64_t open = shanghai.at(kJan1Utc, 8, 30);
    EXPECT_EQ(hours.slotStart(shanghai, open), open);
    EXPECT_EQ(hours.slotStart(shanghai, open + 29 * kMinute), open);
    EXPECT_EQ(hours.slotStart(shanghai, open + 30 * kMinute), open + 30 * kMinute);
    EXPECT_EQ(shanghai.hhmm(hours.slotStart(shanghai, shanghai.at(kJan1Utc, 9, 40))), "09:30");
    // Before opening the grid goes on backwards (a phone booking at 08:10 is in the 08:00 slot).
    EXPECT_EQ(hours.slotStart(shanghai, open - 20 * kMinute), open - 30 * kMinute);
    EXPECT_EQ(hours.slotStart(shanghai, open - 30 * kMinute), open - 30 * kMinute);
}

TEST(StoreHours, OtherHoursAndSlotLengths) {
    const StoreTime utc{.offsetMinutes = 0};
    const StoreHours hours{
        .opensAtMinute = 9 * 60, .closesAtMinute = 12 * 60 + 15, .slotMinutes = 45};
    const auto slots = hours.slotStarts(utc, kJan1Utc);
    ASSERT_EQ(slots.size(), 4u);  // 09:00, 09:45, 10:30, 11:15 (12:00 would end after closing)
    EXPECT_EQ(utc.hhmm(slots.back()), "11:15");
    EXPECT_EQ(hours.slotStart(utc, kJan1Utc + 10 * 60 * kMinute),
              kJan1Utc + 9 * 60 * kMinute + 45 * kMinute);
}

}  // namespace
}  // namespace fc::core
