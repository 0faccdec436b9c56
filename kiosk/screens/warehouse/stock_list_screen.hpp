// 库存清单 / Stock list (warehouse and office): every active part with what is on hand, in which
// bins, and — for staff who see the finances — its value at the moving average; a filter on SKU,
// name, brand or category; 8,000 parts through ImGuiListClipper (VirtualTable), so a frame draws
// only the rows on screen. Tapping a row opens the part in the stock lookup. Reloads when stock or
// parts change. No SQL: StockService::stockList.
#pragma once

#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/screens/warehouse/warehouse_common.hpp"
#include "kiosk/ui/table.hpp"
#include "shared/stock/stock_service.hpp"

namespace fc::ui {

class StockListScreen final : public Screen {
public:
    StockListScreen(AppContext& app, WarehouseServices services);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests and benchmarks: what is listed.
    const std::vector<core::StockRow>& rows() const { return m_rows; }
    const VirtualTable& table() const { return m_table; }
    void setFilter(const std::string& filter) { m_filter = filter; m_watch.invalidate(); }

private:
    void reload(Ui& ui);

    AppContext& m_app;
    WarehouseServices m_s;
    DataWatch m_watch;
    std::string m_filter;
    std::string m_shownFilter;
    std::vector<core::StockRow> m_rows;
    int64_t m_totalFen = 0;
    std::string m_error;
    VirtualTable m_table;
};

}  // namespace fc::ui
