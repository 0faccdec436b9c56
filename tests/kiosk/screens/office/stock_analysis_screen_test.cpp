// The office's stock analysis, driven through the app on a demo store with a year of history: the
// manager opens it from the home grid, sees the turnover chart and table, switches through the
// five analyses and their periods (every header and category in words, never an i18n key), and
// exports the shown analysis as an Excel workbook and as a PDF into the documents folder, named in
// a toast.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kiosk/screens/office/stock_analysis_screen.hpp"
#include "shared/demo/demo_parts.hpp"
#include "shared/demo/demo_stock_history.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class StockAnalysisScreenTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        ASSERT_GT(makeDemoStore().customers, 0u);
        // The demo parts and their year of work orders, written on another connection.
        auto s = core::StoreServices::open(dbPath, clock, 559);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto by = (*s)->get<core::SessionManager>().signInByPinOnly("161803");
        ASSERT_TRUE(by.ok()) << by.error().message;
        auto seeded = core::inTx((*s)->db(), [&]() -> core::Result<core::DemoStockHistoryReport> {
            FC_TRY(core::seedDemoParts(**s, *by, {.seed = 7, .parts = 400}));
            return core::seedDemoStockHistory(**s, *by, {.seed = 7});
        });
        ASSERT_TRUE(seeded.ok()) << seeded.error().message;
        ASSERT_GT(seeded->workOrders, 100u);
        ASSERT_TRUE((*s)->get<core::SessionManager>().signOut().ok());
    }

    static void signIn(HeadlessDriver& d, const char* name, const char* pin) {
        d.frame(3);
        ASSERT_TRUE(d.click(name)) << name;
        d.type(pin);
        d.press(ImGuiKey_Enter);
        d.frame(3);
    }

    // Nothing shown is still an i18n key.
    static void expectInWords(const StockAnalysisScreen& screen) {
        for (const core::ReportTable& t : screen.tables()) {
            EXPECT_EQ(t.title.find("office."), std::string::npos) << t.title;
            for (const core::ReportColumn& c : t.columns) {
                EXPECT_EQ(c.header.find("office."), std::string::npos) << c.header;
                EXPECT_EQ(c.header.find("warehouse."), std::string::npos) << c.header;
            }
            for (const auto& row : t.rows)
                for (const core::ReportCell& cell : row) {
                    EXPECT_NE(cell.format, core::CellFormat::kKey);
                    EXPECT_EQ(cell.text.find("warehouse.unknown"), std::string::npos) << cell.text;
                }
        }
        for (const StockAnalysisScreen::Bar& b : screen.bars())
            EXPECT_EQ(b.label.find('.'), std::string::npos) << b.label;
    }

    static std::string head(const std::string& path, size_t n) {
        std::ifstream in(path, std::ios::binary);
        std::string h(n, '\0');
        in.read(h.data(), static_cast<std::streamsize>(n));
        return h;
    }
};

