#include "shared/io/csv.hpp"
#include "tests/support/test_store.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "shared/io/encoding.hpp"

namespace fc::core {
namespace {

using Fields = std::vector<std::string>;

CsvTable parseOk(std::string_view text) {
    Result<CsvTable> r = parseCsv(text, "customers.csv");
    if (!r.ok()) {
        ADD_FAILURE() << r.error().message;
        return {};
    }
    return std::move(r).value();
}

std::string parseError(std::string_view text) {
    Result<CsvTable> r = parseCsv(text, "customers.csv");
    if (r.ok()) return "(parsed)";
    EXPECT_EQ(r.error().code, Errc::kInvalid);
    return r.error().message;
}

TEST(Csv, HeaderAndRowsWithLineNumbers) {
    const CsvTable t = parseOk("姓名,手机,车牌\n王芳,13800138000,京A12345\n李雷,13900139000,\n");
    EXPECT_EQ(t.delimiter, ',');
    EXPECT_EQ(t.header, (Fields{"姓名", "手机", "车牌"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"王芳", "13800138000", "京A12345"}));
    EXPECT_EQ(t.rows[1].line, 3u);
    EXPECT_EQ(t.rows[1].fields, (Fields{"李雷", "13900139000", ""}));
}

TEST(Csv, QuotedDelimitersAndNewlinesKeepLineCountsRight) {
    const CsvTable t = parseOk(
        "姓名,地址,手机\n"
        "王芳,\"北京市,朝阳区\",13800138000\n"
        "李雷,\"第一行\n第二行\n第三行\",13900139000\n"
        "韩梅梅,上海,13700137000\n");
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0].line, 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"王芳", "北京市,朝阳区", "13800138000"}));
    EXPECT_EQ(t.rows[1].line, 3u);
    EXPECT_EQ(t.rows[1].fields, (Fields{"李雷", "第一行\n第二行\n第三行", "13900139000"}));
    EXPECT_EQ(t.rows[2].line, 6u);
    EXPECT_EQ(t.rows[2].fields, (Fields{"韩梅梅", "上海", "13700137000"}));
}

TEST(Csv, DoubledQuotesAndEmptyQuotedFields) {
    const CsvTable t = parseOk("a,b,c,d\nx,\"say \"\"hi\"\"\",\"\",\"\"\"\"\n");
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"x", "say \"hi\"", "", "\""}));
}

TEST(Csv, CrLfLineEndings) {
    const CsvTable t = parseOk("name,phone\r\nWang,138\r\nLi,139\r\n");
    EXPECT_EQ(t.header, (Fields{"name", "phone"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"Wang", "138"}));
    EXPECT_EQ(t.rows[1].line, 3u);
    EXPECT_EQ(t.rows[1].fields, (Fields{"Li", "139"}));
}

TEST(Csv, LoneCrLineEndingsAndNoFinalNewline) {
    const CsvTable t = parseOk("name,phone\rWang,138\rLi,139");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"Wang", "138"}));
    EXPECT_EQ(t.rows[1].line, 3u);
    EXPECT_EQ(t.rows[1].fields, (Fields{"Li", "139"}));
}

TEST(Csv, LineBreaksInsideQuotesBecomeLfAndCountOnce) {
    const CsvTable t = parseOk("a,b\r\n1,\"x\r\ny\rz\"\r\n2,w\r\n");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"1", "x\ny\nz"}));
    EXPECT_EQ(t.rows[1].line, 5u);
    EXPECT_EQ(t.rows[1].fields, (Fields{"2", "w"}));
}

TEST(Csv, UnbalancedQuoteNamesTheLineItOpened) {
    EXPECT_EQ(parseError("name,note\nA,ok\nB,ok\nC,ok\nD,ok\nE,ok\nF,\"starts here\nstill open\n"),
              "customers.csv: line 7: a quoted field is never closed (unbalanced \")");
    EXPECT_EQ(parseError("\"name"),
              "customers.csv: line 1: a quoted field is never closed (unbalanced \")");
}

TEST(Csv, TextAfterClosingQuoteNamesLineAndField) {
    EXPECT_EQ(parseError("name,note\nA,ok\nB,ok\nC,\"x\"y,z\n"),
              "customers.csv: line 4, field 2: unexpected text after a closing quote (a quote "
              "inside a quoted field must be doubled: \"\")");
    // The line is where the stray text is, after a multi-line field.
    EXPECT_EQ(parseError("a,b,c\n1,2,\"two\nlines\" x\n").substr(0, 65),
              "customers.csv: line 3, field 3: unexpected text after a closing q");
}

TEST(Csv, StrayQuoteInsideUnquotedFieldIsKept) {
    const CsvTable t = parseOk("part,size\n5\" tyre,R16\n");
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"5\" tyre", "R16"}));
}

TEST(Csv, DetectsTabDelimiter) {
    const CsvTable t = parseOk("姓名\t手机\t备注\n王芳\t138\t\"a\tb\"\n李雷\t139\t老客户, VIP\n");
    EXPECT_EQ(t.delimiter, '\t');
    EXPECT_EQ(t.header, (Fields{"姓名", "手机", "备注"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"王芳", "138", "a\tb"}));
    EXPECT_EQ(t.rows[1].fields, (Fields{"李雷", "139", "老客户, VIP"}));
}

TEST(Csv, DetectsSemicolonDelimiter) {
    const CsvTable t = parseOk("name;phone;note\nWang;138;a,b\n");
    EXPECT_EQ(t.delimiter, ';');
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"Wang", "138", "a,b"}));
}

