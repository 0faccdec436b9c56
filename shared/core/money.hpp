// Money as integer minor units (fen) with an explicit currency. Never floating point.
//
//   Money price = Money::yuan(128, 50);   // ¥128.50 = 12850 fen
//   std::string s = price.format();       // "¥128.50"
#pragma once

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace fc::core {

class Money {
public:
    constexpr Money() = default;
    static constexpr Money fen(int64_t f, std::string_view currency = "CNY") {
        Money m;
        m.m_fen = f;
        m.m_currency[0] = currency.size() > 0 ? currency[0] : 'C';
        m.m_currency[1] = currency.size() > 1 ? currency[1] : 'N';
        m.m_currency[2] = currency.size() > 2 ? currency[2] : 'Y';
        return m;
    }
    static constexpr Money yuan(int64_t y, int64_t f = 0) { return fen(y * 100 + (y < 0 ? -f : f)); }

    constexpr int64_t fen() const { return m_fen; }
    std::string currency() const { return std::string(m_currency, 3); }

    // Parses "128", "128.5", "128.50", "-3.07", "¥1,280.00". Rejects more than 2 decimals.
    static std::optional<Money> parse(std::string_view text);
    // "¥1,280.50" for CNY, "1,280.50 USD" otherwise.
    std::string format() const;

    constexpr bool sameCurrency(const Money& o) const {
        return m_currency[0] == o.m_currency[0] && m_currency[1] == o.m_currency[1] &&
               m_currency[2] == o.m_currency[2];
    }
    constexpr bool operator==(const Money& o) const { return m_fen == o.m_fen && sameCurrency(o); }
    constexpr Money operator+(const Money& o) const { return withFen(m_fen + o.m_fen); }
    constexpr Money operator-(const Money& o) const { return withFen(m_fen - o.m_fen); }
    constexpr Money operator*(int64_t n) const { return withFen(m_fen * n); }

private:
    constexpr Money withFen(int64_t f) const {
        Money m = *this;
        m.m_fen = f;
        return m;
    }
    int64_t m_fen = 0;
    char m_currency[3] = {'C', 'N', 'Y'};
};

}  // namespace fc::core
