// Close-out: a work order that is ready is closed and its invoice issued in one transaction — the
// lines the customer had done (standard and approved; declined and proposed extra work is left
// out) at the prices copied onto the order, line and order discounts, VAT at each line's rate,
// totals exactly the sum of the lines (invoice_math.hpp). The invoice is a fact and never changes:
// a correction is a credit note that reverses it whole. Payments (cash, WeChat Pay, Alipay, bank
// card, with the payer's reference) are facts too; what is owed is the total less what was paid.
// Parts go onto the bill when they go onto the job: close-out refuses, naming them, while parts
// issued to the order from the stock ledger are not on it (issued_parts.hpp) — add them
// (addIssuedParts, 计入工单) or say why they are free (CloseOutOptions).
//
//   InvoiceService& inv = services.get<InvoiceService>();
//   FC_ASSIGN(std::string invoice, inv.closeOut(advisor, orderId, /*orderDiscountFen=*/2000));
//   FC_TRY(inv.recordPayment(advisor, invoice, PaymentMethod::kWechat, 30000, "4200001234"));
//   FC_ASSIGN(InvoiceView v, inv.get(invoice));   // v.totalFen, v.paidFen, v.owedFen, v.lines
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/invoicing/issued_parts.hpp"
#include "shared/staff/session_types.hpp"

namespace fc::core {

class WorkOrderService;

enum class PaymentMethod { kCash, kWechat, kAlipay, kCard };
const char* paymentMethodKey(PaymentMethod m);  // cash, wechat, alipay, card
std::optional<PaymentMethod> parsePaymentMethod(std::string_view key);

struct InvoiceLineView {
    std::string kind;  // labour, part
    std::string description;
    std::string serviceCode;
    int64_t quantityMilli = 0;
    int64_t unitPriceFen = 0;
    int taxRateBp = 0;
    int64_t grossFen = 0;
    int64_t lineDiscountFen = 0;
    int64_t orderDiscountFen = 0;
    int64_t amountFen = 0;
    int64_t taxFen = 0;
    int64_t netFen = 0;
    std::string technicians;  // JSON shares, for commission
};

struct PaymentView {
    std::string id;
    PaymentMethod method = PaymentMethod::kCash;
    int64_t amountFen = 0;
    std::string reference;
    int64_t at = 0;
};

struct InvoiceView {
    std::string id;
    std::string number;
    std::string kind;  // invoice, credit_note
    std::optional<std::string> creditOf;
    std::string workOrderId;
    std::string customerId;
    std::string vehicleId;
    std::vector<InvoiceLineView> lines;
    int64_t orderDiscountFen = 0;
    int64_t totalFen = 0;
    int64_t taxFen = 0;
    int64_t netFen = 0;
    int64_t issuedAt = 0;
    std::vector<PaymentView> payments;
    int64_t paidFen = 0;
    int64_t owedFen = 0;  // 0 for a credit note, and once a credit note reverses the invoice
    bool credited = false;
};

struct CloseOutOptions {
    // Parts issued to the order and not on it are given free (warranty, goodwill): why, recorded
    // with the order's closing. Empty: close-out refuses while such parts exist.
    std::string unbilledPartsReason;
};

class InvoiceService {
public:
    InvoiceService(Store& store, WorkOrderService& workOrders);

    // Closes a ready order (nobody clocked on) and issues its invoice. kManageWorkOrders. Refused
    // (kNeedsConfirmation, naming them) while parts issued to the order are not billed on it,
    // unless `options` says why they are free.
    Result<std::string> closeOut(const Session& by, const std::string& orderId, int64_t orderDiscountFen = 0,
                                 const CloseOutOptions& options = {});
    // What closeOut would issue, without writing anything (the preview).
    Result<InvoiceAmounts> preview(const std::string& orderId, int64_t orderDiscountFen = 0);
    // The same as an unsaved invoice (no id or number): the lines with their descriptions and
    // amounts and the totals, for the close-out screen and the printed draft.
    Result<InvoiceView> draft(const std::string& orderId, int64_t orderDiscountFen = 0);
    // A payment against what is still owed: positive, not more than owed. kManageWorkOrders.
    Result<std::string> recordPayment(const Session& by, const std::string& invoiceId, PaymentMethod method,
                                      int64_t amountFen, const std::string& reference);
    // Reverses an invoice whole (a new fact with negated amounts). kManageFinance.
    Result<std::string> creditNote(const Session& by, const std::string& invoiceId, const std::string& reason);

    Result<InvoiceView> get(const std::string& invoiceId);
    Result<std::optional<std::string>> invoiceOf(const std::string& orderId);

    // [SECTION] parts from the stock ledger (issued_parts.hpp)
    // The read model that knows what went onto the job registers itself here (the stock ledger's
    // domain comes after this one); without it no parts are known to be issued.
    void setIssuedParts(IssuedPartsSource* source) { m_issuedParts = source; }
    // Issued to the order and not billed on it (empty when nothing is).
    Result<std::vector<UnbilledPart>> unbilledParts(const std::string& orderId);
    // 计入工单: each as a part line at the part's price and VAT. kManageWorkOrders.
    Result<std::vector<std::string>> addIssuedParts(const Session& by, const std::string& orderId);

private:
    struct Billable {
        InvoiceInput input;
        std::vector<InvoiceLineView> lines;  // descriptions, codes, shares (amounts filled later)
        std::string customerId, vehicleId;
    };
    Result<Billable> billable(const std::string& orderId, int64_t orderDiscountFen);
    Result<std::string> nextNumber(const char* letter);

    Store& m_store;
    WorkOrderService& m_workOrders;
    IssuedPartsSource* m_issuedParts = nullptr;
};

}  // namespace fc::core
