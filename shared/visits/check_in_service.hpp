// Check-in at the reception kiosk (or the front desk): find the customer's car by appointment QR,
// plate or phone — candidates come back with personal data masked for a customer-facing screen —
// then record the visit: odometer, services, complaint, consent, signature, a queue ticket.
// Everything a check-in writes commits in one transaction, through the ChangeWriter, or nothing.
//
//   CheckInService checkIn(store, customers, appointments, catalog);     // UTC+8 store days
//   FC_ASSIGN(auto found, checkIn.findByPlate("京a12345"));
//     // {maskedPlate "京A·***45", maskedPhone "138****1234", maskedName "王*", appointment …}
//   FC_ASSIGN(CheckInResult r, checkIn.checkIn({.vehicleId = found[0].vehicleId,
//       .odometerKm = 52300, .services = {"oil_filter"},
//       .consent = ConsentAnswers{ConsentAnswer::kGranted, ConsentAnswer::kUnanswered, "pipl-2026-01"},
//       .signature = pad}));
//   show(r.ticket);                                              // "K1-0007"
//
// Queue tickets: "<device prefix>-<NNNN>", a per-device sequence that restarts every store day
// (local_counters, not synced; never below the highest ticket this device issued that day).
// Provisional and unique per device and day, as DESIGN.md has it for human-facing numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "shared/visits/signature.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::core {

// One car the person at the kiosk may be checking in, ready to show them.
struct CheckInCandidate {
    std::string customerId;
    std::string vehicleId;  // "" when the customer has no car on record (they add one)
    std::optional<std::string> appointmentId;  // a booked appointment today for this car
    std::string maskedName;                    // 王*
    std::string maskedPhone;                   // 138****1234
    std::string maskedPlate;                   // 京A·***45
    std::string vehicleLabel;                  // "大众 朗逸 白": not personal
    std::optional<int64_t> appointmentAt;
    std::vector<std::string> appointmentServices;
    std::optional<int64_t> lastOdometerKm;  // to warn before a lower reading is typed
    // What is on record, shown on the consent step (nothing recorded yet: false and no date).
    bool consentContact = false;
    bool consentDataUse = false;
};

// A car the store does not know yet: the minimum the customer types at the kiosk.
struct WalkInInput {
    std::string plate;
    std::string phone;
    std::string name;  // optional (a surname is enough); "散客" when empty
};

// One consent question as the customer left it. Not answering is not withdrawing: only an
// explicit answer is recorded, and what is on record stays until the person changes it.
enum class ConsentAnswer { kUnanswered, kGranted, kWithdrawn };

// What the customer answered on the consent screen, and which text they were shown.
struct ConsentAnswers {
    ConsentAnswer contact = ConsentAnswer::kUnanswered;  // may be contacted (reminders, offers)
    ConsentAnswer dataUse = ConsentAnswer::kUnanswered;  // data used beyond the service (PIPL)
    std::string textVersion;  // the consent text shown, e.g. "pipl-2026-01"
};

struct CheckInRequest {
    // Exactly one way to say which car: an appointment, a known vehicle, or a walk-in.
    std::optional<std::string> appointmentId;
    std::string vehicleId;  // without appointmentId: a booked appointment today is linked
    std::optional<WalkInInput> walkIn;

    std::optional<int64_t> odometerKm;
    bool confirmOdometerDecrease = false;     // a person confirmed a reading below the last one
    std::vector<std::string> services;        // menu codes; empty: the appointment's
    std::string serviceNotes;                 // anything else the customer asks for (free text)
    std::string complaint;                    // what is wrong, in the customer's words
    std::optional<ConsentAnswers> consent;    // required at the kiosk
    std::optional<SignatureInput> signature;  // required at the kiosk
    std::string channel = "kiosk";            // kiosk (self check-in) | office (front desk)
    std::string staffId;  // who checked the customer in at the desk; "" at the kiosk
};

struct CheckInResult {
    std::string visitId;
    std::string ticket;
    std::string statusToken;
    std::string customerId;
    std::string vehicleId;
    std::optional<std::string> appointmentId;
    bool newCustomer = false;
    bool newVehicle = false;
};

class CheckInService {
public:
    CheckInService(Store& store, CustomerService& customers, AppointmentService& appointments,
                   ServiceCatalog& catalog, const StoreTime& time);

    const StoreTime& storeTime() const { return m_time; }

    // [SECTION] finding the car
    // The appointment behind a scanned QR code, if it is booked (not cancelled or used).
    Result<std::optional<CheckInCandidate>> findByAppointmentToken(std::string_view scanned);
    // Live cars with this plate (normally one). An invalid plate gives none.
    Result<std::vector<CheckInCandidate>> findByPlate(std::string_view plate);
    // The cars of the customer(s) with this mobile number; one candidate without a car when a
    // customer has none.
    Result<std::vector<CheckInCandidate>> findByPhone(std::string_view phone);

    // [SECTION] checking in
    // kNeedsConfirmation for an odometer reading below the last one (repeat with
    // confirmOdometerDecrease); kInvalid naming the field otherwise; nothing is written on error.
    Result<CheckInResult> checkIn(const CheckInRequest& request);
    Result<CheckInResult> checkInInTx(const CheckInRequest& request);

    // The ticket the next check-in on this device would get today (for a "your number" preview).
    Result<std::string> peekNextTicket();

private:
    // What a request says once checked (no database needed): the parts of the visit row.
    struct CheckedRequest {
        std::vector<std::string> services;
        std::string serviceNotes;
        std::string complaint;
        std::string consentVersion;
        std::string signature;
        std::optional<std::string> staffId;
    };
    Result<CheckedRequest> checkRequest(const CheckInRequest& request);
    // Which car and whose (registering a walk-in's), and the appointment it fulfils if any.
    Result<std::optional<Appointment>> resolveCar(const CheckInRequest& request, CheckInResult& result);
    Status writeVisit(const CheckInRequest& request, CheckedRequest& checked, const Vehicle& vehicle,
                      const Customer& customer, const std::optional<Appointment>& appointment,
                      CheckInResult& result);
    Result<CheckInCandidate> candidate(const std::string& customerId, const std::string& vehicleId,
                                       const std::optional<Appointment>& appointment,
                                       const std::string& matchedPhone = "");
    Result<int64_t> nextTicketNumber(bool consume);
    std::string formatTicket(int64_t n) const;

    Store& m_store;
    CustomerService& m_customers;
    AppointmentService& m_appointments;
    ServiceCatalog& m_catalog;
    const StoreTime& m_time;
};

}  // namespace fc::core
