#include "shared/capture/schema.hpp"

namespace fc::core {

StoreSchema::StoreSchema(std::vector<const TableDef*> tables, std::vector<Migration> migrations,
                         std::vector<InitHook> onInit, std::vector<OpenHook> onOpen)
    : m_tables(std::move(tables)),
      m_migrations(std::move(migrations)),
      m_onInit(std::move(onInit)),
      m_onOpen(std::move(onOpen)) {}

const TableDef* StoreSchema::find(std::string_view name) const {
    for (const TableDef* t : m_tables)
        if (t->name == name) return t;
    return nullptr;
}

int StoreSchema::order(const TableDef& table) const {
    for (size_t i = 0; i < m_tables.size(); ++i)
        if (m_tables[i] == &table) return static_cast<int>(i);
    return -1;
}

}  // namespace fc::core
