// Numbers a device gives on its own (provisional work-order numbers, invoice numbers): a running
// per-device counter in local_counters (day 0), never below a number with the same prefix already
// in the table (a restored or rebuilt database), formatted prefix + at least 4 digits.
//
//   FC_ASSIGN(std::string no, nextDeviceNumber(db, "work_order", "WD1-", "work_orders", "provisional_no"));
//   // "WD1-0007"
#pragma once

#include <string>
#include <string_view>

#include "shared/db/sqlite.hpp"

namespace fc::core {

// `table` and `column` are the code's own identifiers, never input.
Result<std::string> nextDeviceNumber(Db& db, std::string_view counter, const std::string& prefix,
                                     std::string_view table, std::string_view column);

}  // namespace fc::core
