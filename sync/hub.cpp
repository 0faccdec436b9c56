// Index
//   [SECTION] schema and opening
//   [SECTION] enrolment and tokens
//   [SECTION] push
//   [SECTION] domain rules
//   [SECTION] pull
#include "sync/hub.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "shared/core/text.hpp"
#include "shared/db/migrations.hpp"
#include "sync/permissions.hpp"

namespace fc::sync {

using core::SqlValue;
using core::Stmt;
using nlohmann::json;

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
            opt.role = "hub";
            opt.prefix = "H";
            auto created = core::StoreServices::init(path, clock, opt);
            if (!created) return created.error().context("create hub database");
            services = std::move(created).value();
        } else {
            return existing.error();
        }
    }
    if (services->store().device().role != "hub")
        return core::invalid("database '" + path + "' belongs to a device (" +
                             services->store().device().role + "), not a hub");
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
    // The hub never searches: its search index is brought up to date only for a snapshot.
    FC_TRY(services->searchIndex.setLazy(true));
    // The hub acknowledges to others: an acknowledged push must survive power loss too.
    FC_TRY(services->db().exec("PRAGMA synchronous=FULL"));
    auto hub = std::unique_ptr<Hub>(new Hub(std::move(services), clock));
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
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        out.push_back(s->getText(0) + " " + s->getText(1) + ": " + s->getText(2));
    }
    s->reset();
    return out;
}

// [SECTION] enrolment and tokens

Result<std::string> Hub::makeEnrolCode(const std::string& role, int64_t ttlMs) {
    if (!isDeviceRole(role)) return core::invalid("unknown role '" + role + "' (office, kiosk, workshop, warehouse)");
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
                             const std::string& name) {
    std::lock_guard lock(m_mutex);
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
    const std::string role = s->getText(0);
    const int64_t expires = s->getInt(1);
    const bool used = !s->isNull(2);
    s->reset();
    if (used) return Error(core::Errc::kPermission, "enrolment code was already used");
    if (expires < nowMs()) return Error(core::Errc::kPermission, "enrolment code has expired");
    bool idOk = !deviceId.empty() && deviceId.size() <= 64;
    for (char ch : deviceId)
        idOk &= (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-';
    if (!idOk) return core::invalid("device id is not a device id");
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
    std::string cleanName = core::cleanText(name.empty() ? role : name);
    while (core::utf8Length(cleanName) > 40) {
        auto cps = core::decodeUtf8(cleanName);
        cps.resize(40);
        cleanName = core::encodeUtf8(cps);
    }
    Enrolment e{deviceId, storeId(), role, randomSecret(32)};
    FC_ASSIGN(Stmt * u, db.cached("UPDATE hub_codes SET used_at = ?, used_by = ? WHERE code_hash = ?"));
    u->bindAll(nowMs(), deviceId, hashSecret(code));
    FC_TRY(u->run());
    // Re-enrolling a known device keeps its sequence: its outbox continues where it was.
    FC_ASSIGN(Stmt * d, db.cached(
                            "INSERT INTO hub_devices(device_id, name, role, token_hash, enrolled_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET name = "
                            "excluded.name, role = excluded.role, token_hash = excluded.token_hash, "
                            "revoked_at = NULL"));
    d->bindAll(deviceId, cleanName, role, hashSecret(e.token), nowMs());
    FC_TRY(d->run());
    FC_TRY(audit(deviceId, "enrol", "device '" + cleanName + "' enrolled as " + role));
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
    HubDevice d{s->getText(0), s->getText(1), s->getText(2), s->getInt(3), !s->isNull(4)};
    s->reset();
    if (d.revoked) return Error(core::Errc::kPermission, "token was revoked");
    return d;
}

// [SECTION] push

Result<int64_t> Hub::appendLog(const Change& c, const std::string* dataText) {
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "INSERT INTO hub_log(device, device_seq, hlc, tbl, row_id, op, data, "
                            "known_seq, accepted_at) VALUES (?,?,?,?,?,?,?,?,?)"));
    s->bindAll(c.device, c.seq, static_cast<int64_t>(c.hlc.value), c.table->name, c.id,
               static_cast<int>(c.op), dataText ? *dataText : c.data.dump(), c.knownSeq, nowMs());
    FC_TRY(s->run());
    return m_services->db().lastInsertRowid();
}

