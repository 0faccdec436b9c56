// The device side of sync: push the outbox in order (idempotent, resumes after any failure),
// pull the hub's changes by cursor and apply each page with its cursor in one transaction.
// The transport is injected: libcurl against a real hub, or in-process for tests.
//
//   SyncClient client(services, transport);
//   FC_ASSIGN(ExchangeReport r, client.exchange());
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "shared/services.hpp"
#include "sync/merge.hpp"
#include "sync/protocol.hpp"

namespace fc::sync {

struct HttpResult {
    int status = 0;
    std::string body;
};

// One HTTP exchange with the hub. An error result means no answer arrived (connection refused,
// timeout, reset): the outcome is unknown and the caller retries the same request.
class Transport {
public:
    virtual ~Transport() = default;
    virtual Result<HttpResult> request(const std::string& method, const std::string& target,
                                       const std::string& body, const std::string& token) = 0;
    // GET `target` into the file `path` (created or truncated). On 200 the body is in the file
    // and HttpResult::body is empty; on any other status the body is returned as usual. This
    // default goes through request(); a network transport streams to disk instead.
    virtual Result<HttpResult> download(const std::string& target, const std::string& token,
                                        const std::string& path);
    // From another thread: the request in flight (a long-poll, say) ends soon with an error, and
    // so does every later one. For shutting down without waiting out a long-poll.
    virtual void cancel() {}
};

struct ExchangeReport {
    size_t pushed = 0;    // changes the hub acknowledged
    size_t refused = 0;   // of those, refused by the hub (permission, unknown row…)
    size_t pulled = 0;    // changes received
    size_t applied = 0;   // that changed something here
    size_t parked = 0;    // waiting for a row that has not arrived
    int64_t cursor = 0;
    std::vector<Refusal> refusals;
    // Set when the hub's clock is implausible and was not adopted (a message for the person).
    std::string clockProblem;
};

// What a device does with the hub's time (PROTOCOL.md 4.8). The hub's clock is adopted (as an
// offset to the device's) only when it reads a plausible date and — unless the device's own
// clock is implausible (a flat battery: 1970) — within kMaxClockOffsetMs of the device's. A
// hub 100 years ahead, or at 2^62 ms, is not adopted and the person is told.
constexpr int64_t kEarliestPlausibleMs = 1'735'689'600'000;   // 2025-01-01T00:00:00Z
constexpr int64_t kLatestPlausibleMs = 4'102'444'800'000;     // 2100-01-01T00:00:00Z
constexpr int64_t kMaxClockOffsetMs = 30LL * 86'400'000;       // 30 days
struct ClockCheck {
    bool adopt = false;
    int64_t offsetMs = 0;  // when adopted: hub − device
    std::string problem;   // when not: what to tell the person
};
ClockCheck checkHubTime(int64_t hubTime, int64_t localMs);

// What a snapshot file announces once it passed every check (PROTOCOL.md 3.5).
struct SnapshotMeta {
    int64_t cursor = 0;
    int64_t rows = 0;
};
// Attaches `file` to `db` as "snap", checks that it is a whole snapshot of `storeId` holding
// exactly the expected tables and columns with well-formed metadata, and detaches it again. The
// device's first step with a downloaded snapshot (and the snapshot fuzzer's).
Result<SnapshotMeta> inspectSnapshot(core::Db& db, const std::string& file, const std::string& storeId);

// The hub URL this replica enrolled with (local_sync), "" when it never enrolled.
Result<std::string> enrolledHubUrl(core::StoreServices& services);

class SyncClient {
public:
    SyncClient(core::StoreServices& services, Transport& transport);

    // Stores the hub URL and token (from enrolment) in local_sync.
    Status setCredentials(const std::string& hubUrl, const std::string& token);
    const std::string& token() const { return m_token; }

    // Pushes everything in the outbox, batch by batch.
    Result<ExchangeReport> push();
    // Pulls and applies until the hub has nothing newer; `waitMs` > 0 long-polls the first page.
    Result<ExchangeReport> pull(int64_t waitMs = 0);
    // push, then pull. A fresh device (nothing pulled, no rows yet) starts from a snapshot.
    Result<ExchangeReport> exchange();
    // Loads the hub's current state in one transaction and sets the cursor to match.
    Result<size_t> initialSync();

    int64_t cursor() const { return m_cursor; }
    // Non-empty while the hub's clock is implausible (the last exchange's hub_time was not
    // adopted): what the sync status shows the person.
    const std::string& clockProblem() const { return m_clockProblem; }
    int64_t ackedSeq() const { return m_acked; }
    size_t batchSize = 1000;

    // Called after each pulled page is committed (and after a snapshot is loaded, with
    // `snapshot` true), on the calling thread: the moment what was pulled is visible to readers.
    std::function<void(bool snapshot)> pageCommitted;

    // Test hook: fail applying the Nth pulled change (simulates a crash mid-apply).
    int failApplyAt = 0;

private:
    Status loadState();
    Status correctClock(int64_t hubTime, int64_t sentAt, int64_t receivedAt);
    Result<ExchangeReport> applyPage(const PullResponse& page);
    Status retryParked(ExchangeReport& report);

    core::StoreServices& m_services;
    Transport& m_transport;
    Merger m_merger;
    std::string m_token;
    int64_t m_cursor = 0;
    // What a pull page says besides changes: the badge key asked for, the hub's sign-in counts.
    Status adoptHubState(const PullResponse& page);
    int64_t m_acked = 0;
    int m_applyCount = 0;
    std::string m_clockProblem;
};

}  // namespace fc::sync
