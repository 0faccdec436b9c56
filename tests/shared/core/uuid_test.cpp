#include "shared/core/uuid.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "shared/core/clock.hpp"

namespace fc::core {
namespace {

constexpr int64_t kT = 1'767'225'600'000;  // 0x019b76daa800

// The 12-bit counter: characters 15..17 (after the version nibble at 14).
unsigned counterOf(const std::string& id) {
    return std::stoul(id.substr(15, 3), nullptr, 16);
}

TEST(Uuid, HasVersion7LayoutAndVariant) {
    ManualClock clock;
    UuidV7Generator ids(clock, 42);
    for (int i = 0; i < 200; ++i) {
        const std::string id = ids.next();
        ASSERT_EQ(id.size(), 36u) << id;
        for (size_t k = 0; k < id.size(); ++k) {
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                EXPECT_EQ(id[k], '-') << id;
            } else {
                EXPECT_TRUE((id[k] >= '0' && id[k] <= '9') || (id[k] >= 'a' && id[k] <= 'f'))
                    << id << " at " << k;
            }
        }
        EXPECT_EQ(id[14], '7') << id;  // version
        EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
        EXPECT_TRUE(UuidV7Generator::isValid(id)) << id;
    }
}

TEST(Uuid, StartsWithTheClockMillisecondsInHex) {
    ManualClock clock;
    UuidV7Generator ids(clock, 1);
    const std::string id = ids.next();
    EXPECT_EQ(id.substr(0, 13), "019b76da-a800");
    EXPECT_EQ(UuidV7Generator::timestampMs(id), kT);
}

TEST(Uuid, TimestampRoundTripsAcrossTheRange) {
    const std::vector<int64_t> times = {
        0, 1, kT, kT + 999, 0xFFFFFFFF, 4102444800000 /* 2100-01-01 */, (int64_t{1} << 48) - 1};
    for (int64_t t : times) {
        ManualClock clock(t);
        UuidV7Generator ids(clock, 7);
        const std::string id = ids.next();
        EXPECT_TRUE(UuidV7Generator::isValid(id)) << id;
        EXPECT_EQ(UuidV7Generator::timestampMs(id), t) << id;
    }
}

TEST(Uuid, NegativeClockIsClampedToZero) {
    ManualClock clock(-5'000);
    UuidV7Generator ids(clock, 7);
    const std::string id = ids.next();
    EXPECT_EQ(id.substr(0, 13), "00000000-0000");
    EXPECT_EQ(UuidV7Generator::timestampMs(id), 0);
}

TEST(Uuid, TimestampOfHandWrittenUuid) {
    EXPECT_EQ(UuidV7Generator::timestampMs("019b7a5c-d000-7abc-8def-0123456789ab"), 1767284461568);
    EXPECT_EQ(UuidV7Generator::timestampMs("00000000-0000-7000-8000-000000000000"), 0);
    EXPECT_EQ(UuidV7Generator::timestampMs("ffffffff-ffff-7fff-bfff-ffffffffffff"),
              (int64_t{1} << 48) - 1);
}

TEST(Uuid, IsValidRejectsWhatIsNotACanonicalV7) {
    const std::vector<std::string> bad = {
        "",
        "019b7a5c-d000-7abc-8def-0123456789a",    // 35 chars
        "019b7a5c-d000-7abc-8def-0123456789abc",  // 37 chars
        "019b7a5cd0007abc8def0123456789ab",       // no dashes
        "019b7a5c-d000-7abc-8def_0123456789ab",   // wrong separator
        "019b7a5cd-000-7abc-8def-0123456789ab",   // dash in the wrong place
        "550e8400-e29b-41d4-a716-446655440000",   // version 4
        "019b7a5c-d000-6abc-8def-0123456789ab",   // version 6
        "019b7a5c-d000-7abc-cdef-0123456789ab",   // variant 110
        "019b7a5c-d000-7abc-7def-0123456789ab",   // variant 0
        "019b7a5c-d000-7abc-8def-0123456789ag",   // not hex
        "019B7A5C-D000-7ABC-8DEF-0123456789AB",   // upper case: ids are stored lower case
        " 019b7a5c-d000-7abc-8def-0123456789a",   // leading space
    };
    for (const auto& s : bad) {
        EXPECT_FALSE(UuidV7Generator::isValid(s)) << s;
        EXPECT_EQ(UuidV7Generator::timestampMs(s), -1) << s;
    }
    EXPECT_TRUE(UuidV7Generator::isValid("019b7a5c-d000-7abc-8def-0123456789ab"));
    EXPECT_TRUE(UuidV7Generator::isValid("019b7a5c-d000-7abc-bdef-0123456789ab"));
}

TEST(Uuid, StrictlyIncreasingUnderFrozenClock) {
    ManualClock clock;
    UuidV7Generator ids(clock, 99);
    std::string prev = ids.next();
    for (int i = 1; i < 10'000; ++i) {
        const std::string id = ids.next();
        ASSERT_LT(prev, id) << "id " << i;
        ASSERT_TRUE(UuidV7Generator::isValid(id)) << id;
        prev = id;
    }
    // Each millisecond holds 3,073..4,096 ids (the counter starts below 0x400 and stops at 0xFFF),
    // so 10,000 ids need exactly three or four milliseconds.
    const int64_t last = UuidV7Generator::timestampMs(prev);
    EXPECT_GE(last, kT + 2);
    EXPECT_LE(last, kT + 3);
}

TEST(Uuid, StrictlyIncreasingWhileClockGoesBackwards) {
    ManualClock clock;
    UuidV7Generator ids(clock, 5);
    std::string prev = ids.next();
    for (int i = 1; i < 10'000; ++i) {
        clock.advance(-1);
        const std::string id = ids.next();
        ASSERT_LT(prev, id) << "id " << i;
        ASSERT_GE(UuidV7Generator::timestampMs(id), kT) << id;
        prev = id;
    }
}

TEST(Uuid, NewMillisecondUsesTheClockAgain) {
    ManualClock clock;
    UuidV7Generator ids(clock, 5);
    const std::string a = ids.next();
    clock.advance(250);
    const std::string b = ids.next();
    EXPECT_LT(a, b);
    EXPECT_EQ(UuidV7Generator::timestampMs(b), kT + 250);
    EXPECT_LT(counterOf(b), 0x400u);  // fresh counter leaves headroom
}

TEST(Uuid, CounterExhaustionBorrowsNextMillisecond) {
    ManualClock clock;
    UuidV7Generator ids(clock, 123);
    std::vector<std::string> got;
    for (int i = 0; i < 4'200; ++i) got.push_back(ids.next());  // > 4,096: must overflow
    EXPECT_LT(counterOf(got.front()), 0x400u);
    size_t firstBorrowed = 0;
    for (size_t i = 0; i < got.size(); ++i) {
        if (UuidV7Generator::timestampMs(got[i]) == kT + 1) {
            firstBorrowed = i;
            break;
        }
    }
    ASSERT_GT(firstBorrowed, 0u);
    const std::string& lastOfT = got[firstBorrowed - 1];
    EXPECT_EQ(UuidV7Generator::timestampMs(lastOfT), kT);
    EXPECT_EQ(counterOf(lastOfT), 0xFFFu);
    // Counted up by one from the first id to the last id of the millisecond.
    EXPECT_EQ(firstBorrowed, 0x1000u - counterOf(got.front()));
    EXPECT_LT(counterOf(got[firstBorrowed]), 0x400u);
    for (size_t i = 1; i < got.size(); ++i) ASSERT_LT(got[i - 1], got[i]);

    // The wall clock reaching the borrowed millisecond continues the count there.
    clock.set(kT + 1);
    const std::string next = ids.next();
    EXPECT_EQ(UuidV7Generator::timestampMs(next), kT + 1);
    EXPECT_EQ(counterOf(next), counterOf(got.back()) + 1);
    EXPECT_LT(got.back(), next);
}

TEST(Uuid, SameSeedAndClockGiveSameIds) {
    ManualClock clockA;
    ManualClock clockB;
    UuidV7Generator a(clockA, 2026);
    UuidV7Generator b(clockB, 2026);
    for (int i = 0; i < 100; ++i) {
        if (i % 10 == 0) {
            clockA.advance(3);
            clockB.advance(3);
        }
        EXPECT_EQ(a.next(), b.next()) << "id " << i;
    }
}

TEST(Uuid, DifferentSeedsGiveDifferentIds) {
    ManualClock clock;
    UuidV7Generator a(clock, 1);
    UuidV7Generator b(clock, 2);
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        EXPECT_TRUE(seen.insert(a.next()).second);
        EXPECT_TRUE(seen.insert(b.next()).second);
    }
}

TEST(Uuid, RandomTailVaries) {
    ManualClock clock;
    UuidV7Generator ids(clock, 3);
    std::set<std::string> tails;
    for (int i = 0; i < 100; ++i) tails.insert(ids.next().substr(19));
    EXPECT_EQ(tails.size(), 100u);
}

TEST(Uuid, OsSeededGeneratorsDiffer) {
    ManualClock clock;
    UuidV7Generator a(clock);
    UuidV7Generator b(clock);
    const std::string ia = a.next();
    const std::string ib = b.next();
    EXPECT_TRUE(UuidV7Generator::isValid(ia)) << ia;
    EXPECT_TRUE(UuidV7Generator::isValid(ib)) << ib;
    EXPECT_EQ(ia.substr(0, 13), ib.substr(0, 13));  // same millisecond
    EXPECT_NE(ia.substr(19), ib.substr(19));        // 62 random bits: a clash means no seeding
}

TEST(Uuid, ConcurrentCallersGetUniqueIncreasingIds) {
    ManualClock clock;
    UuidV7Generator ids(clock, 11);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 3'000;
    std::vector<std::vector<std::string>> got(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) got[t].push_back(ids.next());
        });
    }
    for (auto& th : threads) th.join();
    std::set<std::string> all;
    for (const auto& seq : got) {
        for (size_t i = 1; i < seq.size(); ++i) EXPECT_LT(seq[i - 1], seq[i]);
        all.insert(seq.begin(), seq.end());
    }
    EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace fc::core
