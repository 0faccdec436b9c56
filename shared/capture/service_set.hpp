// The services of one open store replica, found by type. Each domain adds its own when a store is
// opened (Domain::services); later domains find the ones they depend on. Derived indexes are
// services that also watch every write (ChangeObserver) and can be rebuilt or copied from a hub
// snapshot.
//
//   set.add<CustomerService>(set.store());
//   set.add<AppointmentService>(set.store(), set.get<CustomerService>(), set.get<ServiceCatalog>());
//   CustomerService& customers = services.get<CustomerService>();
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shared/capture/change_writer.hpp"

namespace fc::core {

class Store;

// A local structure derived from the synced tables (search index, phone index, cached state):
// kept current by the writes it observes, rebuilt from the synced tables after a restore, or
// copied from a hub snapshot made from the same rows.
class DerivedIndex : public ChangeObserver {
public:
    virtual Status rebuild() = 0;
    // Replaces the index with the copy in the attached database `schema`.
    virtual Status loadFrom(const std::string& schema) = 0;
    // A replica that never reads an index itself (the hub) may let it fall behind and bring it
    // up to date only before it is copied (catchUp). Indexes that are cheap ignore this.
    virtual Status setLazy(bool lazy) {
        (void)lazy;
        return {};
    }
    virtual Status catchUp() { return {}; }
};

// An index's loadFrom: each of its tables emptied and filled from its copy in the attached
// database `schema` (a hub snapshot made from the same rows).
Status replaceIndexTables(Db& db, const std::vector<IndexTable>& tables, const std::string& schema);

class ServiceSet {
public:
    explicit ServiceSet(Store& store, ChangeWriter& writer) : m_store(store), m_writer(writer) {}
    ~ServiceSet() {
        for (DerivedIndex* index : m_indexes) m_writer.removeObserver(index);
        while (!m_owned.empty()) m_owned.pop_back();  // the newest first: it may use older ones
    }
    ServiceSet(const ServiceSet&) = delete;
    ServiceSet& operator=(const ServiceSet&) = delete;

    Store& store() { return m_store; }

    template <class T, class... A>
    T& add(A&&... args) {
        auto owned = std::make_unique<T>(std::forward<A>(args)...);
        T* raw = owned.get();
        if (!m_byType.emplace(std::type_index(typeid(T)), raw).second) missing(typeid(T).name(), "added twice");
        m_owned.push_back(Owned(owned.release(), [](void* p) { delete static_cast<T*>(p); }));
        return *raw;
    }

    // A derived index: added like a service and registered with the writer.
    template <class T, class... A>
    T& addIndex(A&&... args) {
        T& index = add<T>(std::forward<A>(args)...);
        m_indexes.push_back(&index);
        m_writer.addObserver(&index);
        return index;
    }

    template <class T>
    T* find() const {
        auto it = m_byType.find(std::type_index(typeid(T)));
        return it == m_byType.end() ? nullptr : static_cast<T*>(it->second);
    }

    // The service of type T; a missing one is a wiring bug (a domain registered after the one that
    // needs it), reported and fatal.
    template <class T>
    T& get() const {
        T* p = find<T>();
        if (!p) missing(typeid(T).name(), "not registered (is its domain in the registry, before this one?)");
        return *p;
    }

    const std::vector<DerivedIndex*>& indexes() const { return m_indexes; }

private:
    using Owned = std::unique_ptr<void, void (*)(void*)>;
    [[noreturn]] static void missing(const char* type, const char* why) {
        std::fprintf(stderr, "forecourt: service %s %s\n", type, why);
        std::abort();
    }

    Store& m_store;
    ChangeWriter& m_writer;
    std::vector<Owned> m_owned;
    std::unordered_map<std::type_index, void*> m_byType;
    std::vector<DerivedIndex*> m_indexes;
};

}  // namespace fc::core
