#include "shared/customers/normalize.hpp"

#include <array>
#include <vector>

#include "shared/core/text.hpp"

namespace fc::core {

namespace {

const std::vector<std::string> kProvinces = {
    "京", "沪", "粤", "津", "渝", "冀", "晋", "蒙", "辽", "吉", "黑", "苏", "浙", "皖", "闽", "赣",
    "鲁", "豫", "鄂", "湘", "桂", "琼", "川", "贵", "云", "藏", "陕", "甘", "青", "宁", "新"};

bool isProvince(const std::string& ch) {
    for (const auto& p : kProvinces)
        if (p == ch) return true;
    return false;
}

bool isUpper(char32_t c) { return c >= 'A' && c <= 'Z'; }
bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }
// Plate serial characters: digits and letters except I and O.
bool isSerial(char32_t c) { return isDigit(c) || (isUpper(c) && c != 'I' && c != 'O'); }

std::string describe(char32_t c) {
    std::string s = "'";
    appendUtf8(s, c);
    return s + "'";
}

// Removes separators people type inside plates, VINs and phones.
std::vector<char32_t> stripSeparators(std::string_view input, bool upper) {
    const std::string folded = foldWidth(input);
    std::vector<char32_t> out;
    for (char32_t c : decodeUtf8(folded)) {
        if (c == ' ' || c == '\t' || c == '.' || c == '-' || c == 0xB7 || c == 0x2022 ||
            c == 0x30FB || c == 0x2027 || c == 0x3000 || c == 0xFEFF || c == 0x00A0)
            continue;
        if (upper && c >= 'a' && c <= 'z') c = c - 'a' + 'A';
        out.push_back(c);
    }
    return out;
}

}  // namespace

const std::vector<std::string>& plateProvinces() { return kProvinces; }

Result<Plate> normalizePlate(std::string_view input) {
    const auto cps = stripSeparators(input, true);
    if (cps.empty()) return invalid("plate is empty");
    std::string province;
    appendUtf8(province, cps[0]);
    if (!isProvince(province))
        return invalid("plate must start with a province character such as 京 or 粤, not " +
                       describe(cps[0]));
    if (cps.size() < 2 || !isUpper(cps[1]))
        return invalid("plate: the second character must be the city letter (A–Z)");
    if (cps[1] == 'I') return invalid("plate: city letter I is not used");
    const size_t serialLen = cps.size() - 2;
    if (serialLen != 5 && serialLen != 6)
        return invalid("plate must have 5 characters after the city letter (6 for new-energy), got " +
                       std::to_string(serialLen));
    Plate plate;
    if (serialLen == 5) {
        plate.kind = PlateKind::kOrdinary;
        for (size_t i = 2; i < cps.size(); ++i) {
            const char32_t c = cps[i];
            const bool last = i + 1 == cps.size();
            const bool suffix = last && (c == U'学' || c == U'警' || c == U'挂' || c == U'港' ||
                                         c == U'澳' || c == U'领');
            if (isSerial(c) || suffix) continue;
            if (c == 'I' || c == 'O')
                return invalid("plate position " + std::to_string(i + 1) + ": letter " +
                               describe(c) + " is not used on plates (did you mean " +
                               (c == 'O' ? "0" : "1") + "?)");
            return invalid("plate position " + std::to_string(i + 1) + ": " + describe(c) +
                           " is not a plate character");
        }
    } else {
        plate.kind = PlateKind::kNewEnergy;
        for (size_t i = 2; i < cps.size(); ++i) {
            if (!isSerial(cps[i]))
                return invalid("plate position " + std::to_string(i + 1) + ": " +
                               describe(cps[i]) + " is not a plate character");
        }
        // Small new-energy: energy letter first (D,A,B,C,E pure electric; F,G,H,J,K other), then
        // a letter or digit, then 4 digits. Large new-energy: 5 digits then D or F.
        auto energy = [](char32_t c) {
            return c == 'A' || c == 'B' || c == 'C' || c == 'D' || c == 'E' || c == 'F' ||
                   c == 'G' || c == 'H' || c == 'J' || c == 'K';
        };
        bool small = energy(cps[2]);
        for (size_t i = 4; i < 8 && small; ++i) small = isDigit(cps[i]);
        bool large = cps[7] == 'D' || cps[7] == 'F';
        for (size_t i = 2; i < 7 && large; ++i) large = isDigit(cps[i]);
        if (!small && !large)
            return invalid(
                "new-energy plate must be an energy letter (D/F…) followed by a letter or digit "
                "and 4 digits, or 5 digits followed by D or F");
    }
    plate.text = encodeUtf8(cps);
    return plate;
}

std::string displayPlate(std::string_view canonical) {
    const auto cps = decodeUtf8(canonical);
    if (cps.size() < 3) return std::string(canonical);
    std::string out;
    appendUtf8(out, cps[0]);
    appendUtf8(out, cps[1]);
    out += "\xC2\xB7";  // U+00B7 middle dot
    for (size_t i = 2; i < cps.size(); ++i) appendUtf8(out, cps[i]);
    return out;
}

