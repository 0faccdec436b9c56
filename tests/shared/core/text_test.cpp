#include "shared/core/text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace fc::core {
namespace {

using namespace std::string_literals;

// [SECTION] isValidUtf8

TEST(Text, ValidUtf8IsAccepted) {
    const std::vector<std::string> good = {
        ""s,
        "abc"s,
        "王芳"s,
        "a😀b"s,
        "\0"s,                // U+0000 is a valid code point
        "\xC2\x80"s,          // U+0080, smallest 2-byte
        "\xDF\xBF"s,          // U+07FF, largest 2-byte
        "\xE0\xA0\x80"s,      // U+0800, smallest 3-byte
        "\xED\x9F\xBF"s,      // U+D7FF, just below the surrogates
        "\xEE\x80\x80"s,      // U+E000, just above the surrogates
        "\xEF\xBF\xBF"s,      // U+FFFF
        "\xF0\x90\x80\x80"s,  // U+10000, smallest 4-byte
        "\xF4\x8F\xBF\xBF"s,  // U+10FFFF, the last code point
        "\xF0\xA0\xAE\xB7"s,  // 𠮷 U+20BB7
    };
    for (const auto& s : good) {
        size_t bad = 12345;
        EXPECT_TRUE(isValidUtf8(s, &bad)) << testing::PrintToString(s);
        EXPECT_TRUE(isValidUtf8(s)) << testing::PrintToString(s);
    }
}

TEST(Text, InvalidUtf8ReportsOffsetOfFirstBadSequence) {
    struct Case {
        std::string bytes;
        size_t offset;
        const char* why;
    };
    const std::vector<Case> cases = {
        {"ab\xC0\x80"s, 2, "overlong NUL"},
        {"\xC1\xBF"s, 0, "overlong 2-byte"},
        {"\xE0\x80\xAF"s, 0, "overlong 3-byte '/'"},
        {"\xE0\x9F\xBF"s, 0, "overlong 3-byte U+07FF"},
        {"\xF0\x80\x80\xAF"s, 0, "overlong 4-byte '/'"},
        {"\xF0\x8F\xBF\xBF"s, 0, "overlong 4-byte U+FFFF"},
        {"\xED\xA0\x80"s, 0, "high surrogate U+D800"},
        {"x\xED\xBF\xBF"s, 1, "low surrogate U+DFFF"},
        {"\xF4\x90\x80\x80"s, 0, "above U+10FFFF"},
        {"\xF5\x80\x80\x80"s, 0, "lead byte F5"},
        {"\xF8\x88\x80\x80\x80"s, 0, "5-byte lead"},
        {"\xFF"s, 0, "FF byte"},
        {"\xFE"s, 0, "FE byte"},
        {"a\x80"
         "b"s,
         1, "lone continuation byte"},
        {"王\xE8\x8A"s, 3, "truncated 3-byte at the end"},
        {"\xF0\x9F\x98"s, 0, "truncated 4-byte"},
        {"\xC3"s, 0, "truncated 2-byte"},
        {"\xE7\x8E\x41"s, 0, "ASCII where a continuation byte belongs"},
        {"王芳\xE8\x8A\xB3\xE8"s, 9, "valid then a lone lead byte"},
    };
    for (const auto& c : cases) {
        size_t bad = 12345;
        EXPECT_FALSE(isValidUtf8(c.bytes, &bad)) << c.why;
        EXPECT_EQ(bad, c.offset) << c.why;
        EXPECT_FALSE(isValidUtf8(c.bytes)) << c.why << " (without an offset pointer)";
    }
}

// [SECTION] decode / encode

TEST(Text, DecodesChineseAndFourByteCharacters) {
    EXPECT_EQ(decodeUtf8("王芳"), (std::vector<char32_t>{0x738B, 0x82B3}));
    EXPECT_EQ(decodeUtf8("a😀"), (std::vector<char32_t>{U'a', 0x1F600}));
    EXPECT_EQ(decodeUtf8("𠮷田"), (std::vector<char32_t>{0x20BB7, 0x7530}));
    EXPECT_TRUE(decodeUtf8("").empty());
}

TEST(Text, DecodeReplacesEachMalformedByteWithReplacementChar) {
    using V = std::vector<char32_t>;
    EXPECT_EQ(decodeUtf8("a\xFF"
                         "b"),
              (V{U'a', 0xFFFD, U'b'}));
    EXPECT_EQ(decodeUtf8("\xE7\x8E"), (V{0xFFFD, 0xFFFD}));              // truncated 王
    EXPECT_EQ(decodeUtf8("\xC0\x80"), (V{0xFFFD, 0xFFFD}));              // overlong
    EXPECT_EQ(decodeUtf8("\xED\xA0\x80"), (V{0xFFFD, 0xFFFD, 0xFFFD}));  // surrogate
    EXPECT_EQ(decodeUtf8("\xE7\x8E"
                         "A"),
              (V{0xFFFD, 0xFFFD, U'A'}));
}

TEST(Text, EncodesEachLengthClassExactly) {
    auto enc = [](char32_t cp) {
        std::string s;
        appendUtf8(s, cp);
        return s;
    };
    EXPECT_EQ(enc(U'A'), "A");
    EXPECT_EQ(enc(0x7F), "\x7F");
    EXPECT_EQ(enc(0x80), "\xC2\x80");
    EXPECT_EQ(enc(0xB7), "\xC2\xB7");  // middle dot
    EXPECT_EQ(enc(0x7FF), "\xDF\xBF");
    EXPECT_EQ(enc(0x800), "\xE0\xA0\x80");
    EXPECT_EQ(enc(0x738B), "王");
    EXPECT_EQ(enc(0xFFFF), "\xEF\xBF\xBF");
    EXPECT_EQ(enc(0x10000), "\xF0\x90\x80\x80");
    EXPECT_EQ(enc(0x20BB7), "\xF0\xA0\xAE\xB7");
    EXPECT_EQ(enc(0x10FFFF), "\xF4\x8F\xBF\xBF");

    std::string appended = "x";
    appendUtf8(appended, 0x82B3);
    EXPECT_EQ(appended, "x芳");
}

TEST(Text, EncodeDecodeRoundTripsBoundaryCodePoints) {
    const std::vector<char32_t> cps = {0x0,     0x41,   0x7F,   0x80,    0x7FF,   0x800,
                                       0xD7FF,  0xE000, 0xFFFD, 0xFFFF,  0x10000, 0x1F600,
                                       0x20BB7, 0x738B, 0x8D5F, 0x10FFFF};
    const std::string bytes = encodeUtf8(cps);
    EXPECT_EQ(bytes.size(), 1u + 1 + 1 + 2 + 2 + 3 + 3 + 3 + 3 + 3 + 4 + 4 + 4 + 3 + 3 + 4);
    EXPECT_TRUE(isValidUtf8(bytes));
    EXPECT_EQ(decodeUtf8(bytes), cps);
    EXPECT_EQ(utf8Length(bytes), cps.size());
    EXPECT_EQ(encodeUtf8({}), "");
}

TEST(Text, Utf8LengthCountsCodePoints) {
    EXPECT_EQ(utf8Length(""), 0u);
    EXPECT_EQ(utf8Length("abc"), 3u);
    EXPECT_EQ(utf8Length("王芳"), 2u);
    EXPECT_EQ(utf8Length("a😀王"), 3u);
    EXPECT_EQ(utf8Length("欧阳娜娜"), 4u);
}

// [SECTION] foldWidth / trim / cleanText

TEST(Text, FoldWidthTurnsFullWidthAsciiIntoAscii) {
    EXPECT_EQ(foldWidth("ＡＢＣ１２３"), "ABC123");
    EXPECT_EQ(foldWidth("ｂｏｓｃｈ"), "bosch");
    EXPECT_EQ(foldWidth("！"), "!");  // U+FF01, first of the range
    EXPECT_EQ(foldWidth("～"), "~");  // U+FF5E, last of the range
    EXPECT_EQ(foldWidth("（８６）"), "(86)");
    EXPECT_EQ(foldWidth("王　芳"), "王 芳");  // U+3000 ideographic space
    EXPECT_EQ(foldWidth("粤Ｂ·１２３４５"), "粤B·12345");
}

TEST(Text, FoldWidthLeavesEverythingElseAlone) {
    EXPECT_EQ(foldWidth(""), "");
    EXPECT_EQ(foldWidth("plain ASCII 123"), "plain ASCII 123");
    EXPECT_EQ(foldWidth("王芳"), "王芳");
    EXPECT_EQ(foldWidth("￥"), "￥");                      // U+FFE5 is outside FF01..FF5E
    EXPECT_EQ(foldWidth("⦅"), "⦅");                        // U+FF5F, just after the range
    EXPECT_EQ(foldWidth("\xEF\xBC\x80"), "\xEF\xBC\x80");  // U+FF00, just before the range
    EXPECT_EQ(foldWidth("𠮷"), "𠮷");
}

TEST(Text, TrimRemovesAsciiAndUnicodeSpacesAtBothEnds) {
    EXPECT_EQ(trim("  王芳 \t\r\n"), "王芳");
    EXPECT_EQ(trim("\xE3\x80\x80王芳\xE3\x80\x80"), "王芳");  // U+3000
    EXPECT_EQ(trim("\xEF\xBB\xBF王芳"), "王芳");              // BOM at the start of a file
    EXPECT_EQ(trim("\xC2\xA0x\xC2\xA0"), "x");                // NBSP
    EXPECT_EQ(trim("\v\fa b\v"), "a b");
}

TEST(Text, TrimKeepsInnerSpacesAndContent) {
    EXPECT_EQ(trim("a  b"), "a  b");
    EXPECT_EQ(trim(" 王\xE3\x80\x80芳 "), "王\xE3\x80\x80芳");
    EXPECT_EQ(trim("\xE3\x80\x80ＡＢ\xE3\x80\x80"), "ＡＢ");  // trims, does not fold
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim(" \t\xE3\x80\x80\xEF\xBB\xBF "), "");
}

