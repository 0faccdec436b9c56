#include "kiosk/ui/text_keyboard.hpp"

#include <algorithm>

#include <imgui_internal.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/text.hpp"

namespace fc::ui {

namespace {

constexpr const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
constexpr const char* kRow1 = "qwertyuiop";
constexpr const char* kRow2 = "asdfghjkl";
constexpr const char* kRow3 = "zxcvbnm";
constexpr int kRows = 7;  // the field's bar, candidates, digits, three letter rows, the action row

const ime::Composition& noComposition() {
    static const ime::Composition none;
    return none;
}

// The last UTF-8 character of `s` removed.
void popCharacter(std::string& s) {
    if (s.empty()) return;
    size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    s.erase(i);
}

}  // namespace

TextKeyboard::TextKeyboard(std::string imeDir) : m_imeDir(std::move(imeDir)) {}
TextKeyboard::~TextKeyboard() = default;

void TextKeyboard::prepare() {
    if (m_imeDir.empty()) return;
    (void)ime::Pinyin::prepare(m_imeDir);  // the answer is kept; pinyin() reports a failure
}

ime::Pinyin* TextKeyboard::pinyin() {
    if (!m_pinyin && !m_pinyinTried) {
        m_pinyinTried = true;
        if (m_imeDir.empty()) {
            m_imeError = tr("osk.no_chinese");
        } else if (auto p = ime::Pinyin::open(m_imeDir)) {
            m_pinyin = std::move(p).value();
        } else {
            m_imeError = p.error().message;
        }
    }
    return m_pinyin.get();
}

const ime::Composition& TextKeyboard::composition() const {
    return m_pinyin ? m_pinyin->composition() : noComposition();
}

// [SECTION] the field's side

void TextKeyboard::open(ImGuiID field, std::string_view label, const std::string& text, const FieldOptions& options) {
    if (m_open && m_field == field) return;
    if (m_pinyin) m_pinyin->clear();
    m_open = true;
    m_field = field;
    m_label = label;
    m_options = options;
    m_text = text;
    m_shift = false;
    // Chinese first, unless the person chose English for the screens.
    const I18n* i18n = currentI18n();
    m_chinese = (!i18n || i18n->language() != "en") && m_imeError.empty();
    m_seenFrame = m_openedFrame = ImGui::GetFrameCount();
}

bool TextKeyboard::sync(ImGuiID field, std::string& value, bool& changed) {
    if (field == 0 || field != m_field) return false;
    m_seenFrame = ImGui::GetFrameCount();
    changed = value != m_text;
    if (changed) value = m_text;
    return true;
}

void TextKeyboard::close() {
    if (!m_open) return;
    if (m_pinyin && m_pinyin->composing()) commitLetters();
    m_open = false;  // m_field stays until its field has taken the text (draw() lets go)
}

// [SECTION] keys

void TextKeyboard::append(std::string_view utf8) {
    if (utf8.empty()) return;
    std::string next = m_text + std::string(utf8);
    if (m_options.maxChars > 0 && core::utf8Length(next) > m_options.maxChars) {
        auto cps = core::decodeUtf8(next);
        cps.resize(m_options.maxChars);
        next = core::encodeUtf8(cps);
    }
    m_text = std::move(next);
}

void TextKeyboard::insert(std::string_view utf8) {
    if (m_pinyin && m_pinyin->composing()) commitLetters();
    append(utf8);
}

void TextKeyboard::commitTop() {
    if (!m_pinyin || !m_pinyin->composing()) return;
    if (m_pinyin->composition().candidates.empty()) {
        commitLetters();
        return;
    }
    // A pick may cover only the first syllables: take the best of what remains until done.
    for (int guard = 0; guard < 16 && m_pinyin->composing(); ++guard) {
        if (m_pinyin->composition().candidates.empty()) {
            append(m_pinyin->takeLetters());
            break;
        }
        append(m_pinyin->pick(0));
    }
}

void TextKeyboard::commitLetters() {
    if (m_pinyin && m_pinyin->composing()) append(m_pinyin->takeLetters());
}

void TextKeyboard::typeLetter(char c) {
    if (m_chinese) {
        if (ime::Pinyin* p = pinyin()) {
            p->type(static_cast<char>(c | 0x20));
            return;
        }
        m_chinese = false;  // no input method here: letters as typed, and the bar says why
    }
    append(std::string(1, m_shift ? static_cast<char>(c & ~0x20) : c));
    m_shift = false;
}

void TextKeyboard::backspace() {
    if (m_pinyin && m_pinyin->backspace()) return;
    popCharacter(m_text);
}

void TextKeyboard::pick(size_t candidate) {
    if (!m_pinyin || !m_pinyin->composing()) return;
    if (candidate >= m_pinyin->composition().candidates.size()) return;
    append(m_pinyin->pick(candidate));
}

void TextKeyboard::press(std::string_view k) {
    if (k.size() == 1 && k[0] >= 'a' && k[0] <= 'z') {
        typeLetter(k[0]);
    } else if (k.size() == 1 && k[0] >= '0' && k[0] <= '9') {
        commitTop();
        append(k);
    } else if (k == key::kSpace) {
        if (m_pinyin && m_pinyin->composing()) commitTop();
        else append(" ");
    } else if (k == key::kBackspace) {
        backspace();
    } else if (k == key::kClear) {
        if (m_pinyin) m_pinyin->clear();
        m_text.clear();
    } else if (k == key::kDone) {
        close();
    } else if (k == key::kLanguage) {
        commitLetters();
        m_chinese = !m_chinese;
        if (m_chinese && !pinyin()) m_chinese = false;
        m_shift = false;
    } else if (k == key::kShift) {
        m_shift = !m_shift;
    } else if (k == key::kNextPage) {
        if (m_pinyin) m_pinyin->nextPage();
    } else if (k == key::kPreviousPage) {
        if (m_pinyin) m_pinyin->previousPage();
    }
}

void TextKeyboard::handleHardwareKeys() {
    ImGuiIO& io = ImGui::GetIO();
    std::string typed;
    for (ImWchar c : io.InputQueueCharacters)
        if (c >= 0x20 && c != 0x7F) typed += core::encodeUtf8(std::vector<char32_t>{static_cast<char32_t>(c)});
    if (!typed.empty()) insert(typed);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) backspace();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        close();
}

