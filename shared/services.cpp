#include "shared/services.hpp"

namespace fc::core {

StoreServices::StoreServices(std::unique_ptr<Store> store)
    : m_store(std::move(store)),
      phoneIndex(m_store->db()),
      searchIndex(m_store->db()),
      customers(*m_store),
      search(*m_store),
      staff(*m_store),
      sessions(*m_store, staff),
      appointments(*m_store, customers, serviceMenu),
      visits(*m_store),
      checkIn(*m_store, customers, appointments, serviceMenu),
      frontDesk(*m_store, customers, appointments) {
    m_store->writer().addObserver(&phoneIndex);
    m_store->writer().addObserver(&searchIndex);
}

Result<std::unique_ptr<StoreServices>> StoreServices::open(const std::string& path,
                                                           const Clock& clock, uint64_t idSeed) {
    FC_ASSIGN(auto store, Store::open(path, clock, idSeed));
    return std::make_unique<StoreServices>(std::move(store));
}

Result<std::unique_ptr<StoreServices>> StoreServices::init(const std::string& path,
                                                           const Clock& clock,
                                                           const InitOptions& options) {
    FC_ASSIGN(auto store, Store::init(path, clock, options));
    return std::make_unique<StoreServices>(std::move(store));
}

void StoreServices::setStoreTime(StoreTime time) {
    checkIn.setStoreTime(time);
    frontDesk.setStoreTime(time);
}

Status StoreServices::rebuildIndexes() {
    return inTx(db(), [&]() -> Status {
        FC_TRY(phoneIndex.rebuild());
        return searchIndex.rebuild();
    });
}

}  // namespace fc::core
