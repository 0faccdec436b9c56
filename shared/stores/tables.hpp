// The stores domain's synced table: the store record (name, time zone).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kStores;
}  // namespace fc::core::tables
