// Booking and moving an appointment at the front desk (office mode). The picker: a day (today and
// the next 13 as chips, or the previous / next day), then the store's slots (StoreHours) as rows
// and its bays as columns, plus a column for "no bay". A taken cell says so and cannot be tapped;
// a free one is chosen with one tap. Booking also asks which services (the ServiceCatalog) and how
// the customer booked; moving keeps the services and shows where the appointment is now. Reloads
// the grid when appointments or bays change (a booking from another device). No SQL:
// AppointmentService writes, BookingGrid says what is taken.
//
//   app.router.push(std::make_unique<AppointmentEditorScreen>(app, s,
//       AppointmentEditorScreen::Booking{customerId, vehicleId, "王芳", "粤B·12345"}));
//   app.router.push(std::make_unique<AppointmentEditorScreen>(app, s, appointmentId));  // 改期
#pragma once

#include <optional>
#include <string>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"

namespace fc::ui {

class AppointmentEditorScreen final : public Screen {
public:
    struct Booking {
        std::string customerId;
        std::string vehicleId;
        std::string customerName;
        std::string plate;  // display form
    };
    // A cell of the grid: a slot's start and a bay (none: the "no bay" column).
    struct Cell {
        int64_t at = 0;
        std::optional<std::string> bayId;
        bool operator==(const Cell&) const = default;
    };

    AppointmentEditorScreen(AppContext& app, DeskServices services, Booking booking);
    AppointmentEditorScreen(AppContext& app, DeskServices services, std::string appointmentId);

    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: what the picker shows and what was chosen.
    bool moving() const { return m_moving; }
    const std::optional<core::DaySlots>& day() const { return m_day; }
    int dayOffset() const { return m_dayOffset; }
    const std::optional<Cell>& chosen() const { return m_chosen; }
    const std::string& error() const { return m_error; }

private:
    void load(Ui& ui);
    void drawForm(Ui& ui);     // what is booked (scrolls)
    void drawConfirm(Ui& ui);  // the choice and the confirm button, always in view
    void drawDays(Ui& ui);
    void drawGrid(Ui& ui, float height);
    void drawCell(Ui& ui, const core::DaySlot& slot, const std::optional<std::string>& bayId, int booked,
                  int withoutBay, const std::string& scopeName);
    void save(Ui& ui);
    std::string whenText() const;    // "1月3日 周六 09:30 · B1 1号举升位"
    std::string chosenText() const;  // "已选：…", or how to choose

    AppContext& m_app;
    DeskServices m_s;
    bool m_moving = false;
    std::string m_appointmentId;
    std::optional<core::Appointment> m_original;
    Booking m_booking;
    DataWatch m_watch;

    int m_dayOffset = 0;  // days after today
    int64_t m_loadedFor = -1;  // the day start m_day was loaded for
    std::optional<core::DaySlots> m_day;
    std::optional<Cell> m_chosen;
    desk::ServicePicker m_services;
    std::string m_notes;
    core::BookingChannel m_channel = core::BookingChannel::kPhone;
    std::string m_error;
};

}  // namespace fc::ui
