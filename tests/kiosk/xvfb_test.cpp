// The real `forecourt` binary in a real (virtual) X display: each mode on a temporary store writes
// a screenshot after 5 frames, and the PNG is not blank. Skipped, naming the package, when Xvfb is
// not installed. Set FC_SCREENSHOT_DIR (e.g. to docs/screenshots) to keep the images.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <stb_image.h>

#include "shared/services.hpp"
#include "tests/kiosk/support/xdisplay.hpp"
#include "tests/support/test_store.hpp"

namespace fc::test {
namespace {

int run(const std::string& cmd) { return runShell(cmd); }
std::string quote(const std::string& s) { return shellQuote(s); }

// The environment for the app under Xvfb: Mesa and GLFW keep some allocations until exit that
// LeakSanitizer reports without a symbolised stack, so leak checking is off for this child only
// (address errors still abort). The headless tests keep LeakSanitizer on for our code.
std::string childEnv() { return "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 LIBGL_ALWAYS_SOFTWARE=1 "; }

struct PngStats {
    int width = 0, height = 0;
    size_t distinctColours = 0;
    double nonBackground = 0;  // share of pixels unlike the most common colour
};

PngStats inspect(const std::string& path) {
    PngStats s;
    int channels = 0;
    unsigned char* px = stbi_load(path.c_str(), &s.width, &s.height, &channels, 4);
    if (!px) return s;
    std::map<uint32_t, size_t> counts;
    const size_t n = static_cast<size_t>(s.width) * static_cast<size_t>(s.height);
    for (size_t i = 0; i < n; ++i) {
        const uint32_t c = px[i * 4] | (px[i * 4 + 1] << 8) | (px[i * 4 + 2] << 16);
        ++counts[c];
    }
    stbi_image_free(px);
    size_t most = 0;
    for (const auto& [c, k] : counts) most = std::max(most, k);
    s.distinctColours = counts.size();
    s.nonBackground = n ? 1.0 - static_cast<double>(most) / static_cast<double>(n) : 0;
    return s;
}

class RealApp : public ::testing::Test {
protected:
    void SetUp() override {
        if (!XDisplay::haveXvfb()) GTEST_SKIP() << "Xvfb is not installed (apt-get install xvfb)";
        ASSERT_TRUE(x.ok()) << x.error();
        core::ManualClock clock;
        core::InitOptions opt;
        opt.storeName = "深圳南山旗舰店";
        db = dir.file("store.db");
        auto s = core::StoreServices::init(db, clock, opt);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto id = (*s)->get<core::CustomerService>().createCustomer({.name = "王赟", .phones = {"13800138000"}});
        ASSERT_TRUE(id.ok());
        ASSERT_TRUE((*s)->get<core::CustomerService>().addVehicle(*id, {.plate = "粤B12345"}).ok());
    }

    int screenshot(const std::string& mode, const std::string& png, const std::string& extra = "") {
        const std::string cmd = x.env() + childEnv() + quote(FC_FORECOURT_PATH) +
                                " --db " + quote(db) + " --mode " + mode + " --screenshot " + quote(png) +
                                " --frames 5 " + extra + " > " + quote(png + ".log") + " 2>&1";
        return run(cmd);
    }

    void keep(const std::string& png, const std::string& name) {
        const char* out = std::getenv("FC_SCREENSHOT_DIR");
        if (!out || !*out) return;
        std::filesystem::create_directories(out);
        std::filesystem::copy_file(png, std::string(out) + "/" + name,
                                   std::filesystem::copy_options::overwrite_existing);
    }

    std::string log(const std::string& png) {
        std::ifstream in(png + ".log");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    XDisplay x{1920, 1200};
    TempDir dir;
    std::string db;
};

TEST_F(RealApp, EveryModeRendersANonBlankScreenshot) {
    for (const char* mode : {"kiosk", "workshop", "warehouse", "office"}) {
        const std::string png = dir.file(std::string(mode) + ".png");
        ASSERT_EQ(screenshot(mode, png), 0) << log(png);
        const PngStats s = inspect(png);
        EXPECT_GE(s.width, 1000) << mode;
        EXPECT_GE(s.height, 700) << mode;
        EXPECT_GE(s.distinctColours, 16u) << mode << ": anti-aliased text has many shades";
        EXPECT_GE(s.nonBackground, 0.05) << mode << ": the screen is mostly empty";
        keep(png, std::string(mode) + ".png");
    }
}

TEST_F(RealApp, GalleryAndEnglishRender) {
    for (const char* section : {"basics", "keypad", "plate", "signature", "table"}) {
        const std::string name = std::string("gallery-") + section + ".png";
        const std::string png = dir.file(name);
        ASSERT_EQ(screenshot("kiosk", png, std::string("--screen gallery:") + section), 0) << log(png);
        EXPECT_GE(inspect(png).distinctColours, 16u) << section;
        EXPECT_GE(inspect(png).nonBackground, 0.05) << section;
        keep(png, name);
    }
    const std::string en = dir.file("office-en.png");
    ASSERT_EQ(screenshot("office", en, "--lang en"), 0) << log(en);
    EXPECT_GE(inspect(en).nonBackground, 0.05);
    keep(en, "office-en.png");
}

TEST_F(RealApp, UsageErrorsExit2AndAMissingDatabaseExits1) {
    EXPECT_EQ(run(quote(FC_FORECOURT_PATH) + " --mode kiosk > /dev/null 2>&1"), 2);
    EXPECT_EQ(run(quote(FC_FORECOURT_PATH) + " --db x.db --mode garage > /dev/null 2>&1"), 2);
    const std::string png = dir.file("none.png");
    const std::string cmd = x.env() + childEnv() + quote(FC_FORECOURT_PATH) + " --db " +
                            quote(dir.file("missing.db")) + " --mode office --screenshot " + quote(png) +
                            " > " + quote(png + ".log") + " 2>&1";
    EXPECT_EQ(run(cmd), 1);
    EXPECT_NE(log(png).find("forecourtctl --db"), std::string::npos) << log(png);
}

}  // namespace
}  // namespace fc::test
