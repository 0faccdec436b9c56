#include "kiosk/screens/kiosk/home_screen.hpp"

#include <algorithm>

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
    // Two by two while the largest label fits its half; one under another otherwise (portrait,
    // English).
    const char* labels[] = {tr("kiosk.home.scan_qr"), tr("kiosk.home.by_plate"), tr("kiosk.home.by_phone"),
                            tr("kiosk.home.walk_in")};
    float widest = 0;
    for (const char* l : labels) widest = std::max(widest, textSize(ui.largeFont(), l).x);
    const int columns = widest + 2 * t.pad <= columnWidth(ui, 2) ? 2 : 1;
    const float w = columnWidth(ui, columns);
    const ButtonOptions big{.kind = ButtonKind::kPrimary, .width = w, .height = t.touch * 1.6f, .large = true};
    const CheckInStart starts[] = {CheckInStart::kScan, CheckInStart::kPlate, CheckInStart::kPhone,
                                   CheckInStart::kPlate};
    for (int i = 0; i < 4; ++i) {
        if (i % columns != 0) ImGui::SameLine();
        ButtonOptions o = big;
        if (i == 3) o.kind = ButtonKind::kSecondary;  // the walk-in: no booking, no record yet
        if (button(ui, labels[i], o)) start(starts[i]);
    }
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
