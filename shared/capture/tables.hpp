// What a synced table is: master data (merged per column) or facts (inserted once), and its
// synced columns. Each domain defines its own tables (shared/customers/tables.hpp, …); the
// registry (shared/registry.hpp) collects them. The capture path, the guard triggers, the sync
// merge and the capture-completeness test all read these definitions.
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
    // The schema version whose migration added the column to an existing table (0: since the
    // table was created). An insert written before that version lacks it (sync/protocol.cpp).
    int since = 0;
    // Text larger than a person types: a job photo (base64 JPEG). Sync takes up to
    // kMaxLargeTextBytes in such a column, kMaxTextBytes in any other.
    bool large = false;
};

constexpr size_t kMaxTextBytes = 64 * 1024;
constexpr size_t kMaxLargeTextBytes = 1024 * 1024;

struct TableDef {
    std::string name;
    TableKind kind = TableKind::kMaster;
    // Synced columns in storage order, excluding `id` and the version columns `_hlc`, `_dev`.
    // Always includes `store_id`; master tables end with `deleted_at` (the tombstone).
    std::vector<ColumnDef> columns;

    int columnIndex(std::string_view column) const;  // -1 when unknown
    bool isMaster() const { return kind == TableKind::kMaster; }
};

// Helpers for table definitions: text("name"), integer("km", true), ref("vehicle_id", "vehicles"),
// added(6, text("called_desk")).
namespace columns {
inline ColumnDef text(const char* n, bool sensitive = false) { return {n, sensitive, false, ""}; }
inline ColumnDef integer(const char* n, bool sensitive = false) { return {n, sensitive, true, ""}; }
inline ColumnDef ref(const char* n, const char* table) { return {n, false, false, table}; }
inline ColumnDef largeText(const char* n) { return {n, false, false, "", 0, true}; }
// A column a later migration added to an existing table: added(6, ref("bay_id", "bays")).
inline ColumnDef added(int version, ColumnDef c) {
    c.since = version;
    return c;
}
}  // namespace columns

// A local table of a derived index as a snapshot carries it: name and columns in order.
struct IndexTable {
    const char* name;
    const char* columns;
};

// SQL creating the guard triggers that refuse writes made outside a capture or apply scope (and,
// for facts, any update or delete).
std::string guardTriggersSql(const TableDef& table);

}  // namespace fc::core
