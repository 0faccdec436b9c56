#include "shared/stock/stock_service.hpp"

#include <algorithm>

#include "shared/capture/row.hpp"
#include "shared/capture/store.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/tables.hpp"
#include "shared/workorders/job_state.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

namespace {

constexpr int64_t kMaxMoveMilli = 1'000'000'000;

Status checkQuantity(int64_t qtyMilli) {
    if (qtyMilli <= 0) return invalid("qty: must be more than 0");
    if (qtyMilli > kMaxMoveMilli) return invalid("qty: at most 1,000,000 at a time");
    return {};
}

bool keyIn(const std::vector<std::string>& keys, const std::string& k) {
    return std::find(keys.begin(), keys.end(), k) != keys.end();
}

Status requireStock(const Session& by, bool forAJob) {
    if (forAJob && (by.can(Capability::kWorkshopJobs) || by.can(Capability::kManageWorkOrders))) return {};
    return requireCapability(by, Capability::kManageInventory);
}

constexpr const char* kMovementColumns =
    "m.id, m.part_id, m.bin_id, coalesce(b.code, ''), m.kind, m.qty_milli, m.unit_cost_fen, m.work_order_id, m.reason, "
    "m.reference, m.group_id, m.reverses, m.serial, m.staff_id, m.device_id, m.at, "
    "EXISTS(SELECT 1 FROM stock_movements u WHERE u.reverses = m.id)";

MovementView movementFromRow(Stmt& r) {
    MovementView v;
    v.id = r.getText(0);
    v.partId = r.getText(1);
    v.binId = r.getText(2);
    v.binCode = r.getText(3);
    v.kind = r.getText(4);
    v.qtyMilli = r.getInt(5);
    v.unitCostFen = r.getInt(6);
    if (!r.isNull(7)) v.workOrderId = r.getText(7);
    v.reason = r.getText(8);
    v.reference = r.getText(9);
    v.groupId = r.getText(10);
    v.reverses = r.getText(11);
    v.serial = r.getText(12);
    if (!r.isNull(13)) v.staffId = r.getText(13);
    v.deviceId = r.getText(14);
    v.at = r.getInt(15);
    v.undone = r.getInt(16) != 0;
    return v;
}

}  // namespace

std::string quantityText(int64_t milli) {
    const bool negative = milli < 0;
    const int64_t a = negative ? -milli : milli;
    std::string out = std::to_string(a / 1000);
    if (a % 1000) {
        std::string frac = std::to_string(1000 + a % 1000).substr(1);
        while (frac.back() == '0') frac.pop_back();
        out += "." + frac;
    }
    return negative ? "-" + out : out;
}

const std::vector<std::string>& issueReasons() {
    static const std::vector<std::string> k = {"workshop_use", "damaged", "scrap", "internal", "sample", "other"};
    return k;
}

const std::vector<std::string>& adjustReasons() {
    static const std::vector<std::string> k = {"found", "lost", "damaged", "correction"};
    return k;
}

// [SECTION] movements

Result<std::string> StockService::insertMovement(const Session& by, const std::string& partId, const std::string& binId,
                                                 const std::string& kind, int64_t qtyMilli, int64_t unitCostFen,
                                                 const std::optional<std::string>& workOrderId,
                                                 const std::string& reason, const std::string& reference,
                                                 const std::string& groupId, const std::string& reverses,
                                                 const std::string& serial) {
    const std::string id = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kStockMovements)
                           .set("store_id", m_store.storeId())
                           .set("part_id", partId)
                           .set("bin_id", binId)
                           .set("kind", kind)
                           .set("qty_milli", qtyMilli)
                           .set("unit_cost_fen", unitCostFen)
                           .set("work_order_id", workOrderId)
                           .set("reason", reason)
                           .set("reference", reference)
                           .set("group_id", groupId)
                           .set("reverses", reverses)
                           .set("serial", serial)
                           .set("staff_id", by.staffId())
                           .set("device_id", m_store.device().deviceId)
                           .set("at", m_store.nowMs())
                           .build());
    FC_TRY(m_store.writer().insert(tables::kStockMovements, id, row));
    return id;
}

