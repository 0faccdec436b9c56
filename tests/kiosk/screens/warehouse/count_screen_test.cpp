// The warehouse tablet's stock count through the headless frame driver: 刘洋 starts a blind count
// of zone A, scans the bin's label and then the filter — a keyboard-wedge burst of 20 scans 30 ms
// apart, with frames drawn only now and then as on a busy tablet, loses none —, types a figure on
// the keypad, undoes it, pauses and sees what is left; a count opened in the office shows on the
// tablet's list; a line another tablet counted differently says 复盘 and is counted again from
// zero; a part that is not on the list is added by scanning it.
#include <gtest/gtest.h>

#include "kiosk/screens/warehouse/count_screen.hpp"
#include "shared/stock/count_service.hpp"
#include "tests/kiosk/screens/warehouse/warehouse_fixture.hpp"

namespace fc::ui {
namespace {

class CountScreenTest : public WarehouseTest {
protected:
    core::CountService& counts(App& app) { return app.services().get<core::CountService>(); }
    // A wedge scanner: the code's keys 1 ms apart and Enter, at the app's clock.
    void burst(App& app, const std::string& code) {
        for (unsigned char c : code) {
            app.keyChar(static_cast<char32_t>(c));
            clock.advance(1);
        }
        app.keyEnter();
    }
    CountScreen* startZoneA(App& app, HeadlessDriver& d) {
        auto* screen = dynamic_cast<CountScreen*>(open(app, d, "warehouse.home.count"));
        EXPECT_NE(screen, nullptr);
        if (!screen) return nullptr;
        EXPECT_TRUE(d.visible(tr("warehouse.count.none"), "count/list"));
        EXPECT_TRUE(d.click(tr("warehouse.count.new"), "count/list"));
        d.frame(2);
        EXPECT_TRUE(d.click(tr("warehouse.count.scope.zones"), "count/new"));
        EXPECT_TRUE(d.click("A", "count/new/zones"));
        EXPECT_TRUE(d.click(tr("warehouse.count.start"), "count/new"));
        d.frame(2);
        EXPECT_TRUE(screen->count().has_value());
        return screen;
    }
};

TEST_F(CountScreenTest, ABlindCountTakesABurstOfTwentyScansTypedFiguresAndUndo) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    CountScreen* screen = startZoneA(*app, d);
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(screen->count()->blind);
    EXPECT_EQ(screen->progress().lines, 1u) << "zone A holds the filter in A-01-03";
    EXPECT_TRUE(d.visible(tr("warehouse.count.scan_bin"), "count/counting"));

    // A part before a bin: the tablet asks for the bin first and counts nothing.
    ASSERT_TRUE(d.scan("6901234567892"));
    EXPECT_EQ(app->services().db().queryInt("SELECT count(*) FROM stock_count_entries").value().value_or(-1), 0);
    ASSERT_TRUE(d.scan("A-01-03"));
    ASSERT_TRUE(screen->bin().has_value());
    EXPECT_EQ(screen->bin()->code, "A-01-03");
    ASSERT_EQ(screen->lines().size(), 1u);
    EXPECT_EQ(screen->lines()[0].mineMilli, 0) << "blind: the counted figure starts at zero, not the books' 5";
    EXPECT_FALSE(d.visible(screen->lines()[0].sku + "  机油滤清器    " +
                               tr("warehouse.count.mine", {{"qty", "0"}, {"unit", piece()}}) + "  " +
                               tr("warehouse.count.books", {{"qty", "5"}}),
                           "count/counting/lines"))
        << "a blind count hides the books";

