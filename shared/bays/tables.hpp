// The bays domain's synced table: the store's bays (master data).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kBays;
}  // namespace fc::core::tables
