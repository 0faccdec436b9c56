// The characters the store's data uses, for the app's font atlas: every distinct non-ASCII code
// point in customer and vehicle data (names, addresses, notes, plates' province characters and
// suffixes, makes, models, colours), staff names and the store's name. Deleted rows are left out.
// A read model: it reads the customers, staff and stores domains.
//
//   FC_ASSIGN(DataCharset cs, dataCharset(db));      // cs.all: sorted, distinct; cs.names ⊆ all
//   FC_ASSIGN(DataCharset cs, dataCharsetOf(db, news)); // only the rows a sync page changed
//   std::u32string extra = nonAsciiCharacters("王赟"); // {U+738B, U+8D5F}
#pragma once

#include <string>
#include <string_view>

#include "shared/capture/change_news.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::core {

struct DataCharset {
    std::u32string all;    // every distinct non-ASCII code point, ascending
    std::u32string names;  // those in names, plates, makes, models and the store name (headings)
    size_t rowsScanned = 0;
};

// One pass over customers, vehicles, staff and stores (read-only; run it on its own connection
// from a worker thread when the store is large). Malformed UTF-8 is skipped, never U+FFFD.
Result<DataCharset> dataCharset(Db& db);
// The same over only the rows `news` names (a table with too many changed rows to list is read
// whole): what a sync page or a save can have brought.
Result<DataCharset> dataCharsetOf(Db& db, const ChangeNews& news);
// Whether `news` touches any table whose text reaches the atlas.
bool touchesCharset(const ChangeNews& news);

// The distinct non-ASCII code points of a UTF-8 string, ascending.
std::u32string nonAsciiCharacters(std::string_view utf8);

}  // namespace fc::core
