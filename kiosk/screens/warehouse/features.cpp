#include "kiosk/screens/warehouse/features.hpp"

#include "kiosk/screens/warehouse/count_screen.hpp"
#include "kiosk/screens/warehouse/labels_screen.hpp"
#include "kiosk/screens/warehouse/low_stock_screen.hpp"
#include "kiosk/screens/warehouse/stock_list_screen.hpp"
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
    // 领料出库 and 库位调拨: the same screen, ready to issue (a scanned work order issues each part
    // scanned to it) or to move (a scanned part opens its dialog).
    for (const auto& tile : {std::pair{"warehouse.home.issue", LookupStart::kIssue},
                             std::pair{"warehouse.home.transfer", LookupStart::kTransfer}}) {
        const LookupStart start = tile.second;
        registry.add({.id = tile.first,
                      .mode = Mode::kWarehouse,
                      .labelKey = tile.first,
                      .capability = Capability::kManageInventory,
                      .writes = {{&core::tables::kStockMovements, core::ChangeOp::kInsert}},
                      .make = [start](FeatureEnv& e) -> std::unique_ptr<Screen> {
                          return std::make_unique<StockLookupScreen>(e.app, WarehouseServices::from(e.services), start);
                      }});
    }
    // 安全库存: parts at or below their safety stock with what to reorder (low_stock_screen.hpp).
    registry.add({.id = "warehouse.home.low_stock",
                  .mode = Mode::kWarehouse,
                  .labelKey = "warehouse.home.low_stock",
                  .capability = Capability::kManageInventory,
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<LowStockScreen>(e.app, WarehouseServices::from(e.services));
                  }});
    // 库存清单: every part with what is on hand, clipped (stock_list_screen.hpp).
    registry.add({.id = "warehouse.home.stock_list",
                  .mode = Mode::kWarehouse,
                  .labelKey = "warehouse.home.stock_list",
                  .capability = Capability::kManageInventory,
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<StockListScreen>(e.app, WarehouseServices::from(e.services));
                  }});
    // 盘点: blind counts on several tablets, offline (count_screen.hpp).
    registry.add({.id = "warehouse.home.count",
                  .mode = Mode::kWarehouse,
                  .labelKey = "warehouse.home.count",
                  .capability = Capability::kManageInventory,
                  .writes = {{&core::tables::kStockCounts, core::ChangeOp::kInsert},
                             {&core::tables::kStockCountLines, core::ChangeOp::kInsert},
                             {&core::tables::kStockCountEntries, core::ChangeOp::kInsert}},
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<CountScreen>(e.app, WarehouseServices::from(e.services),
                                                           e.services.get<core::CountService>());
                  }});
    // 打印标签: part and bin labels as a PDF sheet (labels_screen.hpp); saves nothing to the store.
    registry.add({.id = "warehouse.home.labels",
                  .mode = Mode::kWarehouse,
                  .labelKey = "warehouse.home.labels",
                  .capability = Capability::kManageInventory,
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<LabelsScreen>(e.app, e.services.get<core::PartService>());
                  }});
}

}  // namespace fc::ui
