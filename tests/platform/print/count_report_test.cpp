// The stock count's report as a person gets it: a real store with parts in bins, a whole-store
// count with a loss, a gain over the threshold, a line counted again and a line nobody counted,
// built by CountReportDocuments from CountService::review and rendered; its text (pdftotext) must
// hold the numbers with their signs (−3, +2), the totals, the Chinese names and the people, and on
// the posted count the uncounted line 按 0 过账; page 1 as a picture (pdftoppm) has ink on white.
// A 120-line count runs over several pages with the header row and the footer on each; English;
// `forecourtctl print count-report` from the store database, with its errors.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "platform/print/print.hpp"
#include "platform/scan/image_load.hpp"
#include "shared/readmodel/count_report.hpp"
#include "shared/stock/count_service.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"
#include "tests/support/command.hpp"

namespace fc::platform {
namespace {

namespace fs = std::filesystem;
using core::CountReportDoc;
using core::CountReportDocuments;
using core::CountService;
using core::Session;
using core::StaffRole;

// [SECTION] helpers

using Ran = fc::test::CommandResult;

Ran run(const std::string& command, const fc::test::TempDir& dir) {
    return fc::test::runCommand(command, dir.file("stderr.txt"));
}

Ran ctl(const std::string& args, const fc::test::TempDir& dir) {
    return run(std::string(FC_CTL_PATH) + " " + args, dir);
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

// Without spaces and line breaks: pdftotext guesses where they go from the glyphs' positions.
std::string squeeze(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\f' && c != '\t') out += c;
    return out;
}

std::string pdfText(const std::string& pdf, const fc::test::TempDir& dir) {
    Ran r = run("pdftotext -enc UTF-8 " + fc::test::shellQuote(pdf) + " -", dir);
    EXPECT_EQ(r.status, 0) << r.err;
    return squeeze(r.out);
}

bool mentions(const std::string& text, const std::string& words) {
    return has(text, squeeze(words));
}

size_t occurrences(const std::string& text, const std::string& words) {
    const std::string w = squeeze(words);
    size_t n = 0;
    for (size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + w.size())) ++n;
    return n;
}

int pdfPages(const std::string& pdf, const fc::test::TempDir& dir) {
    Ran r = run("pdfinfo " + fc::test::shellQuote(pdf), dir);
    EXPECT_EQ(r.status, 0) << r.err;
    const size_t at = r.out.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(r.out.substr(at + 6));
}

// The first page as a PNG at 150 dpi.
std::string pdfPicture(const std::string& pdf, const fc::test::TempDir& dir) {
    const std::string prefix = pdf.substr(0, pdf.size() - 4);
    Ran r = run("pdftoppm -r 150 -png -singlefile " + fc::test::shellQuote(pdf) + " " + fc::test::shellQuote(prefix), dir);
    EXPECT_EQ(r.status, 0) << r.err;
    return prefix + ".png";
}

struct Ink {
    int width = 0, height = 0;
    double dark = 0;   // share of pixels darker than 96
    double light = 0;  // share lighter than 200
};

Ink inkOf(const std::string& png) {
    Ink ink;
    auto f = loadImageFile(png);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
    if (!f.ok()) return ink;
    ink.width = f->width;
    ink.height = f->height;
    int64_t dark = 0, light = 0;
    for (int y = 0; y < f->height; ++y)
        for (int x = 0; x < f->width; ++x) {
            const uint8_t v = f->row(y)[x];
            dark += v < 96;
            light += v > 200;
        }
    const double n = static_cast<double>(f->width) * f->height;
    ink.dark = static_cast<double>(dark) / n;
    ink.light = static_cast<double>(light) / n;
    return ink;
}

// Saves a copy of a rendered file when FC_PRINT_SCREENSHOTS names a folder.
void keep(const std::string& file, const std::string& name) {
    if (const char* to = std::getenv("FC_PRINT_SCREENSHOTS"))
        fs::copy_file(file, fs::path(to) / name, fs::copy_options::overwrite_existing);
}

// [SECTION] the store

class CountReportTest : public fc::test::StaffTest {
protected:
    static constexpr int64_t kNow = 1'768'440'600'000;  // 2026-01-15 09:30 (UTC+8)

