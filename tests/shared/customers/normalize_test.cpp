#include "shared/customers/normalize.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/text.hpp"

namespace fc::core {
namespace {

// [SECTION] plates: accepted

TEST(Normalize, PlatesAreCanonicalised) {
    struct Case {
        const char* input;
        const char* canonical;
        PlateKind kind;
    };
    const std::vector<Case> cases = {
        {"京A12345", "京A12345", PlateKind::kOrdinary},
        {"京a12345", "京A12345", PlateKind::kOrdinary},
        {"京A.12345", "京A12345", PlateKind::kOrdinary},
        {"京A·12345", "京A12345", PlateKind::kOrdinary},   // U+00B7
        {"京A•12345", "京A12345", PlateKind::kOrdinary},   // U+2022
        {"京A・12345", "京A12345", PlateKind::kOrdinary},  // U+30FB
        {"京A‧12345", "京A12345", PlateKind::kOrdinary},   // U+2027
        {"京A-12345", "京A12345", PlateKind::kOrdinary},
        {"京A 12345", "京A12345", PlateKind::kOrdinary},
        {" 京 A 1 2 3 4 5 ", "京A12345", PlateKind::kOrdinary},
        {"京A\t12345", "京A12345", PlateKind::kOrdinary},
        {"京A\xE3\x80\x80"
         "12345",
         "京A12345", PlateKind::kOrdinary},                          // U+3000
        {"\xEF\xBB\xBF京A12345", "京A12345", PlateKind::kOrdinary},  // BOM
        {"京A\xC2\xA0"
         "12345",
         "京A12345", PlateKind::kOrdinary},                     // NBSP
        {"粤ｂ·１２３４５", "粤B12345", PlateKind::kOrdinary},  // full width, lower case
        {"京Ａ－１２３４５", "京A12345", PlateKind::kOrdinary},
        {"粤b·12345", "粤B12345", PlateKind::kOrdinary},
        {"京AB1C23", "京AB1C23", PlateKind::kOrdinary},  // letters in the serial
        {"京A0000Z", "京A0000Z", PlateKind::kOrdinary},
        {"粤B1234学", "粤B1234学", PlateKind::kOrdinary},
        {"京A1234警", "京A1234警", PlateKind::kOrdinary},
        {"粤Z1234港", "粤Z1234港", PlateKind::kOrdinary},
        {"粤Z1234澳", "粤Z1234澳", PlateKind::kOrdinary},
        {"沪A1234挂", "沪A1234挂", PlateKind::kOrdinary},
        {"京A1234领", "京A1234领", PlateKind::kOrdinary},
        {"粤b·1234学", "粤B1234学", PlateKind::kOrdinary},
        {"新A12345", "新A12345", PlateKind::kOrdinary},
        {"藏Z99999", "藏Z99999", PlateKind::kOrdinary},
        // Small new-energy: energy letter, letter or digit, 4 digits.
        {"沪AD12345", "沪AD12345", PlateKind::kNewEnergy},
        {"沪ad·12345", "沪AD12345", PlateKind::kNewEnergy},
        {"沪AF12345", "沪AF12345", PlateKind::kNewEnergy},
        {"沪ADA1234", "沪ADA1234", PlateKind::kNewEnergy},
        {"京AK00001", "京AK00001", PlateKind::kNewEnergy},
        {"京AA12345", "京AA12345", PlateKind::kNewEnergy},
        {"京AJZ9999", "京AJZ9999", PlateKind::kNewEnergy},
        // Large new-energy: 5 digits then D or F.
        {"粤B12345D", "粤B12345D", PlateKind::kNewEnergy},
        {"粤B12345F", "粤B12345F", PlateKind::kNewEnergy},
        {"粤Ｂ·１２３４５ｆ", "粤B12345F", PlateKind::kNewEnergy},
    };
    for (const auto& c : cases) {
        const Result<Plate> r = normalizePlate(c.input);
        ASSERT_TRUE(r.ok()) << c.input << ": " << r.error().message;
        EXPECT_EQ(r->text, c.canonical) << c.input;
        EXPECT_EQ(r->kind, c.kind) << c.input;
    }
}

TEST(Normalize, EveryProvinceStartsAValidPlate) {
    const auto& provinces = plateProvinces();
    ASSERT_EQ(provinces.size(), 31u);
    EXPECT_EQ(provinces.front(), "京");
    EXPECT_EQ(provinces.back(), "新");
    EXPECT_EQ(std::set<std::string>(provinces.begin(), provinces.end()).size(), 31u);
    for (const auto& p : provinces) {
        EXPECT_EQ(utf8Length(p), 1u) << p;
        const auto r = normalizePlate(p + "A12345");
        ASSERT_TRUE(r.ok()) << p << ": " << r.error().message;
        EXPECT_EQ(r->text, p + "A12345");
    }
}

// [SECTION] plates: rejected

TEST(Normalize, BadPlatesSayWhy) {
    struct Case {
        const char* input;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"", "plate is empty"},
        {"  · ", "plate is empty"},
        {"A12345", "plate must start with a province character such as 京 or 粤, not 'A'"},
        {"XA12345", "plate must start with a province character such as 京 or 粤, not 'X'"},
        {"港A12345", "plate must start with a province character such as 京 or 粤, not '港'"},
        {"台A12345", "plate must start with a province character such as 京 or 粤, not '台'"},
        {"12345", "plate must start with a province character such as 京 or 粤, not '1'"},
        {"京", "plate: the second character must be the city letter (A–Z)"},
        {"京112345", "plate: the second character must be the city letter (A–Z)"},
        {"京京12345", "plate: the second character must be the city letter (A–Z)"},
        {"京I12345", "plate: city letter I is not used"},
        {"京i12345", "plate: city letter I is not used"},
        {"京A", "plate must have 5 characters after the city letter (6 for new-energy), got 0"},
        {"京A1234", "plate must have 5 characters after the city letter (6 for new-energy), got 4"},
        {"京A1234567",
         "plate must have 5 characters after the city letter (6 for new-energy), got 7"},
        {"京A1234O", "plate position 7: letter 'O' is not used on plates (did you mean 0?)"},
        {"京A12o45", "plate position 5: letter 'O' is not used on plates (did you mean 0?)"},
        {"京AI2345", "plate position 3: letter 'I' is not used on plates (did you mean 1?)"},
        {"京A1234i", "plate position 7: letter 'I' is not used on plates (did you mean 1?)"},
        {"京A12_45", "plate position 5: '_' is not a plate character"},
        {"京A学1234", "plate position 3: '学' is not a plate character"},  // suffix only last
        {"京A1234京", "plate position 7: '京' is not a plate character"},
        {"京A1234港澳", "plate position 7: '港' is not a plate character"},
        // New-energy shape violations.
        {"沪AD1234X",
         "new-energy plate must be an energy letter (D/F…) followed by a letter or digit and 4 "
         "digits, or 5 digits followed by D or F"},
        {"沪AF1234X",
         "new-energy plate must be an energy letter (D/F…) followed by a letter or digit and 4 "
         "digits, or 5 digits followed by D or F"},
        {"沪AX12345",  // X is not an energy letter
         "new-energy plate must be an energy letter (D/F…) followed by a letter or digit and 4 "
         "digits, or 5 digits followed by D or F"},
        {"沪AL12345",
         "new-energy plate must be an energy letter (D/F…) followed by a letter or digit and 4 "
         "digits, or 5 digits followed by D or F"},
        {"沪A123456",
         "new-energy plate must be an energy letter (D/F…) followed by a letter or digit and 4 "
         "digits, or 5 digits followed by D or F"},
        {"粤B1234DD",
         "new-energy plate must be an energy letter (D/F…) followed by a letter or digit and 4 "
         "digits, or 5 digits followed by D or F"},
        {"粤B12345A",  // large: only D or F at the end
         "new-energy plate must be an energy letter (D/F…) followed by a letter or digit and 4 "
         "digits, or 5 digits followed by D or F"},
        {"沪ADAB123",
         "new-energy plate must be an energy letter (D/F…) followed by a letter or digit and 4 "
         "digits, or 5 digits followed by D or F"},
        {"沪AD1234O", "plate position 8: 'O' is not a plate character"},
        {"沪AI12345", "plate position 3: 'I' is not a plate character"},
        {"粤B12345学", "plate position 8: '学' is not a plate character"},
    };
    for (const auto& c : cases) {
        const Result<Plate> r = normalizePlate(c.input);
        ASSERT_FALSE(r.ok()) << c.input << " was accepted as " << r->text;
        EXPECT_EQ(r.error().code, Errc::kInvalid) << c.input;
        EXPECT_EQ(r.error().message, c.message) << c.input;
    }
}

// [SECTION] plates: display

TEST(Normalize, DisplayPlateInsertsMiddleDot) {
    EXPECT_EQ(displayPlate("京A12345"), "京A·12345");
    EXPECT_EQ(displayPlate("沪AD12345"), "沪A·D12345");
    EXPECT_EQ(displayPlate("粤B1234学"), "粤B·1234学");
    EXPECT_EQ(displayPlate("京A"), "京A");
    EXPECT_EQ(displayPlate(""), "");
    // Display of the canonical form is the form normalizePlate reads back.
    EXPECT_EQ(normalizePlate(displayPlate("粤B12345D"))->text, "粤B12345D");
}

TEST(Normalize, MaskPlateKeepsProvinceCityAndLastTwo) {
    EXPECT_EQ(maskPlate("京A12345"), "京A·***45");
    EXPECT_EQ(maskPlate("沪AD12345"), "沪A·****45");
    EXPECT_EQ(maskPlate("粤Z1234港"), "粤Z·***4港");
    EXPECT_EQ(maskPlate("京A123"), "京A·*23");
    EXPECT_EQ(maskPlate("京A12"), "***");
    EXPECT_EQ(maskPlate(""), "***");
}

TEST(Normalize, LooksLikePlateChecksProvinceThenCityLetter) {
    EXPECT_TRUE(looksLikePlate("京"));
    EXPECT_TRUE(looksLikePlate("京A"));
    EXPECT_TRUE(looksLikePlate("京a1"));
    EXPECT_TRUE(looksLikePlate(" 粤 b·123"));
    EXPECT_TRUE(looksLikePlate("沪AD12345"));
    EXPECT_TRUE(looksLikePlate("粤Ｂ"));
    EXPECT_FALSE(looksLikePlate(""));
    EXPECT_FALSE(looksLikePlate("  "));
    EXPECT_FALSE(looksLikePlate("A12345"));
    EXPECT_FALSE(looksLikePlate("京1"));
    EXPECT_FALSE(looksLikePlate("京京"));
    EXPECT_FALSE(looksLikePlate("13800138000"));
    EXPECT_FALSE(looksLikePlate("王芳"));
    EXPECT_FALSE(looksLikePlate("港A"));
}

// [SECTION] VINs

// ISO 3779 check digit written independently of normalize.cpp: transliteration by lookup string,
// weights by formula.
char referenceCheckDigit(std::string_view vin) {
    const std::string_view letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    const std::string_view values = "12345678123457923456789";
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) {
        const char c = vin[i];
        const int v = (c >= '0' && c <= '9') ? c - '0' : values[letters.find(c)] - '0';
        const int weight = i < 7    ? 8 - static_cast<int>(i)
                           : i == 7 ? 10
                           : i == 8 ? 0
                                    : 18 - static_cast<int>(i);
        sum += v * weight;
    }
    const int r = sum % 11;
    return r == 10 ? 'X' : static_cast<char>('0' + r);
}

