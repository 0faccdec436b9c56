// Which device role may write what: role × table × column, checked at the hub for every pushed
// change (client-side checks are a convenience only).
//
//   if (auto why = checkWrite("kiosk", change); !why.empty()) refuse(change, why);
#pragma once

#include <string>
#include <vector>

#include "sync/protocol.hpp"

namespace fc::sync {

// Device roles: office (back office, full), kiosk (customer self check-in), workshop, warehouse,
// hub (the hub's own writes: conflicts).
const std::vector<std::string>& deviceRoles();
bool isDeviceRole(const std::string& role);

// Empty when allowed; otherwise why not ("kiosk may not change customers.notes").
std::string checkWrite(const std::string& role, const Change& change);

}  // namespace fc::sync
