#include "kiosk/screens/office/appointment_editor_screen.hpp"

#include <algorithm>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/bays/tables.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/visits/tables.hpp"

namespace fc::ui {

namespace {

// How many days ahead the chips reach (today and the next 13); the next-day button goes further.
constexpr int kDayChips = 14;

}  // namespace

AppointmentEditorScreen::AppointmentEditorScreen(AppContext& app, DeskServices services, Booking booking)
    : m_app(app),
      m_s(services),
      m_booking(std::move(booking)),
      m_watch(app.data, {&core::tables::kAppointments, &core::tables::kBays}) {}

AppointmentEditorScreen::AppointmentEditorScreen(AppContext& app, DeskServices services, std::string appointmentId)
    : m_app(app),
      m_s(services),
      m_moving(true),
      m_appointmentId(std::move(appointmentId)),
      m_watch(app.data, {&core::tables::kAppointments, &core::tables::kBays}) {}

std::string AppointmentEditorScreen::title() const {
    return m_moving ? tr("desk.appt.move_title") : tr("desk.appt.book_title");
}

void AppointmentEditorScreen::load(Ui& ui) {
    const core::StoreTime& st = m_s.desk.storeTime();
    if (m_moving) {
        auto a = m_s.appointments.get(m_appointmentId);
        if (!a) {
            m_error = a.error().message;
            return;
        }
        m_original = std::move(a).value();
        if (m_booking.customerId.empty()) {
            m_booking.customerId = m_original->customerId;
            m_booking.vehicleId = m_original->vehicleId;
            if (auto c = m_s.customers.getCustomer(m_original->customerId)) m_booking.customerName = c->name;
            if (auto v = m_s.customers.getVehicle(m_original->vehicleId)) m_booking.plate = core::displayPlate(v->plate);
            ui.ensureGlyphs(m_booking.customerName + m_booking.plate, true);
            // Start on the appointment's day when it is still ahead.
            const int64_t today = st.dayStart(ui.nowMs());
            const int64_t its = st.dayStart(m_original->scheduledAt);
            if (its > today) m_dayOffset = static_cast<int>((its - today) / core::StoreTime::kDayMs);
        }
    }
    const int64_t dayStart = st.dayStart(ui.nowMs()) + m_dayOffset * core::StoreTime::kDayMs;
    // Noon of the day: clear of any edge of the day.
    auto day = m_s.grid.day(dayStart + core::StoreTime::kDayMs / 2);
    if (!day) {
        m_error = day.error().message;
        m_day.reset();
        return;
    }
    m_day = std::move(day).value();
    m_loadedFor = dayStart;
    for (const core::Bay& b : m_day->bays) ui.ensureGlyphs(desk::bayLabel(b));
}

void AppointmentEditorScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!desk::can(m_app, core::Capability::kManageAppointments)) {
        desk::shownText(ui, tr("desk.not_allowed_action"));
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "appt-editor");
    const int64_t dayStart = m_s.desk.storeTime().dayStart(ui.nowMs()) + m_dayOffset * core::StoreTime::kDayMs;
    const bool tablesChanged = m_watch.changed();
    if (tablesChanged || dayStart != m_loadedFor || (m_moving && !m_original)) load(ui);
    if (m_moving && !m_original) {
        desk::errorText(ui, m_error);
        return;
    }
    // The chosen cell may have been taken meanwhile (another device's booking): choose again.
    if (tablesChanged && m_chosen && m_day) {
        for (const core::DaySlot& slot : m_day->slots) {
            if (slot.startsAt != m_chosen->at || !m_chosen->bayId) continue;
            for (size_t b = 0; b < m_day->bays.size(); ++b)
                if (m_day->bays[b].id == *m_chosen->bayId && !slot.free(b)) m_chosen.reset();
        }
    }

    const Theme& t = ui.theme();
    const std::string who = m_booking.customerName + "  " + m_booking.plate;
    ui.ensureGlyphs(who, true);
    heading(ui, m_moving ? tr("desk.appt.move_heading", {{"who", who}}) : tr("desk.appt.book_heading", {{"who", who}}));
    if (ImGui::BeginTable("appt-layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("form", ImGuiTableColumnFlags_WidthStretch, 0.36f);
        ImGui::TableSetupColumn("grid", ImGuiTableColumnFlags_WidthStretch, 0.64f);
        // Both columns end at the window's bottom edge (the cell's padding included): no outer
        // scrollbar, the form and the grid scroll on their own.
        // The choice and the confirm button stay at the bottom of the form's column.
        const ImGuiStyle& style = ImGui::GetStyle();
        const float pad = style.CellPadding.y * 2 + 1;
        const int lines = 2 + (m_error.empty() ? 0 : 2);
        const float below = t.touch + lines * ImGui::GetTextLineHeightWithSpacing() + 2 * style.ItemSpacing.y;
        ImGui::TableNextColumn();
        ImGui::BeginChild("form", ImVec2(0, std::max(t.touch * 2, ImGui::GetContentRegionAvail().y - pad - below)),
                          false);
        drawForm(ui);
        dragToScroll(ui);
        ImGui::EndChild();
        drawConfirm(ui);
        ImGui::TableNextColumn();
        drawDays(ui);
        drawGrid(ui, std::max(t.touch * 3, ImGui::GetContentRegionAvail().y - pad));
        ImGui::EndTable();
    }
}