TEST(Normalize, ReferenceCheckDigitAgreesWithPublishedVins) {
    // Guard the guard: the test's own implementation must reproduce known-good VINs.
    EXPECT_EQ(referenceCheckDigit("1M8GDM9AXKP042788"), 'X');
    EXPECT_EQ(referenceCheckDigit("11111111111111111"), '1');
    EXPECT_EQ(referenceCheckDigit("1HGCM82633A004352"), '3');
    EXPECT_EQ(referenceCheckDigit("5GZCZ43D13S812715"), '1');
}

TEST(Normalize, ValidVinsPassTheCheckDigit) {
    const std::vector<std::string> vins = {
        "1M8GDM9AXKP042788",  // the textbook example, check digit X
        "11111111111111111", "1HGCM82633A004352", "5GZCZ43D13S812715", "JH4KA7561PC008269",
        "LSVAA4181E2123456",  // the header's example with its correct check digit
        "LFV2A21KXA3043657", "LGBH52E00HY000000", "LVSHCAMB1CE000000",
    };
    for (const auto& v : vins) {
        const Result<Vin> r = normalizeVin(v);
        ASSERT_TRUE(r.ok()) << v << ": " << r.error().message;
        EXPECT_EQ(r->text, v);
        EXPECT_TRUE(r->checkDigitOk) << v;
        EXPECT_EQ(r->expectedCheckDigit, v[8]) << v;
        EXPECT_EQ(vinCheckDigit(v), v[8]) << v;
        EXPECT_EQ(referenceCheckDigit(v), v[8]) << v;
    }
}

