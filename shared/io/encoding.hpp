// Turns bytes from outside (a CSV saved by Excel, a file a customer e-mailed) into UTF-8 text, or
// into an Error that tells a person what the file is and what to do with it.
//
//   FC_ASSIGN(std::string bytes, readFileBytes(path));
//   FC_ASSIGN(DecodedText text, decodeToUtf8(bytes, "customers.csv"));  // text.utf8 is UTF-8
#pragma once

#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace fc::core {

enum class TextEncoding {
    kUtf8,     // valid UTF-8 without a byte-order mark (plain ASCII is this too)
    kUtf8Bom,  // UTF-8 that started with EF BB BF ("CSV UTF-8" in Excel); the BOM is stripped
    kGb18030,  // GB18030 / GBK, what Excel on Chinese Windows writes for plain "CSV"
};

// "UTF-8", "UTF-8 with BOM", "GB18030".
const char* encodingName(TextEncoding encoding);

struct DecodedText {
    std::string utf8;
    TextEncoding encoding = TextEncoding::kUtf8;
};

// Detects the encoding of `bytes` and returns the text as UTF-8:
//   UTF-8 BOM -> stripped, kUtf8Bom;  valid UTF-8 -> kUtf8;  otherwise GB18030 -> kGb18030.
// In GB18030 text a lone byte 0x80 is read as '€', as Windows code page 936 does.
// Errors (Errc::kInvalid) start with `sourceName` and, where there is a place to point at, say
// "line L, byte B" (B counts from 1 at the first byte of the file, BOM included): empty file,
// UTF-16, an .xlsx/.xls workbook, NUL or control bytes ("not a text/CSV file"), and bytes that
// are neither UTF-8 nor GB18030. Errc::kUnsupported if this system's iconv has no GB18030.
Result<DecodedText> decodeToUtf8(std::string_view bytes, std::string_view sourceName);

// Reads a whole file. Errc::kIo naming the path and the system's reason on failure.
Result<std::string> readFileBytes(const std::string& path);

}  // namespace fc::core
