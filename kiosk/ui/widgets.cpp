#include "kiosk/ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "kiosk/ui/text_input.hpp"
#include "shared/core/text.hpp"

namespace fc::ui {

ImVec2 textSize(ImFont* font, std::string_view label) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label.data(),
                               label.data() + label.size());
}

float columnWidth(Ui& ui, int count) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = ui.theme().gap;
    return std::max(ui.theme().touch, (avail - gap * static_cast<float>(count - 1)) /
                                          static_cast<float>(std::max(count, 1)));
}

namespace {

struct ButtonColors {
    ImU32 fill, fillActive, text;
};

ButtonColors colorsFor(const Palette& p, ButtonKind kind) {
    switch (kind) {
        case ButtonKind::kPrimary: return {p.primary, p.primaryActive, p.primaryText};
        case ButtonKind::kDanger: return {p.danger, p.dangerActive, p.primaryText};
        case ButtonKind::kQuiet: return {IM_COL32(0, 0, 0, 0), p.secondaryActive, p.primary};
        case ButtonKind::kSecondary: break;
    }
    return {p.secondary, p.secondaryActive, p.text};
}

}  // namespace

bool button(Ui& ui, std::string_view label, const ButtonOptions& o) {
    const Theme& t = ui.theme();
    ImFont* font = o.large ? ui.largeFont() : ui.bodyFont();
    const ImVec2 ts = textSize(font, label);
    // A size the caller chose (keys fitted to a small screen) may go down to kMinTouch of the
    // theme's touch size; a size left to the button never goes below it.
    const float minSide = t.touch * kMinTouch;
    float w = o.width > 0 ? o.width : o.width < 0 ? ImGui::GetContentRegionAvail().x : ts.x + 2 * t.pad;
    const float h = o.height > 0 ? std::max(o.height, minSide) : t.touch;
    w = std::max(w, o.width > 0 ? minSide : t.touch);

    ImGui::PushID(o.id.empty() ? label.data() : o.id.data(),
                  o.id.empty() ? label.data() + label.size() : o.id.data() + o.id.size());
    if (!o.enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::InvisibleButton("##button", ImVec2(w, h));
    if (!o.enabled) ImGui::EndDisabled();
    ui.registry().recordLastItem(label, WidgetKind::kButton, o.enabled);
    const bool held = ImGui::IsItemActive();
    const ImRect bb(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::RenderNavHighlight(bb, ImGui::GetItemID());
    ImGui::PopID();

    const Palette& p = ui.colors();
    const ButtonColors c = colorsFor(p, o.kind);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 fill = !o.enabled ? p.disabled : held ? c.fillActive : c.fill;
    dl->AddRectFilled(bb.Min, bb.Max, fill, t.rounding);
    if (o.kind == ButtonKind::kSecondary || o.kind == ButtonKind::kQuiet)
        dl->AddRect(bb.Min, bb.Max, o.kind == ButtonKind::kQuiet ? IM_COL32(0, 0, 0, 0) : p.border,
                    t.rounding);
    // A label wider than the button (a long English one on a narrow screen) takes the body font,
    // then wraps onto more lines; it is never cut.
    const float inner = bb.GetWidth() - t.pad;
    ImVec2 size = ts;
    float wrap = 0.0f;
    if (size.x > inner && font != ui.bodyFont()) {
        font = ui.bodyFont();
        size = textSize(font, label);
    }
    if (size.x > inner) {
        wrap = inner;
        size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, label.data(), label.data() + label.size());
    }
    const ImVec2 pos(bb.Min.x + std::max(t.pad * 0.5f, (bb.GetWidth() - size.x) * 0.5f),
                     bb.Min.y + std::max(0.0f, (bb.GetHeight() - size.y) * 0.5f));
    const ImVec4 clip(bb.Min.x, bb.Min.y, bb.Max.x, bb.Max.y);
    dl->AddText(font, font->FontSize, pos, o.enabled ? c.text : p.disabledText, label.data(),
                label.data() + label.size(), wrap, &clip);
    return pressed && o.enabled;
}

void heading(Ui& ui, std::string_view s) {
    FontScope f(ui.largeFont());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopTextWrapPos();
    ui.registry().recordLastItem(s, WidgetKind::kOther);
}

void text(Ui& ui, std::string_view s) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopTextWrapPos();
    ui.registry().recordLastItem(s, WidgetKind::kOther);
}

