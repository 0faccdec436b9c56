// Warehouse tablet home: receive, issue, transfer, label and count stock by scanning.
// A placeholder until the warehouse screens arrive.
#pragma once

#include "kiosk/app/screen.hpp"

namespace fc::ui {

class WarehouseHomeScreen final : public Screen {
public:
    explicit WarehouseHomeScreen(AppContext& app) : m_app(app) {}
    std::string title() const override;
    void draw(Ui& ui) override;

private:
    AppContext& m_app;
};

}  // namespace fc::ui
