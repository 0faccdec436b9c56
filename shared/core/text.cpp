#include "shared/core/text.hpp"

namespace fc::core {

namespace {

// Returns the length of the sequence at s[i] and the code point, or 0 when malformed.
size_t decodeOne(std::string_view s, size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

bool isSpace(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF || cp == 0x2002 || cp == 0x2003 ||
           cp == 0x2009 || cp == 0x200B;
}

}  // namespace

bool isValidUtf8(std::string_view s, size_t* badOffset) {
    size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const size_t n = decodeOne(s, i, cp);
        if (n == 0) {
            if (badOffset) *badOffset = i;
            return false;
        }
        i += n;
    }
    return true;
}

std::vector<char32_t> decodeUtf8(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        const size_t n = decodeOne(s, i, cp);
        if (n == 0) {
            out.push_back(0xFFFD);
            ++i;
        } else {
            out.push_back(cp);
            i += n;
        }
    }
    return out;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string encodeUtf8(const std::vector<char32_t>& cps) {
    std::string out;
    out.reserve(cps.size() * 3);
    for (char32_t cp : cps) appendUtf8(out, cp);
    return out;
}

size_t utf8Length(std::string_view s) {
    size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string foldWidth(std::string_view s) {
    // Fast path: pure ASCII needs no work.
    bool ascii = true;
    for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : decodeUtf8(s)) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
        else if (cp == 0x3000) cp = ' ';
        appendUtf8(out, cp);
    }
    return out;
}

std::string trim(std::string_view s) {
    const auto cps = decodeUtf8(s);
    size_t b = 0;
    size_t e = cps.size();
    while (b < e && isSpace(cps[b])) ++b;
    while (e > b && isSpace(cps[e - 1])) --e;
    std::string out;
    out.reserve(s.size());
    for (size_t i = b; i < e; ++i) appendUtf8(out, cps[i]);
    return out;
}

namespace {

// True when cleanText would return `s` unchanged: no leading/trailing/double whitespace, no
// control whitespace, and no multi-byte sequence that could be a space or full-width form
// (those start with 0xC2, 0xE2, 0xE3 or 0xEF). Chinese text (lead bytes 0xE4–0xE9) passes.
bool alreadyClean(std::string_view s) {
    if (s.empty()) return true;
    if (s.front() == ' ' || s.back() == ' ') return false;
    bool prevSpace = false;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return false;
        if (c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF) return false;
        const bool space = c == ' ';
        if (space && prevSpace) return false;
        prevSpace = space;
    }
    return isValidUtf8(s);
}

}  // namespace

bool hasHiddenCharacters(std::string_view s) {
    if (!isValidUtf8(s)) return true;
    for (char32_t cp : decodeUtf8(s)) {
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
        if (cp == 0xFFFD || cp == 0x061C || cp == 0x200E || cp == 0x200F) return true;
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return true;
    }
    return false;
}

Result<std::string> cleanField(const std::string& value, const char* field, size_t maxChars) {
    std::string v = cleanText(value);
    if (utf8Length(v) > maxChars)
        return invalid(std::string(field) + " is longer than " + std::to_string(maxChars) +
                       " characters");
    return v;
}

std::string cleanText(std::string_view s) {
    if (alreadyClean(s)) return std::string(s);
    const std::string folded = foldWidth(s);
    std::string out;
    out.reserve(folded.size());
    bool pendingSpace = false;
    for (char32_t cp : decodeUtf8(folded)) {
        if (isSpace(cp)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        appendUtf8(out, cp);
    }
    return out;
}

std::string toUpperAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string toLowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::vector<std::string> splitList(std::string_view s, std::string_view delims,
                                   bool cjkSeparators) {
    std::vector<std::string> parts;
    std::string cur;
    auto flush = [&] {
        std::string t = trim(cur);
        if (!t.empty()) parts.push_back(std::move(t));
        cur.clear();
    };
    for (char32_t cp : decodeUtf8(s)) {
        const bool asciiDelim = cp < 0x80 && delims.find(static_cast<char>(cp)) != std::string_view::npos;
        const bool cjkDelim = cjkSeparators && (cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B);
        if (asciiDelim || cjkDelim) {
            flush();
        } else {
            appendUtf8(cur, cp);
        }
    }
    flush();
    return parts;
}

}  // namespace fc::core