Status Hub::drainOwnOutbox() {
    core::Db& db = m_services->db();
    FC_ASSIGN(auto acked, db.queryInt("SELECT acked_seq FROM local_state WHERE id = 1"));
    FC_ASSIGN(std::vector<Change> own,
              readOutbox(db, acked.value_or(0), SIZE_MAX, m_services->store().device().deviceId));
    for (const auto& c : own) {
        FC_ASSIGN(int64_t seq, appendLog(c));
        m_latestSeq = seq;
    }
    if (!own.empty()) {
        FC_ASSIGN(Stmt * a, db.cached("UPDATE local_state SET acked_seq = ? WHERE id = 1"));
        a->bind(1, own.back().seq);
        FC_TRY(a->run());
        FC_TRY(db.exec("DELETE FROM outbox WHERE seq < (SELECT max(seq) FROM outbox)"));
    }
    return {};
}

Result<PushResponse> Hub::push(const HubDevice& device, const PushRequest& request, PushError* error) {
    auto fail = [&](PushError::Kind kind, int64_t resume, std::string message) -> Result<PushResponse> {
        if (error) *error = PushError{kind, resume, message};
        return Error(core::Errc::kConflict, message);
    };
    const int schema = core::currentSchemaVersion();
    if (request.schema < schema)
        return fail(PushError::Kind::kUpgradeDevice, 0,
                    "device schema v" + std::to_string(request.schema) + " is older than the hub's v" +
                        std::to_string(schema) + ": upgrade Forecourt on this device; its changes are kept");
    if (request.schema > schema)
        return fail(PushError::Kind::kUpgradeHub, 0,
                    "device schema v" + std::to_string(request.schema) + " is newer than the hub's v" +
                        std::to_string(schema) + ": upgrade the hub");
    if (request.deviceId != device.id)
        return fail(PushError::Kind::kWrongDevice, 0, "the token belongs to another device");

    // What can be done without the writer lock is done before it: ten devices pushing at once
    // queue on that lock, so the work inside it is what bounds the hub's throughput.
    const std::vector<Change>* changes = &request.changes;
    std::vector<Change> stamped;  // only when a caller left the changes' device unset
    if (std::any_of(changes->begin(), changes->end(), [&](const Change& c) { return c.device != device.id; })) {
        stamped = request.changes;
        for (Change& c : stamped) c.device = device.id;
        changes = &stamped;
    }
    std::vector<std::string> dataTexts;
    dataTexts.reserve(changes->size());
    for (const Change& c : *changes) dataTexts.push_back(c.data.dump());

    std::unique_lock lock(m_mutex);
    core::Db& db = m_services->db();
    core::Tx tx(db);
    FC_TRY(tx.begin());
    // The search index is brought up to date once for the batch, set-based, before the commit.
    core::DeferredScope bulk(m_services->store().writer());
    FC_ASSIGN(Stmt * ls, db.cached("SELECT last_seq FROM hub_devices WHERE device_id = ?"));
    ls->bind(1, device.id);
    FC_ASSIGN(bool known, ls->step());
    int64_t lastSeq = known ? ls->getInt(0) : 0;
    ls->reset();
    const int64_t before = lastSeq;
    int64_t firstSeq = request.changes.empty() ? 0 : request.changes.front().seq;
    for (size_t i = 0; i < changes->size(); ++i) {
        const Change& c = (*changes)[i];
        if (c.seq <= lastSeq) continue;  // already handled: a repeated push is a no-op
        if (c.seq != lastSeq + 1)
            return fail(PushError::Kind::kGap, lastSeq + 1,
                        "device sequence " + std::to_string(c.seq) + " leaves a gap: resume from " +
                            std::to_string(lastSeq + 1));
        std::string why = checkWrite(device.role, c);
        if (why.empty() && (c.op == ChangeOp::kInsert || c.op == ChangeOp::kFact) &&
            c.data[0].get<std::string>() != storeId())
            why = "the row belongs to another store";
        if (why.empty() && c.op == ChangeOp::kInsert) {
            // Ids are made once on a device; an insert of an existing row would edit it around
            // the column permissions.
            FC_ASSIGN(Stmt * e, db.cached("SELECT count(*) FROM " + c.table->name + " WHERE id = ?"));
            e->bind(1, c.id);
            FC_ASSIGN(bool row, e->step());
            const bool exists = row && e->getInt(0) > 0;
            e->reset();
            if (exists) why = "a " + c.table->name + " row with this id already exists";
        }
        if (why.empty()) {
            (void)m_services->store().hlc().observe(c.hlc);  // a far-ahead clock is not adopted
            // Each change in its own savepoint: one the database refuses (a NOT NULL or CHECK
            // rule) is refused alone, with nothing of it left behind.
            core::Tx one(db);
            FC_TRY(one.begin());
            auto outcome = m_merger.apply(c);
            if (!outcome) {
                why = "the hub's database refused it: " + outcome.error().message;
            } else if (outcome->result == ApplyResult::kParked) {
                why = "changes a row the hub does not have";
            } else if (outcome->result == ApplyResult::kMissingParent) {
                why = outcome->reason;
            } else {
                auto hubSeq = appendLog(c, &dataTexts[i]);
                if (!hubSeq) return hubSeq.error();
                m_latestSeq = *hubSeq;
                auto rules = runRules(c, *outcome, *hubSeq);
                if (!rules) return rules.error();
            }
            if (why.empty()) FC_TRY(one.commit());
            else one.rollback();
        }
        if (!why.empty()) {
            FC_ASSIGN(Stmt * r, db.cached(
                                    "INSERT OR REPLACE INTO hub_refusals(device_id, device_seq, reason) VALUES (?,?,?)"));
            r->bindAll(device.id, c.seq, why);
            FC_TRY(r->run());
            FC_TRY(audit(device.id, "refused", opName(c.op) + std::string(" ") + c.table->name + " " +
                                                   c.id + " (seq " + std::to_string(c.seq) + "): " + why));
        }
        lastSeq = c.seq;
    }
    if (lastSeq != before) {
        FC_ASSIGN(Stmt * u, db.cached("UPDATE hub_devices SET last_seq = ?, last_seen_at = ? WHERE device_id = ?"));
        u->bindAll(lastSeq, nowMs(), device.id);
        FC_TRY(u->run());
    }
    FC_TRY(bulk.finish());
    FC_TRY(drainOwnOutbox());
    FC_TRY(tx.commit());

    PushResponse resp;
    resp.acceptedThrough = lastSeq;
    // The same answer for a repeated push: every refusal within the request's range.
    if (!request.changes.empty()) {
        FC_ASSIGN(Stmt * q, db.cached(
                                "SELECT device_seq, reason FROM hub_refusals WHERE device_id = ? AND "
                                "device_seq BETWEEN ? AND ? ORDER BY device_seq"));
        q->bindAll(device.id, firstSeq, request.changes.back().seq);
        while (true) {
            FC_ASSIGN(bool row, q->step());
            if (!row) break;
            resp.refused.push_back({q->getInt(0), q->getText(1)});
        }
        q->reset();
    }
    resp.hubSeq = m_latestSeq;
    resp.hubTime = nowMs();
    lock.unlock();
    m_changed.notify_all();
    return resp;
}

