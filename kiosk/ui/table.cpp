#include "kiosk/ui/table.hpp"

#include <algorithm>
#include <cmath>

#include <imgui_internal.h>

namespace fc::ui {

std::optional<int> VirtualTable::draw(Ui& ui, std::string_view id,
                                      const std::vector<TableColumn>& columns, int rowCount,
                                      const CellText& cell, const TableOptions& o) {
    const Theme& t = ui.theme();
    const float rowH = o.rowHeight > 0 ? std::max(o.rowHeight, t.touch) : t.touch;
    std::optional<int> picked;
    m_rowsDrawn = 0;
    m_firstRow = 0;
    if (columns.empty()) return picked;

    ScopedWidgetScope scope(ui.registry(), id);
    const std::string tableId(id);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    const ImVec2 size(0.0f, o.height > 0 ? o.height : ImGui::GetContentRegionAvail().y);
    const bool actions = static_cast<bool>(o.actions);
    const int columnCount = static_cast<int>(columns.size()) + (actions ? 1 : 0);
    if (!ImGui::BeginTable(tableId.c_str(), columnCount, flags, size))
        return picked;
    ImGui::TableSetupScrollFreeze(0, o.headers ? 1 : 0);
    for (const TableColumn& c : columns)
        ImGui::TableSetupColumn(c.header, ImGuiTableColumnFlags_WidthStretch, c.weight);
    if (actions) ImGui::TableSetupColumn(o.actionsHeader, ImGuiTableColumnFlags_WidthFixed, o.actionsWidth);
    if (o.headers) ImGui::TableHeadersRow();

    // Finger scrolling: a vertical drag that started inside the table scrolls it, and the row
    // under the finger is not picked on release.
    const ImGuiIO& io = ImGui::GetIO();
    ImGuiWindow* inner = ImGui::GetCurrentWindow();
    const bool onScrollbar = ImGui::GetActiveID() == ImGui::GetWindowScrollbarID(inner, ImGuiAxis_Y);
    if (!onScrollbar && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, t.touch * 0.2f)) {
        m_dragging = true;
    }
    if (m_dragging) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        if (!io.MouseDown[0]) m_dragging = false;
    }
    if (m_scrollTo) {
        const int row = std::clamp(*m_scrollTo, 0, std::max(rowCount - 1, 0));
        ImGui::SetScrollY(static_cast<float>(row) * rowH);
        m_scrollTo.reset();
    }

    std::string scratch;
    ImGuiListClipper clipper;
    clipper.Begin(rowCount, rowH);
    bool first = true;
    while (clipper.Step()) {
        if (first) {
            m_firstRow = clipper.DisplayStart;
            first = false;
        }
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            ++m_rowsDrawn;
            ImGui::TableNextRow(ImGuiTableRowFlags_None, rowH);
            ImGui::PushID(row);
            for (int col = 0; col < static_cast<int>(columns.size()); ++col) {
                ImGui::TableSetColumnIndex(col);
                scratch.clear();
                const std::string_view text = cell(row, col, scratch);
                if (col == 0) {
                    const bool isSelected = m_selected && *m_selected == row;
                    const ImVec2 pos = ImGui::GetCursorPos();
                    if (ImGui::Selectable("##row", isSelected,
                                          ImGuiSelectableFlags_SpanAllColumns |
                                              ImGuiSelectableFlags_AllowItemOverlap,
                                          ImVec2(0, rowH - ImGui::GetStyle().CellPadding.y * 2)) &&
                        !m_dragging && std::fabs(ImGui::GetMouseDragDelta(0, 0.0f).y) < t.touch * 0.2f) {
                        m_selected = row;
                        picked = row;
                    }
                    ui.registry().recordLastItem(text, WidgetKind::kRow);
                    ImGui::SetCursorPos(pos);
                }
                const float textY = (rowH - ImGui::GetStyle().CellPadding.y * 2 - ImGui::GetFontSize()) * 0.5f;
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, textY));
                ImGui::TextUnformatted(text.data(), text.data() + text.size());
                // Every cell is findable (tests check what is shown, and what never is: an
                // unmasked phone, a raw code); the row itself is recorded under its first cell.
                if (col > 0) ui.registry().recordLastItem(text, WidgetKind::kOther);
            }
            if (actions) {
                ImGui::TableSetColumnIndex(columnCount - 1);
                o.actions(row);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    return picked;
}

}  // namespace fc::ui
