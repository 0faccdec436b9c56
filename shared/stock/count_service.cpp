#include "shared/stock/count_service.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <map>
#include <set>

#include "shared/capture/row.hpp"
#include "shared/capture/store.hpp"
#include "shared/core/money.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_index.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/stock/tables.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::core {

namespace {

constexpr int64_t kMaxCountMilli = 1'000'000'000;

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ",") + s;
    return out;
}

// The part and bin columns every line read joins: part_id, bin_id, on_list, then these.
constexpr const char* kLineSelect =
    "SELECT x.part_id, x.bin_id, x.on_list, b.code, p.sku, p.name_zh, p.name_en, p.unit, p.tracking, "
    "coalesce(s.state, 'uncounted'), coalesce(s.figure_milli, 0), coalesce(s.figures, ''), coalesce(s.round, 0), "
    "coalesce(s.devices, 0), coalesce(s.count_hlc, 0), coalesce(ls.qty_milli, 0), coalesce(ps.avg_cost_fen, 0) ";

constexpr const char* kLineJoins =
    "JOIN parts p ON p.id = x.part_id JOIN bins b ON b.id = x.bin_id "
    "LEFT JOIN local_count_state s ON s.count_id = ?1 AND s.bin_id = x.bin_id AND s.part_id = x.part_id "
    "LEFT JOIN local_stock ls ON ls.part_id = x.part_id AND ls.bin_id = x.bin_id "
    "LEFT JOIN local_part_stock ps ON ps.part_id = x.part_id ";

// The count's lines: its list, and the lines its entries added (they have a state row).
constexpr const char* kAllLines =
    "(SELECT part_id, bin_id, 1 AS on_list, sort FROM stock_count_lines WHERE count_id = ?1 "
    " UNION ALL SELECT s.part_id, s.bin_id, 0, 999999 FROM local_count_state s WHERE s.count_id = ?1 AND NOT EXISTS "
    " (SELECT 1 FROM stock_count_lines l WHERE l.count_id = s.count_id AND l.bin_id = s.bin_id AND l.part_id = s.part_id)) x ";

struct LineRow {
    CountLine line;
    int64_t countHlc = 0;
    int64_t avgCostFen = 0;
};

LineRow lineFromRow(Stmt& r) {
    LineRow out;
    CountLine& l = out.line;
    l.partId = r.getText(0);
    l.binId = r.getText(1);
    l.onList = r.getInt(2) != 0;
    l.binCode = r.getText(3);
    l.sku = r.getText(4);
    l.nameZh = r.getText(5);
    l.nameEn = r.getText(6);
    l.unit = r.getText(7);
    l.tracking = r.getText(8);
    l.state = r.getText(9);
    l.figureMilli = r.getInt(10);
    l.figures = r.getText(11);
    l.round = static_cast<int>(r.getInt(12));
    l.devices = static_cast<int>(r.getInt(13));
    out.countHlc = r.getInt(14);
    l.expectedNowMilli = r.getInt(15);
    out.avgCostFen = r.getInt(16);
    return out;
}

StockCount countFromRow(Stmt& r) {
    StockCount c;
    c.id = r.getText(0);
    c.number = r.getText(1);
    c.scope = r.getText(2);
    c.scopeDetail = r.getText(3);
    c.blind = r.getInt(4) != 0;
    c.thresholdFen = r.getInt(5);
    c.status = r.getText(6);
    c.openedAt = r.getInt(7);
    c.postedAt = r.isNull(8) ? 0 : r.getInt(8);
    c.note = r.getText(9);
    return c;
}

constexpr const char* kCountColumns =
    "id, number, scope, scope_detail, blind, threshold_fen, status, opened_at, posted_at, note FROM stock_counts ";

std::string lineName(const CountLine& l) { return l.binCode + " " + l.sku; }

std::string someLines(const std::vector<CountLine>& lines) {
    std::string out;
    for (size_t i = 0; i < lines.size() && i < 5; ++i) out += (i ? ", " : "") + lineName(lines[i]);
    if (lines.size() > 5) out += ", …";
    return out;
}

}  // namespace

