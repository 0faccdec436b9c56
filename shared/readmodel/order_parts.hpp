// The parts on a work order as the stock ledger and the order's lines see them: what was issued to
// the order from the shelf (net of returns and undos) and is not billed on it yet, with the part's
// SKU, name, price and VAT, and the one action (计入工单) that adds each as a part line naming the
// part. Parts are billed when they go onto the job, not when the invoice is paid: close-out asks
// this read model (registered with InvoiceService as its IssuedPartsSource) and refuses while
// something taken from the shelf is not on the order.
//
//   auto& parts = services.get<OrderParts>();
//   FC_ASSIGN(std::vector<UnbilledPart> missing, parts.unbilled(orderId));  // 机油滤清器: issued 2, priced 1
//   FC_ASSIGN(std::vector<std::string> lines, parts.addToOrder(advisor, orderId));
//
// A part line matches when it names the part (part_id) and the customer has it done (standard or
// approved); a free-text line ("机油 5W-30") is not matched, and proposed or declined lines are
// not billed, so neither covers an issued part.
#pragma once

#include <string>
#include <vector>

#include "shared/invoicing/issued_parts.hpp"

namespace fc::core {

class Store;
class StockService;
class WorkOrderService;

class OrderParts final : public IssuedPartsSource {
public:
    OrderParts(Store& store, WorkOrderService& orders, StockService& stock)
        : m_store(store), m_orders(orders), m_stock(stock) {}

    // By SKU; empty when everything issued is billed (or went back to the shelf).
    Result<std::vector<UnbilledPart>> unbilled(const std::string& orderId) override;
    // One part line per unbilled part, for what is not yet billed, at the part's price and VAT;
    // all or nothing. Refused for a part this device does not have yet (sync first).
    Result<std::vector<std::string>> addToOrder(const Session& by, const std::string& orderId) override;

private:
    Store& m_store;
    WorkOrderService& m_orders;
    StockService& m_stock;
};

}  // namespace fc::core
