#include "shared/visits/domain.hpp"

#include <nlohmann/json.hpp>

#include "shared/bays/bay_service.hpp"
#include "shared/conflicts/conflict_service.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/stores/store_hours.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/visits/booking_grid.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "shared/visits/tables.hpp"
#include "shared/visits/visit_service.hpp"

namespace fc::core {

namespace {

// v5: appointments, visits and this device's ticket counters.
Status createVisits(Db& db) {
    // Status and channel values are checked by the services, not by CHECK constraints: a later
    // version adding one must not have to rebuild the table. No UNIQUE index on synced columns
    // (tokens): two devices may write the same value offline and a merge must never fail; the
    // services check before writing and `verify` reports duplicates.
    FC_TRY(db.exec(R"SQL(
CREATE TABLE appointments(
  id           TEXT PRIMARY KEY,
  store_id     TEXT NOT NULL,
  customer_id  TEXT NOT NULL,
  vehicle_id   TEXT NOT NULL,
  scheduled_at INTEGER NOT NULL,
  services     TEXT NOT NULL DEFAULT '[]',
  status       TEXT NOT NULL DEFAULT 'booked',
  channel      TEXT NOT NULL DEFAULT 'phone',
  qr_token     TEXT NOT NULL,
  notes        TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  deleted_at   INTEGER,
  _hlc         INTEGER NOT NULL,
  _dev         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX appointments_time ON appointments(scheduled_at);
CREATE INDEX appointments_token ON appointments(qr_token);
CREATE INDEX appointments_vehicle ON appointments(vehicle_id, scheduled_at);
CREATE INDEX appointments_customer ON appointments(customer_id, scheduled_at);
CREATE TABLE visits(
  id                   TEXT PRIMARY KEY,
  store_id             TEXT NOT NULL,
  customer_id          TEXT NOT NULL,
  vehicle_id           TEXT NOT NULL,
  appointment_id       TEXT,
  checked_in_at        INTEGER NOT NULL,
  odometer_km          INTEGER,
  services             TEXT NOT NULL DEFAULT '[]',
  service_notes        TEXT NOT NULL DEFAULT '',
  complaint            TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL DEFAULT 'waiting',
  ticket               TEXT NOT NULL,
  status_token         TEXT NOT NULL,
  signature            TEXT NOT NULL DEFAULT '',
  consent_text_version TEXT NOT NULL DEFAULT '',
  channel              TEXT NOT NULL DEFAULT 'kiosk',
  checked_in_by        TEXT,
  deleted_at           INTEGER,
  _hlc                 INTEGER NOT NULL,
  _dev                 TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX visits_time ON visits(checked_in_at);
CREATE INDEX visits_customer ON visits(customer_id, checked_in_at);
CREATE INDEX visits_vehicle ON visits(vehicle_id, checked_in_at);
CREATE INDEX visits_appointment ON visits(appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX visits_token ON visits(status_token);
-- Local (not synced): per-device, per-day sequences for provisional human-facing numbers.
CREATE TABLE local_counters(
  name  TEXT NOT NULL,
  day   INTEGER NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (name, day)
) WITHOUT ROWID;
)SQL"));
    for (const TableDef* t : {&tables::kAppointments, &tables::kVisits})
        FC_TRY(db.exec(guardTriggersSql(*t)));
    return {};
}

// Recreates `table` from `createSql` (a new table named <table>_new with the columns of the
// current definition), copying the columns `kept` had before, then its indexes and guard
// triggers. SQLite's ADD COLUMN would put a new column after _hlc and _dev; the synced columns
// stay in definition order (verify checks it), so the table is rebuilt in the migration's
// transaction. Masters have no SQL foreign keys pointing at them.
Status rebuildTable(Db& db, const TableDef& table, const char* createSql, const std::string& kept,
                    const char* indexSql) {
    const std::string& name = table.name;
    FC_TRY(db.exec(createSql));
    FC_TRY(db.exec("INSERT INTO " + name + "_new(" + kept + ") SELECT " + kept + " FROM " + name));
    FC_TRY(db.exec("DROP TABLE " + name));
    FC_TRY(db.exec("ALTER TABLE " + name + "_new RENAME TO " + name));
    FC_TRY(db.exec(indexSql));
    return db.exec(guardTriggersSql(table));
}

// v6: an appointment may name a bay; a visit records when, by whom and at which desk it was last
// called from the queue.
Status addBaysAndCalls(Db& db) {
    FC_TRY(rebuildTable(db, tables::kAppointments, R"SQL(
CREATE TABLE appointments_new(
  id           TEXT PRIMARY KEY,
  store_id     TEXT NOT NULL,
  customer_id  TEXT NOT NULL,
  vehicle_id   TEXT NOT NULL,
  scheduled_at INTEGER NOT NULL,
  services     TEXT NOT NULL DEFAULT '[]',
  status       TEXT NOT NULL DEFAULT 'booked',
  channel      TEXT NOT NULL DEFAULT 'phone',
  qr_token     TEXT NOT NULL,
  notes        TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  bay_id       TEXT,
  deleted_at   INTEGER,
  _hlc         INTEGER NOT NULL,
  _dev         TEXT NOT NULL
) WITHOUT ROWID;
)SQL",
                         "id, store_id, customer_id, vehicle_id, scheduled_at, services, status, "
                         "channel, qr_token, notes, created_at, deleted_at, _hlc, _dev",
                         R"SQL(
CREATE INDEX appointments_time ON appointments(scheduled_at);
CREATE INDEX appointments_token ON appointments(qr_token);
CREATE INDEX appointments_vehicle ON appointments(vehicle_id, scheduled_at);
CREATE INDEX appointments_customer ON appointments(customer_id, scheduled_at);
CREATE INDEX appointments_bay ON appointments(bay_id, scheduled_at) WHERE bay_id IS NOT NULL;
)SQL"));
    return rebuildTable(db, tables::kVisits, R"SQL(
CREATE TABLE visits_new(
  id                   TEXT PRIMARY KEY,
  store_id             TEXT NOT NULL,
  customer_id          TEXT NOT NULL,
  vehicle_id           TEXT NOT NULL,
  appointment_id       TEXT,
  checked_in_at        INTEGER NOT NULL,
  odometer_km          INTEGER,
  services             TEXT NOT NULL DEFAULT '[]',
  service_notes        TEXT NOT NULL DEFAULT '',
  complaint            TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL DEFAULT 'waiting',
  ticket               TEXT NOT NULL,
  status_token         TEXT NOT NULL,
  signature            TEXT NOT NULL DEFAULT '',
  consent_text_version TEXT NOT NULL DEFAULT '',
  channel              TEXT NOT NULL DEFAULT 'kiosk',
  checked_in_by        TEXT,
  called_at            INTEGER,
  called_by            TEXT,
  called_desk          TEXT,
  deleted_at           INTEGER,
  _hlc                 INTEGER NOT NULL,
  _dev                 TEXT NOT NULL
) WITHOUT ROWID;
)SQL",
                        "id, store_id, customer_id, vehicle_id, appointment_id, checked_in_at, "
                        "odometer_km, services, service_notes, complaint, status, ticket, "
                        "status_token, signature, consent_text_version, channel, checked_in_by, "
                        "deleted_at, _hlc, _dev",
                        R"SQL(
CREATE INDEX visits_time ON visits(checked_in_at);
CREATE INDEX visits_customer ON visits(customer_id, checked_in_at);
CREATE INDEX visits_vehicle ON visits(vehicle_id, checked_in_at);
CREATE INDEX visits_appointment ON visits(appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX visits_token ON visits(status_token);
)SQL");
}

// Values this version understands, tokens that identify one row, references that resolve.
Status checkVisits(VerifyContext& v) {
    FC_TRY(v.expectZero("SELECT count(*) FROM appointments WHERE deleted_at IS NULL AND (status NOT IN "
                        "('booked', 'checked_in', 'cancelled', 'no_show') OR channel NOT IN "
                        "('phone', 'web', 'app', 'walk_in') OR length(qr_token) < 22)",
                        "appointments with an unknown status or channel, or a short token",
                        "appointment values valid"));
    FC_TRY(v.expectZero("SELECT count(*) FROM (SELECT qr_token FROM appointments GROUP BY qr_token "
                        "HAVING count(*) > 1)",
                        "appointment QR tokens used twice", "appointment QR tokens unique"));
    FC_TRY(v.expectZero("SELECT count(*) FROM visits WHERE deleted_at IS NULL AND (status NOT IN "
                        "('waiting', 'in_service', 'ready', 'collected') OR channel NOT IN "
                        "('kiosk', 'office') OR ticket = '' OR length(status_token) < 22)",
                        "visits with an unknown status or channel, or no ticket or token",
                        "visit values valid"));
    FC_TRY(v.expectZero("SELECT count(*) FROM (SELECT status_token FROM visits GROUP BY status_token "
                        "HAVING count(*) > 1)",
                        "visit status tokens used twice", "visit status tokens unique"));
    FC_TRY(v.expectZero("SELECT count(*) FROM appointments a WHERE a.bay_id IS NOT NULL AND NOT "
                        "EXISTS (SELECT 1 FROM bays b WHERE b.id = a.bay_id)",
                        "appointments whose bay is not here (yet)", "appointments point at known bays",
                        VerifyContext::Severity::kWarning));
    return v.expectZero("SELECT (SELECT count(*) FROM appointments a WHERE NOT EXISTS (SELECT 1 FROM "
                        "customers c WHERE c.id = a.customer_id) OR NOT EXISTS (SELECT 1 FROM "
                        "vehicles v WHERE v.id = a.vehicle_id)) + (SELECT count(*) FROM visits x "
                        "WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = x.customer_id) OR "
                        "NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.id = x.vehicle_id))",
                        "appointments or visits whose customer or car is not here (yet)",
                        "appointments and visits point at known customers and cars",
                        VerifyContext::Severity::kWarning);
}

// Two devices booked the same bay in the same slot offline (or moved appointments onto it): a
// conflict for a person to move one of them, once per pair. Nothing is dropped.
Status ruleDoubleBookedBay(const MergedChange& c, ServiceSet& services) {
    if (!c.applied) return {};
    const TableDef& t = tables::kAppointments;
    if (c.op == ChangeOp::kUpdate && !c.won(t.columnIndex("bay_id")) &&
        !c.won(t.columnIndex("scheduled_at")) && !c.won(t.columnIndex("status")))
        return {};
    FC_ASSIGN(Appointment a, services.get<AppointmentService>().get(c.rowId));
    if (!a.bayId || a.deletedAt ||
        (a.status != AppointmentStatus::kBooked && a.status != AppointmentStatus::kCheckedIn))
        return {};
    BookingGrid& grid = services.get<BookingGrid>();
    FC_ASSIGN(auto other, grid.bayHolder(*a.bayId, a.scheduledAt, a.id));
    if (!other) return {};
    ConflictService& conflicts = services.get<ConflictService>();
    FC_ASSIGN(bool exists, conflicts.openBetween("double-booked-bay", a.id, *other));
    if (exists) return {};
    const int64_t slot = grid.hours().slotStart(services.get<StoreTime>(), a.scheduledAt);
    const nlohmann::json detail = {{"bay", *a.bayId}, {"slot", slot}, {"appointment", a.id},
                                   {"other_appointment", *other}, {"device", c.device}};
    auto raised = conflicts.raise({.rule = "double-booked-bay",
                .table = "appointments",
                .rowId = a.id,
                .column = *other,
                .detail = detail.dump(),
                .suggestion = "Two appointments hold the same bay at the same time. Move one of "
                              "them to another bay or time."});
    if (!raised) return raised.error();
    return {};
}

// Keys the services write and `verify` accepts; tokens long enough not to be guessed and used
// by one row only; counts in range.
std::vector<std::string> appointmentStatusKeys() {
    std::vector<std::string> k;
    for (auto s : {AppointmentStatus::kBooked, AppointmentStatus::kCheckedIn, AppointmentStatus::kCancelled,
                   AppointmentStatus::kNoShow})
        k.push_back(appointmentStatusKey(s));
    return k;
}

std::vector<std::string> bookingChannelKeys() {
    std::vector<std::string> k;
    for (auto c : {BookingChannel::kPhone, BookingChannel::kWeb, BookingChannel::kApp, BookingChannel::kWalkIn})
        k.push_back(bookingChannelKey(c));
    return k;
}

std::vector<std::string> visitStatusKeys() {
    std::vector<std::string> k;
    for (auto s : {VisitStatus::kWaiting, VisitStatus::kInService, VisitStatus::kReady, VisitStatus::kCollected})
        k.push_back(visitStatusKey(s));
    return k;
}

constexpr size_t kMinTokenLength = 22;

Result<RowFault> appointmentRow(const RowCheck& r) {
    static const std::vector<std::string> statuses = appointmentStatusKeys();
    static const std::vector<std::string> channels = bookingChannelKeys();
    RowFault f = firstFault({keyIn(r, "status", statuses), keyIn(r, "channel", channels),
                             minLength(r, "qr_token", kMinTokenLength), plainText(r, "qr_token", 64),
                             plainText(r, "notes", 500)});
    if (!f.ok()) return f;
    return uniqueAmongRows(r, "qr_token");
}

Result<RowFault> visitRow(const RowCheck& r) {
    static const std::vector<std::string> statuses = visitStatusKeys();
    RowFault f = firstFault({keyIn(r, "status", statuses), keyIn(r, "channel", {"kiosk", "office"}),
                             plainText(r, "ticket", 32, true), minLength(r, "status_token", kMinTokenLength),
                             plainText(r, "status_token", 64), intIn(r, "odometer_km", 0, 5'000'000),
                             plainText(r, "service_notes", 500), plainText(r, "complaint", 1000),
                             plainText(r, "called_desk", 64)});
    if (!f.ok()) return f;
    return uniqueAmongRows(r, "status_token");
}

}  // namespace

const Domain& visitsDomain() {
    using R = DeviceRole;
    using namespace tables;
    static const Domain d{
        .name = "visits",
        .tables = {&kAppointments, &kVisits},
        .migrations = {{5, "appointments, visits, ticket counters", createVisits},
                       {6, "appointment bays, queue calls", addBaysAndCalls}},
        .grants =
            {
                {R::kOffice, &kAppointments, true, true, {"*"}},
                {R::kOffice, &kVisits, true, true, {"*"}},
                // Self check-in: a visit, and the appointment it fulfils marked checked in.
                {R::kKiosk, &kVisits, true},
                {R::kKiosk, &kAppointments, false, false, {"status"}},
                // Technicians move a visit along (in service, ready).
                {R::kWorkshop, &kVisits, false, false, {"status"}},
            },
        .checks = {checkVisits},
        .hubRules = {{&kAppointments, "double-booked-bay", ruleDoubleBookedBay}},
        .rowRules = {{&kAppointments, appointmentRow}, {&kVisits, visitRow}},
        .services =
            [](ServiceSet& set) {
                Store& store = set.store();
                auto& catalog = set.get<ServiceCatalog>();  // the catalogue domain's
                auto& customers = set.get<CustomerService>();
                auto& bays = set.get<BayService>();
                const StoreTime& time = set.get<StoreTime>();
                auto& grid = set.add<BookingGrid>(store, bays, time, set.get<StoreHours>());
                auto& appointments = set.add<AppointmentService>(store, customers, catalog, bays, grid);
                set.add<VisitService>(store, time, set.get<StaffService>());
                set.add<CheckInService>(store, customers, appointments, catalog, set.get<StoreTime>());
            },
    };
    return d;
}

}  // namespace fc::core