TEST(Text, CleanTextFoldsTrimsAndCollapses) {
    EXPECT_EQ(cleanText("  王\xE3\x80\x80\xE3\x80\x80芳  "), "王 芳");
    EXPECT_EQ(cleanText("ＡＢＣ\t\t１２３"), "ABC 123");
    EXPECT_EQ(cleanText("\xEF\xBB\xBF"
                        "abc"),
              "abc");
    EXPECT_EQ(cleanText("a \n b"), "a b");
    EXPECT_EQ(cleanText("Alice   Wong"), "Alice Wong");
    EXPECT_EQ(cleanText("no-change"), "no-change");
    EXPECT_EQ(cleanText(""), "");
    EXPECT_EQ(cleanText(" \t\xE3\x80\x80 "), "");
}

TEST(Text, AsciiCaseChangesOnlyTouchAscii) {
    EXPECT_EQ(toUpperAscii("abc王xyz"), "ABC王XYZ");
    EXPECT_EQ(toUpperAscii("ｂ"), "ｂ");
    EXPECT_EQ(toUpperAscii("A1-z"), "A1-Z");
    EXPECT_EQ(toLowerAscii("ABC王XYZ"), "abc王xyz");
    EXPECT_EQ(toLowerAscii("Ｂ"), "Ｂ");
    EXPECT_EQ(toLowerAscii(""), "");
}

