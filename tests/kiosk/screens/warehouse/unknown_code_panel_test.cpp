// An unknown code on the warehouse tablet: linked to an existing part (found by its name), after
// which the code finds that part; or a new part made for it (name, the SKU prefilled with the
// code, category, unit; no cost or price), which the code then finds. A GTIN-13 is linked as a
// GTIN, anything else as a supplier's code.
#include <gtest/gtest.h>

#include "kiosk/screens/warehouse/unknown_code_panel.hpp"
#include "tests/kiosk/screens/warehouse/warehouse_fixture.hpp"

namespace fc::ui {
namespace {

using UnknownCodes = WarehouseTest;

TEST_F(UnknownCodes, KindIsGtinOnlyForAValidGtin13) {
    EXPECT_EQ(UnknownCodePanel::kindOf("6900000000014"), "gtin");
    EXPECT_EQ(UnknownCodePanel::kindOf("6900000000015"), "supplier") << "a wrong check digit";
    EXPECT_EQ(UnknownCodePanel::kindOf("SUP-77812"), "supplier");
    EXPECT_EQ(UnknownCodePanel::kindOf("12345678"), "supplier");
}

TEST_F(UnknownCodes, LinkToAnExistingPartThenTheScanFindsIt) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<StockLookupScreen*>(open(*app, d, "warehouse.home.lookup"));
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.scan("6900000000014"));
    d.frame(2);
    EXPECT_FALSE(screen->part().has_value());
    EXPECT_TRUE(d.visible(tr("warehouse.lookup.unknown", {{"code", "6900000000014"}}), "lookup"));
    ASSERT_TRUE(d.click(tr("warehouse.unknown.link"), "lookup/unknown"));
    ASSERT_TRUE(d.click(tr("warehouse.unknown.search"), "lookup/unknown/link"));
    d.type("雨刮");
    d.frame(2);
    ASSERT_TRUE(d.click(tr("osk.done"), "osk"));  // the on-screen keyboard away: the list shows
    EXPECT_FALSE(d.visible("FLT-OIL-0042  机油滤清器", "lookup/unknown/link"));
    ASSERT_TRUE(d.click("WIP-600  雨刮片", "lookup/unknown/link"));
    d.frame(2);
    ASSERT_TRUE(screen->part().has_value());
    EXPECT_EQ(screen->part()->id, wiper);
    EXPECT_TRUE(d.visible(tr("warehouse.unknown.linked", {{"code", "6900000000014"}, {"name", "雨刮片"}})));

    auto& parts = app->services().get<core::PartService>();
    bool linked = false;
    const auto codes = parts.codesOf(wiper).value();
    for (const core::PartCode& c : codes) linked |= c.code == "6900000000014" && c.kind == "gtin";
    EXPECT_TRUE(linked);
    // Scanned again (after another part): found at once.
    ASSERT_TRUE(d.scan("6901234567892"));
    d.frame(2);
    ASSERT_TRUE(d.scan("6900000000014"));
    d.frame(2);
    ASSERT_TRUE(screen->part().has_value());
    EXPECT_EQ(screen->part()->id, wiper);
}

TEST_F(UnknownCodes, ANewPartForTheCodeWithoutCostOrPrice) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<StockLookupScreen*>(open(*app, d, "warehouse.home.lookup"));
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.scan("SUP-77812"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("warehouse.unknown.create"), "lookup/unknown"));
    d.frame();
    const WidgetRecord* save = d.find(tr("warehouse.unknown.save"), "lookup/unknown/new");
    ASSERT_NE(save, nullptr);
    EXPECT_FALSE(save->enabled) << "no name yet";
    EXPECT_TRUE(d.visible(tr("warehouse.unknown.cost_note"), "lookup/unknown/new"));
    ASSERT_TRUE(d.click(tr("warehouse.unknown.name"), "lookup/unknown/new"));
    d.type("空调滤芯");
    d.frame();
    ASSERT_TRUE(d.click(tr("osk.done"), "osk"));
    ASSERT_TRUE(d.click(tr("warehouse.unknown.category.ac"), "lookup/unknown/new/categories"));
    ASSERT_TRUE(d.click(tr("warehouse.unknown.save"), "lookup/unknown/new"));
    d.frame(2);
    ASSERT_TRUE(screen->part().has_value());
    const core::Part made = *screen->part();
    EXPECT_EQ(made.nameZh, "空调滤芯");
    EXPECT_EQ(made.sku, "SUP-77812") << "the SKU prefilled with the code";
    EXPECT_EQ(made.category, "ac");
    EXPECT_EQ(made.unit, "piece");
    EXPECT_EQ(made.costFen, 0);
    EXPECT_EQ(made.priceFen, 0);
    auto found = app->services().get<core::PartService>().findByCode("SUP-77812").value();
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].partId, made.id);
    auto codes = app->services().get<core::PartService>().codesOf(made.id).value();
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].kind, "supplier");

    // The same SKU a second time is refused with the reason, nothing made.
    ASSERT_TRUE(d.scan("SUP-77813"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("warehouse.unknown.create"), "lookup/unknown"));
    ASSERT_TRUE(d.click(tr("warehouse.unknown.name"), "lookup/unknown/new"));
    d.type("空调滤芯");
    ASSERT_TRUE(d.click(tr("osk.done"), "osk"));
    ASSERT_TRUE(d.click(tr("warehouse.unknown.sku"), "lookup/unknown/new"));
    for (int i = 0; i < 12; ++i) d.press(ImGuiKey_Backspace);
    d.type("SUP-77812");
    d.frame();
    ASSERT_TRUE(d.click(tr("osk.done"), "osk"));
    ASSERT_TRUE(d.click(tr("warehouse.unknown.save"), "lookup/unknown/new"));
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("warehouse.unknown.sku_taken"), "lookup/unknown/new"));
    EXPECT_FALSE(screen->part().has_value());
    EXPECT_TRUE(app->services().get<core::PartService>().findByCode("SUP-77813").value().empty());
}

}  // namespace
}  // namespace fc::ui