std::string AppointmentEditorScreen::whenText() const {
    if (!m_chosen) return "";
    const core::StoreTime& st = m_s.desk.storeTime();
    std::string bay = tr("desk.appt.no_bay");
    if (m_chosen->bayId && m_day)
        for (const core::Bay& b : m_day->bays)
            if (b.id == *m_chosen->bayId) bay = desk::bayLabel(b);
    return desk::dayLabel(st, m_chosen->at) + " " + st.hhmm(m_chosen->at) + " · " + bay;
}

std::string AppointmentEditorScreen::chosenText() const {
    if (!m_chosen || !m_day) return tr("desk.appt.choose_cell");
    return tr("desk.appt.chosen", {{"when", whenText()}});
}

void AppointmentEditorScreen::drawForm(Ui& ui) {
    const core::StoreTime& st = m_s.desk.storeTime();
    if (m_moving && m_original) {
        std::string bay = tr("desk.appt.no_bay");
        if (m_original->bayId && m_day)
            for (const core::Bay& b : m_day->bays)
                if (b.id == *m_original->bayId) bay = desk::bayLabel(b);
        desk::shownText(ui, tr("desk.appt.now_at", {{"time", desk::dateTime(st, m_original->scheduledAt)}, {"bay", bay}}));
        mutedText(ui, desk::serviceNames(m_s.catalog, m_original->services));
        if (m_original->status != core::AppointmentStatus::kBooked)
            mutedText(ui, tr("desk.appt.rebook_note", {{"status", desk::statusLabel(m_original->statusKey)}}));
    } else {
        mutedText(ui, tr("desk.appt.services"));
        m_services.draw(ui, m_s.catalog);
        space(ui, 0.5f);
        mutedText(ui, tr("desk.appt.channel"));
        {
            ScopedWidgetScope scope(ui.registry(), "channel");
            const std::pair<core::BookingChannel, const char*> channels[] = {
                {core::BookingChannel::kPhone, "desk.channel.phone"}, {core::BookingChannel::kWalkIn, "desk.channel.walk_in"}};
            bool first = true;
            for (const auto& [c, key] : channels) {
                if (!first) ImGui::SameLine();
                first = false;
                if (desk::chip(ui, tr(key), m_channel == c)) m_channel = c;
            }
        }
        space(ui, 0.5f);
        textField(ui, tr("desk.appt.notes"), m_notes, {.hint = tr("desk.appt.notes_hint"), .maxChars = 500});
    }
}

void AppointmentEditorScreen::drawConfirm(Ui& ui) {
    space(ui, 0.5f);
    desk::shownText(ui, chosenText());
    if (!m_error.empty()) desk::errorText(ui, m_error);
    const bool ready = m_chosen.has_value() && (m_moving || !m_services.empty());
    if (button(ui, m_moving ? tr("desk.appt.confirm_move") : tr("desk.appt.confirm_book"),
               {.kind = ButtonKind::kPrimary, .width = -1, .enabled = ready, .id = "save"}))
        save(ui);
}

