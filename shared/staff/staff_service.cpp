// Index
//   [SECTION] helpers
//   [SECTION] changes
//   [SECTION] reads
#include "shared/staff/staff_service.hpp"

#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/capture/row.hpp"
#include "shared/staff/badge_key.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/staff/tables.hpp"

namespace fc::core {

// [SECTION] helpers

namespace {

constexpr const char* kStaffColumns =
    "id, name, role, active, badge_code <> '', pin_hash <> '', pin_set_at, created_at, deleted_at, "
    "coalesce(skills, '[]'), coalesce(shift, '')";

StaffMember readStaff(Stmt& s) {
    StaffMember m;
    m.id = s.getText(0);
    m.name = s.getText(1);
    m.roleKey = s.getText(2);
    m.role = parseStaffRole(m.roleKey);
    m.active = s.getInt(3) != 0;
    m.hasBadge = s.getInt(4) != 0;
    m.hasPin = s.getInt(5) != 0;
    m.pinSetAt = s.getOptInt(6);
    m.createdAt = s.getInt(7);
    m.deletedAt = s.getOptInt(8);
    // The row rules keep both readable; anything else (a newer version's skill) reads as none.
    if (auto skills = decodeSkills(s.getTextView(9))) m.skills = std::move(*skills);
    if (auto shift = WorkShift::parse(s.getTextView(10))) m.shift = std::move(*shift);
    return m;
}

}  // namespace

StaffService::StaffService(Store& store, PinHashLimits limits) : m_store(store), m_limits(limits) {}

Result<std::string> StaffService::normalizeBadge(std::string_view input) {
    std::string out;
    for (char c : toUpperAscii(foldWidth(input))) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;  // scanners add Enter
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return invalid("badge code: only letters, digits and '-' are allowed");
        out += c;
    }
    if (out.size() < 4 || out.size() > 32) return invalid("badge code: 4 to 32 characters");
    return out;
}

Result<std::string> StaffService::validName(const std::string& name) const {
    FC_ASSIGN(std::string n, normalizeName(name));
    if (utf8Length(n) > 40) return invalid("name is longer than 40 characters");
    return n;
}

Result<std::string> StaffService::storedBadge(const std::string& code) {
    if (code.empty()) return std::string();
    FC_ASSIGN(std::string key, badgeKey(m_store.db()));
    if (key.empty())
        return Error(Errc::kPermission,
                     "this device has not received the store's badge key yet: sync with the hub, then "
                     "give the badge");
    return badgeHash(key, code);
}

Status StaffService::checkBadgeFree(const std::string& badge, const std::string& exceptId) {
    if (badge.empty()) return {};
    FC_ASSIGN(Stmt * s,
              m_store.db().cached("SELECT id, name FROM staff WHERE badge_code = ? AND id <> ? AND "
                                  "deleted_at IS NULL AND active = 1 LIMIT 1"));
    s->bindAll(badge, exceptId);
    FC_ASSIGN(bool row, s->step());
    std::string who = row ? s->getText(1) : "";
    s->reset();
    if (row) return conflict("this badge is already used by " + who);
    return {};
}

Result<bool> StaffService::pinInUse(const std::string& pin, const std::string& exceptId) {
    FC_ASSIGN(auto hashes, activePinHashes());
    bool used = false;
    // Every hash is checked, so the time taken does not tell whose PIN matched.
    for (const auto& [id, hash] : hashes)
        if (id != exceptId && verifyPin(hash, pin)) used = true;
    return used;
}

Result<int64_t> StaffService::activeAdmins(const std::string& exceptId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1 AND "
                            "deleted_at IS NULL AND id <> ?"));
    s->bind(1, exceptId);
    FC_ASSIGN(bool row, s->step());
    const int64_t n = row ? s->getInt(0) : 0;
    s->reset();
    return n;
}

