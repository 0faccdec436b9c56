// Part and bin labels as a person gets them: the label documents built from a real store (the demo
// parts: their label codes, SKUs and bins), each sheet — a 50 × 30 mm roll and A4 sheets of 3 × 8,
// Code 128 and QR — turned into pictures (pdftoppm, 300 dpi) and every label cut out of them and
// read back through our scan pipeline, cell by cell, in the order printed. Long Chinese names stay
// inside their label (pdftotext's word boxes against the cell and the bars found in the picture);
// no labels is an error and no file; `forecourtctl labels` with its errors.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "platform/print/print.hpp"
#include "platform/scan/image_load.hpp"
#include "platform/scan/pipeline.hpp"
#include "shared/core/text.hpp"
#include "shared/demo/demo_parts.hpp"
#include "shared/readmodel/print_documents.hpp"
#include "shared/stock/part_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"
#include "tests/support/command.hpp"

namespace fc::platform {
namespace {

namespace fs = std::filesystem;
using core::LabelDoc;
using core::LabelDocuments;
using core::LabelSheetDoc;
using core::LabelSymbology;

// [SECTION] helpers

constexpr int kDpi = 300;

using Ran = fc::test::CommandResult;

Ran run(const std::string& command, const fc::test::TempDir& dir) {
    return fc::test::runCommand(command, dir.file("stderr.txt"));
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

int pdfPages(const std::string& pdf, const fc::test::TempDir& dir) {
    Ran r = run("pdfinfo " + fc::test::shellQuote(pdf), dir);
    EXPECT_EQ(r.status, 0) << r.err;
    const size_t at = r.out.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(r.out.substr(at + 6));
}

// Every page of the PDF as a grey picture at kDpi, in order.
std::vector<Frame> pdfPictures(const std::string& pdf, const fc::test::TempDir& dir) {
    const fs::path folder = fs::path(dir.path()) / (fs::path(pdf).stem().string() + "-pages");
    fs::create_directories(folder);
    Ran r = run("pdftoppm -r " + std::to_string(kDpi) + " -gray -png " + fc::test::shellQuote(pdf) + " " +
                    fc::test::shellQuote((folder / "page").string()),
                dir);
    EXPECT_EQ(r.status, 0) << r.err;
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(folder)) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());  // page-01.png … (zero-padded to one width)
    std::vector<Frame> pages;
    for (const std::string& f : files) {
        auto frame = loadImageFile(f);
        EXPECT_TRUE(frame.ok()) << f << ": " << (frame.ok() ? "" : frame.error().message);
        if (frame.ok()) pages.push_back(std::move(*frame));
    }
    return pages;
}

int px(double mm) {
    return static_cast<int>(std::lround(mm * kDpi / 25.4));
}

// Label `cell` of a page (row by row) cut out of its picture.
Frame cellOf(const Frame& page, const LabelSheetLayout& s, int cell) {
    const int x0 = px(s.left + (cell % s.columns) * s.cellW);
    const int y0 = px(s.top + (cell / s.columns) * s.cellH);
    const int w = std::min(px(s.cellW), page.width - x0);
    const int h = std::min(px(s.cellH), page.height - y0);
    Frame out = Frame::grey(w, h);
    for (int y = 0; y < h; ++y)
        std::memcpy(out.row(y), page.row(y0 + y) + x0, static_cast<size_t>(w));
    return out;
}

// What the scan pipeline reads in each label of the sheet, in print order: "Code128 FC-P-00001",
// "QRCode A-01-03", or "" for an empty place after the last label.
std::vector<std::string> readBack(const std::string& pdf, LabelSheet sheet,
                                  const fc::test::TempDir& dir, size_t cells = SIZE_MAX) {
    const LabelSheetLayout s = labelSheetLayout(sheet);
    ScanPipeline::Options options;
    options.isolate = false;  // our own pictures; isolation has its own tests
    ScanPipeline pipeline(options);
    size_t submitted = 0;
    for (const Frame& page : pdfPictures(pdf, dir))
        for (int cell = 0; cell < s.perPage() && submitted < cells; ++cell, ++submitted)
            pipeline.submitStill(cellOf(page, s, cell), "cell " + std::to_string(submitted));
    EXPECT_TRUE(pipeline.waitIdle(std::chrono::minutes(5)));
    std::vector<std::string> out;
    for (const ScanEvent& e : pipeline.drain()) {
        EXPECT_FALSE(e.error.has_value()) << e.source << ": " << e.error->message;
        std::string read;
        for (const Code& c : e.codes)
            read += (read.empty() ? "" : " | ") + std::string(symbologyName(c.symbology)) + " " +
                    c.text;
        out.push_back(read);
    }
    EXPECT_EQ(out.size(), submitted) << "one answer per label";
    return out;
}

// What each place of the sheet should read as: every label's code, once per copy, then nothing.
std::vector<std::string> expected(const LabelSheetDoc& doc, LabelSheet sheet) {
    std::vector<std::string> out;
    for (const LabelDoc& l : doc.labels)
        for (int i = 0; i < l.copies; ++i)
            out.push_back(std::string(symbologyName(l.symbology == LabelSymbology::kQr
                                                        ? core::Symbology::kQrCode
                                                        : core::Symbology::kCode128)) +
                          " " + l.code);
    const size_t perPage = static_cast<size_t>(labelSheetLayout(sheet).perPage());
    while (out.size() % perPage != 0) out.push_back("");
    return out;
}

// Saves the first page as a picture for the README when FC_PRINT_SCREENSHOTS names a folder.
void keepPicture(const std::string& pdf, const std::string& name, const fc::test::TempDir& dir) {
    if (const char* to = std::getenv("FC_PRINT_SCREENSHOTS"))
        run("pdftoppm -r 150 -png -singlefile " + fc::test::shellQuote(pdf) + " " +
                fc::test::shellQuote((fs::path(to) / name).string()),
            dir);
}

// A word of the PDF's text and its box in millimetres from the page's top left.
struct Word {
    int page = 0;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string text;
};

std::vector<Word> pdfWords(const std::string& pdf, const fc::test::TempDir& dir) {
    Ran r = run("pdftotext -bbox -enc UTF-8 " + fc::test::shellQuote(pdf) + " -", dir);
    EXPECT_EQ(r.status, 0) << r.err;
    std::vector<Word> words;
    const std::regex word(
        R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
    int page = -1;
    std::istringstream lines(r.out);
    std::string line;
    const double mm = 25.4 / 72;
    while (std::getline(lines, line)) {
        if (has(line, "<page ")) ++page;
        std::smatch m;
        if (std::regex_search(line, m, word))
            words.push_back({page, std::stod(m[1]) * mm, std::stod(m[2]) * mm, std::stod(m[3]) * mm,
                             std::stod(m[4]) * mm, m[5]});
    }
    return words;
}

// The rows of a label's picture its Code 128 bars cross: the longest run of rows that each have
// many dark/light edges and the same dark pixels as the row above (text changes row by row).
std::pair<int, int> barRows(const Frame& cell) {
    const auto dark = [&](int x, int y) { return cell.row(y)[x] < 128; };
    int best = 0, bestEnd = -1, run = 0;
    for (int y = 1; y < cell.height; ++y) {
        int edges = 0, changed = 0;
        for (int x = 1; x < cell.width; ++x) {
            edges += dark(x, y) != dark(x - 1, y);
            changed += dark(x, y) != dark(x, y - 1);
        }
        run = edges >= 40 && changed <= 4 ? run + 1 : 0;
        if (run > best) {
            best = run;
            bestEnd = y;
        }
    }
    if (best < 20) return {-1, -1};
    return {bestEnd - best, bestEnd};
}

// Where a label's QR code ends on the right: the last dark column before the first gap of white
// columns 1.5 mm wide after it starts (its quiet zone and the space before the text are wider;
// inside the code no column is white that long).
int qrRight(const Frame& cell) {
    const auto white = [&](int x) {
        for (int y = 0; y < cell.height; ++y)
            if (cell.row(y)[x] < 128) return false;
        return true;
    };
    const int gap = px(1.5);
    int x = 0;
    while (x < cell.width && white(x)) ++x;
    int right = x, blank = 0;
    for (; x < cell.width && blank < gap; ++x) {
        if (white(x)) {
            ++blank;
        } else {
            blank = 0;
            right = x;
        }
    }
    return right;
}

// [SECTION] the fixture: a store with 30 demo parts in its bins (zones A to F, 40 bins each)

class LabelTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        auto by = admin();
        auto seeded = core::inTx(
            s->db(), [&] { return core::seedDemoParts(*s, by, {.seed = 1, .parts = 30}); });
        ASSERT_TRUE(seeded.ok()) << seeded.error().message;
        ASSERT_EQ(seeded->parts, 30u);
        auto all = parts().search("");
        ASSERT_TRUE(all.ok());
        ASSERT_EQ(all->size(), 30u);
        demo = *all;
    }

