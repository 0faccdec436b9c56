// forecourt's command line.
#include "kiosk/app/options.hpp"

#include <gtest/gtest.h>

namespace fc::ui {
namespace {

ParsedArgs parse(std::vector<std::string> args) { return parseArgs(args); }

TEST(Options, ParsesAFullCommandLine) {
    auto p = parse({"--db", "s.db", "--mode", "kiosk", "--hub", "http://10.0.0.2:8787", "--lang", "en",
                    "--fullscreen", "--size", "1920x1080", "--screenshot", "a.png", "--frames", "7",
                    "--idle-reset", "90", "--test-state", "state.json", "--scanner-gap", "45"});
    ASSERT_EQ(p.action, ParsedArgs::kRun) << p.message;
    EXPECT_EQ(p.options.dbPath, "s.db");
    EXPECT_EQ(p.options.mode, Mode::kKiosk);
    EXPECT_EQ(*p.options.hubUrl, "http://10.0.0.2:8787");
    EXPECT_EQ(p.options.language, "en");
    EXPECT_TRUE(p.options.fullscreen);
    EXPECT_EQ(p.options.width, 1920);
    EXPECT_EQ(p.options.height, 1080);
    EXPECT_EQ(*p.options.screenshot, "a.png");
    EXPECT_EQ(p.options.frames, 7);
    EXPECT_EQ(p.options.idleResetSeconds, 90);
    EXPECT_EQ(p.options.testState, "state.json");
    EXPECT_EQ(p.options.scannerGapMs, 45);
}

TEST(Options, UsageErrorsSayWhatIsWrong) {
    const std::pair<std::vector<std::string>, const char*> cases[] = {
        {{"--mode", "kiosk"}, "--db"},
        {{"--db", "s.db"}, "--mode"},
        {{"--db", "s.db", "--mode", "garage"}, "garage"},
        {{"--db", "s.db", "--mode", "office", "--lang", "fr"}, "fr"},
        {{"--db", "s.db", "--mode", "office", "--hub", "10.0.0.2"}, "http"},
        {{"--db", "s.db", "--mode", "office", "--screenshot", "a.jpg"}, ".png"},
        {{"--db", "s.db", "--mode", "office", "--frames", "5"}, "--screenshot"},
        {{"--db", "s.db", "--mode", "office", "--screenshot", "a.png", "--frames", "0"}, "--frames"},
        {{"--db", "s.db", "--mode", "office", "--size", "big"}, "--size"},
        {{"--db", "s.db", "--mode", "kiosk", "--idle-reset", "2"}, "--idle-reset"},
        {{"--db", "s.db", "--mode", "kiosk", "--test-state"}, "--test-state"},
        {{"--db", "s.db", "--mode", "warehouse", "--scanner-gap", "200"}, "--scanner-gap"},
        {{"--db", "s.db", "--mode", "office", "--bogus"}, "--bogus"},
        {{"--db"}, "--db"},
    };
    for (const auto& [args, mention] : cases) {
        auto p = parse(args);
        EXPECT_EQ(p.action, ParsedArgs::kUsageError) << mention;
        EXPECT_NE(p.message.find(mention), std::string::npos) << p.message;
    }
    EXPECT_EQ(parse({"--help"}).action, ParsedArgs::kHelp);
}

TEST(Options, ScreenshotDefaultsToFiveFrames) {
    auto p = parse({"--db", "s.db", "--mode", "office", "--screenshot", "a.png"});
    ASSERT_EQ(p.action, ParsedArgs::kRun);
    EXPECT_EQ(p.options.frames, 5);
}

}  // namespace
}  // namespace fc::ui
