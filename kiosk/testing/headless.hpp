// The headless frame driver for tests and benchmarks: runs ImGui frames with no window and no GPU
// (the font atlas is built on the CPU and never uploaded; NewFrame/Render without a renderer) and
// acts like a person — it finds a widget by its visible label in the kit's registry, moves the
// mouse there and presses and releases across frames, types UTF-8 text, presses keys.
//
//   KitHarness kit({.mode = Mode::kKiosk, .clock = &clock});
//   Keypad pad;  kit.setDraw([&](Ui& ui) { pad.draw(ui, "pin"); });
//   kit.driver().click("7");  kit.driver().click(tr("keypad.ok"));
//
//   HeadlessDriver d = driveApp(*app);  d.click(tr("kiosk.home.by_plate"));
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <imgui.h>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/registry.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/ui.hpp"

namespace fc::ui {

class App;

struct HeadlessOptions {
    ImVec2 displaySize = ImVec2(1280, 800);
    float deltaTime = 1.0f / 60.0f;  // ImGui's own timers (double-click, key repeat), not the clock
};

class HeadlessDriver {
public:
    using FrameFn = std::function<void()>;  // one whole frame: ImGui::NewFrame … ImGui::Render

    HeadlessDriver(ImGuiContext* context, WidgetRegistry& registry, FrameFn frame,
                   HeadlessOptions options = {});

    // Runs n frames with the current input state.
    void frame(int n = 1);
    // Runs frames until the layout stops changing (at most 10), like the real event loop; click()
    // and drag() settle first.
    void settle();

    // Clicks the widget with this label (and scope part) as a finger would: move, press, release,
    // each on its own frame, then one more frame for the result to show. False when there is no
    // such widget on screen (after up to 3 frames of waiting) or it is disabled.
    bool click(std::string_view label, std::string_view scope = {});
    // Presses at a point in screen pixels.
    void clickAt(ImVec2 pos);
    // Drags inside a widget from one point to another (0..1 of its rectangle) in `steps` moves.
    bool drag(std::string_view label, ImVec2 from, ImVec2 to, int steps = 8, std::string_view scope = {});
    // Types text into whatever has keyboard focus (a text field, the keypad, the plate keyboard).
    void type(std::string_view utf8);
    // Presses and releases an ImGui key (ImGuiKey_Backspace, ImGuiKey_Enter, ImGuiKey_Escape…).
    void press(ImGuiKey key);
    // A keyboard-wedge scanner: types `code` as one fast burst plus Enter through the app's wedge
    // detector (App::keyChar/keyEnter, the route GLFW key events take), then runs two frames.
    // Only for drivers made by driveApp(); false otherwise.
    bool scan(std::string_view code);
    // Scrolls the mouse wheel over a widget.
    bool scroll(std::string_view label, float wheel, std::string_view scope = {});

    const WidgetRecord* find(std::string_view label, std::string_view scope = {}) const;
    bool visible(std::string_view label, std::string_view scope = {}) const { return find(label, scope) != nullptr; }
    WidgetRegistry& registry() { return m_registry; }
    int64_t frames() const { return m_frames; }

private:
    ImGuiIO& io();
    ImGuiContext* m_context;
    WidgetRegistry& m_registry;
    FrameFn m_frame;
    HeadlessOptions m_options;
    int64_t m_frames = 0;
    friend HeadlessDriver driveApp(App& app, HeadlessOptions options);
    std::function<void(std::string_view)> m_wedgeScan;  // driveApp: feeds the App's wedge
};

// A driver for a whole App (shell and screens) without a window.
HeadlessDriver driveApp(App& app, HeadlessOptions options = {});

// A bare kit for widget tests: its own ImGui context, fonts, theme and Ui; each frame draws
// setDraw()'s function in a window that fills the display, then the toasts.
struct KitHarnessOptions {
    Mode mode = Mode::kOffice;
    const core::Clock* clock = nullptr;  // required
    // "-": ImGui's built-in Latin font (fast; labels still match). "cjk": the Debian CJK font
    // with only the glyphs of `glyphText`.
    std::string font = "-";
    std::string glyphText;
    HeadlessOptions headless;
};

class KitHarness {
public:
    explicit KitHarness(KitHarnessOptions options);
    ~KitHarness();
    KitHarness(const KitHarness&) = delete;
    KitHarness& operator=(const KitHarness&) = delete;

    void setDraw(std::function<void(Ui&)> draw) { m_draw = std::move(draw); }
    HeadlessDriver& driver() { return *m_driver; }
    Ui& ui() { return *m_ui; }
    FontManager& fonts() { return *m_fonts; }
    const Theme& theme() const { return m_theme; }
    // Rebuilds the atlas if characters were added (between frames, like the app).
    void beforeFrame();

private:
    void frame();
    KitHarnessOptions m_options;
    Theme m_theme;
    std::unique_ptr<FontManager> m_fonts;
    std::unique_ptr<Ui> m_ui;
    ImGuiContext* m_context = nullptr;
    std::function<void(Ui&)> m_draw;
    std::unique_ptr<HeadlessDriver> m_driver;
};

}  // namespace fc::ui