Result<std::string> StaffService::insertStaff(const Prepared& p) {
    const std::string id = m_store.ids().next();
    const int64_t now = m_store.nowMs();
    FC_ASSIGN(Row row, RowBuilder(tables::kStaff)
                           .set("store_id", m_store.storeId())
                           .set("name", p.name)
                           .set("role", staffRoleKey(p.role))
                           .set("active", true)
                           .set("badge_code", p.badge)
                           .set("pin_hash", p.pinHash)
                           .set("pin_set_at", p.pinHash.empty() ? std::nullopt : std::optional(now))
                           .set("created_at", now)
                           .set("skills", encodeSkills(p.skills))
                           .set("shift", p.shift)
                           .build());
    FC_TRY(m_store.writer().insert(tables::kStaff, id, row));
    return id;
}

// [SECTION] changes

Result<std::string> StaffService::bootstrapAdmin(const std::string& name, std::string_view pin,
                                                 std::string_view badgeCode) {
    StaffInput in;
    in.name = name;
    in.role = StaffRole::kAdmin;
    in.badgeCode = std::string(badgeCode);
    in.pin = std::string(pin);
    auto refuseIfAdmin = [&]() -> Status {
        FC_ASSIGN(int64_t admins, activeAdmins(""));
        if (admins > 0)
            return Error(Errc::kPermission,
                         "this store already has an admin: sign in as one to add staff");
        return {};
    };
    FC_TRY(refuseIfAdmin());
    if (trim(in.pin).empty()) return invalid("PIN: the first admin needs a PIN");
    FC_ASSIGN(Prepared p, prepare(in, true));
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_TRY(refuseIfAdmin());  // again, inside the transaction
        return insertPrepared(p);
    });
}

Result<std::string> StaffService::createStaff(const Session& by, const StaffInput& input) {
    FC_TRY(requireCapability(by, Capability::kManageStaff));
    // The slow part (an Argon2id verify per person, then the hash) runs before the transaction.
    FC_ASSIGN(Prepared p, prepare(input, true));
    return inTx(m_store.db(), [&] { return insertPrepared(p); });
}

Result<std::string> StaffService::createStaffInTx(const StaffInput& input, bool checkPinUnique) {
    FC_ASSIGN(Prepared p, prepare(input, checkPinUnique));
    return insertPrepared(p);
}

Result<StaffService::Prepared> StaffService::prepare(const StaffInput& input, bool checkPinUnique) {
    Prepared p;
    p.role = input.role;
    FC_ASSIGN(p.name, validName(input.name));
    p.skills = canonicalSkills(input.skills);
    FC_ASSIGN(WorkShift shift, WorkShift::parse(input.shift));
    p.shift = shift.text();
    if (!trim(input.badgeCode).empty()) {
        FC_ASSIGN(std::string code, normalizeBadge(input.badgeCode));
        FC_ASSIGN(p.badge, storedBadge(code));
    }
    if (!trim(input.pin).empty()) {
        FC_ASSIGN(std::string pin, normalizePin(input.pin));
        if (checkPinUnique) {
            FC_ASSIGN(bool used, pinInUse(pin, ""));
            if (used) return invalid("PIN: this PIN cannot be used; choose another");
        }
        FC_ASSIGN(p.pinHash, hashPin(pin, m_limits));
    }
    return p;
}

Result<std::string> StaffService::insertPrepared(const Prepared& p) {
    FC_TRY(checkBadgeFree(p.badge, ""));
    return insertStaff(p);
}

