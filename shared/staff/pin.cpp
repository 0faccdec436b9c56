#include "shared/staff/pin.hpp"

#include <sodium.h>

#include <array>
#include <vector>

#include "shared/core/text.hpp"

namespace fc::core {

namespace {

bool sodiumReady() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

}  // namespace

PinHashLimits PinHashLimits::interactive() {
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PinHashLimits PinHashLimits::minimum() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Result<std::string> normalizePin(std::string_view input) {
    const std::string folded = foldWidth(input);
    std::string pin;
    for (char c : folded) {
        if (c == ' ') continue;
        if (c < '0' || c > '9') return invalid("PIN: use digits only");
        pin += c;
    }
    if (pin.size() != kPinLength)
        return invalid("PIN: it must be exactly " + std::to_string(kPinLength) + " digits, got " +
                       std::to_string(pin.size()));
    if (isTrivialPin(pin))
        return invalid("PIN: " + std::string(pin.size(), '*') +
                       " is too easy to guess (repeated digits, a run of consecutive digits or a "
                       "simple pattern); choose another");
    return pin;
}

bool isTrivialPin(std::string_view p) {
    if (p.size() != kPinLength) return false;
    std::array<int, kPinLength> d{};
    for (size_t i = 0; i < kPinLength; ++i) d[i] = p[i] - '0';
    // A constant step modulo 10: 000000, 123456, 654321, 890123, 135791, 246802, 975319 …
    {
        const int step = (d[1] - d[0] + 10) % 10;
        bool constant = true;
        for (size_t i = 2; i < kPinLength; ++i) constant &= (d[i] - d[i - 1] + 10) % 10 == step;
        if (constant) return true;
    }
    // Repeating a block of 1, 2 or 3 digits: 121212, 123123.
    for (size_t period : {size_t{2}, size_t{3}}) {
        bool repeats = true;
        for (size_t i = period; i < kPinLength; ++i) repeats &= d[i] == d[i - period];
        if (repeats) return true;
    }
    // Doubled or tripled runs: 112233, 111222; mirrored halves: 123321.
    if (d[0] == d[1] && d[2] == d[3] && d[4] == d[5]) return true;
    if (d[0] == d[1] && d[1] == d[2] && d[3] == d[4] && d[4] == d[5]) return true;
    if (d[0] == d[5] && d[1] == d[4] && d[2] == d[3]) return true;
    // Only two different digits in total (101010 is caught above; 100001, 110011, 999000 …).
    {
        std::array<bool, 10> seen{};
        int distinct = 0;
        for (int x : d)
            if (!seen[static_cast<size_t>(x)]) seen[static_cast<size_t>(x)] = true, ++distinct;
        if (distinct <= 2) return true;
    }
    // A few PINs people choose far more than chance would: lucky and "I love you" numbers.
    static const std::array<std::string_view, 8> kCommon = {"520520", "521521", "131452", "201314",
                                                            "168168", "518518", "147258", "258369"};
    for (auto c : kCommon)
        if (p == c) return true;
    return false;
}

Result<std::string> hashPin(std::string_view pin, const PinHashLimits& limits) {
    if (!sodiumReady()) return internal("libsodium could not initialise");
    if (limits.opsLimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
        limits.memLimit < crypto_pwhash_argon2id_MEMLIMIT_MIN)
        return invalid("PIN hash limits are below Argon2id's minimum");
    std::vector<char> out(crypto_pwhash_STRBYTES);
    if (crypto_pwhash_str_alg(out.data(), pin.data(), pin.size(), limits.opsLimit, limits.memLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return internal("hashing the PIN failed (out of memory?)");
    return std::string(out.data());
}

bool verifyPin(std::string_view hash, std::string_view pin) {
    if (!sodiumReady() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string h(hash);  // NUL-terminated copy
    return crypto_pwhash_str_verify(h.c_str(), pin.data(), pin.size()) == 0;
}

Result<std::string> randomToken(size_t bytes) {
    // No entropy source: refuse rather than hand out a guessable token.
    if (!sodiumReady()) return internal("libsodium could not initialise: no random tokens");
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::vector<char> out(
        sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw.data(), raw.size());
    return std::string(out.data());
}

}  // namespace fc::core
