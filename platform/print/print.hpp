// Printing: the store's documents as PDF files — the work-order sheet (A4), the key tag (a 60 × 40
// mm label), the invoice / receipt (A4) and sheets of part and bin labels — from the plain values of
// shared/readmodel/print_documents.hpp. Text through pango in Noto Sans CJK SC (every Chinese
// character the data holds), barcodes Code 128 from ZXing's writer drawn as vector bars, so they
// stay crisp at any zoom and scan back (`forecourtctl scan`). Labels in Chinese (zh-CN) or English.
//
//   PrintDocuments docs(services.services());
//   FC_ASSIGN(WorkOrderSheetDoc sheet, docs.workOrderSheet(orderId));
//   FC_TRY(renderWorkOrderSheet(sheet, "/tmp/WO1-0042.pdf"));          // zh-CN
//   FC_ASSIGN(std::string pdf, workOrderSheetPdf(sheet, PrintLang::kEn));  // bytes, for a printer
//
// Files are written whole or not at all (a temporary file beside the target, then renamed); the
// errors name the file and why ("cannot write '/x/a.pdf': No such file or directory").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/core/result.hpp"
#include "shared/readmodel/print_documents.hpp"

namespace fc::platform {

enum class PrintLang { kZhCn, kEn };
// "zh-CN" (also "zh", "zh_CN"), "en"; empty optional for anything else.
std::optional<PrintLang> parsePrintLang(std::string_view key);

// [SECTION] PDF bytes
core::Result<std::string> workOrderSheetPdf(const core::WorkOrderSheetDoc& doc,
                                            PrintLang lang = PrintLang::kZhCn);
core::Result<std::string> keyTagPdf(const core::KeyTagDoc& doc, PrintLang lang = PrintLang::kZhCn);
core::Result<std::string> invoicePdf(const core::InvoiceDoc& doc,
                                     PrintLang lang = PrintLang::kZhCn);

// [SECTION] PDF files
core::Status renderWorkOrderSheet(const core::WorkOrderSheetDoc& doc, const std::string& pdfPath,
                                  PrintLang lang = PrintLang::kZhCn);
core::Status renderKeyTag(const core::KeyTagDoc& doc, const std::string& pdfPath,
                          PrintLang lang = PrintLang::kZhCn);
core::Status renderInvoice(const core::InvoiceDoc& doc, const std::string& pdfPath,
                           PrintLang lang = PrintLang::kZhCn);

// [SECTION] part and bin labels (labels.cpp)
//
//   FC_ASSIGN(LabelDoc l, LabelDocuments(parts).partLabel(id, LabelSymbology::kQr, 3));
//   FC_TRY(renderLabelSheet({.labels = {l}}, LabelSheet::kA4_3x8, "/tmp/labels.pdf"));
//
// Each label is printed `copies` times, in order, row by row; its text is ellipsised to its cell.
// A sheet with no labels is kInvalid "labels: none to print" (and no file is written).

// A 50 × 30 mm roll (a page per label) or an A4 sheet of 3 × 8 labels of 70 × 37.1 mm.
enum class LabelSheet { kRoll50x30, kA4_3x8 };
// "roll50x30" (also "50x30"), "a4-3x8" (also "a4_3x8", "a4"); empty optional for anything else.
std::optional<LabelSheet> parseLabelSheet(std::string_view key);
// "roll50x30", "a4-3x8".
const char* labelSheetKey(LabelSheet sheet);

// Where the labels sit on a page, in millimetres: cell (c, r) of a page is at
// (left + c × cellW, top + r × cellH).
struct LabelSheetLayout {
    double pageW = 0, pageH = 0;
    int columns = 1, rows = 1;
    double cellW = 0, cellH = 0;
    double left = 0, top = 0;
    int perPage() const { return columns * rows; }
};
LabelSheetLayout labelSheetLayout(LabelSheet sheet);

// At most this many labels (copies counted) in one PDF.
inline constexpr int64_t kMaxLabelsPerSheet = 10'000;

core::Result<std::string> labelSheetPdf(const core::LabelSheetDoc& doc, LabelSheet sheet,
                                        PrintLang lang = PrintLang::kZhCn);
core::Status renderLabelSheet(const core::LabelSheetDoc& doc, LabelSheet sheet,
                              const std::string& pdfPath, PrintLang lang = PrintLang::kZhCn);

// Writes `bytes` to `path` whole or not at all. kIo naming the file and the reason.
core::Status writeFileWhole(const std::string& path, const std::string& bytes);

// "柒佰伍拾元整" for 75000 fen: the amount in Chinese capital numerals as receipts print it
// (负 in front of a negative amount); "" from 10^14 fen on (no invoice comes near).
std::string chineseCapitalAmount(int64_t fen);

}  // namespace fc::platform

// [SECTION] the stock count's report (count_report.cpp)
//
//   FC_ASSIGN(CountReportDoc doc, CountReportDocuments(services.services()).countReport(id));
//   FC_TRY(renderCountReport(doc, "/tmp/PD-0115-01.pdf"));   // A4, 盘点报告
//
// The document comes from shared/readmodel/count_report.hpp (include it to build one).
namespace fc::core {
struct CountReportDoc;
}  // namespace fc::core

namespace fc::platform {

core::Result<std::string> countReportPdf(const core::CountReportDoc& doc,
                                         PrintLang lang = PrintLang::kZhCn);
core::Status renderCountReport(const core::CountReportDoc& doc, const std::string& pdfPath,
                               PrintLang lang = PrintLang::kZhCn);

}  // namespace fc::platform

// [SECTION] report tables as an A4 report (table_report.cpp)
//
//   FC_TRY(renderTableReport(localizedTables, {.title = "库存分析", .storeName = "南山店",
//                                              .printedAt = "2026-05-12 10:30"}, "/tmp/库存周转.pdf"));
//
// One section per table (title, period, headers repeated on each page, totals bold); landscape
// when a table has more than seven columns. The tables come in words (core::localize; include
// shared/readmodel/report_table.hpp to build them). No tables: kInvalid and no file.
namespace fc::core {
struct ReportTable;
}  // namespace fc::core

namespace fc::platform {

struct TableReportInfo {
    std::string title;
    std::string storeName;
    std::string printedAt;
};

core::Result<std::string> tableReportPdf(const std::vector<core::ReportTable>& tables,
                                         const TableReportInfo& info, PrintLang lang = PrintLang::kZhCn);
core::Status renderTableReport(const std::vector<core::ReportTable>& tables, const TableReportInfo& info,
                               const std::string& pdfPath, PrintLang lang = PrintLang::kZhCn);

}  // namespace fc::platform