    core::PartService& parts() { return s->get<core::PartService>(); }

    // A label per demo part, each once.
    LabelSheetDoc partSheet(LabelSymbology symbology, size_t n = 30) {
        LabelDocuments docs(parts());
        LabelSheetDoc doc;
        for (size_t i = 0; i < n && i < demo.size(); ++i) {
            auto l = docs.partLabel(demo[i].id, symbology);
            EXPECT_TRUE(l.ok()) << l.error().message;
            if (l.ok()) doc.labels.push_back(*l);
        }
        return doc;
    }

    // Prints the sheet and reads every label back: the codes printed, in order.
    void printAndReadBack(const LabelSheetDoc& doc, LabelSheet sheet, const std::string& name,
                          int pages) {
        const std::string pdf = dir.file(name);
        auto written = renderLabelSheet(doc, sheet, pdf);
        ASSERT_TRUE(written.ok()) << written.error().message;
        EXPECT_EQ(pdfPages(pdf, dir), pages);
        const std::vector<std::string> read = readBack(pdf, sheet, dir);
        const std::vector<std::string> want = expected(doc, sheet);
        ASSERT_EQ(read.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i)
            EXPECT_EQ(read[i], want[i]) << "label " << i + 1 << " of " << name;
        keepPicture(pdf, "labels-" + fs::path(name).stem().string(), dir);
    }

