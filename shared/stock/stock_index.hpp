// Stock on hand, derived from the movements (facts) and kept in local tables so a lookup is one
// indexed row, never a sum over a million movements. Kept current by every movement this replica
// writes or merges (in the same transaction), rebuilt from the movements after a restore, copied
// from a hub snapshot.
//
//   SELECT qty_milli FROM local_stock WHERE part_id = ? AND bin_id = ?    -- in one bin
//   SELECT qty_milli, avg_cost_fen, value_fen FROM local_part_stock WHERE part_id = ?
//
// The quantities are plain sums, so the order movements arrive in does not matter. The moving
// average cost does depend on order: it is computed in HLC order (then id), the same on every
// replica; a movement that arrives older than the newest one applied to its part makes that part's
// figures be computed again from its movements.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "shared/capture/service_set.hpp"

namespace fc::core {

// num / den rounded half away from zero, in 128 bits: a quantity (up to 10^9 thousandths) times a
// cost (up to 10^10 fen) overflows 64.
__extension__ int64_t roundedDiv(__int128 num, __int128 den);

// The moving average after a movement: receipts (and returns) with a known unit cost move it;
// everything else is taken out at the average. Exposed for the tests and the oracle.
struct AverageCost {
    int64_t qtyMilli = 0;
    int64_t avgCostFen = 0;  // per unit
    void apply(int64_t deltaMilli, int64_t unitCostFen, bool costed);
    int64_t valueFen() const;  // qty × average, rounded to the fen
};

class StockIndex final : public DerivedIndex {
public:
    explicit StockIndex(Db& db) : m_db(db) {}
    Status changed(const RowChange& change) override;
    Status changedMany(const TableDef& table, const std::vector<std::string>& ids) override;
    Status flush() override;
    Status rebuild() override;
    Status loadFrom(const std::string& schema) override;
    static const std::vector<IndexTable>& tables();

    // Computes one part's figures from its movements again.
    Status recompute(const std::string& partId);

private:
    Status applyMovement(const std::string& movementId);

    Db& m_db;
    std::set<std::string> m_pendingMovements;  // a bulk: applied at flush
    std::set<std::string> m_recompute;         // parts to compute again at flush
};

}  // namespace fc::core
