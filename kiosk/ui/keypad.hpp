// An on-screen numeric keypad: digits, backspace, clear and OK, with a display above. For PINs
// (masked ●●●●), phone numbers (grouped 138 0013 8000) and numbers such as an odometer reading.
// A hardware keyboard works too: digits, Backspace and Enter while no text field is active.
//
//   Keypad m_pin{{.kind = KeypadKind::kPin, .minLength = 4, .maxLength = 6}};
//   if (m_pin.draw(ui, "pin") == KeypadEvent::kSubmitted) signIn(m_pin.value());
#pragma once

#include <string>
#include <string_view>

#include "kiosk/ui/ui.hpp"

namespace fc::ui {

enum class KeypadKind { kNumber, kPin, kPhone };
enum class KeypadEvent { kNone, kChanged, kSubmitted };

struct KeypadOptions {
    KeypadKind kind = KeypadKind::kNumber;
    size_t minLength = 1;    // OK is enabled from this many digits
    size_t maxLength = 11;
    float keyWidth = 0;      // 0: the theme's key size, shrunk to fit the width available
    bool acceptKeyboard = true;
    const char* hint = nullptr;  // shown in the display while empty
};

class Keypad {
public:
    explicit Keypad(KeypadOptions options = {}) : m_options(options) {}

    // Fits the width left on the line and `maxHeight` (0: the height left in the window).
    KeypadEvent draw(Ui& ui, std::string_view id, float maxHeight = 0);
    // Off: every key greyed out and hardware keys ignored (a PIN lockout).
    void setEnabled(bool on) { m_enabled = on; }
    bool enabled() const { return m_enabled; }

    // The logic, usable without drawing.
    KeypadEvent press(char digit);
    KeypadEvent backspace();
    KeypadEvent clear();
    KeypadEvent submit();
    bool canSubmit() const { return m_value.size() >= m_options.minLength; }

    const std::string& value() const { return m_value; }
    void setValue(std::string digits);
    // What the display shows: ●●●● for a PIN, "138 0013 8000" for a phone, digits otherwise.
    std::string displayText() const;
    const KeypadOptions& options() const { return m_options; }
    // The width draw() takes with keys of `keyWidth`.
    static float widthFor(const Ui& ui, float keyWidth);

private:
    KeypadOptions m_options;
    std::string m_value;
    bool m_enabled = true;
};

}  // namespace fc::ui
