// The warehouse tablet's stock lookup and receiving through the headless frame driver: 刘洋 signs
// in, scans a filter's barcode (its stock per bin and movements), receives 20 on the keypad into
// its bin — and meant 2: one tap on 撤销上一步 puts it back with a compensating movement; a bin's
// label lists what is in it; a code two parts share asks which; an unknown code says so.
#include <gtest/gtest.h>

#include "kiosk/screens/warehouse/stock_lookup_screen.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

using fc::test::KioskTest;

class StockLookupTest : public KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        ASSERT_GT(makeDemoStore().customers, 0u);
        // The office set up a bin and two filters (on another connection, as sync would bring them).
        auto s = core::StoreServices::open(dbPath, clock, 556);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto& sessions = (*s)->get<core::SessionManager>();
        auto by = sessions.signInByPinOnly("161803");
        ASSERT_TRUE(by.ok()) << by.error().message;
        auto& parts = (*s)->get<core::PartService>();
        bin = parts.createBin(*by, {.code = "A-01-03", .zone = "A", .name = "滤清器架"}).value();
        auto id = parts.create(*by, {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .brand = "曼牌", .category = "filter"},
                               {{"6901234567892", "gtin"}, {"FC-P-0001", "label"}}, {bin});
        ASSERT_TRUE(id.ok()) << id.error().message;
        filter = *id;
        ASSERT_TRUE(parts.create(*by, {.sku = "FLT-OIL-0043", .nameZh = "机油滤清器（加长）", .category = "filter"},
                                 {{"FC-P-0001", "label"}})
                        .ok());
        ASSERT_TRUE((*s)->get<core::StockService>().receive(*by, filter, bin, 5'000, {.unitCostFen = 1800}).ok());
        ASSERT_TRUE(sessions.signOut().ok());
    }

    StockLookupScreen* openLookup(App& app, HeadlessDriver& d) {
        d.frame(3);
        EXPECT_TRUE(d.click("刘洋"));
        d.type("161803");
        d.press(ImGuiKey_Enter);
        d.frame(2);
        EXPECT_TRUE(app.staff().has_value());
        EXPECT_TRUE(d.click(tr("warehouse.home.lookup")));
        d.frame(2);
        return dynamic_cast<StockLookupScreen*>(app.router().top());
    }

    int64_t onHand(App& app) { return app.services().get<core::StockService>().onHand(filter).value(); }

    std::string bin, filter;
};