// [SECTION] domain rules

Status Hub::runRules(const Change& c, const ApplyOutcome& outcome, int64_t hubSeq) {
    if (!c.table->isMaster()) return {};
    FC_TRY(ruleConcurrentEdit(c, outcome));
    FC_TRY(recordColumnSeqs(c, outcome, hubSeq));
    if (c.table == &core::tables::kCustomers) FC_TRY(ruleDuplicatePhone(c, outcome));
    return {};
}

Status Hub::recordColumnSeqs(const Change& c, const ApplyOutcome& outcome, int64_t hubSeq) {
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "INSERT INTO hub_col_seq(tbl, row_id, col, hub_seq, device) VALUES (?,?,?,?,?) "
                            "ON CONFLICT(tbl, row_id, col) DO UPDATE SET hub_seq = excluded.hub_seq, "
                            "device = excluded.device"));
    for (const auto& co : outcome.columns) {
        if (!co.won) continue;
        const auto& col = c.table->columns[static_cast<size_t>(co.column)];
        if (!col.sensitive) continue;  // only sensitive columns are checked for concurrency
        s->bindAll(c.table->name, c.id, col.name, hubSeq, c.device);
        FC_TRY(s->run());
    }
    return {};
}

Status Hub::ruleConcurrentEdit(const Change& c, const ApplyOutcome& outcome) {
    if (!outcome.rowExisted) return {};
    for (const auto& co : outcome.columns) {
        const auto& col = c.table->columns[static_cast<size_t>(co.column)];
        if (!col.sensitive || co.previous == co.incoming) continue;
        FC_ASSIGN(Stmt * s, m_services->db().cached(
                                "SELECT hub_seq, device FROM hub_col_seq WHERE tbl = ? AND row_id = ? AND col = ?"));
        s->bindAll(c.table->name, c.id, col.name);
        FC_ASSIGN(bool found, s->step());
        const int64_t priorSeq = found ? s->getInt(0) : 0;
        const std::string priorDevice = found ? s->getText(1) : co.previousVersion.device;
        s->reset();
        // Concurrent: another device set the value and this author had not pulled it yet.
        const bool concurrent = priorDevice != c.device && (found ? priorSeq > c.knownSeq : false);
        if (!concurrent) continue;
        const bool incomingWon = co.won;
        json detail = {{"kept", sqlToJson(incomingWon ? co.incoming : co.previous)},
                       {"other", sqlToJson(incomingWon ? co.previous : co.incoming)},
                       {"kept_device", incomingWon ? c.device : priorDevice},
                       {"other_device", incomingWon ? priorDevice : c.device},
                       {"kept_hlc", incomingWon ? c.hlc.value : co.previousVersion.hlc.value},
                       {"other_hlc", incomingWon ? co.previousVersion.hlc.value : c.hlc.value}};
        FC_TRY(addConflict("concurrent-edit", c.table->name, c.id, col.name, detail,
                           "Two devices changed " + col.name +
                               " at the same time; the later change is in place. Check which "
                               "value is right and correct it if needed."));
    }
    return {};
}

