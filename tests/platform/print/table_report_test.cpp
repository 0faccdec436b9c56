// Report tables printed as an A4 report and read back with pdftotext / pdfinfo: the title, the
// Chinese headers and texts, money and numbers as the screen shows them, the total row; a long
// table runs onto more pages with its headers again; a wide table turns the page to landscape; a
// file that cannot be written is named.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "platform/print/print.hpp"
#include "shared/readmodel/report_table.hpp"
#include "tests/support/test_store.hpp"
#include "tests/support/command.hpp"

namespace fc::platform {
namespace {

using core::CellFormat;
using core::ReportCell;

std::string output(const std::string& command) {
    const auto r = fc::test::runCommand(command + " 2>/dev/null");
    EXPECT_EQ(r.status, 0) << command;
    return r.out;
}

// pdftotext's text without spaces and line breaks (it guesses where they go).
std::string pdfText(const std::string& pdf) {
    std::string out;
    for (char c : output("pdftotext -enc UTF-8 " + fc::test::shellQuote(pdf) + " -"))
        if (c != ' ' && c != '\n' && c != '\f' && c != '\t') out += c;
    return out;
}

bool has(const std::string& text, const std::string& words) {
    std::string squeezed;
    for (char c : words)
        if (c != ' ') squeezed += c;
    return text.find(squeezed) != std::string::npos;
}

core::ReportTable valueTable() {
    core::ReportTable t{.title = "库存金额（按类别）",
                        .subtitle = "2026-03-12",
                        .columns = {{"类别", CellFormat::kText, 1.2f},
                                    {"配件数", CellFormat::kCount},
                                    {"库存金额", CellFormat::kFen, 1.2f},
                                    {"占比", CellFormat::kPercent}}};
    t.rows.push_back({ReportCell::plain("轮胎"), ReportCell::count(1), ReportCell::fen(6'000'000),
                      ReportCell::percent(5'488)});
    t.rows.push_back({ReportCell::plain("滤清器"), ReportCell::count(12),
                      ReportCell::fen(3'732'850), ReportCell::percent(3'414)});
    t.rows.push_back({ReportCell::plain("合计"), ReportCell::count(13), ReportCell::fen(9'732'850),
                      ReportCell::percent(10'000)});
    t.totalRows = 1;
    return t;
}

const TableReportInfo kInfo{"库存分析", "深圳南山店", "2026-03-12 10:30"};

TEST(TableReport, ATableReadsBackWithItsTitleHeadersNumbersAndTotal) {
    fc::test::TempDir dir;
    const std::string path = dir.file("库存金额.pdf");
    ASSERT_TRUE(renderTableReport({valueTable()}, kInfo, path).ok());
    const std::string text = pdfText(path);
    for (const char* words :
         {"库存分析", "深圳南山店", "打印时间 2026-03-12 10:30", "库存金额（按类别）", "2026-03-12",
          "类别", "配件数", "库存金额", "占比", "轮胎", "¥60,000.00", "54.9%", "滤清器",
          "¥37,328.50", "合计", "¥97,328.50", "100.0%", "第 1 页 / 共 1 页"})
        EXPECT_TRUE(has(text, words)) << words << " in\n" << text;
    EXPECT_NE(output("pdfinfo " + fc::test::shellQuote(path)).find("595.276 x 841.89"), std::string::npos)
        << "A4 portrait";
}

TEST(TableReport, ALongTableRunsOntoMorePagesWithItsHeadersAgainAndAWideOneIsLandscape) {
    fc::test::TempDir dir;
    core::ReportTable t{.title = "呆滞件", .columns = {}};
    for (const char* h : {"编码", "名称", "类别", "现有库存", "库存金额", "最后出库", "呆滞天数",
                          "工单数", "周转率"})
        t.columns.push_back({h, CellFormat::kText});
    t.columns[4].format = CellFormat::kFen;
    for (int i = 0; i < 120; ++i)
        t.rows.push_back({ReportCell::plain("PART-" + std::to_string(1000 + i)),
                          ReportCell::plain("机油滤清器"), ReportCell::plain("滤清器"),
                          ReportCell::quantity(2'000), ReportCell::fen(1'000 + i),
                          ReportCell::plain("从未出库"), ReportCell::count(90),
                          ReportCell::count(0), ReportCell::none(CellFormat::kRatio)});
    const std::string path = dir.file("slow.pdf");
    ASSERT_TRUE(renderTableReport({t, valueTable()}, kInfo, path, PrintLang::kZhCn).ok());
    const std::string info = output("pdfinfo " + fc::test::shellQuote(path));
    EXPECT_NE(info.find("841.89 x 595.276"), std::string::npos) << "nine columns: landscape\n"
                                                                << info;
    const std::string text = pdfText(path);
    EXPECT_TRUE(has(text, "PART-1000"));
    EXPECT_TRUE(has(text, "PART-1119"));
    EXPECT_TRUE(has(text, "呆滞件（续）"));
    EXPECT_TRUE(has(text, "¥11.19"));
    EXPECT_TRUE(has(text, "库存金额（按类别）")) << "the second table after the first";
    const size_t pages = std::stoul(info.substr(info.find("Pages:") + 6));
    EXPECT_GE(pages, 3u);
    EXPECT_TRUE(has(text, "共 " + std::to_string(pages) + " 页"));
    // In English, the page's own words too.
    const std::string en = dir.file("en.pdf");
    ASSERT_TRUE(renderTableReport({valueTable()}, {"Stock analysis", "Nanshan", "2026-03-12 10:30"},
                                  en, PrintLang::kEn)
                    .ok());
    EXPECT_TRUE(has(pdfText(en), "Page 1 of 1"));
}

TEST(TableReport, NothingToPrintOrAFileThatCannotBeWrittenIsAnError) {
    fc::test::TempDir dir;
    EXPECT_FALSE(tableReportPdf({}, kInfo).ok());
    const std::string path = dir.file("没有/a.pdf");
    auto s = renderTableReport({valueTable()}, kInfo, path);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("'" + path + "'"), std::string::npos) << s.error().message;
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace fc::platform
