#include "kiosk/ui/theme.hpp"

#include <algorithm>

namespace fc::ui {

std::optional<Mode> parseMode(std::string_view name) {
    if (name == "kiosk") return Mode::kKiosk;
    if (name == "workshop") return Mode::kWorkshop;
    if (name == "warehouse") return Mode::kWarehouse;
    if (name == "office") return Mode::kOffice;
    return std::nullopt;
}

const char* modeName(Mode mode) {
    switch (mode) {
        case Mode::kKiosk: return "kiosk";
        case Mode::kWorkshop: return "workshop";
        case Mode::kWarehouse: return "warehouse";
        case Mode::kOffice: return "office";
    }
    return "office";
}

Theme Theme::make(Mode mode, float contentScale) {
    Theme t;
    t.mode = mode;
    t.scale = std::clamp(contentScale, 0.5f, 4.0f);
    // Per mode at scale 1: the kiosk is read standing at arm's length and pressed with a finger;
    // tablets are used with gloves; the office PC with a mouse (still ≥ 48 px targets).
    float body = 22, large = 32, touch = 48;
    switch (mode) {
        case Mode::kKiosk: body = 40, large = 60, touch = 72; break;
        case Mode::kWorkshop:
        case Mode::kWarehouse: body = 30, large = 44, touch = 60; break;
        case Mode::kOffice: break;
    }
    t.fontBody = body * t.scale;
    t.fontLarge = large * t.scale;
    t.touch = touch * t.scale;
    t.gap = (mode == Mode::kKiosk ? 16.0f : 10.0f) * t.scale;
    t.pad = (mode == Mode::kKiosk ? 24.0f : 16.0f) * t.scale;
    t.rounding = (mode == Mode::kKiosk ? 14.0f : 8.0f) * t.scale;
    return t;
}

namespace {
ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
}  // namespace

float Theme::layoutScale(int width, int height) {
    if (width <= 0 || height <= 0) return 1.0f;
    const bool portrait = height > width;
    const float w = static_cast<float>(width) / (portrait ? 800.0f : 1280.0f);
    const float h = static_cast<float>(height) / (portrait ? 1280.0f : 800.0f);
    return std::clamp(std::min(w, h), 1.0f, 2.5f);
}

void Theme::apply(ImGuiStyle& style) const {
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(pad, pad);
    style.FramePadding = ImVec2(pad * 0.75f, (touch - fontBody) * 0.5f);
    style.ItemSpacing = ImVec2(gap, gap);
    style.ItemInnerSpacing = ImVec2(gap * 0.6f, gap * 0.6f);
    style.CellPadding = ImVec2(gap, gap * 0.5f);
    style.ScrollbarSize = std::max(18.0f, touch * 0.45f);  // a finger can drag it
    style.GrabMinSize = touch * 0.6f;
    style.WindowRounding = 0;
    style.ChildRounding = rounding;
    style.FrameRounding = rounding;
    style.PopupRounding = rounding;
    style.ScrollbarRounding = rounding;
    style.GrabRounding = rounding;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 1;
    style.TouchExtraPadding = ImVec2(2 * scale, 2 * scale);
    style.Colors[ImGuiCol_WindowBg] = v4(colors.background);
    style.Colors[ImGuiCol_ChildBg] = v4(colors.surface);
    style.Colors[ImGuiCol_PopupBg] = v4(colors.surface);
    style.Colors[ImGuiCol_Text] = v4(colors.text);
    style.Colors[ImGuiCol_TextDisabled] = v4(colors.textMuted);
    style.Colors[ImGuiCol_Border] = v4(colors.border);
    style.Colors[ImGuiCol_FrameBg] = v4(colors.surface);
    style.Colors[ImGuiCol_FrameBgHovered] = v4(colors.surface);
    style.Colors[ImGuiCol_FrameBgActive] = v4(colors.surface);
    style.Colors[ImGuiCol_Header] = v4(IM_COL32(208, 226, 250, 255));
    style.Colors[ImGuiCol_HeaderHovered] = v4(IM_COL32(224, 236, 252, 255));
    style.Colors[ImGuiCol_HeaderActive] = v4(IM_COL32(190, 214, 248, 255));
    style.Colors[ImGuiCol_TableHeaderBg] = v4(IM_COL32(232, 237, 244, 255));
    style.Colors[ImGuiCol_TableRowBgAlt] = v4(IM_COL32(247, 249, 252, 255));
    style.Colors[ImGuiCol_ModalWindowDimBg] = ImVec4(0.1f, 0.12f, 0.16f, 0.45f);
    style.Colors[ImGuiCol_NavHighlight] = v4(colors.focus);
}

}  // namespace fc::ui
