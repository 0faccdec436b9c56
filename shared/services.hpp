// Everything a program needs to work on a store replica: the Store, and every domain's services
// and derived indexes (shared/registry.cpp lists the domains). The app, the hub, forecourtctl and
// tests all open a store this way, so no program can forget an index, and the device's writes
// are held to its role's grants before anything is saved.
//
//   FC_ASSIGN(auto s, StoreServices::open("store.db", clock));
//   s->get<CustomerService>().createCustomer(...);
//   s->get<CheckInService>().findByPlate("京A12345");
#pragma once

#include <memory>
#include <string>

#include "shared/capture/service_set.hpp"
#include "shared/capture/store.hpp"
#include "shared/db/checkpointer.hpp"
#include "shared/registry.hpp"

namespace fc::core {

class StoreServices {
public:
    static Result<std::unique_ptr<StoreServices>> open(const std::string& path, const Clock& clock,
                                                       uint64_t idSeed = 0);
    static Result<std::unique_ptr<StoreServices>> init(const std::string& path, const Clock& clock,
                                                       const InitOptions& options);

    StoreServices(std::unique_ptr<Store> store, const Registry& registry);
    StoreServices(const StoreServices&) = delete;
    StoreServices& operator=(const StoreServices&) = delete;
    ~StoreServices();

    // WAL checkpoints on a thread of their own instead of inside this connection's commits (see
    // Checkpointer): for long-running programs whose saves must not stall (the app, sync).
    Status checkpointInBackground();

    Store& store() { return *m_store; }
    Db& db() { return m_store->db(); }
    const Registry& registry() const { return m_registry; }
    ServiceSet& services() { return m_services; }
    // Enrolment: the role the hub gave this device (its writes are held to that role from now on).
    Status setIdentity(DeviceRole role, const std::string& name);

    // A domain's service: get<CustomerService>(), get<CheckInService>(), get<StoreTime>() …
    template <class T>
    T& get() {
        return m_services.get<T>();
    }

    // [SECTION] derived indexes
    // Rebuild every derived index from the synced tables (after a restore or a snapshot).
    Status rebuildIndexes();
    // Load every derived index from an attached database (`schema`) holding a copy made from the
    // same rows: a hub snapshot.
    Status loadIndexesFrom(const std::string& schema);
    // A replica that never searches (the hub) keeps costly indexes lazily…
    Status setIndexesLazy(bool lazy);
    // …and brings them up to date before they are read or copied.
    Status catchUpIndexes();

private:
    std::unique_ptr<Store> m_store;
    const Registry& m_registry;
    std::unique_ptr<Checkpointer> m_checkpointer;
    ServiceSet m_services;
};

}  // namespace fc::core
