// Kiosk (reception, customer-facing) home: the welcome screen with the three ways to check in.
// A placeholder: the real check-in flow (QR, plate keyboard, phone keypad) is built on the kit.
#pragma once

#include "kiosk/app/screen.hpp"

namespace fc::ui {

class KioskHomeScreen final : public Screen {
public:
    explicit KioskHomeScreen(AppContext& app) : m_app(app) {}
    std::string title() const override;
    void draw(Ui& ui) override;

private:
    AppContext& m_app;
};

}  // namespace fc::ui
