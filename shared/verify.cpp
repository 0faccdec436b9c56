#include "shared/verify.hpp"

#include "shared/core/text.hpp"
#include "shared/db/migrations.hpp"

namespace fc::core {

namespace {

// Runs a count query; a non-zero count is a problem described by `what`.
Status expectZero(Db& db, VerifyReport& r, const std::string& sql, const std::string& what,
                  const std::string& passed, bool warningOnly = false) {
    FC_ASSIGN(auto n, db.queryInt(sql));
    const int64_t count = n.value_or(0);
    if (count == 0) {
        r.checks.push_back(passed);
    } else {
        (warningOnly ? r.warnings : r.problems).push_back(what + " (" + std::to_string(count) + ")");
    }
    return {};
}

}  // namespace

Result<VerifyReport> verifyStore(StoreServices& services) {
    VerifyReport r;
    Db& db = services.db();
    // A hub keeps its search index lazily (search_stale): bring it up to date before comparing.
    FC_TRY(services.searchIndex.catchUp());

    // SQLite's own view.
    {
        FC_ASSIGN(Stmt s, db.prepare("PRAGMA integrity_check"));
        std::vector<std::string> lines;
        while (true) {
            FC_ASSIGN(bool row, s.step());
            if (!row) break;
            lines.push_back(s.getText(0));
        }
        if (lines.size() == 1 && lines[0] == "ok") r.checks.push_back("integrity_check: ok");
        else
            for (const auto& l : lines) r.problems.push_back("integrity_check: " + l);
    }
    {
        FC_ASSIGN(auto fk, db.queryText("PRAGMA foreign_key_check"));
        if (fk) r.problems.push_back("foreign key violation in table " + *fk);
        else r.checks.push_back("foreign keys: ok");
    }
    if (auto fts = db.exec("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')"); !fts)
        r.problems.push_back("search index: " + fts.error().message);
    else r.checks.push_back("search index (FTS5): ok");

    FC_ASSIGN(int version, schemaVersion(db));
    if (version != currentSchemaVersion())
        r.problems.push_back("schema version " + std::to_string(version) + ", expected " +
                             std::to_string(currentSchemaVersion()));
    else r.checks.push_back("schema version " + std::to_string(version));

    const std::string storeId = services.store().storeId();
    // A device enrolled with a hub gets its store record with the first sync.
    FC_ASSIGN(auto cursor, db.queryInt("SELECT pull_cursor FROM local_state WHERE id = 1"));
    FC_TRY(expectZero(db, r, "SELECT count(*) = 0 FROM stores WHERE id = '" + storeId + "'",
                      cursor.value_or(0) > 0 ? "the store record of this device's store is missing"
                                             : "the store record has not arrived yet (not synced)",
                      "store record present", cursor.value_or(0) == 0));

    // Outbox: device sequence without gaps, HLC increasing with it, clock persisted past it.
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM outbox o WHERE o.seq > (SELECT min(seq) FROM outbox) "
                      "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.seq = o.seq - 1)",
                      "outbox has gaps in the device sequence", "outbox sequence contiguous"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM outbox o JOIN outbox p ON p.seq = o.seq - 1 "
                      "WHERE p.hlc >= o.hlc",
                      "outbox timestamps do not increase with the sequence",
                      "outbox timestamps increasing"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM local_state WHERE last_hlc < "
                      "(SELECT coalesce(max(hlc), 0) FROM outbox)",
                      "the persisted clock is behind the outbox", "clock persisted"));

    // Every synced row belongs to this store.
    for (const TableDef* t : syncedTables()) {
        FC_TRY(expectZero(db, r,
                          "SELECT count(*) FROM " + t->name + " WHERE store_id <> '" + storeId + "'",
                          t->name + ": rows of another store", t->name + ": store ids"));
    }

    // Values are normalised.
    {
        FC_ASSIGN(Stmt s, db.prepare("SELECT id, name, phones FROM customers WHERE deleted_at IS NULL"));
        int64_t bad = 0;
        std::string example;
        while (true) {
            FC_ASSIGN(bool row, s.step());
            if (!row) break;
            auto name = normalizeName(s.getText(1));
            bool good = name && *name == s.getTextView(1);
            const auto phones = splitPhones(s.getTextView(2));
            good &= !phones.empty();
            for (const auto& p : phones) {
                auto n = normalizeMobile(p);
                good &= n && *n == p;
            }
            if (!good && ++bad == 1) example = s.getText(0);
        }
        if (bad) r.problems.push_back("customers with unnormalised name or phones: " +
                                      std::to_string(bad) + " (e.g. " + example + ")");
        else r.checks.push_back("customer names and phones normalised");
    }
    {
        FC_ASSIGN(Stmt s, db.prepare("SELECT id, plate, vin, vin_check_override FROM vehicles "
                                     "WHERE deleted_at IS NULL"));
        int64_t bad = 0;
        std::string example;
        while (true) {
            FC_ASSIGN(bool row, s.step());
            if (!row) break;
            auto plate = normalizePlate(s.getText(1));
            bool good = plate && plate->text == s.getTextView(1);
            if (!s.getTextView(2).empty()) {
                auto vin = normalizeVin(s.getText(2));
                good &= vin && vin->text == s.getTextView(2) &&
                        (vin->checkDigitOk || s.getInt(3) != 0);
            }
            if (!good && ++bad == 1) example = s.getText(0);
        }
        if (bad) r.problems.push_back("vehicles with an invalid plate or VIN: " +
                                      std::to_string(bad) + " (e.g. " + example + ")");
        else r.checks.push_back("plates and VINs valid");
    }
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM "
                      "vehicle_ownerships o WHERE o.vehicle_id = v.id)",
                      "vehicles without an owner", "every vehicle has an owner"));

    // Derived indexes agree with the synced tables.
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM (SELECT j.value, c.id FROM customers c, json_each('[\"' "
                      "|| replace(c.phones, ',', '\",\"') || '\"]') j WHERE c.deleted_at IS NULL "
                      "EXCEPT SELECT phone, customer_id FROM customer_phone_idx)",
                      "phones missing from the phone index", "phone index complete"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM customer_phone_idx i WHERE NOT EXISTS (SELECT 1 FROM "
                      "customers c WHERE c.id = i.customer_id AND c.deleted_at IS NULL AND "
                      "(',' || c.phones || ',') LIKE ('%,' || i.phone || ',%'))",
                      "stale entries in the phone index", "phone index has no stale entries"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL AND NOT EXISTS "
                      "(SELECT 1 FROM search_doc d WHERE d.customer_id = c.id)",
                      "customers missing from the search index", "search index complete"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM search_doc d WHERE NOT EXISTS (SELECT 1 FROM "
                      "customers c WHERE c.id = d.customer_id AND c.deleted_at IS NULL)",
                      "deleted or unknown customers in the search index",
                      "search index has no stale entries"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM col_versions v WHERE v.tbl = 'customers' AND NOT "
                      "EXISTS (SELECT 1 FROM customers c WHERE c.id = v.row_id)",
                      "column versions of unknown customers", "column versions consistent"));
    // Staff, appointments and visits (schema v5): values this version understands, tokens that
    // identify one row, references that resolve.
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM staff WHERE deleted_at IS NULL AND role NOT IN "
                      "('admin', 'manager', 'advisor', 'technician', 'warehouse', 'accountant')",
                      "staff with an unknown role", "staff roles valid"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM staff WHERE pin_hash <> '' AND pin_hash NOT LIKE "
                      "'$argon2id$%'",
                      "staff PINs not stored as Argon2id hashes", "staff PINs hashed"));
    FC_TRY(expectZero(
        db, r,
        "SELECT count(*) FROM (SELECT badge_code FROM staff WHERE badge_code <> '' "
        "AND active = 1 AND deleted_at IS NULL GROUP BY badge_code HAVING count(*) > 1)",
        "badge codes shared by more than one active staff member", "badge codes unique", true));
    FC_TRY(
        expectZero(db, r,
                   "SELECT count(*) FROM appointments WHERE deleted_at IS NULL AND (status NOT IN "
                   "('booked', 'checked_in', 'cancelled', 'no_show') OR channel NOT IN "
                   "('phone', 'web', 'app', 'walk_in') OR length(qr_token) < 22)",
                   "appointments with an unknown status or channel, or a short token",
                   "appointment values valid"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM (SELECT qr_token FROM appointments GROUP BY qr_token "
                      "HAVING count(*) > 1)",
                      "appointment QR tokens used twice", "appointment QR tokens unique"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM visits WHERE deleted_at IS NULL AND (status NOT IN "
                      "('waiting', 'in_service', 'ready', 'collected') OR channel NOT IN "
                      "('kiosk', 'office') OR ticket = '' OR length(status_token) < 22)",
                      "visits with an unknown status or channel, or no ticket or token",
                      "visit values valid"));
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM (SELECT status_token FROM visits GROUP BY status_token "
                      "HAVING count(*) > 1)",
                      "visit status tokens used twice", "visit status tokens unique"));
    FC_TRY(expectZero(db, r,
                      "SELECT (SELECT count(*) FROM appointments a WHERE NOT EXISTS (SELECT 1 FROM "
                      "customers c WHERE c.id = a.customer_id) OR NOT EXISTS (SELECT 1 FROM "
                      "vehicles v WHERE v.id = a.vehicle_id)) + (SELECT count(*) FROM visits x "
                      "WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = x.customer_id) OR "
                      "NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.id = x.vehicle_id))",
                      "appointments or visits whose customer or car is not here (yet)",
                      "appointments and visits point at known customers and cars", true));
    // Two live customers sharing a phone can arrive by sync; a person resolves it.
    FC_TRY(expectZero(db, r,
                      "SELECT count(*) FROM (SELECT phone FROM customer_phone_idx GROUP BY phone "
                      "HAVING count(*) > 1)",
                      "phones shared by more than one customer", "no shared phones", true));
    return r;
}

}  // namespace fc::core
