#include "kiosk/screens/office/issued_parts_notice.hpp"

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/money.hpp"
#include "shared/stock/stock_service.hpp"

namespace fc::ui::desk {

bool issuedPartsNotice(Ui& ui, AppContext& app, core::InvoiceService& invoices, const std::string& orderId,
                       const std::vector<core::UnbilledPart>& parts, bool editable) {
    if (parts.empty()) return false;
    ScopedWidgetScope scope(ui.registry(), "issued-parts");
    colouredText(ui, ui.colors().warning, tr("wo.issued.title", {{"count", parts.size()}}));
    for (const core::UnbilledPart& p : parts) {
        const std::string unit = p.unit.empty() ? std::string() : tr(("warehouse.unit." + p.unit).c_str());
        shownText(ui, tr("wo.issued.line", {{"name", p.name},
                                            {"sku", p.sku.empty() ? "—" : p.sku},
                                            {"issued", core::quantityText(p.issuedMilli)},
                                            {"priced", core::quantityText(p.pricedMilli)},
                                            {"unit", unit},
                                            {"price", core::Money::fen(p.priceFen).format()}}));
    }
    if (!button(ui, tr("wo.issued.add"), {.kind = ButtonKind::kPrimary, .enabled = editable, .id = "add-issued"}) ||
        !app.staff)
        return false;
    auto added = invoices.addIssuedParts(*app.staff, orderId);
    if (!added) {
        ui.toasts().show(fieldError(added.error()), ToastKind::kError, 6000);
        return false;
    }
    ui.toasts().show(tr("wo.issued.added", {{"count", added->size()}}), ToastKind::kSuccess);
    return true;
}

std::string issuedPartsGlyphs(const std::vector<core::UnbilledPart>& parts) {
    std::string out;
    for (const core::UnbilledPart& p : parts) out += p.name + p.sku;
    return out;
}

}  // namespace fc::ui::desk
