// [SECTION] index
//   helpers       — rounding, calendar months, the parts' labels
//   replay        — every movement of every part in time order, with its demand and cost
//   turnover, slow movers, value by category, monthly demand, parts per model
//   tables        — the same as report tables
#include "shared/readmodel/stock_analysis.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "shared/db/sqlite.hpp"
#include "shared/stock/stock_index.hpp"

namespace fc::core {

namespace {

// [SECTION] helpers

__extension__ using i128 = __int128;

std::string dateText(int yyyymmdd) {
    const std::string s = std::to_string(yyyymmdd);
    return s.size() == 8 ? s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) : s;
}

// "2026-02-01 – 2026-04-30": the local days of the period.
std::string periodText(const StoreTime& time, const AnalysisPeriod& p) {
    return dateText(time.dayNumber(p.fromMs)) + " – " +
           dateText(time.dayNumber(std::max(p.fromMs, p.toMs - 1)));
}

std::optional<int64_t> turnoverOf(int64_t cogs, int64_t avgStock) {
    if (avgStock <= 0) return std::nullopt;
    return roundedDiv(static_cast<i128>(cogs) * 100, avgStock);
}

std::optional<int64_t> daysOf(int64_t cogs, int64_t avgStock, const AnalysisPeriod& p) {
    if (cogs <= 0 || avgStock <= 0) return std::nullopt;
    return roundedDiv(static_cast<i128>(avgStock) * (p.toMs - p.fromMs),
                    static_cast<i128>(cogs) * StoreTime::kDayMs);
}

Result<std::map<std::string, PartLabel>> partLabels(Db& db) {
    std::map<std::string, PartLabel> out;
    FC_ASSIGN(Stmt * s, db.cached("SELECT id, sku, name_zh, name_en, category, unit FROM parts"));
    FC_TRY(s->each([&](Stmt& r) {
        PartLabel l{r.getText(0), r.getText(1), r.getText(2),
                    r.getText(3), r.getText(4), r.getText(5)};
        out.emplace(l.partId, std::move(l));
    }));
    return out;
}

const PartLabel& labelOf(const std::map<std::string, PartLabel>& labels,
                         const std::string& partId) {
    static const PartLabel kNone;
    auto it = labels.find(partId);
    return it == labels.end() ? kNone : it->second;
}

// [SECTION] replay

struct Move {
    std::string partId;
    std::string kind;
    int64_t qtyMilli = 0;
    int64_t unitCostFen = 0;
    int64_t at = 0;
    std::optional<std::string> workOrderId;
    int64_t demandMilli = 0;  // what this movement took for use (negative: gave back)
    int64_t cogsFen = 0;      // its cost at the moving average
};

// Issues are demand; returns give it back; an undo counts against what it reverses.
int64_t demandOf(const std::string& kind, const std::string& reversedKind, int64_t qtyMilli) {
    if (kind == "issue" || kind == "return") return -qtyMilli;
    if (kind == "undo" && (reversedKind == "issue" || reversedKind == "return")) return -qtyMilli;
    return 0;
}

// Calls `onMove(move, before, after)` for every movement of every part, a part's movements
// together in the order they happened, and `onPartEnd(partId, cost)` after each part's last.
Status replay(
    Db& db, const std::function<void(const Move&, const AverageCost&, const AverageCost&)>& onMove,
    const std::function<void(const std::string&, const AverageCost&)>& onPartEnd = {}) {
    FC_ASSIGN(
        Stmt * s,
        db.cached(
            "SELECT m.part_id, m.kind, m.qty_milli, m.unit_cost_fen, m.at, m.work_order_id, "
            "coalesce(o.kind, '') FROM stock_movements m LEFT JOIN stock_movements o "
            "ON m.kind = 'undo' AND o.id = m.reverses ORDER BY m.part_id, m.at, m._hlc, m.id"));
    std::string part;
    AverageCost cost;
    bool any = false;
    FC_TRY(s->each([&](Stmt& r) {
        Move m;
        m.partId = r.getText(0);
        if (any && m.partId != part) {
            if (onPartEnd) onPartEnd(part, cost);
            cost = {};
        }
        any = true;
        part = m.partId;
        m.kind = r.getText(1);
        m.qtyMilli = r.getInt(2);
        m.unitCostFen = r.getInt(3);
        m.at = r.getInt(4);
        if (!r.isNull(5)) m.workOrderId = r.getText(5);
        m.demandMilli = demandOf(m.kind, r.getText(6), m.qtyMilli);
        if (m.demandMilli != 0)
            m.cogsFen = roundedDiv(static_cast<i128>(m.demandMilli) * cost.avgCostFen, 1000);
        const AverageCost before = cost;
        cost.apply(m.qtyMilli, m.unitCostFen, m.kind == "receipt" || m.kind == "return");
        onMove(m, before, cost);
    }));
    if (any && onPartEnd) onPartEnd(part, cost);
    return {};
}

}  // namespace

