// RAII SQLite: connection, prepared statement, transaction, and a prepared-statement cache.
// Errors are values whose message names the operation and SQLite's cause.
//
//   FC_ASSIGN(auto db, Db::open("store.db"));
//   Tx tx(db); FC_TRY(tx.begin()); ... FC_TRY(tx.commit());
//   FC_ASSIGN(Stmt* s, db.cached("SELECT name FROM customers WHERE id = ?"));
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "shared/core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace fc::core {

class Db;

// A value bound to or read from SQLite. Text is UTF-8.
struct SqlValue {
    enum class Type { kNull, kInt, kText };
    Type type = Type::kNull;
    int64_t i = 0;
    std::string s;

    static SqlValue null() { return {}; }
    static SqlValue integer(int64_t v) { return {Type::kInt, v, {}}; }
    static SqlValue text(std::string v) { return {Type::kText, 0, std::move(v)}; }
    bool isNull() const { return type == Type::kNull; }
    bool operator==(const SqlValue& o) const {
        return type == o.type && (type != Type::kInt || i == o.i) && (type != Type::kText || s == o.s);
    }
    // Null → "NULL", int → digits, text → as is (for messages and tests).
    std::string toString() const;
};

class Stmt {
public:
    Stmt(sqlite3* handle, sqlite3_stmt* stmt, std::string sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& o) noexcept;
    Stmt& operator=(Stmt&&) = delete;

    // Binding is 1-based, like SQLite.
    Stmt& bind(int idx, int64_t v);
    Stmt& bind(int idx, int v) { return bind(idx, static_cast<int64_t>(v)); }
    Stmt& bind(int idx, std::string_view v);
    Stmt& bind(int idx, const char* v) { return bind(idx, std::string_view(v)); }
    Stmt& bind(int idx, const std::string& v) { return bind(idx, std::string_view(v)); }
    Stmt& bind(int idx, std::nullptr_t);
    Stmt& bind(int idx, const SqlValue& v);
    template <class T>
    Stmt& bind(int idx, const std::optional<T>& v) {
        return v ? bind(idx, *v) : bind(idx, nullptr);
    }
    // Binds every argument in order starting at 1.
    template <class... A>
    Stmt& bindAll(const A&... args) {
        int i = 1;
        (bind(i++, args), ...);
        return *this;
    }

    // Advances: true when a row is available, false when done.
    Result<bool> step();
    // Runs to completion (for INSERT/UPDATE/DELETE) and resets.
    Status run();
    // Steps through every row calling fn(*this) (returning void, or Status to stop on an error),
    // then resets:  FC_TRY(s->each([&](Stmt& r) { ids.push_back(r.getText(0)); }));
    template <class F>
    Status each(F&& fn);
    // Ready to run again. Bindings are NOT cleared: bind every parameter before the next step.
    void reset();

    bool isNull(int col) const;
    int64_t getInt(int col) const;
    std::string getText(int col) const;
    std::string_view getTextView(int col) const;  // valid until the next step/reset
    std::optional<std::string> getOptText(int col) const;
    std::optional<int64_t> getOptInt(int col) const;
    SqlValue getValue(int col) const;
    int columnCount() const;
    std::string columnName(int col) const;

    const std::string& sql() const { return m_sql; }

private:
    Error stepError(int rc) const;
    void markBound(int idx);
    sqlite3* m_handle;
    sqlite3_stmt* m_stmt;
    std::string m_sql;
    int m_bindError = 0;
    int m_bindErrorIdx = 0;
    uint64_t m_bound = 0;  // parameters bound since the last reset (checked in debug builds)
};

template <class F>
Status Stmt::each(F&& fn) {
    while (true) {
        auto row = step();
        if (!row) return row.error();  // step() has reset the statement
        if (!*row) break;
        if constexpr (std::is_void_v<std::invoke_result_t<F, Stmt&>>) {
            fn(*this);
        } else {
            Status s = fn(*this);
            if (!s) {
                reset();
                return s;
            }
        }
    }
    reset();
    return {};
}

// What the connection is doing, read by the guard triggers on every synced table through the SQL
// function fc_write_mode(). Outside a WriteModeScope it is kNone and synced tables refuse writes,
// so a change cannot bypass capture.
enum class WriteMode : int { kNone = 0, kCapture = 1, kApply = 2, kMigrate = 3 };

