#include "kiosk/screens/kiosk/check_in_screen.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/kiosk/status_link.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {
namespace {

// Text the customer sees, recorded in the widget registry too (tests check that nothing
// unmasked is ever on screen). `scale` > 1 draws it bigger than the large font (the ticket).
void shown(Ui& ui, std::string_view s, bool large = false, bool muted = false, float scale = 1.0f,
           ImU32 colour = 0) {
    ImFont* font = large ? ui.largeFont() : ui.bodyFont();
    if (colour == 0) colour = muted ? ui.colors().textMuted : ui.colors().text;
    if (scale > 1.0f) {
        const float size = font->FontSize * scale;
        const ImVec2 ts = textSize(font, s);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddText(font, size, pos, colour, s.data(), s.data() + s.size());
        ImGui::Dummy(ImVec2(ts.x * scale, ts.y * scale));
    } else {
        FontScope f(font);
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(s.data(), s.data() + s.size());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ui.registry().recordLastItem(s, WidgetKind::kOther);
}

// An error line, in the error colour.
void shownError(Ui& ui, std::string_view s) { shown(ui, s, false, false, 1.0f, ui.colors().danger); }

// A toggle tile: primary when on, with a tick.
bool tile(Ui& ui, const std::string& label, bool on, float width, float height, std::string_view id) {
    const std::string text = on ? "✓ " + label : label;
    return button(ui, text, {.kind = on ? ButtonKind::kPrimary : ButtonKind::kSecondary, .width = width,
                             .height = height, .id = id});
}


// Tiles that wrap onto as many lines as they need; returns the index tapped, or -1.
template <typename Label>
int chipRows(Ui& ui, size_t count, Label label, std::string_view idPrefix, float minWidth = 0, float height = 0) {
    const Theme& t = ui.theme();
    const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
    int tapped = -1;
    for (size_t i = 0; i < count; ++i) {
        const auto [text, on] = label(i);
        const float w = std::max(minWidth, textSize(ui.bodyFont(), on ? "✓ " + text : text).x + 2 * t.pad);
        if (i > 0) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
        }
        if (tile(ui, text, on, w, height, std::string(idPrefix) + std::to_string(i))) tapped = static_cast<int>(i);
    }
    return tapped;
}

// Data from the store (a masked surname, a car's make) may hold characters the atlas lacks.
void shownData(Ui& ui, const std::string& s, bool large = false) {
    ui.ensureGlyphs(s, large);
    shown(ui, s, large);
}

bool english() {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en";
}

// A row of buttons aligned to the right edge of the window.
float rightButtonsWidth(Ui& ui, std::initializer_list<std::string_view> labels) {
    float w = 0;
    for (auto l : labels) w += std::max(textSize(ui.bodyFont(), l).x + 2 * ui.theme().pad, ui.theme().touch);
    return w + ui.theme().gap * static_cast<float>(labels.size() - 1);
}

}  // namespace

// [SECTION] scans

ScanLookup lookUpScan(core::CheckInService& checkIn, const std::string& scanned) {
    ScanLookup out;
    auto found = checkIn.findByAppointmentToken(scanned);
    if (!found) {
        out.failed = true;  // the message may name the code: not logged, not shown
        return out;
    }
    out.candidate = std::move(*found);
    return out;
}

void showScanNotFound(Ui& ui, bool failed) {
    ui.toasts().show(failed ? tr("checkin.error.lookup") : tr("checkin.scan.unknown"), ToastKind::kError, 6000);
}

// [SECTION] the screen

CheckInScreen::CheckInScreen(AppContext& app, core::CheckInService& checkIn, core::ServiceCatalog& catalog,
                             CheckInStart start)
    : m_app(app), m_checkIn(checkIn), m_catalog(catalog) {
    switch (start) {
        case CheckInStart::kScan: m_step = Step::kScan; break;
        case CheckInStart::kPlate: m_step = Step::kPlate; break;
        case CheckInStart::kPhone: m_step = Step::kPhone; break;
    }
}