AnalysisPeriod lastDays(const StoreTime& time, int64_t nowMs, int days) {
    return {time.dayStart(nowMs) - static_cast<int64_t>(std::max(days, 1) - 1) * StoreTime::kDayMs,
            nowMs};
}

std::string monthText(int yyyymm) {
    const int m = yyyymm % 100;
    return std::to_string(yyyymm / 100) + (m < 10 ? "-0" : "-") + std::to_string(m);
}

std::string categoryKey(const std::string& category) {
    return "warehouse.unknown.category." + (category.empty() ? std::string("other") : category);
}

// [SECTION] turnover

Result<TurnoverReport> StockAnalysis::turnover(const AnalysisPeriod& period) {
    if (period.toMs <= period.fromMs) return invalid("period: it ends before it starts");
    Db& db = m_store.db();
    FC_ASSIGN(auto labels, partLabels(db));
    TurnoverReport out;
    out.period = period;
    const i128 length = period.toMs - period.fromMs;

    // One part at a time: the value held over time (an integral in fen × ms) and the demand.
    struct Acc {
        i128 held = 0;
        int64_t lastAt = 0;
        int64_t valueFen = 0;  // since lastAt
        bool opened = false;   // the period's start has been passed
        PartTurnover row;
    } acc;
    auto holdUntil = [&](int64_t t) {
        const int64_t from = std::max(acc.lastAt, period.fromMs), to = std::min(t, period.toMs);
        if (to > from) acc.held += static_cast<i128>(acc.valueFen) * (to - from);
        acc.lastAt = std::max(acc.lastAt, t);
    };
    auto finish = [&](const std::string& partId, const AverageCost&) {
        holdUntil(period.toMs);
        if (!acc.opened) acc.row.openingFen = acc.valueFen;  // every movement came before the start
        acc.row.closingFen = acc.valueFen;
        acc.row.avgStockFen = roundedDiv(acc.held, length);
        if (acc.row.issuedMilli != 0 || acc.row.cogsFen != 0 || acc.row.avgStockFen != 0) {
            static_cast<PartLabel&>(acc.row) = labelOf(labels, partId);
            acc.row.partId = partId;
            acc.row.turnoverCenti = turnoverOf(acc.row.cogsFen, acc.row.avgStockFen);
            acc.row.daysOfStock = daysOf(acc.row.cogsFen, acc.row.avgStockFen, period);
            out.parts.push_back(std::move(acc.row));
        }
        acc = {};
    };
    FC_TRY(replay(
        db,
        [&](const Move& m, const AverageCost&, const AverageCost& after) {
            if (m.at >= period.fromMs && !acc.opened) {
                acc.row.openingFen = acc.valueFen;  // what was held when the period began
                acc.opened = true;
            }
            holdUntil(m.at);
            if (m.at >= period.toMs) return;  // after the period: its end value is set already
            acc.valueFen = after.valueFen();
            if (m.at >= period.fromMs) {
                acc.row.issuedMilli += m.demandMilli;
                acc.row.cogsFen += m.cogsFen;
            }
        },
        finish));

    std::sort(out.parts.begin(), out.parts.end(), [](const PartTurnover& a, const PartTurnover& b) {
        if (a.cogsFen != b.cogsFen) return a.cogsFen > b.cogsFen;
        if (a.avgStockFen != b.avgStockFen) return a.avgStockFen > b.avgStockFen;
        return a.sku < b.sku;
    });
    std::map<std::string, CategoryTurnover> byCategory;
    for (const PartTurnover& p : out.parts) {
        CategoryTurnover& c = byCategory[p.category];
        c.category = p.category;
        for (CategoryTurnover* t : {&c, &out.total}) {
            ++t->parts;
            t->cogsFen += p.cogsFen;
            t->avgStockFen += p.avgStockFen;
        }
    }
    for (auto& [_, c] : byCategory) out.categories.push_back(c);
    out.categories.push_back(out.total);
    for (CategoryTurnover& c : out.categories) {
        c.turnoverCenti = turnoverOf(c.cogsFen, c.avgStockFen);
        c.daysOfStock = daysOf(c.cogsFen, c.avgStockFen, period);
    }
    out.total = out.categories.back();
    out.categories.pop_back();
    std::sort(out.categories.begin(), out.categories.end(),
              [](const CategoryTurnover& a, const CategoryTurnover& b) {
                  if (a.cogsFen != b.cogsFen) return a.cogsFen > b.cogsFen;
                  if (a.avgStockFen != b.avgStockFen) return a.avgStockFen > b.avgStockFen;
                  return a.category < b.category;
              });
    return out;
}

