#include "shared/core/hlc.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "shared/core/clock.hpp"

namespace fc::core {

// Readable failure output ("1767225600000.0003" rather than raw bytes).
[[maybe_unused]] static void PrintTo(const Hlc& h, std::ostream* os) {
    *os << h.toString();
}
[[maybe_unused]] static void PrintTo(const Version& v, std::ostream* os) {
    *os << v.hlc.toString() << "@" << v.device;
}

namespace {

constexpr int64_t kT = 1'767'225'600'000;  // ManualClock's default start, 2026-01-01
constexpr uint64_t kTu = static_cast<uint64_t>(kT);

// [SECTION] Hlc value type

TEST(Hlc, PacksMillisecondsAndCounter) {
    const Hlc h = Hlc::make(kTu, 3);
    EXPECT_EQ(h.ms(), kTu);
    EXPECT_EQ(h.counter(), 3u);
    EXPECT_EQ(h.value, (kTu << 16) | 3u);
    const Hlc top = Hlc::make(Hlc::kMaxMs, Hlc::kMaxCounter);
    EXPECT_EQ(top.ms(), Hlc::kMaxMs);
    EXPECT_EQ(top.counter(), 0xFFFFu);
    EXPECT_EQ(top.value, UINT64_MAX);
    static_assert(Hlc::kMaxMs == 0xFFFF'FFFF'FFFFull);
}

TEST(Hlc, ComparesAsIntegers) {
    EXPECT_LT(Hlc::make(kTu, 0), Hlc::make(kTu, 1));
    EXPECT_LT(Hlc::make(kTu, 0xFFFF), Hlc::make(kTu + 1, 0));
    EXPECT_EQ(Hlc::make(kTu, 7), Hlc::make(kTu, 7));
    EXPECT_GT(Hlc::make(kTu + 1, 0), Hlc::make(kTu, 0xFFFF));
}

TEST(Hlc, ToStringShowsMillisecondsDotFourHexDigitCounter) {
    EXPECT_EQ(Hlc::make(kTu, 3).toString(), "1767225600000.0003");
    EXPECT_EQ(Hlc::make(kTu, 0).toString(), "1767225600000.0000");
    EXPECT_EQ(Hlc::make(kTu, 10).toString(), "1767225600000.000a");
    EXPECT_EQ(Hlc::make(kTu, 0xFFFF).toString(), "1767225600000.ffff");
    EXPECT_EQ(Hlc{}.toString(), "0.0000");
    EXPECT_EQ(Hlc::make(Hlc::kMaxMs, 1).toString(), "281474976710655.0001");
}

// [SECTION] Version

TEST(HlcVersion, LaterHlcWinsRegardlessOfDevice) {
    const Version older{Hlc::make(kTu, 5), "zz-device"};
    const Version newer{Hlc::make(kTu, 6), "aa-device"};
    EXPECT_TRUE(older < newer);
    EXPECT_FALSE(newer < older);
}

TEST(HlcVersion, EqualHlcIsBrokenByDeviceId) {
    const Version a{Hlc::make(kTu, 5), "device-a"};
    const Version b{Hlc::make(kTu, 5), "device-b"};
    EXPECT_TRUE(a < b);
    EXPECT_FALSE(b < a);
    EXPECT_FALSE(a == b);
    EXPECT_FALSE(a < a);
    EXPECT_TRUE(a == (Version{Hlc::make(kTu, 5), "device-a"}));
}

TEST(HlcVersion, SortsByHlcThenDevice) {
    std::vector<Version> v = {
        {Hlc::make(kTu + 1, 0), "a"},
        {Hlc::make(kTu, 1), "b"},
        {Hlc::make(kTu, 1), "a"},
        {Hlc::make(kTu, 0), "c"},
    };
    std::sort(v.begin(), v.end());
    const std::vector<Version> expected = {
        {Hlc::make(kTu, 0), "c"},
        {Hlc::make(kTu, 1), "a"},
        {Hlc::make(kTu, 1), "b"},
        {Hlc::make(kTu + 1, 0), "a"},
    };
    EXPECT_EQ(v, expected);
    EXPECT_EQ(std::max_element(v.begin(), v.end())->device, "a");
}

// [SECTION] HlcClock::now

TEST(HlcClock, FrozenClockIncrementsCounter) {
    ManualClock clock;
    HlcClock hlc(clock);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 0));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 1));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 2));
    EXPECT_EQ(hlc.last(), Hlc::make(kTu, 2));
}

