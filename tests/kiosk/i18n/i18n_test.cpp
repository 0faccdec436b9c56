// The translation catalogs are complete and consistent, and every key the app's source uses
// exists in both languages.
#include "kiosk/i18n/i18n.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

// Every tr("literal") outside comment lines in kiosk/ (.cpp and .hpp).
std::map<std::string, std::string> keysUsedInSource() {
    std::map<std::string, std::string> keys;  // key → first file using it
    const std::regex trCall(R"re(\btr\(\s*"([^"\\]+)")re");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(FC_KIOSK_SOURCE_DIR)) {
        const auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            const size_t first = line.find_first_not_of(" \t");
            if (first != std::string::npos && line.compare(first, 2, "//") == 0) continue;  // examples in comments
            for (std::sregex_iterator it(line.begin(), line.end(), trCall), end; it != end; ++it)
                keys.emplace((*it)[1].str(), entry.path().filename().string());
        }
    }
    return keys;
}

TEST(I18nCatalogs, LoadFromTheAssetsDirectory) {
    auto i18n = I18n::load(assetsDir(), "zh-CN");
    ASSERT_TRUE(i18n.ok()) << i18n.error().message;
    EXPECT_EQ(i18n->language(), "zh-CN");
    EXPECT_GT(i18n->catalog("zh-CN").entries().size(), 50u);
}

TEST(I18nCatalogs, EveryLanguageHasEveryKey) {
    const I18n& i18n = fc::test::testCatalogs();
    const auto& langs = supportedLanguages();
    for (const auto& a : langs)
        for (const auto& b : langs)
            for (const auto& [key, text] : i18n.catalog(a).entries())
                EXPECT_NE(i18n.catalog(b).find(key), nullptr) << "\"" << key << "\" is in " << a << ".json but not in " << b << ".json";
}

TEST(I18nCatalogs, PlaceholdersMatchBetweenLanguages) {
    const I18n& i18n = fc::test::testCatalogs();
    const Catalog& zh = i18n.catalog("zh-CN");
    const Catalog& en = i18n.catalog("en");
    for (const auto& [key, text] : zh.entries()) {
        const std::string* other = en.find(key);
        if (!other) continue;  // reported by EveryLanguageHasEveryKey
        EXPECT_EQ(placeholders(text), placeholders(*other))
            << "\"" << key << "\": zh-CN \"" << text << "\" vs en \"" << *other << "\"";
    }
}

TEST(I18nCatalogs, NoEmptyTexts) {
    const I18n& i18n = fc::test::testCatalogs();
    for (const auto& lang : supportedLanguages())
        for (const auto& [key, text] : i18n.catalog(lang).entries())
            EXPECT_FALSE(text.empty()) << lang << ": \"" << key << "\" is empty";
}

TEST(I18nCatalogs, EveryKeyUsedInTheSourceExists) {
    const auto used = keysUsedInSource();
    ASSERT_GT(used.size(), 50u) << "the scan of " << FC_KIOSK_SOURCE_DIR << " found almost nothing";
    const I18n& i18n = fc::test::testCatalogs();
    for (const auto& lang : supportedLanguages())
        for (const auto& [key, file] : used)
            EXPECT_NE(i18n.catalog(lang).find(key), nullptr)
                << "tr(\"" << key << "\") in kiosk/…/" << file << " is missing from assets/i18n/" << lang << ".json";
    // Keys nobody uses are allowed (screens in progress), but listed.
    std::string unused;
    for (const auto& [key, text] : i18n.catalog("zh-CN").entries())
        if (!used.count(key)) unused += " " + key;
    if (!unused.empty()) std::cout << "[ info ] catalog keys not used in kiosk/ yet:" << unused << "\n";
}

TEST(I18n, FormatsPlaceholders) {
    EXPECT_EQ(format("{count} 项待同步", {{"count", 3}}), "3 项待同步");
    EXPECT_EQ(format("上次同步 {time}，{n} 项", {{"time", "14:05"}, {"n", int64_t{2}}}), "上次同步 14:05，2 项");
    EXPECT_EQ(format("{unknown} stays", {}), "{unknown} stays");
    EXPECT_EQ(format("{{literal}}", {}), "{literal}");
    EXPECT_EQ(placeholders("{a} and {b} but not {{c}}"), (std::set<std::string>{"a", "b"}));
}

TEST(I18n, MissingKeyShowsTheKeyAndIsRemembered) {
    I18n i18n = fc::test::testCatalogs();
    EXPECT_STREQ(i18n.tr("no.such.key"), "no.such.key");
    EXPECT_EQ(i18n.missing().count("no.such.key"), 1u);
}

TEST(I18n, SwitchesLanguage) {
    I18n i18n = fc::test::testCatalogs();
    EXPECT_STREQ(i18n.tr("keypad.ok"), "确定");
    EXPECT_EQ(i18n.otherLanguage(), "en");
    ASSERT_TRUE(i18n.setLanguage("en").ok());
    EXPECT_STREQ(i18n.tr("keypad.ok"), "OK");
    EXPECT_EQ(i18n.tr("sync.pending", {{"count", 5}}), "5 changes waiting");
    EXPECT_FALSE(i18n.setLanguage("fr").ok());
}

TEST(I18n, CatalogRejectsWhatIsNotAFlatStringMap) {
    EXPECT_FALSE(Catalog::parse("[1, 2]", "t").ok());
    EXPECT_FALSE(Catalog::parse("{\"a\": 1}", "t").ok());
    EXPECT_FALSE(Catalog::parse("{\"a\": ", "t").ok());
    auto ok = Catalog::parse("{\"a\": \"甲\"}", "t");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok->find("a"), "甲");
}

}  // namespace
}  // namespace fc::ui
