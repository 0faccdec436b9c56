// The hub's log: pushes checked, merged and appended with a per-store sequence; pulls served by
// cursor; long-polls woken when the log grows.
//
// Index
//   [SECTION] the log
//   [SECTION] push
//   [SECTION] pull and waiting
#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstring>

#include "sync/hub.hpp"
#include "sync/permissions.hpp"
#include "shared/staff/badge_key.hpp"
#include "shared/staff/session.hpp"

namespace fc::sync {

using core::Stmt;
using nlohmann::json;

// [SECTION] the log

Result<int64_t> Hub::appendLog(const Change& c, const std::string* dataText) {
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "INSERT INTO hub_log(device, device_seq, hlc, tbl, row_id, op, data, "
                            "known_seq, accepted_at) VALUES (?,?,?,?,?,?,?,?,?)"));
    s->bindAll(c.device, c.seq, static_cast<int64_t>(c.hlc.value), c.table->name, c.id,
               static_cast<int>(c.op), dataText ? *dataText : c.data.dump(), c.knownSeq, nowMs());
    FC_TRY(s->run());
    return m_services->db().lastInsertRowid();
}

// The hub's own writes (its store record, conflicts) go into the log as they are made.
Status Hub::drainOwnOutbox() {
    core::SyncState& sync = m_services->store().syncState();
    FC_ASSIGN(int64_t acked, sync.ackedSeq());
    FC_ASSIGN(std::vector<Change> own,
              pendingChanges(sync, acked, SIZE_MAX, m_services->store().device().deviceId));
    for (const auto& c : own) {
        FC_ASSIGN(int64_t seq, appendLog(c));
        m_latestSeq = seq;
    }
    if (!own.empty()) FC_TRY(sync.acknowledge(own.back().seq));
    return {};
}

// [SECTION] push

namespace {

std::string describeAhead(int64_t ms) {
    const int64_t s = ms / 1000;
    if (s < 3 * 3600) return std::to_string(s / 60) + " min";
    if (s < 3 * 86400) return std::to_string(s / 3600) + " h";
    return std::to_string(s / 86400) + " days";
}

// Why the hub's database refused a change, for the device and the audit log: the rule and the
// column, never the SQL or SQLite's own text.
std::string databaseRefusal(const core::TableDef& table, const Error& e) {
    const std::string& m = e.message;
    for (const auto& [marker, what] : {std::pair<const char*, const char*>{"NOT NULL constraint failed: ", " is required (NOT NULL)"},
                                       {"CHECK constraint failed: ", " has a value the store does not allow (CHECK)"},
                                       {"UNIQUE constraint failed: ", " must be unique (UNIQUE)"}}) {
        const size_t at = m.find(marker);
        if (at == std::string::npos) continue;
        // "customers.name" (NOT NULL, UNIQUE) or the constraint's expression (CHECK): name only a
        // column the table declares.
        const std::string rest = m.substr(at + std::strlen(marker));
        auto names = [&](const std::string& col) {
            const std::string qualified = table.name + "." + col;
            if (rest == qualified) return true;
            if (rest.rfind(col, 0) != 0) return false;
            const char next = rest.size() > col.size() ? rest[col.size()] : ' ';
            return !(std::isalnum(static_cast<unsigned char>(next)) || next == '_');
        };
        for (const auto& col : table.columns)
            if (names(col.name))
                return "the hub's database refused it: " + table.name + "." + col.name + what;
        return "the hub's database refused it: a value of " + table.name + what;
    }
    return "the hub's database refused it";
}

}  // namespace

std::optional<PushError> Hub::checkPush(const HubDevice& device, const PushRequest& request) const {
    const int schema = wireSchema().version();
    if (request.schema < schema)
        return PushError{PushError::Kind::kUpgradeDevice, 0,
                         "device schema v" + std::to_string(request.schema) + " is older than the hub's v" +
                             std::to_string(schema) + ": upgrade Forecourt on this device; its changes are kept"};
    if (request.schema > schema)
        return PushError{PushError::Kind::kUpgradeHub, 0,
                         "device schema v" + std::to_string(request.schema) + " is newer than the hub's v" +
                             std::to_string(schema) + ": upgrade the hub"};
    if (request.deviceId != device.id)
        return PushError{PushError::Kind::kWrongDevice, 0, "the token belongs to another device"};
    if (!checkDeviceId(device.id))
        return PushError{PushError::Kind::kWrongDevice, 0, "this device id is reserved for the hub"};
    return std::nullopt;
}

