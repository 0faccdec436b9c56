// What each kind of device may write is declared by the domains (TableGrant, shared/capture/
// domain.hpp) and collected by the registry; devices check it before saving. This applies the same
// rule to a change as it arrives at the hub, which is the check that counts: a device's own check
// is a convenience, a stolen or modified device skips it.
//
//   if (auto why = checkWrite(DeviceRole::kKiosk, change); !why.empty()) refuse(change, why);
#pragma once

#include <string>

#include "shared/core/device_role.hpp"
#include "sync/protocol.hpp"

namespace fc::sync {

// Empty when allowed; otherwise why not ("kiosk devices may not change customers.notes").
std::string checkWrite(core::DeviceRole role, const Change& change);

}  // namespace fc::sync