TEST(Normalize, GeneratedVinsAgreeWithIndependentCheckDigit) {
    const std::string_view legal = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";  // 33 characters
    uint64_t state = 0x2026'0101'F0CEC0ULL;
    auto nextIndex = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<size_t>((state >> 33) % legal.size());
    };
    std::set<char> digitsSeen;
    for (int n = 0; n < 2'000; ++n) {
        std::string vin(17, '0');
        for (char& c : vin) c = legal[nextIndex()];
        vin[8] = referenceCheckDigit(vin);
        digitsSeen.insert(vin[8]);
        EXPECT_EQ(vinCheckDigit(vin), vin[8]) << vin;
        const auto ok = normalizeVin(vin);
        ASSERT_TRUE(ok.ok()) << vin << ": " << ok.error().message;
        EXPECT_TRUE(ok->checkDigitOk) << vin;

        std::string wrong = vin;
        wrong[8] = vin[8] == '7' ? '8' : '7';
        const auto bad = normalizeVin(wrong);
        ASSERT_TRUE(bad.ok()) << wrong;
        EXPECT_FALSE(bad->checkDigitOk) << wrong;
        EXPECT_EQ(bad->expectedCheckDigit, vin[8]) << wrong;
    }
    EXPECT_EQ(digitsSeen.size(), 11u);  // every check digit 0..9 and X came up
}

