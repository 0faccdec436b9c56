// What the shell shows about this replica: the store's name, this device, and the hub it is
// enrolled with (its address and pinned key). Read once at start-up through StoreRecord and
// SyncState: the app has no SQL.
//
//   FC_ASSIGN(StoreInfo info, readStoreInfo(services));   info.storeName → "深圳南山店"
#pragma once

#include <string>

#include "shared/services.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::ui {

struct StoreInfo {
    std::string storeName;
    std::string deviceName;
    core::DeviceRole deviceRole = core::DeviceRole::kOffice;
    std::string hubUrl;  // empty: not enrolled with a hub
    std::string hubPin;  // the hub's key pinned at enrolment ("sha256//…"), or empty
    core::StoreTime time;  // the store's clock (the header shows it)
};

core::Result<StoreInfo> readStoreInfo(core::StoreServices& services);

}  // namespace fc::ui
