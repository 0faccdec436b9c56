#include "kiosk/screens/kiosk/features.hpp"

#include "kiosk/screens/kiosk/home_screen.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/catalogue/service_menu.hpp"

namespace fc::ui {

void registerKioskFeatures(FeatureRegistry& registry) {
    // The kiosk starts on its welcome screen: customers check themselves in from there.
    registry.setHome(Mode::kKiosk, [](FeatureEnv& e) -> std::unique_ptr<Screen> {
        return std::make_unique<KioskHomeScreen>(e.app, e.services.get<core::CheckInService>(),
                                                 e.services.get<core::ServiceCatalog>());
    });
}

}  // namespace fc::ui
