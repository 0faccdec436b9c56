#include "shared/workorders/device_number.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace fc::core {

namespace {

std::string numbered(const std::string& prefix, int64_t n) {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%04lld", static_cast<long long>(n));
    return prefix + digits;
}

}  // namespace

Result<std::string> nextDeviceNumber(Db& db, std::string_view counter, const std::string& prefix,
                                     std::string_view table, std::string_view column) {
    FC_ASSIGN(Stmt * c, db.cached("SELECT value FROM local_counters WHERE name = ? AND day = 0"));
    c->bind(1, counter);
    FC_ASSIGN(bool row, c->step());
    int64_t last = row ? c->getInt(0) : 0;
    c->reset();
    const std::string col(column);
    int64_t next = last + 1;
    if (row) {
        // The counter is the truth; a number already in the table anyway (this device's file was
        // restored from an older copy and synced its numbers back) is skipped, by indexed lookups.
        FC_ASSIGN(Stmt * taken, db.cached("SELECT 1 FROM " + std::string(table) + " WHERE " + col + " = ? LIMIT 1"));
        for (;;) {
            taken->bind(1, numbered(prefix, next));
            FC_ASSIGN(bool used, taken->step());
            taken->reset();
            if (!used) break;
            ++next;
        }
    } else {
        // No counter yet (a new device, or its local tables were lost): start after the highest
        // number with this prefix already in the table.
        FC_ASSIGN(Stmt * v, db.cached("SELECT " + col + " FROM " + std::string(table) + " WHERE substr(" + col +
                                      ", 1, length(?1)) = ?1"));
        v->bind(1, prefix);
        FC_TRY(v->each([&](Stmt& r) {
            const std::string_view t = r.getTextView(0).substr(prefix.size());
            int64_t n = 0;
            const auto p = std::from_chars(t.data(), t.data() + t.size(), n);
            if (p.ec == std::errc() && p.ptr == t.data() + t.size()) last = std::max(last, n);
        }));
        next = last + 1;
    }
    FC_ASSIGN(Stmt * u, db.cached("INSERT INTO local_counters(name, day, value) VALUES (?, 0, ?) "
                                  "ON CONFLICT(name, day) DO UPDATE SET value = excluded.value"));
    u->bindAll(counter, next);
    FC_TRY(u->run());
    return numbered(prefix, next);
}

}  // namespace fc::core
