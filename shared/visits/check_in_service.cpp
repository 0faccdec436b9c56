// Index
//   [SECTION] helpers
//   [SECTION] finding the car
//   [SECTION] tickets
//   [SECTION] checking in
#include "shared/visits/check_in_service.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "shared/capture/row.hpp"
#include "shared/core/text.hpp"
#include "shared/staff/pin.hpp"
#include "shared/visits/tables.hpp"
#include "shared/visits/visit_service.hpp"

namespace fc::core {

// [SECTION] helpers

namespace {

constexpr const char* kTicketCounter = "visit_ticket";
constexpr const char* kWalkInName = "散客";  // "walk-in customer", until the desk adds a name

}  // namespace

CheckInService::CheckInService(Store& store, CustomerService& customers,
                               AppointmentService& appointments, ServiceCatalog& catalog,
                               const StoreTime& time)
    : m_store(store),
      m_customers(customers),
      m_appointments(appointments),
      m_catalog(catalog),
      m_time(time) {}

// [SECTION] finding the car

Result<CheckInCandidate> CheckInService::candidate(const std::string& customerId,
                                                   const std::string& vehicleId,
                                                   const std::optional<Appointment>& appointment,
                                                   const std::string& matchedPhone) {
    CheckInCandidate c;
    c.customerId = customerId;
    c.vehicleId = vehicleId;
    FC_ASSIGN(Customer customer, m_customers.getCustomer(customerId));
    c.maskedName = maskName(customer.name);
    // The number the customer typed when it is one of theirs (they recognise it), else the first.
    const bool typedIsTheirs =
        !matchedPhone.empty() &&
        std::find(customer.phones.begin(), customer.phones.end(), matchedPhone) != customer.phones.end();
    c.maskedPhone = typedIsTheirs            ? maskPhone(matchedPhone)
                    : customer.phones.empty() ? ""
                                              : maskPhone(customer.phones.front());
    c.consentContact = customer.consentContact;
    c.consentDataUse = customer.consentData;
    std::optional<Appointment> booked = appointment;
    if (!vehicleId.empty()) {
        FC_ASSIGN(Vehicle v, m_customers.getVehicle(vehicleId));
        c.maskedPlate = maskPlate(v.plate);
        c.vehicleLabel = vehicleLabel(v);
        c.lastOdometerKm = v.odometerKm;
        if (!booked) {
            const int64_t now = m_store.nowMs();
            FC_ASSIGN(auto today, m_appointments.bookedForVehicle(vehicleId, m_time.dayStart(now),
                                                                  m_time.dayEnd(now)));
            if (!today.empty()) booked = today.front();
        }
    }
    if (booked) {
        c.appointmentId = booked->id;
        c.appointmentAt = booked->scheduledAt;
        c.appointmentServices = booked->services;
    }
    return c;
}

Result<std::optional<CheckInCandidate>> CheckInService::findByAppointmentToken(
    std::string_view scanned) {
    FC_ASSIGN(auto found, m_appointments.findByToken(scanned));
    if (!found || found->status != AppointmentStatus::kBooked)
        return std::optional<CheckInCandidate>{};
    FC_ASSIGN(Vehicle v, m_customers.getVehicle(found->vehicleId));
    if (v.deletedAt) return std::optional<CheckInCandidate>{};
    FC_ASSIGN(CheckInCandidate c, candidate(found->customerId, found->vehicleId, found));
    return std::optional<CheckInCandidate>(std::move(c));
}

Result<std::vector<CheckInCandidate>> CheckInService::findByPlate(std::string_view plate) {
    std::vector<CheckInCandidate> out;
    auto p = normalizePlate(plate);
    if (!p) return out;
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(
                  "SELECT id FROM vehicles WHERE plate = ? AND deleted_at IS NULL ORDER BY id"));
    s->bind(1, p->text);
    std::vector<std::string> ids;
    FC_TRY(s->each([&](Stmt& r) {
        ids.push_back(r.getText(0));
    }));
    for (const auto& id : ids) {
        FC_ASSIGN(Vehicle v, m_customers.getVehicle(id));
        if (v.ownerId.empty()) continue;
        FC_ASSIGN(Customer owner, m_customers.getCustomer(v.ownerId));
        if (owner.deletedAt) continue;
        FC_ASSIGN(CheckInCandidate c, candidate(v.ownerId, id, std::nullopt));
        out.push_back(std::move(c));
    }
    return out;
}

