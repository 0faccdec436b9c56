// Appointments (synced master data): who comes with which car when, for which services from the
// menu, booked through which channel, and a QR token the customer shows at the kiosk.
//
//   AppointmentService appointments(store, customers, catalog);
//   FC_ASSIGN(std::string id, appointments.book({.customerId = c, .vehicleId = v,
//       .scheduledAt = t, .services = {"oil_filter"}, .channel = BookingChannel::kPhone}));
//   FC_ASSIGN(Appointment a, appointments.get(id));
//   std::string qr = AppointmentService::qrPayload(a.qrToken);        // "FCAPPT:…"
//   FC_ASSIGN(auto found, appointments.findByToken(qr));             // the scanned text
//   FC_TRY(appointments.moveTo(id, t + 3600000, bayB2));             // new time and bay, one write
//
// Status: booked → checked_in (by CheckInService) | cancelled | no_show. A cancelled or missed
// appointment can be rescheduled (booked again); a checked-in one is final.
// Bays: an appointment may name an active bay; a bay holds one appointment per slot of the
// store's hours (BookingGrid), so a booking or move onto a taken bay is refused. An appointment
// without a bay is never refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/bays/bay_service.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/visits/booking_grid.hpp"
#include "shared/catalogue/service_menu.hpp"

namespace fc::core {

enum class AppointmentStatus { kBooked, kCheckedIn, kCancelled, kNoShow };
const char* appointmentStatusKey(AppointmentStatus s);  // booked, checked_in, cancelled, no_show
std::optional<AppointmentStatus> parseAppointmentStatus(std::string_view key);

enum class BookingChannel { kPhone, kWeb, kApp, kWalkIn };
const char* bookingChannelKey(BookingChannel c);  // phone, web, app, walk_in
std::optional<BookingChannel> parseBookingChannel(std::string_view key);

struct AppointmentInput {
    std::string customerId;
    std::string vehicleId;              // must currently belong to the customer
    int64_t scheduledAt = 0;            // UTC ms
    std::vector<std::string> services;  // menu codes, at least one
    BookingChannel channel = BookingChannel::kPhone;
    std::string notes;
    std::optional<std::string> bayId;  // an active bay, free in the slot; empty: no bay
};

struct Appointment {
    std::string id;
    std::string customerId;
    std::string vehicleId;
    int64_t scheduledAt = 0;
    std::vector<std::string> services;
    std::optional<AppointmentStatus> status;  // empty: a value this version does not know
    std::string statusKey;
    std::string channel;
    std::string qrToken;
    std::string notes;
    int64_t createdAt = 0;
    std::optional<std::string> bayId;
    std::optional<int64_t> deletedAt;
};

class AppointmentService {
public:
    AppointmentService(Store& store, CustomerService& customers, ServiceCatalog& catalog,
                       BayService& bays, BookingGrid& grid);

    // [SECTION] changes
    Result<std::string> book(const AppointmentInput& input);
    // A new time on the same bay (if it has one).
    Status reschedule(const std::string& id, int64_t scheduledAt);
    // A new time and bay in one write (`bayId` empty: no bay). Like reschedule, it books a
    // cancelled or missed appointment again; a checked-in one cannot move.
    Status moveTo(const std::string& id, int64_t scheduledAt,
                  const std::optional<std::string>& bayId);
    Status setServices(const std::string& id, const std::vector<std::string>& services);
    Status setNotes(const std::string& id, const std::string& notes);
    // Refused once the car is checked in (change the visit instead).
    Status cancel(const std::string& id);
    Status markNoShow(const std::string& id);

    // [SECTION] reads
    Result<Appointment> get(const std::string& id);
    // By the scanned QR text ("FCAPPT:<token>", a URL ending in the token, or the bare token).
    // Live appointments only; empty when none matches.
    Result<std::optional<Appointment>> findByToken(std::string_view scanned);
    Result<std::vector<Appointment>> forCustomer(const std::string& customerId);
    // Booked (not yet checked in) appointments of a vehicle in [from, to).
    Result<std::vector<Appointment>> bookedForVehicle(const std::string& vehicleId, int64_t from,
                                                      int64_t to);

    // What the customer's QR code holds, and the token inside scanned text (nullopt if none).
    static std::string qrPayload(const std::string& token);
    static std::optional<std::string> tokenFromScan(std::string_view scanned);

    // Inside an open transaction (CheckInService, seed-demo).
    Result<std::string> bookInTx(const AppointmentInput& input);
    Status setStatusInTx(const std::string& id, AppointmentStatus to);

private:
    Result<Appointment> live(const std::string& id);
    Result<std::string> uniqueToken();
    // The bay to store for a booking at `scheduledAt`: empty for none, else an active bay that is
    // free in that slot (other than appointment `exceptId`).
    Result<std::optional<std::string>> bookableBay(const std::optional<std::string>& bayId,
                                                   int64_t scheduledAt, const std::string& exceptId);
    Status moveInTx(const Appointment& a, int64_t scheduledAt,
                    const std::optional<std::string>& bayId);

    Store& m_store;
    CustomerService& m_customers;
    ServiceCatalog& m_catalog;
    BayService& m_bays;
    BookingGrid& m_grid;
};

// Live rows of `table` (appointments or visits) whose token column equals `token`.
Result<std::vector<std::string>> idsWithToken(Db& db, const char* table, const char* column,
                                              const std::string& token);

}  // namespace fc::core
