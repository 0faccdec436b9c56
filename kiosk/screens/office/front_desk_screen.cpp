#include "kiosk/screens/office/front_desk_screen.hpp"

#include <algorithm>

#include <imgui_stdlib.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/screens/office/appointment_editor_screen.hpp"
#include "kiosk/screens/office/customer_edit_screen.hpp"
#include "kiosk/screens/office/desk_check_in_screen.hpp"
#include "kiosk/screens/office/work_order_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/bays/tables.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/customers/tables.hpp"
#include "shared/visits/tables.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

using desk::can;
using desk::dateTime;
using desk::joined;
using desk::labelOf;
using desk::serviceNames;
using desk::shownText;
using desk::statusLabel;

namespace {

// A button's width as button() lays it out.
float buttonWidth(Ui& ui, std::string_view label) {
    return std::max(textSize(ui.bodyFont(), label).x + 2 * ui.theme().pad, ui.theme().touch);
}

// The height of a button inside a table row.
float rowButtonHeight(Ui& ui) { return ui.theme().touch - 2 * ImGui::GetStyle().CellPadding.y; }

struct LineButton {
    std::string label;
    std::string id;
    bool enabled = true;
};

// Text, then buttons at the right end of the same line; the index of the button pressed, or -1.
int lineWithButtons(Ui& ui, std::string_view s, const std::vector<LineButton>& buttons) {
    const Theme& t = ui.theme();
    float w = 0;
    for (const LineButton& b : buttons) w += buttonWidth(ui, b.label) + t.gap;
    const float x = ImGui::GetCursorPosX();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(top + (buttons.empty() ? 0 : std::max(0.0f, (t.touch - ImGui::GetTextLineHeight()) * 0.5f)));
    ImGui::PushTextWrapPos(x + std::max(avail * 0.4f, avail - w));
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopTextWrapPos();
    ui.registry().recordLastItem(s, WidgetKind::kOther);
    int pressed = -1;
    for (size_t i = 0; i < buttons.size(); ++i) {
        if (i == 0) {
            ImGui::SameLine(x + std::max(avail * 0.4f, avail - w) + t.gap);
            ImGui::SetCursorPosY(top);
        } else {
            ImGui::SameLine();
        }
        if (button(ui, buttons[i].label, {.enabled = buttons[i].enabled, .id = buttons[i].id}))
            pressed = static_cast<int>(i);
    }
    return pressed;
}


const core::VisitStatus kVisitStatuses[] = {core::VisitStatus::kWaiting, core::VisitStatus::kInService,
                                            core::VisitStatus::kReady, core::VisitStatus::kCollected};

// The statuses a visit may move on to: only later ones (steps may be skipped).
std::vector<core::VisitStatus> nextStatuses(const std::optional<core::VisitStatus>& now) {
    std::vector<core::VisitStatus> out;
    if (!now) return out;  // a status this version does not know: leave it alone
    for (core::VisitStatus s : kVisitStatuses)
        if (static_cast<int>(s) > static_cast<int>(*now)) out.push_back(s);
    return out;
}

// The visit's status as the lists show it: a waiting visit that was called says where to.
std::string visitStatusText(const core::VisitRow& v) {
    if (v.status == core::VisitStatus::kWaiting && v.calledAt)
        return tr("desk.queue.called_to", {{"desk", v.calledDesk}});
    return statusLabel(v.statusKey);
}

std::string complaintText(const core::VisitRow& v) {
    if (v.serviceNotes.empty()) return v.complaint;
    if (v.complaint.empty()) return v.serviceNotes;
    return v.complaint + (desk::english() ? "; " : "；") + v.serviceNotes;
}

}  // namespace

void openBooking(AppContext& app, const DeskServices& s, const core::Customer& customer, const core::Vehicle& vehicle) {
    app.router.push(std::make_unique<AppointmentEditorScreen>(
        app, s,
        AppointmentEditorScreen::Booking{customer.id, vehicle.id, customer.name, core::displayPlate(vehicle.plate)}));
}

void openMove(AppContext& app, const DeskServices& s, const std::string& appointmentId) {
    app.router.push(std::make_unique<AppointmentEditorScreen>(app, s, appointmentId));
}

// [SECTION] FrontDeskScreen

FrontDeskScreen::FrontDeskScreen(AppContext& app, DeskServices services)
    : m_app(app),
      m_s(services),
      m_watch(app.data, {&core::tables::kAppointments, &core::tables::kVisits, &core::tables::kCustomers,
                         &core::tables::kVehicles, &core::tables::kVehicleOwnerships, &core::tables::kBays,
                         &core::tables::kWorkOrders}) {}

std::string FrontDeskScreen::title() const { return tr("desk.title"); }

