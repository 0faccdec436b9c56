#include "kiosk/app/store_info.hpp"

namespace fc::ui {

core::Result<StoreInfo> readStoreInfo(core::StoreServices& services) {
    StoreInfo info;
    const core::DeviceIdentity& device = services.store().device();
    info.deviceName = device.name;
    info.deviceRole = device.role;
    core::Db& db = services.db();
    FC_ASSIGN(core::Stmt * name, db.cached("SELECT name FROM stores WHERE id = ?"));
    name->bind(1, device.storeId);
    FC_ASSIGN(bool found, name->step());
    if (found) info.storeName = name->getText(0);
    name->reset();
    FC_ASSIGN(auto hub, db.queryText("SELECT hub_url FROM local_sync WHERE id = 1"));
    info.hubUrl = hub.value_or("");
    return info;
}

}  // namespace fc::ui
