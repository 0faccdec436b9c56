#include "shared/stores/store_time.hpp"

#include <gtest/gtest.h>

namespace fc::core {
namespace {

constexpr int64_t kJan1Utc = 1'767'225'600'000;  // 2026-01-01 00:00 UTC = 08:00 in Shanghai
constexpr int64_t kHour = 3'600'000;

TEST(StoreTime, TheShanghaiDayStartsAt1600UtcTheDayBefore) {
    const StoreTime shanghai;
    EXPECT_EQ(shanghai.offsetMinutes, 480);
    EXPECT_EQ(shanghai.dayStart(kJan1Utc), kJan1Utc - 8 * kHour);
    EXPECT_EQ(shanghai.dayNumber(kJan1Utc), 20260101);
    // 15:59:59.999 UTC on Jan 1 is 23:59:59.999 local: still Jan 1; a millisecond later Jan 2.
    const int64_t lastMs = kJan1Utc + 16 * kHour - 1;
    EXPECT_EQ(shanghai.dayNumber(lastMs), 20260101);
    EXPECT_EQ(shanghai.dayNumber(lastMs + 1), 20260102);
    EXPECT_EQ(shanghai.dayStart(lastMs + 1), kJan1Utc + 16 * kHour);
    EXPECT_EQ(shanghai.dayEnd(kJan1Utc), kJan1Utc + 16 * kHour);
    // 23:30 UTC on Dec 31 is already Jan 1 in Shanghai.
    EXPECT_EQ(shanghai.dayNumber(kJan1Utc - 30 * 60'000), 20260101);
    EXPECT_EQ(shanghai.dayNumber(kJan1Utc - 8 * kHour - 1), 20251231);
    EXPECT_EQ(shanghai.hhmm(kJan1Utc), "08:00");
    EXPECT_EQ(shanghai.hhmm(lastMs), "23:59");
    EXPECT_EQ(shanghai.at(kJan1Utc, 9, 30), kJan1Utc + 90 * 60'000);
}

TEST(StoreTime, OtherOffsetsLeapYearsAndTimesBefore1970) {
    const StoreTime utc{.offsetMinutes = 0};
    EXPECT_EQ(utc.dayNumber(kJan1Utc), 20260101);
    EXPECT_EQ(utc.dayStart(kJan1Utc + 5), kJan1Utc);
    const StoreTime minus5{.offsetMinutes = -300};
    EXPECT_EQ(minus5.dayNumber(kJan1Utc), 20251231);
    EXPECT_EQ(minus5.hhmm(kJan1Utc), "19:00");
    EXPECT_EQ(utc.dayNumber(1'709'164'800'000), 20240229);  // 2024-02-29 00:00 UTC
    EXPECT_EQ(utc.dayNumber(-1), 19691231);
    EXPECT_EQ(utc.dayStart(-1), -24 * kHour);
}

}  // namespace
}  // namespace fc::core
