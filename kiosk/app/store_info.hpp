// What the shell shows about this replica: the store's name, this device, and the hub it is
// enrolled with. Read once at start-up.
//
// TODO(shared/sync owners): these reads belong behind a service (e.g. StoreServices::info() and
// SyncClient::hubUrl()); they live here so the app has no SQL anywhere else.
//
//   FC_ASSIGN(StoreInfo info, readStoreInfo(services));   info.storeName → "深圳南山店"
#pragma once

#include <string>

#include "shared/services.hpp"

namespace fc::ui {

struct StoreInfo {
    std::string storeName;
    std::string deviceName;
    std::string deviceRole;
    std::string hubUrl;  // empty: not enrolled with a hub
};

core::Result<StoreInfo> readStoreInfo(core::StoreServices& services);

}  // namespace fc::ui