Result<bool> StaffService::updateStaff(const Session& by, const std::string& id,
                                       const StaffPatch& patch) {
    // Skills and shifts are the roster (managers plan it); everything else is kManageStaff's.
    if (patch.name || patch.role || patch.badgeCode || !by.can(Capability::kManageRoster))
        FC_TRY(requireCapability(by, Capability::kManageStaff));
    std::optional<WorkShift> shift;
    if (patch.shift) {
        FC_ASSIGN(WorkShift parsed, WorkShift::parse(*patch.shift));
        shift = std::move(parsed);
    }
    return inTx(m_store.db(), [&]() -> Result<bool> {
        FC_ASSIGN(StaffMember current, get(id));
        if (current.deletedAt) return conflict("staff member " + current.name + " was deleted");
        const TableDef& t = tables::kStaff;
        std::vector<ColumnChange> changes;
        if (patch.name) {
            FC_ASSIGN(std::string name, validName(*patch.name));
            changes.push_back({t.columnIndex("name"), SqlValue::text(name)});
        }
        if (patch.role) {
            if (current.role == StaffRole::kAdmin && *patch.role != StaffRole::kAdmin &&
                current.active) {
                FC_ASSIGN(int64_t others, activeAdmins(id));
                if (others == 0)
                    return conflict(current.name +
                                    " is the only active admin: make someone "
                                    "else admin first");
            }
            changes.push_back({t.columnIndex("role"), SqlValue::text(staffRoleKey(*patch.role))});
        }
        if (patch.badgeCode) {
            std::string badge;
            if (!trim(*patch.badgeCode).empty()) {
                FC_ASSIGN(std::string code, normalizeBadge(*patch.badgeCode));
                FC_ASSIGN(badge, storedBadge(code));
                FC_TRY(checkBadgeFree(badge, id));
            }
            changes.push_back({t.columnIndex("badge_code"), SqlValue::text(badge)});
        }
        if (patch.skills) changes.push_back({t.columnIndex("skills"), SqlValue::text(encodeSkills(*patch.skills))});
        if (shift) changes.push_back({t.columnIndex("shift"), SqlValue::text(shift->text())});
        return m_store.writer().update(t, id, changes);
    });
}

Status StaffService::setSkills(const Session& by, const std::string& id, const std::vector<Skill>& skills) {
    StaffPatch patch;
    patch.skills = skills;
    auto r = updateStaff(by, id, patch);
    if (!r) return r.error();
    return {};
}

Status StaffService::setShift(const Session& by, const std::string& id, std::string_view shift) {
    StaffPatch patch;
    patch.shift = std::string(shift);
    auto r = updateStaff(by, id, patch);
    if (!r) return r.error();
    return {};
}

Status StaffService::deactivate(const Session& by, const std::string& id) {
    FC_TRY(requireCapability(by, Capability::kManageStaff));
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(StaffMember current, get(id));
        if (!current.active) return {};
        if (current.role == StaffRole::kAdmin) {
            FC_ASSIGN(int64_t others, activeAdmins(id));
            if (others == 0)
                return conflict(current.name + " is the only active admin and stays active");
        }
        const TableDef& t = tables::kStaff;
        auto r = m_store.writer().update(t, id, {{t.columnIndex("active"), SqlValue::integer(0)}});
        if (!r) return r.error();
        return {};
    });
}

Status StaffService::reactivate(const Session& by, const std::string& id) {
    FC_TRY(requireCapability(by, Capability::kManageStaff));
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(StaffMember current, get(id));
        if (current.deletedAt) return conflict("staff member " + current.name + " was deleted");
        if (current.active) return {};
        // Someone may have been given this badge meanwhile.
        FC_ASSIGN(Stmt * q, m_store.db().cached("SELECT badge_code FROM staff WHERE id = ?"));
        q->bind(1, id);
        FC_ASSIGN(bool row, q->step());
        const std::string badge = row ? q->getText(0) : "";
        q->reset();
        FC_TRY(checkBadgeFree(badge, id));
        const TableDef& t = tables::kStaff;
        auto r = m_store.writer().update(t, id, {{t.columnIndex("active"), SqlValue::integer(1)}});
        if (!r) return r.error();
        return {};
    });
}

Status StaffService::setPin(const Session& by, const std::string& id, std::string_view pin) {
    if (by.staffId() != id) FC_TRY(requireCapability(by, Capability::kManageStaff));
    FC_ASSIGN(StaffMember member, get(id));
    if (member.deletedAt) return conflict("staff member " + member.name + " was deleted");
    FC_ASSIGN(std::string normalized, normalizePin(pin));
    // The slow parts (one Argon2id verify per person, then the hash) run outside the transaction.
    FC_ASSIGN(bool used, pinInUse(normalized, id));
    if (used) return invalid("PIN: this PIN cannot be used; choose another");
    FC_ASSIGN(std::string hash, hashPin(normalized, m_limits));
    return inTx(m_store.db(), [&]() -> Status {
        const TableDef& t = tables::kStaff;
        auto r = m_store.writer().update(
            t, id,
            {{t.columnIndex("pin_hash"), SqlValue::text(hash)},
             {t.columnIndex("pin_set_at"), SqlValue::integer(m_store.nowMs())}});
        if (!r) return r.error();
        // A new PIN lifts this person's lockout on this device.
        FC_ASSIGN(Stmt * d, m_store.db().cached("DELETE FROM local_signin_guard WHERE key = ?"));
        d->bind(1, signInGuardKey(id));
        return d->run();
    });
}

