// The app without a window: the store replica and its services, translations, fonts, the touch
// kit's context, the screen stack, the features each mode offers, the main-thread queue, sync,
// scanners (keyboard wedge and camera) and the shell around the screens. kiosk/main.cpp runs it in
// a GLFW window (platform/gfx); the headless test driver runs the very same frames without a GPU.
//
// Change news flows down: every local save and every pulled sync page says which tables (and
// rows) changed; the app moves those tables' versions (screens reload what they read), adds the
// changed rows' characters to the font atlas and pushes local saves to the hub. Nothing polls.
//
//   FC_ASSIGN(auto app, App::create({.dbPath = "store.db", .mode = Mode::kKiosk}, clock));
//   loop: app->beginFrame(); <backend NewFrame>; app->frame(); <backend render>
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <imgui.h>

#include "kiosk/app/background.hpp"
#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/features.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/app/store_info.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/sync_strip.hpp"
#include "kiosk/ui/text_keyboard.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/ui.hpp"
#include "platform/scan/frame_source.hpp"
#include "platform/scan/wedge.hpp"
#include "shared/capture/change_news.hpp"
#include "shared/core/clock.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"

namespace fc::platform {
class ScanPipeline;
class CameraFeed;
}  // namespace fc::platform

namespace fc::ui {

class SyncLink;

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
    int64_t syncLongPollMs = 25'000;    // how long the puller waits at the hub for news
    bool scanDataBeforeFirstFrame = false;  // else a worker thread scans and the atlas catches up
    int64_t kioskIdleResetMs = 60'000;  // kiosk: back to the welcome screen after this idle time
    int64_t scannerGapMs = 30;           // a wedge scanner's longest pause between keys (--scanner-gap)
    // Text fields take the on-screen keyboard (with pinyin); unset: in the touch modes (kiosk,
    // workshop, warehouse), not in the office.
    std::optional<bool> onScreenKeyboard;
    std::string imeDir;                 // the input method's dictionaries; empty: beside the db
    bool prepareIme = true;             // set the input method up on a worker at start
    std::string photosDir;              // picture files for job photos; empty: "<db>.photos"
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
    // Input arrived: ImGui needs a couple of frames to settle (hover, popups, auto-size), and
    // frames go on until the picture stops changing (settle()).
    void requestFrames(int n) {
        m_framesOwed = std::max(m_framesOwed, n);
        m_unsettledFrames = 0;
    }

    // [SECTION] state
    void setLanguage(const std::string& language);  // applied at the next frame
    // Switches to another mode at the start of the next frame: its theme and home screen (behind
    // the staff sign-in unless someone is signed in). The kiosk's "leave kiosk mode" uses it; the
    // device keeps its role, so it offers only the features that role may write.
    void switchMode(Mode mode) { m_pendingMode = mode; }
    Mode mode() const { return m_config.mode; }
    const std::optional<core::Session>& staff() const { return m_staff; }

    // [SECTION] change news
    // Data changed elsewhere — a pulled sync page (SyncLink posts it here), or another connection
    // in a test: the tables it names move on, and screens reading them reload.
    void dataChanged(const core::ChangeNews& news);
    const DataVersions& data() const { return m_data; }

    // [SECTION] keyboard and scanners
    // The window's key events go through the keyboard-wedge detector (platform/scan/wedge.hpp):
    // fast bursts ending in Enter become scans for the top screen, a person's typing is given
    // back to ImGui in order (held for at most ~30 ms). Times come from the app's clock.
    void keyChar(char32_t c);
    void keyEnter();
    // A key that types nothing: ends a burst (held characters go to ImGui first, in order).
    void keyOther();
    // A scanner's burst may be under way: keys are being held by the wedge detector. The event
    // loop then takes keys as they come and draws nothing until the burst ends (a slow frame in
    // the middle would stretch the gaps between keys and split the burst); holdKeysUntil() says
    // when the held keys are given back at the latest, pumpKeys() moves the detector on.
    std::optional<int64_t> holdKeysUntil() const { return m_wedge.releaseDeadline(); }
    void pumpKeys();
    // A scanned code (wedge burst or camera): the top screen's onScan, else a toast.
    void routeScan(const std::string& text);
    // Decodes `source` (a V4L2 camera, or picture files in tests) on the scan pipeline's worker;
    // codes reach routeScan() on the main thread. An error opening it is returned and shown.
    core::Status attachCamera(std::unique_ptr<platform::FrameSource> source);
    // Tests and the benchmark: the screen's view of the wedge.
    const platform::WedgeDetector& wedge() const { return m_wedge; }
    // Looks for characters the atlas lacks in the whole store (worker thread; posts back).
    void scanDataCharacters();
    // Tests: wait for background work (charset scans; a camera of picture files read to its end
    // and decoded), then run what it posted.
    void settleBackground();

