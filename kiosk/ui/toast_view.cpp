#include "kiosk/ui/toast_view.hpp"

#include <algorithm>
#include <cfloat>

#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

void drawToasts(Ui& ui) {
    const int64_t now = ui.nowMs();
    const std::vector<Toast>& toasts = ui.toasts().update(now);
    if (toasts.empty()) return;

    const Theme& th = ui.theme();
    const Palette& p = ui.colors();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float bottom = vp->WorkPos.y + vp->WorkSize.y - th.pad * 2;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    ImFont* font = ui.bodyFont();
    const float maxWidth = vp->WorkSize.x * 0.8f;
    for (auto it = toasts.rbegin(); it != toasts.rend(); ++it) {
        const Toast& t = *it;
        const int64_t left = t.expiresAt - now;
        float alpha = 1.0f;
        if (left < Toasts::kFadeMs) {
            alpha = static_cast<float>(left) / static_cast<float>(Toasts::kFadeMs);
            ui.animate();
        } else {
            ui.wakeAt(t.expiresAt - Toasts::kFadeMs);
        }
        const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, maxWidth, t.text.c_str());
        const ImVec2 size(ts.x + th.pad * 2, std::max(th.touch, ts.y + th.pad));
        const ImVec2 a(vp->WorkPos.x + (vp->WorkSize.x - size.x) * 0.5f, bottom - size.y);
        const ImVec2 b(a.x + size.x, bottom);
        ImU32 bg = t.kind == ToastKind::kError     ? p.danger
                   : t.kind == ToastKind::kSuccess ? p.success
                                                   : IM_COL32(40, 48, 60, 255);
        const auto fade = [&](ImU32 c) {
            const auto a8 = static_cast<ImU32>(static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
            return (c & ~IM_COL32_A_MASK) | (a8 << IM_COL32_A_SHIFT);
        };
        dl->AddRectFilled(a, b, fade(bg), th.rounding);
        dl->AddText(font, font->FontSize, ImVec2(a.x + th.pad, a.y + (size.y - ts.y) * 0.5f),
                    fade(p.primaryText), t.text.c_str(), nullptr, maxWidth);
        ui.registry().record(t.text, WidgetKind::kToast, a, b, true);
        bottom = a.y - th.gap;
    }
}

}  // namespace fc::ui
