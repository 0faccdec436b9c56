// The registry: every domain of the store in one list (registry.cpp, one line per domain), and
// what is derived from it — the schema (tables and migrations), the write permissions of each
// kind of device, the verify checks, the hub's rules and the derived indexes. Built once and
// checked: a grant naming a column its table does not have, two domains defining one table, a
// gap in the migration numbers — each is a problem that stops every program at start.
//
//   const Registry& r = storeRegistry();
//   const TableDef* t = r.schema().find("customers");
//   std::string why = r.checkWrite(DeviceRole::kKiosk, *t, ChangeOp::kUpdate, {"notes"});
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/domain.hpp"
#include "shared/capture/schema.hpp"

namespace fc::core {

class Registry {
public:
    explicit Registry(std::vector<const Domain*> domains);
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    const std::vector<const Domain*>& domains() const { return m_domains; }
    const StoreSchema& schema() const { return m_schema; }
    // Mistakes in the domains' declarations, each naming the domain and what is wrong. A program
    // refuses to open a store while there is one.
    const std::vector<std::string>& problems() const { return m_problems; }

    // The derived-index tables every domain's snapshot carries.
    std::vector<IndexTable> indexTables() const;

    // Empty when a device of `role` may do `op` on `table` (for an update: change every one of
    // `columns`); otherwise why not, e.g. "kiosk devices may not change customers.notes".
    std::string checkWrite(DeviceRole role, const TableDef& table, ChangeOp op,
                           const std::vector<std::string>& columns) const;
    // Empty when the row a write leaves passes every rule its table's domain declares (RowRule);
    // otherwise what is wrong, e.g. "appointments 0190…: status is not one of: booked, …".
    // Used by the write path on every device and by the hub on every pushed insert and update.
    Result<std::string> checkRow(const RowCheck& row) const;
    // What `role` may do on `table` (all its domains' grants merged); nullptr: nothing.
    const TableGrant* grant(DeviceRole role, const TableDef& table) const;
    // The same rule as a ChangeWriter policy, for a device of `role`.
    const WritePolicy& policy(DeviceRole role) const;

private:
    void validate();

    std::vector<const Domain*> m_domains;
    StoreSchema m_schema;
    std::vector<std::string> m_problems;
    // role → table → its grant (at most one per role and table; several are merged).
    std::map<DeviceRole, std::map<const TableDef*, TableGrant>> m_grants;
    std::map<DeviceRole, std::unique_ptr<WritePolicy>> m_policies;
    std::map<const TableDef*, std::vector<const RowRule*>> m_rowRules;
};

// The store's domains, in dependency order (a domain's services may use those listed before it).
const std::vector<const Domain*>& storeDomains();
// The registry of storeDomains(), built on first use.
const Registry& storeRegistry();

}  // namespace fc::core
