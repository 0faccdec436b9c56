// Invoice arithmetic: the fen on every line and every total of a work order's invoice, and what a
// list of payments leaves owed. Pure integer arithmetic, no database; the invoice service stores
// what this returns (the invoice is a fact), so a printed total can always be re-added by hand.
//
//   FC_ASSIGN(InvoiceAmounts inv, computeInvoice({.lines = {
//       {.kind = LineKind::kLabour, .quantityMilli = 1000, .unitPriceFen = 46000, .taxRateBp =
//       600},
//       {.kind = LineKind::kPart, .quantityMilli = 4500, .unitPriceFen = 8800, .taxRateBp = 1300}},
//       .orderDiscountFen = 2000}));
//   inv.totals.amountFen;                                  // 83600 = 46000 + 39600 − 2000
//   FC_ASSIGN(PaymentState paid, paymentsApplied(inv.totals.amountFen, {50000}));  // owed 33600
//
// The rules (the store's prices are tax-inclusive, 含税价):
//   - money is int64 fen, quantities are thousandths (1.5 L = 1500), tax rates basis points
//     (1300 = 13 %); the allowed rates are kTaxRatesBp (0, 3 %, 6 %, 9 %, 13 %);
//   - gross = round_half_up(quantityMilli × unitPriceFen / 1000);
//   - amount = gross − line discount − the line's share of the order discount; the order discount
//     is shared in proportion to each line's amount after its own discount, by the
//     largest-remainder method (ties go to the earlier line), so the shares add up exactly;
//   - tax = round_half_up(amount × rate / (10000 + rate)) (the tax inside the amount), net = amount
//     − tax;
//   - every total (whole invoice, per kind, per tax rate) is the sum of its lines, never
//     recomputed from a summed amount — so Σ lines == total holds by construction.
// Amounts are bounded by kMaxInvoiceFen (10^12 fen); intermediates are 128-bit, so nothing wraps.
// Errors are kInvalid and name the line (1-based) and the field: "line 3: discount_fen: …".
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

enum class LineKind { kLabour, kPart };
const char* lineKindName(LineKind kind);  // "labour", "part"

// VAT rates a line may carry, in basis points, ascending.
inline constexpr std::array<int, 5> kTaxRatesBp = {0, 300, 600, 900, 1300};
bool isAllowedTaxRate(int bp);

// The largest line gross, line amount or invoice total accepted: 10^12 fen (¥10,000,000,000).
inline constexpr int64_t kMaxInvoiceFen = 1'000'000'000'000;
// The largest quantity accepted: 10^9 units (10^12 thousandths).
inline constexpr int64_t kMaxQuantityMilli = 1'000'000'000'000;

struct InvoiceLineInput {
    LineKind kind = LineKind::kLabour;
    int64_t quantityMilli = 1000;  // > 0; labour hours or part units, × 1000
    int64_t unitPriceFen = 0;      // >= 0, tax-inclusive
    int64_t discountFen = 0;       // >= 0, at most the line's gross
    int taxRateBp = 0;             // one of kTaxRatesBp
};

struct InvoiceInput {
    std::vector<InvoiceLineInput> lines;
    int64_t orderDiscountFen = 0;  // >= 0, at most the sum of line amounts after line discounts
};

struct InvoiceLineAmounts {
    LineKind kind = LineKind::kLabour;
    int taxRateBp = 0;
    int64_t grossFen = 0;          // quantity × price, rounded half up
    int64_t lineDiscountFen = 0;   // as given
    int64_t orderDiscountFen = 0;  // this line's share of the order discount
    int64_t amountFen = 0;  // gross − both discounts; tax-inclusive; what the customer pays
    int64_t taxFen = 0;     // VAT contained in amountFen
    int64_t netFen = 0;     // amountFen − taxFen (excluding tax, 不含税金额)
};

struct TaxRateTotal {
    int taxRateBp = 0;
    int64_t amountFen = 0;
    int64_t taxFen = 0;
    int64_t netFen = 0;
};

struct InvoiceTotals {
    int64_t grossFen = 0;
    int64_t lineDiscountFen = 0;
    int64_t orderDiscountFen = 0;  // equals the input's order discount
    int64_t amountFen = 0;         // the invoice total, tax-inclusive
    int64_t taxFen = 0;
    int64_t netFen = 0;
    int64_t labourAmountFen = 0;
    int64_t partsAmountFen = 0;
    std::vector<TaxRateTotal> byRate;  // one entry per rate used by some line, ascending rate
};

struct InvoiceAmounts {
    std::vector<InvoiceLineAmounts> lines;  // same order as the input
    InvoiceTotals totals;
};

// An invoice with no lines is valid (all zeros) unless it carries an order discount.
Result<InvoiceAmounts> computeInvoice(const InvoiceInput& input);

// The order discount shared over `amounts` in proportion, by largest remainder; the shares add up
// to `discountFen` exactly and none exceeds its amount. Requires 0 <= discountFen <= Σ amounts
// (checked: kInvalid otherwise) and every amount in [0, kMaxInvoiceFen].
Result<std::vector<int64_t>> spreadDiscount(const std::vector<int64_t>& amounts,
                                            int64_t discountFen);

// round_half_up(numerator / denominator) for numerator >= 0, denominator > 0, 128-bit safe for the
// ranges above. Exposed for tests and for the invoice preview.
int64_t roundHalfUpDiv(int64_t a, int64_t b, int64_t denominator);  // (a × b) / denominator

struct PaymentState {
    int64_t paidFen = 0;
    int64_t owedFen = 0;  // total − paid, never negative
};

// Applies payments in order against `totalFen`. A payment that is not positive, or is more than
// what is still owed when it comes, is refused naming it: "payment 2: ¥50.00 is more than the
// ¥30.00 still owed".
Result<PaymentState> paymentsApplied(int64_t totalFen, const std::vector<int64_t>& paymentsFen);

}  // namespace fc::core
