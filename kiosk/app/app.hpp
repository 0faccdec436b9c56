// The app without a window: the store replica and its services, translations, fonts, the touch
// kit's context, the screen stack, the main-thread queue, sync and the shell around the screens.
// kiosk/main.cpp runs it in a GLFW window (platform/gfx); the headless test driver runs the very
// same frames without a GPU.
//
//   FC_ASSIGN(auto app, App::create({.dbPath = "store.db", .mode = Mode::kKiosk}, clock));
//   loop: app->beginFrame(); <backend NewFrame>; app->frame(); <backend render>
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <imgui.h>

#include "kiosk/app/background.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/app/store_info.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/sync_strip.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/ui.hpp"
#include "platform/scan/wedge.hpp"
#include "shared/core/clock.hpp"
#include "shared/services.hpp"

namespace fc::ui {

class SyncLink;
class GlyphObserver;

struct AppConfig {
    std::string dbPath;
    Mode mode = Mode::kOffice;
    std::string language = "zh-CN";
    std::string hubUrl;                 // non-empty: overrides the hub the device enrolled with
    std::string assetsDir;              // empty: assetsDir()
    float contentScale = 1.0f;          // the display's (GLFW); sizes scale with it
    // The CJK font; empty: found with platform::findCjkFont(). "-": ImGui's Latin font (tests).
    std::string fontPath;
    int fontIndex = 0;
    bool commonCharacters = true;       // add the 3755 common characters (off: faster tests)
    std::string startScreen = "home";   // or "gallery", "gallery:plate"…
    bool startSync = true;
    bool scanDataBeforeFirstFrame = false;  // else a worker thread scans and the atlas catches up
    int64_t kioskIdleResetMs = 60'000;  // kiosk: back to the welcome screen after this idle time
};

class App {
public:
    static core::Result<std::unique_ptr<App>> create(const AppConfig& config, const core::Clock& clock);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // [SECTION] frames
    // Before the platform backend's NewFrame: runs posted tasks, applies a language change and
    // rebuilds the font atlas when characters were added (ImGui's atlas is unlocked here).
    void beginFrame();
    // ImGui::NewFrame … ImGui::Render: the shell and the top screen.
    void frame();
    // The event loop's question: draw again at once (something moves, work is queued), or sleep
    // until nextWakeMs() / an input event / a post.
    bool wantsFrameSoon() const;
    int64_t nextWakeMs() const;
    // Input arrived: ImGui needs a couple of frames to settle (hover, popups, auto-size).
    void requestFrames(int n) { m_framesOwed = std::max(m_framesOwed, n); }

    // [SECTION] state
    void setLanguage(const std::string& language);  // applied at the next frame
    // Switches to another mode at the start of the next frame: its theme and home screen (behind
    // the staff sign-in unless someone is signed in). The kiosk's "leave kiosk mode" uses it.
    void switchMode(Mode mode) { m_pendingMode = mode; }
    Mode mode() const { return m_config.mode; }
    // Data may have changed under the screens (sync pulled changes, a local save, a test that
    // wrote on another connection): bumps dataVersion, lists reload at their next frame.
    void notifyDataChanged();
    uint64_t dataVersion() const { return m_dataVersion; }
    const std::optional<core::Session>& staff() const { return m_staff; }

    // [SECTION] keyboard and scanners
    // The window's key events go through the keyboard-wedge detector (platform/scan/wedge.hpp):
    // fast bursts ending in Enter become scans for the top screen, a person's typing is given
    // back to ImGui in order (held for at most ~30 ms). Times come from the app's clock.
    void keyChar(char32_t c);
    void keyEnter();
    // Any other key press: ends a burst (held characters go to ImGui first, in order).
    void keyOther();
    // A scanned code (wedge burst or camera): the top screen's onScan, else a toast.
    void routeScan(const std::string& text);
    // Tests and the benchmark: the screen's view of the wedge.
    const platform::WedgeDetector& wedge() const { return m_wedge; }
    // Looks for characters the atlas lacks in the whole store (worker thread; posts back).
    void scanDataCharacters();
    // Tests: wait for background work, then run what it posted.
    void settleBackground();

    Ui& ui() { return *m_ui; }
    FontManager& fonts() { return *m_fonts; }
    Router& router() { return m_router; }
    MainThreadQueue& queue() { return m_queue; }
    core::StoreServices& services() { return *m_services; }
    const I18n& i18n() const { return m_i18n; }
    const Theme& theme() const { return m_theme; }
    const StoreInfo& storeInfo() const { return m_store; }
    const SyncView& syncView() const { return m_syncView; }
    AppContext& context() { return *m_context; }
    ImGuiContext* imgui() const { return m_imgui; }
    const AppConfig& config() const { return m_config; }
    int64_t framesDrawn() const { return m_frames; }

private:
    App(const AppConfig& config, const core::Clock& clock, I18n i18n);
    core::Status init();
    void applyFonts();
    void makeStartScreen();
    void trackIdle();
    void applyMode();
    void drainWedge();
    // Staff modes: keeps m_staff current (touch on input, inactivity), puts the sign-in in front
    // when nobody is signed in.
    void trackSession(bool input);
    void pushStaffGate();
    bool staffMode() const { return m_config.mode != Mode::kKiosk; }
    // kiosk/app/shell.cpp
    void drawShell();
    void drawHeader();

    AppConfig m_config;
    const core::Clock& m_clock;
    I18n m_i18n;
    std::optional<std::string> m_pendingLanguage;
    Theme m_theme;
    std::unique_ptr<FontManager> m_fonts;
    std::unique_ptr<Ui> m_ui;
    ImGuiContext* m_imgui = nullptr;
    std::unique_ptr<GlyphObserver> m_glyphs;
    std::unique_ptr<core::StoreServices> m_services;
    StoreInfo m_store;
    MainThreadQueue m_queue;
    Router m_router;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<BackgroundWorker> m_background;
    std::unique_ptr<SyncLink> m_sync;
    SyncView m_syncView;
    bool m_scanQueued = false;
    bool m_rescanAfter = false;
    int m_framesOwed = 2;
    int64_t m_frames = 0;
    int64_t m_lastInputMs = 0;
    std::optional<Mode> m_pendingMode;
    std::optional<core::Session> m_staff;
    uint64_t m_dataVersion = 0;
    bool m_gateShown = false;
    platform::WedgeDetector m_wedge;
    bool m_releaseEnter = false;
};

// The placeholder home screen of each mode (kiosk/screens/<role>/home_screen.cpp) and the kit
// gallery (kiosk/screens/common/kit_gallery_screen.cpp).
std::unique_ptr<Screen> makeHomeScreen(Mode mode, AppContext& app);
// `section`: basics (default), keypad, plate, signature, table.
std::unique_ptr<Screen> makeKitGalleryScreen(AppContext& app, std::string_view section = {});
// The staff sign-in in front of a staff mode (kiosk/screens/common/sign_in_screen.cpp): no back
// button, nothing to do on success (the home is underneath).
std::unique_ptr<Screen> makeStaffGateScreen(AppContext& app);
// The kiosk header's "员工" button: sign-in, then the staff menu (leave kiosk mode) for roles that
// may run the desk; others are refused and signed out again.
void openKioskStaffSignIn(AppContext& app, Ui& ui);

}  // namespace fc::ui
