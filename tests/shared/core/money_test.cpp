#include "shared/core/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace fc::core {
namespace {

// [SECTION] construction

TEST(Money, YuanAndFenBuildMinorUnits) {
    EXPECT_EQ(Money::yuan(128, 50).fen(), 12850);
    EXPECT_EQ(Money::yuan(5).fen(), 500);
    EXPECT_EQ(Money::yuan(-3, 7).fen(), -307);
    EXPECT_EQ(Money::yuan(0, 5).fen(), 5);
    EXPECT_EQ(Money::fen(42).fen(), 42);
    EXPECT_EQ(Money().fen(), 0);
    EXPECT_EQ(Money().currency(), "CNY");
    EXPECT_EQ(Money::fen(1).currency(), "CNY");
    EXPECT_EQ(Money::fen(1, "USD").currency(), "USD");
    static_assert(Money::yuan(128, 50).fen() == 12850);
}

// [SECTION] parse

TEST(Money, ParsesAmountsPeopleType) {
    struct Case {
        const char* text;
        int64_t fen;
    };
    const std::vector<Case> cases = {
        {"128", 12800},
        {"128.5", 12850},
        {"128.50", 12850},
        {"-3.07", -307},
        {"¥1,280.00", 128000},
        {"￥12.30", 1230},             // full-width yuan sign
        {"１２．３０", 1230},          // full-width digits and dot
        {"１，２８０．００", 128000},  // full-width comma
        {"¥-3.07", -307},
        {"-¥3.07", -307},
        {"+5", 500},
        {"0", 0},
        {"0.01", 1},
        {".5", 50},
        {"-0.5", -50},
        {"1 280.00", 128000},
        {" ¥ 99 ", 9900},
        {"1,000,000", 100000000},
        {"9999999999999999.99", 999'999'999'999'999'999},  // 18 digits of fen: the largest
        {"9999999999999999", 999'999'999'999'999'900},
    };
    for (const auto& c : cases) {
        const std::optional<Money> m = Money::parse(c.text);
        ASSERT_TRUE(m.has_value()) << c.text;
        EXPECT_EQ(m->fen(), c.fen) << c.text;
        EXPECT_EQ(m->currency(), "CNY") << c.text;
    }
}

TEST(Money, RejectsWhatIsNotAnAmount) {
    const std::vector<const char*> bad = {
        "1.234",  // more than two decimals
        "0.001",
        "１.２３４",
        "abc",
        "",
        "   ",
        "1.2.3",
        "-",
        ".",
        "¥",
        "+",
        "1-2",
        "--1",
        "+-1",
        "12a",
        "1e5",
        "$12",
        "12元",
        "\t12",
        "99999999999999999",  // 17 yuan digits: would overflow int64 fen
        "12345678901234567.00",
        "99999999999999999999",
    };
    for (const char* s : bad) EXPECT_FALSE(Money::parse(s).has_value()) << '"' << s << '"';
}

// [SECTION] format

TEST(Money, FormatsCnyWithSignAndGrouping) {
    EXPECT_EQ(Money::fen(0).format(), "¥0.00");
    EXPECT_EQ(Money::fen(5).format(), "¥0.05");
    EXPECT_EQ(Money::fen(50).format(), "¥0.50");
    EXPECT_EQ(Money::yuan(128, 50).format(), "¥128.50");
    EXPECT_EQ(Money::fen(99999).format(), "¥999.99");
    EXPECT_EQ(Money::fen(100000).format(), "¥1,000.00");
    EXPECT_EQ(Money::yuan(1280, 50).format(), "¥1,280.50");
    EXPECT_EQ(Money::yuan(123456).format(), "¥123,456.00");
    EXPECT_EQ(Money::yuan(1000000).format(), "¥1,000,000.00");
}

TEST(Money, FormatsNegativesWithLeadingMinus) {
    EXPECT_EQ(Money::fen(-307).format(), "-¥3.07");
    EXPECT_EQ(Money::fen(-5).format(), "-¥0.05");
    EXPECT_EQ(Money::yuan(-1280, 50).format(), "-¥1,280.50");
}

TEST(Money, FormatsInt64Extremes) {
    EXPECT_EQ(Money::fen(std::numeric_limits<int64_t>::max()).format(),
              "¥92,233,720,368,547,758.07");
    EXPECT_EQ(Money::fen(std::numeric_limits<int64_t>::min()).format(),
              "-¥92,233,720,368,547,758.08");
}

TEST(Money, FormatsOtherCurrenciesWithCodeAfter) {
    EXPECT_EQ(Money::fen(128050, "USD").format(), "1,280.50 USD");
    EXPECT_EQ(Money::fen(-128050, "USD").format(), "-1,280.50 USD");
    EXPECT_EQ(Money::fen(5, "HKD").format(), "0.05 HKD");
}

TEST(Money, ParseOfFormatRoundTrips) {
    for (int64_t f : {int64_t{0}, int64_t{5}, int64_t{-307}, int64_t{128050}, int64_t{100000000},
                      int64_t{-999'999'999'999'999'999}}) {
        const Money m = Money::fen(f);
        const auto back = Money::parse(m.format());
        ASSERT_TRUE(back.has_value()) << m.format();
        EXPECT_EQ(back->fen(), f) << m.format();
    }
}

// [SECTION] arithmetic

TEST(Money, AddsSubtractsAndMultiplies) {
    const Money a = Money::yuan(128, 50);
    const Money b = Money::yuan(3, 7);
    EXPECT_EQ((a + b).fen(), 13157);
    EXPECT_EQ((a - b).fen(), 12543);
    EXPECT_EQ((b - a).fen(), -12543);
    EXPECT_EQ((a * 3).fen(), 38550);
    EXPECT_EQ((a * 0).fen(), 0);
    EXPECT_EQ((a * -2).fen(), -25700);
    EXPECT_EQ((a + b).format(), "¥131.57");
    static_assert((Money::fen(1) + Money::fen(2)).fen() == 3);
}

TEST(Money, ArithmeticKeepsCurrency) {
    const Money usd = Money::fen(1000, "USD");
    EXPECT_EQ((usd + Money::fen(5, "USD")).currency(), "USD");
    EXPECT_EQ((usd - Money::fen(5, "USD")).currency(), "USD");
    EXPECT_EQ((usd * 4).currency(), "USD");
    EXPECT_EQ((usd * 4).fen(), 4000);
}

TEST(Money, EqualityNeedsSameAmountAndCurrency) {
    EXPECT_TRUE(Money::fen(100) == Money::yuan(1));
    EXPECT_FALSE(Money::fen(100) == Money::fen(101));
    EXPECT_FALSE(Money::fen(100) == Money::fen(100, "USD"));
    EXPECT_TRUE(Money::fen(100, "USD") == Money::fen(100, "USD"));
    EXPECT_TRUE(Money::fen(1).sameCurrency(Money::fen(2)));
    EXPECT_FALSE(Money::fen(1).sameCurrency(Money::fen(1, "EUR")));
}

}  // namespace
}  // namespace fc::core
