#include "shared/catalogue/domain.hpp"

#include <string>

#include "shared/catalogue/catalogue_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "shared/catalogue/tables.hpp"
#include "shared/core/invoice_math.hpp"

namespace fc::core {

namespace {

// v15: the store's services. No UNIQUE index on the synced code (a merge must never fail on the
// device's database): the row rule refuses a code another row has, on the device and at the hub,
// and `verify` reports duplicates. VAT rates and ranges are checked by the row rule and the
// service, not by CHECK constraints (a later version may widen them without a rebuild).
//
// An existing replica being upgraded gets the shipped menu too, written through its writer so it
// syncs: the migration marks the seed as owed (local_catalogue_seed) in its own transaction, and
// the first open writes it (seedOwed). Only a replica that speaks for the store marks it — the hub,
// or a device working alone; an enrolled device gets the hub's rows, so a store has one menu.
Status createServices(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE services(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  code        TEXT NOT NULL,
  name_zh     TEXT NOT NULL,
  name_en     TEXT NOT NULL DEFAULT '',
  minutes     INTEGER NOT NULL,
  price_fen   INTEGER NOT NULL,
  tax_rate_bp INTEGER NOT NULL DEFAULT 1300,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort        INTEGER NOT NULL DEFAULT 0,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX services_code ON services(code);
CREATE TABLE local_catalogue_seed(
  id INTEGER PRIMARY KEY CHECK (id = 1)
);
INSERT INTO local_catalogue_seed(id)
  SELECT 1 FROM local_device d, local_sync s
  WHERE d.id = 1 AND s.id = 1 AND d.role <> 'pending' AND s.hub_url = '';
)SQL"));
    return db.exec(guardTriggersSql(tables::kServices));
}

Status seedNewStore(Store& store, const InitOptions& options) {
    (void)options;
    FC_ASSIGN(ServiceMenu menu, ServiceMenu::load(ServiceMenu::defaultPath()));
    auto added = CatalogueService::seedIfEmpty(store, menu);
    if (!added) return added.error().context("seed the service catalogue");
    return {};
}

Status seedOwed(Store& store) {
    FC_ASSIGN(auto owed, store.db().queryInt("SELECT EXISTS(SELECT 1 FROM local_catalogue_seed)"));
    if (owed.value_or(0) == 0) return {};
    FC_ASSIGN(ServiceMenu menu, ServiceMenu::load(ServiceMenu::defaultPath()));
    auto added = CatalogueService::seedIfEmpty(store, menu);
    if (!added) return added.error().context("seed the service catalogue of the upgraded store");
    return store.db().exec("DELETE FROM local_catalogue_seed");
}

std::string taxRateList() {
    std::string out;
    for (int bp : kTaxRatesBp) out += (out.empty() ? "" : ", ") + std::to_string(bp);
    return out;
}

Status checkServices(VerifyContext& v) {
    FC_TRY(v.expectZero("SELECT count(*) FROM services WHERE deleted_at IS NULL AND (code = '' OR name_zh = '' "
                        "OR minutes < 5 OR minutes > 1440 OR price_fen < 0 OR tax_rate_bp NOT IN (" +
                            taxRateList() + "))",
                        "services with no code or name, or a bad standard time, price or VAT rate",
                        "service values valid"));
    return v.expectZero(
        "SELECT count(*) FROM (SELECT code FROM services GROUP BY code HAVING count(*) > 1)",
        "service codes used by more than one service", "service codes unique",
        VerifyContext::Severity::kWarning);
}

bool validCode(const std::string& c) {
    if (c.size() < 2 || c.size() > 32) return false;
    for (char ch : c)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
    return true;
}

Result<RowFault> serviceRow(const RowCheck& r) {
    if (const SqlValue* code = r.get("code"); code && !code->isNull())
        if (code->type != SqlValue::Type::kText || !validCode(code->s))
            return RowFault{"code", "is not 2–32 of a–z, 0–9 and '_'"};
    if (const SqlValue* rate = r.get("tax_rate_bp"); rate && !rate->isNull())
        if (rate->type != SqlValue::Type::kInt || rate->i < 0 || rate->i > 10'000 ||
            !isAllowedTaxRate(static_cast<int>(rate->i)))
            return RowFault{"tax_rate_bp", "is not a VAT rate (0, 300, 600, 900, 1300)"};
    RowFault f = firstFault({plainText(r, "name_zh", 40, true), plainText(r, "name_en", 80),
                             intIn(r, "minutes", 5, 1440, true), intIn(r, "price_fen", 0, 100'000'000, true),
                             intIn(r, "active", 0, 1, true), intIn(r, "sort", 0, 99'999)});
    if (!f.ok()) return f;
    return uniqueAmongRows(r, "code");
}

}  // namespace

const Domain& catalogueDomain() {
    using R = DeviceRole;
    static const Domain d{
        .name = "catalogue",
        .tables = {&tables::kServices},
        .migrations = {{15, "services (the catalogue)", createServices}},
        // Managers edit the menu in the office (the app also requires kManageSettings); every
        // other device reads it. Deactivated, never deleted: bookings and orders name the codes.
        .grants = {{R::kOffice, &tables::kServices, true, false, {"*"}}},
        .checks = {checkServices},
        .rowRules = {{&tables::kServices, serviceRow}},
        .services =
            [](ServiceSet& set) {
                set.addIndex<ServiceCatalog>(set.store().db());
                set.add<CatalogueService>(set.store());
            },
        // A new store starts with the shipped menu, wherever it is made (the hub, or a device
        // working alone); a device being enrolled gets the store's from the hub.
        .onInit = seedNewStore,
        .onOpen = seedOwed,
    };
    return d;
}

}  // namespace fc::core
