#include "kiosk/ui/keypad.hpp"

#include <algorithm>

#include <imgui_internal.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

KeypadEvent Keypad::press(char digit) {
    if (digit < '0' || digit > '9' || m_value.size() >= m_options.maxLength) return KeypadEvent::kNone;
    m_value += digit;
    return KeypadEvent::kChanged;
}

KeypadEvent Keypad::backspace() {
    if (m_value.empty()) return KeypadEvent::kNone;
    m_value.pop_back();
    return KeypadEvent::kChanged;
}

KeypadEvent Keypad::clear() {
    if (m_value.empty()) return KeypadEvent::kNone;
    m_value.clear();
    return KeypadEvent::kChanged;
}

KeypadEvent Keypad::submit() { return canSubmit() ? KeypadEvent::kSubmitted : KeypadEvent::kNone; }

void Keypad::setValue(std::string digits) {
    m_value.clear();
    for (char c : digits)
        if (c >= '0' && c <= '9' && m_value.size() < m_options.maxLength) m_value += c;
}

std::string Keypad::displayText() const {
    if (m_options.kind == KeypadKind::kPin) {
        std::string s;
        for (size_t i = 0; i < m_value.size(); ++i) s += "●";
        return s;
    }
    if (m_options.kind == KeypadKind::kPhone) {
        std::string s;
        for (size_t i = 0; i < m_value.size(); ++i) {
            if (i == 3 || i == 7) s += ' ';
            s += m_value[i];
        }
        return s;
    }
    return m_value;
}

float Keypad::widthFor(const Ui& ui, float keyWidth) { return keyWidth * 4 + ui.theme().gap * 0.75f * 3; }

namespace {

KeypadEvent merge(KeypadEvent a, KeypadEvent b) { return b == KeypadEvent::kNone ? a : b; }

}  // namespace

KeypadEvent Keypad::draw(Ui& ui, std::string_view id, float maxHeight) {
    const Theme& t = ui.theme();
    const Palette& p = ui.colors();
    ScopedWidgetScope scope(ui.registry(), id);
    ImGui::PushID(id.data(), id.data() + id.size());
    ImGui::BeginGroup();
    KeypadEvent event = KeypadEvent::kNone;

    // A calculator's layout, so that four rows hold it all and OK is always in reach:
    //   [1][2][3][⌫]
    //   [4][5][6][  ]
    //   [7][8][9][OK]
    //   [清空][ 0 ][  ]
    // Keys shrink to the width and height there is (never below a finger's size) and grow no
    // further than the theme's key.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Less what ImGui adds after the last row (item spacing, a table cell's padding), so that
    // filling the height never makes the window scroll.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float height =
        (maxHeight > 0 ? std::min(maxHeight, avail.y) : avail.y) - 2 * (style.ItemSpacing.y + style.CellPadding.y);
    const float gap = t.gap * 0.75f;
    const float displayH = t.fontLarge + t.pad;
    float key = m_options.keyWidth > 0 ? m_options.keyWidth : t.keySize() * 1.4f;
    key = std::max(t.touch * 0.8f, std::min(key, (avail.x - 3 * gap) / 4));
    const float keyH = std::clamp((height - displayH - 4 * gap) / 4, t.touch * 0.8f, t.keySize() * 1.1f);
    const float width = key * 4 + gap * 3;
    const bool on = m_enabled;

    // The display: what has been typed, or the hint.
    {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + displayH), on ? p.surface : p.disabled, t.rounding);
        dl->AddRect(pos, ImVec2(pos.x + width, pos.y + displayH), p.border, t.rounding, 0, 2.0f);
        const std::string shown = displayText();
        const bool empty = shown.empty();
        const char* s = empty ? (m_options.hint ? m_options.hint : "") : shown.c_str();
        ImFont* font = empty ? ui.bodyFont() : ui.largeFont();
        const ImVec2 ts = textSize(font, s);
        dl->AddText(font, font->FontSize, ImVec2(pos.x + (width - ts.x) * 0.5f, pos.y + (displayH - ts.y) * 0.5f),
                    empty ? p.textMuted : p.text, s);
        ImGui::Dummy(ImVec2(width, displayH));
        ui.registry().recordLastItem(tr("keypad.display"), WidgetKind::kOther);
    }

    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + gap -
                                                                       ImGui::GetStyle().ItemSpacing.y));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    auto at = [&](int row, int col) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(col) * (key + gap),
                                         origin.y + static_cast<float>(row) * (keyH + gap)));
    };
    const ButtonOptions digit{.width = key, .height = keyH, .enabled = on, .large = true};
    static const char* const kRows[3][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}};
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) {
            at(r, c);
            if (button(ui, kRows[r][c], digit)) event = merge(event, press(kRows[r][c][0]));
        }
    }
    at(3, 0);
    if (button(ui, tr("keypad.clear"), {.width = key, .height = keyH, .enabled = on && !m_value.empty()}))
        event = merge(event, clear());
    at(3, 1);
    if (button(ui, "0", {.width = 2 * key + gap, .height = keyH, .enabled = on, .large = true}))
        event = merge(event, press('0'));
    at(0, 3);
    if (button(ui, tr("keypad.backspace"), {.width = key, .height = keyH, .enabled = on && !m_value.empty()}))
        event = merge(event, backspace());
    at(1, 3);
    if (button(ui, tr("keypad.ok"), {.kind = ButtonKind::kPrimary, .width = key, .height = 3 * keyH + 2 * gap,
                                     .enabled = on && canSubmit(), .large = true}))
        event = merge(event, submit());
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, 4 * keyH + 3 * gap));

    // A hardware keyboard, while no text field takes the keys and this window has focus.
    const ImGuiIO& io = ImGui::GetIO();
    if (on && m_options.acceptKeyboard && !io.WantTextInput &&
        ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) {
        for (ImWchar c : io.InputQueueCharacters)
            if (c >= '0' && c <= '9') event = merge(event, press(static_cast<char>(c)));
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)))
            event = merge(event, backspace());
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))
            event = merge(event, submit());
    }
    ImGui::EndGroup();
    ImGui::PopID();
    return event;
}

}  // namespace fc::ui
