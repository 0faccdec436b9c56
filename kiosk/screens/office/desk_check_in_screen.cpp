#include "kiosk/screens/office/desk_check_in_screen.hpp"

#include <algorithm>
#include <charconv>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/screens/office/work_order_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/text.hpp"

namespace fc::ui {

namespace {

// The problems an advisor taps instead of typing: the kiosk's list (checkin.problem.*).
constexpr const char* kProblems[] = {"noise", "vibration", "leak", "warning_light", "ac_not_cold",
                                     "soft_brakes", "pulls", "hard_start", "smell", "fuel_use"};

std::string problemLabel(const std::string& key) { return tr(("checkin.problem." + key).c_str()); }

}  // namespace

DeskCheckInScreen::DeskCheckInScreen(AppContext& app, DeskServices services, DeskCheckInTarget target)
    : m_app(app), m_s(services), m_target(std::move(target)) {
    m_services.set(m_target.services);
}

std::string DeskCheckInScreen::title() const { return tr("desk.checkin.title"); }

std::string DeskCheckInScreen::complaintText() const {
    std::string out;
    const char* sep = desk::english() ? ", " : "、";
    for (const char* key : kProblems) {
        if (!m_problems.contains(key)) continue;
        if (!out.empty()) out += sep;
        out += problemLabel(key);
    }
    const std::string typed = core::trim(m_complaint);
    if (!typed.empty()) {
        if (!out.empty()) out += desk::english() ? "; " : "；";
        out += typed;
    }
    return out;
}

void DeskCheckInScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!desk::can(m_app, core::Capability::kCheckInVehicles)) {
        desk::shownText(ui, tr("desk.not_allowed_action"));
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "desk-checkin");
    if (m_result) drawDone(ui);
    else drawForm(ui);
}

void DeskCheckInScreen::drawForm(Ui& ui) {
    const Theme& t = ui.theme();
    const core::StoreTime& st = m_s.desk.storeTime();
    const std::string who = m_target.customerName + "  " + m_target.plate;
    ui.ensureGlyphs(who + m_target.vehicleLabel, true);
    heading(ui, who);
    std::string line = m_target.vehicleLabel;
    if (m_target.appointmentAt)
        line += (line.empty() ? "" : "  ") + tr("desk.checkin.appointment_at", {{"time", st.hhmm(*m_target.appointmentAt)}});
    else
        line += (line.empty() ? "" : "  ") + std::string(tr("desk.checkin.walk_in"));
    mutedText(ui, line);
    if (!m_history) {
        auto h = m_s.history.forVehicle(m_target.vehicleId, 10);
        m_history = h ? std::move(h).value() : core::VehicleHistory{};
        std::string glyphs;
        for (const core::DeclinedWork& d : m_history->declined) glyphs += d.description + d.findingNote;
        ui.ensureGlyphs(glyphs);
    }
    if (!m_history->declined.empty()) {
        ScopedWidgetScope declined(ui.registry(), "declined");
        ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().warning);
        for (const core::DeclinedWork& d : m_history->declined) {
            const std::string finding =
                d.findingNote.empty() ? std::string() : tr("desk.repair.finding", {{"note", d.findingNote}});
            text(ui, tr("desk.repair.declined", {{"work", d.description}, {"finding", finding}, {"date", desk::date(st, d.at)}}));
        }
        ImGui::PopStyleColor();
    }
    space(ui, 0.5f);
    // Room under the two columns for the error line and the confirm button, always in view.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float bottom = t.touch + 3 * style.ItemSpacing.y + 2 * style.CellPadding.y + 2 +
                         (m_error.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing() * 2);
    // A table without scrolling grows with what is in it: the columns' heights are given.
    const float columnH = std::max(t.touch * 4, ImGui::GetContentRegionAvail().y - bottom);
    if (ImGui::BeginTable("checkin-layout", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        ImGui::BeginChild("left", ImVec2(0, columnH), false);
        textField(ui, tr("desk.checkin.odometer"), m_odometer, {.hint = tr("desk.checkin.odometer_hint"), .maxChars = 7});
        if (m_target.lastOdometerKm)
            mutedText(ui, tr("desk.checkin.last_odometer", {{"km", *m_target.lastOdometerKm}}));
        space(ui, 0.5f);
        mutedText(ui, tr("desk.checkin.problems"));
        {
            ScopedWidgetScope problems(ui.registry(), "problems");
            bool first = true;
            for (const char* key : kProblems) {
                const std::string label = problemLabel(key);
                const bool on = m_problems.contains(key);
                desk::chipRowNext(ui, label, on, first);
                first = false;
                if (desk::chip(ui, label, on, key)) {
                    if (on) m_problems.erase(key);
                    else m_problems.insert(key);
                }
            }
        }
        textField(ui, tr("desk.checkin.complaint"), m_complaint, {.hint = tr("desk.checkin.complaint_hint"), .maxChars = 500});
        textField(ui, tr("desk.checkin.service_notes"), m_serviceNotes, {.maxChars = 500});
        dragToScroll(ui);
        ImGui::EndChild();
        ImGui::TableNextColumn();
        ImGui::BeginChild("right", ImVec2(0, columnH), false);
        mutedText(ui, tr("desk.checkin.services"));
        m_services.draw(ui, m_s.catalog);
        dragToScroll(ui);
        ImGui::EndChild();
        ImGui::EndTable();
    }
    if (!m_error.empty()) desk::errorText(ui, m_error);
    const bool any = !m_services.empty() || !m_problems.empty() || !core::trim(m_complaint).empty() ||
                     !core::trim(m_serviceNotes).empty();
    if (button(ui, tr("desk.checkin.confirm"), {.kind = ButtonKind::kPrimary, .width = -1, .enabled = any,
                                                .id = "confirm"})) {
        m_error.clear();
        m_confirmLower = false;
        int64_t km = 0;
        const std::string v = core::trim(m_odometer);
        if (!v.empty()) {
            const auto r = std::from_chars(v.data(), v.data() + v.size(), km);
            if (r.ec != std::errc() || r.ptr != v.data() + v.size()) {
                m_error = tr("desk.checkin.odometer_invalid");
                return;
            }
        }
        if (!v.empty() && m_target.lastOdometerKm && km < *m_target.lastOdometerKm) {
            m_lowerKm.open({.title = tr("desk.checkin.lower_title"),
                            .message = tr("desk.checkin.lower_message",
                                          {{"km", km}, {"last", *m_target.lastOdometerKm}}),
                            .yes = tr("desk.checkin.lower_yes"),
                            .no = tr("desk.checkin.lower_no")});
        } else {
            submit(ui);
        }
    }
    if (auto answer = m_lowerKm.draw(ui, "lower-km")) {
        if (*answer) {
            m_confirmLower = true;
            submit(ui);
        }
    }
}