void FrontDeskScreen::reload(Ui& ui) {
    ++m_reloads;
    if (auto a = m_s.desk.todaysAppointments()) m_appointments = std::move(a).value();
    else ui.toasts().show(a.error().message, ToastKind::kError);
    if (auto v = m_s.desk.todaysVisits()) m_visits = std::move(v).value();
    else ui.toasts().show(v.error().message, ToastKind::kError);
    for (const auto& a : m_appointments) ui.ensureGlyphs(a.customerName + a.plate + a.vehicleLabel + a.bayCode);
    for (const auto& v : m_visits)
        ui.ensureGlyphs(v.customerName + v.plate + v.vehicleLabel + v.complaint + v.serviceNotes + v.calledDesk);
    if (!m_searched.empty()) runSearch(ui);
}

void FrontDeskScreen::showAppointment(const std::string& id) {
    for (size_t i = 0; i < m_appointments.size(); ++i)
        if (m_appointments[i].id == id) m_appointmentTable.scrollTo(static_cast<int>(i));
}

void FrontDeskScreen::showVisit(const std::string& id) {
    for (size_t i = 0; i < m_visits.size(); ++i)
        if (m_visits[i].id == id) m_visitTable.scrollTo(static_cast<int>(i));
}

void FrontDeskScreen::runSearch(Ui& ui) {
    m_searched = m_query;
    m_hits.clear();
    m_hitTable.setSelected(std::nullopt);
    if (m_query.empty()) return;
    auto hits = m_s.search.search(m_query, 200);
    if (!hits) {
        ui.toasts().show(hits.error().message, ToastKind::kError);
        return;
    }
    m_hits = std::move(hits).value();
    for (const auto& h : m_hits) ui.ensureGlyphs(h.name);
}

bool FrontDeskScreen::onScan(Ui&, const std::string& code) {
    m_query = code;
    m_searched.clear();  // searched at the next draw
    return true;
}

std::optional<core::VisitRow> FrontDeskScreen::calledVisit() const {
    if (m_called) {
        for (const core::VisitRow& v : m_visits)
            if (v.id == *m_called) return v;
    }
    // Not called from this screen yet: the last ticket called to this desk today.
    const core::VisitRow* last = nullptr;
    for (const core::VisitRow& v : m_visits)
        if (v.calledAt && v.calledDesk == m_deskName && (!last || *v.calledAt > *last->calledAt)) last = &v;
    if (last) return *last;
    return std::nullopt;
}

void FrontDeskScreen::openCustomer(const std::string& customerId) {
    m_app.router.push(std::make_unique<CustomerDetailScreen>(m_app, m_s, customerId));
}

void FrontDeskScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!can(m_app, core::Capability::kViewFrontDesk)) {
        shownText(ui, tr("desk.not_allowed"));
        return;
    }
    if (m_deskName.empty()) m_deskName = tr("desk.queue.default_desk");
    if (m_watch.changed()) reload(ui);

    drawSearch(ui);
    space(ui, 0.5f);
    if (!m_query.empty()) {
        drawHits(ui);
        return;
    }
    const float half = std::max(ui.theme().touch * 3, (ImGui::GetContentRegionAvail().y - ui.theme().touch * 2.5f) * 0.5f);
    drawAppointments(ui, half);
    space(ui, 0.5f);
    drawQueue(ui);
    drawVisits(ui);
    drawStatusDialog(ui);
    if (auto answer = m_cancel.draw(ui, "cancel-appointment"); answer && *answer) {
        if (auto r = m_s.appointments.cancel(m_cancelId); !r)
            ui.toasts().show(desk::fieldError(r.error()), ToastKind::kError, 6000);
        else
            ui.toasts().show(tr("desk.appt.cancelled_toast"), ToastKind::kSuccess);
    }
}

void FrontDeskScreen::drawSearch(Ui& ui) {
    const char* clearLabel = tr("desk.search_clear");
    const float clearW = buttonWidth(ui, clearLabel);
    if (m_focusSearch) {
        // Back in the field after clearing it: the next search is typed straight away.
        ImGui::SetKeyboardFocusHere();
        m_focusSearch = false;
    }
    textField(ui, tr("desk.search"), m_query,
              {.hint = tr("desk.search_hint"), .maxChars = 40,
               .width = std::max(ui.theme().touch * 3, ImGui::GetContentRegionAvail().x - clearW - ui.theme().gap)});
    ImGui::SameLine();
    if (button(ui, clearLabel, {.enabled = !m_query.empty(), .id = "clear-search"})) {
        m_query.clear();
        m_focusSearch = true;
    }
    if (m_query != m_searched) runSearch(ui);
}

