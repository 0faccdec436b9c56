// Lists and tables over ImGuiListClipper: only the rows on screen are asked for and drawn, so a
// table of 200,000 customers costs what a table of 20 does. Rows are touch-tall, selectable by
// tap, Space or Enter, and the list scrolls by dragging with a finger (or the wide scrollbar, or
// the wheel).
//
//   VirtualTable m_table;
//   auto cell = [&](int row, int col, std::string& scratch) -> std::string_view { … };
//   if (auto row = m_table.draw(ui, "customers", {{tr("col.name"), 2}, {tr("col.phone")}},
//                               int(m_rows.size()), cell)) open(m_rows[*row].id);
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/ui.hpp"

namespace fc::ui {

struct TableColumn {
    const char* header;   // translated header text
    float weight = 1.0f;  // share of the width
};

struct TableOptions {
    float rowHeight = 0;  // 0: the theme's touch size
    float height = 0;     // 0: the rest of the window
    bool headers = true;
    // Buttons at the end of each visible row, in a last column `actionsWidth` wide (headed
    // `actionsHeader`): drawn over the row's tap target, so pressing one does not pick the row.
    // Called with the row's index pushed as the ImGui id; button heights fit the row.
    std::function<void(int row)> actions;
    float actionsWidth = 0;
    const char* actionsHeader = "";
};

// The text of one cell, asked for only while the row is visible. `scratch` may hold the text.
using CellText = std::function<std::string_view(int row, int column, std::string& scratch)>;

class VirtualTable {
public:
    // Draws the table; returns the row the user picked this frame.
    std::optional<int> draw(Ui& ui, std::string_view id, const std::vector<TableColumn>& columns,
                            int rowCount, const CellText& cell, const TableOptions& options = {});

    std::optional<int> selected() const { return m_selected; }
    void setSelected(std::optional<int> row) { m_selected = row; }
    // Brings a row into view on the next draw.
    void scrollTo(int row) { m_scrollTo = row; }
    // How many rows the last draw asked for (tests check the clipper keeps this small).
    int rowsDrawn() const { return m_rowsDrawn; }
    int firstRowDrawn() const { return m_firstRow; }

private:
    std::optional<int> m_selected;
    std::optional<int> m_scrollTo;
    int m_rowsDrawn = 0;
    int m_firstRow = 0;
    bool m_dragging = false;
};

}  // namespace fc::ui
