#include "kiosk/screens/kiosk/home_screen.hpp"

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

std::string KioskHomeScreen::title() const { return tr("kiosk.home.title"); }

void KioskHomeScreen::start(CheckInStart how) {
    m_app.router.push(std::make_unique<CheckInScreen>(m_app, m_checkIn, m_catalog, how));
}

void KioskHomeScreen::draw(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "welcome");
    space(ui);
    heading(ui, tr("kiosk.home.welcome", {{"store", m_app.store.storeName}}));
    mutedText(ui, tr("kiosk.home.prompt"));
    space(ui, 1.5f);
    const Theme& t = ui.theme();
    const float w = columnWidth(ui, 2);
    const ButtonOptions big{.kind = ButtonKind::kPrimary, .width = w, .height = t.touch * 1.6f, .large = true};
    if (button(ui, tr("kiosk.home.scan_qr"), big))
        start(CheckInStart::kScan);
    ImGui::SameLine();
    if (button(ui, tr("kiosk.home.by_plate"), big))
        start(CheckInStart::kPlate);
    if (button(ui, tr("kiosk.home.by_phone"), big))
        start(CheckInStart::kPhone);
    ImGui::SameLine();
    ButtonOptions walkIn = big;
    walkIn.kind = ButtonKind::kSecondary;
    if (button(ui, tr("kiosk.home.walk_in"), walkIn))
        start(CheckInStart::kPlate);
    space(ui);
    mutedText(ui, tr("checkin.welcome.scan_hint"));
}

bool KioskHomeScreen::onScan(Ui& ui, const std::string& text) {
    ScanLookup found = lookUpScan(m_checkIn, text);
    if (!found.candidate) {
        showScanNotFound(ui, found.failed);
        return true;  // used: the friendly message is ours
    }
    m_app.router.push(std::make_unique<CheckInScreen>(m_app, m_checkIn, m_catalog, std::move(*found.candidate)));
    return true;
}

}  // namespace fc::ui
