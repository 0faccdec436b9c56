// The characters the store's data uses, for the app's font atlas: every distinct non-ASCII code
// point in customer and vehicle data (names, addresses, notes, plates' province characters and
// suffixes, makes, models, colours) and the store's name. Deleted rows are left out.
//
//   FC_ASSIGN(DataCharset cs, dataCharset(db));      // cs.all: sorted, distinct; cs.names ⊆ all
//   std::u32string extra = nonAsciiCharacters("王赟"); // {U+738B, U+8D5F}
#pragma once

#include <string>
#include <string_view>

#include "shared/db/sqlite.hpp"

namespace fc::core {

struct DataCharset {
    std::u32string all;    // every distinct non-ASCII code point, ascending
    std::u32string names;  // those in names, plates, makes, models and the store name (headings)
    size_t rowsScanned = 0;
};

// One pass over customers, vehicles and stores (read-only; run it on its own connection from a
// worker thread when the store is large). Malformed UTF-8 is skipped, never reported as U+FFFD.
Result<DataCharset> dataCharset(Db& db);

// The distinct non-ASCII code points of a UTF-8 string, ascending.
std::u32string nonAsciiCharacters(std::string_view utf8);

}  // namespace fc::core
