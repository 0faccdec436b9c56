// Excel export read back the way a spreadsheet would: the .xlsx is unzipped (`unzip -p`) and its
// XML looked at — the sheets' names, the Chinese headers and texts in the shared strings, the
// numbers as numbers in yuan, units, fractions and ratios, the header and total rows bold, money
// formatted ¥#,##0.00 — and a file that cannot be written is named, with nothing left behind.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "platform/export/xlsx.hpp"
#include "tests/support/test_store.hpp"
#include "tests/support/command.hpp"

namespace fc::platform {
namespace {

namespace fs = std::filesystem;
using core::CellFormat;
using core::ReportCell;

// One member of the zip, as `unzip -p` prints it.
std::string member(const std::string& xlsx, const std::string& name) {
    const auto r = fc::test::runCommand("unzip -p " + fc::test::shellQuote(xlsx) + " " + fc::test::shellQuote(name) +
                                        " 2>/dev/null");
    EXPECT_EQ(r.status, 0) << "unzip " << name;
    return r.out;
}

std::string unescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (size_t at; (at = s.find(from)) != std::string::npos;)
            s.replace(at, std::strlen(from), to);
    return s;
}

struct Cell {
    std::string value;  // the text (shared strings resolved) or the number as written
    bool text = false;
    int style = 0;
};

// A sheet's cells by reference ("A1"), strings looked up in the shared strings.
std::map<std::string, Cell> cellsOf(const std::string& xlsx, int sheet) {
    std::vector<std::string> strings;
    const std::string sst = member(xlsx, "xl/sharedStrings.xml");
    const std::regex si(R"re(<si><t[^>]*>([^<]*)</t></si>)re");
    for (std::sregex_iterator it(sst.begin(), sst.end(), si), end; it != end; ++it)
        strings.push_back(unescape((*it)[1]));
    std::map<std::string, Cell> out;
    const std::string xml = member(xlsx, "xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
    const std::regex c(R"re(<c r="([A-Z]+[0-9]+)"( s="([0-9]+)")?( t="s")?><v>([^<]*)</v></c>)re");
    for (std::sregex_iterator it(xml.begin(), xml.end(), c), end; it != end; ++it) {
        Cell cell;
        cell.style = (*it)[3].matched ? std::stoi((*it)[3]) : 0;
        cell.text = (*it)[4].matched;
        cell.value = (*it)[5];
        if (cell.text) cell.value = strings.at(std::stoul(cell.value));
        out[(*it)[1]] = cell;
    }
    return out;
}

// The styles: for each cell style, whether its font is bold and its number format's code.
struct Style {
    bool bold = false;
    std::string numberFormat;
};

std::vector<Style> stylesOf(const std::string& xlsx) {
    const std::string xml = member(xlsx, "xl/styles.xml");
    std::map<int, std::string> formats;
    const std::regex nf(R"re(<numFmt numFmtId="([0-9]+)" formatCode="([^"]*)"/>)re");
    for (std::sregex_iterator it(xml.begin(), xml.end(), nf), end; it != end; ++it)
        formats[std::stoi((*it)[1])] = unescape((*it)[2]);
    std::vector<bool> fontBold;
    const size_t fonts = xml.find("<fonts"), fontsEnd = xml.find("</fonts>");
    const std::string fontXml = xml.substr(fonts, fontsEnd - fonts);
    const std::regex font(R"re(<font>(.*?)</font>)re");
    for (std::sregex_iterator it(fontXml.begin(), fontXml.end(), font), end; it != end; ++it)
        fontBold.push_back((*it)[1].str().find("<b/>") != std::string::npos);
    std::vector<Style> out;
    const size_t xfs = xml.find("<cellXfs"), xfsEnd = xml.find("</cellXfs>");
    const std::string xfXml = xml.substr(xfs, xfsEnd - xfs);
    const std::regex xf(R"re(<xf numFmtId="([0-9]+)" fontId="([0-9]+)")re");
    for (std::sregex_iterator it(xfXml.begin(), xfXml.end(), xf), end; it != end; ++it) {
        const int f = std::stoi((*it)[2]);
        out.push_back({f < static_cast<int>(fontBold.size()) && fontBold[static_cast<size_t>(f)],
                       formats.count(std::stoi((*it)[1])) ? formats[std::stoi((*it)[1])] : ""});
    }
    return out;
}

core::ReportTable turnover() {
    core::ReportTable t{.title = "库存周转（按配件）",
                        .subtitle = "2026-01-31 – 2026-03-12",
                        .columns = {{"编码"},
                                    {"名称", CellFormat::kText, 2},
                                    {"出库数量", CellFormat::kQuantity},
                                    {"出库成本", CellFormat::kFen},
                                    {"周转率", CellFormat::kRatio},
                                    {"占比", CellFormat::kPercent},
                                    {"工单数", CellFormat::kCount}}};
    t.rows.push_back({ReportCell::plain("FLT-OIL-0042"), ReportCell::plain("机油滤清器"),
                      ReportCell::quantity(2'500), ReportCell::fen(466'650), ReportCell::ratio(12),
                      ReportCell::percent(5'488), ReportCell::count(3)});
    t.rows.push_back({ReportCell::plain("TYR-MICH-2055516"),
                      ReportCell::plain("米其林 轮胎 <205/55R16> & 气门嘴"),
                      ReportCell::quantity(0), ReportCell::fen(0),
                      ReportCell::none(CellFormat::kRatio), ReportCell::percent(0),
                      ReportCell::count(0)});
    t.rows.push_back({ReportCell::plain("合计"), ReportCell::plain(""),
                      ReportCell::none(CellFormat::kQuantity), ReportCell::fen(466'650),
                      ReportCell::none(CellFormat::kRatio), ReportCell::percent(10'000),
                      ReportCell::count(3)});
    t.totalRows = 1;
    return t;
}

TEST(Xlsx, ASheetPerTableWithChineseHeadersNumbersAsNumbersAndBoldHeaderAndTotals) {
    fc::test::TempDir dir;
    const std::string path = dir.file("库存周转.xlsx");
    core::ReportTable second = turnover();
    second.rows.resize(1);
    ASSERT_TRUE(writeXlsx({turnover(), second}, path).ok());
    ASSERT_TRUE(fs::exists(path));

    const std::string workbook = member(path, "xl/workbook.xml");
    EXPECT_NE(workbook.find(R"(name="库存周转（按配件）")"), std::string::npos) << workbook;
    EXPECT_NE(workbook.find(R"(name="库存周转（按配件） 2")"), std::string::npos)
        << "a second sheet of the same title";

    const auto cells = cellsOf(path, 1);
    const std::vector<Style> styles = stylesOf(path);
    auto styleOf = [&](const std::string& ref) {
        return styles.at(static_cast<size_t>(cells.at(ref).style));
    };
    // The title and period, then the headers in row 3.
    ASSERT_TRUE(cells.count("A1"));
    EXPECT_EQ(cells.at("A1").value, "库存周转（按配件）  2026-01-31 – 2026-03-12");
    const std::vector<std::pair<const char*, const char*>> headers = {
        {"A3", "编码"},   {"B3", "名称"}, {"C3", "出库数量"}, {"D3", "出库成本"},
        {"E3", "周转率"}, {"F3", "占比"}, {"G3", "工单数"}};
    for (const auto& [ref, text] : headers) {
        ASSERT_TRUE(cells.count(ref)) << ref;
        EXPECT_TRUE(cells.at(ref).text) << ref;
        EXPECT_EQ(cells.at(ref).value, text) << ref;
        EXPECT_TRUE(styleOf(ref).bold) << ref << " header bold";
    }
    // The first row: text as text, numbers as numbers in the unit people read.
    EXPECT_EQ(cells.at("A4").value, "FLT-OIL-0042");
    EXPECT_EQ(cells.at("B4").value, "机油滤清器");
    EXPECT_FALSE(cells.at("C4").text);
    EXPECT_EQ(std::stod(cells.at("C4").value), 2.5);
    EXPECT_EQ(std::stod(cells.at("D4").value), 4666.5);
    EXPECT_EQ(styleOf("D4").numberFormat, "¥#,##0.00");
    EXPECT_FALSE(styleOf("D4").bold);
    EXPECT_EQ(std::stod(cells.at("E4").value), 0.12);
    EXPECT_EQ(styleOf("E4").numberFormat, "0.00");
    EXPECT_EQ(std::stod(cells.at("F4").value), 0.5488);
    EXPECT_EQ(styleOf("F4").numberFormat, "0.0%");
    EXPECT_EQ(std::stod(cells.at("G4").value), 3);
    // XML's special characters survive; a blank number is an empty cell.
    EXPECT_EQ(cells.at("B5").value, "米其林 轮胎 <205/55R16> & 气门嘴");
    EXPECT_FALSE(cells.count("E5")) << "no turnover: nothing written";
    EXPECT_EQ(std::stod(cells.at("D5").value), 0);
    // The total row in bold.
    EXPECT_EQ(cells.at("A6").value, "合计");
    EXPECT_TRUE(styleOf("A6").bold);
    EXPECT_TRUE(styleOf("D6").bold);
    EXPECT_EQ(styleOf("D6").numberFormat, "¥#,##0.00");
    EXPECT_EQ(std::stod(cells.at("F6").value), 1);

    const auto two = cellsOf(path, 2);
    EXPECT_EQ(two.at("A4").value, "FLT-OIL-0042");
    EXPECT_FALSE(two.count("A5"));

    // Written again over the first: replaced whole, nothing beside it.
    ASSERT_TRUE(writeXlsx({second}, path).ok());
    EXPECT_EQ(member(path, "xl/workbook.xml").find("（按配件） 2"), std::string::npos)
        << "one sheet now";
    size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) files += e.is_regular_file();
    EXPECT_EQ(files, 1u) << "no temporary file left";
}

TEST(Xlsx, AFileThatCannotBeWrittenIsNamedAndNothingIsLeftBehind) {
    fc::test::TempDir dir;
    const std::string path = dir.file("没有这个文件夹/a.xlsx");
    auto s = writeXlsx({turnover()}, path);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, core::Errc::kIo);
    EXPECT_NE(s.error().message.find("'" + path + "'"), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find("No such file or directory"), std::string::npos)
        << s.error().message;
    EXPECT_TRUE(fs::is_empty(dir.path()));
    auto none = writeXlsx({}, dir.file("b.xlsx"));
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("b.xlsx"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(Xlsx, SheetNamesExcelAllows) {
    EXPECT_EQ(xlsxSheetName("a/b:c[1]*?\\"), "abc1");
    EXPECT_EQ(xlsxSheetName("'引号'"), "引号");
    EXPECT_EQ(xlsxSheetName(""), "Sheet");
    std::string longName;
    for (int i = 0; i < 40; ++i) longName += "库";
    EXPECT_EQ(xlsxSheetName(longName).size(), 31u * 3) << "31 characters, not bytes";
}

}  // namespace
}  // namespace fc::platform
