#include "shared/io/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>

#include "shared/core/text.hpp"

namespace fc::core {

namespace {

constexpr std::string_view kUtf8BomBytes = "\xEF\xBB\xBF";
constexpr std::string_view kZipSignature = "PK\x03\x04";
constexpr std::string_view kOle2Signature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";  // .xls
constexpr std::string_view kEuroUtf8 = "\xE2\x82\xAC";
constexpr std::string_view kSaveAsCsvUtf8 =
    "in Excel choose File > Save As > \"CSV UTF-8 (Comma delimited)\" and import that file";

std::string errnoText(int err) {
    return std::generic_category().message(err);
}

std::string displayName(std::string_view sourceName) {
    return sourceName.empty() ? std::string("input") : std::string(sourceName);
}

// 1-based line holding `offset`; LF, CRLF and a lone CR each end a line, as in the CSV parser.
size_t lineAt(std::string_view bytes, size_t offset) {
    size_t line = 1;
    const size_t end = std::min(offset, bytes.size());
    for (size_t i = 0; i < end; ++i) {
        if (bytes[i] == '\n') {
            ++line;
        } else if (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n')) {
            ++line;
        }
    }
    return line;
}

// "customers.csv: line 3, byte 57: " for the byte at 0-based `offset` of the whole file.
std::string place(const std::string& name, std::string_view bytes, size_t offset) {
    return name + ": line " + std::to_string(lineAt(bytes, offset)) + ", byte " +
           std::to_string(offset + 1) + ": ";
}

// Offset of the first byte no text file holds: NUL or a C0 control other than \t \n \f \r.
// (UTF-8 continuation bytes and GB18030 trail bytes are all >= 0x30, so this is safe for both.)
size_t findBinaryByte(std::string_view bytes) {
    for (size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r') return i;
    }
    return std::string_view::npos;
}

// UTF-16 without a BOM: ASCII characters (digits, commas, newlines) leave NULs on one parity only.
bool looksLikeUtf16WithoutBom(std::string_view bytes) {
    const size_t n = std::min<size_t>(bytes.size(), 4096);
    size_t nulEven = 0;
    size_t nulOdd = 0;
    for (size_t i = 0; i < n; ++i) {
        if (bytes[i] == '\0') ++(i % 2 == 0 ? nulEven : nulOdd);
    }
    const size_t enough = std::max<size_t>(1, n / 8);
    return (nulEven == 0 && nulOdd >= enough) || (nulOdd == 0 && nulEven >= enough);
}

class IconvHandle {
public:
    IconvHandle(const char* to, const char* from) : m_cd(iconv_open(to, from)) {}
    ~IconvHandle() {
        if (valid()) iconv_close(m_cd);
    }
    IconvHandle(const IconvHandle&) = delete;
    IconvHandle& operator=(const IconvHandle&) = delete;

    bool valid() const { return m_cd != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return m_cd; }

private:
    iconv_t m_cd;
};

struct Gb18030Outcome {
    std::string utf8;
    size_t badOffset = std::string_view::npos;  // first byte that is not GB18030, or npos
};

// Replaces every U+0080 (C2 80) with '€'. glibc maps the CP936 euro byte 0x80 to U+0080, a
// control character nobody means to type.
void euroFromC1(std::string& utf8) {
    size_t at = utf8.find("\xC2\x80");
    if (at == std::string::npos) return;
    std::string out;
    out.reserve(utf8.size() + 8);
    size_t from = 0;
    for (; at != std::string::npos; at = utf8.find("\xC2\x80", from)) {
        out.append(utf8, from, at - from);
        out.append(kEuroUtf8);
        from = at + 2;
    }
    out.append(utf8, from, std::string::npos);
    utf8 = std::move(out);
}

Result<Gb18030Outcome> gb18030ToUtf8(std::string_view bytes) {
    IconvHandle cd("UTF-8", "GB18030");
    if (!cd.valid()) {
        return Error(Errc::kUnsupported, "GB18030 text cannot be decoded on this system (iconv: " +
                                             errnoText(errno) + ")");
    }
    Gb18030Outcome result;
    std::string& out = result.utf8;
    out.resize(bytes.size() + bytes.size() / 2 + 16);  // 2 GBK bytes -> at most 3 UTF-8 bytes
    size_t used = 0;
    auto ensureRoom = [&](size_t room) {
        if (out.size() - used < room) out.resize(std::max(out.size() * 2, used + room));
    };

    // glibc's iconv takes `char**` for input it does not modify.
    char* in = const_cast<char*>(bytes.data());
    size_t inLeft = bytes.size();
    while (inLeft > 0) {
        char* o = out.data() + used;
        size_t oLeft = out.size() - used;
        const size_t rc = iconv(cd.get(), &in, &inLeft, &o, &oLeft);
        const int err = errno;
        used = out.size() - oLeft;
        if (rc != static_cast<size_t>(-1)) break;
        if (err == E2BIG) {
            ensureRoom(out.size());
            continue;
        }
        const size_t at = static_cast<size_t>(in - bytes.data());
        if (err == EILSEQ && bytes[at] == '\x80') {  // an iconv that rejects the CP936 euro
            ensureRoom(kEuroUtf8.size());
            out.replace(used, kEuroUtf8.size(), kEuroUtf8);
            used += kEuroUtf8.size();
            ++in;
            --inLeft;
            continue;
        }
        result.badOffset = at;  // EILSEQ: invalid sequence; EINVAL: truncated at the end
        return result;
    }
    out.resize(used);
    euroFromC1(out);
    return result;
}

}  // namespace

const char* encodingName(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::kUtf8:
            return "UTF-8";
        case TextEncoding::kUtf8Bom:
            return "UTF-8 with BOM";
        case TextEncoding::kGb18030:
            return "GB18030";
    }
    return "unknown";
}