TEST(Normalize, VinInputIsNormalised) {
    const std::vector<std::string> inputs = {
        "1m8gdm9axkp042788",
        "1M8 GDM9AX KP042788",
        "1M8-GDM9AX-KP042788",
        "  1M8GDM9AXKP042788\t",
        "１Ｍ８ＧＤＭ９ＡＸＫＰ０４２７８８",
        "１ｍ８ｇｄｍ９ａｘｋｐ０４２７８８",
        "1M8GDM9AX\xE3\x80\x80KP042788",
    };
    for (const auto& in : inputs) {
        const auto r = normalizeVin(in);
        ASSERT_TRUE(r.ok()) << in << ": " << r.error().message;
        EXPECT_EQ(r->text, "1M8GDM9AXKP042788") << in;
        EXPECT_TRUE(r->checkDigitOk) << in;
        EXPECT_EQ(r->expectedCheckDigit, 'X') << in;
    }
}

TEST(Normalize, WrongVinCheckDigitIsAWarningNotAnError) {
    const auto r = normalizeVin("1M8GDM9A1KP042788");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->text, "1M8GDM9A1KP042788");
    EXPECT_FALSE(r->checkDigitOk);
    EXPECT_EQ(r->expectedCheckDigit, 'X');

    const auto header = normalizeVin("lsvaa4182e2123456");  // the example in normalize.hpp
    ASSERT_TRUE(header.ok()) << header.error().message;
    EXPECT_EQ(header->text, "LSVAA4182E2123456");
    EXPECT_FALSE(header->checkDigitOk);
    EXPECT_EQ(header->expectedCheckDigit, '1');

    const auto letter = normalizeVin("1M8GDM9AAKP042788");  // a letter where the digit belongs
    ASSERT_TRUE(letter.ok());
    EXPECT_FALSE(letter->checkDigitOk);
    EXPECT_EQ(letter->expectedCheckDigit, 'X');
}

