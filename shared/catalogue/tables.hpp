// The catalogue domain's synced table: the store's services (master data).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kServices;
}  // namespace fc::core::tables