    std::vector<core::Part> demo;
};

// [SECTION] the label documents

TEST_F(LabelTest, APartsLabelCarriesItsLabelCodeElseItsSkuAndScanningItFindsThePartAgain) {
    LabelDocuments docs(parts());
    auto filter = docs.partLabel(demo[0].id, LabelSymbology::kCode128, 2);
    ASSERT_TRUE(filter.ok()) << filter.error().message;
    EXPECT_EQ(filter->kind, core::LabelKind::kPart);
    EXPECT_EQ(filter->code.rfind("FC-P-", 0), 0u) << "the store's label code: " << filter->code;
    EXPECT_EQ(filter->title, demo[0].nameZh);
    EXPECT_EQ(filter->titleEn, demo[0].nameEn);
    EXPECT_EQ(filter->copies, 2);
    ASSERT_GE(filter->lines.size(), 3u);
    EXPECT_EQ(filter->lines[0], demo[0].sku);
    EXPECT_EQ(filter->lines[1], demo[0].brand);
    EXPECT_EQ(filter->lines[2], parts().binsOf(demo[0].id)->front().code);

    // Without a label code, or with one another part carries too: the SKU.
    auto by = admin();
    auto bare = parts().create(by, {.sku = "TST-BARE-0001", .nameZh = "无标签码配件"});
    ASSERT_TRUE(bare.ok()) << bare.error().message;
    auto shared = parts().create(by, {.sku = "TST-SHARED-0001", .nameZh = "共用标签码配件"},
                                 {{filter->code, "label"}});
    ASSERT_TRUE(shared.ok()) << shared.error().message;
    EXPECT_EQ(docs.partLabel(*bare, LabelSymbology::kQr)->code, "TST-BARE-0001");
    EXPECT_EQ(docs.partLabel(*shared, LabelSymbology::kQr)->code, "TST-SHARED-0001");
    EXPECT_EQ(docs.partLabel(demo[0].id, LabelSymbology::kQr)->code, demo[0].sku)
        << "its label code now names two parts: the SKU";

    // Every part's code finds that part alone.
    for (const core::Part& p : demo) {
        auto l = docs.partLabel(p.id, LabelSymbology::kCode128);
        ASSERT_TRUE(l.ok());
        auto found = parts().findByCode(l->code);
        ASSERT_TRUE(found.ok());
        ASSERT_EQ(found->size(), 1u) << l->code;
        EXPECT_EQ(found->front().partId, p.id);
    }

    // Found by SKU (any case), by label code; unknown and shared codes are named.
    EXPECT_EQ(docs.findPart(" " + demo[3].sku + " ").valueOr(""), demo[3].id);
    auto unknown = docs.findPart("NOPE-0001");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, core::Errc::kNotFound);
    EXPECT_EQ(unknown.error().message, "labels: no part 'NOPE-0001'");
    auto twice = docs.findPart(filter->code);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, core::Errc::kConflict);
    EXPECT_TRUE(has(twice.error().message, "TST-SHARED-0001")) << twice.error().message;
    EXPECT_FALSE(docs.partLabel(demo[0].id, LabelSymbology::kQr, 0).ok()) << "copies 1 to 999";
    EXPECT_FALSE(docs.partLabel(demo[0].id, LabelSymbology::kQr, 1000).ok());
}

