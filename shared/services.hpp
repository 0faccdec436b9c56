// Everything a program needs to work on a store replica: the Store with its derived indexes
// registered, and the domain services. The app, the hub, forecourtctl and tests all open a store
// this way, so no program can forget an index.
//
//   FC_ASSIGN(auto s, StoreServices::open("store.db", clock));
//   s->customers.createCustomer(...);  s->search.search("王芳");
//   s->checkIn.findByPlate("京A12345");  s->frontDesk.todaysAppointments();
#pragma once

#include <memory>
#include <string>

#include "shared/capture/store.hpp"
#include "shared/customers/customer_search.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/db/checkpointer.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/visits/front_desk.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/visits/visit_service.hpp"

namespace fc::core {

class StoreServices {
public:
    static Result<std::unique_ptr<StoreServices>> open(const std::string& path, const Clock& clock,
                                                       uint64_t idSeed = 0);
    static Result<std::unique_ptr<StoreServices>> init(const std::string& path, const Clock& clock,
                                                       const InitOptions& options);

    explicit StoreServices(std::unique_ptr<Store> store);
    StoreServices(const StoreServices&) = delete;
    StoreServices& operator=(const StoreServices&) = delete;
    ~StoreServices();

    // WAL checkpoints on a thread of their own instead of inside this connection's commits (see
    // Checkpointer): for long-running programs whose saves must not stall (the app, sync).
    Status checkpointInBackground();

    Store& store() { return *m_store; }
    Db& db() { return m_store->db(); }
    // The name of this replica's store ("" when the stores row has not arrived yet).
    Result<std::string> storeName();

    // Rebuild every derived index from the synced tables (after a restore or a snapshot).
    Status rebuildIndexes();
    // The tables of every derived index, and loading them from an attached database (`schema`)
    // holding a copy made from the same rows: a hub snapshot.
    static std::vector<IndexTable> indexTables();
    Status loadIndexesFrom(const std::string& schema);

private:
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Checkpointer> m_checkpointer;

public:
    PhoneIndex phoneIndex;
    SearchIndex searchIndex;
    CustomerService customers;
    CustomerSearch search;
    // Staff records and who is signed in on this device (PINs hashed with Argon2id, interactive
    // limits; tests lower them with staff.setHashLimits(PinHashLimits::minimum())).
    StaffService staff;
    SessionManager sessions;
    // The service menu (assets/services/service-menu.json, loaded on first use), appointments,
    // visits, check-in and the front desk's lists. Store days are Asia/Shanghai (UTC+8) unless
    // setStoreTime() says otherwise.
    ServiceCatalog serviceMenu;
    AppointmentService appointments;
    VisitService visits;
    CheckInService checkIn;
    FrontDeskQueries frontDesk;

    void setStoreTime(StoreTime time);
};

}  // namespace fc::core
