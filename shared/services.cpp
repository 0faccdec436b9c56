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

StoreServices::~StoreServices() {
    if (m_checkpointer) m_checkpointer->detach(db());
}

Result<std::string> StoreServices::storeName() {
    FC_ASSIGN(Stmt * name, db().cached("SELECT name FROM stores WHERE id = ?"));
    name->bind(1, m_store->storeId());
    FC_ASSIGN(bool found, name->step());
    std::string out = found ? name->getText(0) : std::string();
    name->reset();
    return out;
}

Status StoreServices::checkpointInBackground() {
    if (m_checkpointer || db().path().empty() || db().path() == ":memory:") return {};
    FC_ASSIGN(m_checkpointer, Checkpointer::start(db().path()));
    m_checkpointer->attach(db());
    return {};
}

std::vector<IndexTable> StoreServices::indexTables() {
    std::vector<IndexTable> all = PhoneIndex::tables();
    for (const IndexTable& t : SearchIndex::tables()) all.push_back(t);
    return all;
}

Status StoreServices::loadIndexesFrom(const std::string& schema) {
    return inTx(db(), [&]() -> Status {
        FC_TRY(phoneIndex.loadFrom(schema));
        return searchIndex.loadFrom(schema);
    });
}

Status StoreServices::rebuildIndexes() {
    return inTx(db(), [&]() -> Status {
        FC_TRY(phoneIndex.rebuild());
        return searchIndex.rebuild();
    });
}

}  // namespace fc::core
