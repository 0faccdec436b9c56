// Features register themselves: each folder of kiosk/screens/ declares what it offers on its
// mode's home — a tile (label), who may use it (a staff capability), what it saves (so a device
// whose role may not write that never offers it) and a factory that gives the screen the services
// it needs and nothing else. The mode's home grid is built from here; kiosk/screens/features.cpp
// calls each folder's registration, one line per folder.
//
//   registry.add({.id = "office.front_desk", .mode = Mode::kOffice, .labelKey = "office.home.front_desk",
//                 .capability = Capability::kViewFrontDesk,
//                 .make = [](FeatureEnv& e) { return std::make_unique<FrontDeskScreen>(e.app,
//                     e.services.get<FrontDeskQueries>(), e.services.get<CustomerSearch>(), …); }});
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "shared/capture/service_set.hpp"
#include "shared/registry.hpp"
#include "shared/staff/capabilities.hpp"

namespace fc::ui {

// What a feature's factory can reach: the app's shell and the store's services by type.
struct FeatureEnv {
    AppContext& app;
    core::ServiceSet& services;
};

// A write a feature makes; checked against the device's role (the registry's grants).
struct FeatureWrite {
    const core::TableDef* table = nullptr;
    core::ChangeOp op = core::ChangeOp::kInsert;
    std::vector<std::string> columns;  // for updates
};

struct Feature {
    std::string id;  // "office.front_desk"
    Mode mode = Mode::kOffice;
    std::string labelKey;  // the home tile's text (i18n key)
    std::optional<core::Capability> capability;  // not offered to staff without it
    std::vector<FeatureWrite> writes;            // not offered on devices that may not make them
    // The screen; empty while the feature is not built yet (its tile says "coming soon").
    std::function<std::unique_ptr<Screen>(FeatureEnv&)> make;
};

// How a mode's home lays out its tiles.
struct HomeLayout {
    int columns = 3;
    bool large = true;
};

class FeatureRegistry {
public:
    void add(Feature feature) { m_features.push_back(std::move(feature)); }
    void setLayout(Mode mode, HomeLayout layout) { m_layouts[mode] = layout; }
    // A mode whose first screen is not the grid of its features (the kiosk's welcome).
    void setHome(Mode mode, std::function<std::unique_ptr<Screen>(FeatureEnv&)> make) {
        m_homes[mode] = std::move(make);
    }

    const std::vector<Feature>& all() const { return m_features; }
    const Feature* find(const std::string& id) const;
    HomeLayout layout(Mode mode) const;
    const std::function<std::unique_ptr<Screen>(FeatureEnv&)>* home(Mode mode) const;

    // The features of `mode` this person may use on a device of `role`, in registration order.
    std::vector<const Feature*> offered(Mode mode, const std::optional<core::Session>& staff,
                                        const core::Registry& registry, core::DeviceRole role) const;

private:
    std::vector<Feature> m_features;
    std::map<Mode, HomeLayout> m_layouts;
    std::map<Mode, std::function<std::unique_ptr<Screen>(FeatureEnv&)>> m_homes;
};

// Every feature of the app (kiosk/screens/features.cpp).
void registerFeatures(FeatureRegistry& registry);

}  // namespace fc::ui
