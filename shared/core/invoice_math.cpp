#include "shared/core/invoice_math.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <string>

#include "shared/core/money.hpp"

namespace fc::core {

namespace {

__extension__ using Int128 = __int128;

std::string fenText(int64_t fen) {
    return Money::fen(fen).format();
}

std::string lineField(size_t index, const char* field) {
    return "line " + std::to_string(index + 1) + ": " + field;
}

std::string allowedRatesText() {
    std::string out;
    for (int bp : kTaxRatesBp) {
        if (!out.empty()) out += ", ";
        out += std::to_string(bp) + " (" + std::to_string(bp / 100) + " %)";
    }
    return out;
}

}  // namespace

const char* lineKindName(LineKind kind) {
    switch (kind) {
        case LineKind::kLabour:
            return "labour";
        case LineKind::kPart:
            return "part";
    }
    return "?";
}

bool isAllowedTaxRate(int bp) {
    return std::find(kTaxRatesBp.begin(), kTaxRatesBp.end(), bp) != kTaxRatesBp.end();
}

int64_t roundHalfUpDiv(int64_t a, int64_t b, int64_t denominator) {
    assert(denominator > 0 && "roundHalfUpDiv: denominator must be positive");
    const Int128 n = static_cast<Int128>(a) * b;
    assert(n >= 0 && "roundHalfUpDiv: defined for non-negative products only");
    const Int128 d = denominator;
    const Int128 q = (2 * n + d) / (2 * d);
    assert(q <= INT64_MAX && "roundHalfUpDiv: result does not fit in int64");
    return static_cast<int64_t>(q);
}

Result<std::vector<int64_t>> spreadDiscount(const std::vector<int64_t>& amounts,
                                            int64_t discountFen) {
    if (discountFen < 0) return invalid("order discount: must not be negative");
    Int128 sum = 0;
    for (size_t i = 0; i < amounts.size(); ++i) {
        if (amounts[i] < 0 || amounts[i] > kMaxInvoiceFen)
            return invalid(lineField(i, "amount") + ": out of range");
        sum += amounts[i];
    }
    std::vector<int64_t> shares(amounts.size(), 0);
    if (discountFen == 0) return shares;
    if (discountFen > sum)
        return invalid("order discount: " + fenText(discountFen) +
                       " is more than the lines add up to (" + fenText(static_cast<int64_t>(sum)) +
                       ")");
    // Σ amounts <= n × 10^12 and discount <= Σ, so discount × amount fits in 128 bits easily.
    std::vector<Int128> remainders(amounts.size(), 0);
    int64_t given = 0;
    for (size_t i = 0; i < amounts.size(); ++i) {
        const Int128 p = static_cast<Int128>(discountFen) * amounts[i];
        shares[i] = static_cast<int64_t>(p / sum);
        remainders[i] = p % sum;
        given += shares[i];
    }
    // Σ fractional parts = discount − given, each < 1, so there are at least that many non-zero
    // remainders: each of them gets one more fen, the largest first, ties to the earlier line.
    std::vector<size_t> order(amounts.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
    int64_t left = discountFen - given;
    for (size_t k = 0; left > 0 && k < order.size(); ++k, --left) {
        assert(remainders[order[k]] > 0 && "largest remainder: ran out of fractional shares");
        ++shares[order[k]];
    }
    assert(left == 0 && "largest remainder: discount not fully shared");
    return shares;
}

Result<InvoiceAmounts> computeInvoice(const InvoiceInput& input) {
    InvoiceAmounts out;
    out.lines.reserve(input.lines.size());
    std::vector<int64_t> afterLineDiscount;
    afterLineDiscount.reserve(input.lines.size());
    Int128 sumAfterLineDiscount = 0;

    // [1] Validate each line and work out its gross and its amount after the line discount.
    for (size_t i = 0; i < input.lines.size(); ++i) {
        const InvoiceLineInput& in = input.lines[i];
        if (in.quantityMilli < 0)
            return invalid(lineField(i, "quantity") + ": must not be negative (" +
                           std::to_string(in.quantityMilli) +
                           " thousandths); a return is a credit note");
        if (in.quantityMilli == 0) return invalid(lineField(i, "quantity") + ": must not be 0");
        if (in.quantityMilli > kMaxQuantityMilli)
            return invalid(lineField(i, "quantity") + ": " + std::to_string(in.quantityMilli) +
                           " thousandths is more than this program accepts (" +
                           std::to_string(kMaxQuantityMilli) + ")");
        if (in.unitPriceFen < 0)
            return invalid(lineField(i, "unit_price_fen") + ": must not be negative (" +
                           fenText(in.unitPriceFen) + ")");
        if (in.unitPriceFen > kMaxInvoiceFen)
            return invalid(lineField(i, "unit_price_fen") + ": " + fenText(in.unitPriceFen) +
                           " is more than this program accepts (" + fenText(kMaxInvoiceFen) + ")");
        if (!isAllowedTaxRate(in.taxRateBp))
            return invalid(lineField(i, "tax_rate_bp") + ": " + std::to_string(in.taxRateBp) +
                           " is not an allowed VAT rate (allowed: " + allowedRatesText() + ")");
        if (in.discountFen < 0)
            return invalid(lineField(i, "discount_fen") + ": must not be negative (" +
                           fenText(in.discountFen) + ")");
        // quantity <= 10^12 and price <= 10^12: the product (<= 10^24) fits in 128 bits.
        const Int128 grossWide =
            (2 * static_cast<Int128>(in.quantityMilli) * in.unitPriceFen + 1000) / 2000;
        if (grossWide > kMaxInvoiceFen)
            return invalid(lineField(i, "amount") + ": quantity × price is more than " +
                           fenText(kMaxInvoiceFen) + " (overflow)");
        InvoiceLineAmounts line;
        line.kind = in.kind;
        line.taxRateBp = in.taxRateBp;
        line.grossFen = static_cast<int64_t>(grossWide);
        line.lineDiscountFen = in.discountFen;
        if (in.discountFen > line.grossFen)
            return invalid(lineField(i, "discount_fen") + ": " + fenText(in.discountFen) +
                           " is more than the line's total " + fenText(line.grossFen));
        afterLineDiscount.push_back(line.grossFen - in.discountFen);
        sumAfterLineDiscount += afterLineDiscount.back();
        if (sumAfterLineDiscount > kMaxInvoiceFen)
            return invalid(lineField(i, "amount") + ": the invoice would come to more than " +
                           fenText(kMaxInvoiceFen) + " (overflow)");
        out.lines.push_back(line);
    }

    // [2] Share the order discount.
    if (input.orderDiscountFen < 0)
        return invalid("order discount: must not be negative (" + fenText(input.orderDiscountFen) +
                       ")");
    if (input.orderDiscountFen > sumAfterLineDiscount)
        return invalid("order discount: " + fenText(input.orderDiscountFen) +
                       " is more than the lines add up to after their own discounts (" +
                       fenText(static_cast<int64_t>(sumAfterLineDiscount)) + ")");
    FC_ASSIGN(std::vector<int64_t> shares,
              spreadDiscount(afterLineDiscount, input.orderDiscountFen));

    // [3] Amount, tax and net per line; totals are the sums of the lines.
    InvoiceTotals& t = out.totals;
    for (size_t i = 0; i < out.lines.size(); ++i) {
        InvoiceLineAmounts& line = out.lines[i];
        line.orderDiscountFen = shares[i];
        line.amountFen = afterLineDiscount[i] - shares[i];
        line.taxFen = roundHalfUpDiv(line.amountFen, line.taxRateBp, 10000 + line.taxRateBp);
        line.netFen = line.amountFen - line.taxFen;

        t.grossFen += line.grossFen;
        t.lineDiscountFen += line.lineDiscountFen;
        t.orderDiscountFen += line.orderDiscountFen;
        t.amountFen += line.amountFen;
        t.taxFen += line.taxFen;
        t.netFen += line.netFen;
        (line.kind == LineKind::kLabour ? t.labourAmountFen : t.partsAmountFen) += line.amountFen;

        auto it = std::find_if(t.byRate.begin(), t.byRate.end(), [&](const TaxRateTotal& r) {
            return r.taxRateBp == line.taxRateBp;
        });
        if (it == t.byRate.end()) {
            t.byRate.push_back(TaxRateTotal{line.taxRateBp, 0, 0, 0});
            it = t.byRate.end() - 1;
        }
        it->amountFen += line.amountFen;
        it->taxFen += line.taxFen;
        it->netFen += line.netFen;
    }
    std::sort(t.byRate.begin(), t.byRate.end(), [](const TaxRateTotal& a, const TaxRateTotal& b) {
        return a.taxRateBp < b.taxRateBp;
    });
    assert(t.orderDiscountFen == input.orderDiscountFen && "order discount not fully shared");
    return out;
}

Result<PaymentState> paymentsApplied(int64_t totalFen, const std::vector<int64_t>& paymentsFen) {
    if (totalFen < 0 || totalFen > kMaxInvoiceFen)
        return invalid("invoice total: " + fenText(totalFen) + " is out of range");
    PaymentState state;
    state.owedFen = totalFen;
    for (size_t i = 0; i < paymentsFen.size(); ++i) {
        const int64_t p = paymentsFen[i];
        const std::string where = "payment " + std::to_string(i + 1) + ": ";
        if (p <= 0)
            return invalid(where + "must be more than " + fenText(0) + " (" + fenText(p) + ")");
        if (state.owedFen == 0)
            return invalid(where + fenText(p) + " but the invoice is already paid in full");
        if (p > state.owedFen)
            return invalid(where + fenText(p) + " is more than the " + fenText(state.owedFen) +
                           " still owed");
        state.paidFen += p;
        state.owedFen -= p;
    }
    return state;
}

}  // namespace fc::core
