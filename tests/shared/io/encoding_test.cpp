#include "shared/io/encoding.hpp"
#include "tests/support/test_store.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "shared/core/text.hpp"

namespace fc::core {
namespace {

using namespace std::string_literals;

using test::toGb18030;

std::string decodeError(std::string_view bytes) {
    Result<DecodedText> r = decodeToUtf8(bytes, "customers.csv");
    if (r.ok()) return "(decoded as " + std::string(encodingName(r->encoding)) + ")";
    EXPECT_EQ(r.error().code, Errc::kInvalid);
    return r.error().message;
}

const std::string kCustomers = "姓名,手机\n王芳,13800138000\n";

TEST(Encoding, NamesEachEncoding) {
    EXPECT_STREQ(encodingName(TextEncoding::kUtf8), "UTF-8");
    EXPECT_STREQ(encodingName(TextEncoding::kUtf8Bom), "UTF-8 with BOM");
    EXPECT_STREQ(encodingName(TextEncoding::kGb18030), "GB18030");
}

TEST(Encoding, AsciiIsUtf8) {
    Result<DecodedText> r = decodeToUtf8("name,phone\r\nWang,13800138000\r\n", "customers.csv");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->encoding, TextEncoding::kUtf8);
    EXPECT_EQ(r->utf8, "name,phone\r\nWang,13800138000\r\n");
}

TEST(Encoding, Utf8PassesThroughUnchanged) {
    Result<DecodedText> r = decodeToUtf8(kCustomers, "customers.csv");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->encoding, TextEncoding::kUtf8);
    EXPECT_EQ(r->utf8, kCustomers);
}

TEST(Encoding, Utf8BomIsStripped) {
    Result<DecodedText> r = decodeToUtf8("\xEF\xBB\xBF" + kCustomers, "customers.csv");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->encoding, TextEncoding::kUtf8Bom);
    EXPECT_EQ(r->utf8, kCustomers);
}

TEST(Encoding, GbkFromExcelRoundTrips) {
    const std::string gbk = toGb18030(kCustomers);
    ASSERT_EQ(gbk, "\xD0\xD5\xC3\xFB,\xCA\xD6\xBB\xFA\n\xCD\xF5\xB7\xBC,13800138000\n");
    ASSERT_FALSE(isValidUtf8(gbk));
    Result<DecodedText> r = decodeToUtf8(gbk, "customers.csv");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->encoding, TextEncoding::kGb18030);
    EXPECT_EQ(r->utf8, kCustomers);
}

TEST(Encoding, Gb18030FourByteAndRareNameCharactersRoundTrip) {
    // 䶮 (a name character outside GBK), 𠀀 (four bytes in GB18030), CRLF kept as written.
    const std::string text = "姓名,备注\r\n刘䶮,𠀀 粤B·12345\r\n";
    const std::string gb = toGb18030(text);
    ASSERT_NE(gb.find("\x95\x32\x82\x36"), std::string::npos);  // U+20000 in four bytes
    Result<DecodedText> r = decodeToUtf8(gb, "customers.csv");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->encoding, TextEncoding::kGb18030);
    EXPECT_EQ(r->utf8, text);
}

TEST(Encoding, Cp936EuroByteBecomesEuroSign) {
    const std::string bytes = toGb18030("项目,价格\n机油,") + "\x80" + "30\n";
    Result<DecodedText> r = decodeToUtf8(bytes, "parts.csv");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->encoding, TextEncoding::kGb18030);
    EXPECT_EQ(r->utf8, "项目,价格\n机油,€30\n");
}

TEST(Encoding, Gb18030BomIsStripped) {
    Result<DecodedText> r = decodeToUtf8("\x84\x31\x95\x33" + toGb18030(kCustomers), "c.csv");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->encoding, TextEncoding::kGb18030);
    EXPECT_EQ(r->utf8, kCustomers);
}

TEST(Encoding, EmptyFileIsAnError) {
    EXPECT_EQ(decodeError(""), "customers.csv: file is empty");
    EXPECT_EQ(decodeError("\xEF\xBB\xBF"),
              "customers.csv: file is empty (it holds only a UTF-8 byte-order mark)");
    Result<DecodedText> r = decodeToUtf8("", "");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "input: file is empty");
}

TEST(Encoding, Utf16IsRefusedWithAdvice) {
    const std::string expected =
        "customers.csv: the file is UTF-16 text (Excel \"Unicode Text\"), not CSV; in Excel "
        "choose File > Save As > \"CSV UTF-8 (Comma delimited)\" and import that file";
    EXPECT_EQ(decodeError("\xFF\xFE"
                          "a\0,\0b\0\n\0"s),
              expected);  // little-endian
    EXPECT_EQ(decodeError("\xFE\xFF"
                          "\0a\0,\0b\0\n"s),
              expected);  // big-endian
}

