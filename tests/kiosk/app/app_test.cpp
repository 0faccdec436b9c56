// The whole app headless: each mode's placeholder home inside the shell, navigation, the
// language toggle, the kiosk's idle reset, the main-thread queue, the sync strip, and when the
// event loop may sleep.
#include "kiosk/app/app.hpp"

#include <thread>

#include <gtest/gtest.h>

#include "kiosk/app/sync_link.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class AppTest : public fc::test::KioskTest {};

TEST_F(AppTest, EachModeShowsItsLabelledPlaceholderHome) {
    const std::pair<Mode, const char*> homes[] = {{Mode::kKiosk, "kiosk.home.scan_qr"},
                                                  {Mode::kWorkshop, "workshop.home.scan_part"},
                                                  {Mode::kWarehouse, "warehouse.home.count"},
                                                  {Mode::kOffice, "office.home.customers"}};
    makeStore("深圳南山店");
    addAdmin();
    for (const auto& [mode, action] : homes) {
        auto app = makeApp(mode);
        ASSERT_NE(app, nullptr);
        HeadlessDriver d = driveApp(*app);
        d.frame(3);
        if (mode != Mode::kKiosk) {  // staff modes: the sign-in first
            EXPECT_TRUE(d.visible(tr("signin.pin_only"))) << modeName(mode);
            EXPECT_FALSE(d.visible(tr(action)));
            signInAdmin(*app, d);
        }
        EXPECT_TRUE(d.visible(tr(action))) << modeName(mode);
        EXPECT_TRUE(d.visible(tr("shell.language_toggle"), "header"));
        ASSERT_TRUE(d.click(tr(action)));
        if (mode == Mode::kWorkshop || mode == Mode::kOffice) {  // the kiosk and warehouse tiles are built
            EXPECT_TRUE(d.visible(tr("home.coming_soon", {{"feature", tr(action)}}))) << "a toast says it is not built yet";
        }
        if (mode == Mode::kWarehouse) {
            d.frame(2);
            EXPECT_TRUE(d.visible(tr("warehouse.count.list_prompt"), "count/list")) << "the count screen opens";
        }
        EXPECT_EQ(app->storeInfo().storeName, "深圳南山店");
        EXPECT_TRUE(app->i18n().missing().empty());
    }
}

TEST_F(AppTest, TheGalleryIsADeveloperScreenOnlyReachedByFlag) {
    addAdmin();
    {
        auto app = makeApp(Mode::kWorkshop);
        ASSERT_NE(app, nullptr);
        HeadlessDriver d = driveApp(*app);
        d.frame(2);
        signInAdmin(*app, d);
        EXPECT_FALSE(d.visible("触控控件示例")) << "no developer screen on a staff home";
    }
    ui::AppConfig c;
    c.startScreen = "gallery";
    auto app = makeApp(Mode::kOffice, false, c);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    signInAdmin(*app, d);
    EXPECT_EQ(app->router().depth(), 2u);
    ASSERT_TRUE(d.click(tr("gallery.section.plate"), "sections"));
    EXPECT_TRUE(d.visible("京", "provinces"));
    ASSERT_TRUE(d.click(tr("gallery.section.table"), "sections"));
    EXPECT_TRUE(d.visible("王芳芳"));
    ASSERT_TRUE(d.click(tr("shell.back"), "header"));
    EXPECT_EQ(app->router().depth(), 1u);
    EXPECT_TRUE(d.visible(tr("office.home.customers")));
}

TEST_F(AppTest, LanguageToggleSwitchesEveryString) {
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    EXPECT_TRUE(d.visible("扫预约二维码"));
    ASSERT_TRUE(d.click("English", "header"));
    d.frame();
    EXPECT_EQ(app->i18n().language(), "en");
    EXPECT_TRUE(d.visible("Scan booking QR"));
    EXPECT_FALSE(d.visible("扫预约二维码"));
    ASSERT_TRUE(d.click("中文", "header"));
    d.frame();
    EXPECT_TRUE(d.visible("扫预约二维码"));
}