Status StockService::checkTakeOut(const std::string& partId, const std::string& binId, int64_t qtyMilli,
                                  bool allowBelowZero) {
    if (allowBelowZero) return {};
    FC_ASSIGN(int64_t have, onHandIn(partId, binId));
    if (have >= qtyMilli) return {};
    FC_ASSIGN(Bin b, m_parts.bin(binId));
    return conflict("qty: only " + quantityText(std::max<int64_t>(have, 0)) + " on hand in " + b.code);
}

Status StockService::checkWorkOrder(const std::string& workOrderId) {
    FC_ASSIGN(WorkOrderView order, m_orders.get(workOrderId));
    if (isFinal(order.job.status)) return conflict("work_order: " + order.provisionalNo + " is closed or cancelled");
    return {};
}

Result<StockMove> StockService::receive(const Session& by, const std::string& partId, const std::string& binId,
                                        int64_t qtyMilli, const ReceiptDetail& detail) {
    FC_TRY(requireStock(by, false));
    FC_TRY(checkQuantity(qtyMilli));
    if (detail.unitCostFen < 0 || detail.unitCostFen > 10'000'000'000) return invalid("cost: 0 to ¥100,000,000.00");
    return inTx(m_store.db(), [&]() -> Result<StockMove> {
        FC_ASSIGN(Part part, m_parts.get(partId));
        FC_TRY(m_parts.bin(binId));
        if (part.tracking != "none" && detail.serial.empty())
            return invalid(std::string("serial: ") + (part.tracking == "serial" ? "this part is counted by serial number"
                                                                              : "this part is kept by batch"));
        if (part.tracking == "serial" && qtyMilli != 1000)
            return invalid("qty: a part kept by serial number is received one at a time, each with its number");
        StockMove move{m_store.ids().next(), {}};
        FC_ASSIGN(std::string id, insertMovement(by, partId, binId, "receipt", qtyMilli, detail.unitCostFen, std::nullopt,
                                                 "", detail.reference, move.groupId, "", detail.serial));
        move.movementIds.push_back(id);
        return move;
    });
}

Result<StockMove> StockService::issue(const Session& by, const std::string& partId, const std::string& binId,
                                      int64_t qtyMilli, const IssueDetail& detail) {
    FC_TRY(requireStock(by, detail.workOrderId.has_value()));
    FC_TRY(checkQuantity(qtyMilli));
    if (!detail.workOrderId && !keyIn(issueReasons(), detail.reason))
        return invalid("reason: issue to a work order or give a reason");
    return inTx(m_store.db(), [&]() -> Result<StockMove> {
        FC_TRY(m_parts.get(partId));
        if (detail.workOrderId) FC_TRY(checkWorkOrder(*detail.workOrderId));
        FC_TRY(checkTakeOut(partId, binId, qtyMilli, detail.allowBelowZero));
        StockMove move{m_store.ids().next(), {}};
        FC_ASSIGN(std::string id, insertMovement(by, partId, binId, "issue", -qtyMilli, 0, detail.workOrderId,
                                                 detail.workOrderId ? "" : detail.reason, "", move.groupId, "",
                                                 detail.serial));
        move.movementIds.push_back(id);
        return move;
    });
}

Result<StockMove> StockService::giveBack(const Session& by, const std::string& partId, const std::string& binId,
                                         int64_t qtyMilli, const IssueDetail& detail) {
    FC_TRY(requireStock(by, detail.workOrderId.has_value()));
    FC_TRY(checkQuantity(qtyMilli));
    if (!detail.workOrderId && !keyIn(issueReasons(), detail.reason))
        return invalid("reason: a return from a work order or with a reason");
    return inTx(m_store.db(), [&]() -> Result<StockMove> {
        FC_TRY(m_parts.get(partId));
        FC_TRY(m_parts.bin(binId));
        if (detail.workOrderId) {
            FC_TRY(m_orders.get(*detail.workOrderId));
            FC_ASSIGN(auto issued, issuedTo(*detail.workOrderId));
            int64_t net = 0;
            for (const auto& [p, q] : issued)
                if (p == partId) net = q;
            if (qtyMilli > net)
                return conflict("qty: only " + quantityText(net) + " of this part went to this work order");
        }
        // Back at the moving average (no cost of its own).
        StockMove move{m_store.ids().next(), {}};
        FC_ASSIGN(std::string id, insertMovement(by, partId, binId, "return", qtyMilli, 0,
                                                 detail.workOrderId, detail.workOrderId ? "" : detail.reason, "",
                                                 move.groupId, "", detail.serial));
        move.movementIds.push_back(id);
        return move;
    });
}

Result<StockMove> StockService::transfer(const Session& by, const std::string& partId, const std::string& fromBinId,
                                         const std::string& toBinId, int64_t qtyMilli, bool allowBelowZero) {
    FC_TRY(requireStock(by, false));
    FC_TRY(checkQuantity(qtyMilli));
    if (fromBinId == toBinId) return invalid("to_bin: the part is already in that bin (choose another)");
    return inTx(m_store.db(), [&]() -> Result<StockMove> {
        FC_TRY(m_parts.get(partId));
        FC_TRY(m_parts.bin(toBinId));
        FC_TRY(checkTakeOut(partId, fromBinId, qtyMilli, allowBelowZero));
        StockMove move{m_store.ids().next(), {}};
        FC_ASSIGN(std::string out, insertMovement(by, partId, fromBinId, "transfer", -qtyMilli, 0, std::nullopt, "", "",
                                                  move.groupId, "", ""));
        FC_ASSIGN(std::string in, insertMovement(by, partId, toBinId, "transfer", qtyMilli, 0, std::nullopt, "", "",
                                                 move.groupId, "", ""));
        move.movementIds = {out, in};
        return move;
    });
}

Result<StockMove> StockService::adjust(const Session& by, const std::string& partId, const std::string& binId,
                                       int64_t deltaMilli, const std::string& reason) {
    FC_TRY(requireStock(by, false));
    if (deltaMilli == 0) return invalid("qty: an adjustment changes the quantity");
    if (deltaMilli > kMaxMoveMilli || deltaMilli < -kMaxMoveMilli) return invalid("qty: at most 1,000,000 at a time");
    if (!keyIn(adjustReasons(), reason)) return invalid("reason: found, lost, damaged or correction");
    return inTx(m_store.db(), [&]() -> Result<StockMove> {
        FC_TRY(m_parts.get(partId));
        FC_TRY(m_parts.bin(binId));
        StockMove move{m_store.ids().next(), {}};
        FC_ASSIGN(std::string id, insertMovement(by, partId, binId, "adjust", deltaMilli, 0, std::nullopt, reason, "",
                                                 move.groupId, "", ""));
        move.movementIds.push_back(id);
        return move;
    });
}

Result<std::string> StockService::postCount(const Session& by, const std::string& partId, const std::string& binId,
                                            int64_t deltaMilli, const std::string& countId,
                                            const std::string& countNumber) {
    FC_TRY(requireStock(by, false));
    if (deltaMilli == 0) return invalid("qty: a count posting changes the quantity");
    if (deltaMilli > kMaxMoveMilli || deltaMilli < -kMaxMoveMilli) return invalid("qty: at most 1,000,000 at a time");
    return insertMovement(by, partId, binId, "count", deltaMilli, 0, std::nullopt, "count", countNumber, countId, "", "");
}

Result<StockMove> StockService::undo(const Session& by, const std::string& groupId) {
    return inTx(m_store.db(), [&]() -> Result<StockMove> {
        FC_ASSIGN(std::vector<MovementView> moves, group(groupId));
        if (moves.empty()) return notFound("group: nothing was moved under " + groupId);
        const bool forAJob = moves.front().workOrderId.has_value();
        FC_TRY(requireStock(by, forAJob));
        for (const MovementView& m : moves) {
            if (m.kind == "undo") return conflict("group: an undo cannot be undone (make the movement again)");
            if (m.kind == "count") return conflict("group: a posted count is corrected by counting again");
            if (m.undone) return conflict("group: already undone");
        }
        StockMove move{m_store.ids().next(), {}};
        for (const MovementView& m : moves) {
            FC_ASSIGN(std::string id, insertMovement(by, m.partId, m.binId, "undo", -m.qtyMilli, m.unitCostFen,
                                                     m.workOrderId, m.reason, m.groupId, move.groupId, m.id, m.serial));
            move.movementIds.push_back(id);
        }
        return move;
    });
}

Result<std::optional<UndoableMove>> StockService::lastUndoable(const Session& by) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT group_id FROM stock_movements WHERE device_id = ? AND staff_id = ? "
                                            "ORDER BY _hlc DESC, id DESC LIMIT 1"));
    s->bind(1, m_store.device().deviceId);
    s->bind(2, by.staffId());
    FC_ASSIGN(bool row, s->step());
    const std::string groupId = row ? s->getText(0) : "";
    s->reset();
    std::optional<UndoableMove> out;
    if (groupId.empty()) return out;
    FC_ASSIGN(std::vector<MovementView> moves, group(groupId));
    if (moves.empty()) return out;
    for (const MovementView& m : moves)
        if (m.kind == "undo" || m.kind == "count" || m.undone) return out;
    const MovementView& first = moves.front();
    out = UndoableMove{groupId, first.kind, first.partId, first.qtyMilli, first.binCode, first.at};
    return out;
}