void FrontDeskScreen::drawQueue(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "queue");
    const Theme& t = ui.theme();
    const std::optional<core::VisitRow> called = calledVisit();
    size_t waiting = 0;
    for (const core::VisitRow& v : m_visits)
        if (v.status == core::VisitStatus::kWaiting && !v.calledAt) ++waiting;

    const char* nextLabel = tr("desk.queue.call_next");
    const char* recallLabel = tr("desk.queue.recall");
    const float deskW = t.touch * 2.5f;
    const float buttonsW = buttonWidth(ui, nextLabel) + buttonWidth(ui, recallLabel) + deskW + 3 * t.gap;
    // One line: the check-ins' heading, how many wait, the called ticket (big, in the primary
    // colour) and who it is; on the right the desk's name and the two calls.
    if (!ImGui::BeginTable("queue-panel", 2, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("called", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("actions", ImGuiTableColumnFlags_WidthFixed, buttonsW);
    ImGui::TableNextColumn();
    const float top = ImGui::GetCursorPosY();
    const auto centred = [&](float h) { ImGui::SetCursorPosY(top + std::max(0.0f, (t.touch - h) * 0.5f)); };
    {
        FontScope f(ui.largeFont());
        centred(ImGui::GetTextLineHeight());
        const std::string title = tr("desk.visits", {{"count", m_visits.size()}});
        ImGui::TextUnformatted(title.c_str());
        ui.registry().recordLastItem(title, WidgetKind::kOther);
    }
    ImGui::SameLine(0, t.pad);
    centred(ImGui::GetTextLineHeight());
    ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().textMuted);
    const std::string waitingText = tr("desk.queue.waiting", {{"count", waiting}});
    ImGui::TextUnformatted(waitingText.c_str());
    ImGui::PopStyleColor();
    ui.registry().recordLastItem(waitingText, WidgetKind::kOther);
    ImGui::SameLine(0, t.pad * 1.5f);
    if (called) {
        ImFont* font = ui.largeFont();
        const float scale = 1.4f;
        const ImVec2 ts = textSize(font, called->ticket);
        centred(ts.y * scale);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddText(font, font->FontSize * scale, pos, ui.colors().primary,
                                            called->ticket.c_str());
        ImGui::Dummy(ImVec2(ts.x * scale, ts.y * scale));
        ui.registry().recordLastItem(called->ticket, WidgetKind::kOther);
        ImGui::SameLine(0, t.gap);
        centred(ImGui::GetTextLineHeight());
        const std::string who = tr("desk.queue.called_line",
                                   {{"name", called->customerName}, {"plate", called->plate},
                                    {"desk", called->calledDesk},
                                    {"time", called->calledAt ? m_s.desk.storeTime().hhmm(*called->calledAt) : ""}});
        ui.ensureGlyphs(who);
        ImGui::TextUnformatted(who.c_str());
        ui.registry().recordLastItem(who, WidgetKind::kOther);
    } else {
        centred(ImGui::GetTextLineHeight());
        ImGui::TextUnformatted(tr("desk.queue.none_called"));
        ui.registry().recordLastItem(tr("desk.queue.none_called"), WidgetKind::kOther);
    }
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), top + t.touch));
    ImGui::TableNextColumn();
    const bool mayCall = can(m_app, core::Capability::kCheckInVehicles);
    ImGui::SetNextItemWidth(deskW);
    {
        // The desk's name, typed once ("2号台"): where the called customer goes.
        ImGui::PushID("desk-name");
        ImGui::InputTextWithHint("##desk", tr("desk.queue.desk_hint"), &m_deskName);
        ui.registry().recordLastItem(tr("desk.queue.desk"), WidgetKind::kTextField);
        ImGui::PopID();
    }
    ImGui::SameLine();
    if (button(ui, nextLabel, {.kind = ButtonKind::kPrimary, .enabled = mayCall, .id = "call-next"})) callNext(ui);
    ImGui::SameLine();
    const bool canRecall = mayCall && called && called->status == core::VisitStatus::kWaiting;
    if (button(ui, recallLabel, {.enabled = canRecall, .id = "recall"})) recall(ui);
    ImGui::EndTable();
}

void FrontDeskScreen::callNext(Ui& ui) {
    if (!m_app.staff) return;
    auto r = m_s.visits.callNext(m_app.staff->staffId(), m_deskName);
    if (!r) {
        ui.toasts().show(desk::fieldError(r.error()), ToastKind::kError, 6000);
        return;
    }
    if (!*r) {
        ui.toasts().show(tr("desk.queue.nobody"));
        return;
    }
    m_called = (*r)->id;
    ui.toasts().show(tr("desk.queue.called_toast", {{"ticket", (*r)->ticket}, {"desk", (*r)->calledDesk.value_or("")}}),
                     ToastKind::kSuccess);
}

void FrontDeskScreen::recall(Ui& ui) {
    const auto called = calledVisit();
    if (!called || !m_app.staff) return;
    auto r = m_s.visits.recall(called->id, m_app.staff->staffId());
    if (!r) {
        ui.toasts().show(desk::fieldError(r.error()), ToastKind::kError, 6000);
        return;
    }
    m_called = r->id;
    ui.toasts().show(tr("desk.queue.recalled_toast", {{"ticket", r->ticket}, {"desk", r->calledDesk.value_or("")}}),
                     ToastKind::kSuccess);
}

