#include "shared/core/money.hpp"

#include "shared/core/text.hpp"

namespace fc::core {

std::optional<Money> Money::parse(std::string_view input) {
    std::string s = foldWidth(input);
    std::string digits;
    bool negative = false;
    bool seenDot = false;
    int decimals = 0;
    bool any = false;
    // Strip currency signs and grouping.
    std::string cleaned;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 2, "\xC2\xA5") == 0) {  // ¥
            ++i;
            continue;
        }
        if (s.compare(i, 3, "\xEF\xBF\xA5") == 0) {  // full-width ￥
            i += 2;
            continue;
        }
        if (s[i] == ',' || s[i] == ' ') continue;
        cleaned += s[i];
    }
    for (size_t i = 0; i < cleaned.size(); ++i) {
        const char c = cleaned[i];
        if (c == '-' && i == 0) {
            negative = true;
        } else if (c == '+' && i == 0) {
            continue;
        } else if (c == '.' && !seenDot) {
            seenDot = true;
        } else if (c >= '0' && c <= '9') {
            if (seenDot && ++decimals > 2) return std::nullopt;
            digits += c;
            any = true;
        } else {
            return std::nullopt;
        }
    }
    if (!any) return std::nullopt;
    while (decimals < 2) digits += '0', ++decimals;
    if (digits.size() > 18) return std::nullopt;  // 18 digits of fen always fit in int64
    int64_t v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return Money::fen(negative ? -v : v);
}

std::string Money::format() const {
    const bool neg = m_fen < 0;
    const uint64_t abs = neg ? static_cast<uint64_t>(-(m_fen + 1)) + 1 : static_cast<uint64_t>(m_fen);
    std::string whole = std::to_string(abs / 100);
    std::string grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    const unsigned cents = static_cast<unsigned>(abs % 100);
    std::string frac = std::string(1, static_cast<char>('0' + cents / 10)) +
                       static_cast<char>('0' + cents % 10);
    const std::string cur = currency();
    std::string body = grouped + "." + frac;
    if (cur == "CNY") return (neg ? "-\xC2\xA5" : "\xC2\xA5") + body;
    return (neg ? "-" : "") + body + " " + cur;
}

}  // namespace fc::core