// [SECTION] reads

Result<int64_t> StockService::onHand(const std::string& partId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT qty_milli FROM local_part_stock WHERE part_id = ?"));
    s->bind(1, partId);
    FC_ASSIGN(bool row, s->step());
    const int64_t q = row ? s->getInt(0) : 0;
    s->reset();
    return q;
}

Result<int64_t> StockService::onHandIn(const std::string& partId, const std::string& binId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT qty_milli FROM local_stock WHERE part_id = ? AND bin_id = ?"));
    s->bind(1, partId);
    s->bind(2, binId);
    FC_ASSIGN(bool row, s->step());
    const int64_t q = row ? s->getInt(0) : 0;
    s->reset();
    return q;
}

Result<PartFigures> StockService::figures(const std::string& partId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT qty_milli, avg_cost_fen, value_fen, last_issue_at FROM local_part_stock "
                                            "WHERE part_id = ?"));
    s->bind(1, partId);
    FC_ASSIGN(bool row, s->step());
    PartFigures f;
    if (row) f = {s->getInt(0), s->getInt(1), s->getInt(2), s->getInt(3)};
    s->reset();
    return f;
}

Result<std::vector<BinStock>> StockService::stockByBin(const std::string& partId) {
    // The bins it is kept in (even when empty), then any other bin holding some.
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT b.id, b.code, coalesce(ls.qty_milli, 0), min(x.o) AS o FROM "
                            "(SELECT bin_id, sort AS o FROM part_bins WHERE part_id = ?1 AND deleted_at IS NULL "
                            " UNION ALL SELECT bin_id, 1000 FROM local_stock WHERE part_id = ?1 AND qty_milli <> 0) x "
                            "JOIN bins b ON b.id = x.bin_id LEFT JOIN local_stock ls ON ls.bin_id = b.id AND ls.part_id = ?1 "
                            "WHERE b.deleted_at IS NULL GROUP BY b.id ORDER BY o, b.code"));
    s->bind(1, partId);
    std::vector<BinStock> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back({r.getText(0), r.getText(1), r.getInt(2)}); }));
    return out;
}

