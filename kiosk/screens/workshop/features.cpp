#include "kiosk/screens/workshop/features.hpp"

namespace fc::ui {

void registerWorkshopFeatures(FeatureRegistry& registry) {
    registry.setLayout(Mode::kWorkshop, {.columns = 2, .large = true});
    // Not built yet (the workshop issue): the tiles say so.
    for (const char* label : {"workshop.home.my_jobs", "workshop.home.scan_part", "workshop.home.checklists",
                              "workshop.home.clock"})
        registry.add({.id = label, .mode = Mode::kWorkshop, .labelKey = label,
                      .capability = core::Capability::kWorkshopJobs});
}

}  // namespace fc::ui
