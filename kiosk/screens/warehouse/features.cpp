#include "kiosk/screens/warehouse/features.hpp"

namespace fc::ui {

void registerWarehouseFeatures(FeatureRegistry& registry) {
    registry.setLayout(Mode::kWarehouse, {.columns = 3, .large = true});
    // Not built yet (the warehouse issue): the tiles say so.
    for (const char* label : {"warehouse.home.receive", "warehouse.home.issue", "warehouse.home.transfer",
                              "warehouse.home.count", "warehouse.home.labels", "warehouse.home.lookup"})
        registry.add({.id = label, .mode = Mode::kWarehouse, .labelKey = label,
                      .capability = core::Capability::kManageInventory});
}

}  // namespace fc::ui
