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

Result<ApplyOutcome> Merger::applyMaster(const Change& c) {
    const TableDef& t = *c.table;
    core::Db& db = m_store.db();
    ApplyOutcome out;
    const Version incoming{c.hlc, c.device};

    // The row as it is, with its insert version.
    std::string cols;
    for (const auto& col : t.columns) cols += col.name + ",";
    FC_ASSIGN(Stmt * q, db.cached("SELECT " + cols + "_hlc, _dev FROM " + t.name + " WHERE id = ?"));
    q->bind(1, c.id);
    FC_ASSIGN(bool exists, q->step());
    core::Row current(t.columns.size());
    Version rowVersion;
    if (exists) {
        for (size_t k = 0; k < t.columns.size(); ++k) current[k] = q->getValue(static_cast<int>(k));
        rowVersion = Version{core::Hlc{static_cast<uint64_t>(q->getInt(static_cast<int>(t.columns.size())))},
                             q->getText(static_cast<int>(t.columns.size()) + 1)};
    }
    q->reset();
    out.rowExisted = exists;

    if (!exists) {
        if (c.op != ChangeOp::kInsert) {
            out.result = ApplyResult::kParked;
            out.reason = t.name + " " + c.id + " is not here yet";
            return out;
        }
        core::Row values;
        for (const auto& v : c.data) values.push_back(jsonToSql(v));
        FC_TRY(insertRow(db, t, c, values, false));
        out.result = ApplyResult::kApplied;
        std::vector<int> all(t.columns.size());
        for (size_t k = 0; k < all.size(); ++k) {
            all[k] = static_cast<int>(k);
            out.columns.push_back({static_cast<int>(k), true, SqlValue::null(), Version{}, values[k]});
        }
        FC_TRY(m_store.writer().notify(
            core::RowChange{t, c.id, ChangeOp::kInsert, &all, &values, nullptr}));
        return out;
    }

    // Per-column versions of this row (columns written after its insert).
    std::map<std::string, Version> versions;
    FC_ASSIGN(Stmt * v, db.cached("SELECT col, hlc, dev FROM col_versions WHERE tbl = ? AND row_id = ?"));
    v->bindAll(t.name, c.id);
    while (true) {
        FC_ASSIGN(bool row, v->step());
        if (!row) break;
        versions[v->getText(0)] = Version{core::Hlc{static_cast<uint64_t>(v->getInt(1))}, v->getText(2)};
    }
    v->reset();
    auto versionOf = [&](const std::string& col) {
        auto it = versions.find(col);
        return it == versions.end() ? rowVersion : it->second;
    };

    // What the change proposes, column by column.
    std::vector<std::pair<int, SqlValue>> proposed;
    if (c.op == ChangeOp::kInsert) {
        for (size_t k = 0; k < t.columns.size(); ++k)
            proposed.emplace_back(static_cast<int>(k), jsonToSql(c.data[k]));
    } else {
        for (auto it = c.data.begin(); it != c.data.end(); ++it)
            proposed.emplace_back(t.columnIndex(it.key()), jsonToSql(it.value()));
    }

    const int deletedCol = t.columnIndex("deleted_at");
    std::vector<int> written;
    core::Row newValues(t.columns.size());
    core::Row previous(t.columns.size());
    std::vector<std::pair<int, Version>> newVersions;
    for (auto& [col, value] : proposed) {
        const auto k = static_cast<size_t>(col);
        const Version cv = versionOf(t.columns[k].name);
        ColumnOutcome co{col, false, current[k], cv, value};
        if (col == deletedCol) {
            // A tombstone is never undone; two tombstones keep the earlier time (commutative).
            if (value.isNull()) {
                out.columns.push_back(co);
                continue;
            }
            SqlValue merged = value;
            if (!current[k].isNull() && current[k].i <= value.i) merged = current[k];
            const Version mergedVersion = cv < incoming ? incoming : cv;
            if (!(merged == current[k]) || !(mergedVersion == cv)) {
                written.push_back(col);
                newValues[k] = merged;
                previous[k] = current[k];
                newVersions.emplace_back(col, mergedVersion);
                co.won = !(merged == current[k]);
            }
            out.columns.push_back(co);
            continue;
        }
        if (cv < incoming) {
            // The version advances even when the value is the same, as on every other replica.
            co.won = true;
            written.push_back(col);
            newValues[k] = value;
            previous[k] = current[k];
            newVersions.emplace_back(col, incoming);
        }
        out.columns.push_back(co);
    }
    if (written.empty()) return out;

    std::string sql = "UPDATE " + t.name + " SET ";
    for (size_t k = 0; k < written.size(); ++k)
        sql += (k ? "," : "") + t.columns[static_cast<size_t>(written[k])].name + "=?";
    sql += " WHERE id=?";
    FC_ASSIGN(Stmt * u, db.cached(sql));
    int i = 1;
    for (int col : written) u->bind(i++, newValues[static_cast<size_t>(col)]);
    u->bind(i, c.id);
    FC_TRY(u->run());
    FC_ASSIGN(Stmt * cvs, db.cached(
                              "INSERT INTO col_versions(tbl, row_id, col, hlc, dev) VALUES (?,?,?,?,?) "
                              "ON CONFLICT(tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, "
                              "dev = excluded.dev"));
    for (const auto& [col, ver] : newVersions) {
        cvs->bindAll(t.name, c.id, t.columns[static_cast<size_t>(col)].name,
                     static_cast<int64_t>(ver.hlc.value), ver.device);
        FC_TRY(cvs->run());
    }
    bool valueChanged = false;
    for (int col : written)
        valueChanged |= !(newValues[static_cast<size_t>(col)] == current[static_cast<size_t>(col)]);
    out.result = valueChanged ? ApplyResult::kApplied : ApplyResult::kNoop;
    if (valueChanged) {
        const bool tomb = std::find(written.begin(), written.end(), deletedCol) != written.end() &&
                          current[static_cast<size_t>(deletedCol)].isNull();
        FC_TRY(m_store.writer().notify(core::RowChange{
            t, c.id, tomb ? ChangeOp::kTombstone : ChangeOp::kUpdate, &written, &newValues, &previous}));
    }
    return out;
}

}  // namespace fc::sync
