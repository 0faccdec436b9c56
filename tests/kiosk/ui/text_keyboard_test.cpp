// The on-screen keyboard through the headless driver: a text field opens it, pinyin typed on its
// keys offers Chinese candidates (through the real librime engine), English with capitals,
// digits, delete and clear, the character limit, a hardware keyboard, and the ways it closes —
// 完成, a tap outside, and its field disappearing (nothing typed stays behind).
#include <gtest/gtest.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/text_keyboard.hpp"
#include "kiosk/ui/widgets.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"
#include "tests/support/test_store.hpp"

namespace fc::ui {
namespace {

class TextKeyboardTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        m_kit = std::make_unique<KitHarness>(KitHarnessOptions{.mode = Mode::kKiosk, .clock = &clock});
        m_keyboard = std::make_unique<TextKeyboard>(fc::test::processDir("ime"));
        m_kit->ui().setKeyboard(m_keyboard.get());
        m_kit->setDraw([this](Ui& ui) {
            if (m_showField) textField(ui, "问题描述", m_value, {.hint = "请描述", .maxChars = m_maxChars});
            if (button(ui, "别处")) ++m_elsewhere;
            m_keyboard->draw(ui);
        });
    }
    void TearDown() override {
        m_kit.reset();
        m_keyboard.reset();
        KioskTest::TearDown();
    }
    HeadlessDriver& d() { return m_kit->driver(); }
    TextKeyboard& keyboard() { return *m_keyboard; }
    bool key(std::string_view label) { return d().click(label, "osk"); }
    void keys(std::string_view letters) {
        for (char c : letters) ASSERT_TRUE(key(std::string(1, c))) << "key " << c;
    }
    bool candidateShown(std::string_view word) { return d().visible(word, "osk"); }

    std::string m_value;
    size_t m_maxChars = 0;
    bool m_showField = true;
    int m_elsewhere = 0;

private:
    std::unique_ptr<KitHarness> m_kit;
    std::unique_ptr<TextKeyboard> m_keyboard;
};

TEST_F(TextKeyboardTest, TappingTheFieldOpensTheKeyboardForIt) {
    d().frame(2);
    EXPECT_FALSE(keyboard().isOpen());
    EXPECT_FALSE(d().visible(tr("osk.done"), "osk")) << "no keyboard until a field is tapped";
    ASSERT_TRUE(d().click("问题描述"));
    EXPECT_TRUE(keyboard().isOpen());
    EXPECT_TRUE(d().visible(tr("osk.done"), "osk"));
    EXPECT_TRUE(d().visible("q", "osk"));
    EXPECT_TRUE(d().visible("0", "osk"));
    EXPECT_TRUE(keyboard().chinese()) << "Chinese first";
    EXPECT_GT(keyboard().height(), 0.0f);
}

TEST_F(TextKeyboardTest, PinyinOnTheKeysBecomesChineseInTheField) {
    ASSERT_TRUE(d().click("问题描述"));
    keys("louyou");
    ASSERT_TRUE(keyboard().imeError().empty()) << keyboard().imeError();
    EXPECT_EQ(keyboard().composition().preedit.find("lou"), 0u) << keyboard().composition().preedit;
    ASSERT_TRUE(candidateShown("漏油")) << "the trade's words come first";
    EXPECT_EQ(m_value, "") << "nothing is in the field while composing";
    ASSERT_TRUE(key("漏油"));
    d().frame();
    EXPECT_EQ(m_value, "漏油");
    EXPECT_FALSE(keyboard().composition().composing());
    // Space takes the best candidate; digits go in as they are.
    keys("yixiang");
    ASSERT_TRUE(key(tr("osk.space")));
    keys("3");
    d().frame();
    EXPECT_EQ(m_value, "漏油异响3");
    ASSERT_TRUE(key(tr("osk.done")));
    d().frame(2);
    EXPECT_FALSE(keyboard().isOpen());
    EXPECT_EQ(m_value, "漏油异响3") << "完成 keeps what was typed";
}

TEST_F(TextKeyboardTest, CandidatesPageForwardAndBack) {
    ASSERT_TRUE(d().click("问题描述"));
    keys("shi");
    ASSERT_TRUE(keyboard().imeError().empty()) << keyboard().imeError();
    const std::vector<std::string> first = keyboard().composition().candidates;
    ASSERT_FALSE(first.empty());
    ASSERT_FALSE(d().find(tr("osk.previous_page"), "osk")->enabled) << "already on the first page";
    ASSERT_TRUE(key(tr("osk.next_page")));
    EXPECT_EQ(keyboard().composition().page, 1);
    EXPECT_NE(keyboard().composition().candidates, first);
    ASSERT_TRUE(key(tr("osk.previous_page")));
    EXPECT_EQ(keyboard().composition().candidates, first);
}