// [SECTION] drawing

bool TextKeyboard::key(Ui& ui, std::string_view label, std::string_view id, float w, float h, bool primary,
                       bool enabled) {
    return button(ui, label, {.kind = primary ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = w,
                              .height = h, .enabled = enabled, .large = label.size() <= 3, .id = id});
}

void TextKeyboard::draw(Ui& ui) {
    const int frame = ImGui::GetFrameCount();
    if (!m_open) {
        // Closed on an earlier frame: the field has had the text; nothing typed stays here.
        m_field = 0;
        m_text.clear();
        return;
    }
    if (m_seenFrame != frame) {  // its field is gone (another step, the idle reset)
        if (m_pinyin) m_pinyin->clear();
        m_open = false;
        m_field = 0;
        m_text.clear();
        return;
    }
    ImGui::GetCurrentContext()->WantTextInputNextFrame = 1;  // keypads leave the hardware keys to us

    const Theme& t = ui.theme();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float gap = std::max(2.0f, t.gap * 0.4f);
    const float keyH = std::max(t.touch * kMinTouch, std::min(t.touch, (vp->WorkSize.y * 0.52f - 8 * gap) / kRows));
    m_height = kRows * keyH + (kRows + 1) * gap;
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - m_height));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, m_height));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(gap, gap));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(ui.colors().secondaryActive));
    ImGui::Begin("##osk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);  // the gap between keys stays until End
    // Over the screen, without taking focus: focusing would cancel a tap that began elsewhere.
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                                ImGuiHoveredFlags_ChildWindows);
    {
        ScopedWidgetScope scope(ui.registry(), "osk");
        const float width = ImGui::GetContentRegionAvail().x;
        drawBar(ui, width, keyH);
        drawCandidates(ui, width, keyH);
        drawKeys(ui, width, keyH);
    }
    ImGui::PopStyleVar();
    ImGui::End();
    if (m_open) handleHardwareKeys();
    // A tap elsewhere (not on its field, which opened it this frame) puts the keyboard away;
    // the tap still does what it was for.
    if (m_open && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !hovered && m_openedFrame != frame) close();
    const std::string candidates = [&] {
        std::string all;
        for (const std::string& c : composition().candidates) all += c;
        return all;
    }();
    if (candidates != m_glyphsFor) {
        ui.ensureGlyphs(candidates, true);
        ui.ensureGlyphs(candidates);
        m_glyphsFor = candidates;
    }
}

