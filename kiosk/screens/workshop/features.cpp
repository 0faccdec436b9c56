#include "kiosk/screens/workshop/features.hpp"

#include "kiosk/screens/workshop/bay_board_screen.hpp"
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
    // 工位看板: every open job by bay and status.
    registry.add({.id = "workshop.bay_board",
                  .mode = Mode::kWorkshop,
                  .labelKey = "workshop.home.bay_board",
                  .capability = Capability::kWorkshopJobs,
                  .writes = {{&core::tables::kJobEvents, core::ChangeOp::kInsert},
                             {&core::tables::kTimeEntries, core::ChangeOp::kInsert}},
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<BayBoardScreen>(e.app, WorkshopServices::from(e.services),
                                                              e.services.get<core::WorkshopBoardQueries>());
                  }});
    // Not built yet (the warehouse issue): the tile says so.
    registry.add({.id = "workshop.home.scan_part", .mode = Mode::kWorkshop, .labelKey = "workshop.home.scan_part",
                  .capability = Capability::kWorkshopJobs});
}

}  // namespace fc::ui
