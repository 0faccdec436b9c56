#include "shared/core/invoice_math.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace fc::core {
namespace {

__extension__ using Int128 = __int128;

InvoiceLineInput labour(int64_t qtyMilli, int64_t priceFen, int rateBp = 600, int64_t disc = 0) {
    return {LineKind::kLabour, qtyMilli, priceFen, disc, rateBp};
}
InvoiceLineInput part(int64_t qtyMilli, int64_t priceFen, int rateBp = 1300, int64_t disc = 0) {
    return {LineKind::kPart, qtyMilli, priceFen, disc, rateBp};
}

// Every total is the sum of its lines; every line adds up.
void expectConsistent(const InvoiceInput& in, const InvoiceAmounts& inv) {
    ASSERT_EQ(inv.lines.size(), in.lines.size());
    InvoiceTotals sum;
    std::map<int, TaxRateTotal> byRate;
    for (size_t i = 0; i < inv.lines.size(); ++i) {
        const auto& l = inv.lines[i];
        EXPECT_EQ(l.amountFen, l.grossFen - l.lineDiscountFen - l.orderDiscountFen) << i;
        EXPECT_EQ(l.netFen, l.amountFen - l.taxFen) << i;
        EXPECT_GE(l.amountFen, 0) << i;
        EXPECT_GE(l.taxFen, 0) << i;
        EXPECT_LE(l.taxFen, l.amountFen) << i;
        EXPECT_EQ(l.lineDiscountFen, in.lines[i].discountFen) << i;
        sum.grossFen += l.grossFen;
        sum.lineDiscountFen += l.lineDiscountFen;
        sum.orderDiscountFen += l.orderDiscountFen;
        sum.amountFen += l.amountFen;
        sum.taxFen += l.taxFen;
        sum.netFen += l.netFen;
        (l.kind == LineKind::kLabour ? sum.labourAmountFen : sum.partsAmountFen) += l.amountFen;
        auto& r = byRate[l.taxRateBp];
        r.taxRateBp = l.taxRateBp;
        r.amountFen += l.amountFen;
        r.taxFen += l.taxFen;
        r.netFen += l.netFen;
    }
    const auto& t = inv.totals;
    EXPECT_EQ(t.grossFen, sum.grossFen);
    EXPECT_EQ(t.lineDiscountFen, sum.lineDiscountFen);
    EXPECT_EQ(t.orderDiscountFen, in.orderDiscountFen);
    EXPECT_EQ(t.orderDiscountFen, sum.orderDiscountFen);
    EXPECT_EQ(t.amountFen, sum.amountFen);
    EXPECT_EQ(t.taxFen, sum.taxFen);
    EXPECT_EQ(t.netFen, sum.netFen);
    EXPECT_EQ(t.amountFen, t.taxFen + t.netFen);
    EXPECT_EQ(t.amountFen, t.labourAmountFen + t.partsAmountFen);
    ASSERT_EQ(t.byRate.size(), byRate.size());
    size_t k = 0;
    int64_t rateAmount = 0, rateTax = 0;
    for (const auto& [bp, r] : byRate) {  // std::map: ascending, as byRate must be
        EXPECT_EQ(t.byRate[k].taxRateBp, bp);
        EXPECT_EQ(t.byRate[k].amountFen, r.amountFen) << bp;
        EXPECT_EQ(t.byRate[k].taxFen, r.taxFen) << bp;
        EXPECT_EQ(t.byRate[k].netFen, r.netFen) << bp;
        rateAmount += t.byRate[k].amountFen;
        rateTax += t.byRate[k].taxFen;
        ++k;
    }
    EXPECT_EQ(rateAmount, t.amountFen);
    EXPECT_EQ(rateTax, t.taxFen);
}

std::string errorOf(const InvoiceInput& in) {
    auto r = computeInvoice(in);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return "";
    EXPECT_EQ(r.error().code, Errc::kInvalid);
    return r.error().message;
}

TEST(InvoiceMath, ASimpleServiceWithLabourAndPartsAtTwoRates) {
    // 刹车片更换: labour ¥460.00 at 6 %, pads ¥380.00 at 13 %, 4.5 L oil at ¥88.00/L.
    InvoiceInput in{{labour(1000, 46000), part(1000, 38000), part(4500, 8800)}, 0};
    auto r = computeInvoice(in);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& l = r->lines;
    EXPECT_EQ(l[0].grossFen, 46000);
    EXPECT_EQ(l[0].taxFen, 2604);  // 46000 × 600 / 10600 = 2603.77 → 2604
    EXPECT_EQ(l[0].netFen, 43396);
    EXPECT_EQ(l[1].taxFen, 4372);  // 38000 × 1300 / 11300 = 4371.68 → 4372
    EXPECT_EQ(l[2].grossFen, 39600);
    EXPECT_EQ(l[2].taxFen, 4556);  // 39600 × 1300 / 11300 = 4555.75 → 4556
    EXPECT_EQ(r->totals.amountFen, 123600);
    EXPECT_EQ(r->totals.taxFen, 2604 + 4372 + 4556);
    EXPECT_EQ(r->totals.labourAmountFen, 46000);
    EXPECT_EQ(r->totals.partsAmountFen, 77600);
    ASSERT_EQ(r->totals.byRate.size(), 2u);
    EXPECT_EQ(r->totals.byRate[0].taxRateBp, 600);
    EXPECT_EQ(r->totals.byRate[0].amountFen, 46000);
    EXPECT_EQ(r->totals.byRate[1].taxRateBp, 1300);
    EXPECT_EQ(r->totals.byRate[1].amountFen, 77600);
    EXPECT_EQ(r->totals.byRate[1].taxFen, 4372 + 4556);
    expectConsistent(in, *r);
}

TEST(InvoiceMath, TableOfLines) {
    struct Row {
        const char* what;
        InvoiceLineInput line;
        int64_t gross, amount, tax, net;
    };
    const Row rows[] = {
        {"whole unit, 13 %", part(1000, 11300), 11300, 11300, 1300, 10000},
        {"whole unit, 6 %", labour(1000, 10600), 10600, 10600, 600, 10000},
        {"whole unit, 9 %", part(1000, 10900, 900), 10900, 10900, 900, 10000},
        {"whole unit, 3 %", part(1000, 10300, 300), 10300, 10300, 300, 10000},
        {"zero rate", part(2000, 5000, 0), 10000, 10000, 0, 10000},
        {"line discount", labour(1000, 46000, 600, 6000), 46000, 40000, 2264, 37736},
        {"discount = whole line (free)", labour(1000, 5000, 600, 5000), 5000, 0, 0, 0},
        {"free part", part(1000, 0), 0, 0, 0, 0},
        {"1.5 h labour", labour(1500, 12000), 18000, 18000, 1019, 16981},
        // 0.333 × 1.00 = 0.333 fen → 0; 0.5 fen → 1 (half up); 0.499 → 0
        {"tiny quantity rounds down", part(333, 1), 0, 0, 0, 0},
        {"gross .5 fen rounds up", part(500, 1), 1, 1, 0, 1},
        {"gross .5 fen rounds up (2)", part(1500, 333), 500, 500, 58, 442},
        {"gross .499 fen rounds down", part(499, 1), 0, 0, 0, 0},
        // 113 × 1300 / 11300 = 13.0 ; 5650 × 1300 / 11300 = 650; 4 fen × 1300 / 11300 = 0.46 → 0
        {"tax exactly whole", part(1000, 113), 113, 113, 13, 100},
        {"tax under half", part(1000, 4), 4, 4, 0, 4},
        {"tax 499.98 → 500", part(1000, 4346), 4346, 4346, 500, 3846},  // 4346 × 13/113
        {"tax at 6 %: 3.0", labour(1000, 53), 53, 53, 3, 50},
    };
    for (const auto& row : rows) {
        InvoiceInput in{{row.line}, 0};
        auto r = computeInvoice(in);
        ASSERT_TRUE(r.ok()) << row.what << ": " << r.error().message;
        EXPECT_EQ(r->lines[0].grossFen, row.gross) << row.what;
        EXPECT_EQ(r->lines[0].amountFen, row.amount) << row.what;
        EXPECT_EQ(r->lines[0].taxFen, row.tax) << row.what;
        EXPECT_EQ(r->lines[0].netFen, row.net) << row.what;
        expectConsistent(in, *r);
    }
}

TEST(InvoiceMath, RoundingIsHalfUp) {
    EXPECT_EQ(roundHalfUpDiv(1, 1, 2), 1);   // 0.5 → 1
    EXPECT_EQ(roundHalfUpDiv(5, 1, 2), 3);   // 2.5 → 3
    EXPECT_EQ(roundHalfUpDiv(5, 1, 10), 1);  // 0.5 → 1
    EXPECT_EQ(roundHalfUpDiv(4, 1, 10), 0);  // 0.4 → 0
    EXPECT_EQ(roundHalfUpDiv(15, 1000, 1000), 15);
    // The gross hits exactly .5 fen whenever quantity × price ends in 500: it rounds up.
    for (int64_t price : {1, 3, 5, 99, 12345}) {
        InvoiceInput in{{part(500, price, 0)}, 0};
        EXPECT_EQ(computeInvoice(in)->lines[0].grossFen, (price + 1) / 2) << price;
        InvoiceInput in3{{part(1500, price, 0)}, 0};
        EXPECT_EQ(computeInvoice(in3)->lines[0].grossFen, (3 * price + 1) / 2) << price;
    }
    // The tax of a whole-fen amount can never be exactly .5 fen at the allowed rates (13 % is
    // amount × 13 / 113, and 26 × amount = 113 × odd has no solution; likewise 3/103, 3/53,
    // 9/109), so check both sides of a half instead.
    InvoiceInput justOverHalf{{part(1000, 4345)}, 0};   // 4345 × 13/113 = 499.867 → 500
    InvoiceInput justUnderHalf{{part(1000, 4341)}, 0};  // 4341 × 13/113 = 499.407 → 499
    EXPECT_EQ(computeInvoice(justOverHalf)->lines[0].taxFen, 500);
    EXPECT_EQ(computeInvoice(justUnderHalf)->lines[0].taxFen, 499);
    InvoiceInput sixPercent{{labour(1000, 8833)}, 0};  // 8833 × 3/53 = 499.98 → 500
    EXPECT_EQ(computeInvoice(sixPercent)->lines[0].taxFen, 500);
}

TEST(InvoiceMath, OrderDiscountIsSharedInProportionAndAddsUpExactly) {
    // ¥100 shared over 3 equal lines: 33.33… each; the extra fen goes to the first line (tie).
    {
        InvoiceInput in{{labour(1000, 10000), part(1000, 10000), part(1000, 10000)}, 100};
        auto r = computeInvoice(in);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->lines[0].orderDiscountFen, 34);
        EXPECT_EQ(r->lines[1].orderDiscountFen, 33);
        EXPECT_EQ(r->lines[2].orderDiscountFen, 33);
        EXPECT_EQ(r->totals.amountFen, 30000 - 100);
        expectConsistent(in, *r);
    }
    // Proportional to the amount after each line's own discount: 300 / 100 (after 100 off) / 600.
    {
        InvoiceInput in{{labour(1000, 30000), part(1000, 20000, 1300, 10000), part(1000, 60000)},
                        1000};
        auto r = computeInvoice(in);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->lines[0].orderDiscountFen, 300);
        EXPECT_EQ(r->lines[1].orderDiscountFen, 100);
        EXPECT_EQ(r->lines[2].orderDiscountFen, 600);
        expectConsistent(in, *r);
    }
    // Largest remainder, not first-come: amounts 1, 2, 7 (Σ 10), discount 5 → 0.5, 1.0, 3.5:
    // floors 0, 1, 3 (Σ 4); remainders .5, 0, .5 → the tie goes to the earlier line.
    {
        auto shares = spreadDiscount({1, 2, 7}, 5);
        ASSERT_TRUE(shares.ok());
        EXPECT_EQ(*shares, (std::vector<int64_t>{1, 1, 3}));
    }
    // amounts 10, 20, 30, 40 (Σ 100), discount 7 → .7, 1.4, 2.1, 2.8 → floors 0,1,2,2 (5);
    // remainders .7 .4 .1 .8 → +1 to the 4th then the 1st.
    {
        auto shares = spreadDiscount({10, 20, 30, 40}, 7);
        ASSERT_TRUE(shares.ok());
        EXPECT_EQ(*shares, (std::vector<int64_t>{1, 1, 2, 3}));
    }
    // The whole invoice discounted away; a fully discounted line takes no share.
    {
        InvoiceInput in{{labour(1000, 5000, 600, 5000), part(1000, 3000), part(2000, 1000)}, 5000};
        auto r = computeInvoice(in);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->lines[0].orderDiscountFen, 0);
        EXPECT_EQ(r->lines[1].orderDiscountFen, 3000);
        EXPECT_EQ(r->lines[2].orderDiscountFen, 2000);
        EXPECT_EQ(r->totals.amountFen, 0);
        EXPECT_EQ(r->totals.taxFen, 0);
        expectConsistent(in, *r);
    }
}