void TextKeyboard::drawBar(Ui& ui, float width, float keyH) {
    const Theme& t = ui.theme();
    const Palette& p = ui.colors();
    const char* done = tr("osk.done");
    const float doneW = std::max(keyH * 2.0f, textSize(ui.largeFont(), done).x + 2 * t.pad);
    const float fieldW = width - doneW - ImGui::GetStyle().ItemSpacing.x;
    // The field's label and its text: the field itself may be under the keyboard.
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 b(a.x + fieldW, a.y + keyH);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, p.surface, t.rounding);
    dl->AddRect(a, b, p.primary, t.rounding, 0, 2.0f);
    std::string shown = m_options.password ? std::string(core::utf8Length(m_text), '*') : m_text;
    const std::string& preedit = composition().preedit;
    const std::string label = m_label + "  ";
    const ImVec2 ls = textSize(ui.bodyFont(), label);
    const ImVec4 clip(a.x, a.y, b.x - t.pad, b.y);
    dl->AddText(ui.bodyFont(), ui.bodyFont()->FontSize, ImVec2(a.x + t.pad, a.y + (keyH - ls.y) * 0.5f),
                p.textMuted, label.c_str(), nullptr, 0.0f, &clip);
    // The end of the text stays in view: a long complaint shows its last part.
    const float room = fieldW - ls.x - 3 * t.pad;
    std::string tail = shown;
    while (!tail.empty() && textSize(ui.largeFont(), tail + preedit + "|").x > room) {
        auto cps = core::decodeUtf8(tail);
        cps.erase(cps.begin());
        tail = core::encodeUtf8(cps);
    }
    const ImVec2 ts = textSize(ui.largeFont(), tail);
    float x = a.x + t.pad + ls.x;
    const float y = a.y + (keyH - ts.y) * 0.5f;
    dl->AddText(ui.largeFont(), ui.largeFont()->FontSize, ImVec2(x, y), p.text, tail.c_str(), nullptr, 0.0f, &clip);
    x += ts.x;
    if (!preedit.empty()) {
        const ImVec2 ps = textSize(ui.largeFont(), preedit);
        dl->AddText(ui.largeFont(), ui.largeFont()->FontSize, ImVec2(x, y), p.primary, preedit.c_str(), nullptr, 0.0f,
                    &clip);
        dl->AddLine(ImVec2(x, y + ps.y), ImVec2(x + ps.x, y + ps.y), p.primary, 2.0f);
        x += ps.x;
    }
    dl->AddLine(ImVec2(x + 2, y), ImVec2(x + 2, y + ts.y), p.primary, 2.0f);  // the caret
    ui.registry().record(m_options.password ? std::string_view(m_label) : std::string_view(shown),
                         WidgetKind::kOther, a, b, true);
    ImGui::Dummy(ImVec2(fieldW, keyH));
    ImGui::SameLine();
    if (key(ui, done, "done", doneW, keyH, true)) press(key::kDone);
}

