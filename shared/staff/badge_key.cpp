#include "shared/staff/badge_key.hpp"

#include <sodium.h>

#include "shared/staff/pin.hpp"

namespace fc::core {

namespace {

constexpr size_t kKeyChars = 43;  // 32 bytes, base64url without padding

bool isHex(std::string_view s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

bool isBadgeKey(std::string_view key) {
    if (key.size() != kKeyChars) return false;
    for (char c : key)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

bool isBadgeHash(std::string_view stored) {
    return stored.size() == kBadgeHashPrefix.size() + 64 && stored.substr(0, kBadgeHashPrefix.size()) == kBadgeHashPrefix &&
           isHex(stored.substr(kBadgeHashPrefix.size()));
}

std::string badgeHash(const std::string& key, std::string_view normalizedBadge) {
    // HMAC needs neither randomness nor sodium_init(): a plain hash computation.
    crypto_auth_hmacsha256_state st;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(normalizedBadge.data()),
                                  normalizedBadge.size());
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[2 * sizeof mac + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return std::string(kBadgeHashPrefix) + hex;
}

Result<std::string> badgeKey(Db& db) {
    FC_ASSIGN(Stmt * s, db.cached("SELECT value FROM local_store_secrets WHERE name = 'badge_key'"));
    FC_ASSIGN(bool row, s->step());
    std::string key = row ? s->getText(0) : "";
    s->reset();
    return key;
}

Status setBadgeKey(Db& db, const std::string& key) {
    if (!isBadgeKey(key)) return invalid("badge key: expected 43 characters of base64url");
    FC_ASSIGN(Stmt * s, db.cached("INSERT INTO local_store_secrets(name, value) VALUES ('badge_key', ?) "
                                  "ON CONFLICT(name) DO UPDATE SET value = excluded.value"));
    s->bind(1, key);
    return s->run();
}

Result<std::string> ensureBadgeKey(Db& db) {
    FC_ASSIGN(std::string key, badgeKey(db));
    if (!key.empty()) return key;
    FC_ASSIGN(key, randomToken(32));
    FC_TRY(setBadgeKey(db, key));
    return key;
}

}  // namespace fc::core