std::string maskPlate(std::string_view canonical) {
    const auto cps = decodeUtf8(canonical);
    if (cps.size() < 5) return "***";
    std::string out;
    appendUtf8(out, cps[0]);
    appendUtf8(out, cps[1]);
    out += "\xC2\xB7";
    for (size_t i = 2; i + 2 < cps.size(); ++i) out += '*';
    appendUtf8(out, cps[cps.size() - 2]);
    appendUtf8(out, cps[cps.size() - 1]);
    return out;
}

bool looksLikePlate(std::string_view text) {
    const auto cps = stripSeparators(text, true);
    if (cps.empty()) return false;
    std::string first;
    appendUtf8(first, cps[0]);
    return isProvince(first) && (cps.size() == 1 || isUpper(cps[1]));
}

namespace {

int vinValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    static constexpr std::array<int, 26> kLetters = {
        1, 2, 3, 4, 5, 6, 7, 8, -1, 1, 2, 3, 4, 5, -1, 7, -1, 9, 2, 3, 4, 5, 6, 7, 8, 9};
    if (c >= 'A' && c <= 'Z') return kLetters[static_cast<size_t>(c - 'A')];
    return -1;
}

}  // namespace

char vinCheckDigit(std::string_view vin) {
    static constexpr std::array<int, 17> kWeights = {8, 7, 6, 5, 4, 3, 2, 10, 0,
                                                     9, 8, 7, 6, 5, 4, 3, 2};
    if (vin.size() != 17) return 0;
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) {
        if (i == 8) continue;
        const int v = vinValue(vin[i]);
        if (v < 0) return 0;
        sum += v * kWeights[i];
    }
    const int r = sum % 11;
    return r == 10 ? 'X' : static_cast<char>('0' + r);
}

char vinYearCode(int year) {
    static constexpr char kCodes[] = "ABCDEFGHJKLMNPRSTVWXY123456789";  // 1980..2009, then repeats
    if (year < 1980 || year > 2039) return 0;
    return kCodes[(year - 1980) % 30];
}

Result<Vin> normalizeVin(std::string_view input) {
    const auto cps = stripSeparators(input, true);
    if (cps.empty()) return invalid("VIN is empty");
    for (size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        if (c == 'I' || c == 'O' || c == 'Q')
            return invalid("VIN position " + std::to_string(i + 1) + ": letter " + describe(c) +
                           " is never used in a VIN (did you mean " + (c == 'I' ? "1" : "0") + "?)");
        if (!isDigit(c) && !isUpper(c))
            return invalid("VIN position " + std::to_string(i + 1) + ": " + describe(c) +
                           " is not a VIN character");
    }
    if (cps.size() != 17)
        return invalid("VIN must have 17 characters, got " + std::to_string(cps.size()));
    Vin vin;
    vin.text = encodeUtf8(cps);
    vin.expectedCheckDigit = vinCheckDigit(vin.text);
    vin.checkDigitOk = vin.expectedCheckDigit == vin.text[8];
    return vin;
}

Result<std::string> normalizeMobile(std::string_view input) {
    const std::string folded = foldWidth(input);
    std::string digits;
    for (size_t i = 0; i < folded.size(); ++i) {
        const char c = folded[i];
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '+' && digits.empty()) {
            continue;
        } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '\t') {
            continue;
        } else {
            return invalid("phone contains " + describe(decodeUtf8(folded.substr(i)).front()) +
                           ": a mobile number is 11 digits starting with 1");
        }
    }
    if (digits.empty()) return invalid("phone is empty");
    if (digits.size() == 15 && digits.starts_with("0086")) digits.erase(0, 4);
    else if (digits.size() == 13 && digits.starts_with("86")) digits.erase(0, 2);
    if (digits.size() != 11)
        return invalid("phone '" + maskPhone(digits) + "' has " + std::to_string(digits.size()) +
                       " digits: a mobile number has 11");
    if (digits[0] != '1' || digits[1] < '3')
        return invalid("phone must start with 13–19: a mobile number is 11 digits starting with 1");
    return digits;
}

std::string maskPhone(std::string_view phone) {
    if (phone.size() < 7) return std::string(phone.size(), '*');
    std::string out(phone.substr(0, 3));
    out.append(phone.size() - 7, '*');
    out.append(phone.substr(phone.size() - 4));
    return out;
}

Result<std::string> normalizeName(std::string_view input) {
    std::string name = cleanText(input);
    if (name.empty()) return invalid("name is empty");
    bool allDigits = true;
    for (size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x20 || c == 0x7F) return invalid("name contains a control character");
        if (c == 0xEF && name.compare(i, 3, "\xEF\xBF\xBD") == 0)
            return invalid("name contains an undecodable character");
        allDigits &= (c >= '0' && c <= '9') || c == ' ';  // "138 0013 8000" is a phone
    }
    if (hasHiddenCharacters(name)) return invalid("name contains a control or direction-override character");
    if (allDigits) return invalid("name '" + name + "' is only digits");
    if (utf8Length(name) > 64) return invalid("name is longer than 64 characters");
    return name;
}

std::string maskName(std::string_view name) {
    const auto cps = decodeUtf8(name);
    if (cps.empty()) return "";
    std::string out;
    appendUtf8(out, cps[0]);
    const size_t stars = cps.size() <= 2 ? 1 : cps.size() - 2;
    out.append(std::min<size_t>(stars, 4), '*');
    return out;
}

}  // namespace fc::core
