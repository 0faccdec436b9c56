// The on-screen keyboard for text fields on touch devices (kiosk, workshop and warehouse
// tablets): docked at the bottom of the window over the screen, it shows the field's label and
// text (the field itself may be under it), a candidate bar for Chinese input (pinyin through
// platform/ime, paged), digits, QWERTY letters, 中/英, 空格, 删除, 清空 and 完成.
//
// textField() uses it when the Ui has one: tapping the field opens the keyboard for that field;
// each frame the field takes the keyboard's text; the keyboard closes on 完成 (or Enter), on a
// tap outside it and the field, and by itself when its field is no longer drawn (the step
// changed, the kiosk's idle reset) — nothing typed outlives the screen that showed it.
// A hardware keyboard still works while it is open: what it types (an OS input method's Chinese
// included) goes in as typed, Backspace deletes, Enter is 完成.
//
//   TextKeyboard keyboard(imeDir);  ui.setKeyboard(&keyboard);   // the app, for touch modes
//   textField(ui, tr("checkin.services.other"), m_complaint);    // screens: nothing to do
//   keyboard.draw(ui);                                           // the app, after the screen
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kiosk/ui/text_input.hpp"
#include "kiosk/ui/ui.hpp"
#include "platform/ime/pinyin.hpp"

namespace fc::ui {

// Keys by name for press() (letters and digits are themselves: "a", "7").
namespace key {
inline constexpr std::string_view kSpace = "space";
inline constexpr std::string_view kBackspace = "backspace";
inline constexpr std::string_view kClear = "clear";
inline constexpr std::string_view kDone = "done";
inline constexpr std::string_view kLanguage = "language";  // 中 ⇄ 英
inline constexpr std::string_view kShift = "shift";        // English capitals
inline constexpr std::string_view kNextPage = "next-page";
inline constexpr std::string_view kPreviousPage = "previous-page";
}  // namespace key

class TextKeyboard final : public TextInput {
public:
    // imeDir: where Rime keeps its compiled dictionaries (created when missing; nothing typed is
    // stored there). Chinese input starts on the first pinyin letter, or earlier with prepare().
    explicit TextKeyboard(std::string imeDir);
    ~TextKeyboard();
    TextKeyboard(const TextKeyboard&) = delete;
    TextKeyboard& operator=(const TextKeyboard&) = delete;

    // Sets up the input method (blocking; ~0.4 s the first time a directory is used): call it on
    // a worker thread at start so the first pinyin letter answers at once.
    void prepare();

    // [SECTION] the field's side (textField, through TextInput)
    void open(ImGuiID field, std::string_view label, const std::string& text, const FieldOptions& options) override;
    bool sync(ImGuiID field, std::string& value, bool& changed) override;
    bool editing(ImGuiID field) const override { return m_open && m_field == field; }

    // [SECTION] the app's side
    // Draws the keyboard (when open) over everything, docked at the bottom. Call after the screen.
    void draw(Ui& ui);
    void close();
    bool isOpen() const { return m_open; }
    float height() const { return m_open ? m_height : 0.0f; }

    // [SECTION] the keys, usable without drawing (tests, the hardware keyboard)
    void press(std::string_view key);
    void pick(size_t candidate);
    void insert(std::string_view utf8);  // as typed (a hardware keyboard's text)

    bool chinese() const { return m_chinese; }
    void setChinese(bool on) { m_chinese = on; }
    const std::string& text() const { return m_text; }
    // The pinyin being composed and its candidates (nothing when not composing).
    const ime::Composition& composition() const;
    const std::string& imeError() const { return m_imeError; }

private:
    ime::Pinyin* pinyin();
    void typeLetter(char c);
    void commitTop();       // the first candidate, when composing
    void commitLetters();   // the letters as typed, when composing
    void append(std::string_view utf8);
    void backspace();
    void handleHardwareKeys();
    void drawBar(Ui& ui, float width, float keyH);
    void drawCandidates(Ui& ui, float width, float keyH);
    void drawKeys(Ui& ui, float width, float keyH);
    bool key(Ui& ui, std::string_view label, std::string_view id, float w, float h, bool primary = false,
             bool enabled = true);

    std::string m_imeDir;
    std::unique_ptr<ime::Pinyin> m_pinyin;
    bool m_pinyinTried = false;
    std::string m_imeError;

    bool m_open = false;
    ImGuiID m_field = 0;       // the field being edited (kept one frame after closing to hand back)
    int m_seenFrame = -1;      // the last frame its field was drawn
    int m_openedFrame = -1;
    std::string m_label;
    FieldOptions m_options;
    std::string m_text;
    bool m_chinese = true;
    bool m_shift = false;
    float m_height = 0.0f;
    std::string m_glyphsFor;   // the candidates the atlas was last asked to cover
};

}  // namespace fc::ui
