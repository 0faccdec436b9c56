// Every feature of the app: each folder of screens registers its own (features.hpp in it). A new
// area of the store adds its folder and one line here.
#include "kiosk/app/features.hpp"
#include "kiosk/screens/kiosk/features.hpp"
#include "kiosk/screens/office/features.hpp"
#include "kiosk/screens/warehouse/features.hpp"
#include "kiosk/screens/workshop/features.hpp"

namespace fc::ui {

void registerFeatures(FeatureRegistry& registry) {
    registerKioskFeatures(registry);      // the reception kiosk's welcome and self check-in
    registerOfficeFeatures(registry);     // the front desk and the back office
    registerWorkshopFeatures(registry);   // technicians' tablets
    registerWarehouseFeatures(registry);  // warehouse tablets
}

}  // namespace fc::ui
