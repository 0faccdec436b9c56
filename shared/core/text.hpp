// UTF-8 helpers used by normalisation, search and import. Everything here is pure.
//
//   std::string s = foldWidth("ＡＢＣ１２３");   // "ABC123"
//   auto cps = decodeUtf8("王芳");               // {U+738B, U+82B3}
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates). On failure, *badOffset (if
// given) is the byte offset of the first bad sequence.
bool isValidUtf8(std::string_view s, size_t* badOffset = nullptr);

// Decodes UTF-8; malformed bytes become U+FFFD.
std::vector<char32_t> decodeUtf8(std::string_view s);
void appendUtf8(std::string& out, char32_t cp);
std::string encodeUtf8(const std::vector<char32_t>& cps);
// Number of code points.
size_t utf8Length(std::string_view s);

// Full-width ASCII forms (U+FF01..U+FF5E) → ASCII, ideographic space U+3000 → ' '.
std::string foldWidth(std::string_view s);
// Trims ASCII whitespace and Unicode spaces (U+00A0, U+3000, U+FEFF BOM) at both ends.
std::string trim(std::string_view s);
// foldWidth + trim + collapse inner runs of whitespace to one space.
std::string cleanText(std::string_view s);
// True when `s` holds a C0/C1 control character, DEL, U+FFFD or a bidirectional control
// (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), or is not valid UTF-8: text a person can
// neither see nor type, refused in names and in every value a row rule checks.
bool hasHiddenCharacters(std::string_view s);
// cleanText, refused (naming the field) when longer than `maxChars` characters.
Result<std::string> cleanField(const std::string& value, const char* field, size_t maxChars);
std::string toUpperAscii(std::string_view s);
std::string toLowerAscii(std::string_view s);

// Splits on any of the given ASCII delimiters (and, if `cjkSeparators`, on '，' '、' '；'),
// trimming each part and dropping empty ones.
std::vector<std::string> splitList(std::string_view s, std::string_view delims = ",;/",
                                   bool cjkSeparators = true);

}  // namespace fc::core
