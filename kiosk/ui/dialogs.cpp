#include "kiosk/ui/dialogs.hpp"

#include <algorithm>

#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

void ConfirmDialog::open(ConfirmRequest request) {
    m_request = std::move(request);
    m_state = State::kOpening;
}

std::optional<bool> ConfirmDialog::draw(Ui& ui, std::string_view id) {
    if (m_state == State::kClosed) return std::nullopt;
    const std::string popupId = "##confirm-" + std::string(id);
    if (m_state == State::kOpening) {
        ImGui::OpenPopup(popupId.c_str());
        m_state = State::kOpen;
    }
    const Theme& t = ui.theme();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width = std::min(vp->WorkSize.x * 0.9f, std::max(t.touch * 9, vp->WorkSize.x * 0.45f));
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    std::optional<bool> answer;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.pad * 1.5f, t.pad * 1.5f));
    const bool shown = ImGui::BeginPopupModal(popupId.c_str(), nullptr,
                                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                                  ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                                  ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar();
    if (shown) {
        ScopedWidgetScope scope(ui.registry(), std::string("confirm/") + std::string(id));
        heading(ui, m_request.title);
        if (!m_request.message.empty()) {
            space(ui, 0.5f);
            text(ui, m_request.message);
        }
        space(ui, 1.5f);
        const float w = columnWidth(ui, 2);
        if (button(ui, m_request.no, {.width = w, .large = true})) answer = false;
        ImGui::SameLine();
        if (button(ui, m_request.yes, {.kind = m_request.danger ? ButtonKind::kDanger : ButtonKind::kPrimary,
                                       .width = w, .large = true}))
            answer = true;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) answer = false;
        if (answer) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    } else {
        // Closed from outside (another modal, a screen change): count it as no.
        answer = false;
    }
    if (answer) m_state = State::kClosed;
    return answer;
}

}  // namespace fc::ui
