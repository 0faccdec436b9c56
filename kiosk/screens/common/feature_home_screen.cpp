#include "kiosk/screens/common/feature_home_screen.hpp"

#include "kiosk/i18n/i18n.hpp"

#include "kiosk/screens/common/placeholder.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

namespace {

std::string key(Mode mode, const char* what) { return std::string(modeName(mode)) + ".home." + what; }

}  // namespace

std::string FeatureHomeScreen::title() const { return tr(key(m_app.mode, "title")); }

std::vector<const Feature*> FeatureHomeScreen::offered() const {
    return m_features.offered(m_app.mode, m_app.staff, m_registry, m_role);
}

void FeatureHomeScreen::draw(Ui& ui) {
    staffBar(ui, m_app);  // who is signed in, sign-out
    const std::vector<const Feature*> features = offered();
    bool unbuilt = false;
    for (const Feature* f : features) unbuilt |= !f->make;
    if (unbuilt) placeholderNotice(ui);
    space(ui);
    heading(ui, tr(key(m_app.mode, "heading")));
    mutedText(ui, tr(key(m_app.mode, "prompt")));
    space(ui, 1.5f);
    if (features.empty()) {
        mutedText(ui, tr("home.nothing_for_role"));
        ui.registry().recordLastItem(tr("home.nothing_for_role"), WidgetKind::kOther);
    } else {
        std::vector<const char*> labels;
        labels.reserve(features.size());
        for (const Feature* f : features) labels.push_back(tr(f->labelKey));
        const HomeLayout layout = m_features.layout(m_app.mode);
        if (auto picked = actionGrid(ui, labels, layout.columns, layout.large)) {
            const Feature& f = *features[*picked];
            if (f.make) {
                FeatureEnv env{m_app, m_services};
                m_app.router.push(f.make(env));
            } else {
                comingSoon(ui, labels[*picked]);
            }
        }
    }
}

}  // namespace fc::ui
