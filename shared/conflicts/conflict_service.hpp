// Conflicts: what a domain rule at the hub found after merging (two devices changed a phone at
// once, two customers share a phone, a slot was booked twice), written as a synced row for a
// person to resolve instead of silently picking a winner. The resolution is an ordinary change.
//
//   ConflictService conflicts(store);
//   FC_TRY(conflicts.raise({.rule = "duplicate-phone", .table = "customers", .rowId = a,
//                           .column = b, .detail = R"({"phone":"13800138000"})", .suggestion = "…"}));
//   FC_ASSIGN(int64_t open, conflicts.openCount());
#pragma once

#include <string>

#include "shared/capture/store.hpp"

namespace fc::core {

struct ConflictInput {
    std::string rule;        // "concurrent-edit", "duplicate-phone", …
    std::string table;       // the table the rule looked at
    std::string rowId;
    std::string column;      // or, for rules about two rows, the other row's id
    std::string detail;      // JSON: both sides, authors, devices
    std::string suggestion;  // what a person should do
};

class ConflictService {
public:
    explicit ConflictService(Store& store) : m_store(store) {}

    // Records an open conflict (in the caller's transaction); returns its id.
    Result<std::string> raise(const ConflictInput& input);
    // Whether an open conflict of `rule` already links these two rows (either way round).
    Result<bool> openBetween(const std::string& rule, const std::string& rowA, const std::string& rowB);
    // Conflicts still waiting for a person.
    Result<int64_t> openCount();

private:
    Store& m_store;
};

}  // namespace fc::core
