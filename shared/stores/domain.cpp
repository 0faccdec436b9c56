#include "shared/stores/domain.hpp"

#include "shared/stores/store_hours.hpp"
#include "shared/stores/store_record.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/stores/tables.hpp"

namespace fc::core {

namespace {

Status createStores(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE stores(
  id         TEXT PRIMARY KEY,
  store_id   TEXT NOT NULL,
  name       TEXT NOT NULL,
  timezone   TEXT NOT NULL DEFAULT 'Asia/Shanghai',
  created_at INTEGER NOT NULL,
  deleted_at INTEGER,
  _hlc       INTEGER NOT NULL,
  _dev       TEXT NOT NULL
) WITHOUT ROWID;
)SQL"));
    return db.exec(guardTriggersSql(tables::kStores));
}

Status storeRecordPresent(VerifyContext& v) {
    // A device enrolled with a hub gets its store record with the first sync.
    return v.expectZero("SELECT count(*) = 0 FROM stores WHERE id = '" + v.storeId() + "'",
                        v.everSynced() ? "the store record of this device's store is missing"
                                       : "the store record has not arrived yet (not synced)",
                        "store record present",
                        v.everSynced() ? VerifyContext::Severity::kProblem
                                       : VerifyContext::Severity::kWarning);
}

Result<RowFault> storeRow(const RowCheck& r) {
    return firstFault({plainText(r, "name", 100, true), plainText(r, "timezone", 64, true)});
}

}  // namespace

const Domain& storesDomain() {
    using R = DeviceRole;
    static const Domain d{
        .name = "stores",
        .tables = {&tables::kStores},
        .migrations = {{1, "stores", createStores}},
        .grants = {{R::kOffice, &tables::kStores, false, false, {"name", "timezone"}},
                   // The hub creates the store's record when it starts a new store.
                   {R::kHub, &tables::kStores, true, false, {}}},
        .checks = {storeRecordPresent},
        .rowRules = {{&tables::kStores, storeRow}},
        .services =
            [](ServiceSet& set) {
                set.add<StoreTime>();
                set.add<StoreHours>();
                set.add<StoreRecord>(set.store());
            },
        .onInit = [](Store& store, const InitOptions& options) -> Status {
            return StoreRecord(store).create(options.storeName);
        },
    };
    return d;
}

}  // namespace fc::core
