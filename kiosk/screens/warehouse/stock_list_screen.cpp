#include "kiosk/screens/warehouse/stock_list_screen.hpp"

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/warehouse/stock_lookup_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/money.hpp"
#include "shared/stock/tables.hpp"

namespace fc::ui {

StockListScreen::StockListScreen(AppContext& app, WarehouseServices services)
    : m_app(app),
      m_s(services),
      m_watch(app.data, {&core::tables::kStockMovements, &core::tables::kParts, &core::tables::kBins}) {}

std::string StockListScreen::title() const { return tr("warehouse.stock_list.title"); }

void StockListScreen::reload(Ui& ui) {
    m_shownFilter = m_filter;
    auto rows = m_s.stock.stockList(m_filter);
    if (!rows) {
        m_error = warehouse::errorText(rows.error());
        m_rows.clear();
        return;
    }
    m_error.clear();
    m_rows = std::move(rows).value();
    m_totalFen = 0;
    std::string chars;
    for (const core::StockRow& r : m_rows) {
        m_totalFen += r.valueFen;
        chars += r.nameZh + r.brand;
    }
    ui.ensureGlyphs(chars);
}

void StockListScreen::draw(Ui& ui) {
    if (m_watch.changed() || m_filter != m_shownFilter) reload(ui);
    ScopedWidgetScope scope(ui.registry(), "stock-list");
    const bool money = m_app.staff && m_app.staff->can(core::Capability::kViewFinance);
    const std::string summary =
        money ? tr("warehouse.stock_list.summary_value", {{"count", static_cast<int64_t>(m_rows.size())},
                                                          {"value", core::Money::fen(m_totalFen).format()}})
              : tr("warehouse.stock_list.summary", {{"count", static_cast<int64_t>(m_rows.size())}});
    ui.ensureGlyphs(summary, true);
    heading(ui, summary);
    textField(ui, tr("warehouse.stock_list.filter"), m_filter, {.hint = "FLT / 机油 / 曼牌", .maxChars = 40});
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    std::vector<TableColumn> cols = {{tr("warehouse.stock_list.col.sku"), 1.2f},
                                     {tr("warehouse.stock_list.col.name"), 2.0f},
                                     {tr("warehouse.stock_list.col.brand"), 0.9f},
                                     {tr("warehouse.stock_list.col.qty"), 0.8f},
                                     {tr("warehouse.stock_list.col.bins"), 1.3f}};
    if (money) cols.push_back({tr("warehouse.stock_list.col.value"), 1.0f});
    const auto row = m_table.draw(
        ui, "stock", cols, static_cast<int>(m_rows.size()),
        [&](int r, int c, std::string& scratch) -> std::string_view {
            const core::StockRow& s = m_rows[static_cast<size_t>(r)];
            switch (c) {
                case 0: return s.sku;
                case 1: return s.nameZh;
                case 2: return s.brand;
                case 3:
                    return scratch = core::quantityText(s.qtyMilli) + " " + warehouse::unitLabel(s.unit);
                case 4: return s.bins;
                default: return scratch = core::Money::fen(s.valueFen).format();
            }
        });
    if (row && static_cast<size_t>(*row) < m_rows.size()) {
        auto lookup = std::make_unique<StockLookupScreen>(m_app, m_s);
        lookup->openPart(m_rows[static_cast<size_t>(*row)].partId);
        m_app.router.push(std::move(lookup));
    }
}

}  // namespace fc::ui
