// Helpers for the app's tests: a temporary store database, the real catalogs installed as the
// current translation, and a headless App on that store.
//
//   KioskTest: dir, clock, i18n (zh-CN current);  makeStore("深圳南山店");  auto app = makeApp(Mode::kKiosk);
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "kiosk/app/app.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/testing/headless.hpp"
#include "shared/core/clock.hpp"
#include "shared/demo/seed.hpp"
#include "tests/support/test_store.hpp"

namespace fc::test {

// The catalogs from assets/i18n, loaded once.
const ui::I18n& testCatalogs();

// True when a CJK font is installed (tests that look at glyphs skip otherwise, naming the package).
bool haveCjkFont();

class KioskTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    // A new store database in dir; returns its path.
    std::string makeStore(const std::string& storeName = "测试门店");
    // A store "深圳南山店" with the demo's staff (one per role, PINs in README.md), 60 customers
    // and 9 appointments today; what was seeded.
    core::SeedReport makeDemoStore();
    // A headless app on the store (made first if needed). `cjk`: the real font (slower);
    // otherwise ImGui's Latin font and no common-character set.
    std::unique_ptr<ui::App> makeApp(ui::Mode mode, bool cjk = false, ui::AppConfig extra = {});
    // Staff modes start at the sign-in: an admin on the store (赵敏, PIN 246810, cheap hash), made
    // before makeApp; then signed in on the app's device, past the sign-in screen.
    std::string addAdmin();
    void signInAdmin(ui::App& app, ui::HeadlessDriver& driver);

    TempDir dir;
    core::ManualClock clock;
    std::string dbPath;
    std::string adminId;
    ui::I18n i18n;
};

}  // namespace fc::test
