// What a valid row is, in one place for the device and the hub. Each domain declares rules for
// its tables (Domain::rowRules, shared/<domain>/domain.cpp); the write path (ChangeWriter) checks
// them before saving, the hub before merging a pushed change (sync/hub_log.cpp). The helpers below
// are the pieces those rules are made of.
//
//   RowRule{&tables::kVisits, [](const RowCheck& r) -> Result<RowFault> {
//       if (auto f = keyIn(r, "status", visitStatusKeys()); !f.ok()) return f;
//       return deviceIsAuthor(r, "device_id"); }}
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/sync_state.hpp"
#include "shared/capture/tables.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::core {

// A row's values aligned with TableDef::columns.
using Row = std::vector<SqlValue>;

// A row as a write would leave it, for a table's row rules (RowRule). Checked on a device by the
// write path (ChangeWriter) before an insert or update is saved, and by the hub before a pushed
// insert, fact or update is merged: one definition of a valid row for both.
struct RowCheck {
    const TableDef& table;
    const std::string& id;
    ChangeOp op;                      // kInsert, kFact or kUpdate
    const std::string& author;        // the device writing it (at the hub: the pushing device)
    const Row& values;                // aligned with table.columns; only `columns` are meaningful
    const std::vector<int>& columns;  // what the write sets (every column for an insert or fact)
    Db& db;                           // for lookups (a token another row already uses); read only

    // The value the write gives `column`, or nullptr when it does not set it.
    const SqlValue* get(std::string_view column) const;
    // The stored value of `column` of this row (null when the row is not there yet).
    Result<SqlValue> stored(std::string_view column) const;
    // get(column) if set, else stored(column).
    Result<SqlValue> after(std::string_view column) const;
};

// What is wrong with a row: the column and why ("" column: nothing is wrong). `why` never quotes
// the value (it may be anything a hostile device sent) and never holds SQL.
struct RowFault {
    std::string column;
    std::string why;
    bool ok() const { return column.empty(); }
};

// Helpers for rules. Each checks `column` only when the write sets it; a null value is left to
// the table's own NOT NULL rules unless said otherwise.
// The value is one of `keys`.
RowFault keyIn(const RowCheck& row, std::string_view column, const std::vector<std::string>& keys);
// Text as people may store it: valid UTF-8, no control or bidirectional-override characters
// (hasHiddenCharacters), at most `maxChars` characters (0: no limit); `required`: not empty.
RowFault plainText(const RowCheck& row, std::string_view column, size_t maxChars, bool required = false);
// An integer in [lo, hi] (null allowed unless `required`).
RowFault intIn(const RowCheck& row, std::string_view column, int64_t lo, int64_t hi, bool required = false);
// At least `minBytes` bytes of text.
RowFault minLength(const RowCheck& row, std::string_view column, size_t minBytes);
// A fact that names a device names the device that wrote it.
RowFault deviceIsAuthor(const RowCheck& row, std::string_view column);
// No other row of the table holds the same (non-empty) value.
Result<RowFault> uniqueAmongRows(const RowCheck& row, std::string_view column);
// The first fault of several (each already computed): `return firstFault({keyIn(…), …});`.
RowFault firstFault(std::initializer_list<RowFault> faults);

}  // namespace fc::core
