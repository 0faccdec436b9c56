#include "shared/capture/change_writer.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>

namespace fc::core {

void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    size_t run = 0;  // start of the current run of bytes that need no escaping
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static constexpr char kHex[] = "0123456789abcdef";
                out += "\\u00";
                out += kHex[(c >> 4) & 0xF];
                out += kHex[c & 0xF];
            }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

namespace {

void appendValue(std::string& out, const SqlValue& v) {
    switch (v.type) {
        case SqlValue::Type::kNull: out += "null"; break;
        case SqlValue::Type::kInt: {
            char buf[24];
            const auto r = std::to_chars(buf, buf + sizeof buf, v.i);
            out.append(buf, r.ptr);
            break;
        }
        case SqlValue::Type::kText: appendJsonString(out, v.s); break;
    }
}

}  // namespace

std::string payloadJsonAll(const Row& values) {
    std::string out;
    out.reserve(24 * values.size());
    out += '[';
    for (size_t c = 0; c < values.size(); ++c) {
        if (c) out += ',';
        appendValue(out, values[c]);
    }
    out += ']';
    return out;
}

std::string payloadJson(const TableDef& table, const std::vector<int>& columns, const Row& values) {
    std::string out;
    out.reserve(32 * columns.size());
    out += '{';
    bool first = true;
    for (int c : columns) {
        if (!first) out += ',';
        first = false;
        appendJsonString(out, table.columns[static_cast<size_t>(c)].name);
        out += ':';
        appendValue(out, values[static_cast<size_t>(c)]);
    }
    out += '}';
    return out;
}

ChangeWriter::ChangeWriter(Db& db, HlcClock& hlc, SyncState& sync, const StoreSchema& schema,
                           std::string deviceId)
    : m_db(db), m_hlc(hlc), m_sync(sync), m_schema(schema), m_deviceId(std::move(deviceId)) {}

void ChangeWriter::removeObserver(ChangeObserver* observer) {
    m_observers.erase(std::remove(m_observers.begin(), m_observers.end(), observer), m_observers.end());
}

Status ChangeWriter::allowed(const TableDef& table, ChangeOp op, const std::vector<int>& columns) const {
    if (!m_policy) return {};
    std::string why = m_policy->check(table, op, columns);
    if (why.empty()) return {};
    return Error(Errc::kPermission, why);
}

Status ChangeWriter::valid(const RowCheck& row) const {
    if (!m_policy) return {};
    FC_ASSIGN(std::string why, m_policy->checkRow(row));
    if (why.empty()) return {};
    return Error(Errc::kInvalid, why);
}

Status ChangeWriter::requireTx(const TableDef& table, const char* op) const {
    if (m_db.txDepth() == 0)
        return internal(std::string(op) + " on " + table.name +
                        " outside a transaction: the change and its capture must commit together");
    return {};
}

const std::vector<int>& ChangeWriter::allColumns(const TableDef& table) {
    auto& v = m_allColumns[&table];
    if (v.size() != table.columns.size()) {
        v.resize(table.columns.size());
        for (size_t k = 0; k < v.size(); ++k) v[k] = static_cast<int>(k);
    }
    return v;
}

Result<Stmt*> ChangeWriter::own(std::unique_ptr<Stmt>& slot, std::string_view sql) {
    if (!slot) {
        FC_ASSIGN(Stmt s, m_db.prepare(sql));
        slot = std::make_unique<Stmt>(std::move(s));
    }
    slot->reset();
    return slot.get();
}

Result<Stmt*> ChangeWriter::insertStmt(const TableDef& table) {
    auto& slot = m_insertStmts[&table];
    if (slot) {
        slot->reset();
        return slot.get();
    }
    std::string cols = "id";
    std::string params = "?";
    for (const auto& c : table.columns) {
        cols += "," + c.name;
        params += ",?";
    }
    cols += ",_hlc,_dev";
    params += ",?,?";
    return own(slot, "INSERT INTO " + table.name + "(" + cols + ") VALUES (" + params + ")");
}

