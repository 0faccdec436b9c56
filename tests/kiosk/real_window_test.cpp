// The real `forecourt` binary in a real window, driven with real input (tests/kiosk/support/
// real_window.hpp): taps and strokes with xdotool, a USB scanner's burst as fast key presses. Each
// kiosk flow is walked to its ticket at landscape and portrait sizes, every step checked for
// anything cut off; a staff badge and a PIN lockout on a workshop tablet; the kiosk's idle
// warning and reset. Every wait is for what the app last drew, so a tap whose result is not drawn
// until some later input fails here.
//
// The touches and seconds of each flow are printed (FLOW lines) for the README's figures. Set
// FC_SCREENSHOT_DIR (e.g. docs/screenshots) to keep a picture of every step.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <gtest/gtest.h>

#include "shared/demo/seed.hpp"
#include "shared/services.hpp"
#include "tests/kiosk/support/real_window.hpp"
#include "tests/support/test_store.hpp"

namespace fc::test {
namespace {

const char* const kPlateKeys[] = {"京", "A", "1", "2", "3", "4", "5"};

class RealWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string missing;
        if (!haveRealWindowTools(missing)) GTEST_SKIP() << "missing Debian packages:" << missing;
        core::ManualClock seedClock(core::SystemClock().nowMs());  // "today" for the real app's clock
        core::InitOptions opt;
        opt.storeName = "深圳南山旗舰店";
        db = dir.file("store.db");
        auto s = core::StoreServices::init(db, seedClock, opt);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto seeded = core::seedDemo(**s, {.seed = 11, .customers = 40, .staff = true, .appointmentsToday = 4});
        ASSERT_TRUE(seeded.ok()) << seeded.error().message;
        auto& customers = (*s)->get<core::CustomerService>();
        auto id = customers.createCustomer({.name = "王芳", .phones = {"13812341234"}});
        ASSERT_TRUE(id.ok());
        ASSERT_TRUE(customers.addVehicle(*id, {.plate = "京A12345", .make = "大众", .model = "朗逸"}).ok());
        auto& appointments = (*s)->get<core::AppointmentService>();
        auto car = customers.addVehicle(*id, {.plate = "京B54321", .make = "丰田", .model = "卡罗拉"});
        ASSERT_TRUE(car.ok());
        auto booked = appointments.book({.customerId = *id, .vehicleId = *car,
                                         .scheduledAt = seedClock.nowMs() + 3'600'000, .services = {"oil_filter"}});
        ASSERT_TRUE(booked.ok()) << booked.error().message;
        qr.push_back(core::AppointmentService::qrPayload(appointments.get(*booked)->qrToken));
        // A second booking (another car of the same customer) for the second round.
        auto car2 = customers.addVehicle(*id, {.plate = "京C24680", .make = "本田", .model = "飞度"});
        ASSERT_TRUE(car2.ok());
        auto booked2 = appointments.book({.customerId = *id, .vehicleId = *car2,
                                          .scheduledAt = seedClock.nowMs() + 7'200'000, .services = {"wash_detail"}});
        ASSERT_TRUE(booked2.ok()) << booked2.error().message;
        qr.push_back(core::AppointmentService::qrPayload(appointments.get(*booked2)->qrToken));
    }

    std::unique_ptr<RealWindow> start(XDisplay& x, const std::string& mode, int w, int h,
                                      std::vector<std::string> extra = {}) {
        auto app = std::make_unique<RealWindow>(
            x, RealWindow::Options{.db = db, .mode = mode, .width = w, .height = h, .extra = std::move(extra)},
            dir.path());
        EXPECT_TRUE(app->ok()) << app->error();
        return app;
    }

    // Keeps a screenshot of the current step when FC_SCREENSHOT_DIR is set.
    void keep(RealWindow& app, const std::string& name) {
        const char* out = std::getenv("FC_SCREENSHOT_DIR");
        if (!out || !*out) return;
        std::filesystem::create_directories(out);
        EXPECT_TRUE(app.screenshot(std::string(out) + "/" + name + ".png")) << name;
    }