// [SECTION] slow movers

Result<SlowMoverReport> StockAnalysis::slowMovers(int days, int64_t nowMs) {
    if (days < 1) return invalid("days: at least 1");
    SlowMoverReport out;
    out.days = days;
    out.nowMs = nowMs;
    const int64_t before = nowMs - static_cast<int64_t>(days) * StoreTime::kDayMs;
    FC_ASSIGN(
        Stmt * s,
        m_store.db().cached(
            "SELECT p.id, p.sku, p.name_zh, p.name_en, p.category, p.unit, ps.qty_milli, "
            "ps.value_fen, "
            "ps.last_issue_at, (SELECT min(m.at) FROM stock_movements m WHERE m.part_id = p.id "
            "AND m.qty_milli > 0) FROM local_part_stock ps JOIN parts p ON p.id = ps.part_id "
            "WHERE p.deleted_at IS NULL AND p.active = 1 AND ps.qty_milli > 0"));
    FC_TRY(s->each([&](Stmt& r) {
        SlowMover m;
        static_cast<PartLabel&>(m) = {r.getText(0), r.getText(1), r.getText(2),
                                      r.getText(3), r.getText(4), r.getText(5)};
        m.onHandMilli = r.getInt(6);
        m.valueFen = r.getInt(7);
        m.lastIssueAt = r.getInt(8);
        m.idleSince = m.lastIssueAt > 0 ? m.lastIssueAt : r.isNull(9) ? 0 : r.getInt(9);
        if (m.idleSince > before) return;
        m.idleDays = (nowMs - m.idleSince) / StoreTime::kDayMs;
        out.valueFen += m.valueFen;
        out.parts.push_back(std::move(m));
    }));
    std::sort(out.parts.begin(), out.parts.end(), [](const SlowMover& a, const SlowMover& b) {
        if (a.valueFen != b.valueFen) return a.valueFen > b.valueFen;
        if (a.idleSince != b.idleSince) return a.idleSince < b.idleSince;
        return a.sku < b.sku;
    });
    return out;
}

// [SECTION] value by category

