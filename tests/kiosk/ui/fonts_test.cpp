// The font atlas: built from the Debian CJK font with the UI strings, the common characters and
// the store's data; rare surname characters (赟 鬯 犇) appear after a customer with them is saved
// here or arrives by sync; the atlas stays within its memory budget.
#include "kiosk/ui/fonts.hpp"

#include <gtest/gtest.h>

#include "platform/gfx/font_files.hpp"
#include "shared/readmodel/charset.hpp"
#include "shared/demo/seed.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

#define SKIP_WITHOUT_CJK_FONT()                                                                 \
    if (!fc::test::haveCjkFont())                                                               \
    GTEST_SKIP() << "no CJK font installed: apt-get install " << platform::kCjkFontPackages

TEST(GlyphSet, RangesCoverExactlyTheCharacters) {
    GlyphSet g;
    EXPECT_EQ(g.addText("王芳王"), 2u);
    g.addRange('a', 'c');
    EXPECT_TRUE(g.add(U'赟'));
    EXPECT_FALSE(g.add(U'赟'));
    EXPECT_FALSE(g.add(U'\U00020BB7')) << "ImGui 1.86 (16-bit ImWchar) cannot hold it";
    EXPECT_EQ(g.outsideBmp(), 1u);
    ImVector<ImWchar> r;
    g.toRanges(r);
    ASSERT_EQ(r.Size, 9);  // [a,c] [王] [芳] [赟] + 0 (sorted by code point)
    EXPECT_EQ(r[0], 'a');
    EXPECT_EQ(r[1], 'c');
    EXPECT_EQ(r[r.Size - 1], 0);
}

TEST(FontFiles, FindsTheDebianCjkFontOrNamesThePackage) {
    auto f = platform::findCjkFont();
    if (!f) {
        EXPECT_NE(f.error().message.find("fonts-noto-cjk"), std::string::npos) << f.error().message;
        return;
    }
    EXPECT_FALSE(f->path.empty());
    setenv("FC_CJK_FONT", "/no/such/font.ttc", 1);
    auto missing = platform::findCjkFont();
    unsetenv("FC_CJK_FONT");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("/no/such/font.ttc"), std::string::npos);
}

TEST(FontManager, AMissingFontFileIsAnError) {
    FontManager fonts("/no/such/font.ttc", 0, {});
    EXPECT_FALSE(fonts.loadFace().ok());
}

TEST(FontManager, KioskAtlasWithCommonCharactersFitsTheBudget) {
    SKIP_WITHOUT_CJK_FONT();
    auto face = platform::findCjkFont();
    const Theme kiosk = Theme::make(Mode::kKiosk);
    FontManager fonts(face->path, face->index, {kiosk.fontBody, kiosk.fontLarge});
    fonts.addUiText(fc::test::testCatalogs().allText());
    ASSERT_TRUE(fonts.loadCommon(assetsDir()).ok());
    ASSERT_TRUE(fonts.rebuild().ok());
    const AtlasStats& s = fonts.stats();
    std::cout << "[ info ] kiosk atlas " << s.width << "x" << s.height << " = " << s.bytesAlpha8
              << " bytes as uploaded (R8), " << s.bytesRgba32 << " as RGBA32; " << s.bodyGlyphs << " + "
              << s.largeGlyphs << " glyphs; built in " << s.buildMs << " ms\n";
    EXPECT_LE(s.bytesAlpha8, 16u << 20);
    EXPECT_GE(s.bodyGlyphs, 3755);
    for (char32_t c : std::u32string(U"啊座确定欢迎光临京粤琼")) EXPECT_TRUE(fonts.hasGlyph(c)) << static_cast<uint32_t>(c);
    EXPECT_TRUE(fonts.hasLargeGlyph(U'琼')) << "plate keys use the large font";
    EXPECT_FALSE(fonts.hasGlyph(U'赟')) << "not common: only when the data uses it";
}

class RareCharacters : public fc::test::KioskTest {};

