#include "kiosk/screens/kiosk/home_screen.hpp"

#include "kiosk/app/app.hpp"
#include "kiosk/screens/common/placeholder.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

std::string KioskHomeScreen::title() const { return tr("kiosk.home.title"); }

void KioskHomeScreen::draw(Ui& ui) {
    placeholderNotice(ui);
    space(ui);
    heading(ui, tr("kiosk.home.welcome", {{"store", m_app.store.storeName}}));
    mutedText(ui, tr("kiosk.home.prompt"));
    space(ui, 1.5f);
    const std::vector<const char*> actions = {tr("kiosk.home.scan_qr"), tr("kiosk.home.by_plate"),
                                              tr("kiosk.home.by_phone"), tr("kiosk.home.walk_in")};
    if (auto picked = actionGrid(ui, actions, 2)) comingSoon(ui, actions[*picked]);
    space(ui, 2);
    if (button(ui, tr("home.kit_gallery"), {.kind = ButtonKind::kQuiet}))
        m_app.router.push(makeKitGalleryScreen(m_app));
}

}  // namespace fc::ui