Result<std::vector<MovementView>> StockService::movements(const std::string& partId, size_t limit) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kMovementColumns +
                                            " FROM stock_movements m LEFT JOIN bins b ON b.id = m.bin_id "
                                            "WHERE m.part_id = ? ORDER BY m._hlc DESC, m.id DESC LIMIT ?"));
    s->bind(1, partId);
    s->bind(2, static_cast<int64_t>(limit));
    std::vector<MovementView> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(movementFromRow(r)); }));
    return out;
}

Result<std::vector<MovementView>> StockService::group(const std::string& groupId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kMovementColumns +
                                            " FROM stock_movements m LEFT JOIN bins b ON b.id = m.bin_id "
                                            "WHERE m.group_id = ? ORDER BY m.qty_milli, m.id"));
    s->bind(1, groupId);
    std::vector<MovementView> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(movementFromRow(r)); }));
    return out;
}

Result<std::vector<std::pair<std::string, int64_t>>> StockService::issuedTo(const std::string& workOrderId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT part_id, -sum(qty_milli) FROM stock_movements WHERE work_order_id = ? "
                                            "GROUP BY part_id HAVING sum(qty_milli) <> 0 ORDER BY part_id"));
    s->bind(1, workOrderId);
    std::vector<std::pair<std::string, int64_t>> out;
    FC_TRY(s->each([&](Stmt& r) { out.emplace_back(r.getText(0), r.getInt(1)); }));
    return out;
}

