// The one write path for synced data. Every insert, update and tombstone of a synced table goes
// through here and records, in the same SQLite transaction, an outbox entry stamped with the
// device's HLC: for an update, a JSON object of the changed columns and their new values; for an
// insert (master or fact), a JSON array of every column's value in TableDef order.
// The outbox's owner is the device named in local_device; the push stamps every entry with it.
//
//   Tx tx(store.db()); FC_TRY(tx.begin());
//   FC_TRY(writer.insert(tables::kCustomers, id, row));
//   FC_TRY(writer.update(tables::kCustomers, id, {{col, SqlValue::text("王芳")}}));
//   FC_TRY(tx.commit());
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "shared/capture/row_check.hpp"
#include "shared/capture/schema.hpp"
#include "shared/capture/sync_state.hpp"
#include "shared/capture/tables.hpp"
#include "shared/core/hlc.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::core {


struct ColumnChange {
    int column;  // index into TableDef::columns
    SqlValue value;
};

// What one write did to one row, for observers.
struct RowChange {
    const TableDef& table;
    const std::string& id;
    ChangeOp op;
    // The columns written (indexes into table.columns) and their new and old values, aligned with
    // the table's columns: every column for an insert (`previous` is then null). All three are
    // null when not known (bulk notifications); an observer then reads what it needs.
    const std::vector<int>* columns = nullptr;
    const Row* values = nullptr;
    const Row* previous = nullptr;

    bool known() const { return columns != nullptr; }
    // True when `column` was written, or when that is not known.
    bool touches(int column) const;
};

// Keeps a derived, local structure (search index, phone index, cached state) up to date with the
// synced tables. Called after each captured or applied write, or once per bulk for deferred writes.
class ChangeObserver {
public:
    virtual ~ChangeObserver() = default;
    virtual Status changed(const RowChange& change) = 0;
    virtual Status changedMany(const TableDef& table, const std::vector<std::string>& ids) {
        for (const auto& id : ids) FC_TRY(changed(RowChange{table, id, ChangeOp::kUpdate}));
        return {};
    }
    // After all changedMany calls of one bulk.
    virtual Status flush() { return {}; }
    // false: called at once even inside a bulk (an index that writes in the bulk rely on).
    virtual bool deferrable() const { return true; }
};

// Which writes this device may make. The registry's grants for the device's role (the same table
// the hub checks every pushed change against): a write the hub would refuse is refused here,
// before anything is saved, instead of being saved and then refused at the hub.
class WritePolicy {
public:
    virtual ~WritePolicy() = default;
    // Empty when allowed; otherwise why not ("kiosk devices may not change customers.notes").
    // `columns`: the columns an update or tombstone writes (indexes into table.columns).
    virtual std::string check(const TableDef& table, ChangeOp op,
                              const std::vector<int>& columns) const = 0;
    // Empty when the row a write leaves is valid (the domains' row rules, RowRule); otherwise what
    // is wrong, naming the table, the row and the column.
    virtual Result<std::string> checkRow(const RowCheck& row) const {
        (void)row;
        return std::string();
    }
};

class ChangeWriter {
public:
    ChangeWriter(Db& db, HlcClock& hlc, SyncState& sync, const StoreSchema& schema,
                 std::string deviceId);

    // Insert a new row (master or fact). `values` must have one entry per column.
    Status insert(const TableDef& table, const std::string& id, const Row& values);
    // Update master columns. Only columns whose value differs are written and captured; returns
    // whether anything changed. A tombstoned row refuses updates.
    Result<bool> update(const TableDef& table, const std::string& id,
                        const std::vector<ColumnChange>& changes);
    // Tombstone a master row (sets deleted_at). Idempotent.
    Status tombstone(const TableDef& table, const std::string& id);

    void addObserver(ChangeObserver* observer) { m_observers.push_back(observer); }
    void removeObserver(ChangeObserver* observer);
    // Refuse writes the policy does not allow (nullptr: allow everything — a replica opened
    // without its services, e.g. by a migration test).
    void setPolicy(const WritePolicy* policy) { m_policy = policy; }

    // While deferred, observers are not called per write; finishDeferred() calls changedMany once
    // per table. A bulk path (import, demo seed) calls it before committing.
    void beginDeferred();
    Status finishDeferred();
    bool deferred() const { return m_deferDepth > 0; }
    // Leaves deferred mode without notifying (the bulk failed and its transaction rolls back).
    void abandonDeferred();

    const std::string& deviceId() const { return m_deviceId; }
    HlcClock& hlc() { return m_hlc; }
    Db& db() { return m_db; }

    // Notify observers as if `id` had been written (the sync apply path uses this).
    Status notify(const RowChange& change);

private:
    Status requireTx(const TableDef& table, const char* op) const;
    Status allowed(const TableDef& table, ChangeOp op, const std::vector<int>& columns) const;
    Status valid(const RowCheck& row) const;
    Result<Hlc> newestVersion(const TableDef& table, const std::string& id,
                              const std::vector<int>& columns);
    Status recordColumnVersions(const TableDef& table, const std::string& id,
                                const std::vector<int>& columns, Hlc hlc);
    Result<Stmt*> insertStmt(const TableDef& table);
    const std::vector<int>& allColumns(const TableDef& table);
    Result<Stmt*> own(std::unique_ptr<Stmt>& slot, std::string_view sql);

    Db& m_db;
    HlcClock& m_hlc;
    SyncState& m_sync;
    const StoreSchema& m_schema;
    std::string m_deviceId;
    const WritePolicy* m_policy = nullptr;
    std::vector<ChangeObserver*> m_observers;
    // Statements of the hot path, prepared once and owned here (no lookup by SQL text).
    std::unordered_map<const TableDef*, std::unique_ptr<Stmt>> m_insertStmts;
    std::unordered_map<const TableDef*, std::vector<int>> m_allColumns;
    std::unique_ptr<Stmt> m_versionStmt;
    int m_deferDepth = 0;
    std::unordered_map<const TableDef*, std::vector<std::string>> m_deferredIds;
};

// RAII for deferred observer notification in bulk paths.
//
//   DeferredScope bulk(writer); ... many inserts ...; FC_TRY(bulk.finish()); FC_TRY(tx.commit());
class DeferredScope {
public:
    explicit DeferredScope(ChangeWriter& writer) : m_writer(writer) { writer.beginDeferred(); }
    ~DeferredScope() {
        if (!m_done) m_writer.abandonDeferred();
    }
    DeferredScope(const DeferredScope&) = delete;
    DeferredScope& operator=(const DeferredScope&) = delete;
    Status finish() {
        m_done = true;
        return m_writer.finishDeferred();
    }

private:
    ChangeWriter& m_writer;
    bool m_done = false;
};

// Appends a JSON string literal (with quotes) for UTF-8 text.
void appendJsonString(std::string& out, std::string_view s);
// Appends {"col":value,...} for the given columns of a row.
std::string payloadJson(const TableDef& table, const std::vector<int>& columns, const Row& values);
// Every column of a new row as a JSON array in the table's column order (inserts and facts):
// half the bytes of an object, and the order is fixed by the schema version a change carries.
std::string payloadJsonAll(const Row& values);

}  // namespace fc::core
