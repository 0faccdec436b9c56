// Back-office home: customers, appointments, suppliers and purchasing, finance, marketing, KPIs.
// A placeholder until the front desk and office screens arrive.
#pragma once

#include "kiosk/app/screen.hpp"

namespace fc::ui {

class OfficeHomeScreen final : public Screen {
public:
    explicit OfficeHomeScreen(AppContext& app) : m_app(app) {}
    std::string title() const override;
    void draw(Ui& ui) override;

private:
    AppContext& m_app;
};

}  // namespace fc::ui
