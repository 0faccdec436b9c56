// The store this replica belongs to, as its synced record says: its name (shown in every
// header) and time zone. A new store writes its record once, when it is created.
//
//   StoreRecord record(store);
//   FC_ASSIGN(std::string name, record.name());   // "深圳南山店", "" until the first sync brings it
#pragma once

#include <string>

#include "shared/capture/store.hpp"

namespace fc::core {

class StoreRecord {
public:
    explicit StoreRecord(Store& store) : m_store(store) {}

    // The store's name ("" when the record has not arrived yet: a new device before its first sync).
    Result<std::string> name();
    // Writes the record of a new store (inside the caller's transaction).
    Status create(const std::string& name, const std::string& timezone = "Asia/Shanghai");

private:
    Store& m_store;
};

}  // namespace fc::core
