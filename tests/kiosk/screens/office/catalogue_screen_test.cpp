// The manager's service catalogue in the office, driven through the app: the tile opens the list
// (every service with code, name, minutes, price, VAT and whether it is offered); adding a service
// with a bad code shows the error under the code field in Chinese and saves nothing; fixed, it is
// added and the front desk's menu offers it; a service's price is edited in the dialog; a service
// is deactivated and is no longer offered, while its name still shows. An advisor gets no tile.
#include <gtest/gtest.h>

#include "kiosk/screens/common/feature_home_screen.hpp"
#include "kiosk/screens/office/catalogue_screen.hpp"
#include "shared/catalogue/catalogue_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class CatalogueScreenTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        ASSERT_GT(makeDemoStore().customers, 0u);
    }

    static void signIn(HeadlessDriver& d, const char* name, const char* pin) {
        d.frame(3);
        ASSERT_TRUE(d.click(name)) << name;
        d.type(pin);
        d.press(ImGuiKey_Enter);
        d.frame(3);
    }

    static void clear(HeadlessDriver& d, int n) {
        for (int i = 0; i < n; ++i) d.press(ImGuiKey_Backspace);
    }
};

TEST_F(CatalogueScreenTest, AManagerAddsEditsAndDeactivatesAServiceAndTheMenuFollows) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "陈建国", "135790");  // the demo's manager
    ASSERT_TRUE(d.click(tr("office.home.catalogue")));
    d.frame(3);
    auto* screen = dynamic_cast<CatalogueScreen*>(app->router().top());
    ASSERT_NE(screen, nullptr);
    const size_t shipped = core::ServiceMenu::load(core::ServiceMenu::defaultPath())->items().size();
    EXPECT_EQ(screen->rows().size(), shipped);
    auto& catalogue = app->services().get<core::CatalogueService>();
    auto& menu = app->services().get<core::ServiceCatalog>();

    // A new service with a code that is not one: the error under the code, in Chinese; nothing saved.
    ASSERT_TRUE(d.click(tr("catalogue.add"), "catalogue"));
    d.frame(2);
    ASSERT_TRUE(screen->editing());
    ASSERT_TRUE(d.click(tr("catalogue.field.code"), "service-edit"));
    d.type("Tyre Rotate!");
    ASSERT_TRUE(d.click(tr("catalogue.field.name_zh"), "service-edit"));
    d.type("轮胎换位");
    ASSERT_TRUE(d.click(tr("catalogue.field.price"), "service-edit"));
    d.type("80.00");
    ASSERT_TRUE(d.click(tr("catalogue.save"), "service-edit"));
    d.frame(2);
    EXPECT_EQ(screen->fieldError("code"), tr("catalogue.error.code"));
    EXPECT_NE(screen->fieldError("code").find("编号"), std::string::npos) << "the field, in the user's language";
    EXPECT_TRUE(d.visible(tr("catalogue.error.code"), "service-edit"));
    EXPECT_TRUE(screen->editing());
    EXPECT_FALSE(catalogue.findByCode("tyre_rotate")->has_value());

    ASSERT_TRUE(d.click(tr("catalogue.field.code"), "service-edit"));
    clear(d, 16);
    d.type("tyre_rotate");
    ASSERT_TRUE(d.click(tr("catalogue.save"), "service-edit"));
    d.frame(3);
    EXPECT_FALSE(screen->editing());
    auto added = catalogue.findByCode("tyre_rotate");
    ASSERT_TRUE(added.ok() && added->has_value());
    EXPECT_EQ((*added)->nameZh, "轮胎换位");
    EXPECT_EQ((*added)->priceFen, 8000);
    EXPECT_EQ((*added)->minutes, 30);
    EXPECT_EQ((*added)->taxRateBp, 1300);
    EXPECT_EQ(screen->rows().size(), shipped + 1);
    ASSERT_NE((*menu.menu())->find("tyre_rotate"), nullptr) << "the menu the front desk offers has it";

    // Oil change: ¥298.00 → ¥318.00 at 9 % in the dialog.
    ASSERT_TRUE(d.click("oil_filter", "catalogue"));
    d.frame(2);
    ASSERT_TRUE(screen->editing());
    ASSERT_TRUE(d.click(tr("catalogue.field.price"), "service-edit"));
    clear(d, 12);
    d.type("318.00");
    ASSERT_TRUE(d.click("9%", "vat"));
    ASSERT_TRUE(d.click(tr("catalogue.save"), "service-edit"));
    d.frame(3);
    EXPECT_FALSE(screen->editing());
    auto oil = catalogue.findByCode("oil_filter");
    ASSERT_TRUE(oil.ok() && oil->has_value());
    EXPECT_EQ((*oil)->priceFen, 31800);
    EXPECT_EQ((*oil)->taxRateBp, 900);
    EXPECT_EQ((*menu.menu())->find("oil_filter")->priceFen, 31800);

    // Deactivated: no longer offered, still named.
    ASSERT_TRUE(d.click("oil_filter", "catalogue"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("catalogue.deactivate"), "service-edit"));
    d.frame(3);
    EXPECT_FALSE((*catalogue.findByCode("oil_filter"))->active);
    for (const core::ServiceItem& item : (*menu.menu())->offered()) EXPECT_NE(item.code, "oil_filter");
    EXPECT_EQ(menu.displayName("oil_filter", "zh-CN"), "更换机油机滤");
    bool listedInactive = false;
    for (const core::ServiceItem& row : screen->rows()) listedInactive |= row.code == "oil_filter" && !row.active;
    EXPECT_TRUE(listedInactive) << "the list shows it as deactivated";
}

TEST_F(CatalogueScreenTest, AnAdvisorHasNoCatalogueTile) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "李娜", "314159");
    EXPECT_FALSE(d.visible(tr("office.home.catalogue")));
}

}  // namespace
}  // namespace fc::ui
