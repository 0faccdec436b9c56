// Index
//   [SECTION] keys
//   [SECTION] helpers
//   [SECTION] changes
//   [SECTION] reads
#include "shared/visits/appointment_service.hpp"

#include "shared/capture/row.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/staff/pin.hpp"
#include "shared/visits/tables.hpp"

namespace fc::core {

// [SECTION] keys

const char* appointmentStatusKey(AppointmentStatus s) {
    switch (s) {
        case AppointmentStatus::kBooked:
            return "booked";
        case AppointmentStatus::kCheckedIn:
            return "checked_in";
        case AppointmentStatus::kCancelled:
            return "cancelled";
        case AppointmentStatus::kNoShow:
            return "no_show";
    }
    return "";
}

std::optional<AppointmentStatus> parseAppointmentStatus(std::string_view key) {
    for (auto s : {AppointmentStatus::kBooked, AppointmentStatus::kCheckedIn,
                   AppointmentStatus::kCancelled, AppointmentStatus::kNoShow})
        if (key == appointmentStatusKey(s)) return s;
    return std::nullopt;
}

const char* bookingChannelKey(BookingChannel c) {
    switch (c) {
        case BookingChannel::kPhone:
            return "phone";
        case BookingChannel::kWeb:
            return "web";
        case BookingChannel::kApp:
            return "app";
        case BookingChannel::kWalkIn:
            return "walk_in";
    }
    return "";
}

std::optional<BookingChannel> parseBookingChannel(std::string_view key) {
    for (auto c : {BookingChannel::kPhone, BookingChannel::kWeb, BookingChannel::kApp,
                   BookingChannel::kWalkIn})
        if (key == bookingChannelKey(c)) return c;
    return std::nullopt;
}

// [SECTION] helpers

namespace {

constexpr const char* kQrPrefix = "FCAPPT:";
constexpr size_t kTokenChars = 24;  // 18 random bytes, base64url: 144 bits
// A booking may be recorded up to a day late (a phone call written down afterwards); earlier
// than that it is a typing error.
constexpr int64_t kPastGraceMs = 24LL * 3600 * 1000;

constexpr const char* kAppointmentColumns =
    "id, customer_id, vehicle_id, scheduled_at, services, status, channel, qr_token, notes, "
    "created_at, deleted_at, bay_id";

Appointment readAppointment(Stmt& s) {
    Appointment a;
    a.id = s.getText(0);
    a.customerId = s.getText(1);
    a.vehicleId = s.getText(2);
    a.scheduledAt = s.getInt(3);
    a.services = decodeServiceCodes(s.getTextView(4));
    a.statusKey = s.getText(5);
    a.status = parseAppointmentStatus(a.statusKey);
    a.channel = s.getText(6);
    a.qrToken = s.getText(7);
    a.notes = s.getText(8);
    a.createdAt = s.getInt(9);
    a.deletedAt = s.getOptInt(10);
    a.bayId = s.getOptText(11);
    return a;
}

bool tokenChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

Result<std::string> cleanNotes(const std::string& notes) {
    std::string v = cleanText(notes);
    if (utf8Length(v) > 500) return invalid("notes are longer than 500 characters");
    return v;
}

// 2000-01-01 .. 2100-01-01: anything else is a typing or clock error.
Status plausibleTime(int64_t ms) {
    if (ms < 946'684'800'000 || ms > 4'102'444'800'000)
        return invalid("appointment time is not a plausible date");
    return {};
}

}  // namespace

Result<std::vector<std::string>> idsWithToken(Db& db, const char* table, const char* column,
                                              const std::string& token) {
    FC_ASSIGN(Stmt * s, db.cached(std::string("SELECT id FROM ") + table + " WHERE " + column +
                                  " = ? AND deleted_at IS NULL ORDER BY id"));
    s->bind(1, token);
    std::vector<std::string> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back(r.getText(0));
    }));
    return out;
}

std::string AppointmentService::qrPayload(const std::string& token) {
    return kQrPrefix + token;
}

std::optional<std::string> AppointmentService::tokenFromScan(std::string_view scanned) {
    std::string text = trim(scanned);
    // The token is the last run of token characters: after "FCAPPT:", a URL's last '/' or '='.
    size_t end = text.size();
    while (end > 0 && (text[end - 1] == '/' || text[end - 1] == '\r' || text[end - 1] == '\n'))
        --end;
    size_t start = end;
    while (start > 0 && tokenChar(text[start - 1])) --start;
    if (end - start != kTokenChars) return std::nullopt;
    const std::string_view before = std::string_view(text).substr(0, start);
    if (!before.empty()) {
        const char sep = before.back();
        if (sep != ':' && sep != '/' && sep != '=') return std::nullopt;
    }
    return text.substr(start, end - start);
}

