#include "kiosk/ui/registry.hpp"

#include <imgui_internal.h>

namespace fc::ui {

void WidgetRegistry::beginFrame() {
    m_current.clear();
    m_scopes.clear();
    m_scope.clear();
}

void WidgetRegistry::endFrame() { m_last.swap(m_current); }

void WidgetRegistry::recordLastItem(std::string_view label, WidgetKind kind, bool enabled_) {
    if (!enabled || !ImGui::IsItemVisible()) return;
    ImGuiWindow* w = ImGui::GetCurrentWindowRead();
    const ImRect item(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImRect r = item;
    r.ClipWithFull(w->ClipRect);
    if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
    record(label, kind, r.Min, r.Max, enabled_, item.Min, item.Max);
}

void WidgetRegistry::record(std::string_view label, WidgetKind kind, ImVec2 min, ImVec2 max,
                            bool enabled_) {
    record(label, kind, min, max, enabled_, min, max);
}

void WidgetRegistry::record(std::string_view label, WidgetKind kind, ImVec2 min, ImVec2 max, bool enabled_,
                            ImVec2 itemMin, ImVec2 itemMax) {
    if (!enabled) return;
    m_current.push_back(WidgetRecord{std::string(label), m_scope, kind, min, max, enabled_, itemMin, itemMax});
}

void WidgetRegistry::pushScope(std::string_view scope) {
    m_scopes.emplace_back(scope);
    if (!m_scope.empty()) m_scope += '/';
    m_scope += scope;
}

void WidgetRegistry::popScope() {
    if (m_scopes.empty()) return;
    m_scopes.pop_back();
    m_scope.clear();
    for (const auto& s : m_scopes) {
        if (!m_scope.empty()) m_scope += '/';
        m_scope += s;
    }
}

namespace {
bool inScope(const WidgetRecord& r, std::string_view scope) {
    return scope.empty() || r.scope.find(scope) != std::string::npos;
}
}  // namespace

const WidgetRecord* WidgetRegistry::find(std::string_view label, std::string_view scope) const {
    const WidgetRecord* found = nullptr;
    for (const auto& r : m_last)
        if (r.label == label && inScope(r, scope)) found = &r;
    return found;
}

size_t WidgetRegistry::count(std::string_view label, std::string_view scope) const {
    size_t n = 0;
    for (const auto& r : m_last) n += (r.label == label && inScope(r, scope)) ? 1 : 0;
    return n;
}

}  // namespace fc::ui
