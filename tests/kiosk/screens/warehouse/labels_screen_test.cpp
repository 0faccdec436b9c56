// The warehouse tablet's 打印标签 through the headless frame driver: 刘洋 signs in and opens the
// tile; 生成标签 with nothing listed says so and writes nothing; he scans two parts (one by its
// barcode, one by its SKU) and a bin, sets copies with − and + (touch-sized), adds a zone's bins,
// removes one, picks the roll and QR codes and makes the PDF — which exists, holds the labels
// listed and reads back label by label through the scan pipeline. An unknown code says so.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "kiosk/screens/warehouse/labels_screen.hpp"
#include "platform/scan/image_load.hpp"
#include "platform/scan/pipeline.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/stock/part_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"
#include "tests/support/command.hpp"

namespace fc::ui {
namespace {

namespace fs = std::filesystem;
using fc::test::KioskTest;

class LabelsScreenTest : public KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        ASSERT_GT(makeDemoStore().customers, 0u);
        // The office set up two bins of zone A and two filters (on another connection, as sync
        // would bring them).
        auto s = core::StoreServices::open(dbPath, clock, 557);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto& sessions = (*s)->get<core::SessionManager>();
        auto by = sessions.signInByPinOnly("161803");
        ASSERT_TRUE(by.ok()) << by.error().message;
        auto& parts = (*s)->get<core::PartService>();
        bin = parts.createBin(*by, {.code = "A-01-03", .zone = "A", .name = "滤清器架"}).value();
        ASSERT_TRUE(parts.createBin(*by, {.code = "A-01-04", .zone = "A", .name = "滤清器架"}).ok());
        ASSERT_TRUE(parts.createBin(*by, {.code = "B-01-01", .zone = "B", .name = "刹车"}).ok());
        auto id = parts.create(*by, {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .brand = "曼牌", .category = "filter"},
                               {{"6901234567892", "gtin"}, {"FC-P-0001", "label"}}, {bin});
        ASSERT_TRUE(id.ok()) << id.error().message;
        filter = *id;
        auto other = parts.create(*by, {.sku = "FLT-AIR-0007", .nameZh = "空气滤清器", .category = "filter"}, {}, {bin});
        ASSERT_TRUE(other.ok()) << other.error().message;
        air = *other;
        ASSERT_TRUE(sessions.signOut().ok());
    }

    LabelsScreen* openLabels(App& app, HeadlessDriver& d) {
        d.frame(3);
        EXPECT_TRUE(d.click("刘洋"));
        d.type("161803");
        d.press(ImGuiKey_Enter);
        d.frame(2);
        EXPECT_TRUE(app.staff().has_value());
        EXPECT_TRUE(d.click(tr("warehouse.home.labels")));
        d.frame(2);
        return dynamic_cast<LabelsScreen*>(app.router().top());
    }

    std::string bin, filter, air;
};

// What the scan pipeline reads on each page of a roll of labels (a page per label), in order.
std::vector<std::string> readRoll(const std::string& pdf, const std::string& folder) {
    fs::create_directories(folder);
    EXPECT_EQ(fc::test::runCommand("pdftoppm -r 300 -gray -png " + fc::test::shellQuote(pdf) + " " +
                                    fc::test::shellQuote(folder + "/page") + " 2>&1")
                  .status,
              0);
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(folder)) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    platform::ScanPipeline::Options options;
    options.isolate = false;
    platform::ScanPipeline pipeline(options);
    for (const std::string& f : files) {
        auto frame = platform::loadImageFile(f);
        EXPECT_TRUE(frame.ok()) << f;
        if (frame.ok()) pipeline.submitStill(std::move(*frame), f);
    }
    EXPECT_TRUE(pipeline.waitIdle(std::chrono::minutes(2)));
    std::vector<std::string> out;
    for (const platform::ScanEvent& e : pipeline.drain())
        out.push_back(e.codes.empty() ? "" : std::string(platform::symbologyName(e.codes[0].symbology)) + " " + e.codes[0].text);
    return out;
}

