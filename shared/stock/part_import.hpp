// Importing parts from a CSV file as Excel saves it, by the customer import's rules (UTF-8 with or
// without BOM or GBK/GB18030, headers in Chinese or English, every bad row named with line, column
// and reason, all or nothing in one transaction). A row whose SKU is already a part updates it;
// its codes, bins and fitment are added to what the part has (an import never removes anything).
//
//   FC_ASSIGN(PartImportReport r, services.get<PartImport>().importCsv(by, "配件.csv", {}));
//   if (!r.imported) for (auto& e : r.errors) print(formatPartIssue(r.file, e));  // 配件.csv:7: 售价: …
//
// Columns (any order; only 编码/SKU is required; "*" and a remark in brackets are ignored):
//   编码 sku · 名称 name_zh · 英文名称 name_en · 品牌 brand · 类别 category (滤清器 or filter, …)
//   单位 unit (个 升 套 米 / piece litre set metre) · OE号 oe_numbers · 进价 cost · 售价 price
//   (yuan: "45.50" → 4550 fen) · 税率 tax_rate ("13%") · 安全库存 safety · 补货量 reorder
//   (thousandths: "2.5" → 2500; whole numbers for 个 and 套) · 供应商 supplier · 跟踪 tracking
//   (无 序列号 批次 / none serial batch) · 条码 barcodes · 库位 bins · 适用车型 fitment.
// Lists (条码, 库位, OE号, 适用车型) are separated by | ; ， or ；. A code of 12 or 13 digits is a
// GTIN (UPC-A / EAN-13) and must have its check digit right; 8 or 14 digits with a right check
// digit are GTINs too; other codes are supplier codes unless written "label:FC-0042" (the store's
// own label; also "supplier:", "gtin:"). Fitment: "丰田 卡罗拉 2014-2018|本田 思域 2016-|大众".
// For an existing part an empty cell (or a missing column) keeps what the part has.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/customers/customer_import.hpp"  // ImportIssue
#include "shared/io/encoding.hpp"
#include "shared/stock/part_service.hpp"

namespace fc::core {

class Store;
class Session;

struct PartImportReport {
    std::string file;
    TextEncoding encoding = TextEncoding::kUtf8;
    size_t rows = 0;        // data rows read (blank rows skipped)
    // What the rows do (filled by a dry run too: what an import would do).
    size_t created = 0;     // new parts
    size_t updated = 0;     // existing parts (SKU) with something to change or add
    size_t unchanged = 0;   // existing parts the row leaves as they are
    size_t codes = 0;       // codes added
    size_t placements = 0;  // parts placed in a bin they were not in
    size_t fitments = 0;    // fitment entries added
    size_t binsCreated = 0; // bins made (createMissingBins)
    bool imported = false;
    std::vector<ImportIssue> errors;    // any → nothing imported
    std::vector<ImportIssue> warnings;  // imported anyway (ignored columns)
};

struct PartImportOptions {
    bool dryRun = false;             // validate and report only
    bool createMissingBins = false;  // a bin code no bin has yet makes the bin (else an error)
};

class PartImport {
public:
    PartImport(Store& store, PartService& parts) : m_store(store), m_parts(parts) {}

    // As the customer import: the whole file is held in memory to check every row before writing.
    static constexpr uint64_t kMaxFileBytes = 64ull << 20;

    // Checks every row and, when all are good (and not a dry run), writes them in one transaction
    // as `by` (Capability::kManageInventory). File-level problems (unreadable, too large, not
    // CSV, no SKU column, a field named twice) come back as an error; row problems in the report.
    Result<PartImportReport> importCsv(const Session& by, const std::string& path, const PartImportOptions& options);
    Result<PartImportReport> importCsvBytes(const Session& by, std::string_view bytes, const std::string& sourceName,
                                            const PartImportOptions& options);
    // A dry run that needs nobody signed in: what the file would do, every problem named.
    Result<PartImportReport> checkCsv(const std::string& path, const PartImportOptions& options);
    Result<PartImportReport> checkCsvBytes(std::string_view bytes, const std::string& sourceName,
                                           const PartImportOptions& options);

private:
    Result<PartImportReport> run(const Session* by, std::string_view bytes, const std::string& sourceName,
                                 const PartImportOptions& options);
    Result<std::string> readBounded(const std::string& path);

    Store& m_store;
    PartService& m_parts;
};

// "parts.csv:7: 售价: '45.5.0' is not an amount in yuan (45.50)"; "parts.csv: …" for the file.
std::string formatPartIssue(const std::string& file, const ImportIssue& issue);

// The import's Chinese names of a category and a unit, as a person writes them in a file
// ("滤清器" → "filter", "升" → "litre"); the keys themselves are accepted too. Empty: unknown.
std::string partCategoryFromText(std::string_view text);
std::string partUnitFromText(std::string_view text);

}  // namespace fc::core
