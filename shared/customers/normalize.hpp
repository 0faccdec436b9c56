// Validation and normalisation of what people type about customers and vehicles: Chinese plates,
// VINs (ISO 3779 check digit), mobile numbers, names. Pure functions; errors name the field and why.
//
//   auto plate = normalizePlate("粤b·12345");   // "粤B12345"; displayPlate → "粤B·12345"
//   auto vin = normalizeVin("lsvaa4182e2123456");  // ok; vin->checkDigitOk tells the warning
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

// --- Plates -----------------------------------------------------------------------------------
// Canonical form: province character + city letter + 5 characters (ordinary, may end in
// 学/警/挂/港/澳/领) or 6 characters (new-energy), upper case, no separator: "京A12345", "沪AD12345".
enum class PlateKind { kOrdinary, kNewEnergy };
struct Plate {
    std::string text;  // canonical
    PlateKind kind = PlateKind::kOrdinary;
};
Result<Plate> normalizePlate(std::string_view input);
// "京A12345" → "京A·12345".
std::string displayPlate(std::string_view canonical);
// For customer-facing screens: "京A12345" → "京A·***45".
std::string maskPlate(std::string_view canonical);
// The 31 mainland province abbreviations in the order a plate keyboard shows them.
const std::vector<std::string>& plateProvinces();
// True when the text could be the beginning of a plate (province char first): helps search.
bool looksLikePlate(std::string_view text);

// --- VINs -------------------------------------------------------------------------------------
struct Vin {
    std::string text;           // 17 characters, upper case
    bool checkDigitOk = true;   // false: position 9 does not match ISO 3779 (a warning)
    char expectedCheckDigit = 0;
};
// Errors for wrong length and illegal characters (I, O, Q, punctuation). A failed check digit is
// not an error: the Vin comes back with checkDigitOk == false so a person can decide.
Result<Vin> normalizeVin(std::string_view input);
// The ISO 3779 check digit ('0'..'9' or 'X') for a 17-character VIN of legal characters;
// returns 0 when the input is not such a VIN. Position 9 itself is ignored.
char vinCheckDigit(std::string_view vin17);
// The model-year character (position 10) for a year 1980..2039, or 0.
char vinYearCode(int year);

// --- Mobile numbers ---------------------------------------------------------------------------
// Accepts spaces, dashes, brackets and a +86 / 0086 / 86 prefix; returns the 11 digits.
Result<std::string> normalizeMobile(std::string_view input);
// "13812341234" → "138****1234".
std::string maskPhone(std::string_view phone);

// --- Names ------------------------------------------------------------------------------------
// cleanText + rejects empty names and names with control characters or digits only.
Result<std::string> normalizeName(std::string_view input);
// "王芳" → "王*", "欧阳娜娜" → "欧**" (first character kept), "Alice Wong" → "A****".
std::string maskName(std::string_view name);

}  // namespace fc::core