Status ChangeWriter::insert(const TableDef& table, const std::string& id, const Row& values) {
    FC_TRY(requireTx(table, "insert"));
    if (values.size() != table.columns.size())
        return internal("insert on " + table.name + ": " + std::to_string(values.size()) +
                        " values for " + std::to_string(table.columns.size()) + " columns");
    FC_TRY(allowed(table, table.isMaster() ? ChangeOp::kInsert : ChangeOp::kFact, {}));
    FC_TRY(valid(RowCheck{table, id, table.isMaster() ? ChangeOp::kInsert : ChangeOp::kFact, m_deviceId,
                          values, allColumns(table), m_db}));
    WriteModeScope mode(m_db, WriteMode::kCapture);
    const Hlc hlc = m_hlc.now();
    FC_ASSIGN(Stmt * s, insertStmt(table));
    int i = 1;
    s->bind(i++, id);
    for (const auto& v : values) s->bind(i++, v);
    s->bind(i++, static_cast<int64_t>(hlc.value));
    s->bind(i++, m_deviceId);
    if (auto r = s->run(); !r) return r.error().context("insert into " + table.name);

    const ChangeOp op = table.isMaster() ? ChangeOp::kInsert : ChangeOp::kFact;
    FC_TRY(m_sync.append(hlc, table, id, op, payloadJsonAll(values)));
    return notify(RowChange{table, id, op, &allColumns(table), &values, nullptr});
}

Result<bool> ChangeWriter::update(const TableDef& table, const std::string& id,
                                  const std::vector<ColumnChange>& changes) {
    FC_TRY(requireTx(table, "update"));
    if (!table.isMaster())
        return internal(table.name + " holds facts: they are never updated, only reversed");
    if (changes.empty()) return false;
    // Read the current values so only real changes are written and captured.
    std::string select = "SELECT deleted_at";
    for (const auto& ch : changes) {
        if (ch.column < 0 || ch.column >= static_cast<int>(table.columns.size()))
            return internal("update on " + table.name + ": column index out of range");
        select += "," + table.columns[static_cast<size_t>(ch.column)].name;
    }
    select += " FROM " + table.name + " WHERE id = ?";
    FC_ASSIGN(Stmt * q, m_db.cached(select));
    q->bind(1, id);
    FC_ASSIGN(bool found, q->step());
    if (!found) return notFound(table.name + " " + id + " does not exist");
    if (!q->isNull(0)) {
        q->reset();
        return conflict(table.name + " " + id + " was deleted; it cannot be changed");
    }
    std::vector<int> changed;
    Row row(table.columns.size());
    Row previous(table.columns.size());
    for (size_t k = 0; k < changes.size(); ++k) {
        SqlValue current = q->getValue(static_cast<int>(k) + 1);
        if (current == changes[k].value) continue;
        if (std::find(changed.begin(), changed.end(), changes[k].column) != changed.end()) continue;
        changed.push_back(changes[k].column);
        row[static_cast<size_t>(changes[k].column)] = changes[k].value;
        previous[static_cast<size_t>(changes[k].column)] = std::move(current);
    }
    q->reset();
    if (changed.empty()) return false;
    FC_TRY(allowed(table, ChangeOp::kUpdate, changed));
    FC_TRY(valid(RowCheck{table, id, ChangeOp::kUpdate, m_deviceId, row, changed, m_db}));

    WriteModeScope mode(m_db, WriteMode::kCapture);
    // A write replaces values that may carry a later stamp than our clock (written by a device whose
    // clock ran ahead): it must still be newer than what the person saw, here and everywhere.
    FC_ASSIGN(Hlc floor, newestVersion(table, id, changed));
    const Hlc hlc = m_hlc.nowAfter(floor);
    std::string sql = "UPDATE " + table.name + " SET ";
    for (size_t k = 0; k < changed.size(); ++k) {
        if (k) sql += ",";
        sql += table.columns[static_cast<size_t>(changed[k])].name + "=?";
    }
    sql += " WHERE id=?";
    FC_ASSIGN(Stmt * u, m_db.cached(sql));
    int i = 1;
    for (int c : changed) u->bind(i++, row[static_cast<size_t>(c)]);
    u->bind(i, id);
    if (auto r = u->run(); !r) return r.error().context("update " + table.name);
    FC_TRY(recordColumnVersions(table, id, changed, hlc));
    FC_TRY(m_sync.append(hlc, table, id, ChangeOp::kUpdate, payloadJson(table, changed, row)));
    FC_TRY(notify(RowChange{table, id, ChangeOp::kUpdate, &changed, &row, &previous}));
    return true;
}

