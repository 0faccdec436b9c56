#include "shared/staff/shift.hpp"

#include <algorithm>

#include "shared/core/text.hpp"

namespace fc::core {

namespace {

constexpr size_t kMaxBlocks = 14;
constexpr const char* kNightHint = " (a night shift is two blocks: 1-5 22:00-24:00; 2-6 00:00-06:00)";

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1" … "7".
int dayOf(std::string_view s) {
    return s.size() == 1 && s[0] >= '1' && s[0] <= '7' ? s[0] - '0' : 0;
}

// "8:30", "08:30", "24:00" → minutes; -1 when not a time.
int timeOf(std::string_view s) {
    const size_t colon = s.find(':');
    if (colon == std::string_view::npos) return -1;
    const std::string_view h = s.substr(0, colon);
    const std::string_view m = s.substr(colon + 1);
    if (!digits(h) || h.size() > 2 || !digits(m) || m.size() != 2) return -1;
    const int hours = std::stoi(std::string(h));
    const int minutes = std::stoi(std::string(m));
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return -1;
    return hours * 60 + minutes;
}

std::string hhmm(int minutes) {
    const int h = minutes / 60, m = minutes % 60;
    return std::string{static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                       static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
}

std::string daysText(uint8_t days) {
    std::string out;
    for (int d = 1; d <= 7;) {
        if (!(days & (1 << (d - 1)))) {
            ++d;
            continue;
        }
        int last = d;
        while (last < 7 && (days & (1 << last))) ++last;
        if (!out.empty()) out += ',';
        out += std::to_string(d);
        if (last > d) out += "-" + std::to_string(last);
        d = last + 1;
    }
    return out;
}

std::string blockText(const ShiftBlock& b) {
    return daysText(b.days) + " " + hhmm(b.startMinute) + "-" + hhmm(b.endMinute);
}

int firstDay(uint8_t days) {
    for (int d = 0; d < 7; ++d)
        if (days & (1 << d)) return d;
    return 7;
}

// Full-width forms, CJK list marks and the dashes people type, as the grammar reads them.
std::string plain(std::string_view typed) {
    std::string s = cleanText(typed);
    auto replaceAll = [&](std::string_view from, char to) {
        for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
            s.replace(at, from.size(), 1, to);
    };
    replaceAll("、", ',');
    replaceAll("，", ',');
    replaceAll("；", ';');
    replaceAll("：", ':');
    replaceAll("–", '-');  // en dash
    replaceAll("—", '-');  // em dash
    replaceAll("~", '-');
    return s;
}

Result<ShiftBlock> parseBlock(const std::string& block) {
    // Days and hours: the first space separates them; spaces around ',' and '-' are allowed.
    std::string compact;
    for (size_t i = 0; i < block.size(); ++i) {
        const char c = block[i];
        if (c == ' ') {
            const char before = compact.empty() ? ' ' : compact.back();
            const char after = i + 1 < block.size() ? block[i + 1] : ' ';
            if (before == ',' || before == '-' || after == ',' || after == '-') continue;
        }
        compact += c;
    }
    const size_t space = compact.find(' ');
    if (space == std::string::npos || compact.find(' ', space + 1) != std::string::npos)
        return invalid("shift: '" + block + "' needs days and hours, like 1-5 08:30-17:30");
    const std::string days = compact.substr(0, space);
    const std::string hours = compact.substr(space + 1);
    ShiftBlock b;
    size_t from = 0;
    while (from <= days.size()) {
        size_t comma = days.find(',', from);
        if (comma == std::string::npos) comma = days.size();
        const std::string item = days.substr(from, comma - from);
        const size_t dash = item.find('-');
        const int a = dayOf(dash == std::string::npos ? item : item.substr(0, dash));
        const int z = dash == std::string::npos ? a : dayOf(item.substr(dash + 1));
        if (a == 0 || z == 0) return invalid("shift: '" + item + "' is not a day (1 = Monday … 7 = Sunday)");
        if (z < a) return invalid("shift: '" + item + "' runs backwards (write 1-5 for Monday to Friday)");
        for (int d = a; d <= z; ++d) b.days = static_cast<uint8_t>(b.days | (1 << (d - 1)));
        from = comma + 1;
    }
    const size_t dash = hours.find('-');
    if (dash == std::string::npos)
        return invalid("shift: '" + block + "' needs days and hours, like 1-5 08:30-17:30");
    const std::string start = hours.substr(0, dash);
    const std::string end = hours.substr(dash + 1);
    b.startMinute = timeOf(start);
    b.endMinute = timeOf(end);
    if (b.startMinute < 0) return invalid("shift: '" + start + "' is not a time (00:00 to 24:00)");
    if (b.endMinute < 0) return invalid("shift: '" + end + "' is not a time (00:00 to 24:00)");
    if (b.startMinute >= 24 * 60) return invalid("shift: '" + start + "' is not a start time (00:00 to 23:59)");
    if (b.endMinute <= b.startMinute) return invalid("shift: '" + block + "' ends before it starts" + kNightHint);
    return b;
}

}  // namespace

Result<WorkShift> WorkShift::parse(std::string_view typed) {
    const std::string text = plain(typed);
    WorkShift shift;
    if (text.empty()) return shift;
    std::vector<std::string> shown;  // each block as typed, for messages
    size_t from = 0;
    while (from <= text.size()) {
        size_t semi = text.find(';', from);
        if (semi == std::string::npos) semi = text.size();
        const std::string block = trim(text.substr(from, semi - from));
        from = semi + 1;
        if (block.empty()) continue;  // "1-5 08:30-17:30;" ends with a separator
        FC_ASSIGN(ShiftBlock b, parseBlock(block));
        for (size_t k = 0; k < shift.blocks.size(); ++k) {
            const ShiftBlock& o = shift.blocks[k];
            const uint8_t both = static_cast<uint8_t>(o.days & b.days);
            if (both && b.startMinute < o.endMinute && o.startMinute < b.endMinute)
                return invalid("shift: '" + shown[k] + "' and '" + block + "' overlap on day " +
                               std::to_string(firstDay(both) + 1));
        }
        shift.blocks.push_back(b);
        shown.push_back(block);
        if (shift.blocks.size() > kMaxBlocks)
            return invalid("shift: at most " + std::to_string(kMaxBlocks) + " blocks");
    }
    std::sort(shift.blocks.begin(), shift.blocks.end(), [](const ShiftBlock& a, const ShiftBlock& b) {
        const int da = firstDay(a.days), db = firstDay(b.days);
        if (da != db) return da < db;
        if (a.startMinute != b.startMinute) return a.startMinute < b.startMinute;
        return a.days < b.days;
    });
    return shift;
}

std::string WorkShift::text() const {
    std::string out;
    for (const ShiftBlock& b : blocks) out += (out.empty() ? "" : "; ") + blockText(b);
    return out;
}

bool WorkShift::covers(int weekday, int minute) const {
    if (weekday < 1 || weekday > 7) return false;
    for (const ShiftBlock& b : blocks)
        if ((b.days & (1 << (weekday - 1))) && minute >= b.startMinute && minute < b.endMinute) return true;
    return false;
}

bool WorkShift::coversAt(const StoreTime& time, int64_t utcMs) const {
    return covers(isoWeekday(time, utcMs), minuteOfDay(time, utcMs));
}

int WorkShift::minutesOn(int weekday) const {
    int total = 0;
    if (weekday < 1 || weekday > 7) return 0;
    for (const ShiftBlock& b : blocks)
        if (b.days & (1 << (weekday - 1))) total += b.endMinute - b.startMinute;
    return total;
}

int isoWeekday(const StoreTime& time, int64_t utcMs) {
    // Local days since 1970-01-01, a Thursday (ISO 4).
    const int64_t day = (time.dayStart(utcMs) + time.offsetMs()) / StoreTime::kDayMs;
    const int64_t k = ((day + 3) % 7 + 7) % 7;  // 0 = Monday
    return static_cast<int>(k) + 1;
}

int minuteOfDay(const StoreTime& time, int64_t utcMs) {
    return static_cast<int>((utcMs - time.dayStart(utcMs)) / 60'000);
}

}  // namespace fc::core
