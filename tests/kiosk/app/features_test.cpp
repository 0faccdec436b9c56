// Features register themselves and each home offers what the person signed in may use on this
// device: an advisor sees the front desk, a warehouse clerk sees nothing in the office; a feature
// that writes what the device's role may not write is not offered. A kiosk that leaves kiosk mode
// keeps its role: the front desk works (it only reads), office writes are refused on the device
// with the hub's own rule, before anything is saved.
#include "kiosk/app/features.hpp"

#include <gtest/gtest.h>

#include "kiosk/screens/common/feature_home_screen.hpp"
#include "kiosk/screens/office/front_desk_screen.hpp"
#include "shared/demo/seed.hpp"
#include "shared/staff/tables.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class FeaturesTest : public fc::test::KioskTest {
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

    static std::vector<std::string> tileIds(App& app) {
        std::vector<std::string> ids;
        auto* home = dynamic_cast<FeatureHomeScreen*>(app.router().top());
        if (!home) return ids;
        for (const Feature* f : home->offered()) ids.push_back(f->id);
        return ids;
    }
};

TEST_F(FeaturesTest, TheHomeOffersWhatThePersonMayUse) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "李娜", "314159");  // advisor
    const auto advisor = tileIds(*app);
    EXPECT_EQ(advisor, (std::vector<std::string>{"office.front_desk", "office.workshop_board", "office.home.customers",
                                                 "office.home.appointments"}));
    EXPECT_TRUE(d.visible(tr("office.home.front_desk")));
    EXPECT_FALSE(d.visible(tr("office.home.finance")));
    EXPECT_FALSE(d.visible(tr("office.home.staff")));
    ASSERT_TRUE(d.click(tr("app.sign_out")));

    signIn(d, "刘洋", "161803");  // warehouse: the counts' review and purchasing
    EXPECT_EQ(tileIds(*app), (std::vector<std::string>{"office.stock_counts", "office.home.purchasing"}));
    ASSERT_TRUE(d.click(tr("app.sign_out")));

    signIn(d, "赵敏", "246810");  // admin: everything
    EXPECT_EQ(tileIds(*app).size(), 13u);  // the built ones (front desk, workshop board, catalogue, counts, stock
                                           // analysis) and 8 to come
    // A built feature opens its screen; one not built yet says so.
    ASSERT_TRUE(d.click(tr("office.home.front_desk")));
    d.frame(2);
    EXPECT_NE(dynamic_cast<FrontDeskScreen*>(app->router().top()), nullptr);
}

TEST_F(FeaturesTest, SomeoneWithNothingToDoHereIsToldSo) {
    auto app = makeApp(Mode::kWorkshop);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "刘洋", "161803");  // a warehouse clerk on a workshop tablet
    ASSERT_TRUE(app->staff().has_value());
    EXPECT_TRUE(tileIds(*app).empty());
    EXPECT_TRUE(d.visible(tr("home.nothing_for_role")));
    EXPECT_FALSE(d.visible(tr("workshop.home.my_jobs")));
}

TEST_F(FeaturesTest, AFeatureWritingWhatTheDeviceMayNotWriteIsNotOffered) {
    FeatureRegistry registry;
    registry.add({.id = "office.staff_editor",
                  .mode = Mode::kOffice,
                  .labelKey = "office.home.staff",
                  .capability = core::Capability::kManageStaff,
                  .writes = {{&core::tables::kStaff, core::ChangeOp::kUpdate, {"role"}}}});
    registry.add({.id = "office.front_desk", .mode = Mode::kOffice, .labelKey = "office.home.front_desk",
                  .capability = core::Capability::kViewFrontDesk});
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "赵敏", "246810");
    const core::Registry& grants = app->services().registry();
    auto ids = [&](core::DeviceRole role) {
        std::vector<std::string> out;
        for (const Feature* f : registry.offered(Mode::kOffice, app->staff(), grants, role)) out.push_back(f->id);
        return out;
    };
    EXPECT_EQ(ids(core::DeviceRole::kOffice), (std::vector<std::string>{"office.staff_editor", "office.front_desk"}));
    EXPECT_EQ(ids(core::DeviceRole::kKiosk), (std::vector<std::string>{"office.front_desk"}))
        << "a kiosk may not change staff records, whoever is signed in";
}

TEST_F(FeaturesTest, AKioskThatLeftKioskModeKeepsItsRole) {
    {
        auto s = core::StoreServices::open(dbPath, clock, 99);
        ASSERT_TRUE(s.ok());
        ASSERT_TRUE((*s)->setIdentity(core::DeviceRole::kKiosk, "前台自助机").ok());
    }
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("app.staff"), "header"));
    signIn(d, "李娜", "314159");
    ASSERT_TRUE(d.click(tr("app.leave_kiosk")));
    d.frame(3);
    ASSERT_EQ(app->mode(), Mode::kOffice);
    EXPECT_EQ(app->services().store().device().role, core::DeviceRole::kKiosk);
    // The front desk only reads: it works.
    ASSERT_TRUE(d.click(tr("office.home.front_desk")));
    d.frame(2);
    auto* desk = dynamic_cast<FrontDeskScreen*>(app->router().top());
    ASSERT_NE(desk, nullptr);
    EXPECT_FALSE(desk->appointments().empty());
    // An office write from this device is refused here, as the hub would refuse it.
    const std::string customer = desk->appointments()[0].customerId;
    const int64_t pending = app->services().store().syncState().pendingCount().value();
    auto r = app->services().get<core::CustomerService>().updateCustomer(customer, {.notes = std::string("VIP")});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::Errc::kPermission);
    EXPECT_EQ(r.error().message, "kiosk devices may not change customers.notes");
    EXPECT_EQ(app->services().store().syncState().pendingCount().value(), pending) << "nothing saved to push";
}

}  // namespace
}  // namespace fc::ui
