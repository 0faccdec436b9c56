// A domain of the store (customers, staff, visits, work orders, stock, …) declares in one place
// everything the rest of the system needs to know about it: its synced tables, the migrations
// that create them, what each kind of device may write, its `verify` checks, the rules the hub
// runs after merging a change, its derived indexes and services, and what a new store starts
// with. The registry (shared/registry.cpp) lists the domains, one line each.
//
//   const Domain& customersDomain() {
//       static const Domain d{.name = "customers", .tables = {&tables::kCustomers, …},
//                             .migrations = {{2, "customers, vehicles", createCustomers}}, …};
//       return d;
//   }
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "shared/capture/row_check.hpp"
#include "shared/capture/service_set.hpp"
#include "shared/capture/store.hpp"
#include "shared/capture/tables.hpp"
#include "shared/capture/verify_context.hpp"
#include "shared/core/device_role.hpp"

namespace fc::core {

// What one kind of device may write in one table. Checked on the device before saving and at
// the hub for every pushed change; checked against the table's definition when the registry is
// built, so a misspelt column is an error at start, not a silent gap.
struct TableGrant {
    DeviceRole role = DeviceRole::kOffice;
    const TableDef* table = nullptr;
    bool insert = false;               // add rows (master rows, or facts)
    bool tombstone = false;            // delete master rows
    std::vector<std::string> update;   // master columns it may change; {"*"}: every column
};

// Part of one numbered schema version. Several domains may add steps to one version; they run
// in registry order in that version's transaction.
struct MigrationStep {
    int version = 0;
    std::string name;
    std::function<Status(Db&)> apply;
};

// A change as the hub merged it, for the domain rules that run after the merge.
struct MergedColumn {
    int column = 0;       // index into table.columns
    bool won = false;     // the incoming value is now in place
    SqlValue previous;    // the value before
    SqlValue incoming;
};

struct MergedChange {
    const TableDef& table;
    const std::string& rowId;
    ChangeOp op;
    const std::string& device;  // the author
    bool applied = false;       // something changed
    bool rowExisted = false;
    const std::vector<MergedColumn>& columns;  // master data: every column the change carried

    // Whether `column` was carried and won.
    bool won(int column) const {
        for (const auto& c : columns)
            if (c.column == column) return c.won;
        return false;
    }
};

// A domain rule at the hub: after a change to `table` merged, look at the result and write a
// conflict for a person instead of dropping anything (a double booking, a duplicate phone).
struct HubRule {
    const TableDef* table = nullptr;
    std::string name;
    std::function<Status(const MergedChange& change, ServiceSet& services)> run;
};

// A domain's rule for the rows of one of its tables: values normalised as the services write
// them, keys the store knows, device ids naming their author.
struct RowRule {
    const TableDef* table = nullptr;
    std::function<Result<RowFault>(const RowCheck& row)> check;
};

struct Domain {
    std::string name;
    // Synced tables, parents before children.
    std::vector<const TableDef*> tables;
    std::vector<MigrationStep> migrations;
    std::vector<TableGrant> grants;
    std::vector<std::function<Status(VerifyContext&)>> checks;
    std::vector<HubRule> hubRules;
    // What a valid row of each table holds (see RowCheck): refused on the device before it is
    // saved and at the hub before it is merged.
    std::vector<RowRule> rowRules;
    // Local tables of this domain's derived indexes that a hub snapshot carries.
    std::vector<IndexTable> indexTables;
    // Adds this domain's services and derived indexes to an opened store.
    std::function<void(ServiceSet&)> services;
    // What a new store starts with (its own record): runs once, when the store is created.
    std::function<Status(Store&, const InitOptions&)> onInit;
    // Runs each time a replica is opened, after its migrations (and, for a new store, after
    // onInit), in one transaction, before any service is made; no write policy applies yet. For
    // what an upgraded replica must write through its writer so it syncs (a new table's first
    // rows): a migration marks it owed in a local table and this writes it and clears the mark,
    // so a crash in between only delays it. Usually it finds nothing to do.
    std::function<Status(Store&)> onOpen;
};

}  // namespace fc::core
