#include "kiosk/ui/sync_strip.hpp"

#include <ctime>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

std::string formatClockTime(int64_t ms, int64_t nowMs, const core::StoreTime& time) {
    // The store's clock, not the machine's time zone (a kiosk image set to UTC still shows
    // Beijing time, as every list does).
    const auto toTm = [&time](int64_t t) {
        std::tm tm{};
        const std::time_t s = static_cast<std::time_t>((t + time.offsetMs()) / 1000);
        gmtime_r(&s, &tm);
        return tm;
    };
    const std::tm a = toTm(ms);
    const std::tm b = toTm(nowMs);
    char buf[32];
    if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
        std::strftime(buf, sizeof buf, "%H:%M", &a);
    else
        std::strftime(buf, sizeof buf, "%m-%d %H:%M", &a);
    return buf;
}

void syncStrip(Ui& ui, const SyncView& v) {
    const Theme& t = ui.theme();
    const Palette& p = ui.colors();
    ScopedWidgetScope scope(ui.registry(), "sync");
    ImU32 dot = p.textMuted;
    const char* state = tr("sync.not_configured");
    switch (v.state) {
        case SyncState::kNotConfigured: break;
        case SyncState::kConnecting: dot = p.warning, state = tr("sync.connecting"); break;
        case SyncState::kOnline: dot = p.success, state = tr("sync.online"); break;
        case SyncState::kOffline: dot = p.warning, state = tr("sync.offline"); break;
    }
    std::string line = state;
    if (v.state != SyncState::kNotConfigured) {
        line += "   ·   ";
        line += v.pending == 0 ? std::string(tr("sync.all_sent")) : tr("sync.pending", {{"count", v.pending}});
        line += "   ·   ";
        line += v.lastSuccessMs == 0 ? std::string(tr("sync.never"))
                                     : tr("sync.last", {{"time", formatClockTime(v.lastSuccessMs, ui.nowMs())}});
    }
    if (v.conflictsOpen > 0) {
        line += "   ·   ";
        line += tr("sync.conflicts", {{"count", v.conflictsOpen}});
    }
    if (t.mode == Mode::kOffice && v.state == SyncState::kOffline && !v.lastError.empty()) {
        line += "   ·   ";
        line += tr("sync.error", {{"message", v.lastError}});
        ui.ensureGlyphs(v.lastError);
    }

    // What staff must fix even when all is sent: an amber badge at the right end, never cut.
    std::string alerts;
    if (v.unencrypted && v.state != SyncState::kNotConfigured) alerts = tr("sync.unencrypted");
    if (v.state == SyncState::kOnline && !v.clockProblem.empty())
        alerts += (alerts.empty() ? "" : "  ·  ") + std::string(tr("sync.clock_wrong"));

    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = std::max(ImGui::GetFontSize() + t.gap, t.touch * 0.6f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), IM_COL32(232, 237, 244, 255));
    const float r = ImGui::GetFontSize() * 0.25f;
    dl->AddCircleFilled(ImVec2(pos.x + t.pad + r, pos.y + h * 0.5f), r, dot);
    const float textY = pos.y + (h - ImGui::GetFontSize()) * 0.5f;
    float lineEnd = pos.x + w - t.pad;
    if (!alerts.empty()) {
        const float aw = ImGui::CalcTextSize(alerts.c_str()).x;
        const float ax = std::max(pos.x + t.pad + 3 * r, pos.x + w - t.pad - aw);
        const float inset = t.gap * 0.5f;
        dl->AddRectFilled(ImVec2(ax - inset, pos.y + inset * 0.5f),
                          ImVec2(pos.x + w - t.pad + inset, pos.y + h - inset * 0.5f), p.warning,
                          ImGui::GetFontSize() * 0.3f);
        dl->AddText(ImVec2(ax, textY), p.text, alerts.c_str());
        lineEnd = ax - 2 * t.gap;
    }
    const ImVec4 clip(pos.x, pos.y, lineEnd, pos.y + h);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + t.pad + 3 * r, textY),
                v.conflictsOpen > 0 ? p.danger : p.text, line.c_str(), nullptr, 0.0f, &clip);
    ImGui::Dummy(ImVec2(w, h));
    ui.registry().recordLastItem(alerts.empty() ? line : line + "   ·   " + alerts, WidgetKind::kOther);
}

}  // namespace fc::ui
