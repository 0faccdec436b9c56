#include "kiosk/ui/plate_keyboard.hpp"

#include <algorithm>

#include <imgui_internal.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/text.hpp"

namespace fc::ui {

// [SECTION] key sets

const std::vector<std::string>& PlateKeyboard::provinces() {
    static const std::vector<std::string> k = {
        "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣",
        "鄂", "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼"};
    return k;
}

const std::vector<std::string>& PlateKeyboard::suffixes() {
    static const std::vector<std::string> k = {"学", "警", "挂", "港", "澳", "领"};
    return k;
}

const std::vector<std::string>& PlateKeyboard::keyRows() {
    static const std::vector<std::string> k = {"1234567890", "QWERTYUP", "ASDFGHJKL", "ZXCVBNM"};
    return k;
}

namespace {

bool isProvince(std::string_view s) {
    const auto& p = PlateKeyboard::provinces();
    return std::find(p.begin(), p.end(), s) != p.end();
}
bool isSuffix(std::string_view s) {
    const auto& p = PlateKeyboard::suffixes();
    return std::find(p.begin(), p.end(), s) != p.end();
}
bool isLetter(std::string_view s) {
    return s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z' && s[0] != 'I' && s[0] != 'O';
}
bool isDigit(std::string_view s) { return s.size() == 1 && s[0] >= '0' && s[0] <= '9'; }

}  // namespace

// [SECTION] logic

bool PlateKeyboard::allowed(std::string_view key) const {
    const size_t pos = m_chars.size();
    if (pos >= kMaxChars) return false;
    if (pos == 0) return isProvince(key);
    if (pos == 1) return isLetter(key);  // the city letter
    if (isSuffix(key)) return pos == 6;  // the last character of an ordinary plate
    if (pos == 7 && isSuffix(m_chars[6])) return false;  // a suffix ends the plate
    return isLetter(key) || isDigit(key);
}

PlateEvent PlateKeyboard::press(std::string_view key) {
    if (!allowed(key)) return PlateEvent::kNone;
    m_chars.emplace_back(key);
    return PlateEvent::kChanged;
}

PlateEvent PlateKeyboard::backspace() {
    if (m_chars.empty()) return PlateEvent::kNone;
    m_chars.pop_back();
    return PlateEvent::kChanged;
}

PlateEvent PlateKeyboard::clear() {
    if (m_chars.empty()) return PlateEvent::kNone;
    m_chars.clear();
    return PlateEvent::kChanged;
}

PlateEvent PlateKeyboard::submit() { return valid() ? PlateEvent::kSubmitted : PlateEvent::kNone; }

std::string PlateKeyboard::text() const {
    std::string s;
    for (const auto& c : m_chars) s += c;
    return s;
}

void PlateKeyboard::setText(std::string_view plate) {
    m_chars.clear();
    for (char32_t cp : core::decodeUtf8(core::toUpperAscii(plate))) {
        std::string ch;
        core::appendUtf8(ch, cp);
        press(ch);
    }
}

// [SECTION] drawing

void PlateKeyboard::drawBoxes(Ui& ui) {
    const Theme& t = ui.theme();
    const Palette& p = ui.colors();
    ImFont* font = ui.largeFont();
    const float box = std::max(t.touch, font->FontSize * 1.25f);
    const float gap = t.gap * 0.5f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = origin.x;
    for (size_t i = 0; i < kMaxChars; ++i) {
        if (i == 2) {  // the dot between the city letter and the serial
            dl->AddCircleFilled(ImVec2(x + gap * 1.5f, origin.y + box * 0.5f), gap * 0.6f, p.textMuted);
            x += gap * 3;
        }
        const ImVec2 a(x, origin.y);
        const ImVec2 b(x + box, origin.y + box * 1.2f);
        const bool current = i == m_chars.size();
        const bool newEnergy = i == kMaxChars - 1;
        dl->AddRectFilled(a, b, newEnergy ? IM_COL32(232, 248, 236, 255) : p.surface, t.rounding * 0.5f);
        dl->AddRect(a, b, current ? p.primary : newEnergy ? p.success : p.border, t.rounding * 0.5f, 0,
                    current ? 3.0f : 1.5f);
        if (i < m_chars.size()) {
            const ImVec2 ts = textSize(font, m_chars[i]);
            dl->AddText(font, font->FontSize,
                        ImVec2(a.x + (box - ts.x) * 0.5f, a.y + (box * 1.2f - ts.y) * 0.5f), p.text,
                        m_chars[i].c_str());
        } else if (newEnergy) {
            const char* s = tr("plate.new_energy");
            ImFont* small = ui.bodyFont();
            const float size = small->FontSize * 0.6f;
            const ImVec2 ts = small->CalcTextSizeA(size, box, 0.0f, s);
            dl->AddText(small, size, ImVec2(a.x + (box - ts.x) * 0.5f, a.y + (box * 1.2f - ts.y) * 0.5f),
                        p.success, s);
        }
        x += box + gap;
    }
    ImGui::Dummy(ImVec2(x - origin.x, box * 1.2f));
    ui.registry().recordLastItem(tr("plate.display"), WidgetKind::kOther);
}

void PlateKeyboard::drawProvinces(Ui& ui, float key, float keyH, PlateEvent& event) {
    ScopedWidgetScope scope(ui.registry(), "provinces");
    const auto& keys = provinces();
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i % 10 != 0) ImGui::SameLine();
        if (button(ui, keys[i], {.width = key, .height = keyH, .enabled = allowed(keys[i]), .large = true}))
            event = press(keys[i]);
    }
}