Result<std::vector<LowStockLine>> StockService::atOrBelowSafety() {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT p.id, p.sku, p.name_zh, p.unit, coalesce(ls.qty_milli, 0), p.safety_milli, "
                            "p.reorder_milli, p.supplier FROM parts p LEFT JOIN local_part_stock ls ON ls.part_id = p.id "
                            "WHERE p.deleted_at IS NULL AND p.active = 1 AND p.safety_milli > 0 AND "
                            "coalesce(ls.qty_milli, 0) <= p.safety_milli ORDER BY p.sku"));
    std::vector<LowStockLine> out;
    FC_TRY(s->each([&](Stmt& r) {
        LowStockLine l{r.getText(0), r.getText(1), r.getText(2), r.getText(3), r.getInt(4), r.getInt(5), 0, r.getText(7)};
        const int64_t reorder = r.getInt(6);
        // The reorder quantity; without one, enough to reach twice the safety stock.
        l.suggestMilli = reorder > 0 ? reorder : std::max<int64_t>(2 * l.safetyMilli - l.onHandMilli, 0);
        out.push_back(std::move(l));
    }));
    return out;
}

Result<std::vector<StockRow>> StockService::stockList(const std::string& filter) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT p.id, p.sku, p.name_zh, p.name_en, p.brand, p.category, p.unit, "
                            "coalesce(ps.qty_milli, 0), coalesce(ps.avg_cost_fen, 0), coalesce(ps.value_fen, 0), "
                            "p.safety_milli, coalesce((SELECT group_concat(b.code, ' ') FROM local_stock ls JOIN bins b "
                            "ON b.id = ls.bin_id WHERE ls.part_id = p.id AND ls.qty_milli <> 0), '') "
                            "FROM parts p LEFT JOIN local_part_stock ps ON ps.part_id = p.id "
                            "WHERE p.deleted_at IS NULL AND p.active = 1 AND (?1 = '' OR instr(upper(p.sku), upper(?1)) > 0 "
                            "OR instr(p.name_zh, ?1) > 0 OR instr(lower(p.name_en), lower(?1)) > 0 OR instr(p.brand, ?1) > 0 "
                            "OR p.category = ?1) ORDER BY p.sku"));
    s->bind(1, filter);
    std::vector<StockRow> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back({r.getText(0), r.getText(1), r.getText(2), r.getText(3), r.getText(4), r.getText(5), r.getText(6),
                       r.getInt(7), r.getInt(8), r.getInt(9), r.getInt(10), r.getText(11)});
    }));
    return out;
}

}  // namespace fc::core