TEST(InvoiceMath, AnEmptyInvoiceIsZero) {
    auto r = computeInvoice({});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->totals.amountFen, 0);
    EXPECT_TRUE(r->totals.byRate.empty());
    EXPECT_NE(errorOf({{}, 1}).find("order discount"), std::string::npos);
}

TEST(InvoiceMath, BadInputIsRefusedNamingTheLineAndField) {
    struct Row {
        InvoiceInput in;
        const char* expected;
    };
    const Row rows[] = {
        {{{labour(1000, 100), part(-1000, 100)}, 0}, "line 2: quantity: must not be negative"},
        {{{part(0, 100)}, 0}, "line 1: quantity: must not be 0"},
        {{{part(1000, -1)}, 0}, "line 1: unit_price_fen: must not be negative"},
        {{{part(1000, 100, 1300, -5)}, 0}, "line 1: discount_fen: must not be negative"},
        {{{labour(1000, 100), labour(1000, 100), part(1000, 100, 1300, 101)}, 0},
         "line 3: discount_fen: ¥1.01 is more than the line's total ¥1.00"},
        {{{part(1000, 100, 1700)}, 0}, "line 1: tax_rate_bp: 1700 is not an allowed VAT rate"},
        {{{part(1000, 100, 17)}, 0}, "line 1: tax_rate_bp: 17 is not an allowed VAT rate"},
        {{{part(1000, 100, 1300, 50)}, 51},
         "order discount: ¥0.51 is more than the lines add up to after their own discounts "
         "(¥0.50)"},
        {{{part(1000, 100)}, -1}, "order discount: must not be negative"},
        {{{part(kMaxQuantityMilli, kMaxInvoiceFen)}, 0}, "line 1: amount"},
        {{{part(kMaxQuantityMilli + 1, 1)}, 0}, "line 1: quantity"},
        {{{part(1000, kMaxInvoiceFen + 1)}, 0}, "line 1: unit_price_fen"},
        {{{part(1000, kMaxInvoiceFen), part(1000, 1)}, 0},
         "line 2: amount: the invoice would come"},
        {{{part(INT64_MAX, INT64_MAX)}, 0}, "line 1: quantity"},
    };
    for (const auto& row : rows) {
        const std::string msg = errorOf(row.in);
        EXPECT_NE(msg.find(row.expected), std::string::npos)
            << msg << "\n  wanted: " << row.expected;
    }
    // The largest invoice accepted is exact.
    InvoiceInput max{{part(1000, kMaxInvoiceFen - 1), part(1000, 1)}, 0};
    auto r = computeInvoice(max);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->totals.amountFen, kMaxInvoiceFen);
    expectConsistent(max, *r);
}

