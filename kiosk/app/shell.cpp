// The shell around every screen: the header (back, store name, mode and screen title, clock,
// language toggle), the sync status strip, and the body where the top screen draws.
#include <algorithm>

#include "kiosk/app/app.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/sync_strip.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

namespace {

const char* modeLabel(Mode mode) {
    switch (mode) {
        case Mode::kKiosk: return tr("mode.kiosk");
        case Mode::kWorkshop: return tr("mode.workshop");
        case Mode::kWarehouse: return tr("mode.warehouse");
        case Mode::kOffice: return tr("mode.office");
    }
    return "";
}

}  // namespace

void App::drawShell() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar |
                                   ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("##shell", nullptr, flags);
    drawHeader();
    syncStrip(*m_ui, m_syncView);
    ImGui::PopStyleVar(2);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(m_theme.pad, m_theme.pad));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, m_theme.colors.background);
    ImGui::BeginChild("##body", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    if (Screen* screen = m_router.top()) {
        ImGui::PushID(static_cast<int>(m_router.topSerial()));
        screen->draw(*m_ui);
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::End();
}

void App::drawHeader() {
    Ui& ui = *m_ui;
    const Theme& t = m_theme;
    const Palette& p = t.colors;
    ScopedWidgetScope scope(ui.registry(), "header");
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float h = t.touch + 2 * t.gap;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + h), p.header);

    float x = origin.x + t.pad;
    const float buttonY = origin.y + t.gap;
    if (m_router.canGoBack() && m_router.top() && m_router.top()->allowsBack()) {
        ImGui::SetCursorScreenPos(ImVec2(x, buttonY));
        if (button(ui, tr("shell.back"))) m_router.pop();
        x = ImGui::GetItemRectMax().x + t.pad;
    }
    // Store name (large), then mode · screen title.
    {
        FontScope f(ui.largeFont());
        const std::string& name = m_store.storeName.empty() ? std::string(tr("shell.unnamed_store")) : m_store.storeName;
        const ImVec2 ts = textSize(ui.largeFont(), name);
        dl->AddText(ui.largeFont(), ui.largeFont()->FontSize, ImVec2(x, origin.y + (h - ts.y) * 0.5f),
                    p.headerText, name.c_str());
        x += ts.x + t.pad;
    }
    // Mode · screen title; the title goes first when there is no room for both, never a clipped word.
    const std::string mode = modeLabel(m_config.mode);
    std::string subtitle = mode;
    if (Screen* s = m_router.top()) subtitle += "  ·  " + s->title();

    // Right side: clock, then the language toggle.
    const char* toggle = tr("shell.language_toggle");
    const float toggleW = textSize(ui.bodyFont(), toggle).x + 2 * t.pad;
    const std::string clock = formatClockTime(ui.nowMs(), ui.nowMs(), m_store.time);
    const ImVec2 clockSize = textSize(ui.largeFont(), clock);
    float right = origin.x + width - t.pad - toggleW;
    ImGui::SetCursorScreenPos(ImVec2(right, buttonY));
    if (button(ui, toggle, {.width = toggleW})) setLanguage(m_i18n.otherLanguage());
    // Kiosk: a quiet but touch-sized way for staff to sign in (and leave kiosk mode), only on
    // the welcome screen so a customer mid-check-in never sees it.
    if (m_config.mode == Mode::kKiosk && !m_router.canGoBack()) {
        const char* staff = tr("app.staff");
        const float staffW = textSize(ui.bodyFont(), staff).x + 2 * t.pad;
        right -= t.pad + staffW;
        ImGui::SetCursorScreenPos(ImVec2(right, buttonY));
        if (button(ui, staff, {.width = staffW}))
            openKioskStaffSignIn(*m_context, ui, m_services->get<core::StaffService>(),
                                 m_services->get<core::SessionManager>());
    }
    right -= t.pad * 1.5f + clockSize.x;
    dl->AddText(ui.largeFont(), ui.largeFont()->FontSize, ImVec2(right, origin.y + (h - clockSize.y) * 0.5f),
                p.headerText, clock.c_str());

    const float room = right - t.pad - x;
    if (textSize(ui.bodyFont(), subtitle).x > room) subtitle = mode;
    if (textSize(ui.bodyFont(), subtitle).x > room) subtitle.clear();
    const ImVec2 ss = textSize(ui.bodyFont(), subtitle);
    const ImVec4 clip(x, origin.y, right - t.pad, origin.y + h);
    dl->AddText(ui.bodyFont(), ui.bodyFont()->FontSize, ImVec2(x, origin.y + (h - ss.y) * 0.5f),
                IM_COL32(200, 216, 240, 255), subtitle.c_str(), nullptr, 0.0f, &clip);

    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, h));
}

void App::drawIdleWarning() {
    if (m_idleResetAt == 0) return;
    Ui& ui = *m_ui;
    const Theme& t = m_theme;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // A panel in the middle, over the step; any touch anywhere also counts as "still here".
    const float width = std::min(vp->WorkSize.x * 0.9f, std::max(t.touch * 9, vp->WorkSize.x * 0.5f));
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.pad * 1.5f, t.pad * 1.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, t.colors.primary);
    ImGui::Begin("##idle-warning", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
    {
        ScopedWidgetScope scope(ui.registry(), "idle");
        heading(ui, tr("app.idle.title"));
        space(ui, 0.5f);
        const int64_t left = std::max<int64_t>(0, m_idleResetAt - m_clock.nowMs());
        text(ui, tr("app.idle.message", {{"seconds", std::to_string((left + 999) / 1000)}}));
        space(ui);
        if (button(ui, tr("app.idle.continue"), {.kind = ButtonKind::kPrimary, .width = -1, .large = true})) {
            m_lastInputMs = m_clock.nowMs();
            m_idleResetAt = 0;
            requestFrames(2);
        }
    }
    ImGui::End();
}

}  // namespace fc::ui