TEST(HlcClock, AdvancingClockResetsCounter) {
    ManualClock clock;
    HlcClock hlc(clock);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 0));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 1));
    clock.advance(5);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 5, 0));
    clock.advance(1);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 6, 0));
}

TEST(HlcClock, WallClockGoingBackwardsNeverMovesHlcBack) {
    ManualClock clock;
    HlcClock hlc(clock);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 0));
    clock.set(kT - 60'000);  // NTP stepped the clock back a minute
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 1));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 2));
    clock.set(kT);  // caught up to the same millisecond: still counting
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 3));
    clock.set(kT + 1);  // past it: physical time again
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 1, 0));
}

TEST(HlcClock, CounterOverflowMovesToNextMillisecond) {
    ManualClock clock;
    HlcClock hlc(clock, Hlc::make(kTu, 0xFFFE));
    const Hlc a = hlc.now();
    const Hlc b = hlc.now();
    const Hlc c = hlc.now();
    EXPECT_EQ(a, Hlc::make(kTu, 0xFFFF));
    EXPECT_EQ(b, Hlc::make(kTu + 1, 0));
    EXPECT_EQ(c, Hlc::make(kTu + 1, 1));
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    // The physical clock reaching the borrowed millisecond does not reuse it.
    clock.set(kT + 1);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 1, 2));
}

TEST(HlcClock, FullMillisecondOfEventsSpillsIntoTheNext) {
    ManualClock clock;
    HlcClock hlc(clock);
    Hlc last;
    for (uint32_t i = 0; i <= Hlc::kMaxCounter; ++i) last = hlc.now();
    EXPECT_EQ(last, Hlc::make(kTu, 0xFFFF));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 1, 0));
}

TEST(HlcClock, HundredThousandCallsAreStrictlyIncreasing) {
    ManualClock clock;
    HlcClock hlc(clock);
    Hlc prev = hlc.now();
    const Hlc first = prev;
    for (int i = 1; i < 100'000; ++i) {
        if (i % 25'000 == 0) clock.advance(-3);  // a few backward steps along the way
        const Hlc next = hlc.now();
        ASSERT_LT(prev, next) << "call " << i;
        prev = next;
    }
    EXPECT_EQ(first, Hlc::make(kTu, 0));
    // 65,536 in the first millisecond, the remaining 34,464 in the borrowed next one.
    EXPECT_EQ(prev, Hlc::make(kTu + 1, 100'000 - 65'536 - 1));
}

TEST(HlcClock, ConcurrentCallersGetDistinctIncreasingTimestamps) {
    ManualClock clock;
    HlcClock hlc(clock);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 5'000;
    std::vector<std::vector<Hlc>> got(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                got[t].push_back(hlc.now());
                if (i % 1000 == 0) clock.advance(1);
            }
        });
    }
    for (auto& th : threads) th.join();
    std::set<uint64_t> all;
    for (const auto& seq : got) {
        for (size_t i = 1; i < seq.size(); ++i) EXPECT_LT(seq[i - 1], seq[i]);
        for (const Hlc& h : seq) all.insert(h.value);
    }
    EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
}

// [SECTION] restart

