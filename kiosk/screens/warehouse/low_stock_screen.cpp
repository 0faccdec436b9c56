#include "kiosk/screens/warehouse/low_stock_screen.hpp"

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/warehouse/stock_lookup_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/stock/tables.hpp"

namespace fc::ui {

LowStockScreen::LowStockScreen(AppContext& app, WarehouseServices services)
    : m_app(app), m_s(services), m_watch(app.data, {&core::tables::kStockMovements, &core::tables::kParts}) {}

std::string LowStockScreen::title() const { return tr("warehouse.low.title"); }

void LowStockScreen::reload(Ui& ui) {
    auto lines = m_s.stock.atOrBelowSafety();
    if (!lines) {
        m_error = warehouse::errorText(lines.error());
        m_lines.clear();
        return;
    }
    m_error.clear();
    m_lines = std::move(lines).value();
    std::string chars;
    for (const core::LowStockLine& l : m_lines) chars += l.nameZh + l.supplier;
    ui.ensureGlyphs(chars);
}

void LowStockScreen::draw(Ui& ui) {
    if (m_watch.changed()) reload(ui);
    ScopedWidgetScope scope(ui.registry(), "low");
    {
        const std::string summary = m_lines.empty() ? std::string(tr("warehouse.low.empty"))
                                                    : tr("warehouse.low.summary", {{"count", m_lines.size()}});
        ui.ensureGlyphs(summary, true);
        heading(ui, summary);
    }
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    if (m_lines.empty()) return;
    mutedText(ui, tr("warehouse.low.hint"));
    const std::vector<TableColumn> cols = {{tr("warehouse.low.col.sku"), 1.2f},     {tr("warehouse.low.col.name"), 1.8f},
                                           {tr("warehouse.low.col.on_hand"), 0.8f}, {tr("warehouse.low.col.safety"), 0.8f},
                                           {tr("warehouse.low.col.suggest"), 0.9f}, {tr("warehouse.low.col.supplier"), 1.3f}};
    TableOptions options;
    options.rowHeight = ui.theme().touch * 1.2f;
    auto qty = [](int64_t milli, const std::string& unit) {
        return tr("warehouse.low.qty", {{"qty", core::quantityText(milli)}, {"unit", warehouse::unitLabel(unit)}});
    };
    const auto row = m_table.draw(
        ui, "low-stock", cols, static_cast<int>(m_lines.size()),
        [&](int r, int c, std::string& scratch) -> std::string_view {
            const core::LowStockLine& l = m_lines[static_cast<size_t>(r)];
            switch (c) {
                case 0: return l.sku;
                case 1: return l.nameZh;
                case 2: return scratch = qty(l.onHandMilli, l.unit);
                case 3: return scratch = qty(l.safetyMilli, l.unit);
                case 4: return scratch = qty(l.suggestMilli, l.unit);
                default: return l.supplier;
            }
        },
        options);
    if (row && static_cast<size_t>(*row) < m_lines.size()) {
        auto lookup = std::make_unique<StockLookupScreen>(m_app, m_s);
        lookup->openPart(m_lines[static_cast<size_t>(*row)].partId);
        m_app.router.push(std::move(lookup));
    }
}

}  // namespace fc::ui
