// The warehouse tablet's stock count in the real `forecourt` binary on Xvfb (tests/kiosk/support/
// real_window.hpp), landscape and portrait: 刘洋 signs in with his PIN, starts a blind count of
// zone A, scans the bin's label and then the oil filter with a USB scanner's bursts 30 ms
// apart (xdotool key presses through GLFW and the app's wedge detector): none is lost — the store
// file holds one entry per scan and the line says how many. Nothing on the count screen is cut off. Set
// FC_SCREENSHOT_DIR (e.g. docs/screenshots) to keep warehouse-<size>-count.png.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "kiosk/i18n/i18n.hpp"
#include "shared/demo/seed.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/stock/count_service.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"
#include "tests/kiosk/support/real_window.hpp"
#include "tests/support/test_store.hpp"

namespace fc::test {
namespace {

// Scans in the real window. The burst of 20 at 30 ms is CountScreenTest's (the app's own wedge
// path, time injected); here the wiring, with few enough bursts that xdotool and the app being
// descheduled on a CI machine busy with sanitizer tests (a pause the wedge must take for typing)
// does not make the test flaky.
constexpr int kBursts = 6;

using ui::tr;

class WarehouseRealWindow : public ::testing::Test {
protected:
    void SetUp() override {
        std::string missing;
        if (!haveRealWindowTools(missing)) GTEST_SKIP() << "missing Debian packages:" << missing;
        i18n = testCatalogs();
        ui::setCurrentI18n(&i18n);
        for (const char* name : {"landscape.db", "portrait.db"}) {
            dbs.push_back(dir.file(name));
            makeStore(dbs.back());
            if (HasFatalFailure()) return;
        }
    }
    void TearDown() override { ui::setCurrentI18n(nullptr); }

