#include "kiosk/screens/kiosk/home_screen.hpp"

#include "kiosk/app/app.hpp"
#include "kiosk/screens/kiosk/check_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

std::string KioskHomeScreen::title() const { return tr("kiosk.home.title"); }

void KioskHomeScreen::draw(Ui& ui) {
    m_ui = &ui;
    ScopedWidgetScope scope(ui.registry(), "welcome");
    space(ui);
    heading(ui, tr("kiosk.home.welcome", {{"store", m_app.store.storeName}}));
    mutedText(ui, tr("kiosk.home.prompt"));
    space(ui, 1.5f);
    const Theme& t = ui.theme();
    const float w = columnWidth(ui, 2);
    const ButtonOptions big{.kind = ButtonKind::kPrimary, .width = w, .height = t.touch * 1.6f, .large = true};
    if (button(ui, tr("kiosk.home.scan_qr"), big))
        m_app.router.push(std::make_unique<CheckInScreen>(m_app, CheckInStart::kScan));
    ImGui::SameLine();
    if (button(ui, tr("kiosk.home.by_plate"), big))
        m_app.router.push(std::make_unique<CheckInScreen>(m_app, CheckInStart::kPlate));
    if (button(ui, tr("kiosk.home.by_phone"), big))
        m_app.router.push(std::make_unique<CheckInScreen>(m_app, CheckInStart::kPhone));
    ImGui::SameLine();
    ButtonOptions walkIn = big;
    walkIn.kind = ButtonKind::kSecondary;
    if (button(ui, tr("kiosk.home.walk_in"), walkIn))
        m_app.router.push(std::make_unique<CheckInScreen>(m_app, CheckInStart::kPlate));
    space(ui);
    mutedText(ui, tr("checkin.welcome.scan_hint"));
}

bool KioskHomeScreen::onScan(const std::string& text) {
    ScanLookup found = lookUpScan(m_app, text);
    if (!found.candidate) {
        if (m_ui) showScanNotFound(*m_ui, found.failed);
        return true;  // used: the friendly message is ours
    }
    m_app.router.push(std::make_unique<CheckInScreen>(m_app, std::move(*found.candidate)));
    return true;
}

}  // namespace fc::ui
