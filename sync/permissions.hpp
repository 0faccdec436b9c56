// What each kind of device may write is declared by the domains (TableGrant, shared/capture/
// domain.hpp) and collected by the registry; devices check it before saving. This applies the same
// rule to a change as it arrives at the hub, which is the check that counts: a device's own check
// is a convenience, a stolen or modified device skips it.
//
//   if (auto why = checkWrite(DeviceRole::kKiosk, change); !why.empty()) refuse(change, why);
#pragma once

#include <string>

#include "shared/core/device_role.hpp"
#include "shared/db/sqlite.hpp"
#include "sync/protocol.hpp"

namespace fc::sync {

// Empty when allowed; otherwise why not ("kiosk devices may not change customers.notes").
std::string checkWrite(core::DeviceRole role, const Change& change);

// The domains' row rules (core::RowRule, the same the write path applies on every device) for a
// pushed insert, fact or update written by `author`: empty when the values are valid; otherwise
// why not, naming the table, the row and the column ("visits 0190…: status is not one of: …").
// Reads `db` (the hub's replica) for rules that look at other rows. Tombstones pass.
Result<std::string> checkValues(const Change& change, const std::string& author, core::Db& db);

}  // namespace fc::sync
