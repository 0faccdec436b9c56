#include "shared/workorders/job_state_index.hpp"

#include "shared/workorders/tables.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

namespace {

std::string joined(const std::set<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) {
        if (!out.empty()) out += ',';
        out += id;
    }
    return out;
}

}  // namespace

Status JobStateIndex::refresh(const std::string& orderId) {
    FC_ASSIGN(Stmt * q, m_db.cached("SELECT deleted_at FROM work_orders WHERE id = ?"));
    q->bind(1, orderId);
    FC_ASSIGN(bool row, q->step());
    const bool live = row && q->isNull(0);
    q->reset();
    if (!live) {
        // Gone or tombstoned — or a fact that arrived before its order (the order's insert
        // refreshes it when it comes).
        FC_ASSIGN(Stmt * del, m_db.cached("DELETE FROM local_job_state WHERE work_order_id = ?"));
        del->bind(1, orderId);
        return del->run();
    }
    FC_ASSIGN(std::vector<JobFact> facts, WorkOrderService::factsOf(m_db, orderId));
    const DerivedJob job = deriveJob(std::move(facts));
    FC_ASSIGN(Stmt * up, m_db.cached(
                             "INSERT OR REPLACE INTO local_job_state(work_order_id, status, final, clocked_on, "
                             "steps_done, findings, illegal, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    up->bind(1, orderId);
    up->bind(2, workOrderStatusKey(job.status));
    up->bind(3, static_cast<int64_t>(isFinal(job.status)));
    up->bind(4, joined(job.clockedOn));
    up->bind(5, static_cast<int64_t>(job.stepsDone.size()));
    up->bind(6, static_cast<int64_t>(job.findings.size()));
    up->bind(7, static_cast<int64_t>(job.illegal.size()));
    up->bind(8, job.lastAt);
    return up->run();
}

Status JobStateIndex::collect(const TableDef& table, const std::string& id, const RowChange* change) {
    if (&table == &tables::kWorkOrders) {
        m_pending.insert(id);
        return {};
    }
    if (&table != &tables::kJobEvents && &table != &tables::kTimeEntries) return {};
    // Facts are inserted only; the write says which order when it is known.
    if (change && change->known() && change->op == ChangeOp::kInsert) {
        const int col = table.columnIndex("work_order_id");
        const SqlValue& v = (*change->values)[static_cast<size_t>(col)];
        if (v.type == SqlValue::Type::kText) {
            m_pending.insert(v.s);
            return {};
        }
    }
    FC_ASSIGN(Stmt * s, m_db.cached(&table == &tables::kJobEvents
                                        ? "SELECT work_order_id FROM job_events WHERE id = ?"
                                        : "SELECT work_order_id FROM time_entries WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (row) m_pending.insert(s->getText(0));
    s->reset();
    return {};
}

Status JobStateIndex::changed(const RowChange& change) {
    FC_TRY(collect(change.table, change.id, &change));
    return flush();
}

Status JobStateIndex::changedMany(const TableDef& table, const std::vector<std::string>& ids) {
    for (const std::string& id : ids) FC_TRY(collect(table, id, nullptr));
    return {};
}

Status JobStateIndex::flush() {
    std::set<std::string> pending;
    pending.swap(m_pending);
    for (const std::string& id : pending) FC_TRY(refresh(id));
    return {};
}

Status JobStateIndex::rebuild() {
    m_pending.clear();
    FC_TRY(m_db.exec("DELETE FROM local_job_state"));
    std::vector<std::string> ids;
    FC_ASSIGN(Stmt * s, m_db.cached("SELECT id FROM work_orders WHERE deleted_at IS NULL"));
    FC_TRY(s->each([&](Stmt& r) { ids.push_back(r.getText(0)); }));
    for (const std::string& id : ids) FC_TRY(refresh(id));
    return {};
}

const std::vector<IndexTable>& JobStateIndex::tables() {
    static const std::vector<IndexTable> t = {
        {"local_job_state", "work_order_id,status,final,clocked_on,steps_done,findings,illegal,last_at"}};
    return t;
}

Status JobStateIndex::loadFrom(const std::string& schema) {
    m_pending.clear();
    return replaceIndexTables(m_db, tables(), schema);
}

}  // namespace fc::core