    void SetUp() override {
        StaffTest::SetUp();
        clock.set(kNow);
        clerk = addStaff("刘洋", StaffRole::kWarehouse, "161803");
        manager = addStaff("陈建国", StaffRole::kManager, "135790");
        const Session by = warehouse();
        const Session boss = admin();
        binA = parts().createBin(by, {.code = "A-01-01", .zone = "A"}).value();
        binA2 = parts().createBin(by, {.code = "A-01-02", .zone = "A"}).value();
        binB = parts().createBin(by, {.code = "B-01-01", .zone = "B"}).value();
        filter = part(boss,
                      {.sku = "FLT-OIL-0042",
                       .nameZh = "机油滤清器",
                       .nameEn = "Oil filter",
                       .category = "filter",
                       .costFen = 1800},
                      binA, 10'000);
        pads = part(boss,
                    {.sku = "BRK-PAD-0007",
                     .nameZh = "刹车片",
                     .nameEn = "Brake pads",
                     .category = "brake",
                     .costFen = 12'000},
                    binA2, 4'000);
        plugs = part(
            boss,
            {.sku = "SPK-PLG-0003", .nameZh = "火花塞", .nameEn = "Spark plug", .costFen = 2'500},
            binB, 6'000);
        air = part(boss,
                   {.sku = "FLT-AIR-0011",
                    .nameZh = "空气滤清器",
                    .nameEn = "Air filter",
                    .category = "filter",
                    .costFen = 3'000},
                   binB, 3'000);
        clock.advance(60'000);
    }

    std::string part(const Session& by, const core::PartInput& input, const std::string& bin,
                     int64_t milli) {
        auto id = parts().create(by, input, {}, {bin});
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        if (!id.ok()) return "";
        auto in = stock().receive(by, *id, bin, milli, {.unitCostFen = input.costFen});
        EXPECT_TRUE(in.ok()) << (in.ok() ? "" : in.error().message);
        return *id;
    }

    // A whole-store count: the oil filter 7 of 10 (−3, −¥54.00), the pads 6 of 4 (+2, +¥240.00:
    // over the ¥200.00 threshold), the plugs 6 of 6 and then, asked for again, 5 (−1, −¥25.00,
    // round 2); the air filter nobody counts.
    std::string countedStore(bool recountDone = true) {
        const Session by = warehouse();
        auto id = counts().open(by, {.scope = "full", .note = "年终盘点"});
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        if (!id.ok()) return "";
        EXPECT_TRUE(counts().setCounted(by, *id, binA, filter, 7'000).ok());
        EXPECT_TRUE(counts().setCounted(by, *id, binA2, pads, 6'000).ok());
        EXPECT_TRUE(counts().setCounted(by, *id, binB, plugs, 6'000).ok());
        EXPECT_TRUE(counts().requestRecount(boss(), *id, binB, plugs).ok());
        if (recountDone) {
            EXPECT_TRUE(counts().setCounted(by, *id, binB, plugs, 5'000).ok());
        }
        clock.advance(60'000);
        return *id;
    }

    CountReportDoc report(const std::string& id) {
        auto doc = CountReportDocuments(s->services()).countReport(id);
        EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message);
        return doc.ok() ? *doc : CountReportDoc{};
    }

    core::PartService& parts() { return s->get<core::PartService>(); }
    core::StockService& stock() { return s->get<core::StockService>(); }
    CountService& counts() { return s->get<CountService>(); }
    Session warehouse() { return signIn(clerk, "161803"); }
    Session boss() { return signIn(manager, "135790"); }

    std::string clerk, manager, binA, binA2, binB, filter, pads, plugs, air;
};

// [SECTION] the document

TEST_F(CountReportTest, TheDocumentCarriesSignedVariancesTotalsPeopleAndTheUncountedLines) {
    const std::string id = countedStore();
    const CountReportDoc d = report(id);
    EXPECT_EQ(d.storeName, "测试门店");
    EXPECT_EQ(d.number.rfind("PD-", 0), 0u) << d.number;
    EXPECT_EQ(d.scope, "full");
    EXPECT_EQ(d.status, "open");
    EXPECT_EQ(d.openedAt, "2026-01-15 09:31");
    EXPECT_EQ(d.openedBy, "刘洋");
    EXPECT_EQ(d.postedBy, "");
    ASSERT_EQ(d.countedBy.size(), 1u);
    EXPECT_EQ(d.countedBy[0], "刘洋");
    ASSERT_EQ(d.lines.size(), 3u);
    EXPECT_EQ(d.lines[0].sku, "BRK-PAD-0007") << "the largest value first";
    EXPECT_EQ(d.lines[0].varianceMilli, 2'000);
    EXPECT_EQ(d.lines[0].valueFen, 24'000);
    EXPECT_TRUE(d.lines[0].overThreshold);
    EXPECT_EQ(d.lines[1].sku, "FLT-OIL-0042");
    EXPECT_EQ(d.lines[1].varianceMilli, -3'000);
    EXPECT_EQ(d.lines[1].valueFen, -5'400);
    EXPECT_FALSE(d.lines[1].recounted);
    EXPECT_EQ(d.lines[2].sku, "SPK-PLG-0003");
    EXPECT_TRUE(d.lines[2].recounted) << "counted again in round 2";
    EXPECT_EQ(d.gainFen, 24'000);
    EXPECT_EQ(d.lossFen, -7'900);
    EXPECT_EQ(d.netFen, 16'100);
    ASSERT_EQ(d.uncounted.size(), 1u);
    EXPECT_EQ(d.uncounted[0].sku, "FLT-AIR-0011");
    EXPECT_EQ(d.uncounted[0].expectedMilli, 3'000);
    EXPECT_FALSE(d.uncounted[0].postedAsZero);
    EXPECT_EQ(d.uncounted[0].valueFen, -9'000) << "3 × ¥30.00 written off when posted";
    EXPECT_EQ(d.uncountedFen, -9'000);

    auto found = CountReportDocuments(s->services()).findCount(" " + d.number + " ");
    ASSERT_TRUE(found.ok()) << found.error().message;
    EXPECT_EQ(*found, id);
    EXPECT_EQ(CountReportDocuments(s->services()).findCount(id).value(), id);
    auto unknown = CountReportDocuments(s->services()).findCount("PD-9999-99");
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(has(unknown.error().message, "'PD-9999-99'")) << unknown.error().message;
}

// [SECTION] the PDF

TEST_F(CountReportTest,
       TheReportPrintsSignsTotalsAndChineseNamesAndPostedItSaysZeroForTheUncounted) {
    const std::string id = countedStore();
    const std::string pdf = dir.file("count.pdf");
    auto written = renderCountReport(report(id), pdf);
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(pdfPages(pdf, dir), 1);
    const std::string text = pdfText(pdf, dir);
    for (const char* words : {"盘点报告",
                              "测试门店",
                              "全店盘点",
                              "盲盘",
                              "2026-01-15 09:31",
                              "年终盘点",
                              "刘洋",
                              "货位",
                              "SKU",
                              "名称",
                              "账面",
                              "实盘",
                              "差异",
                              "金额",
                              "A-01-01",
                              "FLT-OIL-0042",
                              "机油滤清器",
                              "刹车片",
                              "火花塞",
                              "个",
                              "−3",
                              "+2",
                              "−1",
                              "−54.00",
                              "+240.00",
                              "−25.00",
                              "超限",
                              "复盘",
                              "盘盈",
                              "+¥240.00",
                              "盘亏",
                              "−¥79.00",
                              "净额",
                              "+¥161.00",
                              "未盘清单",
                              "空气滤清器",
                              "FLT-AIR-0011",
                              "过账时按 0 计",
                              "−90.00",
                              "过账合计",
                              "+¥71.00",
                              "盘点人",
                              "复核",
                              "仓库主管",
                              "第 1 页 / 共 1 页"})
        EXPECT_TRUE(mentions(text, words)) << "missing '" << words << "' in:\n" << text;
    EXPECT_TRUE(mentions(text, report(id).number)) << text;
    EXPECT_TRUE(mentions(text, "盘点中")) << "not posted yet";

    const std::string png = pdfPicture(pdf, dir);
    const Ink ink = inkOf(png);
    EXPECT_NEAR(ink.width, 1240, 2) << "A4 at 150 dpi";
    EXPECT_NEAR(ink.height, 1754, 2);
    EXPECT_GT(ink.dark, 0.005) << "text and rules are on the page";
    EXPECT_GT(ink.light, 0.80) << "on white paper";
    keep(pdf, "count-report-open.pdf");

    // Posted by the manager, who approves the gain over the threshold: the air filter is zero.
    auto posted = counts().post(boss(), id, {.confirmUncounted = true, .approve = true});
    ASSERT_TRUE(posted.ok()) << posted.error().message;
    const CountReportDoc d = report(id);
    EXPECT_EQ(d.status, "posted");
    EXPECT_EQ(d.postedBy, "陈建国");
    ASSERT_EQ(d.uncounted.size(), 1u);
    EXPECT_TRUE(d.uncounted[0].postedAsZero);
    EXPECT_EQ(d.uncounted[0].expectedMilli, 3'000) << "what posting it as zero wrote off";
    const std::string after = dir.file("posted.pdf");
    ASSERT_TRUE(renderCountReport(d, after).ok());
    const std::string postedText = pdfText(after, dir);
    for (const char* words : {"已过账", "陈建国", "按 0 过账", "未盘行按 0 过账", "−¥90.00"})
        EXPECT_TRUE(mentions(postedText, words)) << "missing '" << words << "' in:\n" << postedText;
    EXPECT_FALSE(mentions(postedText, "过账时按 0 计"));
    keep(after, "count-report-posted.pdf");
    keep(pdfPicture(after, dir), "count-report-posted.png");
}

TEST_F(CountReportTest, ALineWaitingForItsRecountIsListedApart) {
    const std::string id = countedStore(false);
    const CountReportDoc d = report(id);
    ASSERT_EQ(d.recounts.size(), 1u);
    EXPECT_EQ(d.recounts[0].sku, "SPK-PLG-0003");
    EXPECT_EQ(d.recounts[0].state, "recount");
    const std::string pdf = dir.file("recount.pdf");
    ASSERT_TRUE(renderCountReport(d, pdf).ok());
    const std::string text = pdfText(pdf, dir);
    for (const char* words : {"待复盘", "已要求复盘", "SPK-PLG-0003", "待复盘 1 行"})
        EXPECT_TRUE(mentions(text, words)) << "missing '" << words << "' in:\n" << text;
}

TEST_F(CountReportTest, InEnglish) {
    const std::string id = countedStore();
    auto pdf = countReportPdf(report(id), PrintLang::kEn);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    const std::string file = dir.file("en.pdf");
    ASSERT_TRUE(writeFileWhole(file, *pdf).ok());
    const std::string text = pdfText(file, dir);
    for (const char* words : {"Stock count report",
                              "Whole store",
                              "Counted lines",
                              "Bin",
                              "Books",
                              "Counted",
                              "Oil filter",
                              "Brake pads",
                              "−3",
                              "+2",
                              "over",
                              "recount",
                              "Gains",
                              "+¥240.00",
                              "Losses",
                              "−¥79.00",
                              "Net",
                              "+¥161.00",
                              "Not counted",
                              "Air filter",
                              "zero when posted",
                              "Counted by",
                              "Checked by",
                              "Warehouse manager",
                              "Page 1 of 1"})
        EXPECT_TRUE(mentions(text, words)) << "missing '" << words << "' in:\n" << text;
    EXPECT_FALSE(mentions(text, "盘点报告"));
    keep(file, "count-report-en.pdf");
}

TEST_F(CountReportTest, AHundredAndTwentyLinesRunOverSeveralPagesWithTheHeaderOnEach) {
    const Session boss = admin();
    const Session by = warehouse();
    std::vector<std::pair<std::string, std::string>> lines;  // bin, part
    for (int b = 0; b < 12; ++b) {
        char code[16];
        std::snprintf(code, sizeof code, "C-%02d-01", b + 1);
        auto bin = parts().createBin(by, {.code = code, .zone = "C"});
        ASSERT_TRUE(bin.ok()) << bin.error().message;
        for (int i = 0; i < 10; ++i) {
            const int n = b * 10 + i + 1;
            char sku[24];
            std::snprintf(sku, sizeof sku, "BLK-%04d", n);
            const std::string p =
                part(boss, {.sku = sku, .nameZh = "螺栓 M" + std::to_string(n), .costFen = 100 + n},
                     *bin, 20'000);
            ASSERT_FALSE(p.empty());
            lines.emplace_back(*bin, p);
        }
    }
    auto id = counts().open(by, {.scope = "zones", .zones = {"C"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    for (size_t i = 0; i < lines.size(); ++i) {
        const int64_t counted = 20'000 + (static_cast<int64_t>(i % 7) - 3) * 1000;  // −3 … +3
        ASSERT_TRUE(counts().setCounted(by, *id, lines[i].first, lines[i].second, counted).ok());
    }
    const CountReportDoc d = report(*id);
    ASSERT_EQ(d.lines.size(), 120u);
    const std::string pdf = dir.file("long.pdf");
    ASSERT_TRUE(renderCountReport(d, pdf).ok());
    const int pages = pdfPages(pdf, dir);
    EXPECT_GE(pages, 3) << "120 lines do not fit two pages";
    const std::string n = std::to_string(pages);
    const std::string text = pdfText(pdf, dir);
    EXPECT_TRUE(mentions(text, "第 2 页 / 共 " + n + " 页")) << text;
    EXPECT_TRUE(mentions(text, "第 " + n + " 页 / 共 " + n + " 页")) << text;
    EXPECT_TRUE(mentions(text, "盘点报告 " + d.number + "（续）"))
        << "a later page says what it continues";
    EXPECT_GE(occurrences(text, "实盘"), static_cast<size_t>(pages))
        << "the header row again on every page the table runs onto";
    for (const char* sku : {"BLK-0001", "BLK-0060", "BLK-0120"})
        EXPECT_TRUE(mentions(text, sku)) << sku;
    EXPECT_TRUE(mentions(text, "螺栓 M120"));
    EXPECT_TRUE(mentions(text, "仓库主管")) << "the signatures after the last line";
    EXPECT_LT(text.rfind("BLK-"), text.find("仓库主管"));
    const Ink ink = inkOf(pdfPicture(pdf, dir));
    EXPECT_GT(ink.dark, 0.01) << "page 1 is full of lines";
    EXPECT_GT(ink.light, 0.75);
    keep(pdf, "count-report-long.pdf");
}

// [SECTION] forecourtctl print count-report

TEST_F(CountReportTest, ForecourtctlPrintsTheCountReportByNumberAndNamesWhatWasWrong) {
    const std::string id = countedStore();
    const std::string number = report(id).number;
    const std::string db = fc::test::shellQuote(dir.file("store.db"));
    const std::string out = dir.file("cli-count.pdf");
    Ran r =
        ctl("print count-report --db " + db + " --count " + number + " --out " + fc::test::shellQuote(out), dir);
    ASSERT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "printed stock count report " + number)) << r.out;
    EXPECT_TRUE(mentions(pdfText(out, dir), "盘点报告"));

    const std::string en = dir.file("cli-count-en.pdf");
    r = ctl("--db " + db + " print count-report --count " + id + " --lang en --out " + fc::test::shellQuote(en),
            dir);
    ASSERT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_TRUE(mentions(pdfText(en, dir), "Stock count report"));

    const std::string none = dir.file("none.pdf");
    Ran unknown =
        ctl("--db " + db + " print count-report --count PD-9999-99 --out " + fc::test::shellQuote(none), dir);
    EXPECT_EQ(unknown.status, 1);
    EXPECT_TRUE(has(unknown.err, "no stock count numbered 'PD-9999-99'")) << unknown.err;
    Ran noCount = ctl("--db " + db + " print count-report --out " + fc::test::shellQuote(none), dir);
    EXPECT_EQ(noCount.status, 2);
    EXPECT_TRUE(has(noCount.err, "--count")) << noCount.err;
    Ran wrong =
        ctl("--db " + db + " print invoice --count " + number + " --out " + fc::test::shellQuote(none), dir);
    EXPECT_EQ(wrong.status, 2);
    EXPECT_TRUE(has(wrong.err, "--count is for print count-report")) << wrong.err;
    EXPECT_FALSE(fs::exists(none));
}

}  // namespace
}  // namespace fc::platform
