// A report as a plain table — a title, column headers and rows of cells, each cell text or a
// number with what kind of number it is (a quantity in thousandths, money in fen, a percentage in
// basis points, a ratio in hundredths, a count) — so every report is shown, exported to Excel
// (platform/export) and printed as PDF (platform/print) by the same code, and the numbers stay
// numbers in the spreadsheet. Integers only: the export turns them into 12.5 (quantity), ¥18.00
// (fen), 25.0% (percent) when it writes them.
//
// The read models fill in i18n keys (title, headers, kKey cells such as a part category); the app
// turns them into words with localize() before it draws or exports the table.
//
//   ReportTable t{.title = "office.analysis.value.title", .columns =
//   {{"office.analysis.col.category"},
//                 {"office.analysis.col.value", CellFormat::kFen}}};
//   t.rows.push_back({ReportCell::key("warehouse.unknown.category.filter"),
//   ReportCell::fen(123450)}); cellText(t.rows[0][1]);   // "¥1,234.50"
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fc::core {

enum class CellFormat {
    kText,      // text as it is
    kKey,       // an i18n key (localize() turns it into words)
    kCount,     // a whole number: 12
    kQuantity,  // thousandths of a part's unit: 4500 → 4.5
    kFen,       // money in fen: 12345 → ¥123.45
    kPercent,   // basis points: 2500 → 25.0%
    kRatio,     // hundredths: 235 → 2.35 (a turnover)
};

struct ReportCell {
    CellFormat format = CellFormat::kText;
    std::string text;    // kText, kKey
    std::string textEn;  // kText: the English form when there is one (a part's English name)
    int64_t value = 0;   // the numbers
    bool blank =
        false;  // a number that has no value here (a turnover with no stock held): shown empty

    static ReportCell plain(std::string s, std::string en = {}) {
        return {CellFormat::kText, std::move(s), std::move(en)};
    }
    static ReportCell key(std::string k) { return {CellFormat::kKey, std::move(k)}; }
    static ReportCell count(int64_t n) { return {CellFormat::kCount, {}, {}, n}; }
    static ReportCell quantity(int64_t milli) { return {CellFormat::kQuantity, {}, {}, milli}; }
    static ReportCell fen(int64_t f) { return {CellFormat::kFen, {}, {}, f}; }
    static ReportCell percent(int64_t bp) { return {CellFormat::kPercent, {}, {}, bp}; }
    static ReportCell ratio(int64_t centi) { return {CellFormat::kRatio, {}, {}, centi}; }
    static ReportCell none(CellFormat f) { return {f, {}, {}, 0, true}; }

    bool isNumber() const { return format != CellFormat::kText && format != CellFormat::kKey; }
    bool operator==(const ReportCell&) const = default;
};

struct ReportColumn {
    std::string header;                     // an i18n key until localized
    CellFormat format = CellFormat::kText;  // what its cells hold (numbers align right)
    float weight = 1.0f;                    // share of the width on screen and on paper
};

struct ReportTable {
    std::string title;     // an i18n key until localized
    std::string subtitle;  // the period, "2026-02-01 – 2026-04-30" (plain text)
    std::vector<ReportColumn> columns;
    std::vector<std::vector<ReportCell>> rows;
    // Rows at the end that sum the others (合计): bold on paper.
    size_t totalRows = 0;
};

// "¥1,234.50", "4.5", "25.0%", "2.35", "12"; a kText / kKey cell's text; "" for a blank cell.
std::string cellText(const ReportCell& cell);

// The table with its title, headers and kKey cells put through `tr` (an unknown key stays as it
// is), and kText cells in English when `english` and they have an English form.
ReportTable localize(const ReportTable& table,
                     const std::function<std::string(const std::string&)>& tr,
                     bool english = false);

}  // namespace fc::core
