// Scanned codes as stores compare them: the symbologies Forecourt reads and the normalisation
// that makes one part compare equal however its label was printed (UPC-A and UPC-E as GTIN-13,
// full-ASCII Code 39). Part identity in the stock ledger, the scan pipeline (platform/scan) and
// the fuzz target all use this one definition.
//
//   normalizeCode(Symbology::kUpcA, "036000291452")  // "0036000291452" (GTIN-13)
//   normalizeCode(Symbology::kUpcE, "01234565")      // "0012345000065" (UPC-A 012345000065)
//   normalizeCode(Symbology::kCode39, "P+A+R+T-1")   // "Part-1" (full ASCII Code 39)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fc::core {

// What stores use. Order and values are part of the isolated decoder's wire format.
enum class Symbology : uint8_t {
    kCode128 = 0,
    kCode39 = 1,
    kEan13 = 2,
    kEan8 = 3,
    kUpcA = 4,
    kUpcE = 5,
    kQrCode = 6,
    kDataMatrix = 7,
};
inline constexpr int kSymbologyCount = 8;

const char* symbologyName(Symbology s);

// [SECTION] GTIN (EAN/UPC) helpers

bool allDigits(std::string_view s);

// GS1 check digit over `body` (the digits without the check digit).
char gtinCheckDigit(std::string_view body);

// True for all-digit text whose last digit is its GS1 check digit (EAN-8, UPC-A, EAN-13, ...).
bool gtinValid(std::string_view digits);

// UPC-E (8 digits: number system 0 or 1, six data digits, check digit) → its 12-digit UPC-A.
// nullopt when the text is not a valid UPC-E. A 7-digit form (no check digit) is accepted and
// completed.
std::optional<std::string> upcEToUpcA(std::string_view upce);

// [SECTION] Code 39 full ASCII

// Decodes "full ASCII" (extended) Code 39: $A..$Z → control characters, %A..%E and %F..%J,
// %K..%O, %P..%T, %U..%Z → punctuation / DEL / NUL, /A../O and /Z → punctuation and ':',
// +A..+Z → lowercase. nullopt when a shift character is followed by something that has no
// meaning.
std::optional<std::string> code39FullAscii(std::string_view plain);

// True when plain Code 39 text can only sensibly be full ASCII: it holds a $X, %X or +X pair
// (X a letter), which part numbers never do, and decodes completely. A '/' alone (common in
// part numbers: "12/A") does not switch the text to full ASCII.
bool looksLikeFullAscii(std::string_view plain);

// [SECTION] normalisation

// The text stores compare for a code read as `symbology`:
//   UPC-A (12 digits)  → GTIN-13: "0" + the 12 digits
//   UPC-E (8 digits)   → its UPC-A, then GTIN-13 (so the same part compares equal either way)
//   EAN-13 / EAN-8     → unchanged (already GTIN-13 / GTIN-8)
//   Code 39            → full ASCII decoding when the plain text is evidently full ASCII
//   others             → unchanged
// Text that is not valid for its symbology is returned unchanged.
std::string normalizeCode(Symbology symbology, std::string_view raw);

// For text that arrives without a symbology (a keyboard-wedge scanner, a typed part number):
// trims surrounding spaces and control characters and writes a 12-digit UPC-A with a valid check
// digit as its GTIN-13, as scanners configured either way would send it. Anything else is left
// as it is (an 8-digit code may be EAN-8 or UPC-E; only the symbology can tell).
std::string normalizeUntypedCode(std::string_view text);

}  // namespace fc::core
