// A signed-in staff member as the rest of the store sees it (the Session value, made only by
// SessionManager in session.hpp), how they signed in and out, and the key their wrong-PIN
// counter is kept under. Separate from session.hpp so StaffService can take a Session without
// depending on the SessionManager that depends on it.
//
//   FC_TRY(requireCapability(by, Capability::kManageStaff));
#pragma once

#include <cstdint>
#include <string>

#include "shared/core/result.hpp"
#include "shared/staff/capabilities.hpp"

namespace fc::core {

enum class SignInMethod { kPin, kPinOnly, kBadge };
const char* signInMethodKey(SignInMethod m);  // "pin", "pin_only", "badge"

enum class SignOutReason { kManual, kInactivity, kReplaced };
const char* signOutReasonKey(SignOutReason r);  // "manual", "inactivity", "replaced"

// A signed-in staff member. Made only by SessionManager; copies are snapshots (ask
// SessionManager::current() for the live one).
class Session {
public:
    const std::string& id() const { return m_id; }
    const std::string& staffId() const { return m_staffId; }
    const std::string& staffName() const { return m_staffName; }
    StaffRole role() const { return m_role; }
    SignInMethod method() const { return m_method; }
    int64_t signedInAt() const { return m_signedInAt; }
    int64_t lastActivityAt() const { return m_lastActivityAt; }

    bool can(Capability c) const { return roleCan(m_role, c); }

private:
    friend class SessionManager;
    Session() = default;
    std::string m_id;
    std::string m_staffId;
    std::string m_staffName;
    StaffRole m_role = StaffRole::kTechnician;
    SignInMethod m_method = SignInMethod::kPin;
    int64_t m_signedInAt = 0;
    int64_t m_lastActivityAt = 0;
};

// kPermission naming the person, their role and what they may not do.
Status requireCapability(const Session& session, Capability c);

// The key of a person's wrong-PIN counter in local_signin_guard ("staff:<id>"): a new PIN clears it.
inline std::string signInGuardKey(const std::string& staffId) { return "staff:" + staffId; }

}  // namespace fc::core