Result<StockValueReport> StockAnalysis::valueByCategory() {
    StockValueReport out;
    FC_ASSIGN(
        Stmt * s,
        m_store.db().cached(
            "SELECT p.category, count(*), sum(ps.value_fen) FROM local_part_stock ps JOIN parts p "
            "ON p.id = ps.part_id WHERE p.deleted_at IS NULL AND ps.qty_milli > 0 GROUP BY "
            "p.category"));
    FC_TRY(s->each([&](Stmt& r) {
        CategoryValue c{r.getText(0), r.getInt(1), r.getInt(2), 0};
        out.parts += c.parts;
        out.valueFen += c.valueFen;
        out.categories.push_back(std::move(c));
    }));
    for (CategoryValue& c : out.categories)
        c.shareBp =
            out.valueFen > 0 ? roundedDiv(static_cast<i128>(c.valueFen) * 10'000, out.valueFen) : 0;
    std::sort(out.categories.begin(), out.categories.end(),
              [](const CategoryValue& a, const CategoryValue& b) {
                  if (a.valueFen != b.valueFen) return a.valueFen > b.valueFen;
                  return a.category < b.category;
              });
    return out;
}

// [SECTION] monthly demand

Result<MonthlyDemandReport> StockAnalysis::monthlyDemand(int64_t nowMs, int months) {
    if (months < 1 || months > 120) return invalid("months: 1 to 120");
    MonthlyDemandReport out;
    int month = m_time.dayNumber(nowMs) / 100;
    for (int i = 1; i < months; ++i) month = StoreTime::previousMonth(month);
    for (int i = 0; i < months; ++i, month = StoreTime::nextMonth(month))
        out.months.push_back(
            {month, m_time.monthStart(month), m_time.monthStart(StoreTime::nextMonth(month))});
    const int64_t from = out.months.front().fromMs, to = out.months.back().toMs;
    FC_ASSIGN(auto labels, partLabels(m_store.db()));
    std::map<std::string, int64_t> categoryCogs;
    FC_TRY(replay(m_store.db(), [&](const Move& m, const AverageCost&, const AverageCost&) {
        if (m.demandMilli == 0 || m.at < from || m.at >= to) return;
        auto it = std::upper_bound(out.months.begin(), out.months.end(), m.at,
                                   [](int64_t at, const MonthDemand& d) { return at < d.fromMs; });
        MonthDemand& d = *(it - 1);
        const std::string& category = labelOf(labels, m.partId).category;
        CategoryDemand& c = d.byCategory[category];
        c.issuedMilli += m.demandMilli;
        c.cogsFen += m.cogsFen;
        d.cogsFen += m.cogsFen;
        out.cogsFen += m.cogsFen;
        categoryCogs[category] += m.cogsFen;
    }));
    for (const auto& [c, _] : categoryCogs) out.categories.push_back(c);
    std::stable_sort(out.categories.begin(), out.categories.end(),
                     [&](const std::string& a, const std::string& b) {
                         return categoryCogs[a] > categoryCogs[b];
                     });
    return out;
}

// [SECTION] parts per make and model

Result<ModelPartsReport> StockAnalysis::partsByModel(const AnalysisPeriod& period, size_t top) {
    if (period.toMs <= period.fromMs) return invalid("period: it ends before it starts");
    Db& db = m_store.db();
    FC_ASSIGN(auto labels, partLabels(db));
    // Each order's make and model.
    std::map<std::string, std::pair<std::string, std::string>> orderModel;
    FC_ASSIGN(
        Stmt * o,
        db.cached("SELECT w.id, coalesce(v.make, ''), coalesce(v.model, '') FROM work_orders w "
                  "LEFT JOIN vehicles v ON v.id = w.vehicle_id"));
    FC_TRY(o->each([&](Stmt& r) {
        orderModel.emplace(r.getText(0), std::make_pair(r.getText(1), r.getText(2)));
    }));

    struct PartAcc {
        int64_t issued = 0, cogs = 0;
        std::map<std::string, int64_t> perOrder;  // net quantity per work order
    };
    std::map<std::pair<std::string, std::string>, std::map<std::string, PartAcc>>
        acc;  // model → part → …
    std::map<std::string, int64_t> onHand;
    FC_TRY(replay(
        db,
        [&](const Move& m, const AverageCost&, const AverageCost&) {
            if (m.demandMilli == 0 || !m.workOrderId || m.at < period.fromMs || m.at >= period.toMs)
                return;
            auto it = orderModel.find(*m.workOrderId);
            if (it == orderModel.end()) return;
            PartAcc& p = acc[it->second][m.partId];
            p.issued += m.demandMilli;
            p.cogs += m.cogsFen;
            p.perOrder[*m.workOrderId] += m.demandMilli;
        },
        [&](const std::string& partId, const AverageCost& cost) {
            onHand[partId] = cost.qtyMilli;
        }));

    ModelPartsReport out;
    out.period = period;
    for (auto& [model, parts] : acc) {
        ModelParts mp{model.first, model.second};
        std::set<std::string> orders;
        for (auto& [partId, p] : parts) {
            ModelPart row;
            static_cast<PartLabel&>(row) = labelOf(labels, partId);
            row.partId = partId;
            row.issuedMilli = p.issued;
            row.cogsFen = p.cogs;
            for (const auto& [order, q] : p.perOrder)
                if (q > 0) {
                    ++row.orders;
                    orders.insert(order);
                }
            row.onHandMilli = onHand[partId];
            mp.cogsFen += p.cogs;
            if (row.issuedMilli > 0) mp.parts.push_back(std::move(row));
        }
        mp.orders = static_cast<int64_t>(orders.size());
        if (mp.parts.empty()) continue;
        std::sort(mp.parts.begin(), mp.parts.end(), [](const ModelPart& a, const ModelPart& b) {
            if (a.issuedMilli != b.issuedMilli) return a.issuedMilli > b.issuedMilli;
            if (a.orders != b.orders) return a.orders > b.orders;
            return a.sku < b.sku;
        });
        if (mp.parts.size() > top) mp.parts.resize(top);
        out.models.push_back(std::move(mp));
    }
    std::sort(out.models.begin(), out.models.end(), [](const ModelParts& a, const ModelParts& b) {
        if (a.orders != b.orders) return a.orders > b.orders;
        if (a.cogsFen != b.cogsFen) return a.cogsFen > b.cogsFen;
        return std::tie(a.make, a.model) < std::tie(b.make, b.model);
    });
    return out;
}

// [SECTION] tables

namespace {

ReportCell partName(const PartLabel& p) {
    return ReportCell::plain(p.nameZh, p.nameEn);
}

ReportCell optionalRatio(const std::optional<int64_t>& v) {
    return v ? ReportCell::ratio(*v) : ReportCell::none(CellFormat::kRatio);
}

ReportCell optionalCount(const std::optional<int64_t>& v) {
    return v ? ReportCell::count(*v) : ReportCell::none(CellFormat::kCount);
}

const char* const kTotalKey = "office.analysis.total";

}  // namespace

std::vector<ReportTable> reportTables(const TurnoverReport& r, const StoreTime& time) {
    const std::string period = periodText(time, r.period);
    ReportTable parts{.title = "office.analysis.turnover.by_part",
                      .subtitle = period,
                      .columns = {{"office.analysis.col.sku", CellFormat::kText, 1.5f},
                                  {"office.analysis.col.name", CellFormat::kText, 2.4f},
                                  {"office.analysis.col.category", CellFormat::kKey, 0.8f},
                                  {"office.analysis.col.issued", CellFormat::kQuantity, 0.8f},
                                  {"office.analysis.col.cogs", CellFormat::kFen, 1.1f},
                                  {"office.analysis.col.avg_stock", CellFormat::kFen, 1.1f},
                                  {"office.analysis.col.turnover", CellFormat::kRatio, 0.8f},
                                  {"office.analysis.col.days", CellFormat::kCount, 0.8f}}};
    for (const PartTurnover& p : r.parts)
        parts.rows.push_back({ReportCell::plain(p.sku), partName(p),
                              ReportCell::key(categoryKey(p.category)),
                              ReportCell::quantity(p.issuedMilli), ReportCell::fen(p.cogsFen),
                              ReportCell::fen(p.avgStockFen), optionalRatio(p.turnoverCenti),
                              optionalCount(p.daysOfStock)});
    ReportTable cats{.title = "office.analysis.turnover.by_category",
                     .subtitle = period,
                     .columns = {{"office.analysis.col.category", CellFormat::kKey, 1.2f},
                                 {"office.analysis.col.parts", CellFormat::kCount, 0.8f},
                                 {"office.analysis.col.cogs", CellFormat::kFen, 1.2f},
                                 {"office.analysis.col.avg_stock", CellFormat::kFen, 1.2f},
                                 {"office.analysis.col.turnover", CellFormat::kRatio, 0.8f},
                                 {"office.analysis.col.days", CellFormat::kCount, 0.8f}}};
    auto catRow = [](const CategoryTurnover& c, ReportCell name) {
        return std::vector<ReportCell>{std::move(name),
                                       ReportCell::count(c.parts),
                                       ReportCell::fen(c.cogsFen),
                                       ReportCell::fen(c.avgStockFen),
                                       optionalRatio(c.turnoverCenti),
                                       optionalCount(c.daysOfStock)};
    };
    for (const CategoryTurnover& c : r.categories)
        cats.rows.push_back(catRow(c, ReportCell::key(categoryKey(c.category))));
    cats.rows.push_back(catRow(r.total, ReportCell::key(kTotalKey)));
    cats.totalRows = 1;
    return {std::move(parts), std::move(cats)};
}

std::vector<ReportTable> reportTables(const SlowMoverReport& r, const StoreTime& time) {
    ReportTable t{.title = "office.analysis.slow.title",
                  .subtitle = dateText(time.dayNumber(r.nowMs)),
                  .columns = {{"office.analysis.col.sku", CellFormat::kText, 1.5f},
                              {"office.analysis.col.name", CellFormat::kText, 2.4f},
                              {"office.analysis.col.category", CellFormat::kKey, 0.8f},
                              {"office.analysis.col.on_hand", CellFormat::kQuantity, 0.8f},
                              {"office.analysis.col.value", CellFormat::kFen, 1.1f},
                              {"office.analysis.col.last_issue", CellFormat::kText, 1.0f},
                              {"office.analysis.col.idle_days", CellFormat::kCount, 0.8f}}};
    for (const SlowMover& p : r.parts)
        t.rows.push_back(
            {ReportCell::plain(p.sku), partName(p), ReportCell::key(categoryKey(p.category)),
             ReportCell::quantity(p.onHandMilli), ReportCell::fen(p.valueFen),
             p.lastIssueAt > 0 ? ReportCell::plain(dateText(time.dayNumber(p.lastIssueAt)))
                               : ReportCell::key("office.analysis.never"),
             ReportCell::count(p.idleDays)});
    t.rows.push_back({ReportCell::key(kTotalKey), ReportCell::plain(""), ReportCell::plain(""),
                      ReportCell::none(CellFormat::kQuantity), ReportCell::fen(r.valueFen),
                      ReportCell::plain(""), ReportCell::none(CellFormat::kCount)});
    t.totalRows = 1;
    return {std::move(t)};
}

std::vector<ReportTable> reportTables(const StockValueReport& r) {
    ReportTable t{.title = "office.analysis.value.title",
                  .columns = {{"office.analysis.col.category", CellFormat::kKey, 1.2f},
                              {"office.analysis.col.parts", CellFormat::kCount, 0.8f},
                              {"office.analysis.col.value", CellFormat::kFen, 1.2f},
                              {"office.analysis.col.share", CellFormat::kPercent, 0.8f}}};
    for (const CategoryValue& c : r.categories)
        t.rows.push_back({ReportCell::key(categoryKey(c.category)), ReportCell::count(c.parts),
                          ReportCell::fen(c.valueFen), ReportCell::percent(c.shareBp)});
    t.rows.push_back({ReportCell::key(kTotalKey), ReportCell::count(r.parts),
                      ReportCell::fen(r.valueFen),
                      ReportCell::percent(r.valueFen > 0 ? 10'000 : 0)});
    t.totalRows = 1;
    return {std::move(t)};
}

std::vector<ReportTable> reportTables(const MonthlyDemandReport& r) {
    ReportTable t{.title = "office.analysis.monthly.title",
                  .columns = {{"office.analysis.col.month", CellFormat::kText, 0.9f},
                              {"office.analysis.col.total_cogs", CellFormat::kFen, 1.2f}}};
    if (!r.months.empty())
        t.subtitle = monthText(r.months.front().month) + " – " + monthText(r.months.back().month);
    for (const std::string& c : r.categories)
        t.columns.push_back({categoryKey(c), CellFormat::kFen, 1.0f});
    for (const MonthDemand& m : r.months) {
        std::vector<ReportCell> row{ReportCell::plain(monthText(m.month)),
                                    ReportCell::fen(m.cogsFen)};
        for (const std::string& c : r.categories) {
            auto it = m.byCategory.find(c);
            row.push_back(ReportCell::fen(it == m.byCategory.end() ? 0 : it->second.cogsFen));
        }
        t.rows.push_back(std::move(row));
    }
    std::vector<ReportCell> total{ReportCell::key(kTotalKey), ReportCell::fen(r.cogsFen)};
    for (const std::string& c : r.categories) {
        int64_t sum = 0;
        for (const MonthDemand& m : r.months)
            if (auto it = m.byCategory.find(c); it != m.byCategory.end()) sum += it->second.cogsFen;
        total.push_back(ReportCell::fen(sum));
    }
    t.rows.push_back(std::move(total));
    t.totalRows = 1;
    return {std::move(t)};
}

std::vector<ReportTable> reportTables(const ModelPartsReport& r, const StoreTime& time) {
    ReportTable t{.title = "office.analysis.models.title",
                  .subtitle = periodText(time, r.period),
                  .columns = {{"office.analysis.col.model", CellFormat::kText, 1.1f},
                              {"office.analysis.col.model_orders", CellFormat::kCount, 0.75f},
                              {"office.analysis.col.rank", CellFormat::kCount, 0.45f},
                              {"office.analysis.col.sku", CellFormat::kText, 1.6f},
                              {"office.analysis.col.name", CellFormat::kText, 2.4f},
                              {"office.analysis.col.issued", CellFormat::kQuantity, 0.7f},
                              {"office.analysis.col.orders", CellFormat::kCount, 0.6f},
                              {"office.analysis.col.cogs", CellFormat::kFen, 0.9f},
                              {"office.analysis.col.on_hand", CellFormat::kQuantity, 0.7f}}};
    for (const ModelParts& m : r.models) {
        std::string name = m.make;
        if (!m.model.empty()) name += (name.empty() ? "" : " ") + m.model;
        const ReportCell model = name.empty() ? ReportCell::key("office.analysis.model_unknown")
                                              : ReportCell::plain(name);
        for (size_t i = 0; i < m.parts.size(); ++i) {
            const ModelPart& p = m.parts[i];
            t.rows.push_back({model, ReportCell::count(m.orders),
                              ReportCell::count(static_cast<int64_t>(i + 1)),
                              ReportCell::plain(p.sku), partName(p),
                              ReportCell::quantity(p.issuedMilli), ReportCell::count(p.orders),
                              ReportCell::fen(p.cogsFen), ReportCell::quantity(p.onHandMilli)});
        }
    }
    return {std::move(t)};
}

}  // namespace fc::core