TEST(Normalize, BadVinsSayWhy) {
    struct Case {
        const char* input;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"", "VIN is empty"},
        {" - ", "VIN is empty"},
        {"1M8GDM9AXKP04278", "VIN must have 17 characters, got 16"},
        {"1M8GDM9AXKP0427881", "VIN must have 17 characters, got 18"},
        {"1M8", "VIN must have 17 characters, got 3"},
        {"1M8GDM9AXKP04278I",
         "VIN position 17: letter 'I' is never used in a VIN (did you mean 1?)"},
        {"OM8GDM9AXKP042788",
         "VIN position 1: letter 'O' is never used in a VIN (did you mean 0?)"},
        {"1M8GQM9AXKP042788",
         "VIN position 5: letter 'Q' is never used in a VIN (did you mean 0?)"},
        {"1m8gdm9axkp0427o8",
         "VIN position 16: letter 'O' is never used in a VIN (did you mean 0?)"},
        {"1M8GDM9AXKP04278/", "VIN position 17: '/' is not a VIN character"},
        {"1M8GDM9AX_KP042788", "VIN position 10: '_' is not a VIN character"},
        {"#1M8GDM9AXKP042788", "VIN position 1: '#' is not a VIN character"},
        {"1M8GDM9AXKP04278*", "VIN position 17: '*' is not a VIN character"},
        {"京M8GDM9AXKP042788", "VIN position 1: '京' is not a VIN character"},
        // Characters are checked before the length, so the position helps even when short.
        {"1M8GDMI", "VIN position 7: letter 'I' is never used in a VIN (did you mean 1?)"},
    };
    for (const auto& c : cases) {
        const auto r = normalizeVin(c.input);
        ASSERT_FALSE(r.ok()) << c.input << " was accepted as " << r->text;
        EXPECT_EQ(r.error().code, Errc::kInvalid) << c.input;
        EXPECT_EQ(r.error().message, c.message) << c.input;
    }
}

TEST(Normalize, VinCheckDigitIgnoresPositionNineAndRejectsNonVins) {
    EXPECT_EQ(vinCheckDigit("1M8GDM9AXKP042788"), 'X');
    EXPECT_EQ(vinCheckDigit("1M8GDM9A0KP042788"), 'X');
    EXPECT_EQ(vinCheckDigit("1M8GDM9AIKP042788"), 'X');
    EXPECT_EQ(vinCheckDigit("1M8GDM9AXKP04278"), 0);    // 16 characters
    EXPECT_EQ(vinCheckDigit("1M8GDM9AXKP0427880"), 0);  // 18 characters
    EXPECT_EQ(vinCheckDigit(""), 0);
    EXPECT_EQ(vinCheckDigit("1M8GDM9AXKP04278I"), 0);  // I
    EXPECT_EQ(vinCheckDigit("1M8GDM9AXKP0427O8"), 0);  // O
    EXPECT_EQ(vinCheckDigit("QM8GDM9AXKP042788"), 0);  // Q
    EXPECT_EQ(vinCheckDigit("1m8gdm9axkp042788"), 0);  // lower case is not normalised here
    EXPECT_EQ(vinCheckDigit("1M8GDM9AXKP04278-"), 0);
}