TEST(Encoding, Utf16WithoutBomIsRecognised) {
    const std::string le =
        "n\0a\0m\0e\0,\0p\0h\0o\0n\0e\0\n\0"
        "1\0"
        "3\0"
        "8\0\n\0"s;
    EXPECT_EQ(decodeError(le),
              "customers.csv: the file looks like UTF-16 text, not CSV; in Excel choose File > "
              "Save As > \"CSV UTF-8 (Comma delimited)\" and import that file");
}

TEST(Encoding, XlsxWorkbookIsRefusedWithAdvice) {
    const std::string zip = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml"s;
    EXPECT_EQ(decodeError(zip),
              "customers.csv: this looks like an Excel workbook (.xlsx), not a CSV file; in Excel "
              "choose File > Save As > \"CSV UTF-8 (Comma delimited)\" and import that file");
}

TEST(Encoding, OldXlsWorkbookIsRefused) {
    const std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0"s;
    EXPECT_EQ(decodeError(ole).rfind("customers.csv: this looks like an old Excel workbook (.xls), "
                                     "not a CSV file; ",
                                     0),
              0u);
}

TEST(Encoding, PngIsNotText) {
    const std::string png = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s;
    EXPECT_EQ(decodeError(png),
              "customers.csv: line 2, byte 7: contains control byte 0x1A; not a text/CSV file");
}

TEST(Encoding, NulByteIsNotText) {
    const std::string bytes = "name,phone\nabc\0def\n"s;
    EXPECT_EQ(decodeError(bytes),
              "customers.csv: line 2, byte 15: contains a NUL byte; not a text/CSV file");
}

TEST(Encoding, ControlBytesInGbkLookingDataAreNotText) {
    // Would decode as GB18030 (any lead/trail pairs do) but an ESC byte gives it away.
    const std::string bytes = "\xB0\xA1\xB0\xA1\x1B\xB0\xA1";
    EXPECT_EQ(decodeError(bytes),
              "customers.csv: line 1, byte 5: contains control byte 0x1B; not a text/CSV file");
}

TEST(Encoding, TabFormFeedAndLineBreaksAreText) {
    Result<DecodedText> r = decodeToUtf8("a\tb\fc\rd\ne\r\n", "customers.csv");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->utf8, "a\tb\fc\rd\ne\r\n");
}

TEST(Encoding, BytesThatAreNeitherUtf8NorGb18030) {
    EXPECT_EQ(decodeError("name,phone\n王芳,138\nx\xFFy\n"),
              "customers.csv: line 3, byte 24: neither UTF-8 nor GBK/GB18030 text");
    // A GBK lead byte cut off by the end of the file.
    EXPECT_EQ(decodeError("abc\n\x81"),
              "customers.csv: line 2, byte 5: neither UTF-8 nor GBK/GB18030 text");
    // Lone CRs (old Mac files) count as line breaks too.
    EXPECT_EQ(decodeError("a\rb\r\n\xFF"),
              "customers.csv: line 3, byte 6: neither UTF-8 nor GBK/GB18030 text");
}

TEST(Encoding, ErrorPointsPastTheLongestReadablePrefix) {
    // Valid UTF-8 Chinese, then a broken byte late in the file: the GB18030 reading fails early
    // (at the lead byte before the ASCII comma), so the place reported is the UTF-8 one.
    const std::string bytes = "姓,手机\n王芳,13800138000\n张\xE4\xB8,1\n";
    EXPECT_EQ(decodeError(bytes),
              "customers.csv: line 3, byte 34: neither UTF-8 nor GBK/GB18030 text");
}

TEST(Encoding, BomPromisesUtf8) {
    EXPECT_EQ(decodeError("\xEF\xBB\xBF"
                          "name\n" +
                          toGb18030("王芳") + "\n"),
              "customers.csv: line 2, byte 9: the file starts with a UTF-8 byte-order mark but "
              "is not valid UTF-8");
}

TEST(Encoding, ReadFileBytesReadsEverything) {
    const std::string path = testing::TempDir() + "fc_encoding_test_read.bin";
    std::string content = "\xEF\xBB\xBF姓名\0\xFF"s;
    for (int i = 0; i < 20000; ++i) content += "王芳,13800138000\r\n";  // several buffers
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(std::fwrite(content.data(), 1, content.size(), f), content.size());
    std::fclose(f);

    Result<std::string> r = readFileBytes(path);
    std::remove(path.c_str());
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, content);
}

TEST(Encoding, ReadFileBytesNamesPathAndReason) {
    const std::string missing = testing::TempDir() + "fc_no_such_dir/customers.csv";
    Result<std::string> r = readFileBytes(missing);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::kIo);
    EXPECT_EQ(r.error().message, "cannot open " + missing + ": No such file or directory");

    Result<std::string> dir = readFileBytes(testing::TempDir());
    ASSERT_FALSE(dir.ok());
    EXPECT_EQ(dir.error().code, Errc::kIo);
    EXPECT_EQ(dir.error().message, "cannot read " + testing::TempDir() + ": Is a directory");
}

}  // namespace
}  // namespace fc::core