TEST_F(LabelTest, ABinsLabelCarriesItsCodeAndAZoneIsEveryBinInIt) {
    LabelDocuments docs(parts());
    auto bin = docs.findBin("a-01-03");
    ASSERT_TRUE(bin.ok()) << bin.error().message;
    auto l = docs.binLabel(bin->id, LabelSymbology::kCode128);
    ASSERT_TRUE(l.ok());
    EXPECT_EQ(l->kind, core::LabelKind::kBin);
    EXPECT_EQ(l->code, "A-01-03");
    EXPECT_EQ(l->title, "A-01-03");
    EXPECT_EQ(l->lines, std::vector<std::string>{bin->name});
    auto none = docs.findBin("Z-99-99");
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().message, "labels: no bin 'Z-99-99'");

    auto zone = docs.zoneLabels("a", LabelSymbology::kQr, 2);
    ASSERT_TRUE(zone.ok()) << zone.error().message;
    ASSERT_EQ(zone->size(), 40u) << "10 shelves × 4 levels";
    for (const LabelDoc& b : *zone) {
        EXPECT_EQ(b.code.rfind("A-", 0), 0u) << b.code;
        EXPECT_EQ(b.copies, 2);
        EXPECT_EQ(b.symbology, LabelSymbology::kQr);
    }
    auto empty = docs.zoneLabels("Q", LabelSymbology::kQr);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().message, "labels: no bins in zone 'Q'");
    EXPECT_EQ(core::parseLabelSymbology("QR"), LabelSymbology::kQr);
    EXPECT_EQ(core::parseLabelSymbology("code128"), LabelSymbology::kCode128);
    EXPECT_FALSE(core::parseLabelSymbology("ean13").has_value());
    EXPECT_EQ(parseLabelSheet("a4-3x8"), LabelSheet::kA4_3x8);
    EXPECT_EQ(parseLabelSheet("A4_3x8"), LabelSheet::kA4_3x8);
    EXPECT_EQ(parseLabelSheet("roll50x30"), LabelSheet::kRoll50x30);
    EXPECT_FALSE(parseLabelSheet("a5").has_value());
}

// [SECTION] sheets scanned back

TEST_F(LabelTest, ThirtyCode128PartLabelsOnA4AreTwoPagesAndEveryOneScansBack) {
    const LabelSheetDoc doc = partSheet(LabelSymbology::kCode128);
    ASSERT_EQ(doc.count(), 30);
    printAndReadBack(doc, LabelSheet::kA4_3x8, "a4-code128.pdf", 2);
}

TEST_F(LabelTest, QrLabelsOnA4PartsAndAWholeZoneOfBinsScanBack) {
    LabelSheetDoc doc = partSheet(LabelSymbology::kQr, 6);
    auto zone = LabelDocuments(parts()).zoneLabels("B", LabelSymbology::kQr);
    ASSERT_TRUE(zone.ok());
    for (LabelDoc& l : *zone) doc.labels.push_back(l);
    ASSERT_EQ(doc.count(), 46);
    printAndReadBack(doc, LabelSheet::kA4_3x8, "a4-qr.pdf", 2);
}

