// Which screen each mode starts on.
#include "kiosk/app/app.hpp"
#include "kiosk/screens/kiosk/home_screen.hpp"
#include "kiosk/screens/office/home_screen.hpp"
#include "kiosk/screens/warehouse/home_screen.hpp"
#include "kiosk/screens/workshop/home_screen.hpp"

namespace fc::ui {

std::unique_ptr<Screen> makeHomeScreen(Mode mode, AppContext& app) {
    switch (mode) {
        case Mode::kKiosk: return std::make_unique<KioskHomeScreen>(app);
        case Mode::kWorkshop: return std::make_unique<WorkshopHomeScreen>(app);
        case Mode::kWarehouse: return std::make_unique<WarehouseHomeScreen>(app);
        case Mode::kOffice: return std::make_unique<OfficeHomeScreen>(app);
    }
    return std::make_unique<OfficeHomeScreen>(app);
}

}  // namespace fc::ui
