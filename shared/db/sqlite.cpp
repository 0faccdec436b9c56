#include "shared/db/sqlite.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <mutex>

namespace fc::core {

namespace {

std::string shortSql(std::string_view sql) {
    std::string s(sql.substr(0, 80));
    for (char& c : s)
        if (c == '\n' || c == '\t') c = ' ';
    if (sql.size() > 80) s += "…";
    return s;
}

Error dbError(sqlite3* db, int rc, const std::string& what) {
    std::string cause = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    const Errc code = (rc & 0xFF) == SQLITE_CONSTRAINT ? Errc::kConflict : Errc::kDatabase;
    return Error(code, what + ": " + cause);
}

}  // namespace

std::string SqlValue::toString() const {
    switch (type) {
        case Type::kNull:
            return "NULL";
        case Type::kInt:
            return std::to_string(i);
        case Type::kText:
            return s;
    }
    return {};
}

// [SECTION] Stmt

Stmt::Stmt(sqlite3* handle, sqlite3_stmt* stmt, std::string sql)
    : m_handle(handle), m_stmt(stmt), m_sql(std::move(sql)) {}

Stmt::~Stmt() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

Stmt::Stmt(Stmt&& o) noexcept
    : m_handle(o.m_handle), m_stmt(o.m_stmt), m_sql(std::move(o.m_sql)), m_bindError(o.m_bindError),
      m_bindErrorIdx(o.m_bindErrorIdx), m_bound(o.m_bound) {
    o.m_stmt = nullptr;
}

void Stmt::markBound(int idx) {
    if (idx >= 1 && idx <= 64) m_bound |= uint64_t{1} << (idx - 1);
}

Stmt& Stmt::bind(int idx, int64_t v) {
    markBound(idx);
    const int rc = sqlite3_bind_int64(m_stmt, idx, v);
    if (rc != SQLITE_OK && !m_bindError) m_bindError = rc, m_bindErrorIdx = idx;
    return *this;
}

Stmt& Stmt::bind(int idx, std::string_view v) {
    markBound(idx);
    const int rc = sqlite3_bind_text64(m_stmt, idx, v.data(), v.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
    if (rc != SQLITE_OK && !m_bindError) m_bindError = rc, m_bindErrorIdx = idx;
    return *this;
}

Stmt& Stmt::bind(int idx, std::nullptr_t) {
    markBound(idx);
    const int rc = sqlite3_bind_null(m_stmt, idx);
    if (rc != SQLITE_OK && !m_bindError) m_bindError = rc, m_bindErrorIdx = idx;
    return *this;
}

Stmt& Stmt::bind(int idx, const SqlValue& v) {
    switch (v.type) {
        case SqlValue::Type::kNull:
            return bind(idx, nullptr);
        case SqlValue::Type::kInt:
            return bind(idx, v.i);
        case SqlValue::Type::kText:
            return bind(idx, std::string_view(v.s));
    }
    return *this;
}

Error Stmt::stepError(int rc) const {
    return dbError(m_handle, rc, "sqlite: " + shortSql(m_sql));
}

Result<bool> Stmt::step() {
    // Bindings are not cleared between uses (it costs on every statement): every parameter must
    // be bound again before each run, or it would silently keep the previous value.
    assert((sqlite3_bind_parameter_count(m_stmt) > 64 || sqlite3_stmt_busy(m_stmt) ||
            m_bound == (sqlite3_bind_parameter_count(m_stmt) == 64
                            ? ~uint64_t{0}
                            : (uint64_t{1} << sqlite3_bind_parameter_count(m_stmt)) - 1)) &&
           "a statement parameter was not bound before step()");
    if (m_bindError) {
        const int rc = m_bindError;
        m_bindError = 0;
        return Error(Errc::kDatabase, "sqlite: bind parameter " + std::to_string(m_bindErrorIdx) +
                                          " of '" + shortSql(m_sql) + "': " + sqlite3_errstr(rc));
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Error e = stepError(rc);
    sqlite3_reset(m_stmt);
    return e;
}

Status Stmt::run() {
    auto r = step();
    reset();
    if (!r) return r.error();
    return {};
}

void Stmt::reset() {
    sqlite3_reset(m_stmt);
    m_bindError = 0;
    m_bound = 0;
}

bool Stmt::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
int64_t Stmt::getInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
std::string_view Stmt::getTextView(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    if (!p) return {};
    return {p, static_cast<size_t>(sqlite3_column_bytes(m_stmt, col))};
}
std::string Stmt::getText(int col) const { return std::string(getTextView(col)); }
std::optional<std::string> Stmt::getOptText(int col) const {
    if (isNull(col)) return std::nullopt;
    return getText(col);
}
std::optional<int64_t> Stmt::getOptInt(int col) const {
    if (isNull(col)) return std::nullopt;
    return getInt(col);
}
SqlValue Stmt::getValue(int col) const {
    switch (sqlite3_column_type(m_stmt, col)) {
        case SQLITE_NULL:
            return SqlValue::null();
        case SQLITE_INTEGER:
            return SqlValue::integer(getInt(col));
        default:
            return SqlValue::text(getText(col));
    }
}
int Stmt::columnCount() const { return sqlite3_column_count(m_stmt); }
std::string Stmt::columnName(int col) const { return sqlite3_column_name(m_stmt, col); }

// [SECTION] Db

Db::Db(sqlite3* db, std::string path, Options options)
    : m_db(db), m_path(std::move(path)), m_options(options) {}

Db::Db(Db&& o) noexcept
    : m_db(o.m_db), m_path(std::move(o.m_path)), m_options(o.m_options),
      m_cache(std::move(o.m_cache)), m_writeMode(std::move(o.m_writeMode)), m_txDepth(o.m_txDepth), m_savepointSeq(o.m_savepointSeq),
      m_preCommit(std::move(o.m_preCommit)), m_rollback(std::move(o.m_rollback)) {
    o.m_db = nullptr;
}

Db& Db::operator=(Db&& o) noexcept {
    if (this == &o) return *this;
    close();
    m_db = o.m_db;
    o.m_db = nullptr;
    m_path = std::move(o.m_path);
    m_options = o.m_options;
    m_cache = std::move(o.m_cache);
    m_writeMode = std::move(o.m_writeMode);
    m_txDepth = o.m_txDepth;
    m_savepointSeq = o.m_savepointSeq;
    m_preCommit = std::move(o.m_preCommit);
    m_rollback = std::move(o.m_rollback);
    return *this;
}

Db::~Db() { close(); }

void Db::close() {
    m_cache.clear();
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Db::restrictToOwner(const std::string& path, bool create) {
    // Stores hold personal data: the database is its owner's alone (0600). SQLite gives the WAL
    // and shared-memory files the database's mode; files an older version left 0644 are
    // tightened when opened. Errors are left to sqlite3_open_v2 to report.
    if (create) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) ::close(fd);
    }
    for (const std::string& f : {path, path + "-wal", path + "-shm", path + "-journal"}) {
        struct stat st {};
        if (::stat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0 && st.st_uid == ::geteuid())
            (void)::chmod(f.c_str(), st.st_mode & 0700);
    }
}

Result<Db> Db::open(const std::string& path, Options options) {
    static std::once_flag configured;
    std::call_once(configured, [] {
        // Memory statistics take a global mutex on every allocation; we never read them.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    });
    if (!options.readOnly && path != ":memory:" && !path.empty()) restrictToOwner(path, options.create);
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_NOMUTEX;
    flags |= options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (options.create && !options.readOnly) flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = dbError(raw, rc, "open database '" + path + "'");
        sqlite3_close_v2(raw);
        return e;
    }
    sqlite3_extended_result_codes(raw, 1);
    Db db(raw, path, options);
    sqlite3_create_function_v2(
        raw, "fc_write_mode", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, db.m_writeMode.get(),
        [](sqlite3_context* ctx, int, sqlite3_value**) {
            sqlite3_result_int(ctx, *static_cast<int*>(sqlite3_user_data(ctx)));
        },
        nullptr, nullptr, nullptr);
    sqlite3_busy_timeout(raw, options.busyTimeoutMs);
    if (!options.readOnly && path != ":memory:" && !path.empty()) {
        auto mode = db.queryText(options.wal ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode=OFF");
        if (!mode) return mode.error().context("open database '" + path + "'");
    }
    FC_TRY(db.exec(std::string(options.wal ? "PRAGMA synchronous=NORMAL;" : "PRAGMA synchronous=OFF;") +
                   " PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=" + std::to_string(-options.cacheKiB) + "; " +
                   "PRAGMA mmap_size=" + std::to_string(options.mmapBytes) + ";"));
    // Verify the file really is a database now rather than failing on the first query.
    auto check = db.queryInt("SELECT count(*) FROM sqlite_schema");
    if (!check) return check.error().context("open database '" + path + "'");
    return db;
}

Status Db::exec(std::string_view sql) {
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        const Errc code = (rc & 0xFF) == SQLITE_CONSTRAINT ? Errc::kConflict : Errc::kDatabase;
        return Error(code, "sqlite: " + shortSql(sql) + ": " + msg);
    }
    return {};
}

Result<Stmt> Db::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return dbError(m_db, rc, "sqlite: prepare '" + shortSql(sql) + "'");
    return Stmt(m_db, stmt, std::string(sql));
}

Result<Stmt*> Db::cached(std::string_view sql) {
    const std::string key(sql);
    auto it = m_cache.find(key);
    if (it != m_cache.end()) {
        it->second->reset();
        return it->second.get();
    }
    // Never evicted: callers hold Stmt* across calls that may prepare more statements. The set is
    // bounded by the SQL text in the program (a few hundred statements at most).
    FC_ASSIGN(Stmt stmt, prepare(sql));
    auto owned = std::make_unique<Stmt>(std::move(stmt));
    Stmt* raw = owned.get();
    m_cache.emplace(key, std::move(owned));
    return raw;
}

Result<std::optional<int64_t>> Db::queryInt(std::string_view sql) {
    FC_ASSIGN(Stmt stmt, prepare(sql));
    FC_ASSIGN(bool row, stmt.step());
    if (!row) return std::optional<int64_t>{};
    return stmt.getOptInt(0);
}

Result<std::optional<std::string>> Db::queryText(std::string_view sql) {
    FC_ASSIGN(Stmt stmt, prepare(sql));
    FC_ASSIGN(bool row, stmt.step());
    if (!row) return std::optional<std::string>{};
    return stmt.getOptText(0);
}

int64_t Db::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_db); }
int Db::changes() const { return sqlite3_changes(m_db); }
std::string Db::lastErrorMessage() const { return sqlite3_errmsg(m_db); }