void FrontDeskScreen::drawHits(Ui& ui) {
    shownText(ui, tr("desk.results", {{"count", m_hits.size()}}));
    const std::vector<TableColumn> cols = {{tr("desk.col.name"), 1.2f}, {tr("desk.col.phone"), 1.2f},
                                           {tr("desk.col.plates"), 2.0f}};
    if (auto row = m_hitTable.draw(ui, "hits", cols, static_cast<int>(m_hits.size()),
                                   [&](int r, int c, std::string& scratch) -> std::string_view {
                                       const core::SearchHit& h = m_hits[static_cast<size_t>(r)];
                                       switch (c) {
                                           case 0: return h.name;
                                           case 1: return scratch = h.phones.empty() ? "" : core::maskPhone(h.phones[0]);
                                           default: {
                                               std::vector<std::string> p;
                                               for (const auto& pl : h.plates) p.push_back(core::displayPlate(pl));
                                               return scratch = joined(p);
                                           }
                                       }
                                   }))
        openCustomer(m_hits[static_cast<size_t>(*row)].customerId);
}

void FrontDeskScreen::drawAppointments(Ui& ui, float height) {
    const core::StoreTime& st = m_s.desk.storeTime();
    heading(ui, tr("desk.appointments", {{"count", m_appointments.size()}}));
    const std::vector<TableColumn> cols = {{tr("desk.col.time"), 0.5f},     {tr("desk.col.name"), 0.9f},
                                           {tr("desk.col.phone"), 1.0f},    {tr("desk.col.plate"), 0.9f},
                                           {tr("desk.col.bay"), 0.4f},      {tr("desk.col.services"), 1.5f},
                                           {tr("desk.col.status"), 0.8f}};
    const char* checkInLabel = tr("desk.appt.check_in");
    const char* moveLabel = tr("desk.appt.move");
    const char* cancelLabel = tr("desk.appt.cancel");
    const Theme& t = ui.theme();
    const float actionsW = buttonWidth(ui, checkInLabel) + buttonWidth(ui, moveLabel) + buttonWidth(ui, cancelLabel) +
                           3 * t.gap;
    const bool mayCheckIn = can(m_app, core::Capability::kCheckInVehicles);
    const bool mayManage = can(m_app, core::Capability::kManageAppointments);
    std::optional<DeskCheckInTarget> checkIn;
    std::optional<std::string> move;
    TableOptions options{.height = height};
    options.actionsWidth = actionsW;
    options.actionsHeader = tr("desk.col.actions");
    options.actions = [&](int r) {
        const core::AppointmentRow& a = m_appointments[static_cast<size_t>(r)];
        ScopedWidgetScope rowScope(ui.registry(), a.id);
        const float h = rowButtonHeight(ui);
        const bool booked = a.status == core::AppointmentStatus::kBooked && !a.visitId;
        const bool rebookable = a.status == core::AppointmentStatus::kCancelled ||
                                a.status == core::AppointmentStatus::kNoShow;
        bool first = true;
        auto next = [&] {
            if (!first) ImGui::SameLine();
            first = false;
        };
        if (booked && mayCheckIn) {
            next();
            if (button(ui, checkInLabel, {.kind = ButtonKind::kPrimary, .height = h, .id = "check-in"})) {
                DeskCheckInTarget target{.appointmentId = a.id, .vehicleId = a.vehicleId, .customerName = a.customerName,
                                         .plate = a.plate, .vehicleLabel = a.vehicleLabel,
                                         .appointmentAt = a.scheduledAt, .services = a.services};
                if (auto v = m_s.customers.getVehicle(a.vehicleId)) target.lastOdometerKm = v->odometerKm;
                checkIn = std::move(target);
            }
        }
        if ((booked || rebookable) && mayManage) {
            next();
            if (button(ui, moveLabel, {.height = h, .id = "move"})) move = a.id;
        }
        if (booked && mayManage) {
            next();
            if (button(ui, cancelLabel, {.kind = ButtonKind::kQuiet, .height = h, .id = "cancel"})) {
                m_cancelId = a.id;
                m_cancel.open({.title = tr("desk.appt.cancel_q", {{"time", st.hhmm(a.scheduledAt)}, {"name", a.customerName}}),
                               .message = a.plate + "  " + serviceNames(m_s.catalog, a.services),
                               .yes = tr("desk.appt.cancel_yes"),
                               .no = tr("desk.appt.cancel_no"),
                               .danger = true});
            }
        }
    };
    if (auto row = m_appointmentTable.draw(
            ui, "appointments", cols, static_cast<int>(m_appointments.size()),
            [&](int r, int c, std::string& scratch) -> std::string_view {
                const core::AppointmentRow& a = m_appointments[static_cast<size_t>(r)];
                switch (c) {
                    case 0: return scratch = st.hhmm(a.scheduledAt);
                    case 1: return a.customerName;
                    case 2: return scratch = core::maskPhone(a.phone);
                    case 3: return a.plate;
                    case 4: return a.bayCode;
                    case 5: return scratch = serviceNames(m_s.catalog, a.services);
                    default: return scratch = a.visitId ? std::string(tr("desk.checked_in_ticket", {{"ticket", a.ticket}})) : statusLabel(a.statusKey);
                }
            },
            options))
        openCustomer(m_appointments[static_cast<size_t>(*row)].customerId);
    if (checkIn) m_app.router.push(std::make_unique<DeskCheckInScreen>(m_app, m_s, std::move(*checkIn)));
    if (move) openMove(m_app, m_s, *move);
}