TEST_F(LabelTest, ARollOfCode128LabelsIsAPagePerLabelCopiesIncluded) {
    LabelSheetDoc doc = partSheet(LabelSymbology::kCode128, 8);
    doc.labels[2].copies = 3;
    auto bin = LabelDocuments(parts()).binLabel(LabelDocuments(parts()).findBin("C-02-01")->id,
                                                LabelSymbology::kCode128, 2);
    ASSERT_TRUE(bin.ok());
    doc.labels.push_back(*bin);
    ASSERT_EQ(doc.count(), 12);
    printAndReadBack(doc, LabelSheet::kRoll50x30, "roll-code128.pdf", 12);
}

TEST_F(LabelTest, ARollOfQrLabelsScansBack) {
    LabelSheetDoc doc = partSheet(LabelSymbology::kQr, 10);
    auto bin = LabelDocuments(parts()).binLabel(LabelDocuments(parts()).findBin("F-10-04")->id,
                                                LabelSymbology::kQr);
    ASSERT_TRUE(bin.ok());
    doc.labels.push_back(*bin);
    printAndReadBack(doc, LabelSheet::kRoll50x30, "roll-qr.pdf", 11);
}

// [SECTION] bad input

TEST_F(LabelTest, NoLabelsIsAnErrorAndNoFileIsWritten) {
    const std::string pdf = dir.file("none.pdf");
    for (LabelSheet sheet : {LabelSheet::kRoll50x30, LabelSheet::kA4_3x8}) {
        auto r = renderLabelSheet({}, sheet, pdf);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, core::Errc::kInvalid);
        EXPECT_EQ(r.error().message, "labels: none to print");
        EXPECT_FALSE(labelSheetPdf({}, sheet).ok());
    }
    // Labels with no copies are no labels either.
    LabelSheetDoc zero = partSheet(LabelSymbology::kCode128, 2);
    for (LabelDoc& l : zero.labels) l.copies = 0;
    auto r = renderLabelSheet(zero, LabelSheet::kA4_3x8, pdf);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "labels: none to print");
    EXPECT_FALSE(fs::exists(pdf));
    for (const auto& e : fs::directory_iterator(dir.path()))
        EXPECT_FALSE(has(e.path().filename().string(), ".part-")) << e.path();
    // A code Code 128 cannot hold (Chinese): the renderer says so, nothing is written.
    LabelSheetDoc chinese = partSheet(LabelSymbology::kCode128, 1);
    chinese.labels[0].code = "货位一";
    auto c = renderLabelSheet(chinese, LabelSheet::kRoll50x30, pdf);
    ASSERT_FALSE(c.ok());
    EXPECT_TRUE(has(c.error().message, "货位一")) << c.error().message;
    EXPECT_FALSE(fs::exists(pdf));
}

// [SECTION] text that fits