void PlateKeyboard::drawSerial(Ui& ui, float key, float keyH, PlateEvent& event) {
    ScopedWidgetScope scope(ui.registry(), "serial");
    const float gap = ui.theme().gap;
    for (const std::string& row : keyRows()) {
        // Centre shorter rows under the ten-key digit row.
        const float rowWidth = static_cast<float>(row.size()) * (key + gap) - gap;
        const float full = 10 * (key + gap) - gap;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (full - rowWidth) * 0.5f);
        for (size_t i = 0; i < row.size(); ++i) {
            if (i > 0) ImGui::SameLine();
            const std::string k(1, row[i]);
            if (button(ui, k, {.width = key, .height = keyH, .enabled = allowed(k), .large = true}))
                event = press(k);
        }
    }
    const float full = 10 * (key + gap) - gap;
    const float sw = (full - 5 * gap) / 6;
    const auto& sfx = suffixes();
    for (size_t i = 0; i < sfx.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        if (button(ui, sfx[i], {.width = sw, .height = keyH, .enabled = allowed(sfx[i]), .large = true}))
            event = press(sfx[i]);
    }
}

void PlateKeyboard::handleKeyboard(PlateEvent& event) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || !ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) return;
    for (ImWchar c : io.InputQueueCharacters) {
        std::string ch;
        char32_t cp = c;
        if (cp >= 'a' && cp <= 'z') cp = cp - 'a' + 'A';
        core::appendUtf8(ch, cp);
        if (press(ch) == PlateEvent::kChanged) event = PlateEvent::kChanged;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) event = backspace();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false)) {
        if (submit() == PlateEvent::kSubmitted) event = PlateEvent::kSubmitted;
    }
}

PlateEvent PlateKeyboard::draw(Ui& ui, std::string_view id) {
    const Theme& t = ui.theme();
    ScopedWidgetScope scope(ui.registry(), id);
    ImGui::PushID(id.data(), id.data() + id.size());
    ImGui::BeginGroup();
    PlateEvent event = PlateEvent::kNone;

    drawBoxes(ui);
    if (m_chars.size() >= 7 && !valid()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().danger);
        fc::ui::text(ui, tr("plate.invalid"));
        ImGui::PopStyleColor();
    } else {
        mutedText(ui, m_chars.size() == 7 ? tr("plate.hint_new_energy") : tr("plate.hint"));
    }

    const float avail = ImGui::GetContentRegionAvail().x;
    const float key = std::max(t.touch * 0.75f, std::min(t.keySize(), (avail - 9 * t.gap) / 10));
    const float keyH = std::max(t.touch, t.keySize());
    if (showingProvinces())
        drawProvinces(ui, key, keyH, event);
    else
        drawSerial(ui, key, keyH, event);

    const float full = 10 * (key + t.gap) - t.gap;
    const float third = (full - 2 * t.gap) / 3;
    if (button(ui, tr("keypad.clear"), {.width = third, .height = keyH, .enabled = !m_chars.empty()}))
        event = clear();
    ImGui::SameLine();
    if (button(ui, tr("keypad.backspace"), {.width = third, .height = keyH, .enabled = !m_chars.empty()}))
        event = backspace();
    ImGui::SameLine();
    if (button(ui, tr("keypad.ok"), {.kind = ButtonKind::kPrimary, .width = third, .height = keyH,
                                     .enabled = valid(), .large = true}))
        event = submit();
    handleKeyboard(event);
    ImGui::EndGroup();
    ImGui::PopID();
    return event;
}

}  // namespace fc::ui
