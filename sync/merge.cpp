#include "sync/merge.hpp"

#include <algorithm>
#include <map>

namespace fc::sync {

using core::SqlValue;
using core::Stmt;
using core::Version;

SqlValue jsonToSql(const nlohmann::json& v) {
    if (v.is_null()) return SqlValue::null();
    if (v.is_number_integer()) return SqlValue::integer(v.get<int64_t>());
    if (v.is_string()) return SqlValue::text(v.get<std::string>());
    return SqlValue::text(v.dump());
}

nlohmann::json sqlToJson(const SqlValue& v) {
    switch (v.type) {
        case SqlValue::Type::kNull: return nullptr;
        case SqlValue::Type::kInt: return v.i;
        case SqlValue::Type::kText: return v.s;
    }
    return nullptr;
}

namespace {

bool parentExists(core::Db& db, const std::string& table, const std::string& id, bool& exists) {
    auto s = db.cached("SELECT 1 FROM " + table + " WHERE id = ?");
    if (!s) return false;
    (*s)->bind(1, id);
    auto row = (*s)->step();
    if (!row) return false;
    exists = *row;
    (*s)->reset();
    return true;
}

// INSERT of a whole row with its version; `ignoreExisting` ignores only a second copy (same id).
Status insertRow(core::Db& db, const TableDef& t, const Change& c, const core::Row& values,
                 bool ignoreExisting) {
    std::string cols = "id";
    std::string params = "?";
    for (const auto& col : t.columns) cols += "," + col.name, params += ",?";
    FC_ASSIGN(Stmt * s, db.cached("INSERT INTO " + t.name + "(" + cols + ",_hlc,_dev) VALUES (" + params +
                                  ",?,?)" + (ignoreExisting ? " ON CONFLICT(id) DO NOTHING" : "")));
    int i = 1;
    s->bind(i++, c.id);
    for (const auto& v : values) s->bind(i++, v);
    s->bind(i++, static_cast<int64_t>(c.hlc.value));
    s->bind(i++, c.device);
    return s->run();
}

}  // namespace

Result<ApplyOutcome> Merger::apply(const Change& c) {
    if (m_store.db().txDepth() == 0)
        return core::internal("apply outside a transaction: a page and its cursor commit together");
    core::WriteModeScope mode(m_store.db(), core::WriteMode::kApply);
    return c.table->isMaster() ? applyMaster(c) : applyFact(c);
}

Result<ApplyOutcome> Merger::applyFact(const Change& c) {
    const TableDef& t = *c.table;
    core::Db& db = m_store.db();
    ApplyOutcome out;
    core::Row values;
    values.reserve(t.columns.size());
    for (const auto& v : c.data) values.push_back(jsonToSql(v));
    for (size_t i = 0; i < t.columns.size(); ++i) {
        const auto& col = t.columns[i];
        if (col.references.empty() || values[i].isNull()) continue;
        bool exists = false;
        if (!parentExists(db, col.references, values[i].s, exists))
            return core::internal("apply: cannot look up " + col.references);
        if (!exists) {
            out.result = ApplyResult::kMissingParent;
            out.reason = t.name + "." + col.name + " points at " + col.references + " " +
                         values[i].s + ", which is not here";
            return out;
        }
    }
    // Only a second copy of the same fact is ignored; any other rule the row breaks is an error.
    FC_TRY(insertRow(db, t, c, values, true));
    if (db.changes() == 0) return out;  // inserted once already
    out.result = ApplyResult::kApplied;
    std::vector<int> all(t.columns.size());
    for (size_t k = 0; k < all.size(); ++k) all[k] = static_cast<int>(k);
    FC_TRY(m_store.writer().notify(core::RowChange{t, c.id, ChangeOp::kFact, &all, &values, nullptr}));
    return out;
}

namespace {

// A master row as it is here, with the version of each column (the insert's, or a later write's).
struct StoredRow {
    bool exists = false;
    core::Row values;
    Version rowVersion;
    std::map<std::string, Version> columnVersions;

