// Sync protocol v1: the change record exchanged between devices and the hub, and strict decoding
// of everything that arrives from outside. A payload that fails validation is refused whole with
// a message naming the change and the field.
//
//   FC_ASSIGN(PushRequest req, decodePushRequest(body));
//   std::string json = encodePullResponse(resp);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/capture/change_writer.hpp"
#include "shared/capture/schema.hpp"
#include "shared/capture/sync_state.hpp"
#include "shared/capture/tables.hpp"
#include "shared/staff/hub_guard.hpp"
#include "shared/core/hlc.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::sync {

using core::ChangeOp;
using core::Error;
using core::Result;
using core::Status;
using core::TableDef;

constexpr int kProtocolVersion = 1;
// GET /v1/snapshot answers with a SQLite database file of this format (PROTOCOL.md 3.5).
constexpr int kSnapshotFormat = 1;
constexpr size_t kMaxBatch = 5000;              // changes per push or pull page
constexpr size_t kMaxBodyBytes = 32u << 20;     // a request body larger than this is refused
// The most a device reads of one JSON answer (decoded: after gzip), and the most it writes of a
// snapshot when the hub announces no length (a length announced beyond the free disk is refused
// before a byte is written). A pull page holds at most kMaxBatch changes of at most kMaxBodyBytes
// of pushes, hence the margin.
constexpr size_t kMaxResponseBytes = 64u << 20;
// The hub refuses a pushed change stamped (HLC milliseconds) further than this ahead of its own
// clock: a stamp at the end of time would otherwise win every later edit for ever. Wider than a
// device's 5-minute adoption rule (HlcClock::kMaxForwardDriftMs, which only decides what a clock
// adopts, never what is applied): a tablet a day off, writing before its first exchange corrects
// it, must not be refused (DESIGN.md, "Hybrid logical clock").
constexpr int64_t kMaxStampAheadMs = 2 * 86'400'000;

// Bounds applied while a JSON text is parsed, before anything is built beyond them: nesting
// depth, the number of values (scalars, keys and containers) and the text's size. A push or a
// pull page of kMaxBatch changes needs depth 4 and about 60 values per change.
struct JsonLimits {
    size_t maxBytes = kMaxBodyBytes;
    int maxDepth = 16;
    size_t maxValues = 1'000'000;
};

// Parses outside JSON within `limits` (never throws; no recursion deeper than maxDepth). The
// error names `what` and the bound that was hit, nothing of the input.
Result<nlohmann::json> parseJson(std::string_view text, const char* what, const JsonLimits& limits = {});
// A JSON integer that fits int64 (an unsigned value above INT64_MAX does not), into `out`.
bool jsonInt64(const nlohmann::json& v, int64_t& out);

const char* opName(ChangeOp op);  // "insert", "update", "delete", "fact"

// One captured change as it travels. `data`: for insert/fact an array of every column's value in
// the table's column order; for update an object of the changed columns; for delete
// {"deleted_at": ms}.
struct Change {
    int64_t seq = 0;        // device sequence (push) — the author's outbox order
    core::Hlc hlc;          // the author's hybrid logical clock
    const TableDef* table = nullptr;
    std::string id;         // row id
    ChangeOp op = ChangeOp::kInsert;
    nlohmann::json data;
    int64_t knownSeq = 0;   // hub sequence the author had pulled when writing
    // Set by the hub:
    int64_t hubSeq = 0;
    std::string device;     // author device id
};

struct PushRequest {
    std::string deviceId;
    int schema = 0;
    std::vector<Change> changes;  // consecutive device sequences
};

struct Refusal {
    int64_t seq = 0;
    std::string reason;
};

struct PushResponse {
    int64_t acceptedThrough = 0;  // highest device sequence the hub has (applied or refused)
    std::vector<Refusal> refused;
    int64_t hubSeq = 0;           // the hub's newest sequence after this push
    int64_t hubTime = 0;
};

struct PullResponse {
    std::vector<Change> changes;  // in hub order
    int64_t next = 0;             // cursor to ask for next
    bool more = false;            // another page is ready now
    int64_t hubTime = 0;
    // Wrong sign-in attempts the hub counted that concern this device (shared/staff/hub_guard.hpp).
    std::vector<core::GuardCount> signInCounts;
    std::string badgeKey;  // only when asked for (?badge_key=1): a device enrolled before v8
};

// Encoding (trusted data, never fails).
nlohmann::json encodeChange(const Change& c, bool withHubFields);
std::string encodePushRequest(const PushRequest& r);
std::string encodePushResponse(const PushResponse& r);
std::string encodePullResponse(const PullResponse& r);

// Decoding of outside input: every field checked, nothing partially accepted.
Result<Change> decodeChange(const nlohmann::json& j, bool withHubFields, size_t index);
Result<PushRequest> decodePushRequest(std::string_view body);
Result<PushResponse> decodePushResponse(std::string_view body);
Result<PullResponse> decodePullResponse(std::string_view body);

// Enrolment (POST /v1/enroll) on the hub: {"code", "device", "name"?}.
struct EnrolRequest {
    std::string code;
    std::string device;
    std::string name;
};
Result<EnrolRequest> decodeEnrolRequest(std::string_view body);
// The hub's enrolment answer on the device.
struct EnrolAnswer {
    std::string device;
    std::string store;
    std::string role;     // a role key ("kiosk"); the caller parses it
    std::string token;
    int64_t hubTime = 0;  // 0: not given
    std::string badgeKey;  // "" from a hub before v8
};
Result<EnrolAnswer> decodeEnrolAnswer(std::string_view body);
// GET /v1/health on the device: the store the hub serves.
struct HealthAnswer {
    std::string store;
    int64_t schema = 0;
    int64_t hubTime = 0;
};
Result<HealthAnswer> decodeHealthAnswer(std::string_view body);
// An error answer's {"error", "message", "resume_from"?}: whatever of it is well formed.
struct ErrorAnswer {
    std::string error;
    std::string message;
    std::optional<int64_t> resumeFrom;
};
ErrorAnswer decodeErrorAnswer(std::string_view body);

// The store's schema as the wire speaks it: the synced tables a change may name, and the schema
// version every push carries (the registry's, shared/registry.hpp).
const core::StoreSchema& wireSchema();

// The device's own captured changes with sequence > `afterSeq`, oldest first (at most `limit`),
// as they are pushed; `device` is stamped on each.
Result<std::vector<Change>> pendingChanges(core::SyncState& sync, int64_t afterSeq, size_t limit,
                                           const std::string& device);

// An insert (or fact) array of the table's shape before a migration added columns — captured
// before the device upgraded, or in the hub's log from before the hub did — gets those columns
// as nulls, in place (ColumnDef::since). Anything else is left for validateData to judge.
// decodeChange applies it to every change it reads.
void upgradeShape(const TableDef& table, ChangeOp op, nlohmann::json& data);

// Checks that `data` has the shape the op and table demand (column names, types, UTF-8).
Status validateData(const TableDef& table, ChangeOp op, const nlohmann::json& data);

// The columns of `t` in a snapshot file, in order: "id,<registry columns>,_hlc,_dev".
std::string snapshotColumns(const core::TableDef& t);

}  // namespace fc::sync