void DeskCheckInScreen::submit(Ui& ui) {
    core::CheckInRequest r;
    r.channel = "office";
    r.staffId = m_app.staff ? m_app.staff->staffId() : "";
    if (m_target.appointmentId) r.appointmentId = m_target.appointmentId;
    r.vehicleId = m_target.vehicleId;
    const std::string v = core::trim(m_odometer);
    if (!v.empty()) {
        int64_t km = 0;
        std::from_chars(v.data(), v.data() + v.size(), km);
        r.odometerKm = km;
    }
    r.confirmOdometerDecrease = m_confirmLower;
    r.services = m_services.codes();
    r.complaint = complaintText();
    r.serviceNotes = core::trim(m_serviceNotes);
    auto done = m_s.checkIn.checkIn(r);
    if (!done) {
        m_error = desk::fieldError(done.error());
        return;
    }
    m_result = std::move(done).value();
    ui.toasts().show(tr("desk.checkin.done_toast", {{"ticket", m_result->ticket}}), ToastKind::kSuccess);
}

void DeskCheckInScreen::drawDone(Ui& ui) {
    heading(ui, tr("desk.checkin.done"));
    space(ui);
    desk::shownText(ui, tr("desk.checkin.ticket_is"));
    // The ticket, twice the large font, in the primary colour.
    const std::string& ticket = m_result->ticket;
    ImFont* font = ui.largeFont();
    const ImVec2 ts = textSize(font, ticket);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize * 2, pos, ui.colors().primary, ticket.c_str());
    ImGui::Dummy(ImVec2(ts.x * 2, ts.y * 2));
    ui.registry().recordLastItem(ticket, WidgetKind::kOther);
    space(ui);
    mutedText(ui, m_target.customerName + "  " + m_target.plate);
    space(ui, 2);
    const float w = columnWidth(ui, 2);
    if (button(ui, tr("desk.checkin.finish"), {.kind = ButtonKind::kPrimary, .width = w, .id = "finish"}))
        m_app.router.pop();
    // Straight on to the work order (the visit's services become its labour lines).
    if (desk::can(m_app, core::Capability::kManageWorkOrders) && m_app.staff) {
        ImGui::SameLine();
        if (button(ui, tr("desk.visit.open_work_order"), {.width = w, .id = "open-order"})) {
            auto id = m_s.workOrders.openFromVisit(*m_app.staff, m_result->visitId);
            if (!id) {
                ui.toasts().show(desk::fieldError(id.error()), ToastKind::kError, 6000);
            } else {
                AppContext& app = m_app;
                DeskServices s = m_s;
                const std::string order = *id;
                app.router.pop();
                app.router.push(std::make_unique<WorkOrderScreen>(app, s, order));
            }
        }
    }
}

}  // namespace fc::ui
