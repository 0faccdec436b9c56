// Staff records (synced master data): name, role, active flag, badge code, PIN hash. Changes are
// made by a signed-in person whose session allows it (Capability::kManageStaff; anyone may change
// their own PIN); the very first admin of a store is created with bootstrapAdmin().
//
//   StaffService staff(store);                               // Argon2id, interactive limits
//   FC_ASSIGN(std::string admin, staff.bootstrapAdmin("赵敏", "246810"));
//   FC_ASSIGN(Session s, sessions.signInByPin(admin, "246810"));
//   FC_ASSIGN(std::string id, staff.createStaff(s, {.name = "李娜", .role = StaffRole::kAdvisor,
//                                                   .badgeCode = "FC-STAFF-0003", .pin =
//                                                   "314159"}));
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/staff/capabilities.hpp"
#include "shared/staff/pin.hpp"

namespace fc::core {

class Session;

struct StaffInput {
    std::string name;
    StaffRole role = StaffRole::kAdvisor;
    std::string badgeCode;  // optional; normalised (upper case, no spaces), stored as a keyed hash
    std::string pin;        // optional at creation; six digits, not trivial
};

// Fields to change; unset fields stay as they are.
struct StaffPatch {
    std::optional<std::string> name;
    std::optional<StaffRole> role;
    std::optional<std::string> badgeCode;  // "" removes the badge
};

struct StaffMember {
    std::string id;
    std::string name;
    std::optional<StaffRole> role;  // empty when the stored role is unknown to this version
    std::string roleKey;
    bool active = true;
    bool hasBadge = false;  // the code itself is not kept (a keyed hash is)
    bool hasPin = false;
    std::optional<int64_t> pinSetAt;
    int64_t createdAt = 0;
    std::optional<int64_t> deletedAt;
};

class StaffService {
public:
    explicit StaffService(Store& store, PinHashLimits limits = PinHashLimits::interactive());

    void setHashLimits(const PinHashLimits& limits) { m_limits = limits; }
    const PinHashLimits& hashLimits() const { return m_limits; }

    // [SECTION] changes
    // The store's first admin, when it has no active admin yet (a fresh installation). Refused
    // (kPermission) once one exists: from then on staff are added by someone signed in.
    Result<std::string> bootstrapAdmin(const std::string& name, std::string_view pin,
                                       std::string_view badgeCode = "");
    Result<std::string> createStaff(const Session& by, const StaffInput& input);
    Result<bool> updateStaff(const Session& by, const std::string& id, const StaffPatch& patch);
    // Deactivated staff cannot sign in; their history stays. The last active admin stays active.
    Status deactivate(const Session& by, const std::string& id);
    Status reactivate(const Session& by, const std::string& id);
    // Your own PIN, or anyone's with kManageStaff. Also lifts that person's lockout on this device.
    Status setPin(const Session& by, const std::string& id, std::string_view pin);

    // [SECTION] reads
    Result<StaffMember> get(const std::string& id);
    Result<std::vector<StaffMember>> list(bool includeInactive = false);
    // The active staff member with this badge, if any.
    Result<std::optional<std::string>> findByBadge(std::string_view badge);
    // Checks a PIN against one person's hash. No lockout, nothing recorded: SessionManager does
    // that. False when the person has no PIN.
    Result<bool> checkPin(const std::string& id, std::string_view pin);
    // Active staff with a PIN: (id, hash), for PIN-only sign-in.
    Result<std::vector<std::pair<std::string, std::string>>> activePinHashes();

    // Hashes badge codes stored as text (written before v8, or by a device of that time): the
    // hub does it on opening and for each such change it merges. Makes the store's badge key if
    // there is none (the hub's own). Returns how many were hashed.
    Result<int> hashPlainBadges(const std::optional<std::string>& onlyId = std::nullopt);

    // A random, unused badge code: "FC-7K2Q-XM9D".
    Result<std::string> newBadgeCode();
    // Upper case, full-width folded, spaces removed; 4–32 of A–Z 0–9 '-'.
    static Result<std::string> normalizeBadge(std::string_view input);

    // For trusted bulk code (seed-demo) inside an open transaction: no session check.
    // `checkPinUnique` false skips the PIN-in-use check (the caller knows the PINs differ).
    Result<std::string> createStaffInTx(const StaffInput& input, bool checkPinUnique = true);

private:
    // A new person validated and their PIN hashed, ready to insert.
    struct Prepared {
        std::string name;
        StaffRole role = StaffRole::kAdvisor;
        std::string badge;  // stored form
        std::string pinHash;
    };
    Result<Prepared> prepare(const StaffInput& input, bool checkPinUnique);
    Result<std::string> insertPrepared(const Prepared& p);
    Result<std::string> validName(const std::string& name) const;
    // The stored form (keyed hash) of a normalised code; kPermission without the store's key.
    Result<std::string> storedBadge(const std::string& code);
    // `badge` in its stored form.
    Status checkBadgeFree(const std::string& badge, const std::string& exceptId);
    // Whether another active person already uses this PIN (PIN-only sign-in must be unambiguous).
    Result<bool> pinInUse(const std::string& pin, const std::string& exceptId);
    Result<int64_t> activeAdmins(const std::string& exceptId);
    Result<std::string> insertStaff(const std::string& name, StaffRole role,
                                    const std::string& badge, const std::string& pinHash);

    Store& m_store;
    PinHashLimits m_limits;
};

}  // namespace fc::core