// [SECTION] Tx

Status Tx::begin() {
    assert(!m_active && "Tx::begin called twice");
    if (m_db.m_txDepth == 0) {
        FC_TRY(m_db.exec("BEGIN IMMEDIATE"));
    } else {
        m_nested = true;
        m_savepoint = "fc_sp" + std::to_string(++m_db.m_savepointSeq);
        FC_TRY(m_db.exec("SAVEPOINT " + m_savepoint));
    }
    ++m_db.m_txDepth;
    m_active = true;
    return {};
}

Status Tx::commit() {
    assert(m_active && "Tx::commit without begin");
    if (m_nested) {
        FC_TRY(m_db.exec("RELEASE " + m_savepoint));
    } else {
        for (auto& hook : m_db.m_preCommit) {
            auto r = hook();
            if (!r) {
                rollback();
                return r.error().context("commit");
            }
        }
        auto r = m_db.exec("COMMIT");
        if (!r) {
            rollback();
            return r.error();
        }
    }
    --m_db.m_txDepth;
    m_active = false;
    return {};
}

void Tx::rollback() {
    if (!m_active) return;
    if (m_nested) {
        (void)m_db.exec("ROLLBACK TO " + m_savepoint);
        (void)m_db.exec("RELEASE " + m_savepoint);
    } else {
        (void)m_db.exec("ROLLBACK");
        for (auto& hook : m_db.m_rollback) hook();
    }
    --m_db.m_txDepth;
    m_active = false;
}

Tx::~Tx() { rollback(); }

}  // namespace fc::core
