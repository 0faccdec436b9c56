// Applies a change that arrived from elsewhere to a replica (the hub's or a device's), with the
// merge rules of DESIGN.md: master data per column, last writer wins by (HLC, device); facts
// inserted once by id; tombstones never undone. Writes happen in WriteMode::kApply (not captured
// again) and derived indexes are notified as for local writes.
//
//   Merger merger(store);
//   FC_ASSIGN(ApplyOutcome out, merger.apply(change));   // inside a transaction
#pragma once

#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "sync/protocol.hpp"

namespace fc::sync {

enum class ApplyResult {
    kApplied,        // something changed
    kNoop,           // already known, or every column lost to a newer write
    kParked,         // an update or delete of a row that is not here yet
    kMissingParent,  // a fact pointing at a row that is not here
};

struct ColumnOutcome {
    int column = 0;
    bool won = false;               // the incoming value is now in place
    core::SqlValue previous;        // the value before (winner or not)
    core::Version previousVersion;  // its version
    core::SqlValue incoming;
};

struct ApplyOutcome {
    ApplyResult result = ApplyResult::kNoop;
    bool rowExisted = false;
    std::vector<ColumnOutcome> columns;  // master data: every column the change carried
    std::string reason;                  // for kParked / kMissingParent
};

class Merger {
public:
    explicit Merger(core::Store& store) : m_store(store) {}
    // Must run inside a transaction. `c.device` names the author.
    Result<ApplyOutcome> apply(const Change& c);

private:
    Result<ApplyOutcome> applyFact(const Change& c);
    Result<ApplyOutcome> applyMaster(const Change& c);
    Result<ApplyOutcome> insertMaster(const Change& c);
    core::Store& m_store;
};

// A change's values as SQL values (insert/fact: every column; update: the named columns).
core::SqlValue jsonToSql(const nlohmann::json& v);
nlohmann::json sqlToJson(const core::SqlValue& v);

}  // namespace fc::sync
