// Importing customers (and optionally one vehicle per row) from a CSV file as Excel saves it:
// UTF-8 with or without BOM or GBK/GB18030, headers in Chinese or English. All or nothing: any
// bad row and nothing is imported; the report lists every bad row with line, column and reason.
//
//   FC_ASSIGN(ImportReport report, services.get<CustomerImport>().importCsv("客户.csv", {}));
//   if (!report.imported) for (auto& e : report.errors) print(e.line, e.column, e.reason);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/io/encoding.hpp"

namespace fc::core {

struct ImportIssue {
    size_t line = 0;      // 1-based physical line in the file (0: the file as a whole)
    std::string column;   // header text as written in the file ("" when not about one column)
    std::string reason;
};

struct ImportReport {
    std::string file;
    TextEncoding encoding = TextEncoding::kUtf8;
    size_t rows = 0;       // data rows read (blank rows skipped)
    size_t customers = 0;  // created (0 unless imported)
    size_t vehicles = 0;
    bool imported = false;
    std::vector<ImportIssue> errors;    // any → nothing imported
    std::vector<ImportIssue> warnings;  // imported anyway (ignored columns, confirmed VINs)
};

struct ImportOptions {
    bool acceptVinCheckDigit = false;  // import VINs whose check digit fails (as warnings)
    bool dryRun = false;               // validate and report only
};

class CustomerImport {
public:
    CustomerImport(Store& store, CustomerService& customers) : m_store(store), m_customers(customers) {}

    // The largest file importCsv takes (64 MiB: some 400,000 customers). An import holds the
    // whole file and its rows in memory to check every row before writing any, about 16 times
    // the file's size at its peak; a bigger list is split into several files.
    static constexpr uint64_t kMaxFileBytes = 64ull << 20;

    // File-level problems (unreadable, too large, not text, not CSV, required column missing)
    // come back as an error; row problems come back in the report with imported == false.
    Result<ImportReport> importCsv(const std::string& path, const ImportOptions& options);
    // The same on bytes already in memory; `sourceName` names them in messages.
    Result<ImportReport> importCsvBytes(std::string_view bytes, const std::string& sourceName,
                                        const ImportOptions& options);

private:
    Store& m_store;
    CustomerService& m_customers;
};

// "line 7, column 手机: phone '1380013' has 7 digits…" — one line per issue.
std::string formatIssue(const std::string& file, const ImportIssue& issue);

}  // namespace fc::core