AppointmentService::AppointmentService(Store& store, CustomerService& customers,
                                       ServiceCatalog& catalog, BayService& bays, BookingGrid& grid)
    : m_store(store), m_customers(customers), m_catalog(catalog), m_bays(bays), m_grid(grid) {}

Result<std::string> AppointmentService::uniqueToken() {
    for (int attempt = 0; attempt < 4; ++attempt) {
        FC_ASSIGN(std::string token, randomToken(18));
        FC_ASSIGN(auto taken, idsWithToken(m_store.db(), "appointments", "qr_token", token));
        if (taken.empty()) return token;
    }
    return internal("could not make a unique appointment token");
}

Result<std::optional<std::string>> AppointmentService::bookableBay(
    const std::optional<std::string>& bayId, int64_t scheduledAt, const std::string& exceptId) {
    if (!bayId || bayId->empty()) return std::optional<std::string>{};
    FC_ASSIGN(Bay bay, m_bays.get(*bayId));
    if (bay.deletedAt) return conflict("bay: " + bay.code + " was deleted");
    if (!bay.active) return invalid("bay: " + bay.code + " is not in use; choose another bay");
    FC_TRY(m_grid.checkBayFree(bay, scheduledAt, exceptId));
    return std::optional<std::string>(bay.id);
}

Result<Appointment> AppointmentService::live(const std::string& id) {
    FC_ASSIGN(Appointment a, get(id));
    if (a.deletedAt) return conflict("appointment " + id + " was deleted");
    return a;
}

// [SECTION] changes

Result<std::string> AppointmentService::book(const AppointmentInput& input) {
    return inTx(m_store.db(), [&] { return bookInTx(input); });
}

Result<std::string> AppointmentService::bookInTx(const AppointmentInput& input) {
    FC_TRY(plausibleTime(input.scheduledAt));
    if (input.scheduledAt < m_store.nowMs() - kPastGraceMs)
        return invalid("appointment time is in the past");
    FC_ASSIGN(const ServiceMenu* menu, m_catalog.menu());
    FC_ASSIGN(std::vector<std::string> services, menu->validateCodes(input.services));
    if (services.empty()) return invalid("services: choose at least one service");
    FC_ASSIGN(std::string notes, cleanNotes(input.notes));
    FC_ASSIGN(Customer c, m_customers.getCustomer(input.customerId));
    if (c.deletedAt) return conflict("customer " + c.name + " was deleted");
    FC_ASSIGN(Vehicle v, m_customers.getVehicle(input.vehicleId));
    if (v.deletedAt) return conflict("vehicle " + displayPlate(v.plate) + " was deleted");
    if (v.ownerId != c.id)
        return invalid("vehicle " + displayPlate(v.plate) + " does not belong to " + c.name);
    FC_ASSIGN(std::optional<std::string> bay, bookableBay(input.bayId, input.scheduledAt, ""));
    FC_ASSIGN(std::string token, uniqueToken());
    const std::string id = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kAppointments)
                           .set("store_id", m_store.storeId())
                           .set("customer_id", c.id)
                           .set("vehicle_id", v.id)
                           .set("scheduled_at", input.scheduledAt)
                           .set("services", encodeServiceCodes(services))
                           .set("status", appointmentStatusKey(AppointmentStatus::kBooked))
                           .set("channel", bookingChannelKey(input.channel))
                           .set("qr_token", token)
                           .set("notes", notes)
                           .set("created_at", m_store.nowMs())
                           .set("bay_id", bay)
                           .build());
    FC_TRY(m_store.writer().insert(tables::kAppointments, id, row));
    return id;
}

Status AppointmentService::reschedule(const std::string& id, int64_t scheduledAt) {
    FC_TRY(plausibleTime(scheduledAt));
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(Appointment a, live(id));
        return moveInTx(a, scheduledAt, a.bayId);
    });
}

Status AppointmentService::moveTo(const std::string& id, int64_t scheduledAt,
                                  const std::optional<std::string>& bayId) {
    FC_TRY(plausibleTime(scheduledAt));
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(Appointment a, live(id));
        return moveInTx(a, scheduledAt, bayId);
    });
}

Status AppointmentService::moveInTx(const Appointment& a, int64_t scheduledAt,
                                    const std::optional<std::string>& bayId) {
    if (a.status == AppointmentStatus::kCheckedIn)
        return conflict("the appointment is already checked in; it cannot be moved");
    if (scheduledAt < m_store.nowMs() - kPastGraceMs)
        return invalid("appointment time is in the past");
    FC_ASSIGN(std::optional<std::string> bay, bookableBay(bayId, scheduledAt, a.id));
    const TableDef& t = tables::kAppointments;
    std::vector<ColumnChange> changes = {
        {t.columnIndex("scheduled_at"), SqlValue::integer(scheduledAt)},
        {t.columnIndex("bay_id"), bay ? SqlValue::text(*bay) : SqlValue::null()}};
    // Moving a cancelled or missed appointment books it again.
    if (a.status != AppointmentStatus::kBooked)
        changes.push_back({t.columnIndex("status"),
                           SqlValue::text(appointmentStatusKey(AppointmentStatus::kBooked))});
    auto r = m_store.writer().update(t, a.id, changes);
    if (!r) return r.error();
    return {};
}

