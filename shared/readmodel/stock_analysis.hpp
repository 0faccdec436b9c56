// Stock analysis for the office (库存分析): turnover per part and per category over a period, slow
// movers (parts in stock with no issue for N days), stock value by category, monthly demand (the
// last 12 months, per category and in total) and the parts used most on work orders for each make
// and model of car ("what to stock for the cars we see"). Each returns its rows and, through
// reportTables(), the same as report tables (report_table.hpp) for the screen, Excel and PDF.
//
//   auto& analysis = services.get<StockAnalysis>();
//   const AnalysisPeriod p = lastDays(services.get<StoreTime>(), nowMs, 90);
//   FC_ASSIGN(TurnoverReport t, analysis.turnover(p));          // t.parts, t.categories, t.total
//   FC_ASSIGN(SlowMoverReport s, analysis.slowMovers(90, nowMs));
//   std::vector<ReportTable> sheets = reportTables(t, time);       // by part, by category
//
// [SECTION] how the figures are computed
// - Demand (出库) is what left the shelves to be used: issue movements (to a work order or for a
//   reason) less returns, less undone issues (the undo of an issue counts back, the undo of a
//   return counts out). Receipts, transfers, adjustments and count postings are not demand.
// - Cost of goods issued (出库成本): each demand movement at the part's moving average cost at
//   that moment, quantity × average ÷ 1000 rounded to the fen, summed.
// - Average stock value (平均库存金额): time-weighted — the part's value (quantity × moving
//   average, as the books compute it) held over each stretch of the period between its movements,
//   summed and divided by the period's length. A part held at ¥100 for half the period and ¥0 the
//   other half averages ¥50.
// - Turnover (周转率, times in the period) = cost of goods issued ÷ average stock value, in
//   hundredths; none when no stock was held. Days of stock (周转天数) = the period's days ÷
//   turnover. A category's turnover is its parts' summed cost over their summed average value.
// - Each part's movements are replayed in the order they happened (`at`, then sync order). The
//   books' moving average (stock_index.hpp) follows sync order; the two agree unless devices'
//   clocks disagreed, and then only in the last fen of an average.
// Everything is read from the facts each time (one pass over the movements: fine for the office,
// tens of milliseconds for the demo store's 10,000 movements).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/readmodel/report_table.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::core {

// [from, to) in UTC ms.
struct AnalysisPeriod {
    int64_t fromMs = 0;
    int64_t toMs = 0;
};

// The last `days` local days up to now: from the local midnight `days - 1` days before today's.
AnalysisPeriod lastDays(const StoreTime& time, int64_t nowMs, int days);

// What a part is, for the rows.
struct PartLabel {
    std::string partId;
    std::string sku;
    std::string nameZh;
    std::string nameEn;
    std::string category;
    std::string unit;
};

// [SECTION] turnover
struct PartTurnover : PartLabel {
    int64_t issuedMilli = 0;               // demand in the period
    int64_t cogsFen = 0;                   // cost of goods issued
    int64_t avgStockFen = 0;               // time-weighted average stock value
    int64_t openingFen = 0;                // value at the start of the period
    int64_t closingFen = 0;                // value at its end
    std::optional<int64_t> turnoverCenti;  // cogs ÷ average, hundredths; none without stock held
    std::optional<int64_t> daysOfStock;    // period days ÷ turnover, rounded; none without demand
};

struct CategoryTurnover {
    std::string category;  // "" for the total
    int64_t parts = 0;     // parts with demand or stock in the period
    int64_t cogsFen = 0;
    int64_t avgStockFen = 0;
    std::optional<int64_t> turnoverCenti;
    std::optional<int64_t> daysOfStock;
};

struct TurnoverReport {
    AnalysisPeriod period;
    std::vector<PartTurnover> parts;           // the most cost of goods issued first
    std::vector<CategoryTurnover> categories;  // the same order
    CategoryTurnover total;
};