TEST_F(StockLookupTest, ScanAPartReceiveTwentyThenUndoIt) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    StockLookupScreen* screen = openLookup(*app, d);
    ASSERT_NE(screen, nullptr);
    EXPECT_TRUE(d.visible(tr("warehouse.lookup.prompt"), "lookup"));

    ASSERT_TRUE(d.scan("6901234567892"));
    d.frame(2);
    ASSERT_TRUE(screen->part().has_value());
    EXPECT_EQ(screen->part()->id, filter);
    EXPECT_TRUE(d.visible("机油滤清器", "lookup/part"));
    EXPECT_TRUE(d.visible(tr("warehouse.part.on_hand", {{"qty", "5"}, {"unit", tr("warehouse.unit.piece")}}), "lookup/part"));
    EXPECT_TRUE(d.visible(tr("warehouse.part.bin_line", {{"bin", "A-01-03"}, {"qty", "5"}, {"unit", tr("warehouse.unit.piece")}}),
                          "lookup/part"));

    // Receive 20 (meant 2) on the keypad into its bin.
    ASSERT_TRUE(d.click(tr("warehouse.part.receive"), "lookup/part"));
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("warehouse.receive.title", {{"name", "机油滤清器"}}), "receive"));
    EXPECT_TRUE(d.visible("A-01-03", "receive/bins")) << "its bin, chosen already";
    ASSERT_TRUE(d.click("2", "receive"));
    ASSERT_TRUE(d.click("0", "receive"));
    d.frame();
    ASSERT_TRUE(d.click(tr("warehouse.receive.ok"), "receive"));
    d.frame(2);
    EXPECT_EQ(onHand(*app), 25'000);
    const std::string done = tr("warehouse.done.receipt",
                                {{"name", "机油滤清器"}, {"qty", "20"}, {"unit", tr("warehouse.unit.piece")}, {"bin", "A-01-03"}});
    EXPECT_TRUE(d.visible(done, "lookup/done")) << "a large confirmation";
    EXPECT_TRUE(d.visible(tr("warehouse.part.on_hand", {{"qty", "25"}, {"unit", tr("warehouse.unit.piece")}}), "lookup/part"));

    // One tap puts it right: a compensating movement, nothing deleted.
    ASSERT_TRUE(d.click(tr("warehouse.undo"), "lookup/done"));
    d.frame(2);
    EXPECT_EQ(onHand(*app), 5'000);
    EXPECT_FALSE(d.visible(done, "lookup/done"));
    EXPECT_TRUE(d.visible(tr("warehouse.undone")));
    auto moves = app->services().get<core::StockService>().movements(filter);
    ASSERT_TRUE(moves.ok());
    ASSERT_EQ(moves->size(), 3u) << "the receipt of 5, the 20 and its undo";
    EXPECT_EQ((*moves)[0].kind, "undo");
    EXPECT_TRUE((*moves)[1].undone);
    EXPECT_TRUE(d.visible(tr("warehouse.part.on_hand", {{"qty", "5"}, {"unit", tr("warehouse.unit.piece")}}), "lookup/part"));
}

TEST_F(StockLookupTest, AReceiptWithItsUnitCostAndDeliveryNoteMovesTheAverage) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    StockLookupScreen* screen = openLookup(*app, d);
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.scan("6901234567892"));
    ASSERT_TRUE(d.click(tr("warehouse.part.receive"), "lookup/part"));
    d.frame(2);
    ASSERT_TRUE(d.click("5", "receive"));
    // A cost that is not an amount is said, and nothing is saved.
    ASSERT_TRUE(d.click(tr("warehouse.receive.cost"), "receive"));
    d.type("18.5.0");
    EXPECT_TRUE(d.visible(tr("osk.done"), "osk")) << "the on-screen keyboard is up";
    ASSERT_TRUE(d.click(tr("osk.done"), "osk"));
    ASSERT_TRUE(d.click(tr("warehouse.receive.ok"), "receive"));
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("warehouse.receive.bad_cost", {{"text", "18.5.0"}}), "receive"));
    EXPECT_EQ(onHand(*app), 5'000);
    ASSERT_TRUE(d.click(tr("warehouse.receive.cost"), "receive"));
    for (int i = 0; i < 6; ++i) d.press(ImGuiKey_Backspace);
    d.type("24.00");
    ASSERT_TRUE(d.click(tr("osk.done"), "osk"));
    ASSERT_TRUE(d.click(tr("warehouse.receive.reference"), "receive"));
    d.type("DN-0042");
    ASSERT_TRUE(d.click(tr("osk.done"), "osk"));
    ASSERT_TRUE(d.click(tr("warehouse.receive.ok"), "receive"));
    d.frame(2);
    EXPECT_EQ(onHand(*app), 10'000);
    auto& stock = app->services().get<core::StockService>();
    const core::PartFigures f = stock.figures(filter).value();
    EXPECT_EQ(f.avgCostFen, 2'100) << "5 at ¥18.00 and 5 at ¥24.00";
    const auto moves = stock.movements(filter).value();
    ASSERT_FALSE(moves.empty());
    EXPECT_EQ(moves[0].unitCostFen, 2'400);
    EXPECT_EQ(moves[0].reference, "DN-0042");
}

TEST_F(StockLookupTest, ABinLabelASharedCodeAndAnUnknownCode) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    StockLookupScreen* screen = openLookup(*app, d);
    ASSERT_NE(screen, nullptr);
    // A bin's label: what is in it.
    ASSERT_TRUE(d.scan("A-01-03"));
    d.frame(2);
    ASSERT_TRUE(screen->bin().has_value());
    EXPECT_TRUE(d.visible(tr("warehouse.bin.title", {{"code", "A-01-03"}}), "lookup/bin"));
    ASSERT_NE(d.find(std::string("FLT-OIL-0042  机油滤清器  5 ") + tr("warehouse.unit.piece"), "lookup/bin"), nullptr);
    // Tapping it opens the part.
    ASSERT_TRUE(d.click(std::string("FLT-OIL-0042  机油滤清器  5 ") + tr("warehouse.unit.piece"), "lookup/bin"));
    d.frame(2);
    ASSERT_TRUE(screen->part().has_value());
    EXPECT_EQ(screen->part()->id, filter);

    // A label code two parts carry: pick one.
    ASSERT_TRUE(d.scan("FC-P-0001"));
    d.frame(2);
    EXPECT_FALSE(screen->part().has_value());
    EXPECT_TRUE(d.visible(tr("warehouse.lookup.choose", {{"count", 2}}), "lookup/choices"));
    ASSERT_TRUE(d.click("FLT-OIL-0043  机油滤清器(加长)", "lookup/choices"));
    d.frame(2);
    ASSERT_TRUE(screen->part().has_value());
    EXPECT_EQ(screen->part()->sku, "FLT-OIL-0043");

    // Unknown.
    ASSERT_TRUE(d.scan("6900000000000"));
    d.frame(2);
    EXPECT_FALSE(screen->part().has_value());
    EXPECT_TRUE(d.visible(tr("warehouse.lookup.unknown", {{"code", "6900000000000"}}), "lookup"));
    // A receipt of nothing cannot be made: OK stays off until a digit is typed.
    ASSERT_TRUE(d.scan("6901234567892"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("warehouse.part.receive"), "lookup/part"));
    d.frame(2);
    const WidgetRecord* ok = d.find(tr("warehouse.receive.ok"), "receive");
    ASSERT_NE(ok, nullptr);
    EXPECT_FALSE(ok->enabled);
    ASSERT_TRUE(d.click(tr("warehouse.receive.cancel"), "receive"));
    d.frame(2);
    EXPECT_EQ(onHand(*app), 5'000);
}

}  // namespace
}  // namespace fc::ui