TEST_F(LabelTest, LongChineseNamesAreEllipsisedInsideTheirLabelAndKeepOffTheCode) {
    auto by = admin();
    const std::string longName =
        "前轮刹车片陶瓷配方低噪音低粉尘适用于大众朗逸宝来速腾高尔夫及斯柯达明锐等多款车型加长版套"
        "装";
    auto id = parts().create(
        by,
        {.sku = "BRK-PAD-LONG-0001",
         .nameZh = longName,
         .nameEn = "Front brake pads, ceramic, low noise and low dust, for many models",
         .brand = "博世汽车配件（中国）有限公司华南区授权经销商"},
        {{"FC-P-99001", "label"}}, {parts().binByCode("B-01-01")->value().id});
    ASSERT_TRUE(id.ok()) << id.error().message;
    LabelDocuments docs(parts());
    for (LabelSheet sheet : {LabelSheet::kRoll50x30, LabelSheet::kA4_3x8}) {
        for (LabelSymbology sym : {LabelSymbology::kCode128, LabelSymbology::kQr}) {
            SCOPED_TRACE(std::string(labelSheetKey(sheet)) +
                         (sym == LabelSymbology::kQr ? " qr" : " code128"));
            LabelSheetDoc doc;
            doc.labels.push_back(*docs.partLabel(*id, sym, 4));
            doc.labels.push_back(*docs.partLabel(demo[0].id, sym));
            const std::string pdf =
                dir.file(std::string("long-") + labelSheetKey(sheet) +
                         (sym == LabelSymbology::kQr ? "-qr.pdf" : "-code128.pdf"));
            ASSERT_TRUE(renderLabelSheet(doc, sheet, pdf).ok());
            const LabelSheetLayout layout = labelSheetLayout(sheet);
            const std::vector<Frame> pages = pdfPictures(pdf, dir);
            const std::vector<Word> words = pdfWords(pdf, dir);
            ASSERT_FALSE(words.empty());
            std::string all;
            // No word is drawn over another.
            for (size_t i = 0; i < words.size(); ++i)
                for (size_t j = i + 1; j < words.size(); ++j) {
                    const Word& a = words[i];
                    const Word& b = words[j];
                    const bool apart = a.page != b.page || a.x1 <= b.x0 + 0.1 ||
                                       b.x1 <= a.x0 + 0.1 || a.y1 <= b.y0 + 0.1 ||
                                       b.y1 <= a.y0 + 0.1;
                    EXPECT_TRUE(apart) << "'" << a.text << "' and '" << b.text << "' overlap";
                }
            for (const Word& w : words) {
                all += w.text;
                // The label the word starts in: the whole word must be inside it, clear of the
                // code.
                const int col = static_cast<int>((w.x0 - layout.left) / layout.cellW);
                const int row = static_cast<int>((w.y0 - layout.top) / layout.cellH);
                const double cx = layout.left + col * layout.cellW,
                             cy = layout.top + row * layout.cellH;
                EXPECT_GE(w.x0, cx + 0.5) << w.text;
                EXPECT_LE(w.x1, cx + layout.cellW - 0.5) << w.text << " runs out of its label";
                EXPECT_GE(w.y0, cy + 0.5) << w.text;
                EXPECT_LE(w.y1, cy + layout.cellH - 0.5) << w.text << " runs out of its label";
                ASSERT_LT(static_cast<size_t>(w.page), pages.size());
                const Frame cell =
                    cellOf(pages[static_cast<size_t>(w.page)], layout, row * layout.columns + col);
                const double mmPerPx = 25.4 / kDpi;
                if (sym == LabelSymbology::kCode128) {
                    const auto [top, bottom] = barRows(cell);
                    ASSERT_GE(top, 0) << "bars in every label";
                    const bool above = w.y1 <= cy + top * mmPerPx + 0.1;
                    const bool below = w.y0 >= cy + bottom * mmPerPx - 0.1;
                    EXPECT_TRUE(above || below) << w.text << " overlaps the bars";
                } else {
                    EXPECT_GE(w.x0, cx + qrRight(cell) * mmPerPx)
                        << w.text << " overlaps the QR code";
                }
            }
            // (The text itself cannot show the cut: cairo keeps the whole name as the ellipsis's
            // ActualText, so copying it from the PDF gives all of it.)
            EXPECT_TRUE(has(all, "前轮刹车片")) << all;
            std::vector<std::string> want = expected(doc, sheet);
            want.resize(static_cast<size_t>(doc.count()));
            EXPECT_EQ(readBack(pdf, sheet, dir, want.size()), want);
            keepPicture(pdf, fs::path(pdf).stem().string(), dir);
        }
    }
    // In English the English name is printed (ellipsised too).
    LabelSheetDoc en;
    en.labels.push_back(*docs.partLabel(*id, LabelSymbology::kQr));
    const std::string pdf = dir.file("long-en.pdf");
    ASSERT_TRUE(renderLabelSheet(en, LabelSheet::kA4_3x8, pdf, PrintLang::kEn).ok());
    std::string text;
    for (const Word& w : pdfWords(pdf, dir)) text += w.text + " ";
    EXPECT_TRUE(has(text, "Front brake")) << text;
    EXPECT_FALSE(has(text, "前轮")) << text;
}

// [SECTION] forecourtctl labels