const std::vector<std::string>& countScopes() {
    static const std::vector<std::string> k = {"full", "zones", "bins", "fast", "stale"};
    return k;
}

// [SECTION] counts

Result<std::string> CountService::open(const Session& by, const CountSpec& spec) {
    FC_TRY(requireCapability(by, Capability::kManageInventory));
    if (std::find(countScopes().begin(), countScopes().end(), spec.scope) == countScopes().end())
        return invalid("scope: not one of full, zones, bins, fast, stale");
    if (spec.thresholdFen < 0 || spec.thresholdFen > 10'000'000'000) return invalid("threshold: ¥0 to ¥100,000,000");
    if (spec.scope == "stale" && (spec.days < 1 || spec.days > 3650)) return invalid("days: 1 to 3650");
    if (spec.scope == "fast" && (spec.top < 1 || spec.top > 10'000)) return invalid("top: 1 to 10,000 parts");
    if (spec.note.size() > 200) return invalid("note: at most 200 characters");
    Db& db = m_store.db();
    return inTx(db, [&]() -> Result<std::string> {
        // The bins, or the parts, the count covers.
        std::vector<std::string> bins, parts;
        std::string detail;
        if (spec.scope == "full") {
            FC_ASSIGN(Stmt * q, db.cached("SELECT id FROM bins WHERE deleted_at IS NULL AND active = 1 ORDER BY sort, code"));
            FC_TRY(q->each([&](Stmt& r) { bins.push_back(r.getText(0)); }));
        } else if (spec.scope == "zones") {
            if (spec.zones.empty()) return invalid("zones: choose at least one zone");
            FC_ASSIGN(Stmt * q, db.cached("SELECT id FROM bins WHERE deleted_at IS NULL AND active = 1 AND zone = ? "
                                          "ORDER BY sort, code"));
            for (const std::string& zone : spec.zones) {
                const size_t before = bins.size();
                q->bind(1, zone);
                FC_TRY(q->each([&](Stmt& r) { bins.push_back(r.getText(0)); }));
                if (bins.size() == before) return invalid("zones: no bins in zone '" + zone + "'");
            }
            detail = joined(spec.zones);
        } else if (spec.scope == "bins") {
            if (spec.binCodes.empty()) return invalid("bins: choose at least one bin");
            for (const std::string& code : spec.binCodes) {
                FC_ASSIGN(std::optional<Bin> b, m_parts.binByCode(code));
                if (!b) return invalid("bins: no bin '" + code + "'");
                bins.push_back(b->id);
            }
            detail = joined(spec.binCodes);
        } else if (spec.scope == "fast") {
            FC_ASSIGN(Stmt * q, db.cached("SELECT part_id FROM stock_movements WHERE kind = 'issue' AND at >= ? "
                                          "GROUP BY part_id ORDER BY -sum(qty_milli) DESC, part_id LIMIT ?"));
            q->bind(1, m_store.nowMs() - 30 * StoreTime::kDayMs);
            q->bind(2, static_cast<int64_t>(spec.top));
            FC_TRY(q->each([&](Stmt& r) { parts.push_back(r.getText(0)); }));
            if (parts.empty()) return invalid("scope: no part was issued in the last 30 days");
            detail = std::to_string(spec.top);
        } else {
            FC_ASSIGN(Stmt * q, db.cached(
                                    "SELECT p.id FROM parts p WHERE p.deleted_at IS NULL AND p.active = 1 AND NOT EXISTS "
                                    "(SELECT 1 FROM stock_count_entries e JOIN stock_counts c ON c.id = e.count_id "
                                    " WHERE e.part_id = p.id AND c.status = 'posted' AND e.at >= ?) ORDER BY p.sku"));
            q->bind(1, m_store.nowMs() - spec.days * StoreTime::kDayMs);
            FC_TRY(q->each([&](Stmt& r) { parts.push_back(r.getText(0)); }));
            if (parts.empty()) return invalid("scope: every part was counted in the last " + std::to_string(spec.days) + " days");
            detail = std::to_string(spec.days);
        }

        // Lines: what is kept in those bins, and what the books hold there.
        std::vector<std::pair<std::string, std::string>> lines;  // bin, part
        std::set<std::pair<std::string, std::string>> seen;
        auto addLine = [&](const std::string& bin, const std::string& part) {
            if (seen.emplace(bin, part).second) lines.emplace_back(bin, part);
        };
        if (!bins.empty()) {
            FC_ASSIGN(Stmt * q, db.cached(
                                    "SELECT pb.part_id FROM part_bins pb JOIN parts p ON p.id = pb.part_id WHERE pb.bin_id = ?1 "
                                    "AND pb.deleted_at IS NULL AND p.deleted_at IS NULL "
                                    "UNION SELECT part_id FROM local_stock WHERE bin_id = ?1 AND qty_milli <> 0"));
            for (const std::string& bin : bins) {
                q->bind(1, bin);
                std::vector<std::string> inBin;
                FC_TRY(q->each([&](Stmt& r) { inBin.push_back(r.getText(0)); }));
                for (const std::string& part : inBin) addLine(bin, part);
            }
        } else {
            FC_ASSIGN(Stmt * q, db.cached(
                                    "SELECT pb.bin_id FROM part_bins pb JOIN bins b ON b.id = pb.bin_id WHERE pb.part_id = ?1 "
                                    "AND pb.deleted_at IS NULL AND b.deleted_at IS NULL "
                                    "UNION SELECT bin_id FROM local_stock WHERE part_id = ?1 AND qty_milli <> 0"));
            for (const std::string& part : parts) {
                q->bind(1, part);
                std::vector<std::string> itsBins;
                FC_TRY(q->each([&](Stmt& r) { itsBins.push_back(r.getText(0)); }));
                for (const std::string& bin : itsBins) addLine(bin, part);
            }
        }
        if (lines.empty()) return invalid("scope: nothing to count (no parts are kept in those bins)");

        // The count's number: PD-mmdd-nn, the day's count on this replica.
        const StoreTime storeTime;
        const int64_t now = m_store.nowMs();
        FC_ASSIGN(Stmt * n, db.cached("SELECT count(*) FROM stock_counts WHERE opened_at >= ? AND opened_at < ?"));
        n->bind(1, storeTime.dayStart(now));
        n->bind(2, storeTime.dayEnd(now));
        FC_TRY(n->step());
        const int64_t today = n->getInt(0) + 1;
        n->reset();
        const int day = storeTime.dayNumber(now) % 10'000;
        char number[32];
        std::snprintf(number, sizeof number, "PD-%04d-%02d", day, static_cast<int>(today));

        const std::string id = m_store.ids().next();
        FC_ASSIGN(Row row, RowBuilder(tables::kStockCounts)
                               .set("store_id", m_store.storeId())
                               .set("number", std::string(number))
                               .set("scope", spec.scope)
                               .set("scope_detail", detail)
                               .set("blind", spec.blind ? 1 : 0)
                               .set("threshold_fen", spec.thresholdFen)
                               .set("status", std::string("open"))
                               .set("opened_by", by.staffId())
                               .set("opened_at", now)
                               .set("posted_by", std::optional<std::string>())
                               .set("posted_at", SqlValue::null())
                               .set("note", spec.note)
                               .set("deleted_at", SqlValue::null())
                               .build());
        FC_TRY(m_store.writer().insert(tables::kStockCounts, id, row));
        m_store.writer().beginDeferred();
        int64_t sort = 0;
        for (const auto& [bin, part] : lines) {
            auto line = RowBuilder(tables::kStockCountLines)
                            .set("store_id", m_store.storeId())
                            .set("count_id", id)
                            .set("part_id", part)
                            .set("bin_id", bin)
                            .set("sort", sort++)
                            .build();
            if (!line) {
                (void)m_store.writer().finishDeferred();
                return line.error();
            }
            if (Status s = m_store.writer().insert(tables::kStockCountLines, m_store.ids().next(), *line); !s) {
                (void)m_store.writer().finishDeferred();
                return s.error();
            }
        }
        FC_TRY(m_store.writer().finishDeferred());
        return id;
    });
}

Status CountService::cancel(const Session& by, const std::string& countId) {
    FC_TRY(requireCapability(by, Capability::kManageInventory));
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireOpen(countId));
        const TableDef& t = tables::kStockCounts;
        auto r = m_store.writer().update(t, countId, {{t.columnIndex("status"), SqlValue::text("cancelled")}});
        if (!r) return r.error();
        return {};
    });
}