Status Hub::ruleDuplicatePhone(const Change& c, const ApplyOutcome& outcome) {
    if (outcome.result != ApplyResult::kApplied) return {};
    const int phonesCol = core::tables::kCustomers.columnIndex("phones");
    bool touched = false;
    for (const auto& co : outcome.columns) touched |= co.column == phonesCol && co.won;
    if (!touched) return {};
    core::Db& db = m_services->db();
    FC_ASSIGN(Stmt * s, db.cached("SELECT phones FROM customers WHERE id = ? AND deleted_at IS NULL"));
    s->bind(1, c.id);
    FC_ASSIGN(bool live, s->step());
    const std::vector<std::string> phones = live ? core::splitPhones(s->getTextView(0)) : std::vector<std::string>{};
    s->reset();
    for (const auto& phone : phones) {
        FC_ASSIGN(Stmt * o, db.cached(
                                "SELECT customer_id FROM customer_phone_idx WHERE phone = ? AND customer_id <> ?"));
        o->bindAll(phone, c.id);
        std::vector<std::string> others;
        while (true) {
            FC_ASSIGN(bool row, o->step());
            if (!row) break;
            others.push_back(o->getText(0));
        }
        o->reset();
        for (const auto& other : others) {
            FC_ASSIGN(Stmt * e, db.cached(
                                    "SELECT count(*) FROM conflicts WHERE rule = 'duplicate-phone' AND "
                                    "status = 'open' AND ((row_id = ?1 AND col = ?2) OR (row_id = ?2 AND col = ?1))"));
            e->bindAll(c.id, other);
            FC_ASSIGN(bool row, e->step());
            const bool exists = row && e->getInt(0) > 0;
            e->reset();
            if (exists) continue;
            FC_TRY(addConflict("duplicate-phone", "customers", c.id, other,
                               json{{"phone", phone}, {"customer", c.id}, {"other_customer", other},
                                    {"device", c.device}},
                               "Two customers have the same phone. If they are the same person, "
                               "merge them; otherwise correct the number."));
        }
    }
    return {};
}

Status Hub::addConflict(const std::string& rule, const std::string& table, const std::string& rowId,
                        const std::string& column, const json& detail, const std::string& suggestion) {
    core::Store& store = m_services->store();
    core::Row row = {SqlValue::text(store.storeId()), SqlValue::text(rule), SqlValue::text(table),
                     SqlValue::text(rowId),          SqlValue::text(column), SqlValue::text(detail.dump()),
                     SqlValue::text(suggestion),     SqlValue::text("open"), SqlValue::text(""),
                     SqlValue::null(),               SqlValue::integer(store.nowMs()), SqlValue::null()};
    return store.writer().insert(core::tables::kConflicts, store.ids().next(), row);
}

// [SECTION] pull

Result<PullResponse> Hub::pull(const HubDevice& device, int64_t after, size_t limit) {
    if (after < 0) return core::invalid("cursor must not be negative");
    limit = std::clamp<size_t>(limit, 1, kMaxBatch);
    std::lock_guard lock(m_mutex);
    core::Db& db = m_services->db();
    FC_ASSIGN(Stmt * s, db.cached(
                            "SELECT seq, device, device_seq, hlc, tbl, row_id, op, data, known_seq FROM "
                            "hub_log WHERE seq > ? ORDER BY seq LIMIT ?"));
    s->bindAll(after, static_cast<int64_t>(limit + 1));
    PullResponse resp;
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        if (resp.changes.size() == limit) {
            resp.more = true;
            break;
        }
        Change c;
        c.hubSeq = s->getInt(0);
        c.device = s->getText(1);
        c.seq = s->getInt(2);
        c.hlc = core::Hlc{static_cast<uint64_t>(s->getInt(3))};
        c.table = core::findSyncedTable(s->getTextView(4));
        c.id = s->getText(5);
        c.op = static_cast<ChangeOp>(s->getInt(6));
        c.data = json::parse(s->getTextView(7));
        c.knownSeq = s->getInt(8);
        resp.changes.push_back(std::move(c));
    }
    s->reset();
    resp.next = resp.changes.empty() ? after : resp.changes.back().hubSeq;
    resp.hubTime = nowMs();
    FC_ASSIGN(Stmt * u, db.cached(
                            "UPDATE hub_devices SET pulled_through = max(pulled_through, ?), last_seen_at = ? "
                            "WHERE device_id = ?"));
    u->bindAll(after, nowMs(), device.id);
    FC_TRY(u->run());
    return resp;
}