TEST_F(StockAnalysisScreenTest, TheManagerSwitchesAnalysesAndExportsExcelAndPdf) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "陈建国", "135790");
    ASSERT_TRUE(d.click(tr("office.home.stock_analysis")));
    d.frame(3);
    auto* screen = dynamic_cast<StockAnalysisScreen*>(app->router().top());
    ASSERT_NE(screen, nullptr);

    // Turnover over the last 90 days: by part and by category, a bar per category.
    EXPECT_EQ(screen->analysis(), StockAnalysisScreen::Analysis::kTurnover);
    EXPECT_EQ(screen->days(), 90);
    ASSERT_EQ(screen->tables().size(), 2u);
    EXPECT_EQ(screen->tables()[0].title, tr("office.analysis.turnover.by_part"));
    EXPECT_EQ(screen->tables()[0].columns[0].header, tr("office.analysis.col.sku"));
    EXPECT_GT(screen->tables()[0].rows.size(), 20u);
    EXPECT_FALSE(screen->bars().empty());
    EXPECT_TRUE(d.visible(screen->summary(), "stock-analysis/period"));
    EXPECT_TRUE(d.visible(screen->tables()[0].rows[0][0].text, "stock-analysis/table"))
        << "its first row";
    expectInWords(*screen);
    ASSERT_TRUE(d.click(tr("office.analysis.turnover.by_category"), "stock-analysis/tables"));
    d.frame(2);
    EXPECT_EQ(screen->shownTable(), 1u);
    ASSERT_TRUE(d.click(tr("office.analysis.period.365"), "stock-analysis/period"));
    d.frame(2);
    EXPECT_EQ(screen->days(), 365);

    // The other four.
    const std::pair<const char*, const char*> tabs[] = {
        {"office.analysis.tab.slow", "office.analysis.slow.title"},
        {"office.analysis.tab.value", "office.analysis.value.title"},
        {"office.analysis.tab.monthly", "office.analysis.monthly.title"},
        {"office.analysis.tab.models", "office.analysis.models.title"}};
    for (const auto& [tab, title] : tabs) {
        ASSERT_TRUE(d.click(tr(tab), "stock-analysis/tabs")) << tab;
        d.frame(2);
        ASSERT_EQ(screen->tables().size(), 1u) << tab;
        EXPECT_EQ(screen->tables()[0].title, tr(title));
        expectInWords(*screen);
    }
    // Monthly demand: twelve months, the last (January, the clock's month) still empty.
    ASSERT_TRUE(d.click(tr("office.analysis.tab.monthly"), "stock-analysis/tabs"));
    d.frame(2);
    ASSERT_EQ(screen->bars().size(), 12u);
    EXPECT_GT(screen->bars()[5].value, 0);
    EXPECT_EQ(screen->tables()[0].rows.size(), 13u) << "twelve months and the total";
    // Slow movers for 60 days; parts per model.
    ASSERT_TRUE(d.click(tr("office.analysis.tab.slow"), "stock-analysis/tabs"));
    ASSERT_TRUE(d.click(tr("office.analysis.idle.60"), "stock-analysis/period"));
    d.frame(2);
    EXPECT_EQ(screen->days(), 60);
    ASSERT_TRUE(d.click(tr("office.analysis.tab.models"), "stock-analysis/tabs"));
    d.frame(2);
    EXPECT_FALSE(screen->tables()[0].rows.empty());
    EXPECT_FALSE(screen->bars().empty());

    // Both exports, into the documents folder.
    ASSERT_TRUE(d.click(tr("office.analysis.export_xlsx"), "stock-analysis/export"));
    d.frame(2);
    const std::string xlsx = screen->lastExport();
    ASSERT_FALSE(xlsx.empty());
    EXPECT_EQ(std::filesystem::path(xlsx).parent_path(),
              std::filesystem::path(dbPath + ".documents"));
    EXPECT_EQ(std::filesystem::path(xlsx).extension(), ".xlsx");
    EXPECT_EQ(head(xlsx, 2), "PK") << "a zip";
    EXPECT_TRUE(d.visible(tr("office.analysis.exported", {{"file", xlsx}})));
    ASSERT_TRUE(d.click(tr("office.analysis.export_pdf"), "stock-analysis/export"));
    d.frame(2);
    const std::string pdf = screen->lastExport();
    EXPECT_EQ(std::filesystem::path(pdf).extension(), ".pdf");
    EXPECT_TRUE(std::filesystem::exists(xlsx));
    EXPECT_EQ(head(pdf, 5), "%PDF-");
    EXPECT_NE(pdf.find(tr("office.analysis.file.models")), std::string::npos) << pdf;
}

TEST_F(StockAnalysisScreenTest, InEnglishTheTablesAreInEnglish) {
    ui::AppConfig english;
    english.language = "en";
    auto app = makeApp(Mode::kOffice, false, english);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "陈建国", "135790");
    ASSERT_EQ(app->i18n().language(), "en");
    ASSERT_TRUE(d.click(tr("office.home.stock_analysis")));
    d.frame(3);
    auto* screen = dynamic_cast<StockAnalysisScreen*>(app->router().top());
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.click(tr("office.analysis.tab.value"), "stock-analysis/tabs"));
    d.frame(2);
    ASSERT_FALSE(screen->tables().empty());
    EXPECT_EQ(screen->tables()[0].title, "Stock value by category");
    EXPECT_EQ(screen->tables()[0].rows.back()[0].text, "Total");
    expectInWords(*screen);
}

}  // namespace
}  // namespace fc::ui
