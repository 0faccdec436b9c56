#include "kiosk/screens/office/home_screen.hpp"

#include "kiosk/app/app.hpp"
#include "kiosk/screens/common/placeholder.hpp"
#include "kiosk/screens/office/front_desk_screen.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

std::string OfficeHomeScreen::title() const { return tr("office.home.title"); }

void OfficeHomeScreen::draw(Ui& ui) {
    staffBar(ui, m_app);  // who is signed in, sign-out
    placeholderNotice(ui);
    space(ui);
    heading(ui, tr("office.home.heading"));
    mutedText(ui, tr("office.home.prompt"));
    space(ui, 1.5f);
    const std::vector<const char*> actions = {
        tr("office.home.front_desk"), tr("office.home.customers"), tr("office.home.appointments"),
        tr("office.home.purchasing"), tr("office.home.finance"),   tr("office.home.marketing"),
        tr("office.home.staff"),      tr("office.home.reports"),   tr("office.home.conflicts")};
    if (auto picked = actionGrid(ui, actions, 3, false)) {
        if (*picked == 0) m_app.router.push(std::make_unique<FrontDeskScreen>(m_app));
        else comingSoon(ui, actions[*picked]);
    }
    space(ui, 2);
    if (button(ui, tr("home.kit_gallery"), {.kind = ButtonKind::kQuiet}))
        m_app.router.push(makeKitGalleryScreen(m_app));
}

}  // namespace fc::ui
