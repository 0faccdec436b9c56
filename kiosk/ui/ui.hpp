// The kit's context for one frame: sizes and colours (Theme), fonts, the injected clock, the
// widget registry (for the test driver), toasts, and when to draw the next frame. Screens get a
// Ui& in draw() and pass it to every kit widget.
//
//   void CheckInScreen::draw(Ui& ui) {
//       heading(ui, tr("checkin.title"));
//       if (button(ui, tr("checkin.by_plate"), {.kind = ButtonKind::kPrimary})) m_step = kPlate;
//   }
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include <imgui.h>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/registry.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/toasts.hpp"
#include "shared/core/clock.hpp"

namespace fc::ui {

class TextInput;

class Ui {
public:
    Ui(const Theme& theme, FontManager& fonts, const core::Clock& clock);
    Ui(const Ui&) = delete;
    Ui& operator=(const Ui&) = delete;

    const Theme& theme() const { return *m_theme; }
    void setTheme(const Theme& theme) { m_theme = &theme; }
    const Palette& colors() const { return m_theme->colors; }
    FontManager& fonts() { return m_fonts; }
    ImFont* bodyFont() const { return m_fonts.body(); }
    ImFont* largeFont() const { return m_fonts.large(); }
    const core::Clock& clock() const { return m_clock; }
    int64_t nowMs() const { return m_clock.nowMs(); }
    WidgetRegistry& registry() { return m_registry; }
    Toasts& toasts() { return m_toasts; }

    // Call once per frame before any widget, and after the last (the app and the test driver
    // do): the registry then holds this frame's widgets.
    void beginFrame();
    void endFrame() { m_registry.endFrame(); }

    // Frame scheduling: the loop sleeps until an input event, a posted task or the earliest
    // wake-up asked for here. animate(): draw the next frame at once (something moves).
    void animate() { m_animating = true; }
    void wakeAt(int64_t ms);
    bool animating() const { return m_animating; }
    int64_t nextWakeMs() const { return m_wakeAt; }  // INT64_MAX: none

    // Text a screen shows that may hold characters the atlas lacks (a name just typed): they
    // are added and the atlas is rebuilt before the next frame.
    void ensureGlyphs(std::string_view utf8, bool large = false) { m_fonts.addText(utf8, large); }

    // The on-screen keyboard text fields use (touch modes); null: fields take the hardware
    // keyboard (office).
    TextInput* keyboard() const { return m_keyboard; }
    void setKeyboard(TextInput* keyboard) { m_keyboard = keyboard; }

private:
    const Theme* m_theme;
    FontManager& m_fonts;
    const core::Clock& m_clock;
    WidgetRegistry m_registry;
    Toasts m_toasts;
    bool m_animating = false;
    int64_t m_wakeAt = INT64_MAX;
    TextInput* m_keyboard = nullptr;
};

// Push a font for a scope.
class FontScope {
public:
    explicit FontScope(ImFont* font) { ImGui::PushFont(font); }
    ~FontScope() { ImGui::PopFont(); }
    FontScope(const FontScope&) = delete;
    FontScope& operator=(const FontScope&) = delete;
};

}  // namespace fc::ui