TEST_F(LabelTest, ForecourtctlPrintsPartAndBinLabelsFromTheStoreDatabase) {
    const std::string db = fc::test::shellQuote(dir.file("store.db"));
    const std::string pdf = dir.file("cli.pdf");
    Ran r = run(std::string(FC_CTL_PATH) + " --db " + db + " labels --parts " + demo[0].sku + "," +
                    core::toLowerAscii(demo[1].sku) + " --bins A-01-01,a-01-02 --sheet roll50x30" +
                    " --symbology qr --copies 2 --out " + fc::test::shellQuote(pdf),
                dir);
    ASSERT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "printed 8 labels (roll50x30, 8 pages) to " + pdf)) << r.out;
    const std::vector<std::string> read = readBack(pdf, LabelSheet::kRoll50x30, dir);
    LabelDocuments docs(parts());
    const std::string qr = std::string(symbologyName(core::Symbology::kQrCode)) + " ";
    const std::string first = qr + docs.partLabel(demo[0].id, LabelSymbology::kQr)->code;
    const std::string second = qr + docs.partLabel(demo[1].id, LabelSymbology::kQr)->code;
    EXPECT_EQ(read, (std::vector<std::string>{first, first, second, second, qr + "A-01-01",
                                              qr + "A-01-01", qr + "A-01-02", qr + "A-01-02"}));

    const std::string zone = dir.file("zone.pdf");
    r = run(std::string(FC_CTL_PATH) + " --db " + db + " labels --zone C --out " + fc::test::shellQuote(zone),
            dir);
    ASSERT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "printed 40 labels (a4-3x8, 2 pages)")) << r.out;
    EXPECT_EQ(pdfPages(zone, dir), 2);
}

TEST_F(LabelTest, ForecourtctlLabelsErrorsNameWhatWasWrong) {
    const std::string ctl =
        std::string(FC_CTL_PATH) + " --db " + fc::test::shellQuote(dir.file("store.db")) + " labels ";
    const std::string pdf = dir.file("x.pdf");
    const std::string out = " --out " + fc::test::shellQuote(pdf);
    Ran unknown = run(ctl + "--parts " + demo[0].sku + ",NOPE-0001" + out, dir);
    EXPECT_EQ(unknown.status, 1);
    EXPECT_TRUE(has(unknown.err, "labels: no part 'NOPE-0001'")) << unknown.err;
    Ran noBin = run(ctl + "--bins A-01-01,Z-09-09" + out, dir);
    EXPECT_EQ(noBin.status, 1);
    EXPECT_TRUE(has(noBin.err, "labels: no bin 'Z-09-09'")) << noBin.err;
    Ran noZone = run(ctl + "--zone Q" + out, dir);
    EXPECT_EQ(noZone.status, 1);
    EXPECT_TRUE(has(noZone.err, "labels: no bins in zone 'Q'")) << noZone.err;
    Ran none = run(ctl + "--parts ''" + out, dir);
    EXPECT_EQ(none.status, 1);
    EXPECT_TRUE(has(none.err, "labels: none to print")) << none.err;
    EXPECT_FALSE(fs::exists(pdf)) << "nothing half-written";

    Ran nothing = run(ctl + out, dir);
    EXPECT_EQ(nothing.status, 2);
    EXPECT_TRUE(has(nothing.err, "--parts")) << nothing.err;
    Ran noOut = run(ctl + "--zone A", dir);
    EXPECT_EQ(noOut.status, 2);
    EXPECT_TRUE(has(noOut.err, "--out FILE.pdf")) << noOut.err;
    Ran sheet = run(ctl + "--zone A --sheet a5" + out, dir);
    EXPECT_EQ(sheet.status, 2);
    EXPECT_TRUE(has(sheet.err, "--sheet must be roll50x30 or a4-3x8, got 'a5'")) << sheet.err;
    Ran sym = run(ctl + "--zone A --symbology ean13" + out, dir);
    EXPECT_EQ(sym.status, 2);
    Ran copies = run(ctl + "--zone A --copies 0" + out, dir);
    EXPECT_EQ(copies.status, 2);
    EXPECT_TRUE(has(copies.err, "--copies must be 1 to 999")) << copies.err;
    EXPECT_FALSE(fs::exists(pdf));
}

}  // namespace
}  // namespace fc::platform
