// libFuzzer target for the outside-text input layer: any bytes go through decodeToUtf8 and then
// parseCsv, which must return a value or an Error and never crash. Also parses the raw bytes,
// since parseCsv must cope with whatever it is handed.
//
//   clang++ -std=c++20 -fsanitize=fuzzer,address -I. tests/fuzz/fuzz_csv.cpp shared/io/*.cpp
//       shared/core/text.cpp -o fuzz_csv && ./fuzz_csv corpus/
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/core/text.hpp"
#include "shared/io/csv.hpp"
#include "shared/io/encoding.hpp"

namespace {

constexpr std::string_view kSource = "fuzz.csv";

// Invariants that hold for every successful parse; a violation is a bug, so stop loudly.
void checkTable(const fc::core::Result<fc::core::CsvTable>& table) {
    if (!table) {
        if (!table.error().message.starts_with(kSource)) __builtin_trap();
        return;
    }
    const char d = table->delimiter;
    if (d != ',' && d != '\t' && d != ';') __builtin_trap();
    size_t lastLine = 0;
    for (const fc::core::CsvRecord& row : table->rows) {
        if (row.line <= lastLine || row.fields.empty()) __builtin_trap();
        lastLine = row.line;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto decoded = fc::core::decodeToUtf8(bytes, kSource);
    if (decoded) {
        if (!fc::core::isValidUtf8(decoded->utf8)) __builtin_trap();
        checkTable(fc::core::parseCsv(decoded->utf8, kSource));
    } else if (!decoded.error().message.starts_with(kSource)) {
        __builtin_trap();
    }
    checkTable(fc::core::parseCsv(bytes, kSource));
    return 0;
}
