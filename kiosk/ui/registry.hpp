// What the kit drew this frame, by visible label: every kit widget records its label, scope and
// on-screen rectangle. The headless test driver finds a widget by its (translated) label and
// clicks its centre; nothing else reads this.
//
//   ScopedWidgetScope s(ui.registry(), "keypad");   // records "keypad" / "7"
//   const WidgetRecord* r = registry.find("确定");    // last complete frame
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace fc::ui {

enum class WidgetKind { kButton, kKey, kTextField, kRow, kToast, kCheckbox, kPad, kOther };

struct WidgetRecord {
    std::string label;  // what the user sees ("确定", "7", "京", a row's first cell)
    std::string scope;  // "/"-joined scopes it was drawn in ("confirm", "plate/provinces")
    WidgetKind kind = WidgetKind::kOther;
    ImVec2 min;         // visible (clipped) rectangle in screen pixels
    ImVec2 max;
    bool enabled = true;
    ImVec2 itemMin;     // the whole item, before clipping: equal to min/max when fully visible
    ImVec2 itemMax;
    // Within a pixel (ImGui rounds clip rectangles to whole pixels).
    bool fullyVisible() const {
        return min.x <= itemMin.x + 1 && min.y <= itemMin.y + 1 && max.x + 1 >= itemMax.x && max.y + 1 >= itemMax.y;
    }
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

class WidgetRegistry {
public:
    // A frame starts / ends: at the end, what was recorded becomes lastFrame().
    void beginFrame();
    void endFrame();
    // Records the last ImGui item (clipped to the window; nothing when it is not visible).
    void recordLastItem(std::string_view label, WidgetKind kind, bool enabled = true);
    void record(std::string_view label, WidgetKind kind, ImVec2 min, ImVec2 max, bool enabled);
    void record(std::string_view label, WidgetKind kind, ImVec2 min, ImVec2 max, bool enabled, ImVec2 itemMin,
                ImVec2 itemMax);

    void pushScope(std::string_view scope);
    void popScope();

    // The last complete frame's widgets.
    const std::vector<WidgetRecord>& lastFrame() const { return m_last; }
    // The widget labelled `label` whose scope contains `scope` (any when empty), from the last
    // complete frame; nullptr when there is none. With several matches the last drawn (topmost)
    // one wins.
    const WidgetRecord* find(std::string_view label, std::string_view scope = {}) const;
    size_t count(std::string_view label, std::string_view scope = {}) const;

    bool enabled = true;  // off: record nothing (no cost)

private:
    std::vector<WidgetRecord> m_current;
    std::vector<WidgetRecord> m_last;
    std::vector<std::string> m_scopes;
    std::string m_scope;
};

class ScopedWidgetScope {
public:
    ScopedWidgetScope(WidgetRegistry& r, std::string_view scope) : m_r(r) { r.pushScope(scope); }
    ~ScopedWidgetScope() { m_r.popScope(); }
    ScopedWidgetScope(const ScopedWidgetScope&) = delete;
    ScopedWidgetScope& operator=(const ScopedWidgetScope&) = delete;

private:
    WidgetRegistry& m_r;
};

}  // namespace fc::ui
