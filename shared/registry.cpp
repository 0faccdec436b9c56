// Index
//   [SECTION] the domains
//   [SECTION] building and checking
//   [SECTION] write permissions
#include "shared/registry.hpp"

#include <algorithm>
#include <set>

#include "shared/bays/domain.hpp"
#include "shared/capture/capture_domain.hpp"
#include "shared/catalogue/domain.hpp"
#include "shared/conflicts/domain.hpp"
#include "shared/customers/domain.hpp"
#include "shared/invoicing/domain.hpp"
#include "shared/readmodel/domain.hpp"
#include "shared/staff/domain.hpp"
#include "shared/stock/domain.hpp"
#include "shared/stores/domain.hpp"
#include "shared/visits/domain.hpp"
#include "shared/workorders/domain.hpp"

namespace fc::core {

// [SECTION] the domains

const std::vector<const Domain*>& storeDomains() {
    static const std::vector<const Domain*> k = {
        &captureDomain(),    // the sync machinery: identity, outbox, column versions, sync state
        &storesDomain(),     // the store record, store time
        &conflictsDomain(),  // what hub rules found, for a person
        &customersDomain(),  // customers, vehicles, consent; phone and search indexes
        &staffDomain(),      // staff, sign-in
        &baysDomain(),       // the store's bays
        &catalogueDomain(),  // the service menu (services: names, minutes, labour price, VAT)
        &visitsDomain(),     // appointments (on a bay), visits and their queue calls, check-in, the menu
        &workOrdersDomain(), // work orders, their lines, job events and time entries
        &invoicingDomain(),  // invoices, credit notes and payments
        &stockDomain(),      // parts, bins, stock movements and what is on hand
        &readModels(),       // the front desk's day
    };
    return k;
}

const Registry& storeRegistry() {
    static const Registry r(storeDomains());
    return r;
}

// [SECTION] building and checking

namespace {

class RolePolicy final : public WritePolicy {
public:
    RolePolicy(const Registry& registry, DeviceRole role) : m_registry(registry), m_role(role) {}
    std::string check(const TableDef& table, ChangeOp op, const std::vector<int>& columns) const override {
        std::vector<std::string> names;
        names.reserve(columns.size());
        for (int c : columns) names.push_back(table.columns[static_cast<size_t>(c)].name);
        return m_registry.checkWrite(m_role, table, op, names);
    }
    Result<std::string> checkRow(const RowCheck& row) const override { return m_registry.checkRow(row); }

private:
    const Registry& m_registry;
    DeviceRole m_role;
};

std::vector<Migration> collectMigrations(const std::vector<const Domain*>& domains,
                                         std::vector<std::string>& problems) {
    std::map<int, Migration> byVersion;
    for (const Domain* d : domains)
        for (const MigrationStep& step : d->migrations) {
            if (step.version < 1) {
                problems.push_back("domain '" + d->name + "': migration '" + step.name +
                                   "' has version " + std::to_string(step.version));
                continue;
            }
            Migration& m = byVersion[step.version];
            m.version = step.version;
            m.name += (m.name.empty() ? "" : "; ") + step.name;
            m.steps.push_back(step.apply);
        }
    std::vector<Migration> out;
    int expected = 1;
    for (auto& [version, m] : byVersion) {
        if (version != expected)
            problems.push_back("migrations jump from version " + std::to_string(expected - 1) + " to " +
                               std::to_string(version) + ": versions are numbered 1, 2, 3, …");
        expected = version + 1;
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace

Registry::Registry(std::vector<const Domain*> domains) : m_domains(std::move(domains)) {
    std::vector<const TableDef*> tables;
    std::vector<StoreSchema::InitHook> onInit;
    std::vector<StoreSchema::OpenHook> onOpen;
    for (const Domain* d : m_domains) {
        for (const TableDef* t : d->tables) tables.push_back(t);
        if (d->onInit) onInit.push_back(d->onInit);
        if (d->onOpen) onOpen.push_back(d->onOpen);
    }
    std::vector<Migration> migrations = collectMigrations(m_domains, m_problems);
    m_schema = StoreSchema(std::move(tables), std::move(migrations), std::move(onInit), std::move(onOpen));
    validate();
    for (DeviceRole role : {DeviceRole::kOffice, DeviceRole::kKiosk, DeviceRole::kWorkshop,
                            DeviceRole::kWarehouse, DeviceRole::kHub, DeviceRole::kPending})
        m_policies[role] = std::make_unique<RolePolicy>(*this, role);
}

Registry::~Registry() = default;

void Registry::validate() {
    std::set<std::string> tableNames;
    for (const Domain* d : m_domains) {
        const std::string where = "domain '" + d->name + "'";
        for (const TableDef* t : d->tables) {
            if (!tableNames.insert(t->name).second)
                m_problems.push_back(where + ": table " + t->name + " is defined by two domains");
            if (t->columns.empty() || t->columns.front().name != "store_id")
                m_problems.push_back(where + ": table " + t->name + " must start with store_id");
            if (t->isMaster() && t->columns.back().name != "deleted_at")
                m_problems.push_back(where + ": master table " + t->name + " must end with deleted_at");
            for (const ColumnDef& c : t->columns)
                if (!c.references.empty() && !m_schema.find(c.references))
                    m_problems.push_back(where + ": " + t->name + "." + c.name + " references " +
                                         c.references + ", which is not a synced table");
        }
        for (const TableGrant& g : d->grants) {
            const std::string who = where + ": grant for " + deviceRoleKey(g.role) + " devices";
            if (!g.table || !m_schema.find(g.table->name) || m_schema.find(g.table->name) != g.table) {
                m_problems.push_back(who + " names table " + (g.table ? g.table->name : "(none)") +
                                     ", which no domain registers");
                continue;
            }
            const TableDef& t = *g.table;
            if (!t.isMaster() && (g.tombstone || !g.update.empty()))
                m_problems.push_back(who + " on " + t.name +
                                     ": facts are never changed or deleted, only added");
            for (const std::string& col : g.update) {
                if (col == "*") {
                    if (g.update.size() != 1)
                        m_problems.push_back(who + " on " + t.name + ": \"*\" stands alone");
                    continue;
                }
                if (t.columnIndex(col) < 0)
                    m_problems.push_back(who + " names column " + t.name + "." + col +
                                         ", which does not exist");
            }
            TableGrant& merged = m_grants[g.role][g.table];
            merged.role = g.role;
            merged.table = g.table;
            merged.insert |= g.insert;
            merged.tombstone |= g.tombstone;
            for (const std::string& col : g.update)
                if (std::find(merged.update.begin(), merged.update.end(), col) == merged.update.end())
                    merged.update.push_back(col);
        }
        for (const RowRule& rule : d->rowRules) {
            if (!rule.table || m_schema.find(rule.table->name) != rule.table || !rule.check)
                m_problems.push_back(where + ": a row rule names a table no domain registers");
            else m_rowRules[rule.table].push_back(&rule);
        }
        for (const HubRule& rule : d->hubRules)
            if (!rule.table || m_schema.find(rule.table->name) != rule.table)
                m_problems.push_back(where + ": hub rule '" + rule.name + "' watches a table no domain registers");
    }
}

std::vector<IndexTable> Registry::indexTables() const {
    std::vector<IndexTable> all;
    for (const Domain* d : m_domains)
        for (const IndexTable& t : d->indexTables) all.push_back(t);
    return all;
}

// [SECTION] write permissions

std::string Registry::checkWrite(DeviceRole role, const TableDef& table, ChangeOp op,
                                 const std::vector<std::string>& columns) const {
    const std::string who = std::string(deviceRoleKey(role)) + " devices";
    const TableGrant* g = grant(role, table);
    if (!g) return who + " may not write " + table.name;
    switch (op) {
        case ChangeOp::kInsert:
        case ChangeOp::kFact: return g->insert ? "" : who + " may not add " + table.name;
        case ChangeOp::kTombstone: return g->tombstone ? "" : who + " may not delete " + table.name;
        case ChangeOp::kUpdate: {
            const bool all = std::find(g->update.begin(), g->update.end(), "*") != g->update.end();
            if (all) return "";
            for (const std::string& col : columns)
                if (std::find(g->update.begin(), g->update.end(), col) == g->update.end())
                    return who + " may not change " + table.name + "." + col;
            return "";
        }
    }
    return "unknown operation";
}

Result<std::string> Registry::checkRow(const RowCheck& row) const {
    auto rules = m_rowRules.find(&row.table);
    if (rules == m_rowRules.end()) return std::string();
    for (const RowRule* rule : rules->second) {
        FC_ASSIGN(RowFault f, rule->check(row));
        if (f.ok()) continue;
        // The id is the writer's text: quoted only when it looks like an id.
        bool idOk = !row.id.empty() && row.id.size() <= 64;
        for (char ch : row.id)
            idOk &= (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    ch == '-' || ch == '_';
        return row.table.name + " " + (idOk ? row.id : std::string("(id not valid)")) + ": " + f.column +
               " " + f.why;
    }
    return std::string();
}

const TableGrant* Registry::grant(DeviceRole role, const TableDef& table) const {
    auto r = m_grants.find(role);
    if (r == m_grants.end()) return nullptr;
    auto t = r->second.find(&table);
    return t == r->second.end() ? nullptr : &t->second;
}

const WritePolicy& Registry::policy(DeviceRole role) const { return *m_policies.at(role); }

}  // namespace fc::core
