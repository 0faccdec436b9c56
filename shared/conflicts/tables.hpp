// The conflicts domain's synced table: what a hub rule found after a merge, for a person.
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kConflicts;
}  // namespace fc::core::tables
