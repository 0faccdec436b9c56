#include "shared/core/barcode.hpp"

namespace fc::core {

const char* symbologyName(Symbology s) {
    switch (s) {
        case Symbology::kCode128:
            return "Code128";
        case Symbology::kCode39:
            return "Code39";
        case Symbology::kEan13:
            return "EAN-13";
        case Symbology::kEan8:
            return "EAN-8";
        case Symbology::kUpcA:
            return "UPC-A";
        case Symbology::kUpcE:
            return "UPC-E";
        case Symbology::kQrCode:
            return "QR";
        case Symbology::kDataMatrix:
            return "DataMatrix";
    }
    return "?";
}

// [SECTION] GTIN (EAN/UPC) helpers

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// GS1 check digit over `body` (the digits without the check digit).
char gtinCheckDigit(std::string_view body) {
    int sum = 0;
    bool weight3 = true;  // the digit next to the check digit weighs 3
    for (size_t i = body.size(); i-- > 0;) {
        sum += (body[i] - '0') * (weight3 ? 3 : 1);
        weight3 = !weight3;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// True for all-digit text whose last digit is its GS1 check digit (EAN-8, UPC-A, EAN-13, ...).
bool gtinValid(std::string_view digits) {
    if (digits.size() < 2 || !allDigits(digits)) return false;
    return gtinCheckDigit(digits.substr(0, digits.size() - 1)) == digits.back();
}

// UPC-E (8 digits: number system 0 or 1, six data digits, check digit) → its 12-digit UPC-A.
// nullopt when the text is not a valid UPC-E. A 7-digit form (no check digit) is accepted and
// completed.
std::optional<std::string> upcEToUpcA(std::string_view upce) {
    if (!allDigits(upce) || (upce.size() != 7 && upce.size() != 8)) return std::nullopt;
    if (upce[0] != '0' && upce[0] != '1') return std::nullopt;
    const std::string_view d = upce.substr(1, 6);  // d[0..5]
    std::string body(1, upce[0]);
    switch (d[5]) {
        case '0':
        case '1':
        case '2':
            body += std::string(d.substr(0, 2)) + d[5] + "0000" + std::string(d.substr(2, 3));
            break;
        case '3':
            body += std::string(d.substr(0, 3)) + "00000" + std::string(d.substr(3, 2));
            break;
        case '4':
            body += std::string(d.substr(0, 4)) + "00000" + d[4];
            break;
        default:
            body += std::string(d.substr(0, 5)) + "0000" + d[5];
            break;
    }
    const char check = gtinCheckDigit(body);
    if (upce.size() == 8 && upce[7] != check) return std::nullopt;
    return body + check;
}

// [SECTION] Code 39 full ASCII

// Decodes "full ASCII" (extended) Code 39: $A..$Z → control characters, %A..%E and %F..%J,
// %K..%O, %P..%T, %U..%Z → punctuation / DEL / NUL, /A../O and /Z → punctuation and ':',
// +A..+Z → lowercase. nullopt when a shift character is followed by something that has no
// meaning.
std::optional<std::string> code39FullAscii(std::string_view plain) {
    std::string out;
    out.reserve(plain.size());
    for (size_t i = 0; i < plain.size(); ++i) {
        const char c = plain[i];
        // Plain Code 39 has 43 symbols; anything else is not a Code 39 reading at all.
        const bool symbol = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == ' ' || c == '-' ||
                            c == '.' || c == '$' || c == '/' || c == '+' || c == '%';
        if (!symbol) return std::nullopt;
        if (c != '$' && c != '%' && c != '/' && c != '+') {
            out += c;
            continue;
        }
        if (i + 1 >= plain.size()) return std::nullopt;
        const char n = plain[++i];
        switch (c) {
            case '+':  // lowercase
                if (n < 'A' || n > 'Z') return std::nullopt;
                out += static_cast<char>(n + 32);
                break;
            case '$':  // control characters SOH..SUB
                if (n < 'A' || n > 'Z') return std::nullopt;
                out += static_cast<char>(n - 64);
                break;
            case '%':
                if (n >= 'A' && n <= 'E') {
                    out += static_cast<char>(n - 38);  // ESC FS GS RS US
                } else if (n >= 'F' && n <= 'J') {
                    out += static_cast<char>(n - 11);  // ; < = > ?
                } else if (n >= 'K' && n <= 'O') {
                    out += static_cast<char>(n + 16);  // [ \ ] ^ _
                } else if (n >= 'P' && n <= 'T') {
                    out += static_cast<char>(n + 43);  // { | } ~ DEL
                } else if (n == 'U') {
                    out += '\0';
                } else if (n == 'V') {
                    out += '@';
                } else if (n == 'W') {
                    out += '`';
                } else if (n == 'X' || n == 'Y' || n == 'Z') {
                    out += '\x7f';
                } else {
                    return std::nullopt;
                }
                break;
            default:  // '/'
                if (n >= 'A' && n <= 'O') {
                    out += static_cast<char>(n - 32);  // ! " # $ % & ' ( ) * + , - . /
                } else if (n == 'Z') {
                    out += ':';
                } else {
                    return std::nullopt;
                }
                break;
        }
    }
    return out;
}

// True when plain Code 39 text can only sensibly be full ASCII: it holds a $X, %X or +X pair
// (X a letter), which part numbers never do, and decodes completely. A '/' alone (common in
// part numbers: "12/A") does not switch the text to full ASCII.
bool looksLikeFullAscii(std::string_view plain) {
    for (size_t i = 0; i + 1 < plain.size(); ++i) {
        const char c = plain[i];
        const char n = plain[i + 1];
        if ((c == '$' || c == '%' || c == '+') && n >= 'A' && n <= 'Z')
            return code39FullAscii(plain).has_value();
    }
    return false;
}

// [SECTION] normalisation

// The text stores compare for a code read as `symbology`:
//   UPC-A (12 digits)  → GTIN-13: "0" + the 12 digits
//   UPC-E (8 digits)   → its UPC-A, then GTIN-13 (so the same part compares equal either way)
//   EAN-13 / EAN-8     → unchanged (already GTIN-13 / GTIN-8)
//   Code 39            → full ASCII decoding when the plain text is evidently full ASCII
//   others             → unchanged
// Text that is not valid for its symbology is returned unchanged.
std::string normalizeCode(Symbology symbology, std::string_view raw) {
    switch (symbology) {
        case Symbology::kUpcA:
            if (raw.size() == 12 && gtinValid(raw)) return "0" + std::string(raw);
            if (raw.size() == 13 && raw[0] == '0' && gtinValid(raw)) return std::string(raw);
            break;
        case Symbology::kUpcE:
            if (auto upca = upcEToUpcA(raw)) return "0" + *upca;
            break;
        case Symbology::kCode39:
            if (looksLikeFullAscii(raw)) return *code39FullAscii(raw);
            break;
        default:
            break;
    }
    return std::string(raw);
}

// For text that arrives without a symbology (a keyboard-wedge scanner, a typed part number):
// trims surrounding spaces and control characters and writes a 12-digit UPC-A with a valid check
// digit as its GTIN-13, as scanners configured either way would send it. Anything else is left
// as it is (an 8-digit code may be EAN-8 or UPC-E; only the symbology can tell).
std::string normalizeUntypedCode(std::string_view text) {
    size_t b = 0;
    size_t e = text.size();
    while (b < e && static_cast<unsigned char>(text[b]) <= ' ') ++b;
    while (e > b && static_cast<unsigned char>(text[e - 1]) <= ' ') --e;
    const std::string_view t = text.substr(b, e - b);
    if (t.size() == 12 && gtinValid(t)) return "0" + std::string(t);
    return std::string(t);
}

}  // namespace fc::core
