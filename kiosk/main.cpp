// forecourt: the app. Parses the command line, opens the window (platform/gfx), runs the App
// (kiosk/app) in an event loop that sleeps when nothing happens. Typed keys go through the App's
// keyboard-wedge detector (USB scanners) before ImGui; --camera feeds the scan pipeline.
#include <algorithm>
#include <csignal>
#include <iostream>

#include <sys/stat.h>

#include "kiosk/app/app.hpp"
#include "kiosk/app/options.hpp"
#include "kiosk/app/probe.hpp"
#include "platform/gfx/window.hpp"
#include "platform/scan/frame_source.hpp"

namespace {

volatile std::sig_atomic_t g_quit = 0;
void onQuitSignal(int) { g_quit = 1; }

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

void defaultSize(fc::ui::Mode mode, int& w, int& h) {
    switch (mode) {
        case fc::ui::Mode::kKiosk: w = 1280, h = 960; break;
        case fc::ui::Mode::kWorkshop:
        case fc::ui::Mode::kWarehouse: w = 1280, h = 800; break;
        case fc::ui::Mode::kOffice: w = 1440, h = 900; break;
    }
}

fc::ui::AppConfig configOf(const fc::ui::AppOptions& o, float contentScale) {
    fc::ui::AppConfig config;
    config.dbPath = o.dbPath;
    config.mode = o.mode;
    config.language = o.language;
    config.hubUrl = o.hubUrl.value_or("");
    config.assetsDir = o.assetsDir;
    config.contentScale = contentScale;
    config.startScreen = o.screen;
    if (o.idleResetSeconds) config.kioskIdleResetMs = *o.idleResetSeconds * 1000LL;
    if (o.scannerGapMs) config.scannerGapMs = *o.scannerGapMs;
    config.onScreenKeyboard = o.keyboard;
    config.photosDir = o.photosDir;
    return config;
}

// Draws until the window closes or a quit signal; with --screenshot, until the Nth frame, whose
// picture is written. Returns the exit code.
int runLoop(fc::ui::App& app, fc::platform::Window& win, const fc::ui::AppOptions& o, const fc::core::Clock& clock) {
    int frames = 0;
    while (!win.shouldClose() && !g_quit) {
        // A scanner's burst under way: take its keys as they arrive, draw nothing until it ends.
        while (auto until = app.holdKeysUntil()) {
            if (g_quit) break;
            win.waitEvents(static_cast<double>(std::clamp<int64_t>(*until - clock.nowMs(), 1, 100)) / 1000.0);
            app.pumpKeys();
        }
        app.beginFrame();
        win.newFrame();
        app.frame();
        const bool last = o.screenshot && ++frames >= o.frames;
        auto shot = win.render(last ? &*o.screenshot : nullptr);
        if (!o.testState.empty())
            if (auto r = fc::ui::writeProbe(app, o.testState); !r) std::cerr << "forecourt: " << r.error().message << "\n";
        if (last) {
            if (!shot) {
                std::cerr << "forecourt: " << shot.error().message << "\n";
                return kExitFailed;
            }
            const auto& s = app.fonts().stats();
            std::cout << "wrote " << *o.screenshot << " after " << frames << " frames (font atlas " << s.width
                      << "x" << s.height << ", " << win.fontTextureBytes() << " bytes)\n";
            return kExitOk;
        }
        if (o.screenshot || app.wantsFrameSoon()) {
            if (win.pollEvents()) app.requestFrames(2);
            continue;
        }
        // Idle: sleep until input, a task posted by another thread (it wakes the loop), or the
        // next thing due (the header clock's minute, a toast, the kiosk's idle reset). Wake at
        // least once a second only to notice a quit signal; no frame is drawn for that.
        while (!g_quit) {
            const int64_t due = app.nextWakeMs() - clock.nowMs();
            const bool activity = win.waitEvents(static_cast<double>(std::clamp<int64_t>(due, 1, 1000)) / 1000.0);
            if (activity || !app.queue().empty() || app.wantsFrameSoon() || clock.nowMs() >= app.nextWakeMs() ||
                win.shouldClose())
                break;
        }
        app.requestFrames(2);  // input settles over a couple of frames
    }
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    ::umask(077);  // what it writes (databases, screenshots, exports) holds personal data: the user's alone
    using namespace fc::ui;
    const ParsedArgs parsed = parseArgs(argc, argv);
    if (parsed.action == ParsedArgs::kHelp) {
        std::cout << kUsage;
        return kExitOk;
    }
    if (parsed.action == ParsedArgs::kUsageError) {
        std::cerr << "forecourt: " << parsed.message << "\n\n" << kUsage;
        return kExitUsage;
    }
    const AppOptions& o = parsed.options;
    fc::core::SystemClock clock;

    int width = o.width, height = o.height;
    if (width == 0) defaultSize(o.mode, width, height);
    auto window = fc::platform::Window::open(
        {.title = "Forecourt", .width = width, .height = height, .fullscreen = o.fullscreen, .vsync = !o.screenshot});
    if (!window) {
        std::cerr << "forecourt: " << window.error().message << "\n";
        return kExitFailed;
    }
    fc::platform::Window& win = **window;
    // Sizes follow the display's scale and, on a screen bigger than the layouts are made for,
    // grow with it (a 1920×1080 kiosk draws 1.35× larger rather than leaving a third empty).
    int winW = 0, winH = 0;
    win.size(winW, winH);
    const float scale = win.contentScale();
    const float layout = Theme::layoutScale(static_cast<int>(static_cast<float>(winW) / scale),
                                            static_cast<int>(static_cast<float>(winH) / scale));
    auto created = App::create(configOf(o, scale * layout), clock);
    if (!created) {
        std::cerr << "forecourt: " << created.error().message << "\n";
        return kExitFailed;
    }
    std::unique_ptr<App> app = std::move(created).value();
    if (auto r = win.initImGui(); !r) {
        std::cerr << "forecourt: " << r.error().message << "\n";
        return kExitFailed;
    }
    win.uploadFontAtlas(app->fonts().atlas());
    app->fonts().onRebuilt = [&win](ImFontAtlas& atlas) { win.uploadFontAtlas(atlas); };
    app->queue().setWakeup([] { fc::platform::Window::wake(); });
    win.routeKeys({.character = [&app](char32_t c) { app->keyChar(c); },
                   .enter = [&app] { app->keyEnter(); },
                   .otherKey = [&app] { app->keyOther(); }});
    // Optional camera: its codes are routed like a USB scanner's. No camera: a line and a toast.
    if (!o.camera.empty())
        if (auto r = app->attachCamera(fc::platform::makeV4l2Camera(o.camera)); !r)
            std::cerr << "forecourt: camera " << o.camera << " unavailable: " << r.error().message << "\n";

    std::signal(SIGINT, onQuitSignal);
    std::signal(SIGTERM, onQuitSignal);
    const int exitCode = runLoop(*app, win, o, clock);
    win.routeKeys({});
    app->queue().setWakeup(nullptr);
    app->fonts().onRebuilt = nullptr;
    win.shutdownImGui();  // while the ImGui context still exists
    app.reset();
    return exitCode;
}
