// 安全库存 / Low stock (warehouse mode, signed in): every part at or below its safety stock — SKU,
// name, on hand, safety stock, the suggested reorder quantity (the part's reorder quantity, or
// enough to reach twice the safety stock) with its unit, and the supplier — in SKU order, through
// ImGuiListClipper (VirtualTable) however long the list. Tapping a row opens the part in the stock
// lookup. Reloads when stock or parts change (a local save or another tablet's, through sync).
// No SQL: StockService::atOrBelowSafety.
//
//   registry.add({… .make = [](FeatureEnv& e) { return std::make_unique<LowStockScreen>(e.app,
//                     WarehouseServices::from(e.services)); }});
#pragma once

#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/screens/warehouse/warehouse_common.hpp"
#include "kiosk/ui/table.hpp"

namespace fc::ui {

class LowStockScreen final : public Screen {
public:
    LowStockScreen(AppContext& app, WarehouseServices services);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: what is listed.
    const std::vector<core::LowStockLine>& lines() const { return m_lines; }
    const VirtualTable& table() const { return m_table; }

private:
    void reload(Ui& ui);

    AppContext& m_app;
    WarehouseServices m_s;
    DataWatch m_watch;
    std::vector<core::LowStockLine> m_lines;
    std::string m_error;
    VirtualTable m_table;
};

}  // namespace fc::ui
