// Every character the app can put on screen has a glyph in the atlas it builds: every string in
// the asset files (translations, the service menu), the kit's own characters (plate keys, the PIN
// mask, separators), masked personal data, and the store's data. A character the font lacks, or
// one nobody added to the atlas, fails here with where it came from — instead of a "?" on a
// customer's screen.
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "kiosk/screens/kiosk/check_in_screen.hpp"
#include "kiosk/ui/keypad.hpp"
#include "kiosk/ui/plate_keyboard.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/readmodel/charset.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::test {
namespace {

// Character → where it was first seen.
using Sources = std::map<char32_t, std::string>;

void addText(Sources& out, std::string_view text, const std::string& where) {
    for (char32_t cp : core::decodeUtf8(text))
        if (cp > 0x7E) out.emplace(cp, where);
}

void addJsonStrings(Sources& out, const nlohmann::json& j, const std::string& where) {
    if (j.is_string()) addText(out, j.get<std::string>(), where);
    if (j.is_object())
        for (const auto& [key, value] : j.items()) addJsonStrings(out, value, where + " › " + key);
    if (j.is_array())
        for (size_t i = 0; i < j.size(); ++i) addJsonStrings(out, j[i], where + " [" + std::to_string(i) + "]");
}

// Every string value in every JSON file under assets/.
Sources assetStrings() {
    Sources out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(FC_ASSETS_DIR)) {
        if (e.path().extension() != ".json") continue;
        std::ifstream in(e.path());
        const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << e.path() << " is not JSON";
        addJsonStrings(out, j, std::filesystem::relative(e.path(), FC_ASSETS_DIR).string());
    }
    return out;
}

std::string hex(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

class GlyphCoverage : public KioskTest {};

TEST_F(GlyphCoverage, EveryReachableCharacterIsInTheAtlas) {
    if (!haveCjkFont()) GTEST_SKIP() << "no CJK font (apt-get install fonts-noto-cjk)";
    makeDemoStore();
    auto app = makeApp(ui::Mode::kKiosk, true, {.scanDataBeforeFirstFrame = true});
    ASSERT_TRUE(app);
    app->beginFrame();  // applies a rebuild the start asked for

    Sources ui = assetStrings();
    ASSERT_GT(ui.size(), 300u) << "the catalogs and the menu were read";
    for (const auto& k : ui::PlateKeyboard::provinces()) addText(ui, k, "plate keyboard");
    for (const auto& k : ui::PlateKeyboard::suffixes()) addText(ui, k, "plate keyboard");
    for (const auto& s : ui::CheckInScreen::surnameChoices()) addText(ui, "✓ " + s, "surname tiles");
    ui::Keypad pin({.kind = ui::KeypadKind::kPin, .minLength = 6, .maxLength = 6});
    pin.setValue("123456");
    addText(ui, pin.displayText(), "the PIN mask");
    addText(ui, core::maskPlate("粤B12345") + core::maskPhone("13800138000") + core::maskName("王芳"),
            "masked personal data");

    const ui::FontManager& fonts = app->fonts();
    std::string missing;
    for (const auto& [cp, where] : ui) {
        if (!fonts.hasGlyph(cp)) missing += "\n  body  " + hex(cp) + " from " + where;
        if (!fonts.hasLargeGlyph(cp)) missing += "\n  large " + hex(cp) + " from " + where;
    }
    EXPECT_TRUE(missing.empty()) << "characters the atlas lacks:" << missing;

    // The store's data (names, makes, plates) as the app reads it.
    auto services = core::StoreServices::open(dbPath, clock, 5);
    ASSERT_TRUE(services.ok());
    auto cs = core::dataCharset((*services)->db());
    ASSERT_TRUE(cs.ok());
    ASSERT_FALSE(cs->all.empty());
    std::string missingData;
    for (char32_t cp : cs->all)
        if (cp <= 0xFFFF && !fonts.hasGlyph(cp)) missingData += " " + hex(cp);
    EXPECT_TRUE(missingData.empty()) << "data characters the atlas lacks:" << missingData;
}

}  // namespace
}  // namespace fc::test