Result<SnapshotFile> Hub::snapshot(const HubDevice& device) {
    SnapshotFile out;
    out.path = m_services->db().path() + "-snap-" + randomSecret(8) + ".db";
    core::Db::Options opt;
    opt.wal = false;  // a scratch file: no journal, no fsync; the caller removes it
    auto built = [&]() -> Status {
        FC_ASSIGN(core::Db snap, core::Db::open(out.path, opt));
        FC_TRY(snap.exec("PRAGMA page_size=65536"));
        FC_ASSIGN(Stmt attach, snap.prepare("ATTACH DATABASE ? AS hub"));
        attach.bind(1, m_services->db().path());
        FC_TRY(attach.run());
        // One read transaction: the rows and the cursor agree; pushes go on meanwhile (WAL). It
        // starts under the writer lock, right after the search index has caught up, so the
        // index in the file covers every row in it.
        {
            std::lock_guard lock(m_mutex);
            FC_TRY(m_services->searchIndex.catchUp());
            FC_TRY(snap.exec("BEGIN"));
            FC_ASSIGN(auto cursor, snap.queryInt("SELECT coalesce(max(seq), 0) FROM hub.hub_log"));
            out.cursor = cursor.value_or(0);
        }
        std::string tableList;
        for (const core::TableDef* t : core::syncedTables()) {
            FC_TRY(snap.exec("CREATE TABLE main." + t->name + " AS SELECT " + snapshotColumns(*t) +
                             " FROM hub." + t->name));
            FC_ASSIGN(auto n, snap.queryInt("SELECT count(*) FROM main." + t->name));
            out.rows += n.value_or(0);
            tableList += (tableList.empty() ? "'" : ",'") + t->name + "'";
        }
        FC_TRY(snap.exec("CREATE TABLE main.col_versions AS SELECT tbl, row_id, col, hlc, dev "
                         "FROM hub.col_versions WHERE tbl IN (" + tableList + ")"));
        // The derived indexes too, made from these same rows: a device copies them instead of
        // rebuilding (tokenizing every customer for the search index is most of the work).
        for (const core::IndexTable& t : core::StoreServices::indexTables())
            FC_TRY(snap.exec(std::string("CREATE TABLE main.") + t.name + " AS SELECT " + t.columns +
                             " FROM hub." + t.name));
        FC_TRY(snap.exec("CREATE TABLE main.snap_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID"));
        FC_ASSIGN(Stmt meta, snap.prepare("INSERT INTO main.snap_meta(key, value) VALUES (?, ?)"));
        auto put = [&](const char* key, auto value) -> Status {
            meta.bindAll(key, value);
            return meta.run();
        };
        FC_TRY(put("format", int64_t{kSnapshotFormat}));
        FC_TRY(put("cursor", out.cursor));
        FC_TRY(put("schema", int64_t{core::currentSchemaVersion()}));
        FC_TRY(put("store", storeId()));
        FC_TRY(put("rows", out.rows));
        FC_TRY(put("hub_time", nowMs()));
        FC_TRY(snap.exec("COMMIT"));
        FC_TRY(snap.exec("DETACH DATABASE hub"));
        return {};
    }();
    std::error_code ec;
    if (!built) {
        std::filesystem::remove(out.path, ec);
        return built.error().context("snapshot");
    }
    out.bytes = std::filesystem::file_size(out.path, ec);
    std::lock_guard lock(m_mutex);
    FC_TRY(audit(device.id, "snapshot",
                 std::to_string(out.rows) + " rows at cursor " + std::to_string(out.cursor)));
    return out;
}

bool Hub::waitForChanges(int64_t after, int64_t timeoutMs) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                              [&] { return m_latestSeq > after || m_stopping; }) &&
           m_latestSeq > after;
}

void Hub::releaseWaiters() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
}

int64_t Hub::latestSeq() const {
    std::lock_guard lock(m_mutex);
    return m_latestSeq;
}

}  // namespace fc::sync
