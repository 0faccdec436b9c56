// Each work order's derived state kept in a local table (local_job_state), so the lists that
// show open jobs — my jobs, the bay board, the advisor's workshop board — read one indexed table
// instead of deriving 50,000 closed orders' state from their facts. Kept current by every write
// it observes (a technician's step on this tablet, facts merged from another device, an order
// opened or deleted), rebuilt from the facts after a restore, copied from a hub snapshot.
//
//   SELECT work_order_id FROM local_job_state WHERE final = 0   -- the open orders
//
// Columns: status (workOrderStatusKey), final (closed or cancelled), clocked_on (staff ids,
// comma-separated, sorted), steps_done, findings (yellow and red), illegal (facts the merge
// found illegal: the conflicts the hub raises), last_at (the newest fact, on its author's clock).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "shared/capture/service_set.hpp"

namespace fc::core {

class JobStateIndex final : public DerivedIndex {
public:
    explicit JobStateIndex(Db& db) : m_db(db) {}
    Status changed(const RowChange& change) override;
    Status changedMany(const TableDef& table, const std::vector<std::string>& ids) override;
    Status flush() override;
    Status rebuild() override;
    static const std::vector<IndexTable>& tables();
    Status loadFrom(const std::string& schema) override;

    // Derives one order's state from its facts and stores it (or removes it: a deleted order).
    Status refresh(const std::string& orderId);

private:
    Status collect(const TableDef& table, const std::string& id, const RowChange* change);

    Db& m_db;
    std::set<std::string> m_pending;  // orders to refresh at flush (a bulk)
};

}  // namespace fc::core