TEST_F(LabelsScreenTest, ScanTwoPartsAndABinSetCopiesAndMakeARollOfQrLabels) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    LabelsScreen* screen = openLabels(*app, d);
    ASSERT_NE(screen, nullptr) << "the tile opens the labels screen, no longer a placeholder";
    EXPECT_TRUE(d.visible(tr("warehouse.labels.prompt"), "labels"));
    EXPECT_TRUE(d.visible(tr("warehouse.labels.none"), "labels/list"));

    // Nothing listed: a clear message, no file.
    ASSERT_TRUE(d.click(tr("warehouse.labels.generate"), "labels/options"));
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("warehouse.labels.empty"), "labels"));
    EXPECT_TRUE(screen->lastPdf().empty());
    EXPECT_FALSE(screen->lastDoc().has_value());

    // A part by its barcode, another by its SKU typed on a wedge scanner, and a bin's label.
    ASSERT_TRUE(d.scan("6901234567892"));
    ASSERT_TRUE(d.scan("FLT-AIR-0007"));
    ASSERT_TRUE(d.scan("A-01-03"));
    d.frame(2);
    EXPECT_FALSE(d.visible(tr("warehouse.labels.empty"), "labels")) << "the message goes once something is done";
    ASSERT_EQ(screen->items().size(), 3u);
    EXPECT_TRUE(d.visible(tr("warehouse.labels.part_line", {{"sku", "FLT-OIL-0042"}, {"name", "机油滤清器"}}),
                          "labels/list/part FLT-OIL-0042"));
    EXPECT_TRUE(d.visible(tr("warehouse.labels.bin_line", {{"code", "A-01-03"}, {"name", "滤清器架"}}), "labels/list/bin A-01-03"));

    // Copies: + twice and − once on the oil filter; the buttons are touch targets.
    const WidgetRecord* plus = d.find(tr("warehouse.labels.plus"), "part FLT-OIL-0042");
    ASSERT_NE(plus, nullptr);
    EXPECT_GE(plus->itemMax.x - plus->itemMin.x, 48.0f);
    EXPECT_GE(plus->itemMax.y - plus->itemMin.y, 48.0f);
    const WidgetRecord* minus = d.find(tr("warehouse.labels.minus"), "part FLT-OIL-0042");
    ASSERT_NE(minus, nullptr);
    EXPECT_FALSE(minus->enabled) << "never below one copy";
    EXPECT_GE(minus->itemMax.y - minus->itemMin.y, 48.0f);
    ASSERT_TRUE(d.click(tr("warehouse.labels.plus"), "part FLT-OIL-0042"));
    ASSERT_TRUE(d.click(tr("warehouse.labels.plus"), "part FLT-OIL-0042"));
    ASSERT_TRUE(d.click(tr("warehouse.labels.minus"), "part FLT-OIL-0042"));
    d.frame();
    EXPECT_EQ(screen->items()[0].copies, 2);
    EXPECT_TRUE(d.visible(tr("warehouse.labels.copies", {{"count", 2}}), "part FLT-OIL-0042"));

    // A zone's bins: A-01-03 once more, A-01-04 new; then A-01-04 removed again.
    ASSERT_TRUE(d.click(tr("warehouse.labels.zone", {{"zone", "A"}}), "labels/zones"));
    d.frame();
    ASSERT_EQ(screen->items().size(), 4u);
    EXPECT_EQ(screen->items()[2].copies, 2) << "A-01-03 again: one more copy";
    ASSERT_TRUE(d.click(tr("warehouse.labels.remove"), "bin A-01-04"));
    d.frame();
    ASSERT_EQ(screen->items().size(), 3u);
    ASSERT_TRUE(d.click(tr("warehouse.labels.minus"), "bin A-01-03"));
    d.frame();
    EXPECT_TRUE(d.visible(tr("warehouse.labels.count", {{"count", 4}}), "labels/options"));

    // An unknown code says so and adds nothing.
    ASSERT_TRUE(d.scan("NOPE-0001"));
    d.frame();
    EXPECT_TRUE(d.visible(tr("warehouse.labels.unknown", {{"code", "NOPE-0001"}}), "labels"));
    EXPECT_EQ(screen->items().size(), 3u);

    // A roll of QR labels.
    ASSERT_TRUE(d.click(tr("warehouse.labels.roll"), "labels/options"));
    ASSERT_TRUE(d.click(tr("warehouse.labels.qr"), "labels/options"));
    d.frame();
    EXPECT_EQ(screen->sheet(), platform::LabelSheet::kRoll50x30);
    EXPECT_EQ(screen->symbology(), core::LabelSymbology::kQr);
    ASSERT_TRUE(d.click(tr("warehouse.labels.generate"), "labels/options"));
    d.frame(2);
    ASSERT_FALSE(screen->lastPdf().empty()) << screen->error();
    EXPECT_TRUE(fs::exists(screen->lastPdf()));
    EXPECT_EQ(fs::path(screen->lastPdf()).parent_path().string(), dbPath + ".documents");
    EXPECT_TRUE(d.visible(tr("warehouse.labels.saved", {{"count", 4}, {"path", screen->lastPdf()}}), "labels"));
    ASSERT_TRUE(screen->lastDoc().has_value());
    const core::LabelSheetDoc& doc = *screen->lastDoc();
    ASSERT_EQ(doc.labels.size(), 3u);
    EXPECT_EQ(doc.labels[0].code, "FC-P-0001") << "the part's label code";
    EXPECT_EQ(doc.labels[0].copies, 2);
    EXPECT_EQ(doc.labels[1].code, "FLT-AIR-0007") << "no label code: the SKU";
    EXPECT_EQ(doc.labels[2].code, "A-01-03");
    EXPECT_EQ(doc.count(), 4);
    for (const core::LabelDoc& l : doc.labels) EXPECT_EQ(l.symbology, core::LabelSymbology::kQr);
    EXPECT_EQ(readRoll(screen->lastPdf(), dir.file("roll")),
              (std::vector<std::string>{"QR FC-P-0001", "QR FC-P-0001", "QR FLT-AIR-0007", "QR A-01-03"}));

    // Again: a new file beside it, the first kept.
    const std::string first = screen->lastPdf();
    ASSERT_TRUE(d.click(tr("warehouse.labels.generate"), "labels/options"));
    d.frame(2);
    EXPECT_NE(screen->lastPdf(), first);
    EXPECT_TRUE(fs::exists(first));
    EXPECT_TRUE(fs::exists(screen->lastPdf()));

    // Emptied: the message again, and nothing new written.
    ASSERT_TRUE(d.click(tr("warehouse.labels.clear"), "labels/options"));
    d.frame();
    EXPECT_TRUE(screen->items().empty());
    ASSERT_TRUE(d.click(tr("warehouse.labels.generate"), "labels/options"));
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("warehouse.labels.empty"), "labels"));
    EXPECT_TRUE(screen->lastPdf().empty());
    size_t pdfs = 0;
    for (const auto& e : fs::directory_iterator(dbPath + ".documents")) pdfs += e.path().extension() == ".pdf";
    EXPECT_EQ(pdfs, 2u);
}