    // Nothing on the step is cut off by the window.
    void expectAllVisible(RealWindow& app, const std::string& step) {
        const Probe p = app.probe();
        const auto clipped = p.clipped();
        std::string list;
        for (const auto& c : clipped) list += "\n  " + c;
        EXPECT_TRUE(clipped.empty()) << step << " at " << p.width << "x" << p.height << " cuts off:" << list;
    }

    TempDir dir;
    std::string db;
    std::vector<std::string> qr;  // one booking per round
};

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// The steps after the car is confirmed, shared by every flow: odometer skipped, the services as
// they are (or one tapped), consent, signature, the ticket. `name` prefixes the screenshots.
void finishCheckIn(RealWindow& app, const std::string& name, bool pickService,
                   const std::function<void(RealWindow&, const std::string&)>& keep,
                   const std::function<void(RealWindow&, const std::string&)>& allVisible) {
    ASSERT_TRUE(app.waitForLabel("不清楚，跳过")) << app.log();
    keep(app, name + "-4-odometer");
    allVisible(app, "odometer");
    ASSERT_TRUE(app.tap("不清楚，跳过")) << app.why();
    ASSERT_TRUE(app.waitForLabel("这次需要什么服务？（可多选）"));
    if (pickService) {
        ASSERT_TRUE(app.tap("常规保养")) << app.why();
        ASSERT_TRUE(app.waitForLabel("✓ 常规保养")) << "the tile shows it is on";
    }
    keep(app, name + "-5-services");
    allVisible(app, "services");
    ASSERT_TRUE(app.tap("下一步", "checkin")) << app.why();
    ASSERT_TRUE(app.waitForLabel("个人信息保护告知"));
    keep(app, name + "-6-consent");
    allVisible(app, "consent");
    ASSERT_TRUE(app.stroke("请在此处签名", 0.15f, 0.6f, 0.8f, 0.4f));
    ASSERT_TRUE(app.waitFor([](const Probe& p) {
        const ProbeWidget* w = p.find("确认签到");
        return w && w->enabled;
    })) << "the signature enables the button";
    keep(app, name + "-7-signed");
    allVisible(app, "consent, signed");
    ASSERT_TRUE(app.tap("确认签到")) << app.why();
    ASSERT_TRUE(app.waitForLabel("签到成功！")) << app.log();
    keep(app, name + "-8-ticket");
    allVisible(app, "ticket");
}

void report(const std::string& flow, const std::string& size, int touches, double seconds) {
    std::cout << "FLOW " << flow << " at " << size << ": " << touches << " touches, " << seconds
              << " s (harness, sanitizer build)\n";
}