TEST_F(TextKeyboardTest, DeleteTakesBackALetterThenACharacter) {
    ASSERT_TRUE(d().click("问题描述"));
    keys("yixiang");
    ASSERT_TRUE(key(tr("osk.space")));
    keys("do");
    ASSERT_TRUE(key(tr("osk.backspace")));
    EXPECT_EQ(keyboard().composition().preedit, "d");
    ASSERT_TRUE(key(tr("osk.backspace")));
    EXPECT_FALSE(keyboard().composition().composing());
    ASSERT_TRUE(key(tr("osk.backspace")));
    d().frame();
    EXPECT_EQ(m_value, "异") << "one character, not one byte";
    ASSERT_TRUE(key(tr("osk.clear")));
    d().frame();
    EXPECT_EQ(m_value, "");
    EXPECT_FALSE(d().find(tr("osk.clear"), "osk")->enabled) << "nothing left to clear";
}

TEST_F(TextKeyboardTest, EnglishWithCapitals) {
    ASSERT_TRUE(d().click("问题描述"));
    EXPECT_FALSE(d().find(tr("osk.shift"), "osk")->enabled) << "no capitals in pinyin";
    ASSERT_TRUE(key(tr("osk.to_english")));
    EXPECT_FALSE(keyboard().chinese());
    ASSERT_TRUE(key(tr("osk.shift")));
    ASSERT_TRUE(key("L")) << "the keys show capitals while shifted";
    keys("i");
    ASSERT_TRUE(key(tr("osk.space")));
    keys("ok");
    d().frame();
    EXPECT_EQ(m_value, "Li ok");
    ASSERT_TRUE(key(tr("osk.to_chinese")));
    EXPECT_TRUE(keyboard().chinese());
}

TEST_F(TextKeyboardTest, SwitchingToEnglishKeepsTheLettersBeingComposed) {
    ASSERT_TRUE(d().click("问题描述"));
    keys("abs");
    ASSERT_TRUE(key(tr("osk.to_english")));
    d().frame();
    EXPECT_EQ(m_value, "abs") << "an English word typed in Chinese mode is not lost";
}

TEST_F(TextKeyboardTest, TheFieldsLimitHolds) {
    m_maxChars = 3;
    ASSERT_TRUE(d().click("问题描述"));
    ASSERT_TRUE(key(tr("osk.to_english")));
    keys("abcde");
    d().frame();
    EXPECT_EQ(m_value, "abc");
}

TEST_F(TextKeyboardTest, AHardwareKeyboardTypesAsTypedAndEnterFinishes) {
    ASSERT_TRUE(d().click("问题描述"));
    d().type("brakes 吱吱响");
    d().frame();
    EXPECT_EQ(m_value, "brakes 吱吱响") << "hardware text is not run through pinyin";
    d().press(ImGuiKey_Backspace);
    d().frame();
    EXPECT_EQ(m_value, "brakes 吱吱");
    d().press(ImGuiKey_Enter);
    d().frame(2);
    EXPECT_FALSE(keyboard().isOpen());
    EXPECT_EQ(m_value, "brakes 吱吱");
}

TEST_F(TextKeyboardTest, ATapOutsidePutsItAwayAndStillCounts) {
    ASSERT_TRUE(d().click("问题描述"));
    ASSERT_TRUE(key(tr("osk.to_english")));
    keys("ok");
    ASSERT_TRUE(d().click("别处"));
    d().frame(2);
    EXPECT_FALSE(keyboard().isOpen());
    EXPECT_EQ(m_elsewhere, 1) << "the tap did what it was for";
    EXPECT_EQ(m_value, "ok");
}

TEST_F(TextKeyboardTest, ItClosesWhenItsFieldIsGoneAndKeepsNothing) {
    ASSERT_TRUE(d().click("问题描述"));
    ASSERT_TRUE(key(tr("osk.to_english")));
    keys("secret");
    m_showField = false;  // the step changed, or the kiosk's idle reset popped the screen
    d().frame(2);
    EXPECT_FALSE(keyboard().isOpen());
    EXPECT_FALSE(d().visible(tr("osk.done"), "osk"));
    EXPECT_EQ(keyboard().text(), "") << "nothing typed stays in the keyboard";
    m_showField = true;
    m_value.clear();
    d().frame(2);
    ASSERT_TRUE(d().click("问题描述"));
    EXPECT_EQ(keyboard().text(), "");
}

}  // namespace
}  // namespace fc::ui