TEST(HlcClock, RestartFromPersistedValueKeepsIncreasingWhenClockIsBehind) {
    ManualClock clock;
    Hlc persisted;
    {
        HlcClock before(clock);
        before.now();
        before.now();
        persisted = before.now();
    }
    EXPECT_EQ(persisted, Hlc::make(kTu, 2));
    clock.set(kT - 3'600'000);  // after the reboot the RTC is an hour behind
    HlcClock after(clock, persisted);
    EXPECT_EQ(after.last(), persisted);
    EXPECT_EQ(after.now(), Hlc::make(kTu, 3));
    EXPECT_EQ(after.now(), Hlc::make(kTu, 4));
}

TEST(HlcClock, RestartWithClockAheadUsesPhysicalTime) {
    ManualClock clock(kT + 10'000);
    HlcClock hlc(clock, Hlc::make(kTu, 40));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 10'000, 0));
}

TEST(HlcClock, RestartAtMaxCounterBorrowsNextMillisecond) {
    ManualClock clock(kT - 5);
    HlcClock hlc(clock, Hlc::make(kTu, 0xFFFF));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 1, 0));
}

// [SECTION] observe

TEST(HlcClock, ObserveAdoptsRemoteSlightlyAhead) {
    ManualClock clock;
    HlcClock hlc(clock);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 0));
    const Hlc remote = Hlc::make(kTu + 2'000, 7);
    const Status s = hlc.observe(remote);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(hlc.last(), remote);
    const Hlc next = hlc.now();
    EXPECT_GT(next, remote);
    EXPECT_EQ(next, Hlc::make(kTu + 2'000, 8));
}

TEST(HlcClock, ObserveOfOlderRemoteChangesNothing) {
    ManualClock clock;
    HlcClock hlc(clock);
    hlc.now();
    hlc.now();
    ASSERT_TRUE(hlc.observe(Hlc::make(kTu - 5'000, 3)).ok());
    ASSERT_TRUE(hlc.observe(Hlc::make(kTu, 1)).ok());
    EXPECT_EQ(hlc.last(), Hlc::make(kTu, 1));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 2));
}

TEST(HlcClock, ObserveExactlyAtDriftLimitIsAdopted) {
    ManualClock clock;
    HlcClock hlc(clock);
    const Hlc remote = Hlc::make(kTu + HlcClock::kMaxForwardDriftMs, 0);
    ASSERT_TRUE(hlc.observe(remote).ok());
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + HlcClock::kMaxForwardDriftMs, 1));
}

TEST(HlcClock, ObserveJustPastDriftLimitIsRefused) {
    ManualClock clock;
    HlcClock hlc(clock);
    const Hlc remote = Hlc::make(kTu + HlcClock::kMaxForwardDriftMs + 1, 0);
    const Status s = hlc.observe(remote);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, Errc::kInvalid);
    EXPECT_EQ(s.error().message,
              "remote timestamp 1767225900001.0000 is 300 s ahead of this device's corrected "
              "clock; not adopted");
    EXPECT_EQ(hlc.last(), Hlc{});
}

TEST(HlcClock, ObserveFarAheadDoesNotDragClockForward) {
    ManualClock clock;
    HlcClock hlc(clock);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 0));
    const Hlc remote = Hlc::make(kTu + 3'600'000, 0);  // a device whose clock is an hour fast
    const Status s = hlc.observe(remote);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, Errc::kInvalid);
    EXPECT_EQ(s.error().message,
              "remote timestamp 1767229200000.0000 is 3600 s ahead of this device's corrected "
              "clock; not adopted");
    EXPECT_EQ(hlc.last(), Hlc::make(kTu, 0));
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 1));
}

TEST(HlcClock, DriftLimitIsMeasuredAgainstCorrectedClock) {
    ManualClock clock;
    HlcClock hlc(clock);
    const Hlc remote = Hlc::make(kTu + 3'600'000, 0);
    ASSERT_FALSE(hlc.observe(remote).ok());
    hlc.setOffsetMs(3'590'000);  // the hub says we are 59m50s slow
    ASSERT_TRUE(hlc.observe(remote).ok());
    EXPECT_EQ(hlc.last(), remote);
}

