#include "shared/core/device_role.hpp"

namespace fc::core {

const char* deviceRoleKey(DeviceRole role) {
    switch (role) {
        case DeviceRole::kOffice: return "office";
        case DeviceRole::kKiosk: return "kiosk";
        case DeviceRole::kWorkshop: return "workshop";
        case DeviceRole::kWarehouse: return "warehouse";
        case DeviceRole::kHub: return "hub";
        case DeviceRole::kPending: return "pending";
    }
    return "pending";
}

std::optional<DeviceRole> parseDeviceRole(std::string_view key) {
    for (DeviceRole r : {DeviceRole::kOffice, DeviceRole::kKiosk, DeviceRole::kWorkshop,
                         DeviceRole::kWarehouse, DeviceRole::kHub, DeviceRole::kPending})
        if (key == deviceRoleKey(r)) return r;
    return std::nullopt;
}

const std::vector<DeviceRole>& enrollableDeviceRoles() {
    static const std::vector<DeviceRole> k = {DeviceRole::kOffice, DeviceRole::kKiosk,
                                              DeviceRole::kWorkshop, DeviceRole::kWarehouse};
    return k;
}

const char* enrollableDeviceRolesText() { return "office, kiosk, workshop, warehouse"; }

}  // namespace fc::core
