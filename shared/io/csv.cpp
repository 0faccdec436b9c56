#include "shared/io/csv.hpp"

#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "shared/core/text.hpp"

namespace fc::core {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr char kCandidates[] = {',', '\t', ';'};  // in order of preference on a tie

bool isLineBreak(char c) {
    return c == '\n' || c == '\r';
}

// Index just past the line break at s[i]; CRLF is one break.
size_t skipLineBreak(std::string_view s, size_t i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') return i + 2;
    return i + 1;
}

// The candidate seen most often outside quotes on the line starting at `start`.
char detectDelimiter(std::string_view s, size_t start) {
    size_t counts[std::size(kCandidates)] = {};
    bool quoted = false;
    for (size_t i = start; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            if (isLineBreak(c)) break;
            for (size_t k = 0; k < std::size(kCandidates); ++k) counts[k] += c == kCandidates[k];
        }
    }
    size_t best = 0;
    for (size_t k = 1; k < std::size(kCandidates); ++k) {
        if (counts[k] > counts[best]) best = k;
    }
    return kCandidates[best];
}

}  // namespace

Result<CsvTable> parseCsv(std::string_view utf8, std::string_view sourceName) {
    const std::string name = sourceName.empty() ? std::string("input") : std::string(sourceName);
    std::string_view s = utf8;
    if (s.starts_with(kUtf8Bom)) s.remove_prefix(kUtf8Bom.size());
    const size_t n = s.size();

    size_t firstText = 0;
    while (firstText < n && isLineBreak(s[firstText])) ++firstText;
    CsvTable table;
    table.delimiter = detectDelimiter(s, firstText);
    const char delim = table.delimiter;

    bool haveHeader = false;
    size_t i = 0;
    size_t line = 1;
    while (i < n) {
        if (isLineBreak(s[i])) {  // a completely empty line
            i = skipLineBreak(s, i);
            ++line;
            continue;
        }
        const size_t recordLine = line;
        std::vector<std::string> fields;
        fields.reserve(table.header.size());
        for (;;) {  // one field per pass; `i` is at its first character (or at the end)
            std::string& field = fields.emplace_back();
            if (i < n && s[i] == '"') {
                const size_t openLine = line;
                ++i;
                for (;;) {
                    size_t j = i;
                    while (j < n && s[j] != '"' && !isLineBreak(s[j])) ++j;
                    field.append(s.data() + i, j - i);
                    if (j == n) {
                        return invalid(name + ": line " + std::to_string(openLine) +
                                       ": a quoted field is never closed (unbalanced \")");
                    }
                    if (s[j] == '"') {
                        if (j + 1 < n && s[j + 1] == '"') {  // "" is one quote
                            field += '"';
                            i = j + 2;
                            continue;
                        }
                        i = j + 1;  // the closing quote
                        break;
                    }
                    field += '\n';  // a line break inside quotes, whatever its style
                    i = skipLineBreak(s, j);
                    ++line;
                }
                if (i < n && s[i] != delim && !isLineBreak(s[i])) {
                    return invalid(name + ": line " + std::to_string(line) + ", field " +
                                   std::to_string(fields.size()) +
                                   ": unexpected text after a closing quote (a quote inside a "
                                   "quoted field must be doubled: \"\")");
                }
            } else {
                // Unquoted; a stray quote in here is kept as written, as Excel does.
                size_t j = i;
                while (j < n && s[j] != delim && !isLineBreak(s[j])) ++j;
                field.append(s.data() + i, j - i);
                i = j;
            }
            if (i < n && s[i] == delim) {
                ++i;
                continue;
            }
            break;  // a line break or the end of the text
        }
        if (i < n) {
            i = skipLineBreak(s, i);
            ++line;
        }

        if (!haveHeader) {
            haveHeader = true;
            table.header.reserve(fields.size());
            for (const std::string& cell : fields) table.header.push_back(trim(cell));
        } else {
            table.rows.push_back(CsvRecord{recordLine, std::move(fields)});
        }
    }
    if (!haveHeader) return invalid(name + ": no header row (the file holds only empty lines)");
    return table;
}

// [SECTION] writing

std::string csvField(std::string_view value) {
    std::string cell;
    cell.reserve(value.size() + 3);
    // A leading character that makes a spreadsheet evaluate the cell: neutralised as text.
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                           value[0] == '\t' || value[0] == '\r'))
        cell += '\'';
    cell.append(value);
    if (cell.find_first_of(",\"\r\n\t;") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::string csvRecord(const std::vector<std::string>& fields) {
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line += ',';
        line += csvField(fields[i]);
    }
    return line + "\r\n";
}

}  // namespace fc::core