Result<std::vector<StockCount>> CountService::counts(bool openOnly) {
    FC_ASSIGN(Stmt * q, m_store.db().cached(std::string("SELECT ") + kCountColumns +
                                            "WHERE deleted_at IS NULL AND (?1 = 0 OR status = 'open') "
                                            "ORDER BY opened_at DESC, id DESC LIMIT 200"));
    q->bind(1, openOnly ? 1 : 0);
    std::vector<StockCount> out;
    FC_TRY(q->each([&](Stmt& r) { out.push_back(countFromRow(r)); }));
    return out;
}

Result<StockCount> CountService::get(const std::string& countId) {
    FC_ASSIGN(Stmt * q, m_store.db().cached(std::string("SELECT ") + kCountColumns + "WHERE id = ?"));
    q->bind(1, countId);
    FC_ASSIGN(bool row, q->step());
    if (!row) {
        q->reset();
        return notFound("count: no such stock count");
    }
    StockCount c = countFromRow(*q);
    q->reset();
    return c;
}

Result<StockCount> CountService::requireOpen(const std::string& countId) {
    FC_ASSIGN(StockCount c, get(countId));
    if (c.status == "posted") return conflict("count: " + c.number + " is already posted");
    if (c.status == "cancelled") return conflict("count: " + c.number + " was cancelled");
    return c;
}

