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

float Keypad::widthFor(const Ui& ui, float keyWidth) { return keyWidth * 3 + ui.theme().gap * 2; }

namespace {

KeypadEvent merge(KeypadEvent a, KeypadEvent b) { return b == KeypadEvent::kNone ? a : b; }

}  // namespace

KeypadEvent Keypad::draw(Ui& ui, std::string_view id) {
    const Theme& t = ui.theme();
    const Palette& p = ui.colors();
    ScopedWidgetScope scope(ui.registry(), id);
    ImGui::PushID(id.data(), id.data() + id.size());
    ImGui::BeginGroup();
    KeypadEvent event = KeypadEvent::kNone;

    const float avail = ImGui::GetContentRegionAvail().x;
    float key = m_options.keyWidth > 0 ? m_options.keyWidth : t.keySize() * 1.25f;
    key = std::max(t.touch, std::min(key, (avail - 2 * t.gap) / 3));
    const float width = widthFor(ui, key);
    const float keyH = std::max(t.touch, t.keySize());

    // The display: what has been typed, or the hint.
    {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float h = t.fontLarge + t.pad;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), p.surface, t.rounding);
        dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), p.border, t.rounding, 0, 2.0f);
        const std::string shown = displayText();
        const bool empty = shown.empty();
        const char* s = empty ? (m_options.hint ? m_options.hint : "") : shown.c_str();
        ImFont* font = empty ? ui.bodyFont() : ui.largeFont();
        const ImVec2 ts = textSize(font, s);
        dl->AddText(font, font->FontSize,
                    ImVec2(pos.x + (width - ts.x) * 0.5f, pos.y + (h - ts.y) * 0.5f),
                    empty ? p.textMuted : p.text, s);
        ImGui::Dummy(ImVec2(width, h));
        ui.registry().recordLastItem(tr("keypad.display"), WidgetKind::kOther);
    }

    const ButtonOptions digit{.width = key, .height = keyH, .large = true};
    static const char* const kRows[3][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}};
    for (const auto& row : kRows) {
        for (int c = 0; c < 3; ++c) {
            if (c > 0) ImGui::SameLine();
            if (button(ui, row[c], digit)) event = merge(event, press(row[c][0]));
        }
    }
    if (button(ui, tr("keypad.clear"), {.width = key, .height = keyH, .enabled = !m_value.empty()}))
        event = merge(event, clear());
    ImGui::SameLine();
    if (button(ui, "0", digit)) event = merge(event, press('0'));
    ImGui::SameLine();
    if (button(ui, tr("keypad.backspace"),
               {.width = key, .height = keyH, .enabled = !m_value.empty()}))
        event = merge(event, backspace());
    if (button(ui, tr("keypad.ok"),
               {.kind = ButtonKind::kPrimary, .width = width, .height = keyH, .enabled = canSubmit(),
                .large = true}))
        event = merge(event, submit());

    // A hardware keyboard, while no text field takes the keys and this window has focus.
    const ImGuiIO& io = ImGui::GetIO();
    if (m_options.acceptKeyboard && !io.WantTextInput &&
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