    Ui& ui() { return *m_ui; }
    FontManager& fonts() { return *m_fonts; }
    Router& router() { return m_router; }
    MainThreadQueue& queue() { return m_queue; }
    core::StoreServices& services() { return *m_services; }
    const FeatureRegistry& features() const { return m_features; }
    const I18n& i18n() const { return m_i18n; }
    const Theme& theme() const { return m_theme; }
    const StoreInfo& storeInfo() const { return m_store; }
    const SyncView& syncView() const { return m_syncView; }
    AppContext& context() { return *m_context; }
    ImGuiContext* imgui() const { return m_imgui; }
    const AppConfig& config() const { return m_config; }
    int64_t framesDrawn() const { return m_frames; }
    // Kiosk: the idle warning is up, and the reset comes at this time (0: no warning).
    int64_t idleResetAt() const { return m_idleResetAt; }

private:
    App(const AppConfig& config, const core::Clock& clock, I18n i18n);
    core::Status init();
    core::Status initFonts();
    void initImGui();
    void startSync();
    void applyFonts();
    void makeStartScreen();
    std::unique_ptr<Screen> makeHome();
    void trackIdle();
    // Kiosk: back at the welcome screen, the next customer starts in the store's language.
    void endCustomerSession();
    // After a frame: owes another while the picture still changes (see app.cpp).
    void settle();
    void applyMode();
    void applyKeyboard();  // the on-screen keyboard on or off for the mode
    void drainWedge();
    void drainCamera();
    // The news of this app's own saves (taken after each frame) and of pulled pages.
    void takeLocalNews();
    void applyNews(const core::ChangeNews& news, bool local);
    // Staff modes: keeps m_staff current (touch on input, inactivity), puts the sign-in in front
    // when nobody is signed in.
    void trackSession(bool input);
    void pushStaffGate();
    bool staffMode() const { return m_config.mode != Mode::kKiosk; }
    // kiosk/app/shell.cpp
    void drawShell();
    void drawHeader();
    // Kiosk: "still there?" with the seconds left and 继续, before the idle reset.
    void drawIdleWarning();

    AppConfig m_config;
    const core::Clock& m_clock;
    I18n m_i18n;
    std::optional<std::string> m_pendingLanguage;
    std::string m_startLanguage;
    size_t m_lastDepth = 0;
    Theme m_theme;
    std::unique_ptr<FontManager> m_fonts;
    std::unique_ptr<Ui> m_ui;
    std::unique_ptr<TextKeyboard> m_keyboard;
    bool m_imePrepared = false;
    ImGuiContext* m_imgui = nullptr;
    std::unique_ptr<core::StoreServices> m_services;
    std::unique_ptr<core::NewsCollector> m_news;
    DataVersions m_data;
    StoreInfo m_store;
    FeatureRegistry m_features;
    MainThreadQueue m_queue;
    Router m_router;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<BackgroundWorker> m_background;
    std::unique_ptr<SyncLink> m_sync;
    SyncView m_syncView;
    std::unique_ptr<platform::ScanPipeline> m_scans;
    std::unique_ptr<platform::FrameSource> m_camera;
    std::unique_ptr<platform::CameraFeed> m_cameraFeed;
    bool m_scanQueued = false;
    bool m_rescanAfter = false;
    int m_framesOwed = 2;
    static constexpr int kMaxSettleFrames = 12;
    uint64_t m_drawSignature = 0;
    int m_unsettledFrames = 0;
    int64_t m_frames = 0;
    int64_t m_lastInputMs = 0;
    static constexpr int64_t kIdleWarningMs = 15'000;
    int64_t m_idleResetAt = 0;  // kiosk: when the warning is up, when the reset comes
    Mode m_homeMode;  // what the device was started as (a kiosk stays a kiosk)
    std::optional<Mode> m_pendingMode;
    std::optional<core::Session> m_staff;
    bool m_gateShown = false;
    platform::WedgeDetector m_wedge;
    bool m_releaseEnter = false;
};

}  // namespace fc::ui