TEST(Csv, DetectionIgnoresDelimitersInsideQuotes) {
    EXPECT_EQ(parseOk("\"a,b,c\";d;e\n").delimiter, ';');
    EXPECT_EQ(parseOk("\"a;b;c\",d\n").delimiter, ',');
    EXPECT_EQ(parseOk("a;b,c\n").delimiter, ',');  // a tie goes to the comma
}

TEST(Csv, SingleColumnWithoutDelimiter) {
    const CsvTable t = parseOk("姓名\n王芳\n李雷");
    EXPECT_EQ(t.delimiter, ',');
    EXPECT_EQ(t.header, (Fields{"姓名"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"王芳"}));
    EXPECT_EQ(t.rows[1].line, 3u);
    EXPECT_EQ(t.rows[1].fields, (Fields{"李雷"}));
}

TEST(Csv, EmptyLinesAreSkipped) {
    const CsvTable t = parseOk("\n\nname,phone\n\nWang,1\n\r\n\nLi,2\n\n");
    EXPECT_EQ(t.header, (Fields{"name", "phone"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 5u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"Wang", "1"}));
    EXPECT_EQ(t.rows[1].line, 8u);
    EXPECT_EQ(t.rows[1].fields, (Fields{"Li", "2"}));
}

TEST(Csv, LinesOfOnlyDelimitersOrQuotesAreRows) {
    const CsvTable t = parseOk("a,b,c\n,,\n\"\"\n");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"", "", ""}));
    EXPECT_EQ(t.rows[1].line, 3u);
    EXPECT_EQ(t.rows[1].fields, (Fields{""}));
}

TEST(Csv, NoHeaderRowIsAnError) {
    const std::string expected = "customers.csv: no header row (the file holds only empty lines)";
    EXPECT_EQ(parseError(""), expected);
    EXPECT_EQ(parseError("\n\r\n\r"), expected);
    EXPECT_EQ(parseError("\xEF\xBB\xBF\r\n"), expected);
}

TEST(Csv, HeaderCellsAreTrimmedAndBomStripped) {
    const CsvTable t =
        parseOk("\xEF\xBB\xBF 姓名 ,\u3000手机\u3000,\"\xEF\xBB\xBF备注\"\n王芳 , 138 ,x\n");
    EXPECT_EQ(t.header, (Fields{"姓名", "手机", "备注"}));
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"王芳 ", " 138 ", "x"}));  // data cells as written
}

TEST(Csv, RowsWithOtherFieldCountsAreReturnedAsTheyAre) {
    const CsvTable t = parseOk("a,b,c\n1,2\n1,2,3,4\n");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"1", "2"}));
    EXPECT_EQ(t.rows[1].fields, (Fields{"1", "2", "3", "4"}));
}

TEST(Csv, GbkFileFromExcelEndToEnd) {
    const std::string utf8 = "姓名,手机,地址\r\n王芳,13800138000,\"广州市,天河区\"\r\n";
    const std::string gbk = test::toGb18030(utf8);

    Result<DecodedText> text = decodeToUtf8(gbk, "customers.csv");
    ASSERT_TRUE(text.ok()) << text.error().message;
    EXPECT_EQ(text->encoding, TextEncoding::kGb18030);
    const CsvTable t = parseOk(text->utf8);
    EXPECT_EQ(t.header, (Fields{"姓名", "手机", "地址"}));
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].line, 2u);
    EXPECT_EQ(t.rows[0].fields, (Fields{"王芳", "13800138000", "广州市,天河区"}));
}

TEST(Csv, ManyRowsParseInOnePass) {
    std::string text = "姓名,手机,备注\n";
    for (int i = 0; i < 50000; ++i) text += "王芳,13800138000,\"老客户,\"\"VIP\"\"\"\n";
    const CsvTable t = parseOk(text);
    ASSERT_EQ(t.rows.size(), 50000u);
    EXPECT_EQ(t.rows.back().line, 50001u);
    EXPECT_EQ(t.rows.back().fields, (Fields{"王芳", "13800138000", "老客户,\"VIP\""}));
}

TEST(CsvWriter, CellsASpreadsheetWouldRunAreWrittenAsText) {
    EXPECT_EQ(csvField("=1+1"), "'=1+1");
    EXPECT_EQ(csvField("+86 138 0013 8000"), "'+86 138 0013 8000");
    EXPECT_EQ(csvField("-2+3"), "'-2+3");
    EXPECT_EQ(csvField("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csvField("\t=cmd"), "\"'\t=cmd\"") << "a tab is quoted as well";
    EXPECT_EQ(csvField("=HYPERLINK(\"http://x\",\"点我\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"");
    EXPECT_EQ(csvField("王芳"), "王芳") << "ordinary text as it is";
    EXPECT_EQ(csvField("a=b"), "a=b") << "only a leading character matters";
    EXPECT_EQ(csvField(""), "");
}

TEST(CsvWriter, WhatItWritesReadsBackTheSame) {
    const std::vector<std::string> fields = {"王芳", "逗号,在中间", "引号\"在中间", "换行\n在中间", "分号;", "plain"};
    const std::string text = csvRecord({"a", "b", "c", "d", "e", "f"}) + csvRecord(fields);
    EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
    auto table = parseCsv(text, "export.csv");
    ASSERT_TRUE(table.ok()) << table.error().message;
    ASSERT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->rows[0].fields, fields);
}

}  // namespace
}  // namespace fc::core
