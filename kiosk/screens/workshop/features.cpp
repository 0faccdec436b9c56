#include "kiosk/screens/workshop/features.hpp"

#include "kiosk/screens/workshop/my_jobs_screen.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

void registerWorkshopFeatures(FeatureRegistry& registry) {
    using core::Capability;
    registry.setLayout(Mode::kWorkshop, {.columns = 2, .large = true});
    // 我的工单: the technician's jobs, their steps, readings, findings and clock on / off.
    registry.add({.id = "workshop.my_jobs",
                  .mode = Mode::kWorkshop,
                  .labelKey = "workshop.home.my_jobs",
                  .capability = Capability::kWorkshopJobs,
                  .writes = {{&core::tables::kJobEvents, core::ChangeOp::kInsert},
                             {&core::tables::kTimeEntries, core::ChangeOp::kInsert}},
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<MyJobsScreen>(e.app, WorkshopServices::from(e.services));
                  }});
    // Not built yet (the workshop issue): the tiles say so.
    for (const char* label : {"workshop.home.scan_part", "workshop.home.checklists", "workshop.home.clock"})
        registry.add({.id = label, .mode = Mode::kWorkshop, .labelKey = label, .capability = Capability::kWorkshopJobs});
}

}  // namespace fc::ui