TEST_F(AppTest, KioskGoesBackToWelcomeWhenIdle) {
    auto app = makeApp(Mode::kKiosk);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    ASSERT_TRUE(d.click(tr("kiosk.home.by_plate")));
    ASSERT_EQ(app->router().depth(), 2u);
    EXPECT_EQ(app->config().kioskIdleResetMs, 60'000) << "a customer-facing screen wipes after 60 s";
    clock.advance(40'000);
    d.frame();
    EXPECT_EQ(app->router().depth(), 2u);
    EXPECT_LE(app->nextWakeMs(), clock.nowMs() + 20'001) << "the loop wakes for the reset";
    clock.advance(20'001);
    d.frame(2);
    EXPECT_EQ(app->router().depth(), 1u) << "typed data went with the screen";
}

TEST_F(AppTest, OtherThreadsReachTheUiOnlyThroughTheQueue) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    std::thread::id ranOn;
    int64_t frameWhenRun = -1;
    std::thread worker([&] {
        app->queue().post([&] {
            ranOn = std::this_thread::get_id();
            frameWhenRun = app->framesDrawn();
            app->ui().toasts().show("来自后台");
        });
    });
    worker.join();
    EXPECT_TRUE(app->wantsFrameSoon()) << "a post wakes the loop";
    const int64_t before = app->framesDrawn();
    d.frame();
    EXPECT_EQ(ranOn, std::this_thread::get_id());
    EXPECT_EQ(frameWhenRun, before) << "run at the start of the frame, before drawing";
    EXPECT_TRUE(d.visible("来自后台"));
}

TEST_F(AppTest, IdleAppLetsTheLoopSleepUntilTheClockTicks) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    app->settleBackground();
    HeadlessDriver d = driveApp(*app);
    d.frame(4);
    EXPECT_FALSE(app->wantsFrameSoon());
    const int64_t now = clock.nowMs();
    EXPECT_GT(app->nextWakeMs(), now);
    EXPECT_LE(app->nextWakeMs(), now + 60'000) << "the header clock shows minutes";
    app->ui().toasts().show("提示");
    d.frame();
    EXPECT_LE(app->nextWakeMs(), clock.nowMs() + Toasts::kDefaultMs);
}

TEST_F(AppTest, SyncStripWithoutAHub) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    EXPECT_EQ(app->syncView().state, SyncState::kNotConfigured);
    EXPECT_TRUE(d.visible(tr("sync.not_configured"), "sync"));
}

TEST_F(AppTest, AHubWithoutEnrolmentShowsOfflineAndTheReason) {
    AppConfig c;
    c.hubUrl = "http://127.0.0.1:9";
    auto app = makeApp(Mode::kOffice, false, c);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    EXPECT_EQ(app->syncView().state, SyncState::kOffline);
    EXPECT_NE(app->syncView().lastError.find("not enrolled"), std::string::npos) << app->syncView().lastError;
    const auto& frame = d.registry().lastFrame();
    auto line = std::find_if(frame.begin(), frame.end(), [](const WidgetRecord& r) { return r.scope == "sync"; });
    ASSERT_NE(line, frame.end());
    EXPECT_NE(line->label.find(tr("sync.offline")), std::string::npos) << line->label;
}

TEST(SyncViewOf, MapsWorkerStatus) {
    sync::SyncStatus s;
    EXPECT_EQ(syncViewOf(s, true).state, SyncState::kConnecting);
    s.online = true;
    s.pending = 4;
    s.conflictsOpen = 1;
    s.lastSuccessMs = 1000;
    const SyncView v = syncViewOf(s, true);
    EXPECT_EQ(v.state, SyncState::kOnline);
    EXPECT_EQ(v.pending, 4);
    EXPECT_EQ(v.conflictsOpen, 1);
    s.online = false;
    s.lastError = "connection refused";
    EXPECT_EQ(syncViewOf(s, true).state, SyncState::kOffline);
    EXPECT_EQ(syncViewOf(sync::SyncStatus{}, false).state, SyncState::kOffline);
    EXPECT_FALSE(syncViewOf(s, true).unencrypted);
    EXPECT_TRUE(syncViewOf(s, true, true).unencrypted);
    s.online = true;
    s.clockProblem = "the hub's clock reads 2126-01-01";
    EXPECT_EQ(syncViewOf(s, true).clockProblem, s.clockProblem);
}

TEST_F(AppTest, AMissingDatabaseIsAClearError) {
    dbPath = dir.file("nothing-here.db");
    AppConfig c;
    c.dbPath = dbPath;
    c.fontPath = "-";
    auto app = App::create(c, clock);
    ASSERT_FALSE(app.ok());
    EXPECT_NE(app.error().message.find("forecourtctl --db"), std::string::npos) << app.error().message;
    EXPECT_FALSE(std::filesystem::exists(dbPath)) << "no stray empty database";
}

// A wireless scanner that stutters: its keys 45 ms apart are a person typing to the default
// detector (30 ms), and a scan once the device is set to allow 60 ms (--scanner-gap).
TEST_F(AppTest, AScannerGapSettingTakesAStutteringScannersCodes) {
    addAdmin();
    for (const int64_t gap : {int64_t{30}, int64_t{60}}) {
        ui::AppConfig c;
        c.scannerGapMs = gap;
        auto app = makeApp(Mode::kWarehouse, false, c);
        ASSERT_NE(app, nullptr);
        HeadlessDriver d = driveApp(*app);
        d.frame(2);
        signInAdmin(*app, d);
        for (char ch : std::string("6901234567892")) {
            app->keyChar(static_cast<char32_t>(ch));
            clock.advance(45);
            app->pumpKeys();
        }
        app->keyEnter();
        d.frame(2);
        // The home screen takes no scans: a scan says so; typing says nothing.
        EXPECT_EQ(d.visible(tr("app.scan_not_here")), gap == 60) << "gap " << gap;
    }
}

}  // namespace
}  // namespace fc::ui
