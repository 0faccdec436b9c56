#include "kiosk/testing/headless.hpp"

#include <cassert>

#include "kiosk/app/app.hpp"
#include "kiosk/ui/toast_view.hpp"
#include "platform/gfx/font_files.hpp"

namespace fc::ui {

// [SECTION] HeadlessDriver

HeadlessDriver::HeadlessDriver(ImGuiContext* context, WidgetRegistry& registry, FrameFn frame,
                               HeadlessOptions options)
    : m_context(context), m_registry(registry), m_frame(std::move(frame)), m_options(options) {
    ImGuiIO& in = io();
    for (int k = 0; k < ImGuiKey_COUNT; ++k) in.KeyMap[k] = k;  // KeysDown[] indexed by ImGuiKey
    in.MousePos = ImVec2(-1.0f, -1.0f);
    in.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
}

ImGuiIO& HeadlessDriver::io() {
    ImGui::SetCurrentContext(m_context);
    return ImGui::GetIO();
}

void HeadlessDriver::frame(int n) {
    for (int i = 0; i < n; ++i) {
        ImGuiIO& in = io();
        in.DisplaySize = m_options.displaySize;
        in.DeltaTime = m_options.deltaTime;
        m_frame();
        ++m_frames;
    }
}

const WidgetRecord* HeadlessDriver::find(std::string_view label, std::string_view scope) const {
    return m_registry.find(label, scope);
}

void HeadlessDriver::clickAt(ImVec2 pos) {
    io().MousePos = pos;
    frame();
    io().MouseDown[0] = true;
    frame();
    io().MouseDown[0] = false;
    frame();
    frame();  // results (a pushed screen, a toast) show
}

namespace {

bool sameLayout(const std::vector<WidgetRecord>& a, const std::vector<WidgetRecord>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const WidgetRecord& x = a[i];
        const WidgetRecord& y = b[i];
        if (x.label != y.label || x.enabled != y.enabled || x.min.x != y.min.x || x.min.y != y.min.y ||
            x.max.x != y.max.x || x.max.y != y.max.y)
            return false;
    }
    return true;
}

}  // namespace

void HeadlessDriver::settle() {
    // As the real event loop does: draw until a frame lays out exactly what the one before did
    // (a new step may measure itself on its first frame), so a tap lands where a person sees it.
    for (int i = 0; i < 10; ++i) {
        const std::vector<WidgetRecord> before = m_registry.lastFrame();
        frame();
        if (sameLayout(before, m_registry.lastFrame())) return;
    }
}

bool HeadlessDriver::click(std::string_view label, std::string_view scope) {
    settle();
    const WidgetRecord* r = find(label, scope);
    for (int i = 0; !r && i < 3; ++i) {
        frame();
        r = find(label, scope);
    }
    if (!r || !r->enabled) return false;
    clickAt(r->center());
    return true;
}

bool HeadlessDriver::drag(std::string_view label, ImVec2 from, ImVec2 to, int steps, std::string_view scope) {
    settle();
    const WidgetRecord* r = find(label, scope);
    if (!r) {
        frame();
        r = find(label, scope);
    }
    if (!r) return false;
    const ImVec2 a = r->min, b = r->max;
    const auto at = [&](ImVec2 t) { return ImVec2(a.x + (b.x - a.x) * t.x, a.y + (b.y - a.y) * t.y); };
    io().MousePos = at(from);
    frame();
    io().MouseDown[0] = true;
    frame();
    for (int i = 1; i <= steps; ++i) {
        const float k = static_cast<float>(i) / static_cast<float>(steps);
        io().MousePos = at(ImVec2(from.x + (to.x - from.x) * k, from.y + (to.y - from.y) * k));
        frame();
    }
    io().MouseDown[0] = false;
    frame();
    frame();
    return true;
}

void HeadlessDriver::type(std::string_view utf8) {
    const std::string s(utf8);
    io().AddInputCharactersUTF8(s.c_str());
    frame();
    frame();
}

void HeadlessDriver::press(ImGuiKey key) {
    io().KeysDown[key] = true;
    frame();
    io().KeysDown[key] = false;
    frame();
}

bool HeadlessDriver::scroll(std::string_view label, float wheel, std::string_view scope) {
    const WidgetRecord* r = find(label, scope);
    if (!r) return false;
    io().MousePos = r->center();
    frame();
    io().MouseWheel = wheel;
    frame();
    io().MouseWheel = 0;
    frame();
    return true;
}

bool HeadlessDriver::scan(std::string_view code) {
    if (!m_wedgeScan) return false;
    m_wedgeScan(code);
    frame();
    frame();
    return true;
}

HeadlessDriver driveApp(App& app, HeadlessOptions options) {
    HeadlessDriver d(app.imgui(), app.ui().registry(), [&app] {
        app.beginFrame();
        app.frame();
    }, options);
    // A scanner's burst: every key at the same clock time (well inside the wedge's 30 ms gap).
    d.m_wedgeScan = [&app](std::string_view code) {
        for (unsigned char c : code) app.keyChar(static_cast<char32_t>(c));
        app.keyEnter();
    };
    return d;
}

// [SECTION] KitHarness

KitHarness::KitHarness(KitHarnessOptions options)
    : m_options(std::move(options)), m_theme(Theme::make(m_options.mode, 1.0f)) {
    assert(m_options.clock && "KitHarness needs a clock (a ManualClock in tests)");
    std::string path;
    int index = 0;
    if (m_options.font == "cjk") {
        auto f = platform::findCjkFont();
        if (f) {
            path = f->path;
            index = f->index;
        }
    } else if (m_options.font != "-") {
        path = m_options.font;
    }
    m_fonts = std::make_unique<FontManager>(path, index, FontSizes{m_theme.fontBody, m_theme.fontLarge});
    m_fonts->addUiText(m_options.glyphText);
    (void)m_fonts->rebuild();
    m_ui = std::make_unique<Ui>(m_theme, *m_fonts, *m_options.clock);
    m_context = ImGui::CreateContext(&m_fonts->atlas());
    ImGui::SetCurrentContext(m_context);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    m_theme.apply(ImGui::GetStyle());
    ImGui::GetIO().FontDefault = m_fonts->body();
    m_driver = std::make_unique<HeadlessDriver>(m_context, m_ui->registry(), [this] { frame(); },
                                                m_options.headless);
}

KitHarness::~KitHarness() {
    m_driver.reset();
    ImGui::DestroyContext(m_context);
}

void KitHarness::beforeFrame() {
    ImGui::SetCurrentContext(m_context);
    if (m_fonts->needsRebuild()) {
        (void)m_fonts->rebuild();
        ImGui::GetIO().FontDefault = m_fonts->body();
    }
}

void KitHarness::frame() {
    beforeFrame();
    ImGui::NewFrame();
    m_ui->beginFrame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##kit", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (m_draw) m_draw(*m_ui);
    ImGui::End();
    drawToasts(*m_ui);
    m_ui->endFrame();
    ImGui::Render();
}

}  // namespace fc::ui
