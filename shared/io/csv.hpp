// RFC 4180 CSV reader for files people bring in (customer lists saved by Excel and friends), and
// the writer every export uses (safe against formula injection).
// Input is UTF-8 text (run bytes through decodeToUtf8 first); errors name the file and line.
//
//   FC_ASSIGN(CsvTable table, parseCsv(text.utf8, "customers.csv"));
//   for (const CsvRecord& row : table.rows) importRow(table.header, row.fields, row.line);
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

struct CsvRecord {
    size_t line = 0;  // 1-based physical line where the record starts
    std::vector<std::string> fields;
};

struct CsvTable {
    std::vector<std::string> header;  // cells trimmed
    std::vector<CsvRecord> rows;      // cells as written; may have more or fewer than the header
    char delimiter = ',';
};

// Parses CSV text. The first non-empty record is the header; its line picks the delimiter among
// ',' '\t' ';' (most frequent outside quotes; ',' when none or tied). LF, CRLF and lone CR end
// lines; a quoted field may hold delimiters, line breaks (kept as '\n') and doubled quotes "".
// Completely empty lines are skipped. Errc::kInvalid for: no header row, a quoted field never
// closed (names the line it opened on), text after a closing quote (names line and field).
Result<CsvTable> parseCsv(std::string_view utf8, std::string_view sourceName);

// [SECTION] writing (every export the product makes goes through these)
// One field as a CSV cell: quoted when it holds a delimiter, a quote or a line break; and a
// cell that a spreadsheet would run as a formula — starting with = + - @, a tab or a carriage
// return — is prefixed with an apostrophe so Excel and WPS show it as text (formula injection).
//   csvField("=HYPERLINK(\"http://x\")") → "'=HYPERLINK(""http://x"")" (quoted)
std::string csvField(std::string_view value);
// A record: the fields joined by ',' and ended with CRLF (what Excel writes).
std::string csvRecord(const std::vector<std::string>& fields);

}  // namespace fc::core
