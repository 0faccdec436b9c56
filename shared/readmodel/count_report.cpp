#include "shared/readmodel/count_report.hpp"

#include <cstdio>
#include <optional>

#include "shared/capture/service_set.hpp"
#include "shared/capture/store.hpp"
#include "shared/core/text.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/stock/count_service.hpp"
#include "shared/stock/stock_index.hpp"
#include "shared/stores/store_record.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::core {

namespace {

CountReportPending pendingOf(const CountLine& l) {
    CountReportPending p;
    p.binCode = l.binCode;
    p.sku = l.sku;
    p.nameZh = l.nameZh;
    p.nameEn = l.nameEn;
    p.unit = l.unit;
    p.state = l.state;
    p.expectedMilli = l.expectedNowMilli;
    return p;
}

}  // namespace

CountReportDocuments::CountReportDocuments(Store& store, CountService& counts, StaffService& staff,
                                           StoreRecord& record, const StoreTime& time)
    : m_store(store), m_counts(counts), m_staff(staff), m_record(record), m_time(time) {}

CountReportDocuments::CountReportDocuments(ServiceSet& set)
    : CountReportDocuments(set.store(), set.get<CountService>(), set.get<StaffService>(),
                           set.get<StoreRecord>(), set.get<StoreTime>()) {}

std::string CountReportDocuments::localTime(int64_t utcMs) const {
    const int day = m_time.dayNumber(utcMs);
    char buf[40];  // room for any int, as the compiler counts
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d ", day / 10000, day / 100 % 100, day % 100);
    return buf + m_time.hhmm(utcMs);
}

std::string CountReportDocuments::staffName(const std::string& staffId) {
    if (staffId.empty()) return "";
    auto s = m_staff.get(staffId);
    return s ? s->name : "";
}

Result<std::string> CountReportDocuments::findCount(std::string_view typed) {
    const std::string raw = trim(foldWidth(typed));
    if (raw.empty()) return invalid("a stock count's number is needed (e.g. PD-0115-01)");
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id FROM stock_counts WHERE deleted_at IS NULL AND (id = ?1 OR "
                            "number = ?2) ORDER BY id = ?1 DESC, opened_at, id"));
    s->bind(1, raw);
    s->bind(2, toUpperAscii(raw));
    std::vector<std::string> ids;
    FC_TRY(s->each([&](Stmt& r) { ids.push_back(r.getText(0)); }));
    if (ids.empty()) return notFound("no stock count numbered '" + std::string(typed) + "'");
    if (ids.size() > 1 && ids.front() != raw) {
        std::string list;
        for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
        return conflict("stock counts: " + std::to_string(ids.size()) + " are numbered '" +
                        std::string(typed) + "' (opened on different tablets): give the id (" +
                        list + ")");
    }
    return ids.front();
}

Result<CountReportDoc> CountReportDocuments::countReport(const std::string& countId) {
    FC_ASSIGN(CountReview r, m_counts.review(countId));
    CountReportDoc d;
    FC_ASSIGN(d.storeName, m_record.name());
    d.countId = r.count.id;
    d.number = r.count.number;
    d.scope = r.count.scope;
    d.scopeDetail = r.count.scopeDetail;
    d.blind = r.count.blind;
    d.status = r.count.status;
    d.thresholdFen = r.count.thresholdFen;
    d.note = r.count.note;
    d.openedAt = localTime(r.count.openedAt);
    if (r.count.postedAt) d.postedAt = localTime(r.count.postedAt);
    d.printedAt = localTime(m_store.nowMs());
    d.listed = r.progress.lines;
    d.counted = r.progress.counted;

    // Who opened and posted it (CountService keeps no names), and who entered figures (a
    // recount request is the office's, not a count).
    Db& db = m_store.db();
    {
        FC_ASSIGN(Stmt * s, db.cached("SELECT coalesce(opened_by, ''), coalesce(posted_by, '') "
                                      "FROM stock_counts WHERE id = ?"));
        s->bind(1, countId);
        FC_ASSIGN(bool row, s->step());
        std::string openedBy, postedBy;
        if (row) {
            openedBy = s->getText(0);
            postedBy = s->getText(1);
        }
        s->reset();
        d.openedBy = staffName(openedBy);
        d.postedBy = staffName(postedBy);
    }
    {
        FC_ASSIGN(Stmt * s,
                  db.cached("SELECT staff_id FROM stock_count_entries WHERE count_id = ? "
                            "AND kind = 'count' AND staff_id IS NOT NULL AND staff_id <> '' "
                            "GROUP BY staff_id ORDER BY min(at), staff_id"));
        s->bind(1, countId);
        std::vector<std::string> ids;
        FC_TRY(s->each([&](Stmt& row) { ids.push_back(row.getText(0)); }));
        for (const std::string& id : ids)
            if (std::string name = staffName(id); !name.empty()) d.countedBy.push_back(name);
    }

    for (const VarianceLine& v : r.lines) {
        CountReportLine l;
        l.binCode = v.line.binCode;
        l.sku = v.line.sku;
        l.nameZh = v.line.nameZh;
        l.nameEn = v.line.nameEn;
        l.unit = v.line.unit;
        l.expectedMilli = v.expectedMilli;
        l.countedMilli = v.line.figureMilli;
        l.varianceMilli = v.varianceMilli;
        l.valueFen = v.valueFen;
        l.overThreshold = v.overThreshold;
        l.recounted = v.line.round > 1;
        l.added = !v.line.onList;
        d.lines.push_back(std::move(l));
    }
    d.gainFen = r.gainFen;
    d.lossFen = r.lossFen;
    d.netFen = r.netFen;
    d.overThreshold = r.overThreshold;
    for (const CountLine& l : r.recounts) d.recounts.push_back(pendingOf(l));

    // A whole-store count's uncounted lines become zero on posting: what that wrote off (the
    // count's own movements), or while open what it would, at the average cost.
    const bool full = r.count.scope == "full";
    const bool posted = r.count.status == "posted";
    FC_ASSIGN(
        Stmt * cost,
        db.cached(
            "SELECT coalesce((SELECT avg_cost_fen FROM local_part_stock WHERE part_id = ?), 0)"));
    FC_ASSIGN(Stmt * written,
              db.cached("SELECT coalesce(sum(qty_milli), 0) FROM stock_movements "
                        "WHERE group_id = ? AND kind = 'count' AND part_id = ? AND bin_id = ?"));
    for (const CountLine& l : r.uncounted) {
        CountReportPending p = pendingOf(l);
        if (full && posted) {
            written->bind(1, countId);
            written->bind(2, l.partId);
            written->bind(3, l.binId);
            FC_TRY(written->step());
            p.expectedMilli = -written->getInt(0);
            written->reset();
            p.postedAsZero = true;
        }
        if (full && p.expectedMilli != 0) {
            cost->bind(1, l.partId);
            FC_TRY(cost->step());
            const int64_t avg = cost->getInt(0);
            cost->reset();
            p.valueFen = AverageCost{-p.expectedMilli, avg}.valueFen();  // as CountService values a variance
            d.uncountedFen += p.valueFen;
        }
        d.uncounted.push_back(std::move(p));
    }
    return d;
}

}  // namespace fc::core
