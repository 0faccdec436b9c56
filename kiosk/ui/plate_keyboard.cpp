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

// Where the keys go: `cols` × `rows` keys of keyW × keyH from `origin`, and the actions (clear,
// backspace, OK) either in a column to the right (landscape) or in a row below (portrait).
struct PlateLayout {
    ImVec2 origin;
    float keyW = 0, keyH = 0, gap = 0;
    bool sideActions = false;
    ImVec2 actions;      // where the actions start
    float actionW = 0;   // each action's width
    float okH = 0;       // OK's height (tall in the side column)
    float height = 0;    // everything, for the group's size
    float width = 0;
    ImVec2 keyAt(float row, float col) const {
        return ImVec2(origin.x + col * (keyW + gap), origin.y + row * (keyH + gap));
    }
};

namespace {

PlateLayout layoutFor(const Theme& t, ImVec2 origin, ImVec2 avail, int rows) {
    PlateLayout l;
    l.origin = origin;
    l.gap = t.gap * 0.6f;
    const float minSide = t.touch * kMinTouch;
    // Landscape: the actions in a column on the right, so the keys can use the whole height.
    l.sideActions = avail.x >= avail.y * 1.2f;
    const float actionCol = l.sideActions ? std::max(t.touch * 2.2f, avail.x * 0.16f) : 0;
    const float keysW = avail.x - (l.sideActions ? actionCol + t.gap : 0);
    l.keyW = std::clamp((keysW - 9 * l.gap) / 10, minSide, t.keySize() * 1.3f);
    const float keyRows = static_cast<float>(rows) + (l.sideActions ? 0 : 1);
    l.keyH = std::clamp((avail.y - (keyRows - 1) * l.gap) / keyRows, minSide, t.keySize() * 1.1f);
    const float keysWidth = 10 * l.keyW + 9 * l.gap;
    const float keysHeight = static_cast<float>(rows) * (l.keyH + l.gap) - l.gap;
    if (l.sideActions) {
        l.actions = ImVec2(origin.x + keysWidth + t.gap, origin.y);
        l.actionW = actionCol;
        l.okH = std::max(keysHeight - 2 * (l.keyH + l.gap), l.keyH);
        l.width = keysWidth + t.gap + actionCol;
        l.height = keysHeight;
    } else {
        l.actions = ImVec2(origin.x, origin.y + keysHeight + l.gap);
        l.actionW = (keysWidth - 2 * l.gap) / 3;
        l.okH = l.keyH;
        l.width = keysWidth;
        l.height = keysHeight + l.gap + l.keyH;
    }
    return l;
}

}  // namespace

void PlateKeyboard::drawProvinces(Ui& ui, const PlateLayout& l, PlateEvent& event) {
    ScopedWidgetScope scope(ui.registry(), "provinces");
    const auto& keys = provinces();
    for (size_t i = 0; i < keys.size(); ++i) {
        ImGui::SetCursorScreenPos(l.keyAt(static_cast<float>(i / 10), static_cast<float>(i % 10)));
        if (button(ui, keys[i], {.width = l.keyW, .height = l.keyH, .enabled = allowed(keys[i]), .large = true}))
            event = press(keys[i]);
    }
}

void PlateKeyboard::drawSerial(Ui& ui, const PlateLayout& l, PlateEvent& event) {
    ScopedWidgetScope scope(ui.registry(), "serial");
    float row = 0;
    for (const std::string& keys : keyRows()) {
        // Shorter rows are centred under the ten-key digit row.
        const float indent = (10.0f - static_cast<float>(keys.size())) * 0.5f;
        for (size_t i = 0; i < keys.size(); ++i) {
            ImGui::SetCursorScreenPos(l.keyAt(row, indent + static_cast<float>(i)));
            const std::string k(1, keys[i]);
            if (button(ui, k, {.width = l.keyW, .height = l.keyH, .enabled = allowed(k), .large = true}))
                event = press(k);
        }
        row += 1;
    }
    const float full = 10 * (l.keyW + l.gap) - l.gap;
    const float sw = (full - 5 * l.gap) / 6;
    const auto& sfx = suffixes();
    for (size_t i = 0; i < sfx.size(); ++i) {
        const ImVec2 p = l.keyAt(row, 0);
        ImGui::SetCursorScreenPos(ImVec2(p.x + static_cast<float>(i) * (sw + l.gap), p.y));
        if (button(ui, sfx[i], {.width = sw, .height = l.keyH, .enabled = allowed(sfx[i]), .large = true}))
            event = press(sfx[i]);
    }
}

void PlateKeyboard::drawActions(Ui& ui, const PlateLayout& l, PlateEvent& event) {
    const float step = l.sideActions ? 0 : l.actionW + l.gap;
    const float down = l.sideActions ? l.keyH + l.gap : 0;
    ImGui::SetCursorScreenPos(l.actions);
    if (button(ui, tr("keypad.clear"), {.width = l.actionW, .height = l.keyH, .enabled = !m_chars.empty()}))
        event = clear();
    ImGui::SetCursorScreenPos(ImVec2(l.actions.x + step, l.actions.y + down));
    if (button(ui, tr("keypad.backspace"), {.width = l.actionW, .height = l.keyH, .enabled = !m_chars.empty()}))
        event = backspace();
    ImGui::SetCursorScreenPos(ImVec2(l.actions.x + 2 * step, l.actions.y + 2 * down));
    if (button(ui, tr("keypad.ok"), {.kind = ButtonKind::kPrimary, .width = l.actionW, .height = l.okH,
                                     .enabled = valid(), .large = true}))
        event = submit();
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
    ScopedWidgetScope scope(ui.registry(), id);
    ImGui::PushID(id.data(), id.data() + id.size());
    ImGui::BeginGroup();
    PlateEvent event = PlateEvent::kNone;

    // The boxes, with the hint beside them when there is room (else below).
    const float lineStart = ImGui::GetCursorPosX();
    const float availW = ImGui::GetContentRegionAvail().x;
    drawBoxes(ui);
    const float boxesW = ImGui::GetItemRectSize().x;
    const bool hintBeside = availW - boxesW > ui.theme().touch * 4;
    if (hintBeside) {
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(lineStart + availW);
    }
    if (m_chars.size() >= 7 && !valid()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().danger);
        fc::ui::text(ui, tr("plate.invalid"));
        ImGui::PopStyleColor();
    } else {
        mutedText(ui, m_chars.size() == 7 ? tr("plate.hint_new_energy") : tr("plate.hint"));
    }
    if (hintBeside) {
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    }

    const int rows = showingProvinces() ? static_cast<int>((provinces().size() + 9) / 10)
                                        : static_cast<int>(keyRows().size()) + 1;
    const ImGuiStyle& style = ImGui::GetStyle();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.y -= 2 * (style.ItemSpacing.y + style.CellPadding.y);  // never enough to make it scroll
    const PlateLayout l = layoutFor(ui.theme(), ImGui::GetCursorScreenPos(), avail, rows);
    if (showingProvinces())
        drawProvinces(ui, l, event);
    else
        drawSerial(ui, l, event);
    drawActions(ui, l, event);
    ImGui::SetCursorScreenPos(l.origin);
    ImGui::Dummy(ImVec2(l.width, l.height));
    handleKeyboard(event);
    ImGui::EndGroup();
    ImGui::PopID();
    return event;
}

}  // namespace fc::ui
