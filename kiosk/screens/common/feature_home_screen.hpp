// The home of a staff mode (workshop, warehouse, office): who is signed in, then a grid of the
// mode's features this person may use on this device (features.hpp) — nothing they may not use is
// shown. A tile whose feature is not built yet says so when tapped.
#pragma once

#include "kiosk/app/features.hpp"
#include "kiosk/app/screen.hpp"

namespace fc::ui {

class FeatureHomeScreen final : public Screen {
public:
    FeatureHomeScreen(AppContext& app, const FeatureRegistry& features, core::ServiceSet& services,
                      const core::Registry& registry, core::DeviceRole deviceRole)
        : m_app(app), m_features(features), m_services(services), m_registry(registry), m_role(deviceRole) {}
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: the tiles shown to whoever is signed in now.
    std::vector<const Feature*> offered() const;

private:
    AppContext& m_app;
    const FeatureRegistry& m_features;
    core::ServiceSet& m_services;
    const core::Registry& m_registry;
    core::DeviceRole m_role;
};

}  // namespace fc::ui