Result<std::vector<CheckInCandidate>> CheckInService::findByPhone(std::string_view phone) {
    std::vector<CheckInCandidate> out;
    auto p = normalizeMobile(phone);
    if (!p) return out;
    // Every live customer with the number (two can share one after an offline sync).
    FC_ASSIGN(
        Stmt * s,
        m_store.db().cached(
            "SELECT customer_id FROM customer_phone_idx WHERE phone = ? ORDER BY customer_id"));
    s->bind(1, *p);
    std::vector<std::string> customers;
    FC_TRY(s->each([&](Stmt& r) {
        customers.push_back(r.getText(0));
    }));
    for (const auto& id : customers) {
        FC_ASSIGN(auto cars, m_customers.vehiclesOf(id));
        if (cars.empty()) {
            FC_ASSIGN(CheckInCandidate c, candidate(id, "", std::nullopt, *p));
            out.push_back(std::move(c));
        }
        for (const auto& car : cars) {
            FC_ASSIGN(CheckInCandidate c, candidate(id, car.id, std::nullopt, *p));
            out.push_back(std::move(c));
        }
    }
    return out;
}

// [SECTION] tickets

std::string CheckInService::formatTicket(int64_t n) const {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%04lld", static_cast<long long>(n));
    return m_store.device().prefix + "-" + digits;
}

Result<int64_t> CheckInService::nextTicketNumber(bool consume) {
    const int64_t now = m_store.nowMs();
    const int day = m_time.dayNumber(now);
    FC_ASSIGN(Stmt * c,
              m_store.db().cached("SELECT value FROM local_counters WHERE name = ? AND day = ?"));
    c->bindAll(kTicketCounter, static_cast<int64_t>(day));
    FC_ASSIGN(bool row, c->step());
    int64_t last = row ? c->getInt(0) : 0;
    c->reset();
    // Never below a ticket this device already gave out today (a restored or rebuilt database).
    const std::string prefix = m_store.device().prefix + "-";
    FC_ASSIGN(Stmt * v,
              m_store.db().cached(
                  "SELECT ticket FROM visits WHERE substr(ticket, 1, length(?1)) = ?1 AND "
                  "checked_in_at >= ?2 AND checked_in_at < ?3"));
    v->bindAll(prefix, m_time.dayStart(now), m_time.dayEnd(now));
    while (true) {
        FC_ASSIGN(bool more, v->step());
        if (!more) break;
        const std::string_view t = v->getTextView(0).substr(prefix.size());
        int64_t n = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), n);
        if (r.ec == std::errc() && r.ptr == t.data() + t.size()) last = std::max(last, n);
    }
    v->reset();
    const int64_t next = last + 1;
    if (consume) {
        FC_ASSIGN(Stmt * u, m_store.db().cached(
                                "INSERT INTO local_counters(name, day, value) VALUES (?, ?, ?) "
                                "ON CONFLICT(name, day) DO UPDATE SET value = excluded.value"));
        u->bindAll(kTicketCounter, static_cast<int64_t>(day), next);
        FC_TRY(u->run());
        // Yesterday's counters are of no further use.
        FC_ASSIGN(Stmt * d,
                  m_store.db().cached("DELETE FROM local_counters WHERE name = ? AND day < ?"));
        d->bindAll(kTicketCounter, static_cast<int64_t>(day));
        FC_TRY(d->run());
    }
    return next;
}

Result<std::string> CheckInService::peekNextTicket() {
    FC_ASSIGN(int64_t n, nextTicketNumber(false));
    return formatTicket(n);
}

// [SECTION] checking in

Result<CheckInResult> CheckInService::checkIn(const CheckInRequest& request) {
    return inTx(m_store.db(), [&] { return checkInInTx(request); });
}

