// The one owner of a replica's sync state: the outbox of captured changes, what the hub has
// acknowledged, the pull cursor, the clock's persisted high-water mark and offset, the hub's
// address, this device's token and the hub's pinned key, and pulled changes parked until their row arrives. Nothing
// else reads or writes these tables; the change writer, the sync client, the hub, verify and the
// tools all call this class.
//
//   SyncState& sync = store.syncState();
//   FC_ASSIGN(auto entries, sync.pending(sync.ackedSeq().value(), 1000));
//   FC_TRY(sync.acknowledge(lastSeqTheHubHas));
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "shared/capture/tables.hpp"
#include "shared/core/hlc.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::core {

enum class ChangeOp : int { kInsert = 1, kUpdate = 2, kTombstone = 3, kFact = 4 };

class VerifyContext;

// One captured change as the outbox holds it.
struct OutboxEntry {
    int64_t seq = 0;     // device sequence
    Hlc hlc;
    std::string table;
    std::string rowId;
    ChangeOp op = ChangeOp::kInsert;
    std::string payload;  // JSON: see ChangeWriter
    int64_t knownSeq = 0;  // the hub sequence this device had pulled when it was written
};

struct HubCredentials {
    std::string hubUrl;  // empty: never enrolled
    std::string token;   // this device's secret (the hub keeps only a hash)
    // The hub's public key pinned at enrolment, as libcurl takes it ("sha256//BASE64"): the only
    // key an https hub is trusted with. Empty: the system's CAs vouch for the hub (or plain HTTP).
    std::string hubPin = "";
};

class SyncState {
public:
    explicit SyncState(Db& db) : m_db(db) {}
    SyncState(const SyncState&) = delete;
    SyncState& operator=(const SyncState&) = delete;

    // [SECTION] the outbox
    // Records a captured change; runs inside the writing transaction (the ChangeWriter calls it).
    Status append(Hlc hlc, const TableDef& table, const std::string& rowId, ChangeOp op,
                  const std::string& payload);
    // Entries with sequence > `afterSeq`, oldest first, at most `limit`.
    Result<std::vector<OutboxEntry>> pending(int64_t afterSeq, size_t limit);
    // Changes the hub has not acknowledged yet.
    Result<int64_t> pendingCount();
    // The oldest sequence still held (0 when the outbox is empty).
    Result<int64_t> oldestSeq();
    // The newest HLC in the outbox (0 when empty): never pruned, so it is a floor for the clock.
    Result<Hlc> newestHlc();
    // The hub has every change through `seq`: remember it and drop those entries, keeping the
    // newest one so the device sequence never repeats. In the caller's transaction if one is open.
    Status acknowledge(int64_t seq);
    // Everything in the outbox is acknowledged (a hub's own writes, logged by the hub itself).
    Status acknowledgeAll();

    // [SECTION] local state
    Result<int64_t> ackedSeq();
    Result<int64_t> cursor();
    Status setCursor(int64_t cursor);
    Result<Hlc> lastHlc();
    Status setLastHlc(Hlc hlc);
    Result<int64_t> clockOffsetMs();
    Status setClockOffsetMs(int64_t offsetMs);

    // [SECTION] the hub and this device's credential
    Result<HubCredentials> credentials();
    // Replaces all three: credentials without a pin clear a pin kept before.
    Status setCredentials(const HubCredentials& credentials);

    // [SECTION] pulled changes waiting for their row
    Status park(int64_t hubSeq, const std::string& change);
    // (hub sequence, encoded change), oldest first.
    Result<std::vector<std::pair<int64_t, std::string>>> parked();
    Status unpark(int64_t hubSeq);
    Result<int64_t> parkedCount();

    // [SECTION] checks for `verify`: the outbox sequence has no gaps, HLCs increase with it, and the
    // persisted clock is past every captured change.
    Status check(VerifyContext& v);

private:
    Result<int64_t> localInt(const char* column);
    Status setLocalInt(const char* column, int64_t value);

    Db& m_db;
};

}  // namespace fc::core
