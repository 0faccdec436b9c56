// Index
//   [SECTION] schema and opening
//   [SECTION] audit
//   [SECTION] secrets
#include "sync/hub.hpp"

#include <sodium.h>

#include <filesystem>

#include "shared/staff/badge_key.hpp"
#include "shared/staff/staff_service.hpp"

namespace fc::sync {

using core::Stmt;

// [SECTION] schema and opening

namespace {

constexpr const char* kHubSchema = R"SQL(
CREATE TABLE IF NOT EXISTS hub_log(
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  device     TEXT NOT NULL,
  device_seq INTEGER NOT NULL,
  hlc        INTEGER NOT NULL,
  tbl        TEXT NOT NULL,
  row_id     TEXT NOT NULL,
  op         INTEGER NOT NULL,
  data       TEXT NOT NULL,
  known_seq  INTEGER NOT NULL DEFAULT 0,
  accepted_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS hub_devices(
  device_id      TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL,
  token_hash     TEXT NOT NULL UNIQUE,
  last_seq       INTEGER NOT NULL DEFAULT 0,
  pulled_through INTEGER NOT NULL DEFAULT 0,
  enrolled_at    INTEGER NOT NULL,
  revoked_at     INTEGER,
  last_seen_at   INTEGER
);
CREATE TABLE IF NOT EXISTS hub_codes(
  code_hash  TEXT PRIMARY KEY,
  role       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  used_by    TEXT
);
CREATE TABLE IF NOT EXISTS hub_refusals(
  device_id  TEXT NOT NULL,
  device_seq INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  PRIMARY KEY (device_id, device_seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hub_audit(
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  event     TEXT NOT NULL,
  detail    TEXT NOT NULL
);
-- Ids no device may hold: the hub's own (every pull shows it: a device holding it would push as
-- the hub) and the names the audit log uses for the administrator and the HTTP front. The hub
-- checks them before enrolling (Hub::checkDeviceId); this makes it hold for every path.
CREATE TRIGGER IF NOT EXISTS hub_devices_reserved_ids BEFORE INSERT ON hub_devices
WHEN NEW.device_id IN (SELECT device_id FROM local_device) OR NEW.device_id IN ('admin', '-', 'hub')
BEGIN SELECT RAISE(ABORT, 'this device id is reserved for the hub'); END;
-- The hub sequence of the change that last set each column: tells a concurrent edit (the author
-- had not pulled it) from a later one.
CREATE TABLE IF NOT EXISTS hub_col_seq(
  tbl     TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  col     TEXT NOT NULL,
  hub_seq INTEGER NOT NULL,
  device  TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) WITHOUT ROWID;
)SQL";

std::string hex(const unsigned char* p, size_t n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (size_t i = 0; i < n; ++i) {
        out[2 * i] = kHex[p[i] >> 4];
        out[2 * i + 1] = kHex[p[i] & 0xF];
    }
    return out;
}

}  // namespace

Hub::Hub(std::unique_ptr<core::StoreServices> services, const core::Clock& clock)
    : m_services(std::move(services)), m_clock(clock), m_merger(m_services->store()) {}

Result<std::unique_ptr<Hub>> Hub::open(const std::string& path, const core::Clock& clock,
                                       const std::string& storeName) {
    if (sodium_init() < 0) return core::internal("libsodium could not initialise");
    std::unique_ptr<core::StoreServices> services;
    {
        auto existing = core::StoreServices::open(path, clock);
        if (existing) {
            services = std::move(existing).value();
        } else if (existing.error().code == core::Errc::kNotFound ||
                   existing.error().code == core::Errc::kDatabase) {
            core::InitOptions opt;
            opt.storeName = storeName;
            opt.deviceName = "hub";
            opt.role = core::DeviceRole::kHub;
            opt.prefix = "H";
            auto created = core::StoreServices::init(path, clock, opt);
            if (!created) return created.error().context("create hub database");
            services = std::move(created).value();
        } else {
            return existing.error();
        }
    }
    if (services->store().device().role != core::DeviceRole::kHub)
        return core::invalid("database '" + path + "' belongs to a device (" +
                             core::deviceRoleKey(services->store().device().role) + "), not a hub");
    {
        core::WriteModeScope mode(services->db(), core::WriteMode::kMigrate);
        FC_TRY(services->db().exec(kHubSchema));
    }
    // Snapshot files a previous run was sending when it stopped.
    {
        std::error_code ec;
        const std::filesystem::path db(path);
        const std::string prefix = db.filename().string() + "-snap-";
        const auto dir = db.has_parent_path() ? db.parent_path() : std::filesystem::path(".");
        for (const auto& e : std::filesystem::directory_iterator(dir, ec))
            if (e.path().filename().string().rfind(prefix, 0) == 0) std::filesystem::remove(e.path(), ec);
    }
    // The hub never searches: its costly indexes are brought up to date only for a snapshot.
    FC_TRY(services->setIndexesLazy(true));
    // The hub acknowledges to others: an acknowledged push must survive power loss too.
    FC_TRY(services->db().exec("PRAGMA synchronous=FULL"));
    auto hub = std::unique_ptr<Hub>(new Hub(std::move(services), clock));
    // A device enrolled with a reserved id before the hub checked for them loses its token.
    {
        FC_ASSIGN(Stmt s, hub->m_services->db().prepare(
                              "UPDATE hub_devices SET revoked_at = ? WHERE revoked_at IS NULL AND "
                              "(device_id IN (SELECT device_id FROM local_device) OR device_id IN "
                              "('admin', '-', 'hub'))"));
        s.bindAll(clock.nowMs());
        FC_TRY(s.run());
        if (hub->m_services->db().changes() > 0)
            FC_TRY(hub->audit("-", "revoke", "a device held an id reserved for the hub; its token was revoked"));
    }
    // The store's badge key is the hub's; badge codes stored as text (before v8) are hashed with
    // it, as changes every device pulls.
    {
        FC_TRY(core::ensureBadgeKey(hub->m_services->db()));
        FC_ASSIGN(int hashed, hub->m_services->get<core::StaffService>().hashPlainBadges());
        if (hashed > 0)
            FC_TRY(hub->audit("-", "badges-hashed", std::to_string(hashed) + " badge codes stored as text were hashed"));
    }
    FC_ASSIGN(auto latest, hub->m_services->db().queryInt("SELECT coalesce(max(seq), 0) FROM hub_log"));
    hub->m_latestSeq = latest.value_or(0);
    // Writes made by the hub itself before the log existed (the store record) go in first.
    {
        core::Tx tx(hub->m_services->db());
        FC_TRY(tx.begin());
        FC_TRY(hub->drainOwnOutbox());
        FC_TRY(tx.commit());
    }
    return hub;
}

Status Hub::checkDeviceId(const std::string& deviceId) const {
    if (deviceId == m_services->store().device().deviceId || deviceId == "admin" || deviceId == "-" ||
        deviceId == "hub")
        return Error(core::Errc::kPermission, "this device id is reserved for the hub");
    return {};
}

// [SECTION] audit

Status Hub::audit(const std::string& deviceId, const std::string& event, const std::string& detail) {
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "INSERT INTO hub_audit(at, device_id, event, detail) VALUES (?, ?, ?, ?)"));
    s->bindAll(nowMs(), deviceId, event, detail);
    return s->run();
}

Result<std::vector<std::string>> Hub::audit(size_t limit) {
    std::lock_guard lock(m_mutex);
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "SELECT device_id, event, detail FROM (SELECT * FROM hub_audit ORDER BY id "
                            "DESC LIMIT ?) ORDER BY id"));
    s->bind(1, static_cast<int64_t>(limit));
    std::vector<std::string> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(r.getText(0) + " " + r.getText(1) + ": " + r.getText(2)); }));
    return out;
}

// [SECTION] secrets

std::string hashSecret(const std::string& secret) {
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size(), nullptr, 0);
    return hex(out, sizeof out);
}

std::string randomSecret(size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    return hex(buf.data(), buf.size());
}

}  // namespace fc::sync