// [SECTION] slow movers
struct SlowMover : PartLabel {
    int64_t onHandMilli = 0;
    int64_t valueFen = 0;
    int64_t lastIssueAt = 0;  // 0: never issued
    int64_t idleSince = 0;    // the last issue, or when it first came in if never issued
    int64_t idleDays = 0;     // whole days since then
};

struct SlowMoverReport {
    int days = 0;
    int64_t nowMs = 0;
    std::vector<SlowMover> parts;  // the most value first
    int64_t valueFen = 0;          // their value together
};

// [SECTION] stock value by category
struct CategoryValue {
    std::string category;
    int64_t parts = 0;  // parts in stock
    int64_t valueFen = 0;
    int64_t shareBp = 0;  // of the whole stock's value, basis points
};

struct StockValueReport {
    std::vector<CategoryValue> categories;  // the most value first
    int64_t parts = 0;
    int64_t valueFen = 0;
};

// [SECTION] monthly demand
struct CategoryDemand {
    int64_t issuedMilli = 0;
    int64_t cogsFen = 0;
};

struct MonthDemand {
    int month = 0;  // yyyymm, local
    int64_t fromMs = 0;
    int64_t toMs = 0;
    int64_t cogsFen = 0;  // every category
    std::map<std::string, CategoryDemand> byCategory;
};

struct MonthlyDemandReport {
    std::vector<MonthDemand> months;      // oldest first, the current month last
    std::vector<std::string> categories;  // with any demand, the most over the months first
    int64_t cogsFen = 0;                  // all months
};

// [SECTION] parts used per make and model
struct ModelPart : PartLabel {
    int64_t issuedMilli = 0;
    int64_t cogsFen = 0;
    int64_t orders = 0;  // work orders it went to
    int64_t onHandMilli = 0;
};

struct ModelParts {
    std::string make;
    std::string model;
    int64_t orders = 0;  // work orders of this model that took parts
    int64_t cogsFen = 0;
    std::vector<ModelPart> parts;  // the most issued first, at most `top`
};

struct ModelPartsReport {
    AnalysisPeriod period;
    std::vector<ModelParts> models;  // the most work orders first
};

class StockAnalysis {
public:
    StockAnalysis(Store& store, const StoreTime& time) : m_store(store), m_time(time) {}

    Result<TurnoverReport> turnover(const AnalysisPeriod& period);
    // Parts in stock whose last issue (or, never issued, their first receipt) is `days` or more
    // days before `nowMs`.
    Result<SlowMoverReport> slowMovers(int days, int64_t nowMs);
    Result<StockValueReport> valueByCategory();
    // The `months` local calendar months up to and including the one holding `nowMs`.
    Result<MonthlyDemandReport> monthlyDemand(int64_t nowMs, int months = 12);
    // The `top` parts issued most (net) to work orders of each make and model in the period.
    Result<ModelPartsReport> partsByModel(const AnalysisPeriod& period, size_t top = 10);

    const StoreTime& time() const { return m_time; }

private:
    Store& m_store;
    const StoreTime& m_time;
};

// [SECTION] as report tables (titles, headers and categories are i18n keys: office.analysis.*,
// warehouse.unknown.category.*)
std::vector<ReportTable> reportTables(const TurnoverReport& r,
                                      const StoreTime& time);  // by part, by category
std::vector<ReportTable> reportTables(const SlowMoverReport& r, const StoreTime& time);
std::vector<ReportTable> reportTables(const StockValueReport& r);
std::vector<ReportTable> reportTables(const MonthlyDemandReport& r);
std::vector<ReportTable> reportTables(const ModelPartsReport& r, const StoreTime& time);

// "2026-05" for 202605.
std::string monthText(int yyyymm);
// The i18n key of a part category ("warehouse.unknown.category.filter").
std::string categoryKey(const std::string& category);

}  // namespace fc::core