Status AppointmentService::setServices(const std::string& id,
                                       const std::vector<std::string>& services) {
    FC_ASSIGN(const ServiceMenu* menu, m_catalog.menu());
    FC_ASSIGN(std::vector<std::string> codes, menu->knownCodes(services));
    if (codes.empty()) return invalid("services: choose at least one service");
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(Appointment a, live(id));
        if (a.status == AppointmentStatus::kCheckedIn)
            return conflict("the appointment is already checked in: change the visit instead");
        // A service no longer offered may stay on a booking that has it; none may be added.
        FC_TRY(menu->checkOffered(codes, a.services));
        const TableDef& t = tables::kAppointments;
        auto r = m_store.writer().update(
            t, id, {{t.columnIndex("services"), SqlValue::text(encodeServiceCodes(codes))}});
        if (!r) return r.error();
        return {};
    });
}

Status AppointmentService::setNotes(const std::string& id, const std::string& notes) {
    FC_ASSIGN(std::string clean, cleanNotes(notes));
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(live(id));
        const TableDef& t = tables::kAppointments;
        auto r = m_store.writer().update(t, id, {{t.columnIndex("notes"), SqlValue::text(clean)}});
        if (!r) return r.error();
        return {};
    });
}

Status AppointmentService::cancel(const std::string& id) {
    return inTx(m_store.db(), [&] { return setStatusInTx(id, AppointmentStatus::kCancelled); });
}

Status AppointmentService::markNoShow(const std::string& id) {
    return inTx(m_store.db(), [&] { return setStatusInTx(id, AppointmentStatus::kNoShow); });
}

Status AppointmentService::setStatusInTx(const std::string& id, AppointmentStatus to) {
    FC_ASSIGN(Appointment a, live(id));
    if (a.status == to) return {};
    if (a.status == AppointmentStatus::kCheckedIn)
        return conflict(std::string("the appointment is already checked in: it cannot be ") +
                        (to == AppointmentStatus::kCancelled ? "cancelled"
                         : to == AppointmentStatus::kNoShow  ? "marked a no-show"
                                                             : appointmentStatusKey(to)) +
                        "; change the visit instead");
    if (a.status != AppointmentStatus::kBooked)
        return conflict("the appointment is " + a.statusKey + ", not booked: it cannot become " +
                        appointmentStatusKey(to));
    const TableDef& t = tables::kAppointments;
    auto r = m_store.writer().update(
        t, id, {{t.columnIndex("status"), SqlValue::text(appointmentStatusKey(to))}});
    if (!r) return r.error();
    return {};
}

// [SECTION] reads

Result<Appointment> AppointmentService::get(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kAppointmentColumns +
                                            " FROM appointments WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) return notFound("appointment " + id + " does not exist");
    Appointment a = readAppointment(*s);
    s->reset();
    return a;
}

Result<std::optional<Appointment>> AppointmentService::findByToken(std::string_view scanned) {
    const auto token = tokenFromScan(scanned);
    if (!token) return std::optional<Appointment>{};
    FC_ASSIGN(auto ids, idsWithToken(m_store.db(), "appointments", "qr_token", *token));
    if (ids.empty()) return std::optional<Appointment>{};
    FC_ASSIGN(Appointment a, get(ids.front()));
    return std::optional<Appointment>(std::move(a));
}

Result<std::vector<Appointment>> AppointmentService::forCustomer(const std::string& customerId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kAppointmentColumns +
                                            " FROM appointments WHERE customer_id = ? AND "
                                            "deleted_at IS NULL ORDER BY scheduled_at DESC, id"));
    s->bind(1, customerId);
    std::vector<Appointment> out;
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        out.push_back(readAppointment(*s));
    }
    s->reset();
    return out;
}

Result<std::vector<Appointment>> AppointmentService::bookedForVehicle(const std::string& vehicleId,
                                                                      int64_t from, int64_t to) {
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(std::string("SELECT ") + kAppointmentColumns +
                                  " FROM appointments WHERE vehicle_id = ? AND "
                                  "scheduled_at >= ? AND scheduled_at < ? AND status = "
                                  "'booked' AND deleted_at IS NULL ORDER BY scheduled_at, id"));
    s->bindAll(vehicleId, from, to);
    std::vector<Appointment> out;
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        out.push_back(readAppointment(*s));
    }
    s->reset();
    return out;
}

}  // namespace fc::core
