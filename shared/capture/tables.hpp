// The registry of synced tables: which are master data (merged per column) and which are facts
// (inserted once), and their synced columns. The capture path, the guard triggers, the sync merge
// and the capture-completeness test all read this one list.
//
//   const TableDef& t = tables::kCustomers;
//   int col = t.columnIndex("name");
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fc::core {

enum class TableKind { kMaster, kFact };

struct ColumnDef {
    std::string name;
    bool sensitive = false;  // concurrent different edits raise a conflict (phone, VIN, odometer…)
    bool integer = false;    // stored as INTEGER (otherwise TEXT)
    std::string references;  // the synced table this column points at ("" for none)
};

struct TableDef {
    std::string name;
    TableKind kind = TableKind::kMaster;
    // Synced columns in storage order, excluding `id` and the version columns `_hlc`, `_dev`.
    // Always includes `store_id`; master tables end with `deleted_at` (the tombstone).
    std::vector<ColumnDef> columns;

    int columnIndex(std::string_view column) const;  // -1 when unknown
    bool isMaster() const { return kind == TableKind::kMaster; }
};

namespace tables {
extern const TableDef kStores;
extern const TableDef kCustomers;
extern const TableDef kVehicles;
extern const TableDef kVehicleOwnerships;
extern const TableDef kOdometerReadings;
extern const TableDef kConsentEvents;
extern const TableDef kConflicts;
// v5: staff, their sign-in events, appointments and visits (shared/staff, shared/visits).
extern const TableDef kStaff;
extern const TableDef kStaffSessionEvents;
extern const TableDef kAppointments;
extern const TableDef kVisits;
}  // namespace tables

// Every synced table, parents before children (the order a snapshot is sent in).
const std::vector<const TableDef*>& syncedTables();
const TableDef* findSyncedTable(std::string_view name);

// SQL creating the three guard triggers that refuse writes made outside a capture or apply scope.
std::string guardTriggersSql(const TableDef& table);

}  // namespace fc::core