Result<CheckInService::CheckedRequest> CheckInService::checkRequest(const CheckInRequest& request) {
    const bool kiosk = request.channel == "kiosk";
    if (!kiosk && request.channel != "office")
        return invalid("channel '" + request.channel + "' is not one of: kiosk, office");
    const int ways = (request.appointmentId ? 1 : 0) + (request.walkIn ? 1 : 0) +
                     (!request.vehicleId.empty() && !request.appointmentId ? 1 : 0);
    if (ways == 0) return invalid("check-in: choose an appointment, a car or register a new car");
    if (ways > 1 || (request.walkIn && !request.vehicleId.empty()))
        return invalid("check-in: a walk-in cannot also name an appointment or a known car");
    CheckedRequest out;
    FC_ASSIGN(const ServiceMenu* menu, m_catalog.menu());
    // Known codes here; whether each is still offered once the appointment is known (a service
    // booked before it was deactivated is still checked in).
    FC_ASSIGN(out.services, menu->knownCodes(request.services));
    FC_ASSIGN(out.serviceNotes, cleanField(request.serviceNotes, "other requests", 500));
    FC_ASSIGN(out.complaint, cleanField(request.complaint, "complaint", 1000));
    if (request.odometerKm && (*request.odometerKm < 0 || *request.odometerKm > 5'000'000))
        return invalid("odometer " + std::to_string(*request.odometerKm) + " km is out of range");
    if (request.consent) {
        out.consentVersion = cleanText(request.consent->textVersion);
        if (out.consentVersion.empty() || out.consentVersion.size() > 64)
            return invalid("consent: the version of the text shown is missing");
    } else if (kiosk) {
        return invalid("consent: the customer has not answered the consent questions");
    }
    if (request.signature) {
        FC_ASSIGN(out.signature, encodeSignature(*request.signature));
    } else if (kiosk) {
        return invalid("signature: please sign in the box");
    }
    if (!request.staffId.empty()) {
        FC_ASSIGN(Stmt * s, m_store.db().cached(
                                "SELECT count(*) FROM staff WHERE id = ? AND active = 1 AND deleted_at IS NULL"));
        s->bind(1, request.staffId);
        FC_ASSIGN(bool row, s->step());
        const bool ok = row && s->getInt(0) > 0;
        s->reset();
        if (!ok) return invalid("staff member " + request.staffId + " is not an active member of staff");
        out.staffId = request.staffId;
    }
    return out;
}

Result<std::optional<Appointment>> CheckInService::resolveCar(const CheckInRequest& request,
                                                              CheckInResult& result) {
    std::optional<Appointment> appointment;
    if (request.appointmentId) {
        FC_ASSIGN(Appointment a, m_appointments.get(*request.appointmentId));
        if (a.deletedAt) return conflict("the appointment was deleted");
        if (a.status != AppointmentStatus::kBooked)
            return conflict(a.status == AppointmentStatus::kCheckedIn
                                ? "this appointment is already checked in"
                                : "this appointment is " + a.statusKey + ": ask at the front desk");
        if (!request.vehicleId.empty() && request.vehicleId != a.vehicleId)
            return invalid("check-in: the car is not the one on the appointment");
        appointment = a;
        result.vehicleId = a.vehicleId;
        result.customerId = a.customerId;
        return appointment;
    }
    if (request.walkIn) {
        const WalkInInput& w = *request.walkIn;
        auto plate = normalizePlate(w.plate);
        if (!plate) return plate.error();
        FC_ASSIGN(auto knownCar, m_customers.findVehicleByPlate(plate->text));
        if (knownCar)
            return conflict("plate " + maskPlate(plate->text) + " is already on record: check in by plate instead");
        FC_ASSIGN(std::string phone, normalizeMobile(w.phone));
        FC_ASSIGN(auto existing, m_customers.findCustomerByPhone(phone));
        if (existing) {
            result.customerId = *existing;
        } else {
            CustomerInput in;
            in.name = trim(w.name).empty() ? kWalkInName : w.name;
            in.phones = {phone};
            in.source = request.channel == "kiosk" ? "kiosk" : "walk-in";
            in.consentChannel = request.channel;
            FC_ASSIGN(result.customerId, m_customers.createCustomerInTx(in));
            result.newCustomer = true;
        }
        VehicleInput car;
        car.plate = plate->text;
        FC_ASSIGN(result.vehicleId, m_customers.addVehicleInTx(result.customerId, car));
        result.newVehicle = true;
        return appointment;
    }
    // A known car: its owner, and the appointment it was booked for today, if any.
    result.vehicleId = request.vehicleId;
    FC_ASSIGN(Vehicle vehicle, m_customers.getVehicle(result.vehicleId));
    if (vehicle.deletedAt) return conflict("vehicle " + maskPlate(vehicle.plate) + " was deleted");
    if (vehicle.ownerId.empty()) return conflict("vehicle " + maskPlate(vehicle.plate) + " has no owner");
    result.customerId = vehicle.ownerId;
    const int64_t now = m_store.nowMs();
    FC_ASSIGN(auto booked, m_appointments.bookedForVehicle(vehicle.id, m_time.dayStart(now), m_time.dayEnd(now)));
    if (!booked.empty()) appointment = booked.front();
    return appointment;
}

