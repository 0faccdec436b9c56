// The store hub's state machine, without any network: device enrolment and tokens, idempotent
// push with gap detection, merge into the hub's own replica, a per-store sequence, the rules run
// after a merge (the generic concurrent-edit rule and each domain's own) writing conflicts,
// role × table × column permissions with an audit log, pull by cursor and snapshots for new
// devices. HubApi (hub_api.hpp) puts HTTP routes in front of it; tests drive it directly too.
//
// One class, files along its seams: hub.cpp (opening, audit), hub_devices.cpp (enrolment and
// tokens), hub_log.cpp (push and pull), hub_rules.cpp (rules after a merge), hub_snapshot.cpp,
// hub_tls.cpp (the served certificate's fingerprint).
//
//   FC_ASSIGN(auto hub, Hub::open("hub.db", clock));
//   FC_ASSIGN(std::string code, hub->makeEnrolCode(DeviceRole::kWorkshop));
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "shared/services.hpp"
#include "sync/merge.hpp"
#include "sync/protocol.hpp"

namespace fc::sync {

struct HubDevice {
    std::string id;
    std::string name;
    core::DeviceRole role = core::DeviceRole::kPending;
    int64_t lastSeq = 0;  // highest device sequence handled
    bool revoked = false;
};

struct Enrolment {
    std::string deviceId;
    std::string storeId;
    core::DeviceRole role = core::DeviceRole::kPending;
    std::string token;  // shown once; the hub keeps only its hash
    std::string badgeKey;  // the store's badge key (shared/staff/badge_key.hpp)
};

// Why a push could not be taken at all (nothing of it applied).
struct PushError {
    enum class Kind { kNone, kGap, kUpgradeDevice, kUpgradeHub, kWrongDevice } kind = Kind::kNone;
    int64_t resumeFrom = 0;  // kGap: the device sequence to send next
    std::string message;
};

struct SnapshotFile {
    std::string path;
    int64_t cursor = 0;
    int64_t rows = 0;
    uint64_t bytes = 0;
};

class Hub {
public:
    // Opens (creating if needed) the hub database: a full store replica plus the hub's tables.
    static Result<std::unique_ptr<Hub>> open(const std::string& path, const core::Clock& clock,
                                             const std::string& storeName = "Forecourt 门店");

    // [SECTION] enrolment (hub_devices.cpp)
    // A code is typed on the device right after it is made: valid 15 minutes unless told.
    static constexpr int64_t kDefaultCodeTtlMs = 15 * 60 * 1000;
    Result<std::string> makeEnrolCode(core::DeviceRole role, int64_t ttlMs = kDefaultCodeTtlMs);
    // `from` (the client's address, when known) goes into the audit entry a refusal writes:
    // every refused attempt is audited (event `enrol-refused`), outside the refused transaction.
    Result<Enrolment> enrol(const std::string& code, const std::string& deviceId,
                            const std::string& name, const std::string& from = "");
    // Whether a device may use `deviceId`: not the hub's own id (public in every pull) nor a name
    // the audit log uses ("admin", "-", "hub"). Enrolment refuses them; so does a push.
    Status checkDeviceId(const std::string& deviceId) const;
    // Audits an event the HTTP front saw (rate-limited enrolment, for one): device "-".
    Status auditEvent(const std::string& event, const std::string& detail);
    Status revoke(const std::string& deviceId);
    // The device a token belongs to, or an error for unknown and revoked tokens.
    Result<HubDevice> authenticate(const std::string& token);

    // [SECTION] sync (hub_log.cpp)
    // The whole push is one transaction. On a PushError nothing is applied.
    Result<PushResponse> push(const HubDevice& device, const PushRequest& request,
                              PushError* error);
    // With the wrong sign-in counts that concern the device; `withBadgeKey`: the store's badge key
    // too (a device enrolled before v8 asks for it).
    Result<PullResponse> pull(const HubDevice& device, int64_t after, size_t limit, bool withBadgeKey = false);
    // Blocks until the hub has a change after `after` or the timeout passes; true when it has.
    bool waitForChanges(int64_t after, int64_t timeoutMs);
    // Long-polls waiting now; and waiting (up to the timeout) until at least `n` are (tests).
    int waitingPulls() const;
    bool waitUntilWaiting(int n, int64_t timeoutMs);
    // Shutting down: every long-poll waiting now or later returns at once.
    void releaseWaiters();
    int64_t latestSeq() const;

    // [SECTION] snapshot (hub_snapshot.cpp)
    // The whole current state for a new device, written to a new SQLite database file (see
    // PROTOCOL.md, "snapshot"): every synced table with its row versions, the column versions, the
    // derived indexes and snap_meta with the cursor the state corresponds to. Read in one read
    // transaction on its own connection, so pushes go on meanwhile. The caller sends the file and
    // removes it.
    Result<SnapshotFile> snapshot(const HubDevice& device);

    // [SECTION] TLS (hub_tls.cpp)
    // The fingerprint of the certificate forecourt-hub serves (tls_pin.hpp's form), recorded at
    // start so `forecourtctl hub-code` can join it to the code; "" when it serves plain HTTP.
    // Local to the hub (table hub_tls), never synced.
    Status setTlsFingerprint(const std::string& fingerprint);
    Result<std::string> tlsFingerprint();

    int64_t nowMs() const { return m_clock.nowMs(); }
    const std::string& storeId() { return m_services->store().storeId(); }
    core::StoreServices& services() { return *m_services; }
    // Audit entries (newest last), for tests and the admin CLI.
    Result<std::vector<std::string>> audit(size_t limit);

private:
    Hub(std::unique_ptr<core::StoreServices> services, const core::Clock& clock);
    Status audit(const std::string& deviceId, const std::string& event, const std::string& detail);
    Result<Enrolment> enrolLocked(const std::string& code, const std::string& deviceId,
                                  const std::string& name);
    // hub_log.cpp
    Result<int64_t> appendLog(const Change& c, const std::string* dataText = nullptr);
    Status drainOwnOutbox();
    std::optional<PushError> checkPush(const HubDevice& device, const PushRequest& request) const;
    // Applies one change of a push in its own savepoint; the reason it was refused, or "".
    Result<std::string> accept(const HubDevice& device, const Change& c, const std::string& dataText);
    Status recordRefusal(const HubDevice& device, const Change& c, const std::string& why);
    Result<std::vector<Refusal>> refusalsBetween(const std::string& deviceId, int64_t from, int64_t to);
    // hub_rules.cpp
    Status runRules(const Change& c, const ApplyOutcome& outcome, int64_t hubSeq);
    Status ruleConcurrentEdit(const Change& c, const ApplyOutcome& outcome);
    Status recordColumnSeqs(const Change& c, const ApplyOutcome& outcome, int64_t hubSeq);
    Status runDomainRules(const Change& c, const ApplyOutcome& outcome);

    std::unique_ptr<core::StoreServices> m_services;
    const core::Clock& m_clock;
    Merger m_merger;
    mutable std::mutex m_mutex;  // one writer at a time on the hub's connection
    std::condition_variable m_changed;
    std::condition_variable m_waitersChanged;
    int m_waiting = 0;
    int64_t m_latestSeq = 0;
    bool m_stopping = false;
};

// Token and code hashing (BLAKE2b via libsodium), hex encoded.
std::string hashSecret(const std::string& secret);
std::string randomSecret(size_t bytes);

}  // namespace fc::sync
