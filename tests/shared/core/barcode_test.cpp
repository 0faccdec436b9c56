// Normalisation of scanned codes as stores compare them (shared/core/barcode.hpp).
#include "shared/core/barcode.hpp"

#include <gtest/gtest.h>

namespace fc::core {
namespace {

TEST(Codes, GtinCheckDigit) {
    EXPECT_EQ(gtinCheckDigit("590123412345"), '7');  // EAN-13 5901234123457
    EXPECT_EQ(gtinCheckDigit("03600029145"), '2');   // UPC-A 036000291452
    EXPECT_EQ(gtinCheckDigit("9638507"), '4');       // EAN-8 96385074
    EXPECT_TRUE(gtinValid("5901234123457"));
    EXPECT_FALSE(gtinValid("5901234123458"));
    EXPECT_FALSE(gtinValid("59012341234a7"));
    EXPECT_FALSE(gtinValid(""));
}

TEST(Codes, UpcAIsReportedAsGtin13WithALeadingZero) {
    EXPECT_EQ(normalizeCode(Symbology::kUpcA, "036000291452"), "0036000291452");
    // Already 13 digits (some readers report it so): unchanged.
    EXPECT_EQ(normalizeCode(Symbology::kUpcA, "0036000291452"), "0036000291452");
    // A wrong check digit is not "fixed": the text stays as read.
    EXPECT_EQ(normalizeCode(Symbology::kUpcA, "036000291453"), "036000291453");
}

TEST(Codes, UpcEExpandsByEachOfItsFourRules) {
    // The textbook pair: UPC-E 01234565 is UPC-A 012345000065.
    EXPECT_EQ(upcEToUpcA("01234565"), "012345000065");
    // Last digit 0-2: manufacturer d1 d2 d6 0 0, product 0 0 d3 d4 d5.
    const std::string a1 = "06510000432";
    EXPECT_EQ(upcEToUpcA("0654321"), a1 + gtinCheckDigit(a1));
    // Last digit 3: d1 d2 d3 0 0, 0 0 0 d4 d5.
    const std::string a3 = "01230000045";
    EXPECT_EQ(upcEToUpcA("0123453"), a3 + gtinCheckDigit(a3));
    // Last digit 4: d1 d2 d3 d4 0, 0 0 0 0 d5.
    const std::string a4 = "01234000004";
    EXPECT_EQ(upcEToUpcA("0123444"), a4 + gtinCheckDigit(a4));
    // Last digit 5-9: d1..d5, 0 0 0 0 d6.
    const std::string a7 = "01234500007";
    EXPECT_EQ(upcEToUpcA("0123457"), a7 + gtinCheckDigit(a7));
    // Number system 1 is kept.
    const std::string n1 = "11234500007";
    EXPECT_EQ(upcEToUpcA("1123457"), n1 + gtinCheckDigit(n1));
    // The 8-digit form's check digit must be the UPC-A's.
    EXPECT_EQ(upcEToUpcA(std::string("0123457") + gtinCheckDigit(a7)), a7 + gtinCheckDigit(a7));
    EXPECT_FALSE(upcEToUpcA("01234564"));  // wrong check digit
    EXPECT_FALSE(upcEToUpcA("21234565"));  // number system 2 does not exist
    EXPECT_FALSE(upcEToUpcA("0123456a"));
    EXPECT_FALSE(upcEToUpcA("012345"));
}

TEST(Codes, UpcEAndItsUpcACompareEqual) {
    const std::string fromE = normalizeCode(Symbology::kUpcE, "01234565");
    const std::string fromA = normalizeCode(Symbology::kUpcA, "012345000065");
    EXPECT_EQ(fromE, "0012345000065");
    EXPECT_EQ(fromE, fromA);
    EXPECT_EQ(normalizeCode(Symbology::kUpcE, "01234564"), "01234564");  // invalid: as read
}

TEST(Codes, EanAndOtherCodesAreUnchanged) {
    EXPECT_EQ(normalizeCode(Symbology::kEan13, "5901234123457"), "5901234123457");
    EXPECT_EQ(normalizeCode(Symbology::kEan8, "96385074"), "96385074");
    EXPECT_EQ(normalizeCode(Symbology::kCode128, " FC-0042 "), " FC-0042 ");
    EXPECT_EQ(normalizeCode(Symbology::kQrCode, "https://例子/工单"), "https://例子/工单");
    EXPECT_EQ(normalizeCode(Symbology::kDataMatrix, "+A+B"),
              "+A+B");  // only Code 39 has full ASCII
}

TEST(Codes, Code39FullAsciiTable) {
    EXPECT_EQ(code39FullAscii("P+A+R+T-42+A"), "Part-42a");
    // Only the 43 plain symbols are a Code 39 reading (found by fuzz_scan_codes).
    EXPECT_EQ(code39FullAscii("\xff" "0135426"), std::nullopt);
    EXPECT_EQ(code39FullAscii("part"), std::nullopt);
    EXPECT_EQ(code39FullAscii("$M$J"), "\r\n");
    EXPECT_EQ(code39FullAscii("%A%E"), "\x1b\x1f");
    EXPECT_EQ(code39FullAscii("%F%J"), ";?");
    EXPECT_EQ(code39FullAscii("%K%O"), "[_");
    EXPECT_EQ(code39FullAscii("%P%T"), "{\x7f");
    EXPECT_EQ(code39FullAscii("%V%W"), "@`");
    EXPECT_EQ(code39FullAscii("%U"), std::string(1, '\0'));
    EXPECT_EQ(code39FullAscii("/A/O/Z"), "!/:");
    EXPECT_EQ(code39FullAscii("AB-12 .$"), std::nullopt);  // shift at the end
    EXPECT_EQ(code39FullAscii("/P"), std::nullopt);        // /P has no meaning
    EXPECT_EQ(code39FullAscii("+1"), std::nullopt);
}

TEST(Codes, Code39SwitchesToFullAsciiOnlyWhenThePlainTextCannotBeMeant) {
    // Plain part numbers stay plain, '/' included.
    EXPECT_EQ(normalizeCode(Symbology::kCode39, "PART-42"), "PART-42");
    EXPECT_EQ(normalizeCode(Symbology::kCode39, "12/A"), "12/A");
    EXPECT_EQ(normalizeCode(Symbology::kCode39, "A+1"), "A+1");
    // Lowercase and control shifts are full ASCII.
    EXPECT_EQ(normalizeCode(Symbology::kCode39, "P+A+R+T-42+A"), "Part-42a");
    EXPECT_EQ(normalizeCode(Symbology::kCode39, "+H+I/A"), "hi!");
    // A pair that looks like a shift but the whole does not decode: left as read.
    EXPECT_EQ(normalizeCode(Symbology::kCode39, "+A/1"), "+A/1");
}

TEST(Codes, UntypedCodesFromAWedgeScanner) {
    EXPECT_EQ(normalizeUntypedCode("036000291452\r\n"), "0036000291452");
    EXPECT_EQ(normalizeUntypedCode("  5901234123457 "), "5901234123457");
    EXPECT_EQ(normalizeUntypedCode("036000291453"), "036000291453");  // not a valid UPC-A
    EXPECT_EQ(normalizeUntypedCode("96385074"), "96385074");          // EAN-8 or UPC-E: as is
    EXPECT_EQ(normalizeUntypedCode("FC-0042"), "FC-0042");
}

TEST(Codes, SymbologyNames) {
    EXPECT_STREQ(symbologyName(Symbology::kUpcA), "UPC-A");
    EXPECT_STREQ(symbologyName(Symbology::kQrCode), "QR");
    EXPECT_STREQ(symbologyName(Symbology::kDataMatrix), "DataMatrix");
}

}  // namespace
}  // namespace fc::core
