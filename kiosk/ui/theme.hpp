// The look of the app: the mode (who uses the device), sizes scaled for touch and the display's
// content scale, and colours. Widgets read sizes from here, never from literals.
//
//   Theme theme = Theme::make(Mode::kKiosk, window.contentScale());
//   theme.apply(ImGui::GetStyle());   theme.touch  → 72 px at scale 1 in kiosk mode
#pragma once

#include <optional>
#include <string_view>

#include <imgui.h>

namespace fc::ui {

enum class Mode { kKiosk, kWorkshop, kWarehouse, kOffice };

std::optional<Mode> parseMode(std::string_view name);
const char* modeName(Mode mode);  // "kiosk", "workshop", …

struct Palette {
    ImU32 background = IM_COL32(244, 246, 249, 255);
    ImU32 surface = IM_COL32(255, 255, 255, 255);
    ImU32 header = IM_COL32(22, 60, 110, 255);
    ImU32 headerText = IM_COL32(255, 255, 255, 255);
    ImU32 text = IM_COL32(28, 33, 40, 255);
    ImU32 textMuted = IM_COL32(92, 102, 116, 255);
    ImU32 primary = IM_COL32(22, 110, 220, 255);
    ImU32 primaryActive = IM_COL32(14, 84, 176, 255);
    ImU32 primaryText = IM_COL32(255, 255, 255, 255);
    ImU32 secondary = IM_COL32(226, 232, 240, 255);
    ImU32 secondaryActive = IM_COL32(196, 206, 220, 255);
    ImU32 danger = IM_COL32(200, 40, 40, 255);
    ImU32 dangerActive = IM_COL32(160, 24, 24, 255);
    ImU32 success = IM_COL32(24, 140, 72, 255);
    ImU32 warning = IM_COL32(214, 136, 0, 255);
    ImU32 disabled = IM_COL32(236, 238, 242, 255);
    ImU32 disabledText = IM_COL32(160, 166, 176, 255);
    ImU32 border = IM_COL32(200, 208, 218, 255);
    ImU32 focus = IM_COL32(255, 170, 0, 255);
    ImU32 placeholderBadge = IM_COL32(255, 236, 179, 255);
};

struct Theme {
    Mode mode = Mode::kOffice;
    float scale = 1.0f;        // the display's content scale (GLFW), 1 on a 96-dpi screen
    float fontBody = 22.0f;    // line height of body text in px (CJK glyphs are ~0.7 of it)
    float fontLarge = 32.0f;   // headings, keys, big numbers
    float touch = 48.0f;       // minimum height/width of anything pressed
    float gap = 10.0f;         // space between controls
    float pad = 16.0f;         // padding inside panels
    float rounding = 8.0f;
    Palette colors;

    static Theme make(Mode mode, float contentScale = 1.0f);
    // How much bigger than the design to draw on a screen of width × height logical pixels: the
    // layouts are made for 1280×800 (landscape) and 800×1280 (portrait) and fit smaller screens
    // by shrinking keys; a bigger screen scales everything up (up to 2.5×) instead of leaving
    // most of it empty.
    static float layoutScale(int width, int height);
    // Sets ImGui's style (spacing, rounding, scrollbar size, colours) to match.
    void apply(ImGuiStyle& style) const;
    // Key size of the numeric keypad and the plate keyboard.
    float keySize() const { return touch * 1.15f; }
};

}  // namespace fc::ui