TEST_F(RareCharacters, SavingACustomerPutsHerNameInTheAtlas) {
    SKIP_WITHOUT_CJK_FONT();
    makeStore();
    AppConfig c;
    c.commonCharacters = false;  // faster; the data path is what is tested
    auto app = makeApp(Mode::kOffice, true, c);
    ASSERT_NE(app, nullptr);
    app->settleBackground();
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    EXPECT_FALSE(app->fonts().hasGlyph(U'赟'));
    const int buildsBefore = app->fonts().stats().builds;
    // A save through the app's own services: its news names the row, whose name is read.
    auto id = app->services().get<core::CustomerService>().createCustomer({.name = "王赟", .phones = {"13800138000"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    d.frame();  // the news is taken and the atlas rebuilt between frames
    EXPECT_TRUE(app->fonts().hasGlyph(U'赟'));
    EXPECT_TRUE(app->fonts().hasLargeGlyph(U'赟')) << "names are shown in headings too";
    EXPECT_EQ(app->fonts().stats().builds, buildsBefore + 1);
    // Notes are body text.
    ASSERT_TRUE(app->services().get<core::CustomerService>().updateCustomer(*id, {.notes = std::string("爱喝鬯酒")}).ok());
    d.frame();
    EXPECT_TRUE(app->fonts().hasGlyph(U'鬯'));
}

TEST_F(RareCharacters, ACustomerArrivingBySyncIsScannedOnAWorker) {
    SKIP_WITHOUT_CJK_FONT();
    makeStore();
    AppConfig c;
    c.commonCharacters = false;
    auto app = makeApp(Mode::kKiosk, true, c);
    ASSERT_NE(app, nullptr);
    app->settleBackground();
    HeadlessDriver d = driveApp(*app);
    d.frame(2);
    EXPECT_FALSE(app->fonts().hasGlyph(U'犇'));
    // Another connection writes (as the sync worker does when it applies a pulled page).
    {
        auto other = core::StoreServices::open(dbPath, clock);
        ASSERT_TRUE(other.ok()) << other.error().message;
        auto id = (*other)->get<core::CustomerService>().createCustomer({.name = "张犇", .phones = {"13700137000"}});
        ASSERT_TRUE(id.ok()) << id.error().message;
        ASSERT_TRUE((*other)->get<core::CustomerService>().addVehicle(*id, {.plate = "藏A12345", .make = "长城"}).ok());
    }
    d.frame();
    EXPECT_FALSE(app->fonts().hasGlyph(U'犇')) << "the app's connection did not see that write";
    app->scanDataCharacters();  // what the app does when the sync cursor moves
    app->settleBackground();
    d.frame();
    EXPECT_TRUE(app->fonts().hasGlyph(U'犇'));
    EXPECT_TRUE(app->fonts().hasGlyph(U'藏'));
}

TEST_F(RareCharacters, ABulkImportIsScannedAfterItCommits) {
    SKIP_WITHOUT_CJK_FONT();
    makeStore();
    AppConfig c;
    c.commonCharacters = false;
    auto app = makeApp(Mode::kOffice, true, c);
    ASSERT_NE(app, nullptr);
    app->settleBackground();
    HeadlessDriver d = driveApp(*app);
    d.frame();
    auto seeded = core::seedDemo(app->services(), {.seed = 3, .customers = 200});
    ASSERT_TRUE(seeded.ok()) << seeded.error().message;
    d.frame();  // the scan starts now that the bulk committed
    app->settleBackground();
    d.frame();  // and the atlas is rebuilt with what it found
    auto cs = core::dataCharset(app->services().db());
    ASSERT_TRUE(cs.ok());
    ASSERT_GT(cs->all.size(), 50u);
    size_t missing = 0;
    for (char32_t ch : cs->all)
        if (ch <= 0xFFFF && !app->fonts().hasGlyph(ch)) ++missing;
    EXPECT_EQ(missing, 0u);
}

TEST_F(RareCharacters, AnExistingStoreIsScannedBeforeTheFirstFrameWhenAsked) {
    SKIP_WITHOUT_CJK_FONT();
    makeStore("赟记汽修");
    {
        auto s = core::StoreServices::open(dbPath, clock);
        ASSERT_TRUE(s.ok());
        ASSERT_TRUE((*s)->get<core::CustomerService>().createCustomer({.name = "欧阳鬯", .phones = {"13600136000"}}).ok());
    }
    AppConfig c;
    c.commonCharacters = false;
    c.scanDataBeforeFirstFrame = true;
    auto app = makeApp(Mode::kOffice, true, c);
    ASSERT_NE(app, nullptr);
    EXPECT_TRUE(app->fonts().hasGlyph(U'鬯'));
    EXPECT_TRUE(app->fonts().hasLargeGlyph(U'赟')) << "the store name is in the header";
}

}  // namespace
}  // namespace fc::ui
