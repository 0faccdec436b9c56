#include "platform/gfx/window.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace fc::platform {

using core::Errc;
using core::Error;

namespace {

std::string g_lastGlfwError;

void onGlfwError(int code, const char* description) {
    g_lastGlfwError = "GLFW error " + std::to_string(code) + ": " + (description ? description : "");
}

}  // namespace

core::Result<std::unique_ptr<Window>> Window::open(const WindowOptions& o) {
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit())
        return Error(Errc::kUnsupported, "cannot start GLFW (is there a display? set DISPLAY, or run "
                                         "under xvfb-run): " + g_lastGlfwError);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, o.visible ? GLFW_TRUE : GLFW_FALSE);
    GLFWmonitor* monitor = o.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
    int w = o.width, h = o.height;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        w = mode->width;
        h = mode->height;
    }
    GLFWwindow* win = glfwCreateWindow(w, h, o.title.c_str(), monitor, nullptr);
    if (!win) {
        const std::string why = g_lastGlfwError;
        glfwTerminate();
        return Error(Errc::kUnsupported, "cannot open an OpenGL 3.3 window: " + why);
    }
    glfwMakeContextCurrent(win);
    glfwSwapInterval(o.vsync ? 1 : 0);
    std::unique_ptr<Window> window(new Window());
    window->m_window = win;
    // Note every event so an idle loop can tell input from a timeout. Installed before ImGui's
    // backend, which calls these after its own.
    glfwSetWindowUserPointer(win, window.get());
    glfwSetCursorPosCallback(win, [](GLFWwindow* g, double, double) { noteActivity(g); });
    glfwSetMouseButtonCallback(win, [](GLFWwindow* g, int, int, int) { noteActivity(g); });
    glfwSetScrollCallback(win, [](GLFWwindow* g, double, double) { noteActivity(g); });
    glfwSetKeyCallback(win, [](GLFWwindow* g, int, int, int, int) { noteActivity(g); });
    glfwSetCharCallback(win, [](GLFWwindow* g, unsigned int) { noteActivity(g); });
    glfwSetCursorEnterCallback(win, [](GLFWwindow* g, int) { noteActivity(g); });
    glfwSetWindowFocusCallback(win, [](GLFWwindow* g, int) { noteActivity(g); });
    glfwSetWindowSizeCallback(win, [](GLFWwindow* g, int, int) { noteActivity(g); });
    glfwSetFramebufferSizeCallback(win, [](GLFWwindow* g, int, int) { noteActivity(g); });
    glfwSetWindowRefreshCallback(win, [](GLFWwindow* g) { noteActivity(g); });
    glfwSetWindowContentScaleCallback(win, [](GLFWwindow* g, float, float) { noteActivity(g); });
    return window;
}

Window::~Window() {
    shutdownImGui();
    if (m_window) glfwDestroyWindow(m_window);
    glfwTerminate();
}

float Window::contentScale() const {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(m_window, &x, &y);
    return x > 0 ? x : 1.0f;
}

void Window::size(int& width, int& height) const { glfwGetWindowSize(m_window, &width, &height); }

core::Status Window::initImGui() {
    if (!ImGui_ImplGlfw_InitForOpenGL(m_window, true))
        return Error(Errc::kUnsupported, "ImGui's GLFW backend did not start");
    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
        ImGui_ImplGlfw_Shutdown();
        return Error(Errc::kUnsupported, "ImGui's OpenGL3 backend did not start");
    }
    m_imgui = true;
    // Create the backend's shaders and buffers now. It would also build and upload the font atlas
    // as RGBA (4 bytes per texel, plus a full rebuild if its pixels were freed): give it a tiny
    // stand-in atlas for that, drop its texture, and upload ours as R8 instead.
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* real = io.Fonts;
    ImFontAtlas standIn;
    ImFontConfig cfg;
    cfg.SizePixels = 8.0f;
    static const ImWchar kSpace[] = {0x20, 0x20, 0};
    cfg.GlyphRanges = kSpace;
    standIn.AddFontDefault(&cfg);
    io.Fonts = &standIn;
    const bool ok = ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts = real;
    if (!ok) return Error(Errc::kUnsupported, "ImGui's OpenGL3 backend could not create its shaders");
    return {};
}

