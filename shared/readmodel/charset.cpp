#include "shared/readmodel/charset.hpp"

#include <algorithm>
#include <vector>

namespace fc::core {

namespace {

// Calls fn(cp) for every well-formed non-ASCII code point of `s`; malformed bytes are skipped.
template <class F>
void forEachNonAscii(std::string_view s, F&& fn) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        const unsigned char b0 = p[i];
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((b0 & 0xE0) == 0xC0) {
            len = 2, cp = b0 & 0x1F, min = 0x80;
        } else if ((b0 & 0xF0) == 0xE0) {
            len = 3, cp = b0 & 0x0F, min = 0x800;
        } else if ((b0 & 0xF8) == 0xF0) {
            len = 4, cp = b0 & 0x07, min = 0x10000;
        } else {
            ++i;
            continue;
        }
        bool ok = i + len <= n;
        for (size_t k = 1; ok && k < len; ++k) {
            const unsigned char b = p[i + k];
            ok = (b & 0xC0) == 0x80;
            cp = (cp << 6) | (b & 0x3F);
        }
        if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            ++i;
            continue;
        }
        fn(cp);
        i += len;
    }
}

// A set of code points as a bitmap over all of Unicode (136 KiB): one scan of 200,000 rows adds
// millions of characters, most of them already seen.
class CodePointSet {
public:
    CodePointSet() : m_bits((0x110000 + 63) / 64, 0) {}

    void addText(std::string_view s) {
        forEachNonAscii(s, [&](char32_t cp) { m_bits[cp >> 6] |= uint64_t{1} << (cp & 63); });
    }

    std::u32string sorted() const {
        std::u32string out;
        for (size_t w = 0; w < m_bits.size(); ++w) {
            uint64_t bits = m_bits[w];
            while (bits) {
                const int b = __builtin_ctzll(bits);
                out.push_back(static_cast<char32_t>(w * 64 + static_cast<size_t>(b)));
                bits &= bits - 1;
            }
        }
        return out;
    }

    void merge(const CodePointSet& o) {
        for (size_t w = 0; w < m_bits.size(); ++w) m_bits[w] |= o.m_bits[w];
    }

private:
    std::vector<uint64_t> m_bits;
};

// The tables whose text reaches the atlas: the columns read (the first `nameColumns` are
// headings) and whether deleted rows are skipped.
struct CharsetTable {
    const char* table;
    const char* columns;
    int nameColumns;
};

constexpr CharsetTable kTables[] = {
    {"customers", "name, address, notes", 1},
    {"vehicles", "plate, make, model, colour", 3},
    {"staff", "name", 1},
    {"stores", "name", 1},
    {"services", "name_zh, name_en", 0},
};

// Adds every text column of the rows `stmt` gives: columns [0, nameColumns) to `names` as well.
Status scan(Stmt& stmt, int nameColumns, CodePointSet& names, CodePointSet& other, size_t& rows) {
    return stmt.each([&](Stmt& r) {
        ++rows;
        const int cols = r.columnCount();
        for (int c = 0; c < cols; ++c) {
            if (r.isNull(c)) continue;
            (c < nameColumns ? names : other).addText(r.getTextView(c));
        }
    });
}

DataCharset finish(CodePointSet& names, CodePointSet& other, size_t rows) {
    DataCharset out;
    out.rowsScanned = rows;
    out.names = names.sorted();
    other.merge(names);
    out.all = other.sorted();
    return out;
}

std::string selectOf(const CharsetTable& t) {
    return std::string("SELECT ") + t.columns + " FROM " + t.table + " WHERE deleted_at IS NULL";
}

}  // namespace

Result<DataCharset> dataCharset(Db& db) {
    CodePointSet names;
    CodePointSet other;
    size_t rows = 0;
    for (const CharsetTable& t : kTables) {
        FC_ASSIGN(Stmt stmt, db.prepare(selectOf(t)));
        FC_TRY(scan(stmt, t.nameColumns, names, other, rows));
    }
    return finish(names, other, rows);
}

Result<DataCharset> dataCharsetOf(Db& db, const ChangeNews& news) {
    CodePointSet names;
    CodePointSet other;
    size_t rows = 0;
    for (const CharsetTable& t : kTables) {
        if (!news.touches(t.table)) continue;
        const std::set<std::string>* ids = news.rowsOf(t.table);
        if (!ids) {  // too many rows to list: the whole table
            FC_ASSIGN(Stmt stmt, db.prepare(selectOf(t)));
            FC_TRY(scan(stmt, t.nameColumns, names, other, rows));
            continue;
        }
        FC_ASSIGN(Stmt * stmt, db.cached(selectOf(t) + " AND id = ?"));
        for (const std::string& id : *ids) {
            stmt->bind(1, id);
            FC_TRY(scan(*stmt, t.nameColumns, names, other, rows));
        }
    }
    return finish(names, other, rows);
}

bool touchesCharset(const ChangeNews& news) {
    for (const CharsetTable& t : kTables)
        if (news.touches(t.table)) return true;
    return false;
}

std::u32string nonAsciiCharacters(std::string_view utf8) {
    std::u32string out;
    forEachNonAscii(utf8, [&](char32_t cp) { out.push_back(cp); });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace fc::core
