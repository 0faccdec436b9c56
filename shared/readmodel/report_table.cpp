#include "shared/readmodel/report_table.hpp"

#include <cstdlib>

#include "shared/core/money.hpp"
#include "shared/stock/stock_service.hpp"

namespace fc::core {

namespace {

// `v` hundredths or tenths as "2.35" / "25.0": whole part, then `digits` decimals.
std::string fixed(int64_t v, int digits) {
    const int64_t scale = digits == 1 ? 10 : 100;
    const bool negative = v < 0;
    const int64_t a = negative ? -v : v;
    std::string frac = std::to_string(scale + a % scale).substr(1);
    return (negative ? "-" : "") + std::to_string(a / scale) + "." + frac;
}

}  // namespace

std::string cellText(const ReportCell& cell) {
    if (cell.blank) return "";
    switch (cell.format) {
        case CellFormat::kText:
        case CellFormat::kKey:
            return cell.text;
        case CellFormat::kCount:
            return std::to_string(cell.value);
        case CellFormat::kQuantity:
            return quantityText(cell.value);
        case CellFormat::kFen:
            return Money::fen(cell.value).format();
        case CellFormat::kPercent: {
            // Basis points to tenths of a percent, rounded half away from zero.
            const int64_t tenths = (cell.value >= 0 ? cell.value + 5 : cell.value - 5) / 10;
            return fixed(tenths, 1) + "%";
        }
        case CellFormat::kRatio:
            return fixed(cell.value, 2);
    }
    return "";
}

ReportTable localize(const ReportTable& table,
                     const std::function<std::string(const std::string&)>& tr, bool english) {
    ReportTable out = table;
    out.title = tr(table.title);
    for (ReportColumn& c : out.columns) c.header = tr(c.header);
    for (auto& row : out.rows)
        for (ReportCell& cell : row) {
            if (cell.format == CellFormat::kKey) {
                cell.text = tr(cell.text);
                cell.format = CellFormat::kText;
            } else if (cell.format == CellFormat::kText && english && !cell.textEn.empty()) {
                cell.text = cell.textEn;
            }
            cell.textEn.clear();
        }
    return out;
}

}  // namespace fc::core
