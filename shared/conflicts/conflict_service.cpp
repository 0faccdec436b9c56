#include "shared/conflicts/conflict_service.hpp"

#include "shared/capture/row.hpp"
#include "shared/conflicts/tables.hpp"

namespace fc::core {

Result<std::string> ConflictService::raise(const ConflictInput& in) {
    const std::string id = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kConflicts)
                           .set("store_id", m_store.storeId())
                           .set("rule", in.rule)
                           .set("tbl", in.table)
                           .set("row_id", in.rowId)
                           .set("col", in.column)
                           .set("detail", in.detail)
                           .set("suggestion", in.suggestion)
                           .set("status", "open")
                           .set("resolution", "")
                           .set("created_at", m_store.nowMs())
                           .build());
    FC_TRY(m_store.writer().insert(tables::kConflicts, id, row));
    return id;
}

Result<bool> ConflictService::openBetween(const std::string& rule, const std::string& rowA,
                                          const std::string& rowB) {
    FC_ASSIGN(Stmt * e, m_store.db().cached(
                            "SELECT count(*) FROM conflicts WHERE rule = ?3 AND status = 'open' AND "
                            "((row_id = ?1 AND col = ?2) OR (row_id = ?2 AND col = ?1))"));
    e->bindAll(rowA, rowB, rule);
    FC_ASSIGN(bool row, e->step());
    const bool exists = row && e->getInt(0) > 0;
    e->reset();
    return exists;
}

Result<int64_t> ConflictService::openCount() {
    FC_ASSIGN(auto n, m_store.db().queryInt(
                          "SELECT count(*) FROM conflicts WHERE status = 'open' AND deleted_at IS NULL"));
    return n.value_or(0);
}

}  // namespace fc::core
