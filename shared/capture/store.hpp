// A store replica on this device: the SQLite database (migrated to its schema), the device
// identity, the hybrid logical clock, the id generator, the sync state and the change writer.
// Programs open a store through StoreServices (shared/services.hpp), which brings the domains'
// schema, services and derived indexes; services take a Store&.
//
//   FC_ASSIGN(auto store, Store::init("store.db", clock, storeRegistry().schema(), {.storeName = "深圳南山店"}));
//   CustomerService customers(*store);
#pragma once

#include <memory>
#include <string>

#include "shared/capture/change_writer.hpp"
#include "shared/capture/schema.hpp"
#include "shared/capture/sync_state.hpp"
#include "shared/core/clock.hpp"
#include "shared/core/device_role.hpp"
#include "shared/core/hlc.hpp"
#include "shared/core/uuid.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::core {

struct DeviceIdentity {
    std::string storeId;
    std::string deviceId;
    std::string name;
    DeviceRole role = DeviceRole::kOffice;
    std::string prefix;  // for provisional human-facing numbers: "K1-0042"
    int64_t createdAt = 0;
};

struct InitOptions {
    std::string storeName = "Forecourt 演示门店";
    std::string deviceName = "office";
    DeviceRole role = DeviceRole::kOffice;
    std::string prefix = "D1";
    std::string storeId;          // empty: make a new store
    uint64_t idSeed = 0;          // non-zero: reproducible ids (simulations)
};

class Store {
public:
    // Opens an initialised database, migrating it to `schema`.
    static Result<std::unique_ptr<Store>> open(const std::string& path, const Clock& clock,
                                               const StoreSchema& schema, uint64_t idSeed = 0);
    // Creates (or adopts an empty) database: schema, device identity and, for a new store, what
    // the schema's init hooks write (the store record). Refuses a database that already has an
    // identity.
    static Result<std::unique_ptr<Store>> init(const std::string& path, const Clock& clock,
                                               const StoreSchema& schema, const InitOptions& options);

    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    Db& db() { return m_db; }
    const Clock& clock() const { return m_clock; }
    HlcClock& hlc() { return m_hlc; }
    UuidV7Generator& ids() { return m_ids; }
    ChangeWriter& writer() { return *m_writer; }
    SyncState& syncState() { return m_sync; }
    const StoreSchema& schema() const { return m_schema; }
    const DeviceIdentity& device() const { return m_device; }
    const std::string& storeId() const { return m_device.storeId; }

    // Enrolment: the hub decides the device's role; the name is the one it was enrolled with.
    Status setIdentity(DeviceRole role, const std::string& name);

    // Time for business records (created_at, read_at): the corrected physical clock.
    int64_t nowMs() const { return m_hlc.physicalMs(); }

private:
    Store(Db db, const Clock& clock, const StoreSchema& schema, DeviceIdentity device, Hlc last,
          int64_t offsetMs, uint64_t idSeed);
    // open() without the schema's open hooks (init runs them after its init hooks).
    static Result<std::unique_ptr<Store>> openMigrated(const std::string& path, const Clock& clock,
                                                       const StoreSchema& schema, uint64_t idSeed);
    Status runOpenHooks();
    Status persistClock();

    Db m_db;
    const Clock& m_clock;
    const StoreSchema& m_schema;
    HlcClock m_hlc;
    UuidV7Generator m_ids;
    DeviceIdentity m_device;
    SyncState m_sync;
    std::unique_ptr<ChangeWriter> m_writer;
    Hlc m_persistedHlc;
};

}  // namespace fc::core