Result<DecodedText> decodeToUtf8(std::string_view bytes, std::string_view sourceName) {
    const std::string name = displayName(sourceName);
    if (bytes.empty()) return invalid(name + ": file is empty");
    if (bytes.starts_with(kZipSignature)) {
        return invalid(name + ": this looks like an Excel workbook (.xlsx), not a CSV file; " +
                       std::string(kSaveAsCsvUtf8));
    }
    if (bytes.starts_with(kOle2Signature)) {
        return invalid(name + ": this looks like an old Excel workbook (.xls), not a CSV file; " +
                       std::string(kSaveAsCsvUtf8));
    }
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        return invalid(name + ": the file is UTF-16 text (Excel \"Unicode Text\"), not CSV; " +
                       std::string(kSaveAsCsvUtf8));
    }

    const bool hasBom = bytes.starts_with(kUtf8BomBytes);
    const size_t bodyStart = hasBom ? kUtf8BomBytes.size() : 0;
    const std::string_view body = bytes.substr(bodyStart);
    if (body.empty())
        return invalid(name + ": file is empty (it holds only a UTF-8 byte-order mark)");

    if (const size_t at = findBinaryByte(bytes); at != std::string_view::npos) {
        if (bytes[at] == '\0' && looksLikeUtf16WithoutBom(bytes)) {
            return invalid(name + ": the file looks like UTF-16 text, not CSV; " +
                           std::string(kSaveAsCsvUtf8));
        }
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(bytes[at]));
        const std::string what =
            bytes[at] == '\0' ? std::string("a NUL byte") : "control byte " + std::string(hex);
        return invalid(place(name, bytes, at) + "contains " + what + "; not a text/CSV file");
    }

    size_t badUtf8 = 0;
    if (isValidUtf8(body, &badUtf8)) {
        return DecodedText{std::string(body),
                           hasBom ? TextEncoding::kUtf8Bom : TextEncoding::kUtf8};
    }
    if (hasBom) {
        return invalid(place(name, bytes, bodyStart + badUtf8) +
                       "the file starts with a UTF-8 byte-order mark but is not valid UTF-8");
    }

    FC_ASSIGN(Gb18030Outcome gb, gb18030ToUtf8(bytes));
    if (gb.badOffset != std::string_view::npos) {
        // Point at whichever reading got further: that is most likely what the file was meant
        // to be, and the place where it went wrong.
        const size_t at = std::max(badUtf8, gb.badOffset);
        return invalid(place(name, bytes, at) + "neither UTF-8 nor GBK/GB18030 text");
    }
    if (std::string_view(gb.utf8).starts_with(kUtf8BomBytes)) gb.utf8.erase(0, 3);  // GB18030 BOM
    return DecodedText{std::move(gb.utf8), TextEncoding::kGb18030};
}

Result<std::string> readFileBytes(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return Error(Errc::kIo, "cannot open " + path + ": " + errnoText(errno));
    std::string data;
    char buffer[64 * 1024];
    for (;;) {
        const size_t n = std::fread(buffer, 1, sizeof buffer, file);
        data.append(buffer, n);
        if (n == sizeof buffer) continue;
        if (std::ferror(file)) {
            const int err = errno;
            std::fclose(file);
            return Error(Errc::kIo, "cannot read " + path + ": " + errnoText(err));
        }
        break;
    }
    std::fclose(file);
    return data;
}

}  // namespace fc::core