void AppointmentEditorScreen::drawDays(Ui& ui) {
    const core::StoreTime& st = m_s.desk.storeTime();
    const int64_t today = st.dayStart(ui.nowMs());
    ScopedWidgetScope scope(ui.registry(), "days");
    if (button(ui, tr("desk.appt.prev_day"), {.enabled = m_dayOffset > 0, .id = "prev-day"})) {
        --m_dayOffset;
        m_chosen.reset();
    }
    ImGui::SameLine();
    const int64_t shown = today + m_dayOffset * core::StoreTime::kDayMs;
    {
        // The day shown, between the two buttons.
        const std::string label = desk::date(st, shown) + "  " + desk::weekday(st, shown);
        const char* next = tr("desk.appt.next_day");
        const float nextW = textSize(ui.bodyFont(), next).x + 2 * ui.theme().pad;
        const float w = std::max(ui.theme().touch, ImGui::GetContentRegionAvail().x - nextW - ui.theme().gap);
        const ImVec2 pos = ImGui::GetCursorPos();
        const float y = (ui.theme().touch - ImGui::GetFontSize()) * 0.5f;
        ImGui::SetCursorPos(ImVec2(pos.x, pos.y + y));
        {
            FontScope f(ui.bodyFont());
            ImGui::TextUnformatted(label.c_str());
            ui.registry().recordLastItem(label, WidgetKind::kOther);
        }
        ImGui::SameLine(pos.x + w);
        ImGui::SetCursorPosY(pos.y);
        if (button(ui, next, {.id = "next-day"})) {
            ++m_dayOffset;
            m_chosen.reset();
        }
    }
    bool first = true;
    for (int i = 0; i < kDayChips; ++i) {
        const int64_t day = today + i * core::StoreTime::kDayMs;
        const std::string label = i == 0   ? std::string(tr("desk.appt.today"))
                                  : i == 1 ? std::string(tr("desk.appt.tomorrow"))
                                           : desk::dayLabel(st, day);
        desk::chipRowNext(ui, label, i == m_dayOffset, first);
        first = false;
        if (desk::chip(ui, label, i == m_dayOffset, "day-" + std::to_string(i))) {
            if (m_dayOffset != i) m_chosen.reset();
            m_dayOffset = i;
        }
    }
    space(ui, 0.5f);
}

void AppointmentEditorScreen::drawCell(Ui& ui, const core::DaySlot& slot, const std::optional<std::string>& bayId,
                                       int booked, int withoutBay, const std::string& scopeName) {
    ScopedWidgetScope scope(ui.registry(), scopeName);
    const Cell cell{slot.startsAt, bayId};
    const bool past = slot.endsAt <= ui.nowMs();
    const bool current = m_moving && m_original &&
                         m_s.grid.hours().slotStart(m_s.desk.storeTime(), m_original->scheduledAt) == slot.startsAt &&
                         m_original->bayId == bayId && m_original->status == core::AppointmentStatus::kBooked;
    const bool chosen = m_chosen && *m_chosen == cell;
    std::string label;
    bool enabled = true;
    ButtonKind kind = ButtonKind::kSecondary;
    if (current) {
        label = tr("desk.appt.cell_current");
        enabled = false;
    } else if (bayId && booked > 0) {
        label = tr("desk.appt.cell_taken");
        enabled = false;
    } else if (past) {
        label = tr("desk.appt.cell_past");
        enabled = false;
    } else if (chosen) {
        label = tr("desk.appt.cell_chosen");
        kind = ButtonKind::kPrimary;
    } else if (!bayId && withoutBay > 0) {
        label = tr("desk.appt.cell_free_count", {{"count", withoutBay}});
    } else {
        label = tr("desk.appt.cell_free");
    }
    if (button(ui, label, {.kind = kind, .width = -1, .enabled = enabled, .id = "cell"})) {
        m_chosen = cell;
        m_error.clear();
    }
    // The state as a plain word too, for the test driver and screen readers.
    if (!enabled && current) ui.registry().recordLastItem(tr("desk.appt.cell_current"), WidgetKind::kOther);
}

