// Workshop tablet home: a technician's jobs, scanning parts onto a job, clocking on and off.
// A placeholder until the workshop screens arrive.
#pragma once

#include "kiosk/app/screen.hpp"

namespace fc::ui {

class WorkshopHomeScreen final : public Screen {
public:
    explicit WorkshopHomeScreen(AppContext& app) : m_app(app) {}
    std::string title() const override;
    void draw(Ui& ui) override;

private:
    AppContext& m_app;
};

}  // namespace fc::ui
