#include "shared/db/migrations.hpp"

#include "shared/capture/tables.hpp"

namespace fc::core {

namespace {

Status execAll(Db& db, const std::string& sql) { return db.exec(sql); }

// [SECTION] v1: identity, sync capture machinery, stores
Status v1(Db& db) {
    FC_TRY(execAll(db, R"SQL(
CREATE TABLE local_device(
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  store_id    TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL,
  prefix      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE local_state(
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  last_hlc    INTEGER NOT NULL DEFAULT 0,
  acked_seq   INTEGER NOT NULL DEFAULT 0,
  clock_offset_ms INTEGER NOT NULL DEFAULT 0
);
INSERT INTO local_state(id) VALUES (1);
-- One row per captured change, in device sequence order. Master data: the changed columns and
-- their new values; facts: the whole row. The newest row is never pruned so seq never repeats.
CREATE TABLE outbox(
  seq     INTEGER PRIMARY KEY,
  hlc     INTEGER NOT NULL,
  tbl     TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  op      INTEGER NOT NULL CHECK (op BETWEEN 1 AND 4),
  payload TEXT NOT NULL
);
-- Per-column versions of master rows for columns written after the row's insert (the insert's
-- version is the row's own _hlc/_dev).
CREATE TABLE col_versions(
  tbl     TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  col     TEXT NOT NULL,
  hlc     INTEGER NOT NULL,
  dev     TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) WITHOUT ROWID;
CREATE TABLE stores(
  id         TEXT PRIMARY KEY,
  store_id   TEXT NOT NULL,
  name       TEXT NOT NULL,
  timezone   TEXT NOT NULL DEFAULT 'Asia/Shanghai',
  created_at INTEGER NOT NULL,
  deleted_at INTEGER,
  _hlc       INTEGER NOT NULL,
  _dev       TEXT NOT NULL
) WITHOUT ROWID;
)SQL"));
    return execAll(db, guardTriggersSql(tables::kStores));
}

// [SECTION] v2: customers, vehicles, ownership, odometer and consent facts
Status v2(Db& db) {
    FC_TRY(execAll(db, R"SQL(
CREATE TABLE customers(
  id                 TEXT PRIMARY KEY,
  store_id           TEXT NOT NULL,
  name               TEXT NOT NULL,
  phones             TEXT NOT NULL DEFAULT '',
  address            TEXT NOT NULL DEFAULT '',
  wechat_id          TEXT NOT NULL DEFAULT '',
  source             TEXT NOT NULL DEFAULT 'walk-in',
  segment            TEXT NOT NULL DEFAULT 'prospect',
  consent_contact    INTEGER NOT NULL DEFAULT 0,
  consent_contact_at INTEGER,
  consent_data       INTEGER NOT NULL DEFAULT 0,
  consent_data_at    INTEGER,
  notes              TEXT NOT NULL DEFAULT '',
  created_at         INTEGER NOT NULL,
  deleted_at         INTEGER,
  _hlc               INTEGER NOT NULL,
  _dev               TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE vehicles(
  id                 TEXT PRIMARY KEY,
  store_id           TEXT NOT NULL,
  plate              TEXT NOT NULL,
  vin                TEXT NOT NULL DEFAULT '',
  vin_check_override INTEGER NOT NULL DEFAULT 0,
  make               TEXT NOT NULL DEFAULT '',
  model              TEXT NOT NULL DEFAULT '',
  year               INTEGER,
  colour             TEXT NOT NULL DEFAULT '',
  odometer_km        INTEGER,
  created_at         INTEGER NOT NULL,
  deleted_at         INTEGER,
  _hlc               INTEGER NOT NULL,
  _dev               TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX vehicles_plate ON vehicles(plate);
CREATE INDEX vehicles_vin ON vehicles(vin) WHERE vin <> '';
CREATE TABLE vehicle_ownerships(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  vehicle_id  TEXT NOT NULL REFERENCES vehicles(id) DEFERRABLE INITIALLY DEFERRED,
  customer_id TEXT NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
  since_ms    INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX vehicle_ownerships_vehicle ON vehicle_ownerships(vehicle_id, since_ms);
CREATE INDEX vehicle_ownerships_customer ON vehicle_ownerships(customer_id);
CREATE TABLE odometer_readings(
  id         TEXT PRIMARY KEY,
  store_id   TEXT NOT NULL,
  vehicle_id TEXT NOT NULL REFERENCES vehicles(id) DEFERRABLE INITIALLY DEFERRED,
  km         INTEGER NOT NULL,
  read_at    INTEGER NOT NULL,
  source     TEXT NOT NULL DEFAULT '',
  _hlc       INTEGER NOT NULL,
  _dev       TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX odometer_readings_vehicle ON odometer_readings(vehicle_id, read_at);
CREATE TABLE consent_events(
  id           TEXT PRIMARY KEY,
  store_id     TEXT NOT NULL,
  customer_id  TEXT NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
  kind         TEXT NOT NULL CHECK (kind IN ('contact', 'data_use')),
  granted      INTEGER NOT NULL CHECK (granted IN (0, 1)),
  at           INTEGER NOT NULL,
  channel      TEXT NOT NULL DEFAULT '',
  text_version TEXT NOT NULL DEFAULT '',
  _hlc         INTEGER NOT NULL,
  _dev         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX consent_events_customer ON consent_events(customer_id, at);
-- Derived, local (not synced): normalised phone → customer for exact lookups.
CREATE TABLE customer_phone_idx(
  phone       TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  PRIMARY KEY (phone, customer_id)
) WITHOUT ROWID;
)SQL"));
    for (const TableDef* t : {&tables::kCustomers, &tables::kVehicles, &tables::kVehicleOwnerships,
                              &tables::kOdometerReadings, &tables::kConsentEvents})
        FC_TRY(execAll(db, guardTriggersSql(*t)));
    return {};
}

// [SECTION] v3: the local search index (derived; rebuilt from the synced tables)
Status v3(Db& db) {
    return execAll(db, R"SQL(
-- One document per customer: name, phones, plates, VINs, WeChat id. doc is a stable integer key.
CREATE TABLE search_doc(
  doc         INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  body        TEXT NOT NULL
);
CREATE INDEX search_doc_name ON search_doc(name);
-- detail='none': substring search uses LIKE, which the trigram index answers without positions;
-- a third of the index size and insert cost of detail='full'.
CREATE VIRTUAL TABLE search_fts USING fts5(
  body, content='search_doc', content_rowid='doc', tokenize='trigram', detail='none'
);
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
  INSERT INTO search_fts(rowid, body) VALUES (new.doc, new.body);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
  INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.doc, old.body);
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
  INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.doc, old.body);
  INSERT INTO search_fts(rowid, body) VALUES (new.doc, new.body);
END;
-- Two-character grams of names: FTS5's trigram tokenizer cannot answer 2-character queries,
-- and 2-character Chinese names are common.
CREATE TABLE search_bigram(
  gram TEXT NOT NULL,
  doc  INTEGER NOT NULL,
  PRIMARY KEY (gram, doc)
) WITHOUT ROWID;
CREATE INDEX search_bigram_doc ON search_bigram(doc);
)SQL");
}

// [SECTION] v4: sync state on the device and the synced conflicts table
Status v4(Db& db) {
    FC_TRY(execAll(db, R"SQL(
ALTER TABLE local_state ADD COLUMN pull_cursor INTEGER NOT NULL DEFAULT 0;
-- The hub sequence this device had pulled when the change was made: what its author could have
-- seen. The hub compares it with the sequence of the value being replaced to tell a concurrent
-- edit from a later one.
ALTER TABLE outbox ADD COLUMN known_seq INTEGER NOT NULL DEFAULT 0;
-- How this device reaches its hub. The token is the device's credential (the hub keeps a hash).
CREATE TABLE local_sync(
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url         TEXT NOT NULL DEFAULT '',
  token           TEXT NOT NULL DEFAULT '',
  last_success_at INTEGER,
  last_error      TEXT NOT NULL DEFAULT '',
  last_error_at   INTEGER
);
INSERT INTO local_sync(id) VALUES (1);
-- Pulled changes that could not be applied yet (an update whose row has not arrived): kept, never
-- dropped, and retried after every page.
CREATE TABLE parked_changes(
  hub_seq INTEGER PRIMARY KEY,
  change  TEXT NOT NULL
);
-- Written by domain rules at the hub instead of losing anything; resolved by a person.
CREATE TABLE conflicts(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  rule        TEXT NOT NULL,
  tbl         TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  col         TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '{}',
  suggestion  TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  resolution  TEXT NOT NULL DEFAULT '',
  resolved_at INTEGER,
  created_at  INTEGER NOT NULL,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX conflicts_open ON conflicts(status, created_at);
)SQL"));
    return execAll(db, guardTriggersSql(tables::kConflicts));
}

// [SECTION] v5: staff and sign-in events, appointments, visits; local sign-in guard and counters
Status v5(Db& db) {
    // Role, status and channel values are checked by the services, not by CHECK constraints: a
    // later version adding one must not have to rebuild the table. No UNIQUE index on synced
    // columns either (badge codes, tokens): two devices may write the same value offline, and a
    // merge must never fail; the services check before writing and `verify` reports duplicates.
    FC_TRY(execAll(db, R"SQL(
CREATE TABLE staff(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  badge_code  TEXT NOT NULL DEFAULT '',
  pin_hash    TEXT NOT NULL DEFAULT '',
  pin_set_at  INTEGER,
  created_at  INTEGER NOT NULL,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_badge ON staff(badge_code) WHERE badge_code <> '';
-- Sign-ins, sign-outs and failed attempts, for the audit trail. staff_id is NULL for a failed
-- PIN-only attempt (nobody is identified).
CREATE TABLE staff_session_events(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  staff_id    TEXT REFERENCES staff(id) DEFERRABLE INITIALLY DEFERRED,
  session_id  TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL CHECK (kind IN ('sign_in', 'sign_out', 'sign_in_failed')),
  method      TEXT NOT NULL DEFAULT '',
  at          INTEGER NOT NULL,
  device_id   TEXT NOT NULL DEFAULT '',
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_session_events_staff ON staff_session_events(staff_id, at);
CREATE INDEX staff_session_events_at ON staff_session_events(at);
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
-- Local (not synced): wrong-PIN counters and lockouts of this device. Keys: 'staff:<id>',
-- 'pin-only', 'badge'.
CREATE TABLE local_signin_guard(
  key             TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- Local (not synced): per-device, per-day sequences for provisional human-facing numbers.
CREATE TABLE local_counters(
  name  TEXT NOT NULL,
  day   INTEGER NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (name, day)
) WITHOUT ROWID;
)SQL"));
    for (const TableDef* t : {&tables::kStaff, &tables::kStaffSessionEvents, &tables::kAppointments,
                              &tables::kVisits})
        FC_TRY(execAll(db, guardTriggersSql(*t)));
    return {};
}

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> kAll = {
        {1, "identity, outbox, column versions, stores", v1},
        {2, "customers, vehicles, ownership/odometer/consent facts", v2},
        {3, "search index (trigram + bigram)", v3},
        {4, "sync state, parked changes, conflicts", v4},
        {5, "staff, sign-in events, appointments, visits; sign-in guard, counters", v5},
    };
    return kAll;
}

int currentSchemaVersion() { return migrations().back().version; }

Result<int> schemaVersion(Db& db) {
    FC_ASSIGN(auto v, db.queryInt("PRAGMA user_version"));
    return static_cast<int>(v.value_or(0));
}

Status migrate(Db& db, int target) {
    FC_ASSIGN(int version, schemaVersion(db));
    if (version > currentSchemaVersion())
        return Error(Errc::kUnsupported,
                     "database '" + db.path() + "' is at schema version " + std::to_string(version) +
                         ", newer than this program (" + std::to_string(currentSchemaVersion()) +
                         "): upgrade Forecourt");
    if (target > currentSchemaVersion() || target < version)
        return invalid("cannot migrate from version " + std::to_string(version) + " to " +
                       std::to_string(target) + ": migrations only go forward");
    WriteModeScope mode(db, WriteMode::kMigrate);
    for (const Migration& m : migrations()) {
        if (m.version <= version || m.version > target) continue;
        Tx tx(db);
        FC_TRY(tx.begin());
        auto r = m.apply(db);
        if (!r) return r.error().context("migration " + std::to_string(m.version) + " (" + m.name + ")");
        FC_TRY(db.exec("PRAGMA user_version = " + std::to_string(m.version)));
        FC_TRY(tx.commit());
    }
    return {};
}

}  // namespace fc::core
