// forecourt: the app. Parses the command line, opens the window (platform/gfx), runs the App
// (kiosk/app) in an event loop that sleeps when nothing happens. Key events go through the App's
// keyboard-wedge detector (USB scanners) before ImGui; --camera feeds the scan pipeline.
#include <algorithm>
#include <csignal>
#include <iostream>

#include <GLFW/glfw3.h>

#include "kiosk/app/app.hpp"
#include "kiosk/app/options.hpp"
#include "platform/gfx/window.hpp"
#include "platform/scan/pipeline.hpp"

namespace {

volatile std::sig_atomic_t g_quit = 0;
void onQuitSignal(int) { g_quit = 1; }

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// The wedge route: ImGui's GLFW backend installed its char/key callbacks in initImGui(); ours go
// in front. Characters and Enter go to the App's wedge detector (which gives a person's typing
// back to ImGui); any other key first flushes what the wedge holds, then reaches ImGui as before.
fc::ui::App* g_app = nullptr;
GLFWkeyfun g_imguiKey = nullptr;

void onChar(GLFWwindow*, unsigned int c) {
    if (!g_app) return;
    g_app->keyChar(static_cast<char32_t>(c));
    g_app->requestFrames(2);
}

void onKey(GLFWwindow* w, int key, int scancode, int action, int mods) {
    if (!g_app) return;
    if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) {
        if (action != GLFW_RELEASE) g_app->keyEnter();  // the App presses Enter for ImGui if typed
    } else {
        if (action != GLFW_RELEASE) g_app->keyOther();
        if (g_imguiKey) g_imguiKey(w, key, scancode, action, mods);
    }
    g_app->requestFrames(2);
}

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
    g_app = app.get();
    if (GLFWwindow* gw = glfwGetCurrentContext()) {
        glfwSetCharCallback(gw, onChar);
        g_imguiKey = glfwSetKeyCallback(gw, onKey);
    }

    // Optional camera: results are routed like a wedge scan. No camera: a line and a toast.
    std::unique_ptr<fc::platform::ScanPipeline> scans;
    std::unique_ptr<fc::platform::FrameSource> camera;
    std::unique_ptr<fc::platform::CameraFeed> feed;
    if (!o.camera.empty()) {
        App* a = app.get();
        scans = std::make_unique<fc::platform::ScanPipeline>(fc::platform::ScanPipeline::Options{}, [a, &scans] {
            a->queue().post([a, &scans] {
                for (fc::platform::ScanEvent& e : scans->drain()) {
                    if (e.error) std::cerr << "forecourt: camera: " << e.error->message << "\n";
                    for (const auto& code : e.codes) a->routeScan(code.text);
                }
            });
        });
        camera = fc::platform::makeV4l2Camera(o.camera);
        feed = std::make_unique<fc::platform::CameraFeed>(*camera, *scans);
        if (auto r = feed->start(); !r) {
            std::cerr << "forecourt: camera " << o.camera << " unavailable: " << r.error().message << "\n";
            app->ui().toasts().show(fc::ui::tr("app.camera_unavailable", {{"reason", r.error().message}}),
                                    fc::ui::ToastKind::kError, 8000);
            feed.reset();
        }
    }

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
            if (activity || !app->queue().empty() || app->wantsFrameSoon() || clock.nowMs() >= app->nextWakeMs() ||
                win.shouldClose())
                break;
        }
        app->requestFrames(2);  // input settles over a couple of frames
    }
    feed.reset();  // the camera thread stops before the pipeline and the app go
    scans.reset();
    g_app = nullptr;
    app->queue().setWakeup(nullptr);
    app->fonts().onRebuilt = nullptr;
    win.shutdownImGui();  // while the ImGui context still exists
    app.reset();
    return exitCode;
}
