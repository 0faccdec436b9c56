#include "kiosk/screens/office/features.hpp"

#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/screens/office/front_desk_screen.hpp"

namespace fc::ui {

void registerOfficeFeatures(FeatureRegistry& registry) {
    using core::Capability;
    registry.setLayout(Mode::kOffice, {.columns = 3, .large = false});
    registry.add({.id = "office.front_desk",
                  .mode = Mode::kOffice,
                  .labelKey = "office.home.front_desk",
                  .capability = Capability::kViewFrontDesk,
                  .make = [](FeatureEnv& e) -> std::unique_ptr<Screen> {
                      return std::make_unique<FrontDeskScreen>(e.app, DeskServices::from(e.services));
                  }});
    // Not built yet: the tile says so.
    const std::pair<const char*, Capability> later[] = {
        {"office.home.customers", Capability::kViewCustomers},
        {"office.home.appointments", Capability::kManageAppointments},
        {"office.home.purchasing", Capability::kManageInventory},
        {"office.home.finance", Capability::kViewFinance},
        {"office.home.marketing", Capability::kViewReports},
        {"office.home.staff", Capability::kManageStaff},
        {"office.home.reports", Capability::kViewReports},
        {"office.home.conflicts", Capability::kResolveConflicts},
    };
    for (const auto& [label, capability] : later)
        registry.add({.id = label, .mode = Mode::kOffice, .labelKey = label, .capability = capability});
}

}  // namespace fc::ui