void FrontDeskScreen::drawVisits(Ui& ui) {
    const core::StoreTime& st = m_s.desk.storeTime();
    const std::vector<TableColumn> cols = {{tr("desk.col.time"), 0.5f},      {tr("desk.col.ticket"), 0.6f},
                                           {tr("desk.col.name"), 0.8f},      {tr("desk.col.phone"), 1.0f},
                                           {tr("desk.col.plate"), 0.9f},     {tr("desk.col.services"), 1.3f},
                                           {tr("desk.col.complaint"), 1.3f}, {tr("desk.col.status"), 0.9f}};
    const char* statusButton = tr("desk.visit.change_status");
    const char* orderButton = tr("desk.visit.open_work_order");
    const bool mayUpdate = can(m_app, core::Capability::kUpdateVisitStatus);
    const bool mayOpenOrder = can(m_app, core::Capability::kManageWorkOrders) && m_app.staff.has_value();
    TableOptions options;
    options.actionsWidth = buttonWidth(ui, statusButton) + buttonWidth(ui, orderButton) + 2 * ui.theme().gap;
    options.actionsHeader = tr("desk.col.actions");
    options.actions = [&](int r) {
        const core::VisitRow& v = m_visits[static_cast<size_t>(r)];
        ScopedWidgetScope rowScope(ui.registry(), v.id);
        bool first = true;
        if (mayUpdate && !nextStatuses(v.status).empty()) {
            first = false;
            if (button(ui, statusButton, {.height = rowButtonHeight(ui), .id = "status"})) {
                m_statusFor = v.id;
                m_status.open();
            }
        }
        // One tap from the check-in to its work order (the services become labour lines).
        if (!v.workOrderId && mayOpenOrder) {
            if (!first) ImGui::SameLine(0, ui.theme().gap);
            if (button(ui, orderButton, {.height = rowButtonHeight(ui), .id = "open-order"})) openWorkOrder(ui, v);
        } else if (v.workOrderId) {
            if (!first) ImGui::SameLine(0, ui.theme().gap);
            // Its number opens the work order (the editor, where the advisor prices and closes it).
            if (mayOpenOrder) {
                if (button(ui, v.workOrderNo, {.kind = ButtonKind::kQuiet, .height = rowButtonHeight(ui), .id = "order"}))
                    m_app.router.push(std::make_unique<WorkOrderScreen>(m_app, m_s, *v.workOrderId));
            } else {
                // The number, centred on the row's buttons (a button-high item: the row keeps its height).
                const ImVec2 at = ImGui::GetCursorScreenPos();
                const float h = rowButtonHeight(ui);
                ImGui::Dummy(ImVec2(ImGui::CalcTextSize(v.workOrderNo.c_str()).x, h));
                ImGui::GetWindowDrawList()->AddText(
                    ImVec2(at.x, at.y + std::max(0.0f, (h - ImGui::GetTextLineHeight()) * 0.5f)),
                    ImGui::GetColorU32(ui.colors().textMuted), v.workOrderNo.c_str());
                ui.registry().recordLastItem(v.workOrderNo, WidgetKind::kOther);
            }
        }
    };
    if (auto row = m_visitTable.draw(ui, "visits", cols, static_cast<int>(m_visits.size()),
                                     [&](int r, int c, std::string& scratch) -> std::string_view {
                                         const core::VisitRow& v = m_visits[static_cast<size_t>(r)];
                                         switch (c) {
                                             case 0: return scratch = st.hhmm(v.checkedInAt);
                                             case 1: return v.ticket;
                                             case 2: return v.customerName;
                                             case 3: return scratch = core::maskPhone(v.phone);
                                             case 4: return v.plate;
                                             case 5: return scratch = serviceNames(m_s.catalog, v.services);
                                             case 6: return scratch = complaintText(v);
                                             default: return scratch = visitStatusText(v);
                                         }
                                     },
                                     options))
        openCustomer(m_visits[static_cast<size_t>(*row)].customerId);
}

void FrontDeskScreen::openWorkOrder(Ui& ui, const core::VisitRow& v) {
    auto id = m_s.workOrders.openFromVisit(*m_app.staff, v.id);
    if (!id) {
        ui.toasts().show(desk::fieldError(id.error()), ToastKind::kError, 6000);
        return;
    }
    auto order = m_s.workOrders.get(*id);
    const std::string number = order ? order->provisionalNo : *id;
    ui.toasts().show(tr("desk.visit.work_order_opened", {{"ticket", v.ticket}, {"number", number}}), ToastKind::kSuccess);
    m_app.router.push(std::make_unique<WorkOrderScreen>(m_app, m_s, *id));
}