Result<std::string> Hub::accept(const HubDevice& device, const Change& c, const std::string& dataText) {
    core::Db& db = m_services->db();
    std::string why = checkWrite(device.role, c);
    if (why.empty() && (c.op == ChangeOp::kInsert || c.op == ChangeOp::kFact) &&
        c.data[0].get<std::string>() != storeId())
        why = "the row belongs to another store";
    if (why.empty() && c.op == ChangeOp::kInsert) {
        // Ids are made once on a device; an insert of an existing row would edit it around the
        // column permissions.
        FC_ASSIGN(Stmt * e, db.cached("SELECT count(*) FROM " + c.table->name + " WHERE id = ?"));
        e->bind(1, c.id);
        FC_ASSIGN(bool row, e->step());
        const bool exists = row && e->getInt(0) > 0;
        e->reset();
        if (exists) why = "a " + c.table->name + " row with this id already exists";
    }
    if (why.empty()) {
        // A stamp far ahead of the hub's clock would win every later edit of what it touches,
        // for ever (kMaxStampAheadMs: a device a day off is still taken).
        const int64_t ahead = static_cast<int64_t>(c.hlc.ms()) - m_services->store().hlc().physicalMs();
        if (ahead > kMaxStampAheadMs)
            why = "stamped " + describeAhead(ahead) +
                  " ahead of the hub's clock (HLC " + c.hlc.toString() + "): check the device's clock";
    }
    // The values themselves, by the same rules the device's own write path applies.
    if (why.empty()) {
        FC_ASSIGN(why, checkValues(c, device.id, db));
    }
    if (!why.empty()) return why;
    (void)m_services->store().hlc().observe(c.hlc);
    // Each change in its own savepoint: one the database refuses (a NOT NULL or CHECK rule) is
    // refused alone, with nothing of it left behind.
    core::Tx one(db);
    FC_TRY(one.begin());
    auto outcome = m_merger.apply(c);
    if (!outcome) return databaseRefusal(*c.table, outcome.error());
    if (outcome->result == ApplyResult::kParked) return std::string("changes a row the hub does not have");
    if (outcome->result == ApplyResult::kMissingParent) return outcome->reason;
    FC_ASSIGN(int64_t hubSeq, appendLog(c, &dataText));
    m_latestSeq = hubSeq;
    FC_TRY(runRules(c, *outcome, hubSeq));
    FC_TRY(one.commit());
    return std::string();
}

Status Hub::recordRefusal(const HubDevice& device, const Change& c, const std::string& why) {
    FC_ASSIGN(Stmt * r, m_services->db().cached(
                            "INSERT OR REPLACE INTO hub_refusals(device_id, device_seq, reason) VALUES (?,?,?)"));
    r->bindAll(device.id, c.seq, why);
    FC_TRY(r->run());
    return audit(device.id, "refused",
                 opName(c.op) + std::string(" ") + c.table->name + " " + c.id + " (seq " + std::to_string(c.seq) +
                     "): " + why);
}

Result<std::vector<Refusal>> Hub::refusalsBetween(const std::string& deviceId, int64_t from, int64_t to) {
    FC_ASSIGN(Stmt * q, m_services->db().cached(
                            "SELECT device_seq, reason FROM hub_refusals WHERE device_id = ? AND "
                            "device_seq BETWEEN ? AND ? ORDER BY device_seq"));
    q->bindAll(deviceId, from, to);
    std::vector<Refusal> out;
    FC_TRY(q->each([&](Stmt& r) { out.push_back({r.getInt(0), r.getText(1)}); }));
    return out;
}

