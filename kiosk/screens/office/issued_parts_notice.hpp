// The parts issued to a work order from the stock ledger (the warehouse tablet, a technician
// scanning a part onto the job) that are not on the order yet: a warning naming each — name, SKU,
// what was issued, what the order bills, its price — and one tap, 计入工单, that adds them as part
// lines at the part's price and VAT. Shown in the work-order editor and at close-out, which will
// not issue the invoice while anything taken from the shelf is not on it. No SQL: InvoiceService
// (its issued parts come from shared/readmodel/order_parts.hpp).
#pragma once

#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "shared/invoicing/invoice_service.hpp"

namespace fc::ui::desk {

// Nothing when `parts` is empty. Returns true on the frame the parts were added (reload then).
bool issuedPartsNotice(Ui& ui, AppContext& app, core::InvoiceService& invoices, const std::string& orderId,
                       const std::vector<core::UnbilledPart>& parts, bool editable);

// The part names, for the font atlas.
std::string issuedPartsGlyphs(const std::vector<core::UnbilledPart>& parts);

}  // namespace fc::ui::desk