Status CheckInService::writeVisit(const CheckInRequest& request, CheckedRequest& checked, const Vehicle& vehicle,
                                  const Customer& customer, const std::optional<Appointment>& appointment,
                                  CheckInResult& result) {
    // Each service call below runs in a savepoint inside the check-in's transaction.
    if (request.odometerKm)
        FC_TRY(m_customers.recordOdometer(vehicle.id, *request.odometerKm, "check-in",
                                          request.confirmOdometerDecrease));
    if (request.consent) {
        // Only what the customer answered; a question left alone keeps what is on record.
        auto record = [&](ConsentKind kind, ConsentAnswer answer) -> Status {
            if (answer == ConsentAnswer::kUnanswered) return {};
            return m_customers.setConsent(customer.id, kind, answer == ConsentAnswer::kGranted, request.channel,
                                          checked.consentVersion);
        };
        FC_TRY(record(ConsentKind::kContact, request.consent->contact));
        FC_TRY(record(ConsentKind::kDataUse, request.consent->dataUse));
    }
    FC_ASSIGN(int64_t number, nextTicketNumber(true));
    result.ticket = formatTicket(number);
    FC_ASSIGN(result.statusToken, randomToken(18));
    result.visitId = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kVisits)
                           .set("store_id", m_store.storeId())
                           .set("customer_id", customer.id)
                           .set("vehicle_id", vehicle.id)
                           .set("appointment_id", appointment ? std::optional(appointment->id) : std::nullopt)
                           .set("checked_in_at", m_store.nowMs())
                           .set("odometer_km", request.odometerKm)
                           .set("services", encodeServiceCodes(checked.services))
                           .set("service_notes", checked.serviceNotes)
                           .set("complaint", checked.complaint)
                           .set("status", visitStatusKey(VisitStatus::kWaiting))
                           .set("ticket", result.ticket)
                           .set("status_token", result.statusToken)
                           .set("signature", checked.signature)
                           .set("consent_text_version", checked.consentVersion)
                           .set("channel", request.channel)
                           .set("checked_in_by", checked.staffId)
                           .build());
    FC_TRY(m_store.writer().insert(tables::kVisits, result.visitId, row));
    if (appointment) FC_TRY(m_appointments.setStatusInTx(appointment->id, AppointmentStatus::kCheckedIn));
    return {};
}

Result<CheckInResult> CheckInService::checkInInTx(const CheckInRequest& request) {
    // Everything that needs no database first: the person fixes it before anything is looked up.
    FC_ASSIGN(CheckedRequest checked, checkRequest(request));
    CheckInResult result;
    FC_ASSIGN(std::optional<Appointment> appointment, resolveCar(request, result));
    FC_ASSIGN(Vehicle vehicle, m_customers.getVehicle(result.vehicleId));
    if (vehicle.deletedAt) return conflict("vehicle " + maskPlate(vehicle.plate) + " was deleted");
    FC_ASSIGN(Customer customer, m_customers.getCustomer(result.customerId));
    if (customer.deletedAt) return conflict("the customer record was deleted: ask at the front desk");
    if (appointment) result.appointmentId = appointment->id;
    if (checked.services.empty() && appointment) checked.services = appointment->services;
    {
        FC_ASSIGN(const ServiceMenu* menu, m_catalog.menu());
        FC_TRY(menu->checkOffered(checked.services, appointment ? appointment->services : std::vector<std::string>{}));
    }
    if (checked.services.empty() && checked.serviceNotes.empty() && checked.complaint.empty())
        return invalid("services: choose at least one service or describe what the car needs");
    FC_TRY(writeVisit(request, checked, vehicle, customer, appointment, result));
    return result;
}

}  // namespace fc::core
