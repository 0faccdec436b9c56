// The front desk (office mode, signed in): today's appointments and today's check-ins in time
// order, reloaded when a table they show changes (sync applied a kiosk check-in, a local save);
// a search box over customers and vehicles (CustomerSearch) with a clear button and the hits in a
// VirtualTable; the queue — call the next ticket to this desk, call it again — with the called
// ticket shown big; and on each row what the desk does next: an appointment is checked in
// (到店签到), moved (改期) or cancelled (取消预约), a visit moves on to a later status (only
// forward). A customer's page has their cars (edit, book, walk-in check-in), visits, appointments
// (move, cancel), consent history and who revealed their phone; the phone is masked until a
// person reveals it and says why (CustomerAccessLog). Phones are masked in the lists. Actions are
// offered only to staff whose role allows them. No SQL: the services in DeskServices.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/ui/dialogs.hpp"
#include "kiosk/ui/table.hpp"

namespace fc::ui {

class FrontDeskScreen final : public Screen {
public:
    FrontDeskScreen(AppContext& app, DeskServices services);
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;  // a scanned plate/phone/VIN: searched

    // Tests: what is loaded.
    const std::vector<core::AppointmentRow>& appointments() const { return m_appointments; }
    const std::vector<core::VisitRow>& visits() const { return m_visits; }
    const std::vector<core::SearchHit>& hits() const { return m_hits; }
    const std::string& query() const { return m_query; }
    uint64_t reloads() const { return m_reloads; }
    // Brings a row of today's appointments / check-ins into view on the next frame.
    void showAppointment(const std::string& id);
    void showVisit(const std::string& id);
    // The ticket called to this desk last (the one the queue panel shows), if any.
    std::optional<core::VisitRow> calledVisit() const;

private:
    void reload(Ui& ui);
    void runSearch(Ui& ui);
    void drawSearch(Ui& ui);
    void drawQueue(Ui& ui);
    void drawHits(Ui& ui);
    void drawAppointments(Ui& ui, float height);
    void drawVisits(Ui& ui);
    void drawStatusDialog(Ui& ui);
    void callNext(Ui& ui);
    void recall(Ui& ui);
    void openCustomer(const std::string& customerId);
    void openWorkOrder(Ui& ui, const core::VisitRow& v);

    AppContext& m_app;
    DeskServices m_s;
    DataWatch m_watch;
    uint64_t m_reloads = 0;
    std::vector<core::AppointmentRow> m_appointments;
    std::vector<core::VisitRow> m_visits;
    std::string m_query;
    std::string m_searched;
    bool m_focusSearch = false;
    std::vector<core::SearchHit> m_hits;
    VirtualTable m_appointmentTable;
    VirtualTable m_visitTable;
    VirtualTable m_hitTable;

    // The queue.
    std::string m_deskName;             // where called customers go ("1号台")
    std::optional<std::string> m_called;  // the visit this desk called last

    ConfirmDialog m_cancel;
    std::string m_cancelId;
    desk::Modal m_status;
    std::string m_statusFor;  // visit id
};

class CustomerDetailScreen final : public Screen {
public:
    CustomerDetailScreen(AppContext& app, DeskServices services, std::string customerId);
    std::string title() const override;
    void draw(Ui& ui) override;
    const std::optional<core::CustomerDetail>& detail() const { return m_detail; }
    // The numbers revealed on this page (empty until a person asked, with a reason).
    const std::vector<std::string>& revealedPhones() const { return m_revealed; }

private:
    void drawPhones(Ui& ui);
    void drawRevealDialog(Ui& ui);
    void drawVehicles(Ui& ui);
    void drawRepairs(Ui& ui);
    void drawDeclined(Ui& ui);
    void drawAppointments(Ui& ui);

    AppContext& m_app;
    DeskServices m_s;
    std::string m_id;
    DataWatch m_watch;
    std::optional<core::CustomerDetail> m_detail;
    // Each car's repair history (its work orders, findings, declined work), newest first.
    std::vector<std::pair<std::string, core::VehicleHistory>> m_repairs;  // plate, history
    std::string m_error;

    std::vector<std::string> m_revealed;
    desk::Modal m_reveal;
    std::string m_reasonKey;  // desk.reveal.reason.* key chosen, "other": typed
    std::string m_reasonText;
    std::string m_revealError;

    ConfirmDialog m_cancel;
    std::string m_cancelId;
};

// Opens the screen that books an appointment for this car / moves this appointment / checks this
// car in at the desk (shared by the front desk and the customer's page).
void openBooking(AppContext& app, const DeskServices& s, const core::Customer& customer, const core::Vehicle& vehicle);
void openMove(AppContext& app, const DeskServices& s, const std::string& appointmentId);

}  // namespace fc::ui
