// 安全库存 on the warehouse tablet: the oil filter (5 on hand, safety 10, no reorder quantity) is
// listed with 15 to order (up to twice the safety stock) and its supplier; the wiper blade (4, safety
// 2) is not. Tapping the row opens the part in the lookup; a receipt takes it off the list.
#include <gtest/gtest.h>

#include "kiosk/screens/warehouse/low_stock_screen.hpp"
#include "tests/kiosk/screens/warehouse/warehouse_fixture.hpp"

namespace fc::ui {
namespace {

using LowStock = WarehouseTest;

TEST_F(LowStock, PartsAtOrBelowSafetyWithWhatToOrder) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<LowStockScreen*>(open(*app, d, "warehouse.home.low_stock"));
    ASSERT_NE(screen, nullptr);
    ASSERT_EQ(screen->lines().size(), 1u);
    EXPECT_EQ(screen->lines()[0].partId, filter);
    EXPECT_EQ(screen->lines()[0].suggestMilli, 15'000);
    EXPECT_TRUE(d.visible(tr("warehouse.low.summary", {{"count", 1}}), "low"));
    EXPECT_TRUE(d.visible("FLT-OIL-0042", "low"));
    EXPECT_TRUE(d.visible("机油滤清器", "low"));
    EXPECT_TRUE(d.visible(tr("warehouse.low.qty", {{"qty", "15"}, {"unit", piece()}}), "low")) << "suggested";
    EXPECT_TRUE(d.visible(tr("warehouse.low.qty", {{"qty", "10"}, {"unit", piece()}}), "low")) << "safety";
    EXPECT_TRUE(d.visible("曼牌华南代理", "low"));
    EXPECT_FALSE(d.visible("WIP-600", "low"));

    // The row opens the part.
    ASSERT_TRUE(d.click("FLT-OIL-0042", "low"));
    d.frame(2);
    auto* lookup = dynamic_cast<StockLookupScreen*>(app->router().top());
    ASSERT_NE(lookup, nullptr);
    ASSERT_TRUE(lookup->part().has_value());
    EXPECT_EQ(lookup->part()->id, filter);

    // A receipt of 20 takes it off the list.
    ASSERT_TRUE(d.click(tr("warehouse.part.receive"), "lookup/part"));
    d.frame(2);
    ASSERT_TRUE(d.click("2", "receive"));
    ASSERT_TRUE(d.click("0", "receive"));
    ASSERT_TRUE(d.click(tr("warehouse.receive.ok"), "receive"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("shell.back"), "header"));
    d.frame(2);
    ASSERT_EQ(app->router().top(), screen);
    EXPECT_TRUE(screen->lines().empty());
    EXPECT_TRUE(d.visible(tr("warehouse.low.empty"), "low"));
}

}  // namespace
}  // namespace fc::ui
