// The staff domain's synced tables: staff records (master data) and their sign-in events (facts).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kStaff;
extern const TableDef kStaffSessionEvents;
}  // namespace fc::core::tables
