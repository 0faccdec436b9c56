// Staff sign-in through the headless driver on a seeded store: name + PIN, PIN only, a badge
// scanned through the keyboard-wedge route, lockout with its countdown on the injected clock,
// sign-out after inactivity, leaving kiosk mode, and a scan where none is expected.
#include <gtest/gtest.h>

#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/screens/office/front_desk_screen.hpp"
#include "shared/demo/seed.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class StaffSignInTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        seeded = makeDemoStore();
        ASSERT_GT(seeded.customers, 0u);
    }

    // Types a PIN with the hardware keyboard (the keypad takes digits and Enter).
    static void typePin(HeadlessDriver& d, const char* pin) {
        d.type(pin);
        d.press(ImGuiKey_Enter);
        d.frame(2);
    }

    std::string staffName(App& app) const { return app.staff() ? app.staff()->staffName() : ""; }

    core::SeedReport seeded;
};

TEST_F(StaffSignInTest, StaffModesStartAtSignInWithNoWayBack) {
    for (Mode mode : {Mode::kWorkshop, Mode::kWarehouse, Mode::kOffice}) {
        auto app = makeApp(mode);
        ASSERT_NE(app, nullptr);
        HeadlessDriver d = driveApp(*app);
        d.frame(3);
        EXPECT_TRUE(d.visible(tr("signin.pin_only"))) << modeName(mode);
        EXPECT_TRUE(d.visible("李娜"));
        EXPECT_FALSE(d.visible(tr("shell.back"), "header")) << "the sign-in cannot be skipped";
        EXPECT_FALSE(app->staff().has_value());
    }
}

TEST_F(StaffSignInTest, NameAndPinOnTheKeypad) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click("李娜"));
    for (const char* digit : {"3", "1", "4", "1", "5", "9"}) ASSERT_TRUE(d.click(digit, "pin")) << digit;
    ASSERT_TRUE(d.click(tr("keypad.ok"), "pin"));
    d.frame(2);
    EXPECT_EQ(staffName(*app), "李娜");
    EXPECT_EQ(app->router().depth(), 1u) << "the sign-in popped itself";
    EXPECT_TRUE(d.visible(tr("app.signed_in_as", {{"name", "李娜"}, {"role", tr("app.role.advisor")}})));
    EXPECT_TRUE(d.visible(tr("office.home.customers")));
    ASSERT_TRUE(d.click(tr("app.sign_out")));
    d.frame(2);
    EXPECT_FALSE(app->staff().has_value());
    EXPECT_TRUE(d.visible(tr("signin.pin_only")));
}

TEST_F(StaffSignInTest, PinOnly) {
    auto app = makeApp(Mode::kWorkshop);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("signin.pin_only")));
    typePin(d, "271828");
    EXPECT_EQ(staffName(*app), "王强");
    EXPECT_TRUE(d.visible(tr("workshop.home.my_jobs")));
}

TEST_F(StaffSignInTest, BadgeScannedThroughTheWedge) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.scan("FC-STAFF-0005"));
    d.frame(2);
    EXPECT_EQ(staffName(*app), "刘洋");
    EXPECT_EQ(app->staff()->method(), core::SignInMethod::kBadge);
    EXPECT_TRUE(d.visible(tr("warehouse.home.receive")));
}

TEST_F(StaffSignInTest, UnknownBadgeIsRefused) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.scan("FC-NOPE-9999"));
    EXPECT_FALSE(app->staff().has_value());
    EXPECT_TRUE(d.visible(tr("signin.badge_unknown")));
}

TEST_F(StaffSignInTest, WrongPinsCountDownThenLockThenTheClockLetsThemIn) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click("李娜"));
    typePin(d, "000000");
    EXPECT_TRUE(d.visible(tr("signin.wrong_pin", {{"left", 4}})));
    int attempts = 1;
    const core::LockoutPolicy policy = app->services().get<core::SessionManager>().options().lockout;
    std::string locked = tr("signin.locked", {{"time", formatMinSec(policy.firstDelayMs)}});
    while (!d.visible(locked) && attempts < 8) {
        typePin(d, "000000");
        ++attempts;
    }
    ASSERT_TRUE(d.visible(locked)) << "after " << attempts << " wrong PINs";
    EXPECT_LE(attempts, policy.freeAttempts + 1);
    EXPECT_NE(locked.find("00:30"), std::string::npos);
    // The countdown moves with the clock; the right PIN is refused while locked.
    clock.advance(10'000);
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("signin.locked", {{"time", "00:20"}})));
    typePin(d, "314159");
    EXPECT_FALSE(app->staff().has_value());
    clock.advance(20'001);
    d.frame(2);
    typePin(d, "314159");
    EXPECT_EQ(staffName(*app), "李娜");
}

TEST_F(StaffSignInTest, InactivitySignsOutBackToSignIn) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("signin.pin_only")));
    typePin(d, "135790");
    ASSERT_EQ(staffName(*app), "陈建国");
    ASSERT_TRUE(d.click(tr("office.home.front_desk")));
    ASSERT_EQ(app->router().depth(), 2u);
    const int64_t limit = app->services().get<core::SessionManager>().options().inactivityMs;
    clock.advance(limit - 1000);
    d.frame();
    EXPECT_TRUE(app->staff().has_value());
    EXPECT_LE(app->nextWakeMs(), clock.nowMs() + 1000) << "the loop wakes for the sign-out";
    d.frame(2);
    clock.advance(1001);
    d.frame(3);
    EXPECT_FALSE(app->staff().has_value());
    EXPECT_TRUE(d.visible(tr("signin.pin_only")));
    EXPECT_EQ(app->router().depth(), 2u) << "home underneath, the sign-in on top; the desk is gone";
}

