// The stock domain's synced tables: bins, parts and their codes, bins and fitment (master data),
// stock movements (facts); stock counts (master) with their lists and entries (facts). On-hand is never a synced number: it is derived from the movements
// (stock_index.hpp).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kBins;
extern const TableDef kParts;
extern const TableDef kPartCodes;
extern const TableDef kPartBins;
extern const TableDef kPartFitments;
extern const TableDef kStockMovements;
extern const TableDef kStockCounts;
extern const TableDef kStockCountLines;
extern const TableDef kStockCountEntries;
}  // namespace fc::core::tables