void Window::shutdownImGui() {
    if (!m_imgui) return;
    if (m_fontTexture) {
        glDeleteTextures(1, &m_fontTexture);
        m_fontTexture = 0;
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    m_imgui = false;
}

void Window::uploadFontAtlas(ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
    GLint maxSize = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSize);
    if (w > maxSize || h > maxSize)
        std::fprintf(stderr, "forecourt: the font atlas (%dx%d) exceeds this GPU's texture limit (%d); text will not show\n",
                     w, h, maxSize);
    if (m_fontTexture) glDeleteTextures(1, &m_fontTexture);
    GLint lastTexture = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &lastTexture);
    glGenTextures(1, &m_fontTexture);
    glBindTexture(GL_TEXTURE_2D, m_fontTexture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    // ImGui's shader multiplies the vertex colour by the texel: make the texel (1, 1, 1, coverage).
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(lastTexture));
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(m_fontTexture)));
    atlas.ClearTexData();  // the GPU has it now
    m_fontBytes = static_cast<size_t>(w) * static_cast<size_t>(h);
}

bool keyTypesText(int key, int mods) {
    if (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) return false;
    if (key >= GLFW_KEY_SPACE && key <= GLFW_KEY_GRAVE_ACCENT) return true;  // letters, digits, punctuation
    if (key == GLFW_KEY_WORLD_1 || key == GLFW_KEY_WORLD_2) return true;
    return key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_EQUAL && key != GLFW_KEY_KP_ENTER;
}

bool keyEndsBurst(int key, int mods) {
    // Shift (a scanner presses it for every capital letter), Caps Lock and Num Lock change what
    // the next key types; they neither type nor end a burst.
    switch (key) {
        case GLFW_KEY_LEFT_SHIFT:
        case GLFW_KEY_RIGHT_SHIFT:
        case GLFW_KEY_CAPS_LOCK:
        case GLFW_KEY_NUM_LOCK: return false;
        default: return !keyTypesText(key, mods);
    }
}

void Window::routeKeys(KeyRoute route) {
    m_keys = std::move(route);
    // ImGui's backend installed its callbacks in initImGui(); ours go in front. Characters reach
    // ImGui only through the route (the app gives them back); other keys are passed on.
    glfwSetCharCallback(m_window, onChar);
    auto previous = glfwSetKeyCallback(m_window, onKey);
    if (previous != onKey) m_imguiKey = previous;
}

void Window::onChar(GLFWwindow* w, unsigned int c) {
    auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w));
    if (!self) return;
    self->m_activity = true;
    if (self->m_keys.character) self->m_keys.character(static_cast<char32_t>(c));
}

void Window::onKey(GLFWwindow* w, int key, int scancode, int action, int mods) {
    auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w));
    if (!self) return;
    self->m_activity = true;
    if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) {
        // The app presses Enter for ImGui when it was typed, not scanned.
        if (action != GLFW_RELEASE && self->m_keys.enter) self->m_keys.enter();
        return;
    }
    // A key that types text arrives as a character next; only a key that types nothing ends a
    // scanner's burst (calling otherKey for every key would empty the burst before each character).
    if (action != GLFW_RELEASE && keyEndsBurst(key, mods) && self->m_keys.otherKey) self->m_keys.otherKey();
    if (self->m_imguiKey) self->m_imguiKey(w, key, scancode, action, mods);
}

void Window::noteActivity(GLFWwindow* w) {
    if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w))) self->m_activity = true;
}

bool Window::shouldClose() const { return glfwWindowShouldClose(m_window) != 0; }

void Window::newFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
}

core::Status Window::render(const std::string* screenshotPng) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    glViewport(0, 0, w, h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    core::Status shot;
    if (screenshotPng && w > 0 && h > 0) {
        std::vector<unsigned char> px(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadBuffer(GL_BACK);
        glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
        // OpenGL's rows go bottom-up; PNG's top-down.
        std::vector<unsigned char> flipped(px.size());
        const size_t row = static_cast<size_t>(w) * 4;
        for (int y = 0; y < h; ++y)
            std::copy_n(px.data() + static_cast<size_t>(h - 1 - y) * row, row, flipped.data() + static_cast<size_t>(y) * row);
        for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // opaque
        shot = writePng(*screenshotPng, w, h, flipped.data());
    }
    glfwSwapBuffers(m_window);
    return shot;
}

bool Window::waitEvents(double timeoutSeconds) {
    if (timeoutSeconds <= 0)
        glfwPollEvents();
    else
        glfwWaitEventsTimeout(timeoutSeconds);
    const bool any = m_activity;
    m_activity = false;
    return any;
}

bool Window::pollEvents() { return waitEvents(0); }

void Window::wake() { glfwPostEmptyEvent(); }

}  // namespace fc::platform
