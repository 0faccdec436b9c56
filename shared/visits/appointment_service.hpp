// Appointments (synced master data): who comes with which car when, for which services from the
// menu, booked through which channel, and a QR token the customer shows at the kiosk.
//
//   AppointmentService appointments(store, customers, catalog);
//   FC_ASSIGN(std::string id, appointments.book({.customerId = c, .vehicleId = v,
//       .scheduledAt = t, .services = {"oil_filter"}, .channel = BookingChannel::kPhone}));
//   FC_ASSIGN(Appointment a, appointments.get(id));
//   std::string qr = AppointmentService::qrPayload(a.qrToken);        // "FCAPPT:…"
//   FC_ASSIGN(auto found, appointments.findByToken(qr));             // the scanned text
//
// Status: booked → checked_in (by CheckInService) | cancelled | no_show. A cancelled or missed
// appointment can be rescheduled (booked again); a checked-in one is final.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/visits/service_menu.hpp"

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
    std::optional<int64_t> deletedAt;
};

class AppointmentService {
public:
    AppointmentService(Store& store, CustomerService& customers, ServiceCatalog& catalog);

    // [SECTION] changes
    Result<std::string> book(const AppointmentInput& input);
    Status reschedule(const std::string& id, int64_t scheduledAt);
    Status setServices(const std::string& id, const std::vector<std::string>& services);
    Status setNotes(const std::string& id, const std::string& notes);
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

    Store& m_store;
    CustomerService& m_customers;
    ServiceCatalog& m_catalog;
};

// Live rows of `table` (appointments or visits) whose token column equals `token`.
Result<std::vector<std::string>> idsWithToken(Db& db, const char* table, const char* column,
                                              const std::string& token);

}  // namespace fc::core
