#include "shared/capture/sync_state.hpp"

#include <algorithm>
#include <climits>

#include "shared/capture/verify_context.hpp"

namespace fc::core {

// [SECTION] the outbox

Status SyncState::append(Hlc hlc, const TableDef& table, const std::string& rowId, ChangeOp op,
                         const std::string& payload) {
    // known_seq is read in the same statement: the sync worker advances the cursor on its own
    // connection, so a value cached here could be stale.
    FC_ASSIGN(Stmt * s, m_db.cached("INSERT INTO outbox(hlc, tbl, row_id, op, payload, known_seq) "
                                    "VALUES (?, ?, ?, ?, ?, (SELECT pull_cursor FROM local_state "
                                    "WHERE id = 1))"));
    s->bindAll(static_cast<int64_t>(hlc.value), table.name, rowId, static_cast<int>(op), payload);
    return s->run();
}

Result<std::vector<OutboxEntry>> SyncState::pending(int64_t afterSeq, size_t limit) {
    FC_ASSIGN(Stmt * s, m_db.cached("SELECT seq, hlc, tbl, row_id, op, payload, known_seq FROM outbox "
                                    "WHERE seq > ? ORDER BY seq LIMIT ?"));
    s->bindAll(afterSeq, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
    std::vector<OutboxEntry> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back(OutboxEntry{r.getInt(0), Hlc{static_cast<uint64_t>(r.getInt(1))}, r.getText(2),
                                  r.getText(3), static_cast<ChangeOp>(r.getInt(4)), r.getText(5),
                                  r.getInt(6)});
    }));
    return out;
}

Result<int64_t> SyncState::pendingCount() {
    FC_ASSIGN(auto n, m_db.queryInt("SELECT count(*) FROM outbox WHERE seq > (SELECT acked_seq "
                                    "FROM local_state WHERE id = 1)"));
    return n.value_or(0);
}

Result<int64_t> SyncState::oldestSeq() {
    FC_ASSIGN(auto n, m_db.queryInt("SELECT min(seq) FROM outbox"));
    return n.value_or(0);
}

Result<Hlc> SyncState::newestHlc() {
    FC_ASSIGN(auto n, m_db.queryInt("SELECT max(hlc) FROM outbox"));
    return Hlc{static_cast<uint64_t>(n.value_or(0))};
}

Status SyncState::acknowledge(int64_t seq) {
    return inTx(m_db, [&]() -> Status {
        FC_TRY(setLocalInt("acked_seq", seq));
        FC_ASSIGN(Stmt * d, m_db.cached(
                                "DELETE FROM outbox WHERE seq <= ? AND seq < (SELECT max(seq) FROM outbox)"));
        d->bind(1, seq);
        return d->run();
    });
}

Status SyncState::acknowledgeAll() {
    FC_ASSIGN(auto newest, m_db.queryInt("SELECT max(seq) FROM outbox"));
    if (!newest) return {};
    FC_ASSIGN(int64_t acked, ackedSeq());
    if (*newest <= acked) return {};
    return acknowledge(*newest);
}

// [SECTION] local state

Result<int64_t> SyncState::localInt(const char* column) {
    FC_ASSIGN(Stmt * s, m_db.cached(std::string("SELECT ") + column + " FROM local_state WHERE id = 1"));
    FC_ASSIGN(bool row, s->step());
    const int64_t v = row ? s->getInt(0) : 0;
    s->reset();
    return v;
}

Status SyncState::setLocalInt(const char* column, int64_t value) {
    FC_ASSIGN(Stmt * s, m_db.cached(std::string("UPDATE local_state SET ") + column + " = ? WHERE id = 1"));
    s->bind(1, value);
    return s->run();
}

Result<int64_t> SyncState::ackedSeq() { return localInt("acked_seq"); }
Result<int64_t> SyncState::cursor() { return localInt("pull_cursor"); }
Status SyncState::setCursor(int64_t cursor) { return setLocalInt("pull_cursor", cursor); }
Result<int64_t> SyncState::clockOffsetMs() { return localInt("clock_offset_ms"); }
Status SyncState::setClockOffsetMs(int64_t offsetMs) { return setLocalInt("clock_offset_ms", offsetMs); }

Result<Hlc> SyncState::lastHlc() {
    FC_ASSIGN(int64_t v, localInt("last_hlc"));
    return Hlc{static_cast<uint64_t>(v)};
}

Status SyncState::setLastHlc(Hlc hlc) { return setLocalInt("last_hlc", static_cast<int64_t>(hlc.value)); }

// [SECTION] credentials

Result<HubCredentials> SyncState::credentials() {
    FC_ASSIGN(Stmt * s, m_db.cached("SELECT hub_url, token, hub_pin FROM local_sync WHERE id = 1"));
    FC_ASSIGN(bool row, s->step());
    HubCredentials c;
    if (row) c = {s->getText(0), s->getText(1), s->getText(2)};
    s->reset();
    return c;
}

Status SyncState::setCredentials(const HubCredentials& c) {
    FC_ASSIGN(Stmt * s, m_db.cached("UPDATE local_sync SET hub_url = ?, token = ?, hub_pin = ? WHERE id = 1"));
    s->bindAll(c.hubUrl, c.token, c.hubPin);
    return s->run();
}

// [SECTION] parked changes

Status SyncState::park(int64_t hubSeq, const std::string& change) {
    FC_ASSIGN(Stmt * p, m_db.cached("INSERT OR IGNORE INTO parked_changes(hub_seq, change) VALUES (?, ?)"));
    p->bindAll(hubSeq, change);
    return p->run();
}

Result<std::vector<std::pair<int64_t, std::string>>> SyncState::parked() {
    FC_ASSIGN(Stmt * s, m_db.cached("SELECT hub_seq, change FROM parked_changes ORDER BY hub_seq"));
    std::vector<std::pair<int64_t, std::string>> out;
    FC_TRY(s->each([&](Stmt& r) { out.emplace_back(r.getInt(0), r.getText(1)); }));
    return out;
}

Status SyncState::unpark(int64_t hubSeq) {
    FC_ASSIGN(Stmt * d, m_db.cached("DELETE FROM parked_changes WHERE hub_seq = ?"));
    d->bind(1, hubSeq);
    return d->run();
}

Result<int64_t> SyncState::parkedCount() {
    FC_ASSIGN(auto n, m_db.queryInt("SELECT count(*) FROM parked_changes"));
    return n.value_or(0);
}

// [SECTION] checks

Status SyncState::check(VerifyContext& v) {
    FC_TRY(v.expectZero("SELECT count(*) FROM outbox o WHERE o.seq > (SELECT min(seq) FROM outbox) "
                        "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.seq = o.seq - 1)",
                        "outbox has gaps in the device sequence", "outbox sequence contiguous"));
    FC_TRY(v.expectZero("SELECT count(*) FROM outbox o JOIN outbox p ON p.seq = o.seq - 1 "
                        "WHERE p.hlc >= o.hlc",
                        "outbox timestamps do not increase with the sequence",
                        "outbox timestamps increasing"));
    return v.expectZero("SELECT count(*) FROM local_state WHERE last_hlc < "
                        "(SELECT coalesce(max(hlc), 0) FROM outbox)",
                        "the persisted clock is behind the outbox", "clock persisted");
}

}  // namespace fc::core
