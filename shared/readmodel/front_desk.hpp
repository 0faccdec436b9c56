// What the front desk (office mode) shows: today's appointments with their status and bay, today's
// check-ins in time order (the queue: ticket, complaint, service notes, when and by whom called),
// and one customer with their cars, visits, appointments, consent history and who revealed their
// personal data. Plain structs; the screens contain no SQL. Office staff see unmasked data.
// Services are codes; their names (in the shown language) come from the ServiceCatalog.
// A read model: it joins the customers and visits domains and owns no tables.
//
//   FrontDeskQueries desk(store, customers, appointments, storeTime);
//   FC_ASSIGN(auto rows, desk.todaysAppointments());
//   FC_ASSIGN(auto queue, desk.todaysVisits());
//   FC_ASSIGN(CustomerDetail d, desk.customerDetail(customerId));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/visits/visit_service.hpp"

namespace fc::core {

struct AppointmentRow {
    std::string id;
    int64_t scheduledAt = 0;
    std::optional<AppointmentStatus> status;
    std::string statusKey;
    std::string channel;
    std::vector<std::string> services;
    std::string notes;
    std::string customerId;
    std::string customerName;
    std::string phone;  // primary mobile, unmasked (office)
    std::string vehicleId;
    std::string plate;  // display form: 京A·12345
    std::string vehicleLabel;
    // Once checked in: the visit and its ticket.
    std::optional<std::string> visitId;
    std::string ticket;
    // The bay, when one was booked ("" code: none, or not synced here yet).
    std::optional<std::string> bayId;
    std::string bayCode;  // B1
    std::string bayNameZh;
    std::string bayNameEn;
};

struct VisitRow {
    std::string id;
    std::string ticket;
    int64_t checkedInAt = 0;
    std::optional<VisitStatus> status;
    std::string statusKey;
    std::vector<std::string> services;
    std::string serviceNotes;
    std::string complaint;
    std::optional<int64_t> odometerKm;
    std::optional<std::string> appointmentId;
    std::string channel;
    std::string customerId;
    std::string customerName;
    std::string phone;
    std::string vehicleId;
    std::string plate;  // display form
    std::string vehicleLabel;
    // Called from the queue (last call): when, by whom, to which desk; empty: not called yet.
    std::optional<int64_t> calledAt;
    std::optional<std::string> calledBy;
    std::string calledByName;
    std::string calledDesk;
    // The work order opened from this visit, if any: its id and number (the hub's, else the
    // device's provisional one).
    std::optional<std::string> workOrderId;
    std::string workOrderNo;
};

// Who saw a customer's personal data in full (CustomerAccessLog), for the customer page.
struct AccessEventRow {
    std::string id;
    int64_t at = 0;
    std::string what;  // phone
    std::string reason;
    std::string staffId;
    std::string staffName;  // "" when the staff record has not arrived yet
    std::string deviceId;
};

struct CustomerDetail {
    Customer customer;
    std::vector<Vehicle> vehicles;          // current, live
    std::vector<VisitRow> visits;           // newest first
    std::vector<Appointment> appointments;  // newest first
    std::vector<ConsentEvent> consents;     // oldest first: the history as it happened
    std::vector<AccessEventRow> accessEvents;  // newest first
};

class FrontDeskQueries {
public:
    FrontDeskQueries(Store& store, CustomerService& customers, AppointmentService& appointments,
                     const StoreTime& time);

    const StoreTime& storeTime() const { return m_time; }

    // Live appointments of the store day containing `anyMsOfDay`, by time.
    Result<std::vector<AppointmentRow>> appointmentsOn(int64_t anyMsOfDay);
    Result<std::vector<AppointmentRow>> todaysAppointments() {
        return appointmentsOn(m_store.nowMs());
    }
    // Live visits checked in on that store day, in check-in order.
    Result<std::vector<VisitRow>> visitsOn(int64_t anyMsOfDay);
    Result<std::vector<VisitRow>> todaysVisits() { return visitsOn(m_store.nowMs()); }

    Result<CustomerDetail> customerDetail(const std::string& customerId);

private:
    Result<std::vector<VisitRow>> visitRows(const std::string& where, const std::string& order,
                                            const std::vector<SqlValue>& args);
    Result<std::vector<AccessEventRow>> accessEvents(const std::string& customerId);

    Store& m_store;
    CustomerService& m_customers;
    AppointmentService& m_appointments;
    const StoreTime& m_time;
};

}  // namespace fc::core
