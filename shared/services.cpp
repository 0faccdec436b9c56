#include "shared/services.hpp"

namespace fc::core {

namespace {

Status registryOk(const Registry& registry) {
    if (registry.problems().empty()) return {};
    std::string all;
    for (const std::string& p : registry.problems()) all += "\n  " + p;
    return internal("the store's domain declarations have mistakes:" + all);
}

}  // namespace

StoreServices::StoreServices(std::unique_ptr<Store> store, const Registry& registry)
    : m_store(std::move(store)), m_registry(registry), m_services(*m_store, m_store->writer()) {
    for (const Domain* d : m_registry.domains())
        if (d->services) d->services(m_services);
    m_store->writer().setPolicy(&m_registry.policy(m_store->device().role));
}

Result<std::unique_ptr<StoreServices>> StoreServices::open(const std::string& path,
                                                           const Clock& clock, uint64_t idSeed) {
    const Registry& registry = storeRegistry();
    FC_TRY(registryOk(registry));
    FC_ASSIGN(auto store, Store::open(path, clock, registry.schema(), idSeed));
    return std::make_unique<StoreServices>(std::move(store), registry);
}

Result<std::unique_ptr<StoreServices>> StoreServices::init(const std::string& path,
                                                           const Clock& clock,
                                                           const InitOptions& options) {
    const Registry& registry = storeRegistry();
    FC_TRY(registryOk(registry));
    FC_ASSIGN(auto store, Store::init(path, clock, registry.schema(), options));
    return std::make_unique<StoreServices>(std::move(store), registry);
}

Status StoreServices::setIdentity(DeviceRole role, const std::string& name) {
    FC_TRY(m_store->setIdentity(role, name));
    m_store->writer().setPolicy(&m_registry.policy(role));
    return {};
}

StoreServices::~StoreServices() {
    if (m_checkpointer) m_checkpointer->detach(db());
}

Status StoreServices::checkpointInBackground() {
    if (m_checkpointer || db().path().empty() || db().path() == ":memory:") return {};
    FC_ASSIGN(m_checkpointer, Checkpointer::start(db().path()));
    m_checkpointer->attach(db());
    return {};
}

Status StoreServices::loadIndexesFrom(const std::string& schema) {
    return inTx(db(), [&]() -> Status {
        for (DerivedIndex* index : m_services.indexes()) FC_TRY(index->loadFrom(schema));
        return {};
    });
}

Status StoreServices::rebuildIndexes() {
    return inTx(db(), [&]() -> Status {
        for (DerivedIndex* index : m_services.indexes()) FC_TRY(index->rebuild());
        return {};
    });
}

Status StoreServices::setIndexesLazy(bool lazy) {
    for (DerivedIndex* index : m_services.indexes()) FC_TRY(index->setLazy(lazy));
    return {};
}

Status StoreServices::catchUpIndexes() {
    for (DerivedIndex* index : m_services.indexes()) FC_TRY(index->catchUp());
    return {};
}

}  // namespace fc::core
