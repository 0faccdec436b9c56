// The stock ledger: receipts, issues (to a work order or a reason), returns, transfers,
// adjustments and undo, each one or two movements (facts) in one transaction, and what is on hand,
// read from the derived figures (stock_index.hpp).
//
//   auto& stock = services.get<StockService>();
//   FC_ASSIGN(StockMove in, stock.receive(by, part, bin, 10'000, {.unitCostFen = 1800, .reference = "送货单 0042"}));
//   FC_ASSIGN(StockMove out, stock.issue(by, part, bin, 2'000, {.workOrderId = order}));
//   FC_ASSIGN(int64_t left, stock.onHand(part));                  // 8000 (8 pieces)
//   FC_TRY(stock.undo(by, out.groupId));                           // moved 20 instead of 2? one tap
//
// Quantities are thousandths of the part's unit. Taking out more than the bin holds is refused
// with Errc::kConflict ("qty: only 2 on hand in A-01-03") unless the caller confirms it
// (allowBelowZero): the shelf, not the books, is the truth, and the hub raises a conflict for the
// warehouse manager when stock is below zero once devices are merged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

class Store;
class Session;
class PartService;

struct StockMove {
    std::string groupId;                   // undo takes this
    std::vector<std::string> movementIds;  // one, or two for a transfer
};

struct ReceiptDetail {
    int64_t unitCostFen = 0;  // 0: not known (the moving average stays)
    std::string reference;    // a delivery note
    std::string serial;       // serial- or batch-tracked parts: the serial number or batch (DOT week)
};

// Where an issue goes, or a return comes from: a work order, or a reason key (issueReasons()).
struct IssueDetail {
    std::optional<std::string> workOrderId;
    std::string reason;
    std::string serial;
    bool allowBelowZero = false;  // the person confirmed taking more than the books hold
};

// Thousandths of a unit as people write the quantity: 20000 → "20", 4500 → "4.5", -1000 → "-1".
std::string quantityText(int64_t milli);

const std::vector<std::string>& issueReasons();   // workshop_use damaged scrap internal sample other
const std::vector<std::string>& adjustReasons();  // found lost damaged correction

struct MovementView {
    std::string id;
    std::string partId;
    std::string binId;
    std::string binCode;
    std::string kind;
    int64_t qtyMilli = 0;
    int64_t unitCostFen = 0;
    std::optional<std::string> workOrderId;
    std::string reason;
    std::string reference;
    std::string groupId;
    std::string reverses;
    std::string serial;
    std::optional<std::string> staffId;
    std::string deviceId;
    int64_t at = 0;
    bool undone = false;  // a later undo reversed it
};

struct BinStock {
    std::string binId;
    std::string binCode;
    int64_t qtyMilli = 0;
};

struct PartFigures {
    int64_t qtyMilli = 0;
    int64_t avgCostFen = 0;  // moving average per unit
    int64_t valueFen = 0;
    int64_t lastIssueAt = 0;  // 0: never issued
};

// A part at or below its safety stock, with what to order.
struct LowStockLine {
    std::string partId;
    std::string sku;
    std::string nameZh;
    std::string unit;
    int64_t onHandMilli = 0;
    int64_t safetyMilli = 0;
    int64_t suggestMilli = 0;  // reorder quantity, or up to twice the safety stock
    std::string supplier;
};

// The last thing a person did on this device, while it can still be undone.
struct UndoableMove {
    std::string groupId;
    std::string kind;
    std::string partId;
    int64_t qtyMilli = 0;  // of the first movement
    std::string binCode;
    int64_t at = 0;
};

// One part in the stock list: what is on hand and what it is worth.
struct StockRow {
    std::string partId;
    std::string sku;
    std::string nameZh;
    std::string nameEn;
    std::string brand;
    std::string category;
    std::string unit;
    int64_t qtyMilli = 0;
    int64_t avgCostFen = 0;
    int64_t valueFen = 0;
    int64_t safetyMilli = 0;
    std::string bins;  // the bins holding it, "A-01-03 B-02-01"
};

class WorkOrderService;

class StockService {
public:
    StockService(Store& store, PartService& parts, WorkOrderService& orders)
        : m_store(store), m_parts(parts), m_orders(orders) {}

    // [SECTION] movements (kManageInventory; issues and returns to a work order also kWorkshopJobs)
    Result<StockMove> receive(const Session& by, const std::string& partId, const std::string& binId, int64_t qtyMilli,
                              const ReceiptDetail& detail = {});
    Result<StockMove> issue(const Session& by, const std::string& partId, const std::string& binId, int64_t qtyMilli,
                            const IssueDetail& detail);
    Result<StockMove> giveBack(const Session& by, const std::string& partId, const std::string& binId,
                               int64_t qtyMilli, const IssueDetail& detail);
    Result<StockMove> transfer(const Session& by, const std::string& partId, const std::string& fromBinId,
                               const std::string& toBinId, int64_t qtyMilli, bool allowBelowZero = false);
    // deltaMilli signed: found stock is positive, lost or damaged negative.
    Result<StockMove> adjust(const Session& by, const std::string& partId, const std::string& binId, int64_t deltaMilli,
                             const std::string& reason);
    // A stock count's posting for one line (count_service.hpp): kind count, signed, grouped under
    // the count's id, its number as the reference.
    Result<std::string> postCount(const Session& by, const std::string& partId, const std::string& binId,
                                  int64_t deltaMilli, const std::string& countId, const std::string& countNumber);
    // Compensating movements for every movement of the group; an undone group or an undo cannot
    // be undone.
    Result<StockMove> undo(const Session& by, const std::string& groupId);
    // What `by` did last on this device, if it can still be undone.
    Result<std::optional<UndoableMove>> lastUndoable(const Session& by);

    // [SECTION] reads
    Result<int64_t> onHand(const std::string& partId);
    Result<int64_t> onHandIn(const std::string& partId, const std::string& binId);
    Result<PartFigures> figures(const std::string& partId);
    Result<std::vector<BinStock>> stockByBin(const std::string& partId);
    Result<std::vector<MovementView>> movements(const std::string& partId, size_t limit = 100);
    Result<std::vector<MovementView>> group(const std::string& groupId);
    // Issued to a work order, net of returns and undos, per part.
    Result<std::vector<std::pair<std::string, int64_t>>> issuedTo(const std::string& workOrderId);
    Result<std::vector<LowStockLine>> atOrBelowSafety();
    // Every active part with what is on hand, in SKU order; `filter` (optional) keeps the parts
    // whose SKU, name, brand or category holds it.
    Result<std::vector<StockRow>> stockList(const std::string& filter = "");

private:
    Result<std::string> insertMovement(const Session& by, const std::string& partId, const std::string& binId,
                                       const std::string& kind, int64_t qtyMilli, int64_t unitCostFen,
                                       const std::optional<std::string>& workOrderId, const std::string& reason,
                                       const std::string& reference, const std::string& groupId,
                                       const std::string& reverses, const std::string& serial);
    Status checkTakeOut(const std::string& partId, const std::string& binId, int64_t qtyMilli, bool allowBelowZero);
    Status checkWorkOrder(const std::string& workOrderId);

    Store& m_store;
    PartService& m_parts;
    WorkOrderService& m_orders;
};

}  // namespace fc::core