TEST(Normalize, VinYearCodeFollowsThirtyYearCycle) {
    struct Case {
        int year;
        char code;
    };
    const std::vector<Case> cases = {
        {1980, 'A'}, {1981, 'B'}, {1988, 'J'}, {1989, 'K'}, {1993, 'P'}, {1994, 'R'}, {1997, 'V'},
        {2000, 'Y'}, {2001, '1'}, {2009, '9'}, {2010, 'A'}, {2017, 'H'}, {2018, 'J'}, {2019, 'K'},
        {2020, 'L'}, {2023, 'P'}, {2024, 'R'}, {2025, 'S'}, {2026, 'T'}, {2027, 'V'}, {2030, 'Y'},
        {2031, '1'}, {2039, '9'}, {1979, 0},   {2040, 0},   {0, 0},      {-2026, 0},
    };
    for (const auto& c : cases) EXPECT_EQ(vinYearCode(c.year), c.code) << c.year;
    // Never a letter a VIN cannot contain, and never U or Z or 0.
    for (int y = 1980; y <= 2039; ++y) {
        const char code = vinYearCode(y);
        EXPECT_EQ(std::string_view("IOQUZ0").find(code), std::string_view::npos) << y;
    }
}

// [SECTION] mobile numbers

TEST(Normalize, MobilesAreReducedToElevenDigits) {
    const std::vector<std::string> inputs = {
        "13800138000",
        "+86 138-0013-8000",
        "+8613800138000",
        "0086 13800138000",
        "008613800138000",
        "８６13800138000",
        "8613800138000",
        "138 0013 8000",
        "(138)0013-8000",
        "１３８００１３８０００",
        "\t13800138000 ",
        "+86（138）0013－8000",
        "138\xE3\x80\x80"
        "0013\xE3\x80\x80"
        "8000",
        "(+86) 138 0013 8000",
    };
    for (const auto& in : inputs) {
        const auto r = normalizeMobile(in);
        ASSERT_TRUE(r.ok()) << in << ": " << r.error().message;
        EXPECT_EQ(r.value(), "13800138000") << in;
    }
    EXPECT_EQ(normalizeMobile("19912345678").value(), "19912345678");
    EXPECT_EQ(normalizeMobile("13012345678").value(), "13012345678");
}

TEST(Normalize, BadMobilesSayWhy) {
    struct Case {
        std::string input;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"", "phone is empty"},
        {"  - ", "phone is empty"},
        {"+", "phone is empty"},
        {"1380013800", "phone '138***3800' has 10 digits: a mobile number has 11"},
        {"138001380001", "phone '138*****0001' has 12 digits: a mobile number has 11"},
        {"86 1380013800", "phone '861*****3800' has 12 digits: a mobile number has 11"},
        {"0086138001380", "phone '008******1380' has 13 digits: a mobile number has 11"},
        {"123", "phone '***' has 3 digits: a mobile number has 11"},
        {"23800138000",
         "phone must start with 13–19: a mobile number is 11 digits starting with 1"},
        {"12345678901",
         "phone must start with 13–19: a mobile number is 11 digits starting with 1"},
        {"10086100861",
         "phone must start with 13–19: a mobile number is 11 digits starting with 1"},
        {"01012345678",
         "phone must start with 13–19: a mobile number is 11 digits starting with 1"},
        {"1380013800a", "phone contains 'a': a mobile number is 11 digits starting with 1"},
        {"abc", "phone contains 'a': a mobile number is 11 digits starting with 1"},
        {"138+0013800", "phone contains '+': a mobile number is 11 digits starting with 1"},
        {"138.0013.8000", "phone contains '.': a mobile number is 11 digits starting with 1"},
        {"138一0013800", "phone contains '一': a mobile number is 11 digits starting with 1"},
    };
    for (const auto& c : cases) {
        const auto r = normalizeMobile(c.input);
        ASSERT_FALSE(r.ok()) << c.input << " was accepted as " << r.value();
        EXPECT_EQ(r.error().code, Errc::kInvalid) << c.input;
        EXPECT_EQ(r.error().message, c.message) << c.input;
        EXPECT_TRUE(isValidUtf8(r.error().message)) << c.input;
    }
}

