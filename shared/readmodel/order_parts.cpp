#include "shared/readmodel/order_parts.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "shared/capture/store.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

Result<std::vector<UnbilledPart>> OrderParts::unbilled(const std::string& orderId) {
    std::vector<UnbilledPart> out;
    // The ledger's own figure: issues less returns and undos, per part.
    FC_ASSIGN(auto issued, m_stock.issuedTo(orderId));
    if (issued.empty()) return out;
    FC_ASSIGN(WorkOrderView order, m_orders.get(orderId));
    std::map<std::string, int64_t> priced;
    for (const WorkOrderLine& l : order.lines)
        if (l.kind == LineKind::kPart && l.partId &&
            (l.approval == LineApproval::kStandard || l.approval == LineApproval::kApproved))
            priced[*l.partId] += l.quantityMilli;
    // Tombstoned parts too: what left the shelf is billed whether or not the part is still listed.
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT sku, name_zh, unit, price_fen, tax_rate_bp FROM parts WHERE id = ?"));
    for (const auto& [partId, qty] : issued) {
        const auto p = priced.find(partId);
        const int64_t billed = p == priced.end() ? 0 : p->second;
        if (qty <= 0 || billed >= qty) continue;
        UnbilledPart u;
        u.partId = partId;
        u.issuedMilli = qty;
        u.pricedMilli = billed;
        s->bind(1, partId);
        FC_ASSIGN(bool row, s->step());
        if (row) {
            u.sku = s->getText(0);
            u.name = s->getText(1);
            u.unit = s->getText(2);
            u.priceFen = s->getInt(3);
            u.taxRateBp = static_cast<int>(s->getInt(4));
        } else {
            u.name = partId;  // not synced here yet
        }
        s->reset();
        out.push_back(std::move(u));
    }
    std::sort(out.begin(), out.end(), [](const UnbilledPart& a, const UnbilledPart& b) {
        return std::tie(a.sku, a.partId) < std::tie(b.sku, b.partId);
    });
    return out;
}

Result<std::vector<std::string>> OrderParts::addToOrder(const Session& by, const std::string& orderId) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    return inTx(m_store.db(), [&]() -> Result<std::vector<std::string>> {
        FC_ASSIGN(std::vector<UnbilledPart> parts, unbilled(orderId));
        std::vector<std::string> lines;
        for (const UnbilledPart& p : parts) {
            if (p.sku.empty())
                return notFound("part " + p.partId + " is not on this device yet: sync, then add it again");
            FC_ASSIGN(std::string id, m_orders.addPart(by, orderId, p.name, p.missingMilli(), p.priceFen, p.taxRateBp,
                                                       p.partId));
            lines.push_back(std::move(id));
        }
        return lines;
    });
}

}  // namespace fc::core