// [SECTION] counting

Result<CountProgress> CountService::progress(const std::string& countId) {
    Db& db = m_store.db();
    CountProgress p;
    FC_ASSIGN(Stmt * n, db.cached(
                            "SELECT (SELECT count(*) FROM stock_count_lines WHERE count_id = ?1) + (SELECT count(*) FROM "
                            "local_count_state s WHERE s.count_id = ?1 AND NOT EXISTS (SELECT 1 FROM stock_count_lines l "
                            "WHERE l.count_id = s.count_id AND l.bin_id = s.bin_id AND l.part_id = s.part_id))"));
    n->bind(1, countId);
    FC_TRY(n->step());
    p.lines = static_cast<size_t>(n->getInt(0));
    n->reset();
    FC_ASSIGN(Stmt * s, db.cached("SELECT state, count(*) FROM local_count_state WHERE count_id = ? GROUP BY state"));
    s->bind(1, countId);
    FC_TRY(s->each([&](Stmt& r) {
        const std::string state = r.getText(0);
        const auto c = static_cast<size_t>(r.getInt(1));
        if (state == "counted") p.counted = c;
        if (state == "disagree") p.disagree = c;
        if (state == "recount") p.recount = c;
    }));
    return p;
}

Result<std::vector<CountBin>> CountService::bins(const std::string& countId) {
    FC_ASSIGN(Stmt * q, m_store.db().cached(
                            std::string("SELECT x.bin_id, b.code, count(*), sum(s.state = 'counted') FROM ") + kAllLines +
                            "JOIN bins b ON b.id = x.bin_id LEFT JOIN local_count_state s ON s.count_id = ?1 AND "
                            "s.bin_id = x.bin_id AND s.part_id = x.part_id GROUP BY x.bin_id ORDER BY b.sort, b.code"));
    q->bind(1, countId);
    std::vector<CountBin> out;
    FC_TRY(q->each([&](Stmt& r) {
        out.push_back({r.getText(0), r.getText(1), static_cast<size_t>(r.getInt(2)),
                       static_cast<size_t>(r.isNull(3) ? 0 : r.getInt(3))});
    }));
    return out;
}

