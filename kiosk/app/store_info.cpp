#include "kiosk/app/store_info.hpp"

#include "shared/stores/store_record.hpp"

namespace fc::ui {

core::Result<StoreInfo> readStoreInfo(core::StoreServices& services) {
    StoreInfo info;
    const core::DeviceIdentity& device = services.store().device();
    info.deviceName = device.name;
    info.deviceRole = device.role;
    FC_ASSIGN(info.storeName, services.get<core::StoreRecord>().name());
    FC_ASSIGN(const core::HubCredentials hub, services.store().syncState().credentials());
    info.hubUrl = hub.hubUrl;
    info.hubPin = hub.hubPin;
    info.time = services.get<core::StoreTime>();
    return info;
}

}  // namespace fc::ui