TEST_F(StaffSignInTest, LeavingKioskModeNeedsSomeoneWhoRunsTheDesk) {
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("app.staff"), "header"));
    EXPECT_TRUE(d.visible(tr("signin.purpose.leave_kiosk")) || d.visible(tr("signin.pin_only")));
    // A technician may sign in but not take the kiosk out of customer mode. (The demo's eight
    // people fill three rows of kiosk-sized names: "PIN only" is below them.)
    if (!d.visible(tr("signin.pin_only"))) {
        ASSERT_TRUE(d.scroll("李娜", -10.0f));
    }
    ASSERT_TRUE(d.click(tr("signin.pin_only")));
    typePin(d, "271828");
    EXPECT_FALSE(app->staff().has_value()) << "signed out again";
    EXPECT_EQ(app->mode(), Mode::kKiosk);
    EXPECT_EQ(app->router().depth(), 1u);
    EXPECT_TRUE(d.visible(tr("app.leave_kiosk_refused", {{"name", "王强"}})));
    // An advisor may.
    ASSERT_TRUE(d.click(tr("app.staff"), "header"));
    ASSERT_TRUE(d.click("李娜"));
    typePin(d, "314159");
    ASSERT_TRUE(d.visible(tr("app.leave_kiosk")));
    ASSERT_TRUE(d.click(tr("app.leave_kiosk")));
    d.frame(3);
    EXPECT_EQ(app->mode(), Mode::kOffice);
    EXPECT_EQ(staffName(*app), "李娜");
    EXPECT_TRUE(d.visible(tr("office.home.front_desk")));
    EXPECT_FALSE(d.visible(tr("app.staff"), "header"));
}

TEST_F(StaffSignInTest, KioskStaffMenuBackToKioskSignsOut) {
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("app.staff"), "header"));
    ASSERT_TRUE(d.scan("FC-STAFF-0002"));  // the manager's badge: it says who, not enough alone
    d.frame(2);
    EXPECT_FALSE(app->staff().has_value()) << "a copied badge code must not open the staff menu";
    EXPECT_TRUE(d.visible(tr("signin.badge_then_pin")));
    typePin(d, "135790");
    EXPECT_EQ(staffName(*app), "陈建国");
    ASSERT_TRUE(d.click(tr("app.back_to_kiosk")));
    d.frame(2);
    EXPECT_FALSE(app->staff().has_value());
    EXPECT_EQ(app->router().depth(), 1u);
    EXPECT_EQ(app->mode(), Mode::kKiosk);
}

TEST_F(StaffSignInTest, EvenATechniciansBadgeNeedsThePinToLeaveKioskMode) {
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("app.staff"), "header"));
    ASSERT_TRUE(d.scan("FC-STAFF-0003"));  // the advisor's badge
    d.frame(2);
    EXPECT_FALSE(app->staff().has_value());
    EXPECT_TRUE(d.visible(tr("signin.badge_then_pin")));
    EXPECT_TRUE(d.visible(tr("signin.pin_for", {{"name", "李娜"}, {"role", tr("app.role.advisor")}})))
        << "the badge picked the person";
    typePin(d, "999999");
    EXPECT_FALSE(app->staff().has_value()) << "a wrong PIN after the badge is a wrong PIN";
    typePin(d, "314159");
    EXPECT_EQ(staffName(*app), "李娜");
    EXPECT_TRUE(d.visible(tr("app.leave_kiosk")));
}

TEST_F(StaffSignInTest, AKioskTakenIntoOfficeModeIsAKioskAgainAfterItsIdleTime) {
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("app.staff"), "header"));
    ASSERT_TRUE(d.click("李娜"));
    typePin(d, "314159");
    ASSERT_TRUE(d.click(tr("app.leave_kiosk")));
    d.frame(3);
    ASSERT_EQ(app->mode(), Mode::kOffice);
    clock.advance(app->config().kioskIdleResetMs - 1000);
    d.frame(3);
    EXPECT_EQ(app->mode(), Mode::kOffice) << "not before the kiosk's idle time";
    clock.advance(2000);
    d.frame(4);
    EXPECT_EQ(app->mode(), Mode::kKiosk) << "the advisor walked away: back to customers";
    EXPECT_FALSE(app->staff().has_value()) << "and signed out";
    EXPECT_EQ(app->router().depth(), 1u);
}

TEST_F(StaffSignInTest, AScanWhereNoneIsExpectedShowsAToastAndChangesNothing) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("signin.pin_only")));
    typePin(d, "246810");
    ASSERT_EQ(staffName(*app), "赵敏");
    const size_t depth = app->router().depth();
    const uint64_t version = app->data().total();
    ASSERT_TRUE(d.scan("6901234567892"));
    EXPECT_TRUE(d.visible(tr("app.scan_not_here")));
    EXPECT_EQ(app->router().depth(), depth);
    EXPECT_EQ(app->data().total(), version);
    EXPECT_EQ(staffName(*app), "赵敏");
}

TEST_F(StaffSignInTest, SlowTypingIsNotAScan) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(3);
    ASSERT_TRUE(d.click(tr("signin.pin_only")));
    // A person typing the digits through the wedge route, 120 ms apart: given back to the keypad.
    for (char c : std::string("246810")) {
        app->keyChar(static_cast<char32_t>(c));
        clock.advance(120);
        d.frame();
    }
    d.frame(2);
    app->keyEnter();
    d.frame(3);
    EXPECT_EQ(staffName(*app), "赵敏");
    EXPECT_FALSE(d.visible(tr("app.scan_not_here")));
}

}  // namespace
}  // namespace fc::ui
