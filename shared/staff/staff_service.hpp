// Staff records (synced master data): name, role, active flag, badge code, PIN hash, skills and
// regular shift. Changes are made by a signed-in person whose session allows it
// (Capability::kManageStaff; skills and shifts also with kManageRoster, which managers have;
// anyone may change their own PIN); the very first admin of a store is created with
// bootstrapAdmin().
//
//   StaffService staff(store);                               // Argon2id, interactive limits
//   FC_ASSIGN(std::string admin, staff.bootstrapAdmin("赵敏", "246810"));
//   FC_ASSIGN(Session s, sessions.signInByPin(admin, "246810"));
//   FC_ASSIGN(std::string id, staff.createStaff(s, {.name = "李娜", .role = StaffRole::kAdvisor,
//                                                   .badgeCode = "FC-STAFF-0003", .pin =
//                                                   "314159"}));
//   FC_TRY(staff.setSkills(s, techId, {Skill::kEvHighVoltage, Skill::kGeneral}));
//   FC_TRY(staff.setShift(s, techId, "1-5 08:30-17:30; 6 09:00-12:00"));
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/staff/capabilities.hpp"
#include "shared/staff/pin.hpp"
#include "shared/staff/shift.hpp"
#include "shared/staff/skills.hpp"

namespace fc::core {

class Session;

struct StaffInput {
    std::string name;
    StaffRole role = StaffRole::kAdvisor;
    std::string badgeCode;  // optional; normalised (upper case, no spaces), stored as a keyed hash
    std::string pin;        // optional at creation; six digits, not trivial
    std::vector<Skill> skills;
    std::string shift;      // optional; "1-5 08:30-17:30" (shift.hpp), stored in canonical form
};

// Fields to change; unset fields stay as they are.
struct StaffPatch {
    std::optional<std::string> name;
    std::optional<StaffRole> role;
    std::optional<std::string> badgeCode;  // "" removes the badge
    // Skills and shift need kManageStaff or kManageRoster; the fields above kManageStaff.
    std::optional<std::vector<Skill>> skills;  // the whole list (replaces what was there)
    std::optional<std::string> shift;          // "" removes the shift
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
    std::vector<Skill> skills;  // kSkills order
    WorkShift shift;            // empty: none recorded
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
    // What the person can do (any order, repeats ignored) and their regular hours, typed as
    // WorkShift::parse reads them ("" removes the shift). kManageStaff or kManageRoster. Refused
    // with the field named: "shift: '25:00' is not a time (00:00 to 24:00)".
    Status setSkills(const Session& by, const std::string& id, const std::vector<Skill>& skills);
    Status setShift(const Session& by, const std::string& id, std::string_view shift);
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
        std::vector<Skill> skills;
        std::string shift;  // canonical text
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
    Result<std::string> insertStaff(const Prepared& p);

    Store& m_store;
    PinHashLimits m_limits;
};

}  // namespace fc::core