void TextKeyboard::drawCandidates(Ui& ui, float width, float keyH) {
    const Theme& t = ui.theme();
    const ime::Composition& c = composition();
    const float startY = ImGui::GetCursorPosY();
    if (!c.composing()) {
        const std::string hint = !m_imeError.empty() ? m_imeError
                                 : m_chinese        ? std::string(tr("osk.hint_chinese"))
                                                    : std::string(tr("osk.hint_english"));
        ImGui::SetCursorPosY(startY + (keyH - ImGui::GetTextLineHeight()) * 0.5f);
        mutedText(ui, hint);
        ImGui::SetCursorPosY(startY + keyH + ImGui::GetStyle().ItemSpacing.y);
        return;
    }
    // Paging keys on the right; as many candidates as fit on the left, best first.
    const char* prev = tr("osk.previous_page");
    const char* next = tr("osk.next_page");
    const float pageW = std::max(keyH * 1.2f, std::max(textSize(ui.bodyFont(), prev).x, textSize(ui.bodyFont(), next).x) + 2 * t.pad);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float room = width - 2 * (pageW + spacing);
    float used = 0;
    for (size_t i = 0; i < c.candidates.size(); ++i) {
        const std::string& cand = c.candidates[i];
        const float w = std::max(keyH, textSize(ui.largeFont(), cand).x + 2 * t.pad);
        if (used + w > room) break;
        if (i > 0) ImGui::SameLine();
        const std::string id = "cand" + std::to_string(i);
        if (button(ui, cand, {.kind = i == 0 ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = w,
                              .height = keyH, .large = true, .id = id}))
            pick(i);
        used += w + spacing;
    }
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMin().x + width - 2 * pageW - spacing);
    if (button(ui, prev, {.width = pageW, .height = keyH, .enabled = c.page > 0, .id = "prev"}))
        press(key::kPreviousPage);
    ImGui::SameLine();
    if (button(ui, next, {.width = pageW, .height = keyH, .enabled = !c.lastPage, .id = "next"})) press(key::kNextPage);
}

void TextKeyboard::drawKeys(Ui& ui, float width, float keyH) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float unit = (width - 9 * spacing) / 10.0f;  // ten keys to a row
    auto letterLabel = [&](char c) {
        return std::string(1, !m_chinese && m_shift ? static_cast<char>(c & ~0x20) : c);
    };
    // Digits.
    for (int i = 0; i < 10; ++i) {
        if (i > 0) ImGui::SameLine();
        if (key(ui, kDigits[i], kDigits[i], unit, keyH)) press(kDigits[i]);
    }
    auto letterRow = [&](const char* letters, float indent) {
        if (indent > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
        for (const char* c = letters; *c; ++c) {
            if (c != letters) ImGui::SameLine();
            const std::string id(1, *c);
            if (key(ui, letterLabel(*c), id, unit, keyH)) press(id);
        }
    };
    letterRow(kRow1, 0);
    letterRow(kRow2, (unit + spacing) * 0.5f);
    // Shift (English) or nothing, z–m, 删除.
    const float side = unit * 1.5f + spacing * 0.5f;
    if (key(ui, tr("osk.shift"), "shift", side, keyH, m_shift, !m_chinese)) press(key::kShift);
    ImGui::SameLine();
    letterRow(kRow3, 0);
    ImGui::SameLine();
    if (key(ui, tr("osk.backspace"), "backspace", side, keyH)) press(key::kBackspace);
    // 中/英, 空格, 清空.
    const float langW = unit * 2 + spacing;
    const float clearW = unit * 2 + spacing;
    const float spaceW = width - langW - clearW - 2 * spacing;
    if (key(ui, m_chinese ? tr("osk.to_english") : tr("osk.to_chinese"), "language", langW, keyH)) press(key::kLanguage);
    ImGui::SameLine();
    if (key(ui, tr("osk.space"), "space", spaceW, keyH)) press(key::kSpace);
    ImGui::SameLine();
    if (key(ui, tr("osk.clear"), "clear", clearW, keyH, false, !m_text.empty() || composition().composing()))
        press(key::kClear);
}

}  // namespace fc::ui
