#include "shared/stock/stock_index.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "shared/stock/tables.hpp"

namespace fc::core {

namespace {

__extension__ using i128 = __int128;

bool costs(const std::string& kind) { return kind == "receipt" || kind == "return"; }

struct Movement {
    std::string id, partId, binId, kind;
    int64_t qtyMilli = 0, unitCostFen = 0, at = 0, hlc = 0;
};

// (hlc, id): the order every replica agrees on.
bool after(int64_t hlc, const std::string& id, int64_t lastHlc, const std::string& lastId) {
    return hlc != lastHlc ? hlc > lastHlc : id > lastId;
}

}  // namespace

int64_t roundedDiv(i128 num, i128 den) {
    if (den < 0) num = -num, den = -den;
    const i128 q = num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
    return static_cast<int64_t>(q);
}

void AverageCost::apply(int64_t deltaMilli, int64_t unitCostFen, bool costed) {
    if (costed && deltaMilli > 0 && unitCostFen > 0) {
        if (qtyMilli <= 0)
            avgCostFen = unitCostFen;
        else
            avgCostFen = roundedDiv(static_cast<i128>(qtyMilli) * avgCostFen +
                                      static_cast<i128>(deltaMilli) * unitCostFen,
                                  static_cast<i128>(qtyMilli) + deltaMilli);
    }
    qtyMilli += deltaMilli;
}

int64_t AverageCost::valueFen() const { return roundedDiv(static_cast<i128>(qtyMilli) * avgCostFen, 1000); }

Status StockIndex::applyMovement(const std::string& movementId) {
    FC_ASSIGN(Stmt * q, m_db.cached("SELECT part_id, bin_id, kind, qty_milli, unit_cost_fen, at, _hlc "
                                    "FROM stock_movements WHERE id = ?"));
    q->bind(1, movementId);
    FC_ASSIGN(bool row, q->step());
    if (!row) {
        q->reset();
        return {};
    }
    Movement m{movementId, q->getText(0), q->getText(1), q->getText(2), q->getInt(3), q->getInt(4), q->getInt(5),
               q->getInt(6)};
    q->reset();

    // The bin: a sum, applied once (a movement seen again is at or before the bin's last).
    FC_ASSIGN(Stmt * b, m_db.cached("SELECT qty_milli, last_hlc, last_id FROM local_stock WHERE part_id = ? AND bin_id = ?"));
    b->bind(1, m.partId);
    b->bind(2, m.binId);
    FC_ASSIGN(bool haveBin, b->step());
    const int64_t binQty = haveBin ? b->getInt(0) : 0, binHlc = haveBin ? b->getInt(1) : 0;
    const std::string binLast = haveBin ? b->getText(2) : "";
    b->reset();
    if (!haveBin || after(m.hlc, m.id, binHlc, binLast)) {
        FC_ASSIGN(Stmt * up, m_db.cached("INSERT OR REPLACE INTO local_stock(part_id, bin_id, qty_milli, last_hlc, last_id) "
                                         "VALUES (?, ?, ?, ?, ?)"));
        up->bind(1, m.partId);
        up->bind(2, m.binId);
        up->bind(3, binQty + m.qtyMilli);
        up->bind(4, m.hlc);
        up->bind(5, m.id);
        FC_TRY(up->run());
    } else {
        m_recompute.insert(m.partId);  // older than what the bin has seen: count it again
    }

    // The part: quantity, moving average and value, in HLC order.
    FC_ASSIGN(Stmt * p, m_db.cached("SELECT qty_milli, avg_cost_fen, last_hlc, last_id, last_issue_at "
                                    "FROM local_part_stock WHERE part_id = ?"));
    p->bind(1, m.partId);
    FC_ASSIGN(bool havePart, p->step());
    AverageCost cost;
    int64_t partHlc = 0, lastIssue = 0;
    std::string partLast;
    if (havePart) {
        cost.qtyMilli = p->getInt(0);
        cost.avgCostFen = p->getInt(1);
        partHlc = p->getInt(2);
        partLast = p->getText(3);
        lastIssue = p->getInt(4);
    }
    p->reset();
    if (havePart && !after(m.hlc, m.id, partHlc, partLast)) {
        m_recompute.insert(m.partId);
        return {};
    }
    cost.apply(m.qtyMilli, m.unitCostFen, costs(m.kind));
    if (m.kind == "issue" && m.at > lastIssue) lastIssue = m.at;
    FC_ASSIGN(Stmt * up, m_db.cached("INSERT OR REPLACE INTO local_part_stock(part_id, qty_milli, avg_cost_fen, value_fen, "
                                     "last_hlc, last_id, last_issue_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    up->bind(1, m.partId);
    up->bind(2, cost.qtyMilli);
    up->bind(3, cost.avgCostFen);
    up->bind(4, cost.valueFen());
    up->bind(5, m.hlc);
    up->bind(6, m.id);
    up->bind(7, lastIssue);
    return up->run();
}

Status StockIndex::recompute(const std::string& partId) {
    FC_ASSIGN(Stmt * del, m_db.cached("DELETE FROM local_stock WHERE part_id = ?"));
    del->bind(1, partId);
    FC_TRY(del->run());
    FC_ASSIGN(Stmt * delPart, m_db.cached("DELETE FROM local_part_stock WHERE part_id = ?"));
    delPart->bind(1, partId);
    FC_TRY(delPart->run());
    FC_ASSIGN(Stmt * q, m_db.cached("SELECT id, bin_id, kind, qty_milli, unit_cost_fen, at, _hlc FROM stock_movements "
                                    "WHERE part_id = ? ORDER BY _hlc, id"));
    q->bind(1, partId);
    std::map<std::string, std::pair<int64_t, std::pair<int64_t, std::string>>> bins;  // bin → qty, (hlc, id)
    AverageCost cost;
    int64_t lastIssue = 0, lastHlc = 0;
    std::string lastId;
    bool any = false;
    FC_TRY(q->each([&](Stmt& r) {
        any = true;
        const std::string kind = r.getText(2);
        const int64_t qty = r.getInt(3), at = r.getInt(5);
        lastHlc = r.getInt(6);
        lastId = r.getText(0);
        auto& bin = bins[r.getText(1)];
        bin.first += qty;
        bin.second = {lastHlc, lastId};
        cost.apply(qty, r.getInt(4), costs(kind));
        if (kind == "issue" && at > lastIssue) lastIssue = at;
    }));
    if (!any) return {};
    FC_ASSIGN(Stmt * upBin, m_db.cached("INSERT INTO local_stock(part_id, bin_id, qty_milli, last_hlc, last_id) "
                                        "VALUES (?, ?, ?, ?, ?)"));
    for (const auto& [binId, v] : bins) {
        upBin->bind(1, partId);
        upBin->bind(2, binId);
        upBin->bind(3, v.first);
        upBin->bind(4, v.second.first);
        upBin->bind(5, v.second.second);
        FC_TRY(upBin->run());
    }
    FC_ASSIGN(Stmt * up, m_db.cached("INSERT INTO local_part_stock(part_id, qty_milli, avg_cost_fen, value_fen, "
                                     "last_hlc, last_id, last_issue_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    up->bind(1, partId);
    up->bind(2, cost.qtyMilli);
    up->bind(3, cost.avgCostFen);
    up->bind(4, cost.valueFen());
    up->bind(5, lastHlc);
    up->bind(6, lastId);
    up->bind(7, lastIssue);
    return up->run();
}

Status StockIndex::changed(const RowChange& change) {
    if (&change.table != &tables::kStockMovements) return {};
    FC_TRY(applyMovement(change.id));
    return flush();
}

Status StockIndex::changedMany(const TableDef& table, const std::vector<std::string>& ids) {
    if (&table != &tables::kStockMovements) return {};
    m_pendingMovements.insert(ids.begin(), ids.end());
    return {};
}

Status StockIndex::flush() {
    std::set<std::string> movements;
    movements.swap(m_pendingMovements);
    // A bulk (a pulled page) in HLC order, so the common case stays incremental.
    if (!movements.empty()) {
        std::vector<std::pair<int64_t, std::string>> ordered;
        FC_ASSIGN(Stmt * h, m_db.cached("SELECT _hlc FROM stock_movements WHERE id = ?"));
        for (const std::string& id : movements) {
            h->bind(1, id);
            FC_ASSIGN(bool row, h->step());
            if (row) ordered.emplace_back(h->getInt(0), id);
            h->reset();
        }
        std::sort(ordered.begin(), ordered.end());
        for (const auto& [hlc, id] : ordered) FC_TRY(applyMovement(id));
    }
    std::set<std::string> parts;
    parts.swap(m_recompute);
    for (const std::string& id : parts) FC_TRY(recompute(id));
    return {};
}

Status StockIndex::rebuild() {
    m_pendingMovements.clear();
    m_recompute.clear();
    FC_TRY(m_db.exec("DELETE FROM local_stock; DELETE FROM local_part_stock;"));
    std::vector<std::string> parts;
    FC_ASSIGN(Stmt * s, m_db.cached("SELECT DISTINCT part_id FROM stock_movements"));
    FC_TRY(s->each([&](Stmt& r) { parts.push_back(r.getText(0)); }));
    for (const std::string& id : parts) FC_TRY(recompute(id));
    return {};
}

const std::vector<IndexTable>& StockIndex::tables() {
    static const std::vector<IndexTable> t = {
        {"local_stock", "part_id,bin_id,qty_milli,last_hlc,last_id"},
        {"local_part_stock", "part_id,qty_milli,avg_cost_fen,value_fen,last_hlc,last_id,last_issue_at"}};
    return t;
}

Status StockIndex::loadFrom(const std::string& schema) {
    m_pendingMovements.clear();
    m_recompute.clear();
    return replaceIndexTables(m_db, tables(), schema);
}

}  // namespace fc::core
