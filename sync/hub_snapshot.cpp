// A new device's first sync: the hub's whole current state as a SQLite database file (see
// PROTOCOL.md, "snapshot"), built on its own connection in one read transaction.
#include <filesystem>

#include "sync/hub.hpp"

namespace fc::sync {

using core::Stmt;

Result<SnapshotFile> Hub::snapshot(const HubDevice& device) {
    SnapshotFile out;
    out.path = m_services->db().path() + "-snap-" + randomSecret(8) + ".db";
    core::Db::Options opt;
    opt.wal = false;  // a scratch file: no journal, no fsync; the caller removes it
    auto built = [&]() -> Status {
        FC_ASSIGN(core::Db snap, core::Db::open(out.path, opt));
        FC_TRY(snap.exec("PRAGMA page_size=65536"));
        FC_ASSIGN(Stmt attach, snap.prepare("ATTACH DATABASE ? AS hub"));
        attach.bind(1, m_services->db().path());
        FC_TRY(attach.run());
        // One read transaction: the rows and the cursor agree; pushes go on meanwhile (WAL). It
        // starts under the writer lock, right after the derived indexes have caught up, so the
        // indexes in the file cover every row in it.
        {
            std::lock_guard lock(m_mutex);
            FC_TRY(m_services->catchUpIndexes());
            FC_TRY(snap.exec("BEGIN"));
            FC_ASSIGN(auto cursor, snap.queryInt("SELECT coalesce(max(seq), 0) FROM hub.hub_log"));
            out.cursor = cursor.value_or(0);
        }
        std::string tableList;
        for (const core::TableDef* t : wireSchema().tables()) {
            FC_TRY(snap.exec("CREATE TABLE main." + t->name + " AS SELECT " + snapshotColumns(*t) +
                             " FROM hub." + t->name));
            FC_ASSIGN(auto n, snap.queryInt("SELECT count(*) FROM main." + t->name));
            out.rows += n.value_or(0);
            tableList += (tableList.empty() ? "'" : ",'") + t->name + "'";
        }
        FC_TRY(snap.exec("CREATE TABLE main.col_versions AS SELECT tbl, row_id, col, hlc, dev "
                         "FROM hub.col_versions WHERE tbl IN (" + tableList + ")"));
        // The derived indexes too, made from these same rows: a device copies them instead of
        // rebuilding (tokenizing every customer for the search index is most of the work).
        for (const core::IndexTable& t : m_services->registry().indexTables())
            FC_TRY(snap.exec(std::string("CREATE TABLE main.") + t.name + " AS SELECT " + t.columns +
                             " FROM hub." + t.name));
        FC_TRY(snap.exec("CREATE TABLE main.snap_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID"));
        FC_ASSIGN(Stmt meta, snap.prepare("INSERT INTO main.snap_meta(key, value) VALUES (?, ?)"));
        auto put = [&](const char* key, auto value) -> Status {
            meta.bindAll(key, value);
            return meta.run();
        };
        FC_TRY(put("format", int64_t{kSnapshotFormat}));
        FC_TRY(put("cursor", out.cursor));
        FC_TRY(put("schema", int64_t{wireSchema().version()}));
        FC_TRY(put("store", storeId()));
        FC_TRY(put("rows", out.rows));
        FC_TRY(put("hub_time", nowMs()));
        FC_TRY(snap.exec("COMMIT"));
        FC_TRY(snap.exec("DETACH DATABASE hub"));
        return {};
    }();
    std::error_code ec;
    if (!built) {
        std::filesystem::remove(out.path, ec);
        return built.error().context("snapshot");
    }
    out.bytes = std::filesystem::file_size(out.path, ec);
    std::lock_guard lock(m_mutex);
    FC_TRY(audit(device.id, "snapshot",
                 std::to_string(out.rows) + " rows at cursor " + std::to_string(out.cursor)));
    return out;
}

}  // namespace fc::sync