class Db {
public:
    struct Options {
        bool create = true;
        bool readOnly = false;
        int busyTimeoutMs = 5000;
        int cacheKiB = 64 * 1024;              // page cache per connection
        int64_t mmapBytes = 256ll << 20;        // reads through the page cache without copies
        bool wal = true;                        // false: a scratch file (no journal, no fsync)
    };
    // Opens with WAL, synchronous=NORMAL, foreign_keys=ON and a busy timeout.
    static Result<Db> open(const std::string& path, Options options);
    static Result<Db> open(const std::string& path) { return open(path, Options{}); }
    // The file (created when `create` and missing) and its WAL, shared-memory and journal files
    // made readable and writable by their owner only (0600): stores hold personal data. open()
    // does this for every writable database.
    static void restrictToOwner(const std::string& path, bool create);

    Db(Db&& o) noexcept;
    Db& operator=(Db&& o) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    ~Db();

    Status exec(std::string_view sql);
    Result<Stmt> prepare(std::string_view sql);
    // A prepared statement kept for reuse, reset and ready for binding. Valid until the Db dies.
    Result<Stmt*> cached(std::string_view sql);

    // Runs a query expecting at most one row with one integer / text column.
    Result<std::optional<int64_t>> queryInt(std::string_view sql);
    Result<std::optional<std::string>> queryText(std::string_view sql);

    int64_t lastInsertRowid() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() { return m_db; }
    std::string lastErrorMessage() const;

    WriteMode writeMode() const { return static_cast<WriteMode>(*m_writeMode); }
    void setWriteMode(WriteMode mode) { *m_writeMode = static_cast<int>(mode); }

    // Nesting depth of Tx objects (0 = no transaction open through Tx).
    int txDepth() const { return m_txDepth; }

    // Hooks that run just before the outermost Tx commits (inside it) — e.g. persisting clock
    // and sequence high-water marks once per transaction. Returning an error aborts the commit.
    void addPreCommitHook(std::function<Status()> hook) { m_preCommit.push_back(std::move(hook)); }
    // Hooks that run after the outermost Tx rolls back, so in-memory caches can be discarded.
    void addRollbackHook(std::function<void()> hook) { m_rollback.push_back(std::move(hook)); }

private:
    friend class Tx;
    friend class Stmt;
    Db(sqlite3* db, std::string path, Options options);
    void close();

    sqlite3* m_db = nullptr;
    std::string m_path;
    Options m_options;
    std::unordered_map<std::string, std::unique_ptr<Stmt>> m_cache;
    std::unique_ptr<int> m_writeMode = std::make_unique<int>(0);  // stable address for SQLite
    int m_txDepth = 0;
    int m_savepointSeq = 0;
    std::vector<std::function<Status()>> m_preCommit;
    std::vector<std::function<void()>> m_rollback;
};

// A transaction: BEGIN IMMEDIATE at depth 0, SAVEPOINT when nested. Rolls back unless committed.
class Tx {
public:
    explicit Tx(Db& db) : m_db(db) {}
    ~Tx();
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;

    Status begin();
    Status commit();
    void rollback();
    bool active() const { return m_active; }

private:
    Db& m_db;
    bool m_active = false;
    bool m_nested = false;
    std::string m_savepoint;
};

// Sets the connection's write mode for a scope and restores the previous one.
class WriteModeScope {
public:
    WriteModeScope(Db& db, WriteMode mode) : m_db(db), m_previous(db.writeMode()) {
        db.setWriteMode(mode);
    }
    ~WriteModeScope() { m_db.setWriteMode(m_previous); }
    WriteModeScope(const WriteModeScope&) = delete;
    WriteModeScope& operator=(const WriteModeScope&) = delete;

private:
    Db& m_db;
    WriteMode m_previous;
};

// Wraps `fn` in a transaction; commits when it returns ok, rolls back otherwise.
template <class F>
auto inTx(Db& db, F&& fn) -> decltype(fn()) {
    Tx tx(db);
    FC_TRY(tx.begin());
    auto r = fn();
    if (!r) return r;
    FC_TRY(tx.commit());
    return r;
}

}  // namespace fc::core