TEST(InvoiceMath, TotalsAlwaysEqualTheSumOfLines) {
    std::mt19937_64 rng(20260402);
    auto uniform = [&](int64_t lo, int64_t hi) {
        return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
    };
    int withOrderDiscount = 0;
    for (int n = 0; n < 3000; ++n) {
        InvoiceInput in;
        const int lines = static_cast<int>(uniform(0, 12));
        const bool huge = uniform(0, 20) == 0;
        int64_t sum = 0;
        for (int i = 0; i < lines; ++i) {
            InvoiceLineInput l;
            l.kind = uniform(0, 1) ? LineKind::kLabour : LineKind::kPart;
            l.quantityMilli = uniform(0, 3) == 0 ? uniform(1, 999) : uniform(1, 20) * 500;
            l.unitPriceFen = huge ? uniform(0, 1'000'000'000) : uniform(0, 200'000);
            l.taxRateBp = kTaxRatesBp[static_cast<size_t>(
                uniform(0, static_cast<int64_t>(kTaxRatesBp.size()) - 1))];
            const int64_t gross = roundHalfUpDiv(l.quantityMilli, l.unitPriceFen, 1000);
            l.discountFen = uniform(0, 2) == 0 ? uniform(0, gross) : 0;
            sum += gross - l.discountFen;
            in.lines.push_back(l);
        }
        if (sum > 0 && uniform(0, 1)) {
            in.orderDiscountFen =
                uniform(0, 1) ? uniform(0, sum) : uniform(0, std::min<int64_t>(sum, 999));
            ++withOrderDiscount;
        }
        auto r = computeInvoice(in);
        ASSERT_TRUE(r.ok()) << n << ": " << r.error().message;
        expectConsistent(in, *r);
        if (::testing::Test::HasFailure()) FAIL() << "invoice " << n;
        // The shares are proportional to within one fen.
        for (size_t i = 0; i < in.lines.size() && in.orderDiscountFen > 0; ++i) {
            const auto& l = r->lines[i];
            const int64_t base = l.grossFen - l.lineDiscountFen;
            const Int128 exact = static_cast<Int128>(in.orderDiscountFen) * base;
            const int64_t floor = static_cast<int64_t>(exact / sum);
            EXPECT_TRUE(l.orderDiscountFen == floor || l.orderDiscountFen == floor + 1) << n;
        }
    }
    EXPECT_GT(withOrderDiscount, 500);
}

TEST(InvoiceMath, PaymentsLeaveWhatIsOwed) {
    auto none = paymentsApplied(83600, {});
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(none->paidFen, 0);
    EXPECT_EQ(none->owedFen, 83600);

    auto part = paymentsApplied(83600, {50000, 10000});
    ASSERT_TRUE(part.ok());
    EXPECT_EQ(part->paidFen, 60000);
    EXPECT_EQ(part->owedFen, 23600);

    auto full = paymentsApplied(83600, {50000, 33600});
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->owedFen, 0);

    auto over = paymentsApplied(83600, {50000, 50000});
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().message, "payment 2: ¥500.00 is more than the ¥336.00 still owed");

    auto zero = paymentsApplied(83600, {0});
    ASSERT_FALSE(zero.ok());
    EXPECT_NE(zero.error().message.find("payment 1: must be more than ¥0.00"), std::string::npos);
    EXPECT_FALSE(paymentsApplied(83600, {100, -5}).ok());
    EXPECT_NE(paymentsApplied(100, {100, 1}).error().message.find("already paid in full"),
              std::string::npos);
    EXPECT_FALSE(paymentsApplied(-1, {}).ok());
}

}  // namespace
}  // namespace fc::core
