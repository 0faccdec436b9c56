// forecourt: the app. Parses the command line, opens the window (platform/gfx), runs the App
// (kiosk/app) in an event loop that sleeps when nothing happens.
#include <algorithm>
#include <csignal>
#include <iostream>

#include "kiosk/app/app.hpp"
#include "kiosk/app/options.hpp"
#include "platform/gfx/window.hpp"

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

}  // namespace

int main(int argc, char** argv) {
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
    auto window = fc::platform::Window::open({.title = "Forecourt",
                                              .width = width,
                                              .height = height,
                                              .fullscreen = o.fullscreen,
                                              .vsync = !o.screenshot});
    if (!window) {
        std::cerr << "forecourt: " << window.error().message << "\n";
        return kExitFailed;
    }
    AppConfig config;
    config.dbPath = o.dbPath;
    config.mode = o.mode;
    config.language = o.language;
    config.hubUrl = o.hubUrl.value_or("");
    config.assetsDir = o.assetsDir;
    config.contentScale = (*window)->contentScale();
    config.startScreen = o.screen;
    auto created = App::create(config, clock);
    if (!created) {
        std::cerr << "forecourt: " << created.error().message << "\n";
        return kExitFailed;
    }
    std::unique_ptr<App> app = std::move(created).value();
    fc::platform::Window& win = **window;
    if (auto r = win.initImGui(); !r) {
        std::cerr << "forecourt: " << r.error().message << "\n";
        return kExitFailed;
    }
    win.uploadFontAtlas(app->fonts().atlas());
    app->fonts().onRebuilt = [&win](ImFontAtlas& atlas) { win.uploadFontAtlas(atlas); };
    app->queue().setWakeup([] { fc::platform::Window::wake(); });

    int exitCode = kExitOk;
    int frames = 0;
    std::signal(SIGINT, onQuitSignal);
    std::signal(SIGTERM, onQuitSignal);
    while (!win.shouldClose() && !g_quit) {
        app->beginFrame();
        win.newFrame();
        app->frame();
        const bool last = o.screenshot && ++frames >= o.frames;
        auto shot = win.render(last ? &*o.screenshot : nullptr);
        if (last) {
            if (!shot) {
                std::cerr << "forecourt: " << shot.error().message << "\n";
                exitCode = kExitFailed;
            } else {
                const auto& s = app->fonts().stats();
                std::cout << "wrote " << *o.screenshot << " after " << frames << " frames (font atlas "
                          << s.width << "x" << s.height << ", " << win.fontTextureBytes() << " bytes)\n";
            }
            break;
        }
        if (o.screenshot || app->wantsFrameSoon()) {
            if (win.pollEvents()) app->requestFrames(2);
            continue;
        }
        // Idle: sleep until input, a task posted by another thread (it wakes the loop), or the
        // next thing due (the header clock's minute, a toast, the kiosk's idle reset). Wake at
        // least once a second only to notice a quit signal; no frame is drawn for that.
        while (!g_quit) {
            const int64_t due = app->nextWakeMs() - clock.nowMs();
            const bool activity = win.waitEvents(static_cast<double>(std::clamp<int64_t>(due, 1, 1000)) / 1000.0);
            if (activity || !app->queue().empty() || clock.nowMs() >= app->nextWakeMs() || win.shouldClose()) break;
        }
        app->requestFrames(2);  // input settles over a couple of frames
    }
    app->queue().setWakeup(nullptr);
    app->fonts().onRebuilt = nullptr;
    win.shutdownImGui();  // while the ImGui context still exists
    app.reset();
    return exitCode;
}
