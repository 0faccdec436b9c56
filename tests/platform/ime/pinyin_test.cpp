// Pinyin input through the real librime and Debian's pinyin_simp dictionary.
#include "platform/ime/pinyin.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/support/test_store.hpp"

namespace fc::ime {
namespace {

std::unique_ptr<Pinyin> openPinyin() {
    auto r = Pinyin::open(test::processDir("ime"));
    if (!r) ADD_FAILURE() << r.error().message;
    return r ? std::move(r).value() : nullptr;
}

void typeAll(Pinyin& py, std::string_view letters) {
    for (char c : letters) py.type(c);
}

bool onAnyPage(Pinyin& py, const std::string& word, int pages = 6) {
    for (int i = 0; i < pages; ++i) {
        const auto& c = py.composition().candidates;
        if (std::find(c.begin(), c.end(), word) != c.end()) return true;
        if (py.composition().lastPage) break;
        py.nextPage();
    }
    return false;
}

TEST(Pinyin, LettersBecomeSimplifiedCandidatesAndAPickCommitsTheWord) {
    auto py = openPinyin();
    ASSERT_NE(py, nullptr);
    typeAll(*py, "louyou");
    std::string letters = py->composition().preedit;
    std::erase(letters, ' ');
    EXPECT_EQ(letters, "louyou") << "the letters being composed";
    ASSERT_FALSE(py->composition().candidates.empty());
    EXPECT_EQ(py->composition().candidates[0], "漏油");
    EXPECT_EQ(std::count(py->composition().candidates.begin(), py->composition().candidates.end(), "漏油"), 1)
        << "a trade word the dictionary also has is offered once";
    EXPECT_EQ(py->pick(0), "漏油");
    EXPECT_FALSE(py->composing()) << "the whole composition was taken";
    EXPECT_TRUE(py->composition().candidates.empty());
}

TEST(Pinyin, TheTradesWordsComeFirst) {
    auto py = openPinyin();
    ASSERT_NE(py, nullptr);
    for (const auto& [letters, word] : {std::pair{"yixiang", "异响"}, std::pair{"kongtiaobuliang", "空调不凉"},
                                        std::pair{"guzhangdengliang", "故障灯亮"}}) {
        py->clear();
        typeAll(*py, letters);
        ASSERT_FALSE(py->composition().candidates.empty()) << letters;
        EXPECT_EQ(py->composition().candidates[0], word) << letters;
    }
}

TEST(Pinyin, APhraseFileWithAMistakeIsRefusedNamingTheLine) {
    auto ok = Pinyin::readPhrases("# comment\n异响 yixiang\r\n\n抖动\tdoudong\n", "phrases.txt");
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(*ok, "异响\tyixiang\t100\n抖动\tdoudong\t100\n");
    auto noPinyin = Pinyin::readPhrases("异响 yixiang\n漏油\n", "phrases.txt");
    ASSERT_FALSE(noPinyin);
    EXPECT_NE(noPinyin.error().message.find("phrases.txt:2:"), std::string::npos) << noPinyin.error().message;
    auto tones = Pinyin::readPhrases("异响 yì xiǎng\n", "phrases.txt");
    ASSERT_FALSE(tones);
    EXPECT_NE(tones.error().message.find("phrases.txt:1: pinyin"), std::string::npos) << tones.error().message;
}

TEST(Pinyin, TheShippedPhraseFileIsValid) {
    std::ifstream in(Pinyin::defaultPhrasesFile());
    ASSERT_TRUE(in) << Pinyin::defaultPhrasesFile();
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    auto r = Pinyin::readPhrases(text, Pinyin::defaultPhrasesFile());
    EXPECT_TRUE(r) << r.error().message;
}

TEST(Pinyin, CommonComplaintsAndSurnamesCanBeFound) {
    auto py = openPinyin();
    ASSERT_NE(py, nullptr);
    const std::pair<const char*, const char*> words[] = {
        {"yixiang", "异响"}, {"doudong", "抖动"}, {"kongtiao", "空调"}, {"shache", "刹车"}, {"zhang", "张"},
        {"ou", "欧"}};
    for (const auto& [letters, word] : words) {
        py->clear();
        typeAll(*py, letters);
        EXPECT_TRUE(onAnyPage(*py, word)) << letters << " → " << word;
    }
}

TEST(Pinyin, PickingTheFirstSyllableLeavesTheRestOpen) {
    auto py = openPinyin();
    ASSERT_NE(py, nullptr);
    typeAll(*py, "louyou");
    const auto& c = py->composition().candidates;
    const auto single = std::find(c.begin(), c.end(), std::string("漏"));
    ASSERT_NE(single, c.end());
    EXPECT_EQ(py->pick(static_cast<size_t>(single - c.begin())), "") << "nothing complete yet";
    EXPECT_TRUE(py->composing());
    const auto& rest = py->composition().candidates;
    const auto you = std::find(rest.begin(), rest.end(), std::string("油"));
    ASSERT_NE(you, rest.end());
    EXPECT_EQ(py->pick(static_cast<size_t>(you - rest.begin())), "漏油") << "the whole word once complete";
}

TEST(Pinyin, BackspaceTakesALetterThenReportsNothingLeft) {
    auto py = openPinyin();
    ASSERT_NE(py, nullptr);
    typeAll(*py, "wa");
    EXPECT_TRUE(py->backspace());
    EXPECT_EQ(py->composition().preedit, "w");
    EXPECT_TRUE(py->backspace());
    EXPECT_FALSE(py->composing());
    EXPECT_FALSE(py->backspace()) << "the caller deletes from its text now";
}

TEST(Pinyin, LettersCanBeTakenAsTyped) {
    auto py = openPinyin();
    ASSERT_NE(py, nullptr);
    typeAll(*py, "SUV");
    EXPECT_EQ(py->takeLetters(), "suv");
    EXPECT_FALSE(py->composing());
    py->type('1');  // not a letter: ignored
    EXPECT_FALSE(py->composing());
}

TEST(Pinyin, PagesMoveForwardAndBack) {
    auto py = openPinyin();
    ASSERT_NE(py, nullptr);
    typeAll(*py, "shi");
    ASSERT_FALSE(py->composition().lastPage);
    const auto first = py->composition().candidates;
    py->nextPage();
    EXPECT_EQ(py->composition().page, 1);
    EXPECT_NE(py->composition().candidates, first);
    py->previousPage();
    EXPECT_EQ(py->composition().candidates, first);
    py->previousPage();  // already on the first page
    EXPECT_EQ(py->composition().page, 0);
}

TEST(Pinyin, NothingTypedIsKeptOnDisk) {
    auto py = openPinyin();
    ASSERT_NE(py, nullptr);
    for (const char* name : {"zhangweiming", "ouyangxiaofang"}) {
        typeAll(*py, name);
        while (py->composing()) (void)py->pick(0);
    }
    py.reset();
    namespace fs = std::filesystem;
    int files = 0;
    for (const auto& e : fs::recursive_directory_iterator(test::processDir("ime"))) {
        EXPECT_EQ(e.path().filename().string().find("userdb"), std::string::npos) << "a learned-word store: " << e.path();
        if (!e.is_regular_file()) continue;
        ++files;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        for (const char* typed : {"zhangweiming", "ouyangxiaofang", "张伟明", "欧阳"})
            EXPECT_EQ(bytes.find(typed), std::string::npos) << typed << " kept in " << e.path();
    }
    EXPECT_GT(files, 0) << "the check looked at Rime's files";
}

}  // namespace
}  // namespace fc::ime