Result<PushResponse> Hub::push(const HubDevice& device, const PushRequest& request, PushError* error) {
    auto fail = [&](PushError e) -> Result<PushResponse> {
        std::string message = e.message;
        if (error) *error = std::move(e);
        return Error(core::Errc::kConflict, message);
    };
    if (auto refused = checkPush(device, request)) return fail(std::move(*refused));

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
    for (size_t i = 0; i < changes->size(); ++i) {
        const Change& c = (*changes)[i];
        if (c.seq <= lastSeq) continue;  // already handled: a repeated push is a no-op
        if (c.seq != lastSeq + 1)
            return fail({PushError::Kind::kGap, lastSeq + 1,
                         "device sequence " + std::to_string(c.seq) + " leaves a gap: resume from " +
                             std::to_string(lastSeq + 1)});
        FC_ASSIGN(std::string why, accept(device, c, dataTexts[i]));
        if (!why.empty()) FC_TRY(recordRefusal(device, c, why));
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
        FC_ASSIGN(resp.refused, refusalsBetween(device.id, request.changes.front().seq, request.changes.back().seq));
    }
    resp.hubSeq = m_latestSeq;
    resp.hubTime = nowMs();
    lock.unlock();
    m_changed.notify_all();
    return resp;
}

// [SECTION] pull and waiting

Result<PullResponse> Hub::pull(const HubDevice& device, int64_t after, size_t limit, bool withBadgeKey) {
    if (after < 0) return core::invalid("cursor must not be negative");
    limit = std::clamp<size_t>(limit, 1, kMaxBatch);
    std::lock_guard lock(m_mutex);
    core::Db& db = m_services->db();
    FC_ASSIGN(Stmt * s, db.cached(
                            "SELECT seq, device, device_seq, hlc, tbl, row_id, op, data, known_seq FROM "
                            "hub_log WHERE seq > ? ORDER BY seq LIMIT ?"));
    s->bindAll(after, static_cast<int64_t>(limit + 1));
    PullResponse resp;
    FC_TRY(s->each([&](Stmt& r) -> Status {
        if (resp.changes.size() == limit) {
            resp.more = true;
            return {};
        }
        Change c;
        c.hubSeq = r.getInt(0);
        c.device = r.getText(1);
        c.seq = r.getInt(2);
        c.hlc = core::Hlc{static_cast<uint64_t>(r.getInt(3))};
        c.table = wireSchema().find(r.getTextView(4));
        if (!c.table) return core::internal("the hub's log names an unknown table");
        c.id = r.getText(5);
        c.op = static_cast<ChangeOp>(r.getInt(6));
        c.data = json::parse(r.getTextView(7));
        c.knownSeq = r.getInt(8);
        resp.changes.push_back(std::move(c));
        return {};
    }));
    resp.next = resp.changes.empty() ? after : resp.changes.back().hubSeq;
    resp.hubTime = nowMs();
    FC_ASSIGN(resp.signInCounts,
              core::hubCountsFor(db, device.id, resp.hubTime,
                                 m_services->get<core::SessionManager>().options().lockout));
    if (withBadgeKey) {
        FC_ASSIGN(resp.badgeKey, core::badgeKey(db));
    }
    FC_ASSIGN(Stmt * u, db.cached(
                            "UPDATE hub_devices SET pulled_through = max(pulled_through, ?), last_seen_at = ? "
                            "WHERE device_id = ?"));
    u->bindAll(after, nowMs(), device.id);
    FC_TRY(u->run());
    return resp;
}

bool Hub::waitForChanges(int64_t after, int64_t timeoutMs) {
    std::unique_lock lock(m_mutex);
    ++m_waiting;
    m_waitersChanged.notify_all();
    const bool changed = m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                            [&] { return m_latestSeq > after || m_stopping; }) &&
                         m_latestSeq > after;
    --m_waiting;
    m_waitersChanged.notify_all();
    return changed;
}

int Hub::waitingPulls() const {
    std::lock_guard lock(m_mutex);
    return m_waiting;
}

bool Hub::waitUntilWaiting(int n, int64_t timeoutMs) {
    std::unique_lock lock(m_mutex);
    return m_waitersChanged.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_waiting >= n; });
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
