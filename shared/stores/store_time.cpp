#include "shared/stores/store_time.hpp"

#include <cstdio>

namespace fc::core {

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Days since 1970-01-01 → civil date (Howard Hinnant's algorithm, proleptic Gregorian).
void civilFromDays(int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const int64_t era = floorDiv(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

// Civil date → days since 1970-01-01 (the inverse, Howard Hinnant's algorithm).
int64_t daysFromCivil(int64_t y, int m, int d) {
    y -= m <= 2;
    const int64_t era = floorDiv(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

}  // namespace

int64_t StoreTime::monthStart(int yyyymm) const {
    return daysFromCivil(yyyymm / 100, yyyymm % 100, 1) * kDayMs - offsetMs();
}

int64_t StoreTime::dayStart(int64_t utcMs) const {
    return floorDiv(utcMs + offsetMs(), kDayMs) * kDayMs - offsetMs();
}

int StoreTime::dayNumber(int64_t utcMs) const {
    int y = 0, m = 0, d = 0;
    civilFromDays(floorDiv(utcMs + offsetMs(), kDayMs), y, m, d);
    return y * 10000 + m * 100 + d;
}

std::string StoreTime::hhmm(int64_t utcMs) const {
    const int64_t minutes = floorDiv(utcMs - dayStart(utcMs), 60'000);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    return buf;
}

}  // namespace fc::core
