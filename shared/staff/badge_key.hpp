// Badge codes are secrets: a badge signs a person in. They are stored only as keyed hashes
// (HMAC-SHA-256 under the store's badge key), never as text, so a replica, a sync page or a backup
// does not show them. The badge key is the store's: made by the hub (or a store that runs alone)
// when the store is created, handed to each device at enrolment (and to a device enrolled before
// badges were hashed, at its next sync), and kept in the local table local_store_secrets, which
// is never synced.
//
//   FC_ASSIGN(std::string key, badgeKey(db));                 // "" until this device has it
//   std::string h = badgeHash(key, "FC-STAFF-0003");           // "hmac-sha256:…" (64 hex)
#pragma once

#include <string>
#include <string_view>

#include "shared/core/result.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::core {

constexpr std::string_view kBadgeHashPrefix = "hmac-sha256:";

// The key of this device's store, or "" when it has none yet.
Result<std::string> badgeKey(Db& db);
// Keeps a key handed over by the hub (43 characters of base64url, 256 bits).
Status setBadgeKey(Db& db, const std::string& key);
// Makes the store's key unless the device has one; returns it.
Result<std::string> ensureBadgeKey(Db& db);
bool isBadgeKey(std::string_view key);
// The stored form of a normalised badge code under `key`.
std::string badgeHash(const std::string& key, std::string_view normalizedBadge);
bool isBadgeHash(std::string_view stored);

}  // namespace fc::core
