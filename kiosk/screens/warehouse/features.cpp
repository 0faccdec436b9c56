#include "kiosk/screens/warehouse/features.hpp"

#include "kiosk/screens/warehouse/stock_lookup_screen.hpp"
#include "shared/stock/tables.hpp"

namespace fc::ui {

void registerWarehouseFeatures(FeatureRegistry& registry) {
    using core::Capability;
    registry.setLayout(Mode::kWarehouse, {.columns = 3, .large = true});
    // 收货入库 and 查库存: scan a part or a bin; a part's stock per bin and movements; receive with
    // a large confirmation and undo last (stock_lookup_screen.hpp).
    for (const char* key : {"warehouse.home.receive", "warehouse.home.lookup"})
        registry.add({.id = key,
                      .mode = Mode::kWarehouse,
                      .labelKey = key,
                      .capability = Capability::kManageInventory,
                      .writes = {{&core::tables::kStockMovements, core::ChangeOp::kInsert}},
                      .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                          return std::make_unique<StockLookupScreen>(e.app, WarehouseServices::from(e.services));
                      }});
    // Not built yet (the rest of the warehouse issue): the tiles say so.
    for (const char* label : {"warehouse.home.issue", "warehouse.home.transfer", "warehouse.home.count",
                              "warehouse.home.labels"})
        registry.add({.id = label, .mode = Mode::kWarehouse, .labelKey = label,
                      .capability = Capability::kManageInventory});
}

}  // namespace fc::ui
