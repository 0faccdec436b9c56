#include "shared/visits/booking_grid.hpp"

#include <cstdio>

namespace fc::core {

namespace {

// The appointments that hold a bay: not cancelled or missed, not deleted.
constexpr const char* kHolds = "status IN ('booked', 'checked_in') AND deleted_at IS NULL";

// 20260101 → "2026-01-01".
std::string isoDate(int yyyymmdd) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", yyyymmdd / 10000, yyyymmdd / 100 % 100,
                  yyyymmdd % 100);
    return buf;
}

}  // namespace

Result<DaySlots> BookingGrid::day(int64_t anyMsOfDay) {
    DaySlots day;
    day.dayStart = m_time.dayStart(anyMsOfDay);
    FC_ASSIGN(day.bays, m_bays.listActive());
    for (int64_t start : m_hours.slotStarts(m_time, anyMsOfDay)) {
        DaySlot slot;
        slot.startsAt = start;
        slot.endsAt = start + m_hours.slotMs();
        slot.label = m_time.hhmm(start);
        day.slots.push_back(std::move(slot));
    }
    if (day.slots.empty()) return day;
    FC_TRY(count(day, day.slots.front().startsAt, day.slots.back().endsAt));
    for (DaySlot& slot : day.slots) slot.booked.resize(day.bays.size(), 0);
    return day;
}

Status BookingGrid::count(DaySlots& day, int64_t from, int64_t to) {
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(std::string("SELECT scheduled_at, bay_id FROM appointments "
                                              "WHERE scheduled_at >= ? AND scheduled_at < ? AND ") +
                                  kHolds));
    s->bindAll(from, to);
    std::vector<std::pair<int64_t, std::optional<std::string>>> held;
    FC_TRY(s->each([&](Stmt& r) { held.emplace_back(r.getInt(0), r.getOptText(1)); }));
    for (const auto& [at, bayId] : held) {
        DaySlot& slot = day.slots[static_cast<size_t>((at - from) / m_hours.slotMs())];
        if (!bayId) {
            ++slot.withoutBay;
            continue;
        }
        FC_ASSIGN(size_t column, bayColumn(day, *bayId));
        if (slot.booked.size() <= column) slot.booked.resize(column + 1, 0);
        ++slot.booked[column];
    }
    return {};
}

// The column of `bayId`, adding a bay that is not active (or not here yet) when it holds a booking.
Result<size_t> BookingGrid::bayColumn(DaySlots& day, const std::string& bayId) {
    for (size_t k = 0; k < day.bays.size(); ++k)
        if (day.bays[k].id == bayId) return k;
    auto bay = m_bays.get(bayId);
    if (bay) {
        day.bays.push_back(std::move(bay).value());
    } else if (bay.error().code == Errc::kNotFound) {
        Bay unknown;  // arrives with a later sync
        unknown.id = bayId;
        unknown.code = "?";
        day.bays.push_back(std::move(unknown));
    } else {
        return bay.error();
    }
    return day.bays.size() - 1;
}

Result<std::optional<std::string>> BookingGrid::bayHolder(const std::string& bayId,
                                                          int64_t scheduledAt,
                                                          const std::string& exceptId) {
    const int64_t from = m_hours.slotStart(m_time, scheduledAt);
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(std::string("SELECT id FROM appointments WHERE bay_id = ? "
                                              "AND scheduled_at >= ? AND scheduled_at < ? "
                                              "AND id <> ? AND ") +
                                  kHolds + " ORDER BY id LIMIT 1"));
    s->bindAll(bayId, from, from + m_hours.slotMs(), exceptId);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

Status BookingGrid::checkBayFree(const Bay& bay, int64_t scheduledAt, const std::string& exceptId) {
    FC_ASSIGN(auto holder, bayHolder(bay.id, scheduledAt, exceptId));
    if (!holder) return {};
    const int64_t slot = m_hours.slotStart(m_time, scheduledAt);
    return conflict("bay: " + bay.code + " (" + bay.nameZh + ") is already booked at " +
                    m_time.hhmm(slot) + " on " + isoDate(m_time.dayNumber(slot)));
}

}  // namespace fc::core
