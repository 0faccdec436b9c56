// Kiosk (reception, customer-facing) home: the welcome screen with the ways to check in — scan
// the appointment QR, type the plate or the phone number, or arrive without an appointment. A
// scan here jumps straight to the appointment's car. The flow itself is CheckInScreen
// (check_in_screen.hpp), pushed on top and popped (with everything typed) by the idle reset.
#pragma once

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/kiosk/check_in_screen.hpp"

namespace fc::ui {

class KioskHomeScreen final : public Screen {
public:
    KioskHomeScreen(AppContext& app, core::CheckInService& checkIn, core::ServiceCatalog& catalog)
        : m_app(app), m_checkIn(checkIn), m_catalog(catalog) {}
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;

private:
    void start(CheckInStart how);

    AppContext& m_app;
    core::CheckInService& m_checkIn;
    core::ServiceCatalog& m_catalog;
};

}  // namespace fc::ui
