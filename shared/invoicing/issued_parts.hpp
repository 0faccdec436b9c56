// What close-out needs to know about the parts a work order took from the shelf: the parts issued
// to the order from the stock ledger (net of returns and undos) that its part lines do not bill
// yet, and the one action that puts them on the order at the part's price and VAT. Invoicing is
// registered before the stock ledger, so it names this interface and the read model that joins
// the ledger, the parts and the order's lines (shared/readmodel/order_parts.hpp) provides it.
//
//   FC_ASSIGN(std::vector<UnbilledPart> missing, invoices.unbilledParts(orderId));   // 机油滤清器 ×1
//   FC_ASSIGN(std::vector<std::string> lines, invoices.addIssuedParts(advisor, orderId));  // 计入工单
#pragma once

#include <string>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

class Session;

// A part issued to a work order and not (wholly) billed on it.
struct UnbilledPart {
    std::string partId;
    std::string sku;        // "" when the part is not on this device
    std::string name;       // the part's Chinese name (name_zh)
    std::string unit;       // piece, litre, set, metre
    int64_t issuedMilli = 0;  // net issued to the order (thousandths of the unit)
    int64_t pricedMilli = 0;  // on the order's billed part lines that name the part
    int64_t priceFen = 0;     // the part's price per unit, VAT included
    int taxRateBp = 0;
    int64_t missingMilli() const { return issuedMilli - pricedMilli; }
};

// "机油滤清器 (FLT-OIL-0042) × 1, 刹车油 (FLD-BRK-0001) × 0.5": for messages and notes.
std::string unbilledPartsText(const std::vector<UnbilledPart>& parts);

class IssuedPartsSource {
public:
    virtual ~IssuedPartsSource() = default;
    // The parts issued to the order that its billed part lines (standard or approved) do not cover,
    // by SKU; parts returned to the shelf (net zero) are not listed.
    virtual Result<std::vector<UnbilledPart>> unbilled(const std::string& orderId) = 0;
    // Adds each unbilled part as a part line naming the part, for the quantity not yet billed, at
    // the part's price and VAT, in one transaction. Returns the new lines' ids. kManageWorkOrders.
    virtual Result<std::vector<std::string>> addToOrder(const Session& by, const std::string& orderId) = 0;
};

}  // namespace fc::core
