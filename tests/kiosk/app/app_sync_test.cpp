// The app with a real hub over loopback (HubServer in-process, libcurl in the app's SyncWorker).
// What the worker learns is pushed to the app: the strip goes online; a customer another device
// saves — 王赟 — arrives by sync as news of the customers table (only), the front desk's tables
// keep their versions, and 赟 goes into the font atlas from that one row; a local save is pushed
// without being asked. The waits here wait for events (a task posted to the app's queue), never
// for a set time. (That stopping cuts a long-poll short is SyncWorker's test.)
#include <functional>

#include <gtest/gtest.h>

#include "kiosk/app/app.hpp"
#include "platform/gfx/font_files.hpp"
#include "sync/client.hpp"
#include "sync/hub.hpp"
#include "sync/net/curl_transport.hpp"
#include "sync/server/hub_server.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

using namespace std::chrono_literals;

class AppSyncTest : public fc::test::KioskTest {
protected:
    // A device of the hub's store, enrolled (token stored in its sync state).
    std::unique_ptr<core::StoreServices> device(const std::string& name, const std::string& prefix) {
        core::InitOptions opt;
        opt.storeId = hub->storeId();
        opt.deviceName = name;
        opt.prefix = prefix;
        auto s = core::StoreServices::init(dir.file(name + ".db"), systemClock, opt);
        EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
        if (!s) return nullptr;
        auto code = hub->makeEnrolCode(core::DeviceRole::kOffice);
        EXPECT_TRUE(code.ok());
        auto e = hub->enrol(*code, (*s)->store().device().deviceId, name);
        EXPECT_TRUE(e.ok()) << (e ? "" : e.error().message);
        sync::CurlTransport http(url);
        sync::SyncClient client(**s, http);
        EXPECT_TRUE(client.setCredentials(url, e->token).ok());
        return std::move(s).value();
    }

    void SetUp() override {
        KioskTest::SetUp();
        auto h = sync::Hub::open(dir.file("hub.db"), systemClock, "深圳南山店");
        ASSERT_TRUE(h.ok()) << h.error().message;
        hub = std::move(h).value();
        server = std::make_unique<sync::HubServer>(*hub, sync::HubServerOptions{.port = 0, .log = [](const std::string&) {}});
        ASSERT_TRUE(server->start().ok());
        url = "http://127.0.0.1:" + std::to_string(server->port());
    }

    void TearDown() override {
        if (hub) hub->releaseWaiters();
        if (server) server->stop();
        KioskTest::TearDown();
    }

    // Draws frames as events arrive until `done`; gives up after 100 quiet waits of up to 200 ms.
    static bool frameUntil(App& app, HeadlessDriver& d, const std::function<bool()>& done) {
        for (int i = 0; i < 100 && !done(); ++i) {
            d.frame();
            if (!done()) (void)app.queue().waitForPost(200ms);
        }
        d.frame();
        return done();
    }

    core::SystemClock systemClock;
    std::unique_ptr<sync::Hub> hub;
    std::unique_ptr<sync::HubServer> server;
    std::string url;
};

TEST_F(AppSyncTest, PulledNewsReachesTheScreensAndTheAtlasAndLocalSavesArePushed) {
    if (!fc::test::haveCjkFont()) GTEST_SKIP() << "no CJK font: apt-get install " << platform::kCjkFontPackages;
    auto appDevice = device("front-desk", "F1");
    auto other = device("tablet", "T1");
    ASSERT_TRUE(appDevice && other);
    const std::string appDb = dir.file("front-desk.db");
    appDevice.reset();  // the app opens it itself

    AppConfig c;
    c.dbPath = appDb;
    c.mode = Mode::kOffice;
    c.commonCharacters = false;
    auto created = App::create(c, systemClock);  // the device is enrolled: sync starts by itself
    ASSERT_TRUE(created.ok()) << created.error().message;
    std::unique_ptr<App> app = std::move(created).value();
    HeadlessDriver d = driveApp(*app);
    EXPECT_FALSE(app->fonts().hasGlyph(U'赟'));
    ASSERT_TRUE(frameUntil(*app, d, [&] { return app->syncView().state == SyncState::kOnline; }))
        << "sync state " << static_cast<int>(app->syncView().state) << ": " << app->syncView().lastError;

    // Another device saves a customer and pushes it to the hub.
    const uint64_t customersBefore = app->data().of("customers");
    const uint64_t visitsBefore = app->data().of("visits");
    auto id = other->get<core::CustomerService>().createCustomer({.name = "王赟", .phones = {"13800138000"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    {
        sync::CurlTransport http(url);
        sync::SyncClient client(*other, http);
        auto pushed = client.push();
        ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    }
    EXPECT_TRUE(frameUntil(*app, d, [&] { return app->fonts().hasGlyph(U'赟'); }))
        << "the pulled customer's name never reached the atlas";
    EXPECT_TRUE(app->fonts().hasLargeGlyph(U'赟'));
    EXPECT_GT(app->data().of("customers"), customersBefore) << "news of the customers table";
    EXPECT_EQ(app->data().of("visits"), visitsBefore) << "no news of a table nothing touched";
    EXPECT_GT(app->syncView().lastSuccessMs, 0);
    const auto found = app->services().get<core::CustomerService>().findCustomerByPhone("13800138000");
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(found->has_value()) << "the customer is in the app's replica";

    // A save in the app reaches the hub by itself (the news of it wakes the pusher).
    const int64_t hubSeq = hub->latestSeq();
    ASSERT_TRUE(app->services().get<core::CustomerService>().createCustomer({.name = "李雷", .phones = {"13900139000"}}).ok());
    d.frame();
    EXPECT_TRUE(frameUntil(*app, d, [&] { return hub->latestSeq() > hubSeq && app->syncView().pending == 0; }))
        << "pending " << app->syncView().pending;
}

}  // namespace
}  // namespace fc::ui
