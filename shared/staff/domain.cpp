#include "shared/staff/domain.hpp"

#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/staff/badge_key.hpp"
#include "shared/staff/capabilities.hpp"
#include "shared/staff/hub_guard.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/shift.hpp"
#include "shared/staff/skills.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/staff/tables.hpp"

namespace fc::core {

namespace {

// v5: staff, sign-in events and the device's lockout state.
Status createStaff(Db& db) {
    // Role values are checked by the services, not by CHECK constraints: a later version adding
    // one must not have to rebuild the table. No UNIQUE index on synced columns either (badge
    // codes): two devices may write the same value offline, and a merge must never fail; the
    // services check before writing and `verify` reports duplicates.
    FC_TRY(db.exec(R"SQL(
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
-- Local (not synced): wrong-PIN counters and lockouts of this device. Keys: 'staff:<id>',
-- 'pin-only', 'badge'.
CREATE TABLE local_signin_guard(
  key             TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)SQL"));
    for (const TableDef* t : {&tables::kStaff, &tables::kStaffSessionEvents})
        FC_TRY(db.exec(guardTriggersSql(*t)));
    return {};
}

// v8: the store's secrets a device keeps and never syncs (the badge key).
Status createStoreSecrets(Db& db) {
    return db.exec(R"SQL(
CREATE TABLE local_store_secrets(
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)SQL");
}

// v11: each person's skills and regular shift (skills.hpp, shift.hpp). The synced columns stay in
// definition order (master tables end with deleted_at; verify checks it), so the table is rebuilt
// in the migration's transaction. Other tables point at staff with deferred foreign keys
// (sign-in events, customer access events): dropping staff counts their rows as violations and
// putting the same ids back counts them resolved, so the copy goes through a temporary table and
// the commit finds nothing owed.
Status addSkillsAndShift(Db& db) {
    constexpr const char* kKept =
        "id, store_id, name, role, active, badge_code, pin_hash, pin_set_at, created_at, deleted_at, _hlc, _dev";
    FC_TRY(db.exec(std::string("CREATE TEMP TABLE staff_v10 AS SELECT ") + kKept + " FROM main.staff"));
    FC_TRY(db.exec("DROP TABLE main.staff"));
    FC_TRY(db.exec(R"SQL(
CREATE TABLE main.staff(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  badge_code  TEXT NOT NULL DEFAULT '',
  pin_hash    TEXT NOT NULL DEFAULT '',
  pin_set_at  INTEGER,
  created_at  INTEGER NOT NULL,
  skills      TEXT DEFAULT '[]',
  shift       TEXT DEFAULT '',
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX main.staff_badge ON staff(badge_code) WHERE badge_code <> '';
)SQL"));
    FC_TRY(db.exec(std::string("INSERT INTO main.staff(") + kKept + ") SELECT " + kKept + " FROM temp.staff_v10"));
    FC_TRY(db.exec("DROP TABLE temp.staff_v10"));
    return db.exec(guardTriggersSql(tables::kStaff));
}

Status checkStaff(VerifyContext& v) {
    FC_TRY(v.expectZero("SELECT count(*) FROM staff WHERE deleted_at IS NULL AND role NOT IN "
                        "('admin', 'manager', 'advisor', 'technician', 'warehouse', 'accountant')",
                        "staff with an unknown role", "staff roles valid"));
    FC_TRY(v.expectZero("SELECT count(*) FROM staff WHERE pin_hash <> '' AND pin_hash NOT LIKE "
                        "'$argon2id$%'",
                        "staff PINs not stored as Argon2id hashes", "staff PINs hashed"));
    FC_TRY(v.expectZero("SELECT count(*) FROM staff WHERE badge_code <> '' AND badge_code NOT LIKE "
                        "'hmac-sha256:%'",
                        "badge codes stored as text (written before v8; the hub hashes them)",
                        "badges stored as keyed hashes", VerifyContext::Severity::kWarning));
    return v.expectZero("SELECT count(*) FROM (SELECT badge_code FROM staff WHERE badge_code <> '' "
                        "AND active = 1 AND deleted_at IS NULL GROUP BY badge_code HAVING count(*) > 1)",
                        "badge codes shared by more than one active staff member", "badge codes unique",
                        VerifyContext::Severity::kWarning);
}

constexpr const char* kSkillsRule =
    "is not a JSON array of known skills, each once, in this order: general, electrical, ac, ev_high_voltage, "
    "alignment, body_paint";
constexpr const char* kShiftRule =
    "is not a shift as the store writes it (days 1-7 and hours, like 1-5 08:30-17:30; 6 09:00-12:00)";

Result<RowFault> staffRow(const RowCheck& r) {
    static const std::vector<std::string> roles = [] {
        std::vector<std::string> k;
        for (StaffRole role : allStaffRoles()) k.push_back(staffRoleKey(role));
        return k;
    }();
    RowFault f = firstFault({keyIn(r, "role", roles), plainText(r, "badge_code", 128)});
    if (!f.ok()) return f;
    // A badge is stored as its keyed hash; a plain code (written before v8) only as the services
    // normalised it, and the hub then hashes it.
    if (const SqlValue* badge = r.get("badge_code"); badge && badge->type == SqlValue::Type::kText &&
                                                      !badge->s.empty() && !isBadgeHash(badge->s)) {
        auto code = StaffService::normalizeBadge(badge->s);
        if (!code || *code != badge->s) return RowFault{"badge_code", "is neither a badge hash nor a badge code"};
    }
    if (const SqlValue* name = r.get("name"); name && !name->isNull()) {
        auto n = name->type == SqlValue::Type::kText ? normalizeName(name->s) : Result<std::string>(invalid(""));
        if (!n || *n != name->s || utf8Length(*n) > 40)
            return RowFault{"name", "is not a name as the store writes it"};
    }
    // PINs are stored only as Argon2id hashes (what `verify` checks).
    if (const SqlValue* pin = r.get("pin_hash"); pin && !pin->isNull())
        if (pin->type != SqlValue::Type::kText || (!pin->s.empty() && pin->s.rfind("$argon2id$", 0) != 0))
            return RowFault{"pin_hash", "is not an Argon2id hash"};
    // Skills and shift as the services store them (null: a row from before v11, read as none).
    if (const SqlValue* skills = r.get("skills"); skills && !skills->isNull()) {
        const bool ok = skills->type == SqlValue::Type::kText && [&] {
            auto decoded = decodeSkills(skills->s);
            return decoded.ok() && encodeSkills(*decoded) == skills->s;
        }();
        if (!ok) return RowFault{"skills", kSkillsRule};
    }
    if (const SqlValue* shift = r.get("shift"); shift && !shift->isNull()) {
        const bool ok = shift->type == SqlValue::Type::kText && shift->s.size() <= 400 && [&] {
            auto parsed = WorkShift::parse(shift->s);
            return parsed.ok() && parsed->text() == shift->s;
        }();
        if (!ok) return RowFault{"shift", kShiftRule};
    }
    return f;
}

// A sign-in names the device it happened on: the device that wrote it, nobody else.
Result<RowFault> sessionEventRow(const RowCheck& r) {
    return firstFault({deviceIsAuthor(r, "device_id"), plainText(r, "method", 32),
                       plainText(r, "session_id", 64)});
}

// The hub hashes a badge that arrives as text (a device of an earlier version), and a new PIN
// lifts the wrong-PIN count it keeps for the person (as it does on the device that set it).
Status ruleStaffChanged(const MergedChange& c, ServiceSet& services) {
    if (!c.applied) return {};
    if (c.won(tables::kStaff.columnIndex("pin_hash"))) FC_TRY(forgetAtHub(services.store().db(), c.rowId));
    if (!c.won(tables::kStaff.columnIndex("badge_code"))) return {};
    auto hashed = services.get<StaffService>().hashPlainBadges(c.rowId);
    if (!hashed) return hashed.error();
    return {};
}

// The hub counts wrong PINs as the events arrive (hub_guard.hpp).
Status ruleCountSignIns(const MergedChange& c, ServiceSet& services) {
    if (!c.applied) return {};
    Store& store = services.store();
    FC_ASSIGN(Stmt * s, store.db().cached(
                            "SELECT kind, staff_id, method, device_id FROM staff_session_events WHERE id = ?"));
    s->bind(1, c.rowId);
    FC_ASSIGN(bool row, s->step());
    GuardEvent e;
    if (row) {
        e.kind = s->getText(0);
        e.staffId = s->getOptText(1);
        e.method = s->getText(2);
        e.deviceId = c.device;
    }
    s->reset();
    if (!row) return {};
    return countAtHub(store.db(), e, store.nowMs(), services.get<SessionManager>().options().lockout);
}

}  // namespace

const Domain& staffDomain() {
    using R = DeviceRole;
    using namespace tables;
    static const Domain d{
        .name = "staff",
        .tables = {&kStaff, &kStaffSessionEvents},
        .migrations = {{5, "staff, sign-in events, sign-in guard", createStaff},
                       {8, "store secrets (badge key)", createStoreSecrets},
                       {11, "staff skills and shifts", addSkillsAndShift}},
        .grants =
            {
                // Staff records, skills and shifts included, are kept in the office only (the app
                // also requires kManageStaff, or kManageRoster for skills and shifts).
                {R::kOffice, &kStaff, true, true, {"*"}},
                // The hub hashes a badge an older device wrote as text (ruleStaffChanged).
                {R::kHub, &kStaff, false, false, {"badge_code"}},
                // Every device people sign in on records its sign-ins and sign-outs.
                {R::kOffice, &kStaffSessionEvents, true},
                {R::kKiosk, &kStaffSessionEvents, true},
                {R::kWorkshop, &kStaffSessionEvents, true},
                {R::kWarehouse, &kStaffSessionEvents, true},
            },
        .checks = {checkStaff},
        .hubRules = {{&kStaff, "badge-hash, new PIN", ruleStaffChanged}, {&kStaffSessionEvents, "sign-in-guard", ruleCountSignIns}},
        .rowRules = {{&kStaff, staffRow}, {&kStaffSessionEvents, sessionEventRow}},
        .services =
            [](ServiceSet& set) {
                // PINs hashed with Argon2id at interactive limits; tests lower them with
                // setHashLimits(PinHashLimits::minimum()).
                auto& staff = set.add<StaffService>(set.store());
                set.add<SessionManager>(set.store(), staff);
            },
        // The store's badge key is made where the store is made: the hub, or a device working
        // alone. A device being enrolled gets the hub's.
        .onInit = [](Store& store, const InitOptions& options) -> Status {
            if (options.role == DeviceRole::kPending) return {};
            auto key = ensureBadgeKey(store.db());
            if (!key) return key.error();
            return {};
        },
    };
    return d;
}

}  // namespace fc::core