// [SECTION] reads

Result<StaffMember> StaffService::get(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kStaffColumns +
                                            " FROM staff WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) return notFound("staff member " + id + " does not exist");
    StaffMember m = readStaff(*s);
    s->reset();
    return m;
}

Result<std::vector<StaffMember>> StaffService::list(bool includeInactive) {
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(std::string("SELECT ") + kStaffColumns +
                                  " FROM staff WHERE deleted_at IS NULL AND (active = 1 OR ?) "
                                  "ORDER BY name, id"));
    s->bind(1, static_cast<int64_t>(includeInactive));
    std::vector<StaffMember> out;
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        out.push_back(readStaff(*s));
    }
    s->reset();
    return out;
}

Result<std::optional<std::string>> StaffService::findByBadge(std::string_view badge) {
    auto b = normalizeBadge(badge);
    if (!b) return std::optional<std::string>{};
    FC_ASSIGN(std::string key, badgeKey(m_store.db()));
    // The keyed hash; a code still stored as text (before v8, until the hub hashes it) matches too.
    FC_ASSIGN(Stmt * s,
              m_store.db().cached("SELECT id FROM staff WHERE badge_code IN (?, ?) AND active = 1 AND "
                                  "deleted_at IS NULL ORDER BY id LIMIT 1"));
    s->bindAll(key.empty() ? std::string() : badgeHash(key, *b), *b);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

Result<bool> StaffService::checkPin(const std::string& id, std::string_view pin) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT pin_hash FROM staff WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    const std::string hash = row ? s->getText(0) : "";
    s->reset();
    if (!row) return notFound("staff member " + id + " does not exist");
    return verifyPin(hash, pin);
}

Result<std::vector<std::pair<std::string, std::string>>> StaffService::activePinHashes() {
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(
                  "SELECT id, pin_hash FROM staff WHERE active = 1 AND deleted_at IS NULL "
                  "AND pin_hash <> '' ORDER BY id"));
    std::vector<std::pair<std::string, std::string>> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.emplace_back(r.getText(0), r.getText(1));
    }));
    return out;
}

Result<int> StaffService::hashPlainBadges(const std::optional<std::string>& onlyId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id, badge_code FROM staff WHERE badge_code <> '' AND badge_code NOT LIKE "
                            "'hmac-sha256:%' AND (?1 IS NULL OR id = ?1) ORDER BY id"));
    s->bind(1, onlyId);
    std::vector<std::pair<std::string, std::string>> plain;
    FC_TRY(s->each([&](Stmt& r) { plain.emplace_back(r.getText(0), r.getText(1)); }));
    if (plain.empty()) return 0;
    FC_ASSIGN(std::string key, ensureBadgeKey(m_store.db()));
    const TableDef& t = tables::kStaff;
    return inTx(m_store.db(), [&]() -> Result<int> {
        for (const auto& [id, code] : plain) {
            auto normal = normalizeBadge(code);
            const std::string stored = normal ? badgeHash(key, *normal) : "";  // not a code: no badge
            FC_ASSIGN(bool changed, m_store.writer().update(t, id, {{t.columnIndex("badge_code"), SqlValue::text(stored)}}));
            (void)changed;
        }
        return static_cast<int>(plain.size());
    });
}

Result<std::string> StaffService::newBadgeCode() {
    // Crockford-style alphabet without look-alikes (no I, L, O, U).
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (int attempt = 0; attempt < 8; ++attempt) {
        FC_ASSIGN(std::string raw, randomToken(12));
        std::string code = "FC-";
        for (size_t i = 0; i < 8; ++i) {
            if (i == 4) code += '-';
            code += kAlphabet[static_cast<unsigned char>(raw[i]) % 32];
        }
        FC_ASSIGN(auto taken, findByBadge(code));
        if (!taken) return code;
    }
    return internal("could not find an unused badge code");
}

}  // namespace fc::core