CheckInScreen::CheckInScreen(AppContext& app, core::CheckInService& checkIn, core::ServiceCatalog& catalog,
                             core::CheckInCandidate appointment)
    : m_app(app), m_checkIn(checkIn), m_catalog(catalog) {
    m_step = Step::kScan;
    choose(std::move(appointment));
}

std::string CheckInScreen::title() const { return tr("checkin.title"); }

void CheckInScreen::go(Step next) {
    m_history.push_back(m_step);
    m_step = next;
    m_notice.clear();
}

void CheckInScreen::back() {
    m_notice.clear();
    if (m_history.empty()) {
        m_app.router.pop();
        return;
    }
    m_step = m_history.back();
    m_history.pop_back();
}

void CheckInScreen::restartSearch() {
    // Back to the entry with what was typed still there: a typo is fixed with one tap on 退格.
    m_candidates.clear();
    m_chosen.reset();
    m_registering = false;
    m_walkInPlate.clear();
    m_surname.clear();
    m_history.clear();
    m_step = m_searchedByPhone ? Step::kPhone : Step::kPlate;
    m_notice.clear();
}

void CheckInScreen::choose(core::CheckInCandidate candidate) {
    m_registering = false;
    m_services.clear();
    for (const auto& code : candidate.appointmentServices) m_services.insert(code);
    m_chosen = std::move(candidate);
    go(Step::kConfirm);
}

void CheckInScreen::startRegistration() {
    m_registering = true;
    m_chosen.reset();
    m_services.clear();
    // The plate typed before is kept; a search by phone still needs the plate.
    if (m_plate.valid()) {
        m_walkInPlate = m_plate.plate()->text;
        go(Step::kRegister);
    } else {
        m_plate.clear();
        go(Step::kPlate);
    }
}

bool CheckInScreen::onScan(Ui&, const std::string& text) {
    switch (m_step) {
        case Step::kScan:
        case Step::kPlate:
        case Step::kPhone:
        case Step::kPick:
        case Step::kNotFound: break;
        default: return false;  // mid check-in: a stray scan changes nothing
    }
    ScanLookup found = lookUpScan(m_checkIn, text);
    if (!found.candidate) {
        m_notice = found.failed ? tr("checkin.error.lookup") : tr("checkin.scan.unknown");
        return true;
    }
    m_history.clear();
    m_step = Step::kScan;
    choose(std::move(*found.candidate));
    return true;
}

void CheckInScreen::stepHeader(Ui& ui, std::string_view headingText, bool canGoBackIn) {
    // The first step has nowhere to go back to but out: only 取消签到 then.
    const bool canGoBack = canGoBackIn && !m_history.empty();
    const char* backLabel = tr("checkin.back");
    const char* cancelLabel = tr("checkin.cancel");
    const float w = canGoBack ? rightButtonsWidth(ui, {backLabel, cancelLabel}) : rightButtonsWidth(ui, {cancelLabel});
    const float x = ImGui::GetCursorPosX();
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(x + std::max(avail - w - ui.theme().gap, avail * 0.4f));
    {
        FontScope f(ui.largeFont());
        ImGui::TextUnformatted(headingText.data(), headingText.data() + headingText.size());
        ui.registry().recordLastItem(headingText, WidgetKind::kOther);
    }
    ImGui::PopTextWrapPos();
    ImGui::SameLine(x + avail - w);
    if (canGoBack) {
        if (button(ui, backLabel, {.id = "step-back"})) back();
        ImGui::SameLine();
    }
    if (button(ui, cancelLabel, {.kind = ButtonKind::kQuiet, .id = "step-cancel"})) m_app.router.pop();
    if (!m_notice.empty()) {
        shownError(ui, m_notice);
    }
    space(ui, 0.5f);
}

void CheckInScreen::draw(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "checkin");
    switch (m_step) {
        case Step::kScan: drawScan(ui); break;
        case Step::kPlate: drawPlate(ui); break;
        case Step::kPhone: drawPhone(ui); break;
        case Step::kPick: drawPick(ui); break;
        case Step::kNotFound: drawNotFound(ui); break;
        case Step::kRegister: drawRegister(ui); break;
        case Step::kConfirm: drawConfirm(ui); break;
        case Step::kOdometer: drawOdometer(ui); break;
        case Step::kServices: drawServices(ui); break;
        case Step::kConsent: drawConsent(ui); break;
        case Step::kTicket: drawTicket(ui); break;
    }
}