void FrontDeskScreen::drawStatusDialog(Ui& ui) {
    if (!m_status.begin(ui, "status")) return;
    const core::VisitRow* v = nullptr;
    for (const core::VisitRow& row : m_visits)
        if (row.id == m_statusFor) v = &row;
    if (!v) {
        m_status.close();
        m_status.end();
        return;
    }
    heading(ui, tr("desk.visit.status_title", {{"ticket", v->ticket}, {"name", v->customerName}}));
    shownText(ui, tr("desk.visit.status_now", {{"status", statusLabel(v->statusKey)}}));
    space(ui);
    for (core::VisitStatus s : nextStatuses(v->status)) {
        if (button(ui, statusLabel(core::visitStatusKey(s)),
                   {.kind = ButtonKind::kPrimary, .width = -1, .id = core::visitStatusKey(s)})) {
            if (auto r = m_s.visits.setStatus(v->id, s); !r) {
                ui.toasts().show(desk::fieldError(r.error()), ToastKind::kError, 6000);
            } else {
                ui.toasts().show(tr("desk.visit.status_toast", {{"ticket", v->ticket},
                                                                {"status", statusLabel(core::visitStatusKey(s))}}),
                                 ToastKind::kSuccess);
            }
            m_status.close();
        }
    }
    space(ui);
    if (button(ui, tr("desk.visit.status_close"), {.width = -1, .id = "close"})) m_status.close();
    m_status.end();
}

// [SECTION] CustomerDetailScreen

// The work the customer put off, with what was found, in the warning colour under their cars:
// what the advisor offers next time. Nothing when there is none.
void CustomerDetailScreen::drawDeclined(Ui& ui) {
    const core::StoreTime& st = m_s.desk.storeTime();
    for (const auto& [plate, h] : m_repairs) {
        for (const core::DeclinedWork& dw : h.declined) {
            const std::string finding =
                dw.findingNote.empty() ? std::string() : tr("desk.repair.finding", {{"note", dw.findingNote}});
            const std::string line = plate + "  " + tr("desk.repair.declined", {{"work", dw.description},
                                                                                {"finding", finding},
                                                                                {"date", desk::date(st, dw.at)}});
            ui.ensureGlyphs(line);
            ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().warning);
            shownText(ui, line);
            ImGui::PopStyleColor();
        }
    }
}

// Each car's work orders: date, number, the work done, its state, the odometer.
void CustomerDetailScreen::drawRepairs(Ui& ui) {
    const core::StoreTime& st = m_s.desk.storeTime();
    size_t orders = 0;
    for (const auto& [plate, h] : m_repairs) orders += h.orders.size();
    heading(ui, tr("desk.repair.heading", {{"count", orders}}));
    if (orders == 0) mutedText(ui, tr("desk.repair.none"));
    for (const auto& [plate, h] : m_repairs) {
        for (const core::PastWorkOrder& o : h.orders) {
            std::string line = desk::date(st, o.openedAt) + "  " + o.number + "  " + plate + "  " + joined(o.work) +
                               "  " + labelOf("desk.wo_status.", core::workOrderStatusKey(o.status));
            if (o.odometerKm) line += "  " + std::to_string(*o.odometerKm) + "\u00a0km";
            ui.ensureGlyphs(line);
            shownText(ui, line);
        }
    }
}

CustomerDetailScreen::CustomerDetailScreen(AppContext& app, DeskServices services, std::string customerId)
    : m_app(app),
      m_s(services),
      m_id(std::move(customerId)),
      m_watch(app.data, {&core::tables::kCustomers, &core::tables::kVehicles, &core::tables::kVehicleOwnerships,
                         &core::tables::kOdometerReadings, &core::tables::kConsentEvents, &core::tables::kVisits,
                         &core::tables::kAppointments, &core::tables::kCustomerAccessEvents,
                         &core::tables::kWorkOrders, &core::tables::kWorkOrderLines, &core::tables::kJobEvents,
                         &core::tables::kTimeEntries}) {}

std::string CustomerDetailScreen::title() const {
    return m_detail ? m_detail->customer.name : std::string(tr("desk.customer"));
}