    // The burst: 20 scans, each starting 30 ms after the last; a frame only after every third.
    for (int i = 0; i < 20; ++i) {
        burst(*app, "6901234567892");
        clock.advance(30 - 13);
        if (i % 3 == 2) d.frame();
    }
    d.frame(3);
    const core::CountLine l = counts(*app).line(screen->count()->id, binA, filter).value();
    EXPECT_EQ(l.mineMilli, 20'000) << "no scan of the burst was lost";
    EXPECT_EQ(app->services().db().queryInt("SELECT count(*) FROM stock_count_entries").value().value_or(-1), 20)
        << "each scan saved (and captured for sync) on its own";
    const std::string done = tr("warehouse.count.done", {{"name", "机油滤清器"}, {"qty", "20"}, {"unit", piece()}});
    EXPECT_TRUE(d.visible(done, "count/counting/done")) << "the large confirmation";

    // Typed: 18 on the keypad; then undone back to 20.
    ASSERT_TRUE(d.click(screen->lines()[0].sku + "  机油滤清器    " +
                            tr("warehouse.count.mine", {{"qty", "20"}, {"unit", piece()}}) + "  " +
                            tr("warehouse.count.state.counted"),
                        "count/counting/lines"));
    d.frame(2);
    for (const char* k : {"1", "8"}) ASSERT_TRUE(d.click(k, "count/enter")) << k;
    ASSERT_TRUE(d.click(tr("warehouse.count.save"), "count/enter"));
    d.frame(2);
    EXPECT_EQ(counts(*app).line(screen->count()->id, binA, filter)->figureMilli, 18'000);
    ASSERT_TRUE(d.click(tr("warehouse.undo"), "count/counting/actions"));
    d.frame(2);
    EXPECT_EQ(counts(*app).line(screen->count()->id, binA, filter)->figureMilli, 20'000) << "undo puts back 20";
    EXPECT_EQ(screen->progress().counted, 1u);

    // A part not on zone A's list (the wiper, kept in B) scanned in A-01-03: added.
    ASSERT_TRUE(d.scan("6901234567809"));
    d.frame(2);
    EXPECT_EQ(screen->progress().lines, 2u);
    EXPECT_EQ(counts(*app).line(screen->count()->id, binA, wiper)->figureMilli, 1'000);

    // Pause: back to the list, the count still open with its progress.
    ASSERT_TRUE(d.click(tr("warehouse.count.pause"), "count/counting/actions"));
    d.frame(2);
    EXPECT_FALSE(screen->count().has_value());
    EXPECT_FALSE(d.visible(tr("warehouse.count.none"), "count/list"));
}

TEST_F(CountScreenTest, ACountOpenedInTheOfficeIsCountedHereAndARecountStartsFromZero) {
    // The office opened a count of bin A-01-03, not blind.
    std::string id;
    {
        auto s = core::StoreServices::open(dbPath, clock, 601);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto by = (*s)->get<core::SessionManager>().signInByPinOnly("161803");
        ASSERT_TRUE(by.ok());
        auto opened = (*s)->get<core::CountService>().open(*by, {.scope = "bins", .binCodes = {"A-01-03"}, .blind = false});
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        id = *opened;
        ASSERT_TRUE((*s)->get<core::SessionManager>().signOut().ok());
    }
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<CountScreen*>(open(*app, d, "warehouse.home.count"));
    ASSERT_NE(screen, nullptr);
    const core::StockCount c = counts(*app).get(id).value();
    ASSERT_TRUE(d.click(c.number + "  " + tr("warehouse.count.scope.bins") + " A-01-03  " +
                            tr("warehouse.count.progress", {{"counted", 0}, {"lines", 1}}),
                        "count/list"));
    d.frame(2);
    ASSERT_TRUE(screen->count().has_value());
    ASSERT_TRUE(d.scan("A-01-03"));
    const std::string sku = screen->lines().at(0).sku;
    EXPECT_TRUE(d.visible(sku + "  机油滤清器    " + tr("warehouse.count.mine", {{"qty", "0"}, {"unit", piece()}}) + "  " +
                              tr("warehouse.count.books", {{"qty", "5"}}),
                          "count/counting/lines"))
        << "not blind: the books' 5 is shown";
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(d.scan("6901234567892"));
    EXPECT_EQ(counts(*app).line(id, binA, filter)->figureMilli, 4'000);

    // The office doubts the 4 and asks for the line again: the tablet shows 需复盘, the next scans
    // count from zero in a new round.
    ASSERT_TRUE(app->staff().has_value());
    ASSERT_TRUE(counts(*app).requestRecount(*app->staff(), id, binA, filter).ok());
    d.frame(3);
    EXPECT_TRUE(d.visible(sku + "  机油滤清器    " + tr("warehouse.count.mine", {{"qty", "0"}, {"unit", piece()}}) + "  " +
                              tr("warehouse.count.state.recount") + "  " + tr("warehouse.count.books", {{"qty", "5"}}),
                          "count/counting/lines"));
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(d.scan("6901234567892"));
    const core::CountLine l = counts(*app).line(id, binA, filter).value();
    EXPECT_EQ(l.round, 2);
    EXPECT_EQ(l.figureMilli, 5'000);
    EXPECT_EQ(l.state, "counted");
    EXPECT_EQ(screen->progress().counted, 1u);
}

}  // namespace
}  // namespace fc::ui