TEST_F(LabelsScreenTest, ACodeTwoPartsShareAsksWhich) {
    {
        auto s = core::StoreServices::open(dbPath, clock, 558);
        ASSERT_TRUE(s.ok());
        auto by = (*s)->get<core::SessionManager>().signInByPinOnly("161803");
        ASSERT_TRUE(by.ok());
        ASSERT_TRUE((*s)->get<core::PartService>().addCode(*by, air, {"FC-P-0001", "label"}).ok());
        ASSERT_TRUE((*s)->get<core::SessionManager>().signOut().ok());
    }
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    LabelsScreen* screen = openLabels(*app, d);
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.scan("FC-P-0001"));
    d.frame();
    EXPECT_TRUE(d.visible(tr("warehouse.labels.choose", {{"count", 2}}), "labels/choices"));
    EXPECT_TRUE(screen->items().empty());
    ASSERT_TRUE(d.click("FLT-AIR-0007  空气滤清器", "labels/choices"));
    d.frame();
    ASSERT_EQ(screen->items().size(), 1u);
    EXPECT_EQ(screen->items()[0].id, air);
    EXPECT_FALSE(d.visible(tr("warehouse.labels.choose", {{"count", 2}}), "labels/choices"));
    // Its label then carries its SKU: the shared code would ask again.
    ASSERT_TRUE(d.click(tr("warehouse.labels.generate"), "labels/options"));
    d.frame(2);
    ASSERT_TRUE(screen->lastDoc().has_value()) << screen->error();
    EXPECT_EQ(screen->lastDoc()->labels[0].code, "FLT-AIR-0007");
    EXPECT_EQ(fs::path(screen->lastPdf()).filename().string(), "标签-a4-3x8-1.pdf");
}

}  // namespace
}  // namespace fc::ui