// [SECTION] offset

TEST(HlcClock, OffsetMovesPhysicalTime) {
    ManualClock clock;
    HlcClock hlc(clock);
    EXPECT_EQ(hlc.offsetMs(), 0);
    EXPECT_EQ(hlc.physicalMs(), kT);
    hlc.setOffsetMs(90'000);
    EXPECT_EQ(hlc.offsetMs(), 90'000);
    EXPECT_EQ(hlc.physicalMs(), kT + 90'000);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 90'000, 0));
    clock.advance(10);
    EXPECT_EQ(hlc.physicalMs(), kT + 90'010);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 90'010, 0));
}

TEST(HlcClock, NegativeOffsetDoesNotMoveHlcBack) {
    ManualClock clock;
    HlcClock hlc(clock);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 0));
    hlc.setOffsetMs(-30'000);
    EXPECT_EQ(hlc.physicalMs(), kT - 30'000);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu, 1));
    clock.advance(30'001);
    EXPECT_EQ(hlc.now(), Hlc::make(kTu + 1, 0));
}

TEST(HlcClock, PhysicalTimeNeverGoesBelowZero) {
    ManualClock clock(500);
    HlcClock hlc(clock);
    hlc.setOffsetMs(-1'000);
    EXPECT_EQ(hlc.physicalMs(), 0);
    EXPECT_EQ(hlc.now(), Hlc::make(0, 1));  // starts from Hlc{} = (0, 0), so (0, 0) is not reissued
    EXPECT_EQ(hlc.now(), Hlc::make(0, 2));
}

// [SECTION] the end of time (issue 12, item 5)

TEST(HlcClock, AnEditOverAStampAtTheEndOfTimeNeverWrapsToZero) {
    ManualClock clock;
    HlcClock hlc(clock);
    // A value stamped 2^64-1 (a hostile device): the next edit of it got HLC 0 and lost.
    const Hlc after = hlc.nowAfter(Hlc::max());
    EXPECT_EQ(after, Hlc::max());
    EXPECT_EQ(hlc.now(), Hlc::max()) << "stays at the end, never wraps";
    EXPECT_EQ(hlc.last(), Hlc::max());

    HlcClock other(clock);
    const Hlc lastMs = Hlc::make(Hlc::kMaxMs - 1, Hlc::kMaxCounter);
    EXPECT_EQ(other.nowAfter(lastMs), Hlc::make(Hlc::kMaxMs, 0));
    EXPECT_GT(other.nowAfter(Hlc::make(Hlc::kMaxMs, 5)), Hlc::make(Hlc::kMaxMs, 5));

    // A persisted value at the very end (a replica that once adopted it) does not wrap either.
    HlcClock restarted(clock, Hlc::max());
    EXPECT_EQ(restarted.now(), Hlc::max());
    EXPECT_EQ(Hlc::make(Hlc::kMaxMs + 1, 0), Hlc::max()) << "make saturates";
    EXPECT_EQ(Hlc::make(Hlc::kMaxMs - 1, Hlc::kMaxCounter + 1), Hlc::make(Hlc::kMaxMs, 0));
}

TEST(HlcClock, NoOffsetMakesTheCorrectedClockOverflow) {
    ManualClock clock;
    HlcClock hlc(clock);
    hlc.setOffsetMs(INT64_MAX);  // a hub_time of 2^62 once became an offset like this
    EXPECT_EQ(hlc.physicalMs(), static_cast<int64_t>(Hlc::kMaxMs));
    EXPECT_EQ(hlc.now().ms(), Hlc::kMaxMs);
    HlcClock behind(clock);
    behind.setOffsetMs(INT64_MIN);
    EXPECT_EQ(behind.physicalMs(), 0);
    EXPECT_FALSE(behind.observe(Hlc::make(kTu, 0)).ok()) << "2026 is far ahead of a clock at 0";
}

}  // namespace
}  // namespace fc::core
