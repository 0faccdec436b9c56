#include "kiosk/screens/warehouse/home_screen.hpp"

#include "kiosk/app/app.hpp"
#include "kiosk/screens/common/placeholder.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

std::string WarehouseHomeScreen::title() const { return tr("warehouse.home.title"); }

void WarehouseHomeScreen::draw(Ui& ui) {
    staffBar(ui, m_app);  // who is signed in, sign-out
    placeholderNotice(ui);
    space(ui);
    heading(ui, tr("warehouse.home.heading"));
    mutedText(ui, tr("warehouse.home.prompt"));
    space(ui, 1.5f);
    const std::vector<const char*> actions = {tr("warehouse.home.receive"), tr("warehouse.home.issue"),
                                              tr("warehouse.home.transfer"), tr("warehouse.home.count"),
                                              tr("warehouse.home.labels"), tr("warehouse.home.lookup")};
    if (auto picked = actionGrid(ui, actions, 3)) comingSoon(ui, actions[*picked]);
    space(ui, 2);
    if (button(ui, tr("home.kit_gallery"), {.kind = ButtonKind::kQuiet}))
        m_app.router.push(makeKitGalleryScreen(m_app));
}

}  // namespace fc::ui