void CustomerDetailScreen::draw(Ui& ui) {
    if (m_watch.changed()) {
        auto d = m_s.desk.customerDetail(m_id);
        if (d) {
            m_detail = std::move(d).value();
            m_error.clear();
            m_repairs.clear();
            for (const core::Vehicle& v : m_detail->vehicles)
                if (auto h = m_s.history.forVehicle(v.id, 20))
                    m_repairs.emplace_back(core::displayPlate(v.plate), std::move(h).value());
            // Revealed numbers follow the record (an edit); never more than were revealed.
            if (!m_revealed.empty()) m_revealed = m_detail->customer.phones;
        } else {
            m_error = d.error().message;
        }
    }
    staffBar(ui, m_app);
    if (!m_detail) {
        shownText(ui, m_error);
        return;
    }
    const core::CustomerDetail& d = *m_detail;
    const core::StoreTime& st = m_s.desk.storeTime();
    ui.ensureGlyphs(d.customer.name, true);
    {
        FontScope f(ui.largeFont());
        std::vector<LineButton> buttons;
        if (can(m_app, core::Capability::kEditCustomers)) buttons.push_back({tr("desk.edit.customer"), "edit-customer"});
        if (lineWithButtons(ui, d.customer.name, buttons) == 0)
            m_app.router.push(std::make_unique<CustomerEditScreen>(m_app, m_s.customers, m_id));
    }
    drawPhones(ui);
    if (!d.customer.segment.empty())
        mutedText(ui, tr("desk.segment", {{"segment", labelOf("desk.segment.", d.customer.segment)}}));
    ImGui::BeginChild("##detail", ImVec2(0, 0), false);
    space(ui, 0.5f);
    drawVehicles(ui);
    drawDeclined(ui);
    space(ui, 0.5f);
    drawAppointments(ui);
    space(ui, 0.5f);
    heading(ui, tr("desk.visit_history", {{"count", d.visits.size()}}));
    for (const core::VisitRow& v : d.visits) {
        std::string line = dateTime(st, v.checkedInAt) + "  " + v.ticket + "  " + v.plate + "  " +
                           serviceNames(m_s.catalog, v.services) + "  " + statusLabel(v.statusKey);
        if (!v.complaint.empty()) line += "  " + v.complaint;
        ui.ensureGlyphs(line);
        shownText(ui, line);
    }
    space(ui, 0.5f);
    heading(ui, tr("desk.consents", {{"count", d.consents.size()}}));
    for (const core::ConsentEvent& c : d.consents)
        shownText(ui, dateTime(st, c.at) + "  " + labelOf("desk.consent_kind.", c.kind) + "  " +
                          (c.granted ? tr("desk.consent_granted") : tr("desk.consent_withdrawn")) + "  " +
                          labelOf("desk.channel.", c.channel) + (c.textVersion.empty() ? "" : "  " + c.textVersion));
    space(ui, 0.5f);
    heading(ui, tr("desk.access.heading", {{"count", d.accessEvents.size()}}));
    for (const core::AccessEventRow& e : d.accessEvents) {
        const std::string line = tr("desk.access.line", {{"time", dateTime(st, e.at)},
                                                         {"staff", e.staffName.empty() ? e.staffId : e.staffName},
                                                         {"what", labelOf("desk.access.what.", e.what)},
                                                         {"reason", e.reason}});
        ui.ensureGlyphs(line);
        shownText(ui, line);
    }
    space(ui, 0.5f);
    drawRepairs(ui);
    dragToScroll(ui);
    ImGui::EndChild();
    drawRevealDialog(ui);
    if (auto answer = m_cancel.draw(ui, "cancel-appointment"); answer && *answer) {
        if (auto r = m_s.appointments.cancel(m_cancelId); !r)
            ui.toasts().show(desk::fieldError(r.error()), ToastKind::kError, 6000);
        else
            ui.toasts().show(tr("desk.appt.cancelled_toast"), ToastKind::kSuccess);
    }
}

void CustomerDetailScreen::drawPhones(Ui& ui) {
    const core::Customer& c = m_detail->customer;
    ScopedWidgetScope scope(ui.registry(), "phones");
    if (!m_revealed.empty()) {
        shownText(ui, tr("desk.phones", {{"phones", joined(m_revealed)}}));
        return;
    }
    // Masked until a person asks for the number and says why (the request is recorded).
    std::vector<std::string> masked;
    for (const std::string& p : c.phones) masked.push_back(core::maskPhone(p));
    std::vector<LineButton> buttons;
    const bool mayReveal = can(m_app, core::Capability::kViewCustomers) && !c.phones.empty();
    if (mayReveal) buttons.push_back({tr("desk.reveal.button"), "reveal"});
    if (lineWithButtons(ui, tr("desk.phones", {{"phones", joined(masked)}}), buttons) == 0) {
        m_reasonKey.clear();
        m_reasonText.clear();
        m_revealError.clear();
        m_reveal.open();
    }
}

void CustomerDetailScreen::drawRevealDialog(Ui& ui) {
    if (!m_reveal.begin(ui, "reveal")) return;
    heading(ui, tr("desk.reveal.title"));
    text(ui, tr("desk.reveal.prompt"));
    space(ui, 0.5f);
    static constexpr const char* kReasons[] = {"callback", "confirm", "pickup", "other"};
    bool first = true;
    for (const char* key : kReasons) {
        const std::string label = tr(("desk.reveal.reason." + std::string(key)).c_str());
        const bool on = m_reasonKey == key;
        desk::chipRowNext(ui, label, on, first);
        first = false;
        if (desk::chip(ui, label, on, "reason-" + std::string(key))) {
            m_reasonKey = key;
            m_revealError.clear();
        }
    }
    const bool other = m_reasonKey == "other";
    if (other) textField(ui, tr("desk.reveal.other"), m_reasonText, {.hint = tr("desk.reveal.other_hint"), .maxChars = 200});
    if (!m_revealError.empty()) desk::errorText(ui, m_revealError);
    space(ui);
    const float w = columnWidth(ui, 2);
    if (button(ui, tr("desk.reveal.cancel"), {.width = w, .id = "cancel"})) m_reveal.close();
    ImGui::SameLine();
    const bool ready = !m_reasonKey.empty() && (!other || !core::trim(m_reasonText).empty());
    if (button(ui, tr("desk.reveal.confirm"), {.kind = ButtonKind::kPrimary, .width = w, .enabled = ready, .id = "reveal"})) {
        const std::string reason =
            other ? m_reasonText : std::string(tr(("desk.reveal.reason." + m_reasonKey).c_str()));
        const std::string staffId = m_app.staff ? m_app.staff->staffId() : "";
        auto phones = m_s.access.revealPhone(m_id, staffId, reason);
        if (!phones) {
            m_revealError = desk::fieldError(phones.error());
        } else {
            m_revealed = std::move(phones).value();
            m_reveal.close();
        }
    }
    m_reveal.end();
}

