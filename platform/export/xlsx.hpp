// Report tables as an Excel workbook (.xlsx, through libxlsxwriter): one sheet per table, named by
// its title; the title and period in the first row, the column headers bold in the third (frozen
// above the scrolling rows), then the rows — numbers as numbers with their format (money
// ¥#,##0.00 in yuan, quantities as plain numbers in the part's unit, percentages 0.0%, ratios
// 0.00), text as text, the total rows bold. Give it tables already in words (core::localize).
//
//   std::vector<ReportTable> sheets = …;                          // localized
//   FC_TRY(platform::writeXlsx(sheets, "/home/a/库存周转.xlsx"));
//
// Written whole or not at all (a temporary file beside the target, then renamed); errors name the
// file and why ("cannot write '/x/a.xlsx': No such file or directory").
#pragma once

#include <string>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/readmodel/report_table.hpp"

namespace fc::platform {

core::Status writeXlsx(const std::vector<core::ReportTable>& tables, const std::string& path);

// The sheet name Excel allows for `title`: at most 31 characters, none of []:*?/\, no quote at
// either end; "Sheet" when nothing is left.
std::string xlsxSheetName(const std::string& title);

}  // namespace fc::platform