TEST_F(RealWindowTest, EveryKioskFlowByTouchAndScannerAtLandscapeAndPortrait) {
    for (const auto& [w, h] : {std::pair{1280, 800}, std::pair{800, 1280}}) {
        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
        XDisplay x(w, h);
        ASSERT_TRUE(x.ok()) << x.error();
        auto app = start(x, "kiosk", w, h);
        ASSERT_TRUE(app->ok());
        const std::string size = std::to_string(w) + "x" + std::to_string(h);
        auto keepFn = [&](RealWindow& a, const std::string& n) { keep(a, "kiosk-" + size + "-" + n); };
        auto visibleFn = [&](RealWindow& a, const std::string& s) { expectAllVisible(a, s); };
        ASSERT_TRUE(app->waitForLabel("输入车牌号"));
        keepFn(*app, "plate-0-welcome");
        expectAllVisible(*app, "welcome");

        // A returning customer by plate. Each tap waits for its own result to be drawn: the
        // province key gives way to the letters with no further input.
        {
            const auto t0 = Clock::now();
            const int touches0 = app->touches();
            ASSERT_TRUE(app->tap("输入车牌号")) << app->why();
            ASSERT_TRUE(app->waitForLabel("京", "provinces"));
            expectAllVisible(*app, "plate keyboard (provinces)");
            ASSERT_TRUE(app->tap(kPlateKeys[0], "provinces")) << app->why();
            ASSERT_TRUE(app->waitForLabel("Q", "serial")) << "a tap's result is drawn without another touch";
            for (size_t i = 1; i < std::size(kPlateKeys); ++i) ASSERT_TRUE(app->tap(kPlateKeys[i], "serial")) << app->why();
            ASSERT_TRUE(app->waitFor([](const Probe& p) {
                const ProbeWidget* ok = p.find("确定", "plate");
                return ok && ok->enabled;
            }));
            keepFn(*app, "plate-1-keyboard");
            expectAllVisible(*app, "plate keyboard (serial)");
            ASSERT_TRUE(app->tap("确定", "plate")) << app->why();
            ASSERT_TRUE(app->waitForLabel("京A·***45")) << "the car, masked";
            keepFn(*app, "plate-3-confirm");
            expectAllVisible(*app, "confirm");
            ASSERT_TRUE(app->tap("是的，继续")) << app->why();
            ASSERT_NO_FATAL_FAILURE(finishCheckIn(*app, "plate", true, keepFn, visibleFn));
            report("returning customer by plate", size, app->touches() - touches0, secondsSince(t0));
            ASSERT_TRUE(app->tap("完成"));
            ASSERT_TRUE(app->waitFor([](const Probe& p) { return p.depth == 1; }));
        }

        // An appointment's QR code from a USB scanner on the welcome screen: straight to the car.
        {
            const auto t0 = Clock::now();
            const int touches0 = app->touches();
            ASSERT_TRUE(app->waitForLabel("输入车牌号"));
            app->scanBurst(qr[w > h ? 0 : 1]);
            ASSERT_TRUE(app->waitForLabel("请确认这是您的车辆")) << "the wedge burst reached the kiosk";
            ASSERT_TRUE(app->tap("是的，继续")) << app->why();
            ASSERT_NO_FATAL_FAILURE(finishCheckIn(*app, "qr", false, keepFn, visibleFn));
            report("appointment by QR", size, app->touches() - touches0, secondsSince(t0));
            ASSERT_TRUE(app->tap("完成"));
            ASSERT_TRUE(app->waitFor([](const Probe& p) { return p.depth == 1; }));
        }

        // By phone: the customer has two cars and picks one.
        {
            const auto t0 = Clock::now();
            const int touches0 = app->touches();
            ASSERT_TRUE(app->tap("输入手机号")) << app->why();
            for (char c : std::string("13812341234")) ASSERT_TRUE(app->tap(std::string(1, c), "phone")) << app->why();
            keepFn(*app, "phone-1-keypad");
            expectAllVisible(*app, "phone keypad");
            ASSERT_TRUE(app->tap("确定", "phone")) << app->why();
            ASSERT_TRUE(app->waitForLabel("京A·***45  大众 朗逸")) << "two cars to pick from";
            keepFn(*app, "phone-2-pick");
            ASSERT_TRUE(app->tap("京A·***45  大众 朗逸")) << app->why();
            ASSERT_TRUE(app->tap("是的，继续")) << app->why();
            ASSERT_NO_FATAL_FAILURE(finishCheckIn(*app, "phone", true, keepFn, visibleFn));
            report("returning customer by phone", size, app->touches() - touches0, secondsSince(t0));
            ASSERT_TRUE(app->tap("完成"));
            ASSERT_TRUE(app->waitFor([](const Probe& p) { return p.depth == 1; }));
        }

        // A walk-in: a plate the store does not know, then the phone.
        {
            const auto t0 = Clock::now();
            const int touches0 = app->touches();
            const std::string serial = w > h ? "D8765" : "D8764";  // a new car each round
            ASSERT_TRUE(app->tap("未预约，直接到店")) << app->why();
            ASSERT_TRUE(app->tap("粤", "provinces")) << app->why();
            ASSERT_TRUE(app->tap("B", "serial")) << app->why();
            for (char c : serial) ASSERT_TRUE(app->tap(std::string(1, c), "serial")) << app->why();
            ASSERT_TRUE(app->tap("确定", "plate")) << app->why();
            ASSERT_TRUE(app->waitForLabel("您输入的是：粤B" + serial)) << "what was searched";
            keepFn(*app, "walkin-2-not-found");
            expectAllVisible(*app, "not found");
            ASSERT_TRUE(app->tap("登记并签到")) << app->why();
            ASSERT_TRUE(app->waitForLabel("车牌：粤B" + serial)) << "their own plate, whole";
            for (char c : std::string("13900139000")) ASSERT_TRUE(app->tap(std::string(1, c), "phone")) << app->why();
            ASSERT_TRUE(app->tap("王")) << app->why();
            ASSERT_TRUE(app->waitForLabel("✓ 王")) << "the surname tile shows it is chosen";
            keepFn(*app, "walkin-3-register");
            expectAllVisible(*app, "register");
            ASSERT_TRUE(app->tap("下一步", "checkin")) << app->why();
            ASSERT_NO_FATAL_FAILURE(finishCheckIn(*app, "walkin", true, keepFn, visibleFn));
            report("walk-in", size, app->touches() - touches0, secondsSince(t0));
            ASSERT_TRUE(app->tap("完成"));
        }
    }
}

