// Kiosk (reception, customer-facing) home: the welcome screen with the ways to check in — scan
// the appointment QR, type the plate or the phone number, or arrive without an appointment. A
// scan here jumps straight to the appointment's car. The flow itself is CheckInScreen
// (check_in_screen.hpp), pushed on top and popped (with everything typed) by the idle reset.
#pragma once

#include "kiosk/app/screen.hpp"

namespace fc::ui {

class KioskHomeScreen final : public Screen {
public:
    explicit KioskHomeScreen(AppContext& app) : m_app(app) {}
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(const std::string& text) override;

private:
    AppContext& m_app;
    Ui* m_ui = nullptr;  // the frame's Ui, for a scan's toast (set by draw; scans come between frames)
};

}  // namespace fc::ui