// [SECTION] splitList

TEST(Text, SplitListSplitsOnAsciiDelimitersAndTrims) {
    EXPECT_EQ(splitList("a, b;;c / d"), (std::vector<std::string>{"a", "b", "c", "d"}));
    EXPECT_EQ(splitList("single"), (std::vector<std::string>{"single"}));
    EXPECT_TRUE(splitList("").empty());
    EXPECT_TRUE(splitList(" , ;/ ,").empty());
}

TEST(Text, SplitListSplitsOnChineseSeparators) {
    EXPECT_EQ(splitList("机油，机滤、空滤；火花塞"),
              (std::vector<std::string>{"机油", "机滤", "空滤", "火花塞"}));
    EXPECT_EQ(splitList("机油\xE3\x80\x80，\xE3\x80\x80机滤"),
              (std::vector<std::string>{"机油", "机滤"}));
    EXPECT_EQ(splitList("机油,机滤，空滤"), (std::vector<std::string>{"机油", "机滤", "空滤"}));
}

TEST(Text, SplitListWithoutCjkSeparatorsKeepsThem) {
    EXPECT_EQ(splitList("机油，机滤、空滤", ",;/", false),
              (std::vector<std::string>{"机油，机滤、空滤"}));
    EXPECT_EQ(splitList("机油，机滤,空滤", ",", false),
              (std::vector<std::string>{"机油，机滤", "空滤"}));
}

TEST(Text, SplitListUsesOnlyTheGivenAsciiDelimiters) {
    EXPECT_EQ(splitList("a|b,c", "|"), (std::vector<std::string>{"a", "b,c"}));
    EXPECT_EQ(splitList("a|b，c", "|"), (std::vector<std::string>{"a", "b", "c"}));
}

}  // namespace
}  // namespace fc::core