TEST_F(RealWindowTest, ThePlateKeyboardFitsEveryDeviceSize) {
    for (const auto& [w, h] : {std::pair{1280, 960}, std::pair{1920, 1080}}) {
        XDisplay x(w, h);
        ASSERT_TRUE(x.ok()) << x.error();
        auto app = start(x, "kiosk", w, h);
        ASSERT_TRUE(app->ok());
        const std::string size = std::to_string(w) + "x" + std::to_string(h);
        ASSERT_TRUE(app->tap("输入车牌号")) << app->why();
        ASSERT_TRUE(app->tap("粤", "provinces")) << app->why();
        ASSERT_TRUE(app->waitForLabel("M", "serial"));
        expectAllVisible(*app, "plate keyboard at " + size);
        const Probe p = app->probe();
        const ProbeWidget* ok = p.find("确定", "plate");
        ASSERT_NE(ok, nullptr);
        EXPECT_TRUE(ok->full);
        if (w == 1920) {
            // A big screen is used, not left empty: the keys grow with it.
            const ProbeWidget* q = p.find("Q", "serial");
            ASSERT_NE(q, nullptr);
            EXPECT_GT(q->y1 - q->y0, 72.0f) << "keys larger than the 1280×800 design's";
        }
        keep(*app, "kiosk-" + size + "-plate-keyboard");
    }
}

TEST_F(RealWindowTest, ABadgeSignsInAndAPinLockoutDisablesTheKeypad) {
    XDisplay x(1280, 800);
    ASSERT_TRUE(x.ok()) << x.error();
    {
        auto app = start(x, "workshop", 1280, 800);
        ASSERT_TRUE(app->ok());
        ASSERT_TRUE(app->waitForLabel("王强")) << "the sign-in lists the staff";
        keep(*app, "workshop-1280x800-sign-in");
        app->scanBurst(core::demoStaff()[3].badge);
        EXPECT_TRUE(app->waitFor([](const Probe& p) { return p.signedIn; })) << "a badge burst signs in";
    }
    auto app = start(x, "workshop", 1280, 800);
    ASSERT_TRUE(app->ok());
    ASSERT_TRUE(app->tap("王强")) << app->why();
    ASSERT_TRUE(app->waitForLabel("换人"));
    expectAllVisible(*app, "PIN keypad");
    keep(*app, "workshop-1280x800-pin");
    // Wrong PINs until the lockout: then the keypad is visibly off.
    bool locked = false;
    for (int attempt = 0; attempt < 8 && !locked; ++attempt) {
        for (int i = 0; i < 6; ++i) ASSERT_TRUE(app->tap("9", "pin")) << app->why();
        ASSERT_TRUE(app->tap("确定", "pin")) << app->why();
        // Refused: the PIN is cleared (OK greys out); locked: the digits grey out too.
        auto p = app->waitFor([](const Probe& q) {
            const ProbeWidget* ok = q.find("确定", "pin");
            return ok && !ok->enabled;
        });
        ASSERT_TRUE(p.has_value()) << "the attempt was answered";
        const ProbeWidget* nine = p->find("9", "pin");
        locked = nine && !nine->enabled;
    }
    ASSERT_TRUE(locked) << "the keypad is disabled during the lockout";
    keep(*app, "workshop-1280x800-pin-locked");
    EXPECT_FALSE(app->tap("2", "pin")) << "a locked keypad takes no taps";
    EXPECT_FALSE(app->probe().signedIn);
    expectAllVisible(*app, "PIN lockout");
}

