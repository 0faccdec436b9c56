// Checking a customer in at the front desk (office mode), advisor-assisted: the same
// CheckInService as the kiosk, channel "office", with the advisor as checkedInBy and no consent
// or signature steps (the customer is at the desk). One screen: the car and its appointment, the
// odometer (a reading below the last one asks to confirm), the services (the appointment's chosen
// already), the problems and what the customer says; then the ticket, big. From an appointment
// row (the appointment is checked in) or from the customer's page for a car (a walk-in, linked to
// today's booking if the car has one). No SQL.
//
//   DeskCheckInTarget t{.appointmentId = row.id, .vehicleId = row.vehicleId, .customerName = …};
//   app.router.push(std::make_unique<DeskCheckInScreen>(app, s, t));
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/ui/dialogs.hpp"

namespace fc::ui {

// Which car is checked in, and what the advisor sees about it.
struct DeskCheckInTarget {
    std::optional<std::string> appointmentId;
    std::string vehicleId;
    std::string customerName;
    std::string plate;  // display form
    std::string vehicleLabel;
    std::optional<int64_t> lastOdometerKm;
    std::optional<int64_t> appointmentAt;
    std::vector<std::string> services;  // the appointment's, chosen at the start
};

class DeskCheckInScreen final : public Screen {
public:
    DeskCheckInScreen(AppContext& app, DeskServices services, DeskCheckInTarget target);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: the check-in once done.
    const std::optional<core::CheckInResult>& result() const { return m_result; }
    const std::string& error() const { return m_error; }

private:
    void drawForm(Ui& ui);
    void drawDone(Ui& ui);
    void submit(Ui& ui);
    std::string complaintText() const;

    AppContext& m_app;
    DeskServices m_s;
    DeskCheckInTarget m_target;
    std::string m_odometer;
    bool m_confirmLower = false;
    ConfirmDialog m_lowerKm;
    desk::ServicePicker m_services;
    std::set<std::string> m_problems;  // checkin.problem.* keys tapped
    std::string m_complaint;
    std::string m_serviceNotes;
    std::string m_error;
    std::optional<core::CheckInResult> m_result;
    // The car's history: the work the customer put off last time, offered again at check-in.
    std::optional<core::VehicleHistory> m_history;
};

}  // namespace fc::ui
