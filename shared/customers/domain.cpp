// Index
//   [SECTION] migrations
//   [SECTION] verify checks
//   [SECTION] hub rules
//   [SECTION] row rules
//   [SECTION] the domain
#include "shared/customers/domain.hpp"

#include <nlohmann/json.hpp>

#include "shared/conflicts/conflict_service.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/customer_access.hpp"
#include "shared/customers/customer_import.hpp"
#include "shared/customers/customer_search.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/customers/tables.hpp"

namespace fc::core {

namespace {

// [SECTION] migrations

// v2: customers, vehicles, ownership/odometer/consent facts, the phone index.
Status createCustomers(Db& db) {
    FC_TRY(db.exec(R"SQL(
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
        FC_TRY(db.exec(guardTriggersSql(*t)));
    return {};
}

// v3: the local search index (derived; rebuilt from the synced tables).
Status createSearchIndex(Db& db) {
    return db.exec(R"SQL(
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

// v6: who revealed a customer's personal data (a fact), and an index on the last four digits of
// each phone so a customer is found by them however many plates contain the same digits.
Status createAccessEvents(Db& db) {
    // `what` is checked by the service, not by a CHECK constraint: a later version revealing
    // something else (an address) must not have to rebuild the table.
    FC_TRY(db.exec(R"SQL(
CREATE TABLE customer_access_events(
  id           TEXT PRIMARY KEY,
  store_id     TEXT NOT NULL,
  customer_id  TEXT NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
  staff_id     TEXT NOT NULL REFERENCES staff(id) DEFERRABLE INITIALLY DEFERRED,
  device_id    TEXT NOT NULL DEFAULT '',
  at           INTEGER NOT NULL,
  what         TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  _hlc         INTEGER NOT NULL,
  _dev         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX customer_access_events_customer ON customer_access_events(customer_id, at);
CREATE INDEX customer_phone_tail ON customer_phone_idx(substr(phone, -4));
)SQL"));
    return db.exec(guardTriggersSql(tables::kCustomerAccessEvents));
}

// [SECTION] verify checks

// Counts rows `good` rejects (reading `sql`); the first bad row's id is the example.
template <class Good>
Status countBad(VerifyContext& v, const std::string& sql, Good good, const std::string& what,
                const std::string& passed) {
    FC_ASSIGN(Stmt s, v.db().prepare(sql));
    int64_t bad = 0;
    std::string example;
    FC_TRY(s.each([&](Stmt& r) {
        if (!good(r) && ++bad == 1) example = r.getText(0);
    }));
    if (bad) v.problem(what + ": " + std::to_string(bad) + " (e.g. " + example + ")");
    else v.pass(passed);
    return {};
}

Status checkValues(VerifyContext& v) {
    FC_TRY(countBad(
        v, "SELECT id, name, phones FROM customers WHERE deleted_at IS NULL",
        [](Stmt& r) {
            auto name = normalizeName(r.getText(1));
            bool good = name && *name == r.getTextView(1);
            const auto phones = splitPhones(r.getTextView(2));
            good &= !phones.empty();
            for (const auto& p : phones) {
                auto n = normalizeMobile(p);
                good &= n && *n == p;
            }
            return good;
        },
        "customers with unnormalised name or phones", "customer names and phones normalised"));
    FC_TRY(countBad(
        v, "SELECT id, plate, vin, vin_check_override FROM vehicles WHERE deleted_at IS NULL",
        [](Stmt& r) {
            auto plate = normalizePlate(r.getText(1));
            bool good = plate && plate->text == r.getTextView(1);
            if (!r.getTextView(2).empty()) {
                auto vin = normalizeVin(r.getText(2));
                good &= vin && vin->text == r.getTextView(2) && (vin->checkDigitOk || r.getInt(3) != 0);
            }
            return good;
        },
        "vehicles with an invalid plate or VIN", "plates and VINs valid"));
    FC_TRY(v.expectZero("SELECT count(*) FROM customer_access_events WHERE what NOT IN ('phone') "
                        "OR reason = ''",
                        "access events with an unknown kind or no reason", "access events valid"));
    return v.expectZero("SELECT count(*) FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM "
                        "vehicle_ownerships o WHERE o.vehicle_id = v.id)",
                        "vehicles without an owner", "every vehicle has an owner");
}

// The derived indexes agree with the synced tables.
Status checkIndexes(VerifyContext& v) {
    if (auto fts = v.db().exec("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')"); !fts)
        v.problem("search index: " + fts.error().message);
    else v.pass("search index (FTS5): ok");
    FC_TRY(v.expectZero("SELECT count(*) FROM (SELECT j.value, c.id FROM customers c, json_each('[\"' "
                        "|| replace(c.phones, ',', '\",\"') || '\"]') j WHERE c.deleted_at IS NULL "
                        "EXCEPT SELECT phone, customer_id FROM customer_phone_idx)",
                        "phones missing from the phone index", "phone index complete"));
    FC_TRY(v.expectZero("SELECT count(*) FROM customer_phone_idx i WHERE NOT EXISTS (SELECT 1 FROM "
                        "customers c WHERE c.id = i.customer_id AND c.deleted_at IS NULL AND "
                        "(',' || c.phones || ',') LIKE ('%,' || i.phone || ',%'))",
                        "stale entries in the phone index", "phone index has no stale entries"));
    FC_TRY(v.expectZero("SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL AND NOT EXISTS "
                        "(SELECT 1 FROM search_doc d WHERE d.customer_id = c.id)",
                        "customers missing from the search index", "search index complete"));
    FC_TRY(v.expectZero("SELECT count(*) FROM search_doc d WHERE NOT EXISTS (SELECT 1 FROM "
                        "customers c WHERE c.id = d.customer_id AND c.deleted_at IS NULL)",
                        "deleted or unknown customers in the search index",
                        "search index has no stale entries"));
    FC_TRY(v.expectZero("SELECT count(*) FROM col_versions v WHERE v.tbl = 'customers' AND NOT "
                        "EXISTS (SELECT 1 FROM customers c WHERE c.id = v.row_id)",
                        "column versions of unknown customers", "column versions consistent"));
    // Two live customers sharing a phone can arrive by sync; a person resolves it.
    return v.expectZero("SELECT count(*) FROM (SELECT phone FROM customer_phone_idx GROUP BY phone "
                        "HAVING count(*) > 1)",
                        "phones shared by more than one customer", "no shared phones",
                        VerifyContext::Severity::kWarning);
}

// [SECTION] hub rules

// Two live customers with the same phone (two kiosks registered the same walk-in offline): a
// conflict for a person to merge them or correct the number, once per pair.
Status ruleDuplicatePhone(const MergedChange& c, ServiceSet& services) {
    if (!c.applied) return {};
    if (!c.won(tables::kCustomers.columnIndex("phones"))) return {};
    Db& db = services.store().db();
    FC_ASSIGN(Stmt * s, db.cached("SELECT phones FROM customers WHERE id = ? AND deleted_at IS NULL"));
    s->bind(1, c.rowId);
    FC_ASSIGN(bool live, s->step());
    const std::vector<std::string> phones = live ? splitPhones(s->getTextView(0)) : std::vector<std::string>{};
    s->reset();
    ConflictService& conflicts = services.get<ConflictService>();
    for (const auto& phone : phones) {
        FC_ASSIGN(Stmt * o, db.cached(
                                "SELECT customer_id FROM customer_phone_idx WHERE phone = ? AND customer_id <> ?"));
        o->bindAll(phone, c.rowId);
        std::vector<std::string> others;
        FC_TRY(o->each([&](Stmt& r) { others.push_back(r.getText(0)); }));
        for (const auto& other : others) {
            FC_ASSIGN(bool exists, conflicts.openBetween("duplicate-phone", c.rowId, other));
            if (exists) continue;
            const nlohmann::json detail = {
                {"phone", phone}, {"customer", c.rowId}, {"other_customer", other}, {"device", c.device}};
            FC_TRY(conflicts.raise({.rule = "duplicate-phone",
                                    .table = "customers",
                                    .rowId = c.rowId,
                                    .column = other,
                                    .detail = detail.dump(),
                                    .suggestion = "Two customers have the same phone. If they are the same "
                                                  "person, merge them; otherwise correct the number."}));
        }
    }
    return {};
}

// [SECTION] row rules

// The same normalisation the services apply (normalizeName, normalizeMobile, normalizePlate,
// normalizeVin) and that `verify` checks: a value is valid when normalising it changes nothing.
RowFault textNormal(const RowCheck& r, const char* column, bool (*good)(const std::string&),
                    const char* why) {
    const SqlValue* v = r.get(column);
    if (!v || v->isNull()) return {};
    if (v->type != SqlValue::Type::kText || !good(v->s)) return {column, why};
    return {};
}

bool goodName(const std::string& s) {
    auto n = normalizeName(s);
    return n && *n == s;
}

bool goodPhones(const std::string& s) {
    const auto phones = splitPhones(s);
    if (phones.empty() || phones.size() > 8 || joinPhones(phones) != s) return false;
    for (size_t i = 0; i < phones.size(); ++i) {
        auto n = normalizeMobile(phones[i]);
        if (!n || *n != phones[i]) return false;
        for (size_t k = 0; k < i; ++k)
            if (phones[k] == phones[i]) return false;
    }
    return true;
}

bool goodPlate(const std::string& s) {
    auto p = normalizePlate(s);
    return p && p->text == s;
}

Result<RowFault> customerRow(const RowCheck& r) {
    return firstFault({
        textNormal(r, "name", goodName,
                   "is not a name as the store writes it (empty, only digits, longer than 64 "
                   "characters, or holding control or direction-override characters)"),
        textNormal(r, "phones", goodPhones,
                   "must be 1 to 8 different mobile numbers of 11 digits, separated by commas"),
        keyIn(r, "source", customerSources()),
        keyIn(r, "segment", customerSegments()),
        plainText(r, "address", 200),
        plainText(r, "wechat_id", 64),
        plainText(r, "notes", 2000),
        intIn(r, "consent_contact", 0, 1),
        intIn(r, "consent_data", 0, 1),
    });
}

constexpr int64_t kMaxOdometerKm = 5'000'000;

Result<RowFault> vehicleRow(const RowCheck& r) {
    RowFault f = firstFault({
        textNormal(r, "plate", goodPlate, "is not a plate as the store writes it (e.g. 京A12345)"),
        intIn(r, "vin_check_override", 0, 1),
        intIn(r, "year", 1950, 2100),
        intIn(r, "odometer_km", 0, kMaxOdometerKm),
        plainText(r, "make", 64),
        plainText(r, "model", 64),
        plainText(r, "colour", 32),
    });
    if (!f.ok()) return f;
    // A VIN is 17 legal characters; a wrong check digit only with the override a person confirmed.
    const SqlValue* vin = r.get("vin");
    const SqlValue* override = r.get("vin_check_override");
    if (!vin && !override) return f;
    FC_ASSIGN(SqlValue vinAfter, r.after("vin"));
    if (vinAfter.isNull() || (vinAfter.type == SqlValue::Type::kText && vinAfter.s.empty())) return f;
    auto v = vinAfter.type == SqlValue::Type::kText ? normalizeVin(vinAfter.s) : Result<Vin>(invalid(""));
    if (!v || v->text != vinAfter.s)
        return RowFault{"vin", "is not a VIN as the store writes it (17 characters, no I, O or Q)"};
    if (v->checkDigitOk) return f;
    FC_ASSIGN(SqlValue overrideAfter, r.after("vin_check_override"));
    if (overrideAfter.type == SqlValue::Type::kInt && overrideAfter.i == 1) return f;
    return RowFault{"vin", "has a wrong check digit and nobody confirmed it (vin_check_override)"};
}

Result<RowFault> odometerReadingRow(const RowCheck& r) {
    return firstFault({intIn(r, "km", 0, kMaxOdometerKm, true), plainText(r, "source", 64)});
}

Result<RowFault> consentEventRow(const RowCheck& r) {
    return firstFault({plainText(r, "channel", 64), plainText(r, "text_version", 64)});
}

Result<RowFault> accessEventRow(const RowCheck& r) {
    return firstFault({keyIn(r, "what", {"phone"}), plainText(r, "reason", 200, true),
                       deviceIsAuthor(r, "device_id")});
}

}  // namespace

// [SECTION] the domain

const Domain& customersDomain() {
    using R = DeviceRole;
    using namespace tables;
    static const std::vector<IndexTable> kIndexTables = [] {
        std::vector<IndexTable> all = PhoneIndex::tables();
        for (const IndexTable& t : SearchIndex::tables()) all.push_back(t);
        return all;
    }();
    static const Domain d{
        .name = "customers",
        .tables = {&kCustomers, &kVehicles, &kVehicleOwnerships, &kOdometerReadings, &kConsentEvents,
                   &kCustomerAccessEvents},
        .migrations = {{2, "customers, vehicles, ownership/odometer/consent facts", createCustomers},
                       {3, "search index (trigram + bigram)", createSearchIndex},
                       {6, "customer access events, phone tail index", createAccessEvents}},
        .grants =
            {
                {R::kOffice, &kCustomers, true, true, {"*"}},
                {R::kOffice, &kVehicles, true, true, {"*"}},
                {R::kOffice, &kVehicleOwnerships, true},
                {R::kOffice, &kOdometerReadings, true},
                {R::kOffice, &kConsentEvents, true},
                // Revealing a masked phone happens in the office only (audited, kCustomerAccessEvents).
                {R::kOffice, &kCustomerAccessEvents, true},
                // A kiosk registers walk-ins and records what the customer agreed to; it edits
                // nothing else.
                {R::kKiosk, &kCustomers, true, false,
                 {"consent_contact", "consent_contact_at", "consent_data", "consent_data_at"}},
                {R::kKiosk, &kVehicles, true, false, {"odometer_km"}},
                {R::kKiosk, &kVehicleOwnerships, true},
                {R::kKiosk, &kOdometerReadings, true},
                {R::kKiosk, &kConsentEvents, true},
                {R::kWorkshop, &kVehicles, false, false, {"odometer_km", "colour", "vin", "vin_check_override"}},
                {R::kWorkshop, &kOdometerReadings, true},
            },
        .checks = {checkValues, checkIndexes},
        .hubRules = {{&kCustomers, "duplicate-phone", ruleDuplicatePhone}},
        .rowRules = {{&kCustomers, customerRow},
                     {&kVehicles, vehicleRow},
                     {&kOdometerReadings, odometerReadingRow},
                     {&kConsentEvents, consentEventRow},
                     {&kCustomerAccessEvents, accessEventRow}},
        .indexTables = kIndexTables,
        .services =
            [](ServiceSet& set) {
                Store& store = set.store();
                set.addIndex<PhoneIndex>(store.db());
                set.addIndex<SearchIndex>(store.db());
                auto& customers = set.add<CustomerService>(store);
                set.add<CustomerSearch>(store);
                set.add<CustomerImport>(store, customers);
                set.add<CustomerAccessLog>(store, customers);
            },
    };
    return d;
}

}  // namespace fc::core