    void makeStore(const std::string& db) {
        core::ManualClock seedClock(core::SystemClock().nowMs());
        core::InitOptions opt;
        opt.storeName = "深圳南山旗舰店";
        auto s = core::StoreServices::init(db, seedClock, opt);
        ASSERT_TRUE(s.ok()) << s.error().message;
        ASSERT_TRUE(core::seedDemo(**s, {.seed = 11, .customers = 20, .staff = true, .appointmentsToday = 2}).ok());
        auto& sessions = (*s)->get<core::SessionManager>();
        auto by = sessions.signInByPinOnly("161803");
        ASSERT_TRUE(by.ok()) << by.error().message;
        auto& parts = (*s)->get<core::PartService>();
        auto& stock = (*s)->get<core::StockService>();
        const std::string a1 = parts.createBin(*by, {.code = "A-01-03", .zone = "A", .name = "滤清器架"}).value();
        const std::string a2 = parts.createBin(*by, {.code = "A-01-04", .zone = "A"}).value();
        auto filter = parts.create(*by, {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .brand = "曼牌", .category = "filter"},
                                   {{"6901234567892", "gtin"}}, {a1});
        ASSERT_TRUE(filter.ok()) << filter.error().message;
        auto oil = parts.create(*by, {.sku = "OIL-5W30-4L", .nameZh = "全合成机油 5W-30 4升", .brand = "美孚",
                                      .category = "oil"},
                                {{"6901234567809", "gtin"}}, {a1});
        ASSERT_TRUE(oil.ok()) << oil.error().message;
        auto pads = parts.create(*by, {.sku = "BRK-PAD-0007", .nameZh = "前刹车片", .brand = "博世", .category = "brake"},
                                 {}, {a2});
        ASSERT_TRUE(pads.ok()) << pads.error().message;
        ASSERT_TRUE(stock.receive(*by, *filter, a1, 4'000, {.unitCostFen = 1800}).ok());
        ASSERT_TRUE(stock.receive(*by, *oil, a1, 6'000, {.unitCostFen = 21000}).ok());
        ASSERT_TRUE(stock.receive(*by, *pads, a2, 4'000, {.unitCostFen = 12000}).ok());
        ASSERT_TRUE(sessions.signOut().ok());
    }

    void keep(RealWindow& app, const std::string& name) {
        const char* out = std::getenv("FC_SCREENSHOT_DIR");
        if (!out || !*out) return;
        std::filesystem::create_directories(out);
        EXPECT_TRUE(app.screenshot(std::string(out) + "/" + name + ".png")) << name;
    }

    TempDir dir;
    std::vector<std::string> dbs;
    ui::I18n i18n;
};

TEST_F(WarehouseRealWindow, ABlindCountTakesScannerBurstsAndLosesNone) {
    const std::pair<int, int> sizes[] = {{1280, 800}, {800, 1280}};
    for (size_t i = 0; i < 2; ++i) {
        const auto [w, h] = sizes[i];
        const std::string size = std::to_string(w) + "x" + std::to_string(h);
        SCOPED_TRACE(size);
        XDisplay x(w, h);
        ASSERT_TRUE(x.ok()) << x.error();
        RealWindow app(x, {.db = dbs[i], .mode = "warehouse", .width = w, .height = h}, dir.path());
        ASSERT_TRUE(app.ok()) << app.error();
        ASSERT_TRUE(app.tap("刘洋")) << app.why();
        for (const char* digit : {"1", "6", "1", "8", "0", "3"}) ASSERT_TRUE(app.tap(digit, "pin")) << app.why();
        ASSERT_TRUE(app.tap(tr("keypad.ok"), "pin")) << app.why();
        ASSERT_TRUE(app.waitFor([](const Probe& p) { return p.signedIn; }));
        ASSERT_TRUE(app.tap(tr("warehouse.home.count"))) << app.why();
        ASSERT_TRUE(app.tap(tr("warehouse.count.new"), "count/list")) << app.why();
        ASSERT_TRUE(app.tap(tr("warehouse.count.scope.zones"), "count/new")) << app.why();
        ASSERT_TRUE(app.tap("A", "count/new/zones")) << app.why();
        ASSERT_TRUE(app.tap(tr("warehouse.count.start"), "count/new")) << app.why();
        ASSERT_TRUE(app.waitForLabel(tr("warehouse.count.scan_bin"), "count/counting")) << app.log();

        app.scanBurst("A-01-03");
        ASSERT_TRUE(app.waitForLabel(tr("warehouse.count.bin", {{"code", "A-01-03"}}), "count/counting")) << app.log();
        // The oil counted on the keypad first (a tap on its line), then the filters by scanning.
        ASSERT_TRUE(app.tap("OIL-5W30-4L  全合成机油 5W-30 4升    " +
                                tr("warehouse.count.mine", {{"qty", "0"}, {"unit", tr("warehouse.unit.piece")}}),
                            "count/counting/lines"))
            << app.why();
        ASSERT_TRUE(app.tap("5", "count/enter")) << app.why();  // one short of the books' 6
        ASSERT_TRUE(app.tap(tr("warehouse.count.save"), "count/enter")) << app.why();
        app.scanBursts(std::vector<std::string>(kBursts, "6901234567892"), 30);
        const std::string done = tr("warehouse.count.done",
                                    {{"name", "机油滤清器"}, {"qty", std::to_string(kBursts)}, {"unit", tr("warehouse.unit.piece")}});
        auto shown = app.waitForLabel(done, "count/counting/done");
        if (!shown) {
            std::string seen;
            for (const ProbeWidget& wdg : app.probe().widgets)
                if (wdg.scope.rfind("count/counting", 0) == 0) seen += "\n  " + wdg.label + " (" + wdg.scope + ")";
            ADD_FAILURE() << "shown:" << seen;
        }
        ASSERT_TRUE(shown.has_value()) << "the last scan is on screen\n" << app.log();
        std::string cut;
        for (const ProbeWidget& wdg : shown->widgets)
            if (!wdg.full && wdg.kind != "toast" && wdg.scope.find("count/counting/lines") == std::string::npos)
                cut += " '" + wdg.label + "' (" + wdg.scope + ")";
        EXPECT_TRUE(cut.empty()) << "cut off:" << cut;
        keep(app, "warehouse-" + size + "-count");
    }
    // The office reviews the landscape store's count.
    {
        XDisplay x(1280, 800);
        ASSERT_TRUE(x.ok()) << x.error();
        RealWindow office(x, {.db = dbs[0], .mode = "office", .width = 1280, .height = 800}, dir.path());
        ASSERT_TRUE(office.ok()) << office.error();
        ASSERT_TRUE(office.tap("陈建国")) << office.why();
        for (const char* digit : {"1", "3", "5", "7", "9", "0"}) ASSERT_TRUE(office.tap(digit, "pin")) << office.why();
        ASSERT_TRUE(office.tap(tr("keypad.ok"), "pin")) << office.why();
        ASSERT_TRUE(office.waitFor([](const Probe& p) { return p.signedIn; }));
        ASSERT_TRUE(office.tap(tr("office.home.stock_counts"))) << office.why();
        auto list = office.waitFor([](const Probe& p) {
            for (const ProbeWidget& w : p.widgets)
                if (w.scope == "count-review/list" && w.label.rfind("PD-", 0) == 0) return true;
            return false;
        });
        ASSERT_TRUE(list.has_value()) << office.log();
        std::string number;
        for (const ProbeWidget& w : list->widgets)
            if (w.scope == "count-review/list" && w.label.rfind("PD-", 0) == 0) number = w.label;
        ASSERT_TRUE(office.tap(number, "count-review/list")) << office.why();
        // 6 filters counted against 4 on the books (+2 × ¥18), the oil one short (−1 × ¥210).
        auto review = office.waitForLabel(tr("office.count.gain", {{"value", "+¥36.00"}}), "count-review/review");
        ASSERT_TRUE(review.has_value()) << office.log();
        EXPECT_TRUE(office.waitForLabel(tr("office.count.loss", {{"value", "−¥210.00"}}), "count-review/review"));
        keep(office, "office-1280x800-count-review");
    }
    // The store files: each scan of the filter its own entry, and the figure.
    for (const std::string& db : dbs) {
        core::ManualClock clock(core::SystemClock().nowMs());
        auto s = core::StoreServices::open(db, clock, 77);
        ASSERT_TRUE(s.ok()) << s.error().message;
        EXPECT_EQ((*s)->db().queryInt("SELECT count(*) FROM stock_count_entries e JOIN parts p ON p.id = e.part_id "
                                      "WHERE p.sku = 'FLT-OIL-0042'")
                      .value()
                      .value_or(-1),
                  kBursts)
            << db;
        EXPECT_EQ((*s)->db().queryInt("SELECT max(figure_milli) FROM local_count_state").value().value_or(-1), kBursts * 1000)
            << db;
    }
}

}  // namespace
}  // namespace fc::test