Result<std::vector<CountLine>> CountService::lines(const std::string& countId, const std::string& binId) {
    FC_ASSIGN(Stmt * q, m_store.db().cached(std::string(kLineSelect) + "FROM " + kAllLines + kLineJoins +
                                            "WHERE x.bin_id = ?2 ORDER BY x.sort, p.sku"));
    q->bind(1, countId);
    q->bind(2, binId);
    std::vector<CountLine> out;
    FC_TRY(q->each([&](Stmt& r) { out.push_back(lineFromRow(r).line); }));
    for (CountLine& l : out) {
        FC_ASSIGN(auto mine, myRound(countId, l.binId, l.partId));
        l.mineMilli = mine.second;
    }
    return out;
}

Result<std::vector<CountLine>> CountService::uncounted(const std::string& countId, size_t limit) {
    FC_ASSIGN(Stmt * q, m_store.db().cached(std::string(kLineSelect) + "FROM " + kAllLines + kLineJoins +
                                            "WHERE s.state IS NULL ORDER BY b.sort, b.code, x.sort LIMIT ?2"));
    q->bind(1, countId);
    q->bind(2, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
    std::vector<CountLine> out;
    FC_TRY(q->each([&](Stmt& r) { out.push_back(lineFromRow(r).line); }));
    return out;
}

Result<CountLine> CountService::line(const std::string& countId, const std::string& binId, const std::string& partId) {
    // One line, on the list or not.
    FC_ASSIGN(Stmt * q, m_store.db().cached(
                            std::string(kLineSelect) +
                            "FROM (SELECT ?3 AS part_id, ?2 AS bin_id, EXISTS(SELECT 1 FROM stock_count_lines WHERE "
                            "count_id = ?1 AND bin_id = ?2 AND part_id = ?3) AS on_list, 0 AS sort) x " +
                            kLineJoins));
    q->bind(1, countId);
    q->bind(2, binId);
    q->bind(3, partId);
    FC_ASSIGN(bool row, q->step());
    if (!row) {
        q->reset();
        return notFound("part: no such part or bin");
    }
    CountLine l = lineFromRow(*q).line;
    q->reset();
    FC_ASSIGN(auto mine, myRound(countId, binId, partId));
    l.mineMilli = mine.second;
    return l;
}

Result<std::pair<int, int64_t>> CountService::myRound(const std::string& countId, const std::string& binId,
                                                      const std::string& partId) {
    Db& db = m_store.db();
    FC_ASSIGN(Stmt * s, db.cached("SELECT round, state, figure_milli, EXISTS(SELECT 1 FROM local_count_serials x WHERE "
                                  "x.count_id = ?1 AND x.bin_id = ?2 AND x.part_id = ?3) FROM local_count_state "
                                  "WHERE count_id = ?1 AND bin_id = ?2 AND part_id = ?3"));
    s->bind(1, countId);
    s->bind(2, binId);
    s->bind(3, partId);
    FC_ASSIGN(bool row, s->step());
    const int round = row ? static_cast<int>(s->getInt(0)) : 1;
    const std::string state = row ? s->getText(1) : "";
    const int64_t lineFigure = row ? s->getInt(2) : 0;
    const bool serials = row && s->getInt(3) != 0;
    s->reset();
    // A serial-tracked line: this device's figure is the line's (serials are a union).
    if (serials) return std::pair<int, int64_t>{1, lineFigure};
    // This device's latest entry on the line (local_count_devices): its figure in the round.
    FC_ASSIGN(Stmt * m, db.cached("SELECT round, kind, counted_milli FROM local_count_devices WHERE count_id = ? AND "
                                  "bin_id = ? AND part_id = ? AND device_id = ?"));
    m->bind(1, countId);
    m->bind(2, binId);
    m->bind(3, partId);
    m->bind(4, m_store.device().deviceId);
    FC_ASSIGN(bool have, m->step());
    const bool mine = have && m->getInt(0) == round && m->getText(1) == "count";
    const int64_t figure = mine ? m->getInt(2) : 0;
    m->reset();
    // Devices disagree: one of them goes on with (or corrects) its own figure; anyone else
    // recounts the line in a new round, from zero.
    if (state == "disagree" && !mine) return std::pair<int, int64_t>{round + 1, 0};
    return std::pair<int, int64_t>{round, figure};
}

Status CountService::insertEntry(const Session& by, const std::string& countId, const std::string& binId,
                                 const std::string& partId, int round, const std::string& kind, int64_t countedMilli,
                                 const std::string& serial) {
    FC_ASSIGN(int64_t expected, m_stock.onHandIn(partId, binId));
    FC_ASSIGN(Row row, RowBuilder(tables::kStockCountEntries)
                           .set("store_id", m_store.storeId())
                           .set("count_id", countId)
                           .set("part_id", partId)
                           .set("bin_id", binId)
                           .set("round", static_cast<int64_t>(round))
                           .set("kind", kind)
                           .set("counted_milli", countedMilli)
                           .set("expected_milli", expected)
                           .set("serial", serial)
                           .set("staff_id", by.staffId())
                           .set("device_id", m_store.device().deviceId)
                           .set("at", m_store.nowMs())
                           .build());
    return m_store.writer().insert(tables::kStockCountEntries, m_store.ids().next(), row);
}

Result<CountLine> CountService::scan(const Session& by, const std::string& countId, const std::string& binId,
                                     const std::string& partId, const std::string& serial) {
    FC_TRY(requireCapability(by, Capability::kManageInventory));
    return inTx(m_store.db(), [&]() -> Result<CountLine> {
        FC_TRY(requireOpen(countId));
        FC_ASSIGN(Part part, m_parts.get(partId));
        FC_TRY(m_parts.bin(binId));
        if (part.tracking == "serial") {
            if (serial.empty()) return invalid("serial: this part is counted by serial number: scan each one");
            if (serial.size() > 64) return invalid("serial: at most 64 characters");
            FC_ASSIGN(Stmt * have, m_store.db().cached("SELECT present FROM local_count_serials WHERE count_id = ? AND "
                                                       "bin_id = ? AND part_id = ? AND serial = ?"));
            have->bind(1, countId);
            have->bind(2, binId);
            have->bind(3, partId);
            have->bind(4, serial);
            FC_ASSIGN(bool row, have->step());
            const bool there = row && have->getInt(0) != 0;
            have->reset();
            if (!there) FC_TRY(insertEntry(by, countId, binId, partId, 1, "count", 1000, serial));  // a serial counts once
        } else {
            FC_ASSIGN(auto mine, myRound(countId, binId, partId));
            if (mine.second + 1000 > kMaxCountMilli) return invalid("qty: at most 1,000,000");
            FC_TRY(insertEntry(by, countId, binId, partId, mine.first, "count", mine.second + 1000, ""));
        }
        return line(countId, binId, partId);
    });
}

Result<CountLine> CountService::setCounted(const Session& by, const std::string& countId, const std::string& binId,
                                           const std::string& partId, int64_t countedMilli) {
    FC_TRY(requireCapability(by, Capability::kManageInventory));
    if (countedMilli < 0) return invalid("qty: cannot be negative");
    if (countedMilli > kMaxCountMilli) return invalid("qty: at most 1,000,000");
    return inTx(m_store.db(), [&]() -> Result<CountLine> {
        FC_TRY(requireOpen(countId));
        FC_ASSIGN(Part part, m_parts.get(partId));
        FC_TRY(m_parts.bin(binId));
        if (part.tracking == "serial") return invalid("serial: this part is counted by serial number: scan each one");
        FC_ASSIGN(auto mine, myRound(countId, binId, partId));
        FC_TRY(insertEntry(by, countId, binId, partId, mine.first, "count", countedMilli, ""));
        return line(countId, binId, partId);
    });
}

Result<std::optional<CountLine>> CountService::undoLast(const Session& by, const std::string& countId) {
    FC_TRY(requireCapability(by, Capability::kManageInventory));
    return inTx(m_store.db(), [&]() -> Result<std::optional<CountLine>> {
        FC_TRY(requireOpen(countId));
        Db& db = m_store.db();
        FC_ASSIGN(Stmt * last, db.cached("SELECT bin_id, part_id, round, counted_milli, serial, _hlc, id FROM "
                                         "stock_count_entries WHERE count_id = ? AND device_id = ? AND kind = 'count' "
                                         "ORDER BY _hlc DESC, id DESC LIMIT 1"));
        last->bind(1, countId);
        last->bind(2, m_store.device().deviceId);
        FC_ASSIGN(bool row, last->step());
        if (!row) {
            last->reset();
            return std::optional<CountLine>();
        }
        const std::string bin = last->getText(0), part = last->getText(1), serial = last->getText(4), id = last->getText(6);
        const int round = static_cast<int>(last->getInt(2));
        const int64_t counted = last->getInt(3), hlc = last->getInt(5);
        last->reset();
        if (!serial.empty()) {
            FC_TRY(insertEntry(by, countId, bin, part, round, "count", counted > 0 ? 0 : 1000, serial));
        } else {
            FC_ASSIGN(Stmt * before, db.cached("SELECT counted_milli FROM stock_count_entries WHERE count_id = ? AND "
                                               "bin_id = ? AND part_id = ? AND device_id = ? AND round = ? AND "
                                               "kind = 'count' AND serial = '' AND (_hlc < ? OR (_hlc = ? AND id < ?)) "
                                               "ORDER BY _hlc DESC, id DESC LIMIT 1"));
            before->bind(1, countId);
            before->bind(2, bin);
            before->bind(3, part);
            before->bind(4, m_store.device().deviceId);
            before->bind(5, static_cast<int64_t>(round));
            before->bind(6, hlc);
            before->bind(7, hlc);
            before->bind(8, id);
            FC_ASSIGN(bool had, before->step());
            const int64_t previous = had ? before->getInt(0) : 0;
            before->reset();
            FC_TRY(insertEntry(by, countId, bin, part, round, "count", previous, ""));
        }
        FC_ASSIGN(CountLine l, line(countId, bin, part));
        return std::optional<CountLine>(std::move(l));
    });
}

Status CountService::requestRecount(const Session& by, const std::string& countId, const std::string& binId,
                                    const std::string& partId) {
    FC_TRY(requireCapability(by, Capability::kManageInventory));
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireOpen(countId));
        FC_ASSIGN(CountLine l, line(countId, binId, partId));
        if (l.state == "uncounted") return invalid("line: " + lineName(l) + " has not been counted yet");
        if (l.state == "recount") return {};
        if (l.tracking == "serial") return invalid("line: " + lineName(l) + " is counted by serial number");
        return insertEntry(by, countId, binId, partId, l.round + 1, "recount", 0, "");
    });
}

