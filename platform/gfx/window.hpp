// The app's window: GLFW + an OpenGL 3.3 core context + Dear ImGui's GLFW and OpenGL3 backends.
// The only code in the project that touches GLFW or OpenGL. The font atlas is uploaded as a
// one-byte-per-texel texture (a quarter of what ImGui's stock RGBA upload takes); screenshots
// read the back buffer and write a PNG. Typed keys can be routed through the app first (a USB
// barcode scanner is a keyboard: routeKeys()).
//
//   FC_ASSIGN(auto win, Window::open({.title = "Forecourt", .width = 1280, .height = 800}));
//   ImGui::CreateContext(...);  FC_TRY(win->initImGui());  win->uploadFontAtlas(atlas);
//   win->routeKeys({.character = …, .enter = …, .otherKey = …});
//   while (!win->shouldClose()) { win->newFrame(); …ImGui…; win->render(); win->waitEvents(1.0); }
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "shared/core/result.hpp"

struct GLFWwindow;
struct ImFontAtlas;

namespace fc::platform {

struct WindowOptions {
    std::string title = "Forecourt";
    int width = 1280;
    int height = 800;
    bool fullscreen = false;  // the primary monitor at its current video mode
    bool vsync = true;
    bool visible = true;
};

// Where typed keys go before ImGui. Text characters and Enter go to the app (its keyboard-wedge
// detector gives a person's typing back to ImGui and keeps a scanner's burst); any other key — one
// that types nothing: arrows, Backspace, Tab, Escape, function keys, a Ctrl/Alt shortcut — first
// tells the app (a burst has ended) and then reaches ImGui as usual.
struct KeyRoute {
    std::function<void(char32_t)> character;
    std::function<void()> enter;
    std::function<void()> otherKey;
};

// Whether a GLFW key press types text (so its character arrives through the char callback):
// printable keys and the keypad's digits and operators without Ctrl, Alt or Super. Exposed for
// tests.
bool keyTypesText(int glfwKey, int glfwMods);
// Whether a key press ends a scanner's burst: a key that types nothing, except Shift, Caps Lock
// and Num Lock (a scanner holds Shift for capitals). Exposed for tests.
bool keyEndsBurst(int glfwKey, int glfwMods);

class Window {
public:
    static core::Result<std::unique_ptr<Window>> open(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // The display's content scale (1 on a 96-dpi screen, 2 on a HiDPI one).
    float contentScale() const;
    // The window's size in screen coordinates (after a fullscreen switch: the monitor's).
    void size(int& width, int& height) const;
    // Starts ImGui's GLFW and OpenGL3 backends for the current ImGui context. The font texture
    // is not created by the backend: call uploadFontAtlas().
    core::Status initImGui();
    void shutdownImGui();
    // After initImGui(): typed keys go through `route` (see KeyRoute).
    void routeKeys(KeyRoute route);
    // Uploads a built atlas as an R8 texture (swizzled to white + alpha) and sets its TexID;
    // frees the atlas's CPU pixels and the previous texture.
    void uploadFontAtlas(ImFontAtlas& atlas);
    size_t fontTextureBytes() const { return m_fontBytes; }

    bool shouldClose() const;
    void newFrame();  // the backends' NewFrame (before ImGui::NewFrame)
    // Renders ImGui's draw data; when `screenshotPng` is given, reads the frame back and writes
    // it as a PNG before presenting. Returns an error only for the screenshot.
    core::Status render(const std::string* screenshotPng = nullptr);
    // Sleeps until an event, a wake() from another thread, or the timeout. Returns whether input
    // or a window event (resize, focus, expose) arrived since the last call.
    bool waitEvents(double timeoutSeconds);
    bool pollEvents();
    // Thread-safe: wakes waitEvents (glfwPostEmptyEvent).
    static void wake();

private:
    Window() = default;
    static void noteActivity(GLFWwindow* w);
    static void onChar(GLFWwindow* w, unsigned int c);
    static void onKey(GLFWwindow* w, int key, int scancode, int action, int mods);
    GLFWwindow* m_window = nullptr;
    KeyRoute m_keys;
    void (*m_imguiKey)(GLFWwindow*, int, int, int, int) = nullptr;
    unsigned int m_fontTexture = 0;
    size_t m_fontBytes = 0;
    bool m_imgui = false;
    bool m_activity = true;  // set by the GLFW callbacks (ImGui's backend chains to them)
};

// Writes RGBA pixels (top row first) as a PNG. For screenshots and tests.
core::Status writePng(const std::string& path, int width, int height, const unsigned char* rgba);

}  // namespace fc::platform