void CustomerDetailScreen::drawVehicles(Ui& ui) {
    const core::CustomerDetail& d = *m_detail;
    const core::StoreTime& st = m_s.desk.storeTime();
    heading(ui, tr("desk.vehicles", {{"count", d.vehicles.size()}}));
    const bool mayEdit = can(m_app, core::Capability::kEditCustomers);
    const bool mayBook = can(m_app, core::Capability::kManageAppointments);
    const bool mayCheckIn = can(m_app, core::Capability::kCheckInVehicles);
    const int64_t now = ui.nowMs();
    for (const core::Vehicle& v : d.vehicles) {
        ScopedWidgetScope scope(ui.registry(), v.id);
        ImGui::PushID(v.id.c_str());
        std::string line = core::displayPlate(v.plate) + "  " + core::vehicleLabel(v);
        if (v.odometerKm) line += "  " + tr("desk.odometer", {{"km", *v.odometerKm}});
        ui.ensureGlyphs(line);
        std::vector<LineButton> buttons;
        if (mayEdit) buttons.push_back({tr("desk.edit.vehicle"), "edit"});
        if (mayBook) buttons.push_back({tr("desk.appt.book"), "book"});
        if (mayCheckIn) buttons.push_back({tr("desk.appt.check_in"), "check-in"});
        const int pressed = lineWithButtons(ui, line, buttons);
        if (pressed >= 0) {
            const std::string& id = buttons[static_cast<size_t>(pressed)].id;
            if (id == "edit") {
                m_app.router.push(std::make_unique<VehicleEditScreen>(m_app, m_s.customers, v.id));
            } else if (id == "book") {
                openBooking(m_app, m_s, d.customer, v);
            } else {
                DeskCheckInTarget target{.vehicleId = v.id, .customerName = d.customer.name,
                                         .plate = core::displayPlate(v.plate), .vehicleLabel = vehicleLabel(v),
                                         .lastOdometerKm = v.odometerKm};
                // The car's booking today, if it has one, is the one checked in.
                for (const core::Appointment& a : d.appointments) {
                    if (a.vehicleId != v.id || a.status != core::AppointmentStatus::kBooked) continue;
                    if (a.scheduledAt < st.dayStart(now) || a.scheduledAt >= st.dayEnd(now)) continue;
                    target.appointmentId = a.id;
                    target.appointmentAt = a.scheduledAt;
                    target.services = a.services;
                }
                m_app.router.push(std::make_unique<DeskCheckInScreen>(m_app, m_s, std::move(target)));
            }
        }
        ImGui::PopID();
    }
}

void CustomerDetailScreen::drawAppointments(Ui& ui) {
    const core::CustomerDetail& d = *m_detail;
    const core::StoreTime& st = m_s.desk.storeTime();
    heading(ui, tr("desk.appointment_history", {{"count", d.appointments.size()}}));
    const bool mayManage = can(m_app, core::Capability::kManageAppointments);
    for (const core::Appointment& a : d.appointments) {
        ScopedWidgetScope scope(ui.registry(), a.id);
        ImGui::PushID(a.id.c_str());
        const std::string line =
            dateTime(st, a.scheduledAt) + "  " + serviceNames(m_s.catalog, a.services) + "  " + statusLabel(a.statusKey);
        const bool booked = a.status == core::AppointmentStatus::kBooked;
        const bool rebookable = a.status == core::AppointmentStatus::kCancelled || a.status == core::AppointmentStatus::kNoShow;
        std::vector<LineButton> buttons;
        if (mayManage && (booked || rebookable)) buttons.push_back({tr("desk.appt.move"), "move"});
        if (mayManage && booked) buttons.push_back({tr("desk.appt.cancel"), "cancel"});
        const int pressed = lineWithButtons(ui, line, buttons);
        if (pressed >= 0) {
            if (buttons[static_cast<size_t>(pressed)].id == "move") {
                openMove(m_app, m_s, a.id);
            } else {
                m_cancelId = a.id;
                m_cancel.open({.title = tr("desk.appt.cancel_q", {{"time", dateTime(st, a.scheduledAt)}, {"name", d.customer.name}}),
                               .message = serviceNames(m_s.catalog, a.services),
                               .yes = tr("desk.appt.cancel_yes"),
                               .no = tr("desk.appt.cancel_no"),
                               .danger = true});
            }
        }
        ImGui::PopID();
    }
}

}  // namespace fc::ui