TEST(Normalize, MaskPhoneKeepsFirstThreeAndLastFour) {
    EXPECT_EQ(maskPhone("13812341234"), "138****1234");
    EXPECT_EQ(maskPhone("13800138000"), "138****8000");
    EXPECT_EQ(maskPhone("123456789012"), "123*****9012");
    EXPECT_EQ(maskPhone("123456"), "******");
    EXPECT_EQ(maskPhone("1"), "*");
    EXPECT_EQ(maskPhone(""), "");
}

// [SECTION] names

TEST(Normalize, NamesAreCleaned) {
    struct Case {
        const char* input;
        const char* name;
    };
    const std::vector<Case> cases = {
        {"王芳", "王芳"},
        {"  王芳  ", "王芳"},
        {"王\xE3\x80\x80芳", "王 芳"},
        {"\xEF\xBB\xBF王芳", "王芳"},
        {"Alice   Wong", "Alice Wong"},
        {"ＡＬＩＣＥ　ＷＯＮＧ", "ALICE WONG"},
        {"王\t芳", "王 芳"},  // tabs are whitespace, not control characters, after cleaning
        {"欧阳娜娜", "欧阳娜娜"},
        {"张赟", "张赟"},
        {"鬯犇", "鬯犇"},
        {"𠮷田", "𠮷田"},  // outside the BMP
        {"R2D2", "R2D2"},
        {"王芳2", "王芳2"},
        {"Zoë", "Zoë"},
    };
    for (const auto& c : cases) {
        const auto r = normalizeName(c.input);
        ASSERT_TRUE(r.ok()) << c.input << ": " << r.error().message;
        EXPECT_EQ(r.value(), c.name) << c.input;
    }
}

TEST(Normalize, NameLengthLimitIsSixtyFourCharacters) {
    std::string name64;
    for (int i = 0; i < 64; ++i) name64 += "赟";
    const auto ok = normalizeName(name64);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok.value(), name64);

    const auto tooLong = normalizeName(name64 + "芳");
    ASSERT_FALSE(tooLong.ok());
    EXPECT_EQ(tooLong.error().message, "name is longer than 64 characters");

    // Surrounding spaces do not count against the limit.
    EXPECT_TRUE(normalizeName("   " + name64 + "   ").ok());
}

TEST(Normalize, BadNamesSayWhy) {
    struct Case {
        std::string input;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"", "name is empty"},
        {"   ", "name is empty"},
        {"\xE3\x80\x80\t", "name is empty"},
        {"12345", "name '12345' is only digits"},
        {"１２３", "name '123' is only digits"},
        {"138 0013 8000", "name '138 0013 8000' is only digits"},
        {"王\x01芳", "name contains a control character"},
        {"王芳\x7F", "name contains a control character"},
        {std::string("王\0芳", 7), "name contains a control character"},
        {"王\xFF芳", "name contains an undecodable character"},
        {"\xE7\x8E", "name contains an undecodable character"},
        {std::string(65, 'a'), "name is longer than 64 characters"},
    };
    for (const auto& c : cases) {
        const auto r = normalizeName(c.input);
        ASSERT_FALSE(r.ok()) << c.input << " was accepted as " << r.value();
        EXPECT_EQ(r.error().code, Errc::kInvalid) << c.input;
        EXPECT_EQ(r.error().message, c.message) << c.input;
    }
}

TEST(Normalize, MaskNameKeepsFirstCharacter) {
    EXPECT_EQ(maskName("王芳"), "王*");
    EXPECT_EQ(maskName("欧阳娜娜"), "欧**");
    EXPECT_EQ(maskName("Alice Wong"), "A****");
    EXPECT_EQ(maskName("王"), "王*");
    EXPECT_EQ(maskName("张三丰"), "张*");
    EXPECT_EQ(maskName("Alice"), "A***");
    EXPECT_EQ(maskName("𠮷田"), "𠮷*");
    EXPECT_EQ(maskName(""), "");
}

}  // namespace
}  // namespace fc::core
