// What a store database is made of: the synced tables (parents before children), the numbered
// migrations that build them, and what a new store database gets when it is created. Collected
// from the domains by the registry (shared/registry.hpp); the Store and its ChangeWriter read it.
//
//   const StoreSchema& schema = storeRegistry().schema();
//   const TableDef* t = schema.find("customers");
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/tables.hpp"
#include "shared/db/migrations.hpp"

namespace fc::core {

class Store;
struct InitOptions;

class StoreSchema {
public:
    using InitHook = std::function<Status(Store&, const InitOptions&)>;
    using OpenHook = std::function<Status(Store&)>;

    StoreSchema() = default;
    StoreSchema(std::vector<const TableDef*> tables, std::vector<Migration> migrations,
                std::vector<InitHook> onInit, std::vector<OpenHook> onOpen = {});

    // Every synced table, parents before children (the order a snapshot is sent in).
    const std::vector<const TableDef*>& tables() const { return m_tables; }
    const TableDef* find(std::string_view name) const;
    // The table's place in tables() (-1 when it is not one of them).
    int order(const TableDef& table) const;
    const std::vector<Migration>& migrations() const { return m_migrations; }
    int version() const { return m_migrations.empty() ? 0 : m_migrations.back().version; }
    // Run once when a new store (not a new device of an existing store) is created.
    const std::vector<InitHook>& onInit() const { return m_onInit; }
    // Run each time a replica is opened, after migrating (Domain::onOpen).
    const std::vector<OpenHook>& onOpen() const { return m_onOpen; }

private:
    std::vector<const TableDef*> m_tables;
    std::vector<Migration> m_migrations;
    std::vector<InitHook> m_onInit;
    std::vector<OpenHook> m_onOpen;
};

}  // namespace fc::core