// [SECTION] finding the car

void CheckInScreen::drawScan(Ui& ui) {
    stepHeader(ui, tr("checkin.scan.heading"), false);
    shown(ui, tr("checkin.scan.prompt"));
    space(ui, 2);
    shown(ui, tr("checkin.scan.other_ways"), false, true);
    const float w = columnWidth(ui, 2);
    if (button(ui, tr("kiosk.home.by_plate"), {.kind = ButtonKind::kPrimary, .width = w, .large = true})) {
        m_searchedByPhone = false;
        go(Step::kPlate);
    }
    ImGui::SameLine();
    if (button(ui, tr("kiosk.home.by_phone"), {.kind = ButtonKind::kPrimary, .width = w, .large = true})) {
        m_searchedByPhone = true;
        go(Step::kPhone);
    }
}

void CheckInScreen::drawPlate(Ui& ui) {
    stepHeader(ui, m_registering ? tr("checkin.register.plate_heading") : tr("checkin.plate.heading"));
    if (m_plate.draw(ui, "plate") == PlateEvent::kSubmitted) lookUpPlate(ui);
}

void CheckInScreen::lookUpPlate(Ui& ui) {
    auto plate = m_plate.plate();
    if (!plate) return;
    auto found = m_checkIn.findByPlate(plate->text);
    if (!found) {
        ui.toasts().show(tr("checkin.error.lookup"), ToastKind::kError, 6000);
        return;
    }
    m_candidates = std::move(*found);
    if (m_candidates.size() == 1) {
        choose(m_candidates.front());
    } else if (m_candidates.size() > 1) {
        go(Step::kPick);
    } else if (m_registering) {
        m_walkInPlate = plate->text;
        go(Step::kRegister);
    } else {
        m_searchedByPhone = false;
        go(Step::kNotFound);
    }
}

