#include "tests/kiosk/support/kiosk_fixture.hpp"

#include "platform/gfx/font_files.hpp"
#include "shared/services.hpp"
#include "tests/support/test_store.hpp"

namespace fc::test {

const ui::I18n& testCatalogs() {
    static const ui::I18n catalogs = [] {
        auto r = ui::I18n::load(ui::assetsDir(), "zh-CN");
        if (!r) {
            ADD_FAILURE() << r.error().message;
            return ui::I18n();
        }
        return std::move(r).value();
    }();
    return catalogs;
}

bool haveCjkFont() { return platform::findCjkFont().ok(); }

void KioskTest::SetUp() {
    i18n = testCatalogs();
    ui::setCurrentI18n(&i18n);
}

void KioskTest::TearDown() { ui::setCurrentI18n(nullptr); }

std::string KioskTest::makeStore(const std::string& storeName) {
    core::InitOptions opt;
    opt.storeName = storeName;
    opt.deviceName = "kiosk test";
    opt.idSeed = 7;
    dbPath = dir.file("store.db");
    auto s = core::StoreServices::init(dbPath, clock, opt);
    EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
    return dbPath;
}

core::SeedReport KioskTest::makeDemoStore() {
    makeStore("深圳南山店");
    auto s = core::StoreServices::open(dbPath, clock, 4242);
    EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
    if (!s) return {};
    // Without the demo work orders: the workshop and desk tests make the ones they look at.
    auto r = core::seedDemo(**s, {.seed = 7, .customers = 60, .staff = true, .appointmentsToday = 9, .workOrders = false});
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    return r ? *r : core::SeedReport{};
}

std::unique_ptr<ui::App> KioskTest::makeApp(ui::Mode mode, bool cjk, ui::AppConfig extra) {
    if (dbPath.empty()) makeStore();
    ui::AppConfig c = std::move(extra);
    c.dbPath = dbPath;
    c.mode = mode;
    // Rime is one engine per process: every app of this test process shares its directory, and
    // it starts only when a test types pinyin (not at every app's start).
    if (c.imeDir.empty()) c.imeDir = processDir("ime");
    c.prepareIme = false;
    if (!cjk) {
        c.fontPath = "-";
        c.commonCharacters = false;
    }
    auto app = ui::App::create(c, clock);
    EXPECT_TRUE(app.ok()) << (app ? "" : app.error().message);
    if (!app) return nullptr;
    return std::move(app).value();
}

std::string KioskTest::addAdmin() {
    if (dbPath.empty()) makeStore();
    auto s = core::StoreServices::open(dbPath, clock, 99);
    EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
    if (!s) return "";
    (*s)->get<core::StaffService>().setHashLimits(core::PinHashLimits::minimum());
    auto id = (*s)->get<core::StaffService>().bootstrapAdmin("赵敏", "246810");
    EXPECT_TRUE(id.ok()) << (id ? "" : id.error().message);
    adminId = id ? *id : "";
    return adminId;
}

void KioskTest::signInAdmin(ui::App& app, ui::HeadlessDriver& driver) {
    auto s = app.services().get<core::SessionManager>().signInByPin(adminId, "246810");
    EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
    driver.frame(3);
}

}  // namespace fc::test