void AppointmentEditorScreen::drawGrid(Ui& ui, float height) {
    if (!m_day) {
        if (!m_error.empty()) desk::errorText(ui, m_error);
        return;
    }
    const core::DaySlots& d = *m_day;
    if (d.slots.empty()) {
        mutedText(ui, tr("desk.appt.closed"));
        return;
    }
    const Theme& t = ui.theme();
    const int columns = static_cast<int>(d.bays.size()) + 2;  // time, bays…, no bay
    ScopedWidgetScope scope(ui.registry(), "grid");
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("slots", columns, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed,
                            textSize(ui.bodyFont(), "00:00").x + t.pad);
    for (size_t b = 0; b <= d.bays.size(); ++b)
        ImGui::TableSetupColumn(b < d.bays.size() ? d.bays[b].code.c_str() : "-", ImGuiTableColumnFlags_WidthStretch,
                                b < d.bays.size() ? 1.0f : 1.2f);
    // The header: each bay's code, and its name below in muted text.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(tr("desk.col.time"));
    for (size_t b = 0; b <= d.bays.size(); ++b) {
        ImGui::TableSetColumnIndex(static_cast<int>(b) + 1);
        if (b < d.bays.size()) {
            const core::Bay& bay = d.bays[b];
            desk::shownText(ui, bay.code);
            const std::string& name = desk::english() && !bay.nameEn.empty() ? bay.nameEn : bay.nameZh;
            mutedText(ui, name);
        } else {
            desk::shownText(ui, tr("desk.appt.no_bay"));
        }
    }
    for (const core::DaySlot& slot : d.slots) {
        ImGui::TableNextRow(ImGuiTableRowFlags_None, t.touch);
        ImGui::PushID(slot.label.c_str());
        ImGui::TableSetColumnIndex(0);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.touch - ImGui::GetFontSize()) * 0.5f);
        ImGui::TextUnformatted(slot.label.c_str());
        ui.registry().recordLastItem(slot.label, WidgetKind::kOther);
        for (size_t b = 0; b <= d.bays.size(); ++b) {
            ImGui::TableSetColumnIndex(static_cast<int>(b) + 1);
            ImGui::PushID(static_cast<int>(b));
            if (b < d.bays.size()) {
                drawCell(ui, slot, d.bays[b].id, b < slot.booked.size() ? slot.booked[b] : 0, 0,
                         "[" + slot.label + " " + d.bays[b].code + "]");
            } else {
                drawCell(ui, slot, std::nullopt, 0, slot.withoutBay, "[" + slot.label + " -]");
            }
            ImGui::PopID();
        }
        ImGui::PopID();
    }
    dragToScroll(ui);
    ImGui::EndTable();
}

void AppointmentEditorScreen::save(Ui& ui) {
    if (!m_chosen) return;
    m_error.clear();
    const std::string when = whenText();
    if (m_moving) {
        auto r = m_s.appointments.moveTo(m_appointmentId, m_chosen->at, m_chosen->bayId);
        if (!r) {
            m_error = desk::fieldError(r.error());
            m_loadedFor = -1;  // what is taken may have changed
            return;
        }
        ui.toasts().show(tr("desk.appt.moved_toast", {{"when", when}}), ToastKind::kSuccess);
    } else {
        core::AppointmentInput in;
        in.customerId = m_booking.customerId;
        in.vehicleId = m_booking.vehicleId;
        in.scheduledAt = m_chosen->at;
        in.services = m_services.codes();
        in.channel = m_channel;
        in.notes = m_notes;
        in.bayId = m_chosen->bayId;
        auto r = m_s.appointments.book(in);
        if (!r) {
            m_error = desk::fieldError(r.error());
            m_loadedFor = -1;
            return;
        }
        ui.toasts().show(tr("desk.appt.booked_toast", {{"when", when}}), ToastKind::kSuccess);
    }
    m_app.router.pop();
}

}  // namespace fc::ui
