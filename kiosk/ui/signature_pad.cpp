#include "kiosk/ui/signature_pad.hpp"

#include <algorithm>
#include <cmath>

#include <imgui_internal.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

bool SignaturePad::isSigned() const {
    float ink = 0;
    for (const auto& s : m_strokes)
        for (size_t i = 1; i < s.size(); ++i) {
            const float dx = (s[i].x - s[i - 1].x);
            const float dy = (s[i].y - s[i - 1].y) / m_aspect;  // in units of the pad's width
            ink += std::sqrt(dx * dx + dy * dy);
        }
    return ink >= 0.05f;
}

bool SignaturePad::draw(Ui& ui, std::string_view label, ImVec2 size) {
    const Theme& t = ui.theme();
    const Palette& p = ui.colors();
    if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
    if (size.y <= 0) size.y = std::max(t.touch * 2, size.x / 3);
    m_aspect = size.x / size.y;
    bool changed = false;

    ImGui::PushID(label.data(), label.data() + label.size());
    ImGui::InvisibleButton("##pad", size);
    ui.registry().recordLastItem(label, WidgetKind::kPad);
    const ImRect bb(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImGuiIO& io = ImGui::GetIO();
    const auto norm = [&](ImVec2 m) {
        return SignaturePoint{std::clamp((m.x - bb.Min.x) / bb.GetWidth(), 0.0f, 1.0f),
                              std::clamp((m.y - bb.Min.y) / bb.GetHeight(), 0.0f, 1.0f)};
    };
    if (ImGui::IsItemActivated()) {
        m_strokes.push_back({norm(io.MousePos)});
        m_drawing = true;
        changed = true;
    } else if (m_drawing && ImGui::IsItemActive()) {
        const SignaturePoint pt = norm(io.MousePos);
        const SignaturePoint& last = m_strokes.back().back();
        if (std::fabs(pt.x - last.x) * bb.GetWidth() >= 1.0f || std::fabs(pt.y - last.y) * bb.GetHeight() >= 1.0f) {
            m_strokes.back().push_back(pt);
            changed = true;
        }
    }
    if (!ImGui::IsItemActive()) m_drawing = false;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(bb.Min, bb.Max, p.surface, t.rounding);
    dl->AddRect(bb.Min, bb.Max, p.border, t.rounding, 0, 2.0f);
    const float baseY = bb.Max.y - bb.GetHeight() * 0.22f;
    dl->AddLine(ImVec2(bb.Min.x + t.pad, baseY), ImVec2(bb.Max.x - t.pad, baseY), p.border, 2.0f);
    if (m_strokes.empty()) {
        const ImVec2 ts = textSize(ui.bodyFont(), label);
        dl->AddText(ImVec2(bb.Min.x + (bb.GetWidth() - ts.x) * 0.5f, baseY - ts.y - t.gap), p.textMuted,
                    label.data(), label.data() + label.size());
    }
    const float thickness = std::max(2.0f, 3.0f * t.scale);
    std::vector<ImVec2> pts;
    for (const auto& s : m_strokes) {
        pts.clear();
        for (const auto& q : s)
            pts.emplace_back(bb.Min.x + q.x * bb.GetWidth(), bb.Min.y + q.y * bb.GetHeight());
        if (pts.size() == 1)
            dl->AddCircleFilled(pts[0], thickness * 0.5f, p.text);
        else
            dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), p.text, 0, thickness);
    }
    if (button(ui, tr("signature.clear"), {.enabled = !m_strokes.empty()})) {
        clear();
        changed = true;
    }
    ImGui::PopID();
    return changed;
}

}  // namespace fc::ui
