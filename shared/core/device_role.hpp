// What kind of device a replica is. The role decides which tables and columns the device may
// write (the domains' grants, shared/registry.hpp), checked on the device before a save and again
// at the hub for every pushed change. Stored as its key in local_device and the hub's tables.
//
//   if (auto r = parseDeviceRole("kiosk")) use(*r);      // DeviceRole::kKiosk
//   std::string key = deviceRoleKey(DeviceRole::kOffice);  // "office"
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace fc::core {

enum class DeviceRole {
    kOffice,     // back office and front desk PCs: full access
    kKiosk,      // the reception kiosk: customer self check-in
    kWorkshop,   // technicians' tablets
    kWarehouse,  // warehouse tablets
    kHub,        // the store hub's own replica (writes conflicts and the store record)
    kPending,    // enrolment started and not finished: may write nothing
};

// "office", "kiosk", "workshop", "warehouse", "hub", "pending".
const char* deviceRoleKey(DeviceRole role);
std::optional<DeviceRole> parseDeviceRole(std::string_view key);
// The roles a device may enrol with (not hub, not pending), in the order they are listed to people.
const std::vector<DeviceRole>& enrollableDeviceRoles();
// "office, kiosk, workshop, warehouse" for messages.
const char* enrollableDeviceRolesText();

}  // namespace fc::core