// [SECTION] review and posting

Result<int64_t> CountService::expectedAt(const std::string& partId, const std::string& binId, int64_t beforeHlc) {
    FC_ASSIGN(Stmt * q, m_store.db().cached("SELECT coalesce(sum(qty_milli), 0) FROM stock_movements WHERE part_id = ? "
                                            "AND bin_id = ? AND _hlc < ?"));
    q->bind(1, partId);
    q->bind(2, binId);
    q->bind(3, beforeHlc);
    FC_TRY(q->step());
    const int64_t v = q->getInt(0);
    q->reset();
    return v;
}

Result<CountReview> CountService::review(const std::string& countId) {
    CountReview out;
    FC_ASSIGN(out.count, get(countId));
    FC_ASSIGN(out.progress, progress(countId));
    FC_ASSIGN(Stmt * q, m_store.db().cached(std::string(kLineSelect) + "FROM " + kAllLines + kLineJoins +
                                            "WHERE s.state IS NOT NULL ORDER BY b.sort, b.code, x.sort"));
    q->bind(1, countId);
    std::vector<LineRow> rows;
    FC_TRY(q->each([&](Stmt& r) { rows.push_back(lineFromRow(r)); }));
    for (LineRow& row : rows) {
        if (row.line.state != "counted") {
            out.recounts.push_back(std::move(row.line));
            continue;
        }
        VarianceLine v;
        FC_ASSIGN(v.expectedMilli, expectedAt(row.line.partId, row.line.binId, row.countHlc));
        v.varianceMilli = row.line.figureMilli - v.expectedMilli;
        v.avgCostFen = row.avgCostFen;
        v.valueFen = AverageCost{v.varianceMilli, row.avgCostFen}.valueFen();
        v.overThreshold = std::llabs(v.valueFen) > out.count.thresholdFen;
        v.line = std::move(row.line);
        if (v.valueFen > 0) out.gainFen += v.valueFen;
        if (v.valueFen < 0) out.lossFen += v.valueFen;
        if (v.overThreshold) ++out.overThreshold;
        out.lines.push_back(std::move(v));
    }
    out.netFen = out.gainFen + out.lossFen;
    std::stable_sort(out.lines.begin(), out.lines.end(), [](const VarianceLine& a, const VarianceLine& b) {
        return std::llabs(a.valueFen) > std::llabs(b.valueFen);
    });
    FC_ASSIGN(out.uncounted, uncounted(countId, SIZE_MAX));
    return out;
}

