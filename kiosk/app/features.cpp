#include "kiosk/app/features.hpp"

namespace fc::ui {

const Feature* FeatureRegistry::find(const std::string& id) const {
    for (const Feature& f : m_features)
        if (f.id == id) return &f;
    return nullptr;
}

HomeLayout FeatureRegistry::layout(Mode mode) const {
    auto it = m_layouts.find(mode);
    return it == m_layouts.end() ? HomeLayout{} : it->second;
}

const std::function<std::unique_ptr<Screen>(FeatureEnv&)>* FeatureRegistry::home(Mode mode) const {
    auto it = m_homes.find(mode);
    return it == m_homes.end() ? nullptr : &it->second;
}

std::vector<const Feature*> FeatureRegistry::offered(Mode mode, const std::optional<core::Session>& staff,
                                                     const core::Registry& registry,
                                                     core::DeviceRole role) const {
    std::vector<const Feature*> out;
    for (const Feature& f : m_features) {
        if (f.mode != mode) continue;
        if (f.capability && (!staff || !staff->can(*f.capability))) continue;
        bool writable = true;
        for (const FeatureWrite& w : f.writes)
            writable &= registry.checkWrite(role, *w.table, w.op, w.columns).empty();
        if (writable) out.push_back(&f);
    }
    return out;
}

}  // namespace fc::ui