Status ChangeWriter::tombstone(const TableDef& table, const std::string& id) {
    FC_TRY(requireTx(table, "delete"));
    if (!table.isMaster())
        return internal(table.name + " holds facts: they are never deleted, only reversed");
    const int col = table.columnIndex("deleted_at");
    assert(col >= 0 && "master tables end with deleted_at");
    FC_ASSIGN(Stmt * q, m_db.cached("SELECT deleted_at FROM " + table.name + " WHERE id = ?"));
    q->bind(1, id);
    FC_ASSIGN(bool found, q->step());
    if (!found) return notFound(table.name + " " + id + " does not exist");
    const bool already = !q->isNull(0);
    q->reset();
    if (already) return {};
    FC_TRY(allowed(table, ChangeOp::kTombstone, {col}));

    WriteModeScope mode(m_db, WriteMode::kCapture);
    FC_ASSIGN(Hlc floor, newestVersion(table, id, {col}));
    const Hlc hlc = m_hlc.nowAfter(floor);
    Row row(table.columns.size());
    row[static_cast<size_t>(col)] = SqlValue::integer(static_cast<int64_t>(hlc.ms()));
    FC_ASSIGN(Stmt * u, m_db.cached("UPDATE " + table.name + " SET deleted_at = ? WHERE id = ?"));
    u->bindAll(static_cast<int64_t>(hlc.ms()), id);
    FC_TRY(u->run());
    FC_TRY(recordColumnVersions(table, id, {col}, hlc));
    FC_TRY(m_sync.append(hlc, table, id, ChangeOp::kTombstone, payloadJson(table, {col}, row)));
    const std::vector<int> columns = {col};
    const Row previous(table.columns.size());  // deleted_at was NULL
    return notify(RowChange{table, id, ChangeOp::kTombstone, &columns, &row, &previous});
}

Result<Hlc> ChangeWriter::newestVersion(const TableDef& table, const std::string& id,
                                        const std::vector<int>& columns) {
    FC_ASSIGN(Stmt * r, m_db.cached("SELECT _hlc FROM " + table.name + " WHERE id = ?"));
    r->bind(1, id);
    FC_ASSIGN(bool found, r->step());
    Hlc newest{found ? static_cast<uint64_t>(r->getInt(0)) : 0};
    r->reset();
    FC_ASSIGN(Stmt * v, m_db.cached("SELECT col, hlc FROM col_versions WHERE tbl = ? AND row_id = ?"));
    v->bindAll(table.name, id);
    FC_TRY(v->each([&](Stmt& version) {
        const int col = table.columnIndex(version.getTextView(0));
        if (std::find(columns.begin(), columns.end(), col) == columns.end()) return;
        newest = std::max(newest, Hlc{static_cast<uint64_t>(version.getInt(1))});
    }));
    return newest;
}

Status ChangeWriter::recordColumnVersions(const TableDef& table, const std::string& id,
                                          const std::vector<int>& columns, Hlc hlc) {
    FC_ASSIGN(Stmt * s, own(m_versionStmt,
                            "INSERT INTO col_versions(tbl, row_id, col, hlc, dev) VALUES (?,?,?,?,?) "
                            "ON CONFLICT(tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, "
                            "dev = excluded.dev"));
    for (int c : columns) {
        s->bindAll(table.name, id, table.columns[static_cast<size_t>(c)].name,
                   static_cast<int64_t>(hlc.value), m_deviceId);
        FC_TRY(s->run());
    }
    return {};
}

bool RowChange::touches(int column) const {
    return !columns || std::find(columns->begin(), columns->end(), column) != columns->end();
}

Status ChangeWriter::notify(const RowChange& change) {
    bool deferredAny = false;
    for (ChangeObserver* o : m_observers) {
        if (m_deferDepth > 0 && o->deferrable()) {
            deferredAny = true;
            continue;
        }
        FC_TRY(o->changed(change));
    }
    if (deferredAny) m_deferredIds[&change.table].push_back(change.id);
    return {};
}

void ChangeWriter::beginDeferred() { ++m_deferDepth; }

Status ChangeWriter::finishDeferred() {
    assert(m_deferDepth > 0 && "finishDeferred without beginDeferred");
    if (--m_deferDepth > 0) return {};
    auto pending = std::move(m_deferredIds);
    m_deferredIds.clear();
    // Parents first, in the registry's order, so observers see customers before vehicles.
    for (const TableDef* t : m_schema.tables()) {
        auto it = pending.find(t);
        if (it == pending.end()) continue;
        auto& ids = it->second;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        for (ChangeObserver* o : m_observers)
            if (o->deferrable()) FC_TRY(o->changedMany(*t, ids));
    }
    for (ChangeObserver* o : m_observers)
        if (o->deferrable()) FC_TRY(o->flush());
    return {};
}

void ChangeWriter::abandonDeferred() {
    if (m_deferDepth > 0 && --m_deferDepth == 0) m_deferredIds.clear();
}

}  // namespace fc::core
