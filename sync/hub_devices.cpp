// The hub's side of enrolment: one-time codes (stored hashed) traded for a device token (stored
// hashed), revocation, and finding the device a token belongs to.
#include <sodium.h>

#include <algorithm>

#include "shared/core/text.hpp"
#include "shared/staff/badge_key.hpp"
#include "sync/hub.hpp"

namespace fc::sync {

using core::Stmt;

Result<std::string> Hub::makeEnrolCode(core::DeviceRole roleValue, int64_t ttlMs) {
    const auto& enrollable = core::enrollableDeviceRoles();
    if (std::find(enrollable.begin(), enrollable.end(), roleValue) == enrollable.end())
        return core::invalid(std::string("devices cannot enrol as ") + core::deviceRoleKey(roleValue) + " (" +
                             core::enrollableDeviceRolesText() + ")");
    const std::string role = core::deviceRoleKey(roleValue);
    std::lock_guard lock(m_mutex);
    // 12 digits in groups of four: easy to type on a tablet.
    std::string code;
    for (int i = 0; i < 12; ++i) code += static_cast<char>('0' + randombytes_uniform(10));
    code = code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8, 4);
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "INSERT INTO hub_codes(code_hash, role, created_at, expires_at) VALUES (?, ?, ?, ?)"));
    s->bindAll(hashSecret(code), role, nowMs(), nowMs() + ttlMs);
    FC_TRY(s->run());
    FC_TRY(audit("admin", "code", "one-time code for a " + role + " device"));
    return code;
}

Result<Enrolment> Hub::enrol(const std::string& code, const std::string& deviceId,
                             const std::string& name, const std::string& from) {
    std::lock_guard lock(m_mutex);
    auto e = enrolLocked(code, deviceId, name);
    if (e) return e;
    // The refused transaction is rolled back; the refusal is written on its own. The claimed id
    // is quoted only when it looks like a device id (it is the caller's text).
    bool idOk = !deviceId.empty() && deviceId.size() <= 64;
    for (char ch : deviceId)
        idOk &= (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-';
    std::string detail = e.error().message + " (device " + (idOk ? "'" + deviceId + "'" : "id not valid");
    if (!from.empty()) detail += ", from " + from;
    detail += ")";
    if (auto a = audit("-", "enrol-refused", detail); !a) return a.error().context("audit an enrolment refusal");
    return e;
}

Status Hub::auditEvent(const std::string& event, const std::string& detail) {
    std::lock_guard lock(m_mutex);
    return audit("-", event, detail);
}

Result<Enrolment> Hub::enrolLocked(const std::string& code, const std::string& deviceId,
                                   const std::string& name) {
    core::Db& db = m_services->db();
    core::Tx tx(db);
    FC_TRY(tx.begin());
    FC_ASSIGN(Stmt * s, db.cached("SELECT role, expires_at, used_at FROM hub_codes WHERE code_hash = ?"));
    s->bind(1, hashSecret(code));
    FC_ASSIGN(bool found, s->step());
    if (!found) {
        s->reset();
        return Error(core::Errc::kPermission, "enrolment code is not valid");
    }
    const auto role = core::parseDeviceRole(s->getTextView(0));
    const int64_t expires = s->getInt(1);
    const bool used = !s->isNull(2);
    s->reset();
    if (used) return Error(core::Errc::kPermission, "enrolment code was already used");
    if (expires < nowMs()) return Error(core::Errc::kPermission, "enrolment code has expired");
    if (!role) return core::internal("enrolment code of an unknown role");
    bool idOk = !deviceId.empty() && deviceId.size() <= 64;
    for (char ch : deviceId)
        idOk &= (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-';
    if (!idOk) return core::invalid("device id is not a device id");
    FC_TRY(checkDeviceId(deviceId));  // the hub's own id and names like "admin" are reserved
    {
        FC_ASSIGN(Stmt * a, db.cached("SELECT count(*) FROM hub_devices WHERE device_id = ? AND revoked_at IS NULL"));
        a->bind(1, deviceId);
        FC_ASSIGN(bool row, a->step());
        const bool active = row && a->getInt(0) > 0;
        a->reset();
        if (active)
            return Error(core::Errc::kPermission,
                         "this device is already enrolled; revoke it first (forecourtctl hub-revoke)");
    }
    std::string cleanName = core::cleanText(name.empty() ? core::deviceRoleKey(*role) : name);
    while (core::utf8Length(cleanName) > 40) {
        auto cps = core::decodeUtf8(cleanName);
        cps.resize(40);
        cleanName = core::encodeUtf8(cps);
    }
    Enrolment e{deviceId, storeId(), *role, randomSecret(32), {}};
    FC_ASSIGN(e.badgeKey, core::ensureBadgeKey(db));
    FC_ASSIGN(Stmt * u, db.cached("UPDATE hub_codes SET used_at = ?, used_by = ? WHERE code_hash = ?"));
    u->bindAll(nowMs(), deviceId, hashSecret(code));
    FC_TRY(u->run());
    // Re-enrolling a known device keeps its sequence: its outbox continues where it was.
    FC_ASSIGN(Stmt * d, db.cached(
                            "INSERT INTO hub_devices(device_id, name, role, token_hash, enrolled_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET name = "
                            "excluded.name, role = excluded.role, token_hash = excluded.token_hash, "
                            "revoked_at = NULL"));
    d->bindAll(deviceId, cleanName, core::deviceRoleKey(*role), hashSecret(e.token), nowMs());
    FC_TRY(d->run());
    FC_TRY(audit(deviceId, "enrol", "device '" + cleanName + "' enrolled as " + core::deviceRoleKey(*role)));
    FC_TRY(tx.commit());
    return e;
}

Status Hub::revoke(const std::string& deviceId) {
    std::lock_guard lock(m_mutex);
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "UPDATE hub_devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL"));
    s->bindAll(nowMs(), deviceId);
    FC_TRY(s->run());
    if (m_services->db().changes() == 0) return core::notFound("no active device " + deviceId);
    return audit(deviceId, "revoke", "token revoked");
}

Result<HubDevice> Hub::authenticate(const std::string& token) {
    std::lock_guard lock(m_mutex);
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "SELECT device_id, name, role, last_seq, revoked_at FROM hub_devices "
                            "WHERE token_hash = ?"));
    s->bind(1, hashSecret(token));
    FC_ASSIGN(bool found, s->step());
    if (!found) {
        s->reset();
        return Error(core::Errc::kPermission, "unknown token");
    }
    const auto role = core::parseDeviceRole(s->getTextView(2));
    HubDevice d{s->getText(0), s->getText(1), role.value_or(core::DeviceRole::kPending), s->getInt(3),
                !s->isNull(4)};
    s->reset();
    if (d.revoked) return Error(core::Errc::kPermission, "token was revoked");
    return d;
}

}  // namespace fc::sync