Result<PostResult> CountService::post(const Session& by, const std::string& countId, const PostOptions& options) {
    FC_TRY(requireCapability(by, Capability::kManageInventory));
    return inTx(m_store.db(), [&]() -> Result<PostResult> {
        FC_ASSIGN(StockCount count, requireOpen(countId));
        FC_ASSIGN(CountReview r, review(countId));
        if (!r.recounts.empty())
            return conflict("recount: " + std::to_string(r.recounts.size()) + " lines are to be counted again first (" +
                            someLines(r.recounts) + ")");
        if (count.scope == "full" && !r.uncounted.empty() && !options.confirmUncounted)
            return conflict("uncounted: " + std::to_string(r.uncounted.size()) +
                            " lines were not counted; confirm they are zero (" + someLines(r.uncounted) + ")");
        if (r.overThreshold > 0 && !(options.approve && by.can(Capability::kResolveConflicts)))
            return conflict("approval: " + std::to_string(r.overThreshold) + " lines differ by more than " +
                            Money::fen(count.thresholdFen).format() + ": a manager approves them, or asks for a recount");
        PostResult result;
        for (const VarianceLine& v : r.lines) {
            if (v.varianceMilli == 0) continue;
            FC_TRY(m_stock.postCount(by, v.line.partId, v.line.binId, v.varianceMilli, countId, count.number));
            ++result.movements;
        }
        result.netFen = r.netFen;
        if (count.scope == "full")
            for (const CountLine& l : r.uncounted) {
                if (l.expectedNowMilli == 0) continue;
                FC_TRY(m_stock.postCount(by, l.partId, l.binId, -l.expectedNowMilli, countId, count.number));
                ++result.movements;
            }
        const TableDef& t = tables::kStockCounts;
        auto up = m_store.writer().update(t, countId,
                                          {{t.columnIndex("status"), SqlValue::text("posted")},
                                           {t.columnIndex("posted_by"), SqlValue::text(by.staffId())},
                                           {t.columnIndex("posted_at"), SqlValue::integer(m_store.nowMs())}});
        if (!up) return up.error();
        return result;
    });
}

}  // namespace fc::core