TEST_F(RealWindowTest, TheOnScreenKeyboardTypesChineseInPinyin) {
    // Portrait, where the keyboard takes the most of the screen: a returning customer writes
    // their problem in pinyin on the kiosk's own keyboard (librime in the real process).
    XDisplay x(800, 1280);
    ASSERT_TRUE(x.ok()) << x.error();
    auto app = start(x, "kiosk", 800, 1280);
    ASSERT_TRUE(app->ok());
    ASSERT_TRUE(app->tap("输入车牌号")) << app->why();
    ASSERT_TRUE(app->tap(kPlateKeys[0], "provinces")) << app->why();
    for (size_t i = 1; i < std::size(kPlateKeys); ++i) ASSERT_TRUE(app->tap(kPlateKeys[i], "serial")) << app->why();
    ASSERT_TRUE(app->tap("确定", "plate")) << app->why();
    ASSERT_TRUE(app->tap("是的，继续")) << app->why();
    ASSERT_TRUE(app->tap("不清楚，跳过")) << app->why();
    ASSERT_TRUE(app->tap("其他（选填）")) << app->why();
    ASSERT_TRUE(app->waitForLabel("完成", "osk")) << "the keyboard opens on a tap of the field";
    for (const char* k : {"l", "o", "u", "y", "o", "u"}) ASSERT_TRUE(app->tap(k, "osk")) << app->why();
    ASSERT_TRUE(app->waitForLabel("漏油", "osk")) << "Chinese candidates, the trade's words first" << app->log();
    keep(*app, "kiosk-800x1280-keyboard-pinyin");
    expectAllVisible(*app, "on-screen keyboard");
    ASSERT_TRUE(app->tap("漏油", "osk")) << app->why();
    ASSERT_TRUE(app->tap("完成", "osk")) << app->why();
    ASSERT_TRUE(app->waitFor([](const Probe& p) { return !p.has("完成", "osk") && p.has("漏油"); }))
        << "the keyboard is put away and the field holds the words";
    ASSERT_TRUE(app->tap("下一步", "checkin")) << app->why();
    ASSERT_TRUE(app->waitForLabel("个人信息保护告知"));
}

TEST_F(RealWindowTest, AnUntouchedKioskWarnsThenGoesBackToWelcome) {
    XDisplay x(1280, 800);
    ASSERT_TRUE(x.ok()) << x.error();
    auto app = start(x, "kiosk", 1280, 800, {"--idle-reset", "8"});
    ASSERT_TRUE(app->ok());
    ASSERT_TRUE(app->tap("输入车牌号")) << app->why();
    ASSERT_TRUE(app->tap("京", "provinces")) << app->why();
    ASSERT_TRUE(app->waitForLabel("继续", "idle", 30000)) << "a countdown with a way to stay";
    keep(*app, "kiosk-1280x800-idle-warning");
    ASSERT_TRUE(app->tap("继续", "idle")) << app->why();
    ASSERT_TRUE(app->waitFor([](const Probe& p) { return !p.has("继续", "idle"); }));
    EXPECT_TRUE(app->probe().has("Q", "serial")) << "the entry is kept";
    // Untouched again: the warning, then the welcome screen with nothing of the entry left.
    ASSERT_TRUE(app->waitFor([](const Probe& p) { return p.depth == 1 && p.has("输入车牌号"); }, 40000));
    ASSERT_TRUE(app->tap("输入车牌号")) << app->why();
    EXPECT_TRUE(app->waitForLabel("京", "provinces")) << "the next customer starts empty";
}

}  // namespace
}  // namespace fc::test