void mutedText(Ui& ui, std::string_view s) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().textMuted);
    text(ui, s);
    ImGui::PopStyleColor();
}

void badge(Ui& ui, std::string_view s, ImU32 background) {
    const Theme& t = ui.theme();
    const ImVec2 ts = textSize(ui.bodyFont(), s);
    const ImVec2 pad(t.pad * 0.6f, t.gap * 0.4f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(ts.x + 2 * pad.x, ts.y + 2 * pad.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), background, t.rounding);
    dl->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), ui.colors().text, s.data(), s.data() + s.size());
    ImGui::Dummy(size);
}

namespace {

// A field edited through the on-screen keyboard: a box showing the text (or the hint) that opens
// the keyboard when tapped, and takes the keyboard's text while it is the keyboard's field.
bool keyboardField(Ui& ui, TextInput& keyboard, std::string_view label, std::string& value,
                   const TextFieldOptions& o) {
    const Theme& t = ui.theme();
    const Palette& p = ui.colors();
    const ImGuiID id = ImGui::GetID("##field");
    bool changed = false;
    keyboard.sync(id, value, changed);
    const float w = o.width < 0 ? ImGui::GetContentRegionAvail().x : o.width;
    const float h = std::max(ImGui::GetFrameHeight(), t.touch * kMinTouch);
    if (ImGui::InvisibleButton("##field", ImVec2(w, h)))
        keyboard.open(id, label, value, {.maxChars = o.maxChars, .password = o.password});
    ui.registry().recordLastItem(label, WidgetKind::kTextField);
    const bool editing = keyboard.editing(id);
    const ImRect bb(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::RenderNavHighlight(bb, id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(bb.Min, bb.Max, p.surface, t.rounding * 0.5f);
    dl->AddRect(bb.Min, bb.Max, editing ? p.primary : p.border, t.rounding * 0.5f, 0, editing ? 2.0f : 1.0f);
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string shown = o.password ? std::string(core::utf8Length(value), '*') : value;
    const bool hint = shown.empty() && o.hint && !editing;
    std::string_view s = hint ? std::string_view(o.hint) : std::string_view(shown);
    // The end stays in view when the text is longer than the box.
    const float room = bb.GetWidth() - 2 * style.FramePadding.x - 4;
    while (!s.empty() && ImGui::CalcTextSize(s.data(), s.data() + s.size()).x > room) {
        size_t n = 1;
        while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
        s.remove_prefix(n);
    }
    const ImVec2 ts = ImGui::CalcTextSize(s.data(), s.data() + s.size());
    const ImVec2 pos(bb.Min.x + style.FramePadding.x, bb.Min.y + (h - ImGui::GetTextLineHeight()) * 0.5f);
    dl->AddText(pos, hint ? p.textMuted : p.text, s.data(), s.data() + s.size());
    if (!hint && !s.empty()) ui.registry().record(s, WidgetKind::kOther, bb.Min, bb.Max, true);  // what it holds
    if (editing)
        dl->AddLine(ImVec2(pos.x + ts.x + 2, pos.y), ImVec2(pos.x + ts.x + 2, pos.y + ImGui::GetTextLineHeight()),
                    p.primary, 2.0f);
    return changed;
}

}  // namespace

bool textField(Ui& ui, std::string_view label, std::string& value, const TextFieldOptions& o) {
    ImGui::TextUnformatted(label.data(), label.data() + label.size());
    if (TextInput* keyboard = ui.keyboard()) {
        ImGui::PushID(label.data(), label.data() + label.size());
        const bool changed = keyboardField(ui, *keyboard, label, value, o);
        ImGui::PopID();
        if (changed) ui.ensureGlyphs(value);
        return changed;
    }
    ImGui::PushID(label.data(), label.data() + label.size());
    ImGui::SetNextItemWidth(o.width < 0 ? ImGui::GetContentRegionAvail().x : o.width);
    ImGuiInputTextFlags flags = 0;
    if (o.password) flags |= ImGuiInputTextFlags_Password;
    bool changed = ImGui::InputTextWithHint("##field", o.hint ? o.hint : "", &value, flags);
    ui.registry().recordLastItem(label, WidgetKind::kTextField);
    ImGui::PopID();
    if (changed) {
        if (o.maxChars > 0 && core::utf8Length(value) > o.maxChars) {
            auto cps = core::decodeUtf8(value);
            cps.resize(o.maxChars);
            value = core::encodeUtf8(cps);
        }
        ui.ensureGlyphs(value);
    }
    return changed;
}

bool checkbox(Ui& ui, std::string_view label, bool& value) {
    const Theme& t = ui.theme();
    const ImVec2 ts = textSize(ui.bodyFont(), label);
    const float box = t.touch * 0.6f;
    const ImVec2 size(box + t.gap + ts.x + t.pad, t.touch);
    ImGui::PushID(label.data(), label.data() + label.size());
    const bool pressed = ImGui::InvisibleButton("##check", size);
    ui.registry().recordLastItem(label, WidgetKind::kCheckbox);
    const ImRect bb(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::RenderNavHighlight(bb, ImGui::GetItemID());
    ImGui::PopID();
    if (pressed) value = !value;
    const Palette& p = ui.colors();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b0(bb.Min.x, bb.Min.y + (t.touch - box) * 0.5f);
    const ImVec2 b1(b0.x + box, b0.y + box);
    dl->AddRectFilled(b0, b1, value ? p.primary : p.surface, t.rounding * 0.5f);
    dl->AddRect(b0, b1, value ? p.primary : p.border, t.rounding * 0.5f, 0, 2.0f);
    if (value) {
        const float s = box;
        const ImVec2 pts[3] = {ImVec2(b0.x + s * 0.22f, b0.y + s * 0.52f),
                               ImVec2(b0.x + s * 0.42f, b0.y + s * 0.72f),
                               ImVec2(b0.x + s * 0.78f, b0.y + s * 0.30f)};
        dl->AddPolyline(pts, 3, p.primaryText, 0, std::max(2.0f, s * 0.12f));
    }
    dl->AddText(ImVec2(b1.x + t.gap, bb.Min.y + (t.touch - ts.y) * 0.5f), p.text, label.data(),
                label.data() + label.size());
    return pressed;
}

void space(Ui& ui, float gaps) { ImGui::Dummy(ImVec2(1.0f, ui.theme().gap * gaps)); }

void dragToScroll(Ui& ui) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    bool* dragging = ImGui::GetStateStorage()->GetBoolRef(window->GetID("##drag-scroll"), false);
    if (!*dragging && io.MouseDown[0] && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, ui.theme().touch * 0.2f)) {
        const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left);
        *dragging = std::abs(d.y) > std::abs(d.x);
    }
    if (!*dragging) return;
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();  // a scroll, not a tap
    if (!io.MouseDown[0]) *dragging = false;
}

void colouredText(Ui& ui, ImU32 colour, std::string_view s) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text(ui, s);
    ImGui::PopStyleColor();
}

bool beginModal(Ui& ui, const char* id, bool& opening, const ModalWidth& size) {
    if (opening) {
        ImGui::OpenPopup(id);
        opening = false;
    }
    const Theme& t = ui.theme();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width =
        std::min(vp->WorkSize.x * size.maxShare, std::max(t.touch * size.minTouches, vp->WorkSize.x * size.share));
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.pad * 1.5f, t.pad * 1.5f));
    const bool shown = ImGui::BeginPopupModal(id, nullptr,
                                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                                  ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                                  ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar();
    return shown;
}

}  // namespace fc::ui
