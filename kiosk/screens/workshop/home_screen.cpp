#include "kiosk/screens/workshop/home_screen.hpp"

#include "kiosk/app/app.hpp"
#include "kiosk/screens/common/placeholder.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

std::string WorkshopHomeScreen::title() const { return tr("workshop.home.title"); }

void WorkshopHomeScreen::draw(Ui& ui) {
    staffBar(ui, m_app);  // who is signed in, sign-out
    placeholderNotice(ui);
    space(ui);
    heading(ui, tr("workshop.home.heading"));
    mutedText(ui, tr("workshop.home.prompt"));
    space(ui, 1.5f);
    const std::vector<const char*> actions = {tr("workshop.home.my_jobs"), tr("workshop.home.scan_part"),
                                              tr("workshop.home.checklists"), tr("workshop.home.clock")};
    if (auto picked = actionGrid(ui, actions, 2)) comingSoon(ui, actions[*picked]);
    space(ui, 2);
    if (button(ui, tr("home.kit_gallery"), {.kind = ButtonKind::kQuiet}))
        m_app.router.push(makeKitGalleryScreen(m_app));
}

}  // namespace fc::ui