void CheckInScreen::drawPhone(Ui& ui) {
    stepHeader(ui, tr("checkin.phone.heading"));
    bool submitted = false;
    // Checked as soon as all 11 digits are there, not after a search that cannot find it.
    const bool invalid = m_phone.canSubmit() && !core::normalizeMobile(m_phone.value()).ok();
    if (ImGui::BeginTable("phone-layout", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        submitted = m_phone.draw(ui, "phone") == KeypadEvent::kSubmitted;
        ImGui::TableNextColumn();
        if (invalid) {
            shownError(ui, tr("checkin.register.phone_invalid"));
            space(ui, 0.5f);
        }
        shown(ui, tr("checkin.phone.prompt"), false, true);
        ImGui::EndTable();
    }
    if (submitted && !invalid) lookUpPhone(ui);
}

void CheckInScreen::lookUpPhone(Ui& ui) {
    auto found = m_checkIn.findByPhone(m_phone.value());
    if (!found) {
        ui.toasts().show(tr("checkin.error.lookup"), ToastKind::kError, 6000);
        return;
    }
    m_candidates = std::move(*found);
    const auto cars = std::count_if(m_candidates.begin(), m_candidates.end(),
                                    [](const core::CheckInCandidate& c) { return !c.vehicleId.empty(); });
    m_searchedByPhone = true;
    if (m_candidates.empty()) {
        go(Step::kNotFound);
    } else if (cars == 1 && m_candidates.size() == 1) {
        choose(m_candidates.front());
    } else if (cars == 0) {
        startRegistration();  // known customer, no car yet: add it (the phone finds them)
    } else {
        go(Step::kPick);
    }
}

void CheckInScreen::drawPick(Ui& ui) {
    stepHeader(ui, tr("checkin.pick.heading"));
    mutedText(ui, tr("checkin.pick.prompt"));
    space(ui);
    std::optional<size_t> picked;
    bool addCar = false;
    for (size_t i = 0; i < m_candidates.size(); ++i) {
        const auto& c = m_candidates[i];
        ImGui::PushID(static_cast<int>(i));
        if (c.vehicleId.empty()) {
            addCar = addCar || button(ui, tr("checkin.pick.add_car"), {.width = -1, .id = "add"});
        } else {
            ui.ensureGlyphs(c.maskedPlate, true);
            ui.ensureGlyphs(c.vehicleLabel);
            const std::string label = c.vehicleLabel.empty() ? c.maskedPlate : c.maskedPlate + "  " + c.vehicleLabel;
            if (button(ui, label, {.width = -1, .large = true, .id = "car"})) picked = i;
        }
        ImGui::PopID();
    }
    if (picked) choose(m_candidates[*picked]);
    else if (addCar) startRegistration();
}

void CheckInScreen::drawNotFound(Ui& ui) {
    stepHeader(ui, m_searchedByPhone ? tr("checkin.not_found.phone") : tr("checkin.not_found.plate"));
    // What was searched, as the customer typed it (their own entry, still on their screen).
    const std::string searched = m_searchedByPhone ? m_phone.displayText() : m_plate.text();
    shown(ui, tr("checkin.not_found.searched", {{"text", searched}}), true);
    space(ui, 0.5f);
    shown(ui, tr("checkin.not_found.prompt"));
    space(ui, 2);
    const float w = columnWidth(ui, 2);
    if (button(ui, tr("checkin.not_found.register"), {.kind = ButtonKind::kPrimary, .width = w, .large = true}))
        startRegistration();
    ImGui::SameLine();
    if (button(ui, tr("checkin.not_found.retry"), {.width = w, .large = true})) restartSearch();
}

std::vector<std::string> CheckInScreen::surnameChoices() {
    // The commonest surnames, most common first (a catalog string, so the atlas has them).
    std::vector<std::string> out;
    std::string_view all = tr("checkin.register.surnames");
    while (!all.empty()) {
        const size_t sp = all.find(' ');
        if (sp != 0) out.emplace_back(all.substr(0, sp));
        if (sp == std::string_view::npos) break;
        all.remove_prefix(sp + 1);
    }
    return out;
}

void CheckInScreen::drawRegister(Ui& ui) {
    stepHeader(ui, tr("checkin.register.heading"));
    if (ImGui::BeginTable("register", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        shown(ui, tr("checkin.register.phone"));
        // Room below the keypad for a two-line note (what the phone is for, or what is wrong).
        const float note = 2 * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
        const bool phoneSubmitted =
            m_phone.draw(ui, "phone", ImGui::GetContentRegionAvail().y - note) == KeypadEvent::kSubmitted;
        const bool phoneOk = m_phone.canSubmit() && core::normalizeMobile(m_phone.value()).ok();
        if (m_phone.canSubmit() && !phoneOk) shownError(ui, tr("checkin.register.phone_invalid"));
        else mutedText(ui, tr("checkin.register.privacy"));
        ImGui::TableNextColumn();
        // The customer typed it a moment ago: shown whole so a typo is caught before it is saved.
        shown(ui, tr("checkin.register.plate", {{"plate", m_walkInPlate}}), true);
        space(ui, 0.5f);
        // Most customers tap their surname; any other is typed on the on-screen keyboard.
        textField(ui, tr("checkin.register.surname"), m_surname,
                  {.hint = tr("checkin.register.surname_hint"), .maxChars = 8});
        const std::vector<std::string> surnames = surnameChoices();
        const int surname = chipRows(
            ui, surnames.size(),
            [&](size_t i) { return std::pair<std::string, bool>(surnames[i], m_surname == surnames[i]); },
            "surname", ui.theme().touch * 0.8f, ui.theme().touch * 0.8f);
        if (surname >= 0) m_surname = m_surname == surnames[surname] ? "" : surnames[surname];
        space(ui);
        if (button(ui, tr("checkin.next"), {.kind = ButtonKind::kPrimary, .width = -1,
                                            .enabled = phoneOk, .large = true, .id = "next"}) ||
            (phoneSubmitted && phoneOk)) {
            m_services.clear();
            go(Step::kOdometer);
        }
        ImGui::EndTable();
    }
}

// [SECTION] the visit

void CheckInScreen::drawConfirm(Ui& ui) {
    stepHeader(ui, tr("checkin.confirm.heading"));
    if (!m_chosen) return;
    const auto& c = *m_chosen;
    shownData(ui, c.maskedPlate, true);
    if (!c.vehicleLabel.empty()) shownData(ui, c.vehicleLabel);
    ui.ensureGlyphs(c.maskedName);
    shown(ui, tr("checkin.confirm.owner", {{"name", c.maskedName}, {"phone", c.maskedPhone}}));
    if (c.appointmentAt) {
        space(ui, 0.5f);
        shown(ui, tr("checkin.confirm.appointment",
                     {{"time", m_checkIn.storeTime().hhmm(*c.appointmentAt)}}));
        if (!c.appointmentServices.empty()) {
            if (m_menu.empty()) {
                if (auto menu = m_catalog.menu()) m_menu = (*menu)->offered();  // inactive services are not offered
            }
            shown(ui, m_catalog.displayNames(c.appointmentServices, english() ? "en" : "zh-CN", english() ? ", " : "、"),
                  false, true);
        }
    }
    space(ui, 2);
    const float w = columnWidth(ui, 2);
    if (button(ui, tr("checkin.confirm.yes"), {.kind = ButtonKind::kPrimary, .width = w, .large = true}))
        go(Step::kOdometer);
    ImGui::SameLine();
    if (button(ui, tr("checkin.confirm.no"), {.width = w, .large = true})) restartSearch();
}

void CheckInScreen::drawOdometer(Ui& ui) {
    stepHeader(ui, tr("checkin.odometer.heading"));
    bool next = false;
    if (ImGui::BeginTable("odometer-layout", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        if (m_odometer.draw(ui, "odometer") == KeypadEvent::kSubmitted) next = true;
        ImGui::TableNextColumn();
        shown(ui, tr("checkin.odometer.prompt"));
        space(ui);
        if (!m_odometer.value().empty())
            shown(ui, tr("checkin.odometer.value", {{"km", m_odometer.value()}}), true);
        space(ui);
        if (button(ui, tr("checkin.odometer.skip"), {.width = -1, .id = "skip"})) {
            m_km.reset();
            m_confirmDecrease = false;
            go(Step::kServices);
        }
        ImGui::EndTable();
    }
    if (next) {
        int64_t km = 0;
        const std::string& v = m_odometer.value();
        std::from_chars(v.data(), v.data() + v.size(), km);
        m_km = km;
        m_confirmDecrease = false;
        const auto last = m_chosen ? m_chosen->lastOdometerKm : std::nullopt;
        if (last && km < *last) {
            m_lowerKm.open({.title = tr("checkin.odometer.lower_title"),
                            .message = tr("checkin.odometer.lower_message", {{"km", v}}),
                            .yes = tr("checkin.odometer.lower_yes"),
                            .no = tr("checkin.odometer.lower_no")});
        } else {
            go(Step::kServices);
        }
    }
    if (auto answer = m_lowerKm.draw(ui, "lower-km")) {
        if (*answer) {
            m_confirmDecrease = true;
            go(Step::kServices);
        } else {
            m_odometer.clear();
            m_km.reset();
        }
    }
}

namespace {

// The common problems a customer can tap instead of typing (keys under checkin.problem.).
constexpr const char* kProblems[] = {"noise", "vibration", "leak", "warning_light", "ac_not_cold",
                                     "soft_brakes", "pulls", "hard_start", "smell", "fuel_use"};

std::string problemLabel(const std::string& key) { return tr(("checkin.problem." + key).c_str()); }

}  // namespace

std::string CheckInScreen::complaintText() const {
    // The tapped problems in the menu's order, then anything typed.
    std::string out;
    for (const char* key : kProblems) {
        if (!m_problems.contains(key)) continue;
        if (!out.empty()) out += english() ? ", " : "、";
        out += problemLabel(key);
    }
    if (!m_complaint.empty()) {
        if (!out.empty()) out += english() ? "; " : "；";
        out += m_complaint;
    }
    return out;
}

void CheckInScreen::drawServices(Ui& ui) {
    stepHeader(ui, tr("checkin.services.heading"));
    if (m_menu.empty()) {
        auto menu = m_catalog.menu();
        if (!menu) {
            shown(ui, tr("checkin.services.unavailable"), false, true);
        } else {
            m_menu = (*menu)->offered();  // inactive services are not offered
        }
    }
    const Theme& t = ui.theme();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const int columns = avail.x >= avail.y ? 3 : 2;
    // The menu scrolls; what is below it (measured on the last frame) stays in view.
    const float below = m_servicesBelow > 0 ? m_servicesBelow : 3 * t.touch + t.fontBody + 4 * style.ItemSpacing.y;
    // Whole rows only: a half-cut tile reads as a mistake; the scrollbar says there is more.
    const float tileH = t.touch * 1.15f;
    const float rowH = tileH + style.ItemSpacing.y;
    const float room = std::max(rowH, avail.y - below - style.ItemSpacing.y);
    const float listH = std::max(1.0f, std::floor((room + style.ItemSpacing.y) / rowH)) * rowH - style.ItemSpacing.y;
    ImGui::BeginChild("menu", ImVec2(0, listH), false);
    {
        const float w = (ImGui::GetContentRegionAvail().x - static_cast<float>(columns - 1) * style.ItemSpacing.x) /
                        static_cast<float>(columns);
        int col = 0;
        for (const auto& item : m_menu) {
            if (col++ % columns != 0) ImGui::SameLine();
            const bool on = m_services.contains(item.code);
            if (tile(ui, english() ? item.nameEn : item.nameZh, on, w, tileH, item.code)) {
                if (on) m_services.erase(item.code);
                else m_services.insert(item.code);
            }
        }
        dragToScroll(ui);
    }
    ImGui::EndChild();

    const float top = ImGui::GetCursorPosY();
    shown(ui, tr("checkin.services.problems"), false, true);
    const int problem = chipRows(
        ui, std::size(kProblems),
        [&](size_t i) { return std::pair<std::string, bool>(problemLabel(kProblems[i]), m_problems.contains(kProblems[i])); },
        "problem");
    if (problem >= 0 && !m_problems.erase(kProblems[problem])) m_problems.insert(kProblems[problem]);
    if (ImGui::BeginTable("services-next", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("text", ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableSetupColumn("next", ImGuiTableColumnFlags_WidthStretch, 0.3f);
        ImGui::TableNextColumn();
        textField(ui, tr("checkin.services.other"), m_complaint,
                  {.hint = tr("checkin.services.other_hint"), .maxChars = 200});
        ImGui::TableNextColumn();
        ImGui::Dummy(ImVec2(1, t.fontBody));
        const bool any = !m_services.empty() || !m_problems.empty() || !m_complaint.empty();
        if (button(ui, tr("checkin.next"), {.kind = ButtonKind::kPrimary, .width = -1, .enabled = any,
                                            .large = true, .id = "next"}))
            go(Step::kConsent);
        ImGui::EndTable();
    }
    m_servicesBelow = ImGui::GetCursorPosY() - top;
}

void CheckInScreen::drawConsent(Ui& ui) {
    // The notice, the two questions and the signature on one page: the signature is the
    // customer's acknowledgement of what is above it.
    stepHeader(ui, tr("checkin.consent.heading"));
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x > avail.y * 1.2f) {  // landscape: the notice on the left, the signature on the right
        if (ImGui::BeginTable("consent-sign", 2, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("notice", ImGuiTableColumnFlags_WidthStretch, 0.62f);
            ImGui::TableSetupColumn("sign", ImGuiTableColumnFlags_WidthStretch, 0.38f);
            ImGui::TableNextColumn();
            drawNotice(ui, ImGui::GetContentRegionAvail().y);
            ImGui::TableNextColumn();
            drawSignature(ui, ImGui::GetContentRegionAvail().y);
            ImGui::EndTable();
        }
        return;
    }
    const Theme& t = ui.theme();
    // Portrait: the signature below; its pad a third as tall as it is wide.
    const float signH = m_signBelow > 0 ? m_signBelow + std::clamp(avail.x / 3.2f, t.touch * 2, avail.y * 0.3f)
                                        : avail.y * 0.45f;
    drawNotice(ui, std::max(t.touch * 4, avail.y - signH));
    drawSignature(ui, ImGui::GetContentRegionAvail().y);
}

void CheckInScreen::drawNotice(Ui& ui, float height) {
    const Theme& t = ui.theme();
    const ImGuiStyle& style = ImGui::GetStyle();
    // The text scrolls if it must; the answers under it (measured last frame) stay in view.
    const float below = m_consentBelow > 0 ? m_consentBelow : 2 * t.touch + t.fontBody + 4 * t.gap;
    ImGui::BeginChild("consent-text", ImVec2(0, std::max(t.touch * 2, height - below - style.ItemSpacing.y)), true);
    shown(ui, tr("checkin.consent.text"));
    dragToScroll(ui);
    ImGui::EndChild();
    const float top = ImGui::GetCursorPosY();
    consentQuestion(ui, "contact", tr("checkin.consent.contact"), m_chosen && m_chosen->consentContact, m_contact);
    consentQuestion(ui, "data-use", tr("checkin.consent.data_use"), m_chosen && m_chosen->consentDataUse, m_dataUse);
    // The notice's version (recorded with the answers) and that silence changes nothing, on one
    // line when it fits.
    const std::string version = tr("checkin.consent.version_line", {{"version", tr("checkin.consent.version")}});
    const char* optional = tr("checkin.consent.optional");
    shown(ui, version, false, true);
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - 2 * t.gap;
    if (textSize(ui.bodyFont(), optional).x <= room) ImGui::SameLine(0, 2 * t.gap);
    shown(ui, optional, false, true);
    m_consentBelow = ImGui::GetCursorPosY() - top;
}

void CheckInScreen::consentQuestion(Ui& ui, std::string_view id, const char* purpose, bool onRecord,
                                    core::ConsentAnswer& answer) {
    using core::ConsentAnswer;
    ScopedWidgetScope scope(ui.registry(), id);
    ImGui::PushID(id.data(), id.data() + id.size());
    const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;  // of the column
    if (!onRecord) {
        // A tick records consent; an empty box records nothing (not answering is not withdrawing).
        bool ticked = answer == ConsentAnswer::kGranted;
        if (checkbox(ui, purpose, ticked)) answer = ticked ? ConsentAnswer::kGranted : ConsentAnswer::kUnanswered;
    } else {
        // Agreed before: say so; withdrawing is a deliberate tap, and can be taken back.
        const bool withdrawing = answer == ConsentAnswer::kWithdrawn;
        const std::string line = tr(withdrawing ? "checkin.consent.will_withdraw" : "checkin.consent.on_record",
                                    {{"purpose", purpose}});
        const char* action = withdrawing ? tr("checkin.consent.keep") : tr("checkin.consent.withdraw");
        const float bw = rightButtonsWidth(ui, {action});
        ImGui::PushTextWrapPos(right - bw - ui.theme().gap);
        shown(ui, line, false, false, 1.0f, withdrawing ? ui.colors().danger : ui.colors().success);
        ImGui::PopTextWrapPos();
        ImGui::SameLine(right - bw);
        if (button(ui, action, {.kind = ButtonKind::kQuiet, .id = "toggle"}))
            answer = withdrawing ? ConsentAnswer::kUnanswered : ConsentAnswer::kWithdrawn;
    }
    ImGui::PopID();
}

void CheckInScreen::drawSignature(Ui& ui, float height) {
    const Theme& t = ui.theme();
    const float top = ImGui::GetCursorPosY();
    shown(ui, tr("checkin.sign.prompt"), false, true);
    const float avail = ImGui::GetContentRegionAvail().x;
    // Everything but the pad (the prompt, the pad's own clear button, the submit button) as
    // measured on the last frame; a guess on the first.
    const float rest = m_signBelow > 0 ? m_signBelow : 3 * t.touch + 2 * t.fontBody + 4 * t.gap;
    const float h = std::max(t.touch * 2, std::min(avail * 0.6f, height - rest - ImGui::GetStyle().ItemSpacing.y));
    m_padSize = ImVec2(avail, h);
    m_signature.draw(ui, tr("checkin.sign.pad"), m_padSize);
    space(ui, 0.5f);
    if (button(ui, tr("checkin.sign.submit"), {.kind = ButtonKind::kPrimary, .width = -1,
                                               .enabled = m_signature.isSigned() && !m_submitting,
                                               .large = true, .id = "submit"}))
        submit(ui);
    m_signBelow = ImGui::GetCursorPosY() - top - h;
}

void CheckInScreen::submit(Ui& ui) {
    core::CheckInRequest r;
    r.channel = "kiosk";
    if (m_registering) {
        r.walkIn = core::WalkInInput{.plate = m_walkInPlate, .phone = m_phone.value(), .name = m_surname};
    } else if (m_chosen && m_chosen->appointmentId) {
        r.appointmentId = m_chosen->appointmentId;
        r.vehicleId = m_chosen->vehicleId;
    } else if (m_chosen) {
        r.vehicleId = m_chosen->vehicleId;
    } else {
        return;
    }
    r.odometerKm = m_km;
    r.confirmOdometerDecrease = m_confirmDecrease;
    r.services.assign(m_services.begin(), m_services.end());
    // Keep the menu's order, not the set's.
    std::stable_sort(r.services.begin(), r.services.end(), [&](const std::string& a, const std::string& b) {
        auto pos = [&](const std::string& code) {
            auto it = std::find_if(m_menu.begin(), m_menu.end(), [&](const auto& i) { return i.code == code; });
            return it - m_menu.begin();
        };
        return pos(a) < pos(b);
    });
    r.complaint = complaintText();
    r.consent = core::ConsentAnswers{.contact = m_contact, .dataUse = m_dataUse,
                                     .textVersion = tr("checkin.consent.version")};
    core::SignatureInput sig;
    sig.width = std::max(m_padSize.x, 1.0f);
    sig.height = std::max(m_padSize.y, 1.0f);
    for (const auto& stroke : m_signature.strokes()) {
        std::vector<core::PadPoint> points;
        points.reserve(stroke.size());
        for (const auto& p : stroke) points.push_back({p.x * sig.width, p.y * sig.height});
        sig.strokes.push_back(std::move(points));
    }
    r.signature = std::move(sig);

    m_submitting = true;
    auto done = m_checkIn.checkIn(r);
    m_submitting = false;
    if (!done) {
        // The service's message is for staff (English, may name a field); the customer gets a
        // translated one. Nothing personal is logged.
        const auto code = done.error().code;
        ui.toasts().show(code == core::Errc::kConflict ? tr("checkin.error.conflict") : tr("checkin.error.failed"),
                         ToastKind::kError, 8000);
        return;
    }
    m_result = std::move(*done);
    if (auto qr = QrCode::encode(statusLink(m_app.store.hubUrl, m_result->statusToken))) m_qr = std::move(*qr);
    m_history.clear();
    m_step = Step::kTicket;
    m_notice.clear();
}

void CheckInScreen::drawTicket(Ui& ui) {
    if (!m_result) return;
    const Theme& t = ui.theme();
    if (ImGui::BeginTable("ticket", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        shown(ui, tr("checkin.ticket.done"), true);
        space(ui);
        shown(ui, tr("checkin.ticket.your_number"));
        ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().primary);
        shown(ui, m_result->ticket, true, false, 2.0f);
        ImGui::PopStyleColor();
        space(ui);
        shown(ui, tr("checkin.ticket.wait"), false, true);
        space(ui, 2);
        if (button(ui, tr("checkin.ticket.finish"), {.kind = ButtonKind::kPrimary, .width = -1, .large = true,
                                                     .id = "finish"}))
            m_app.router.pop();
        ImGui::TableNextColumn();
        if (m_qr) {
            const float side = std::min(ImGui::GetContentRegionAvail().x, std::max(t.touch * 4, 360.0f * t.scale));
            drawQrCode(ui, *m_qr, side, tr("checkin.ticket.qr"));
            shown(ui, tr("checkin.ticket.qr"), false, true);
        }
        ImGui::EndTable();
    }
}

}  // namespace fc::ui