    Version versionOf(const std::string& col) const {
        auto it = columnVersions.find(col);
        return it == columnVersions.end() ? rowVersion : it->second;
    }
};

Result<StoredRow> readRow(core::Db& db, const TableDef& t, const std::string& id) {
    StoredRow row;
    std::string cols;
    for (const auto& col : t.columns) cols += col.name + ",";
    FC_ASSIGN(Stmt * q, db.cached("SELECT " + cols + "_hlc, _dev FROM " + t.name + " WHERE id = ?"));
    q->bind(1, id);
    FC_ASSIGN(row.exists, q->step());
    const int n = static_cast<int>(t.columns.size());
    if (row.exists) {
        row.values.resize(t.columns.size());
        for (int k = 0; k < n; ++k) row.values[static_cast<size_t>(k)] = q->getValue(k);
        row.rowVersion = Version{core::Hlc{static_cast<uint64_t>(q->getInt(n))}, q->getText(n + 1)};
    }
    q->reset();
    if (!row.exists) return row;
    FC_ASSIGN(Stmt * v, db.cached("SELECT col, hlc, dev FROM col_versions WHERE tbl = ? AND row_id = ?"));
    v->bindAll(t.name, id);
    FC_TRY(v->each([&](Stmt& r) {
        row.columnVersions[r.getText(0)] = Version{core::Hlc{static_cast<uint64_t>(r.getInt(1))}, r.getText(2)};
    }));
    return row;
}

// What a change proposes, column by column.
std::vector<std::pair<int, SqlValue>> proposedColumns(const Change& c) {
    std::vector<std::pair<int, SqlValue>> proposed;
    const TableDef& t = *c.table;
    if (c.op == ChangeOp::kInsert) {
        for (size_t k = 0; k < t.columns.size(); ++k) proposed.emplace_back(static_cast<int>(k), jsonToSql(c.data[k]));
    } else {
        for (auto it = c.data.begin(); it != c.data.end(); ++it)
            proposed.emplace_back(t.columnIndex(it.key()), jsonToSql(it.value()));
    }
    return proposed;
}

// The columns to write after last-writer-wins per column; a tombstone is never undone and two
// tombstones keep the earlier time (commutative).
struct MergedWrite {
    std::vector<int> written;
    core::Row newValues;
    core::Row previous;
    std::vector<std::pair<int, Version>> newVersions;
};

MergedWrite mergeColumns(const Change& c, const StoredRow& row, ApplyOutcome& out) {
    const TableDef& t = *c.table;
    const Version incoming{c.hlc, c.device};
    const int deletedCol = t.columnIndex("deleted_at");
    MergedWrite w;
    w.newValues.resize(t.columns.size());
    w.previous.resize(t.columns.size());
    for (auto& [col, value] : proposedColumns(c)) {
        const auto k = static_cast<size_t>(col);
        const Version cv = row.versionOf(t.columns[k].name);
        ColumnOutcome co{col, false, row.values[k], cv, value};
        if (col == deletedCol) {
            if (!value.isNull()) {
                SqlValue merged = value;
                if (!row.values[k].isNull() && row.values[k].i <= value.i) merged = row.values[k];
                const Version mergedVersion = cv < incoming ? incoming : cv;
                if (!(merged == row.values[k]) || !(mergedVersion == cv)) {
                    w.written.push_back(col);
                    w.newValues[k] = merged;
                    w.previous[k] = row.values[k];
                    w.newVersions.emplace_back(col, mergedVersion);
                    co.won = !(merged == row.values[k]);
                }
            }
        } else if (cv < incoming) {
            // The version advances even when the value is the same, as on every other replica.
            co.won = true;
            w.written.push_back(col);
            w.newValues[k] = value;
            w.previous[k] = row.values[k];
            w.newVersions.emplace_back(col, incoming);
        }
        out.columns.push_back(std::move(co));
    }
    return w;
}

}  // namespace

Result<ApplyOutcome> Merger::applyMaster(const Change& c) {
    const TableDef& t = *c.table;
    core::Db& db = m_store.db();
    ApplyOutcome out;
    FC_ASSIGN(StoredRow row, readRow(db, t, c.id));
    out.rowExisted = row.exists;
    if (!row.exists) return insertMaster(c);

    MergedWrite w = mergeColumns(c, row, out);
    if (w.written.empty()) return out;
    std::string sql = "UPDATE " + t.name + " SET ";
    for (size_t k = 0; k < w.written.size(); ++k)
        sql += (k ? "," : "") + t.columns[static_cast<size_t>(w.written[k])].name + "=?";
    sql += " WHERE id=?";
    FC_ASSIGN(Stmt * u, db.cached(sql));
    int i = 1;
    for (int col : w.written) u->bind(i++, w.newValues[static_cast<size_t>(col)]);
    u->bind(i, c.id);
    FC_TRY(u->run());
    FC_ASSIGN(Stmt * cvs, db.cached("INSERT INTO col_versions(tbl, row_id, col, hlc, dev) VALUES (?,?,?,?,?) "
                                    "ON CONFLICT(tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, "
                                    "dev = excluded.dev"));
    for (const auto& [col, ver] : w.newVersions) {
        cvs->bindAll(t.name, c.id, t.columns[static_cast<size_t>(col)].name, static_cast<int64_t>(ver.hlc.value),
                     ver.device);
        FC_TRY(cvs->run());
    }
    bool valueChanged = false;
    for (int col : w.written)
        valueChanged |= !(w.newValues[static_cast<size_t>(col)] == row.values[static_cast<size_t>(col)]);
    out.result = valueChanged ? ApplyResult::kApplied : ApplyResult::kNoop;
    if (valueChanged) {
        const int deletedCol = t.columnIndex("deleted_at");
        const bool tomb = std::find(w.written.begin(), w.written.end(), deletedCol) != w.written.end() &&
                          row.values[static_cast<size_t>(deletedCol)].isNull();
        FC_TRY(m_store.writer().notify(core::RowChange{t, c.id, tomb ? ChangeOp::kTombstone : ChangeOp::kUpdate,
                                                       &w.written, &w.newValues, &w.previous}));
    }
    return out;
}

// A master row that is not here yet: only its insert can bring it; anything else waits (parked).
Result<ApplyOutcome> Merger::insertMaster(const Change& c) {
    const TableDef& t = *c.table;
    ApplyOutcome out;
    if (c.op != ChangeOp::kInsert) {
        out.result = ApplyResult::kParked;
        out.reason = t.name + " " + c.id + " is not here yet";
        return out;
    }
    core::Row values;
    for (const auto& v : c.data) values.push_back(jsonToSql(v));
    FC_TRY(insertRow(m_store.db(), t, c, values, false));
    out.result = ApplyResult::kApplied;
    std::vector<int> all(t.columns.size());
    for (size_t k = 0; k < all.size(); ++k) {
        all[k] = static_cast<int>(k);
        out.columns.push_back({static_cast<int>(k), true, SqlValue::null(), Version{}, values[k]});
    }
    FC_TRY(m_store.writer().notify(core::RowChange{t, c.id, ChangeOp::kInsert, &all, &values, nullptr}));
    return out;
}

}  // namespace fc::sync
