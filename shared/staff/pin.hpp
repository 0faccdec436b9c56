// Staff PINs: exactly six digits, not a trivial one, stored only as an Argon2id hash
// (libsodium crypto_pwhash_str: salt and limits are inside the hash string).
//
//   FC_ASSIGN(std::string pin, normalizePin("２４６８１０"));       // "246810"
//   FC_ASSIGN(std::string hash, hashPin(pin, PinHashLimits::interactive()));
//   bool ok = verifyPin(hash, "246810");
//
// A six-digit PIN has a million values: a hash that leaves the store can be brute-forced offline
// whatever the limits. The hash protects against casual reading; the lockout protects the devices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace fc::core {

// Argon2id cost. Interactive (the default) costs ~50–100 ms and 64 MiB per hash or verify;
// tests use minimum() so a suite of sign-ins stays quick. The limits a hash was made with are
// stored in it: verifying an old hash uses its own limits.
struct PinHashLimits {
    uint64_t opsLimit = 0;
    size_t memLimit = 0;
    static PinHashLimits interactive();
    static PinHashLimits minimum();
};

constexpr size_t kPinLength = 6;

// Digits only (full-width digits are folded, spaces ignored), exactly six, and not trivial.
// Errors say what is wrong in words a person can act on.
Result<std::string> normalizePin(std::string_view input);
// 000000, 123456, 654321, 121212, 123123, 112233, 111222, 123321, steps like 135791 (mod 10) …
bool isTrivialPin(std::string_view sixDigits);

Result<std::string> hashPin(std::string_view pin, const PinHashLimits& limits);
// False for a wrong PIN and for a malformed or empty hash.
bool verifyPin(std::string_view hash, std::string_view pin);

// Random URL-safe text (base64url, no padding) from `bytes` random bytes: 18 bytes → 24 chars,
// 144 bits (libsodium's randombytes). Also makes appointment QR and visit status-link tokens.
Result<std::string> randomToken(size_t bytes = 18);

}  // namespace fc::core
