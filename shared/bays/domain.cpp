#include "shared/bays/domain.hpp"

#include "shared/bays/bay_service.hpp"
#include "shared/bays/tables.hpp"

namespace fc::core {

namespace {

// v6: the store's bays. Kind values are checked by the service, not by a CHECK constraint (a later
// version adding one must not have to rebuild the table); no UNIQUE index on the synced code (two
// devices may add the same code offline and a merge must never fail): the service checks before
// writing and `verify` reports duplicates.
Status createBays(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE bays(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  code        TEXT NOT NULL,
  name_zh     TEXT NOT NULL,
  name_en     TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL DEFAULT 'general',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order  INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX bays_code ON bays(code);
)SQL"));
    return db.exec(guardTriggersSql(tables::kBays));
}

std::string kindList() {
    std::string out;
    for (BayKind k : allBayKinds())
        out += std::string(out.empty() ? "'" : ", '") + bayKindKey(k) + "'";
    return out;
}

Status checkBays(VerifyContext& v) {
    FC_TRY(v.expectZero("SELECT count(*) FROM bays WHERE deleted_at IS NULL AND (kind NOT IN (" +
                            kindList() + ") OR code = '' OR name_zh = '')",
                        "bays with an unknown kind, or no code or name", "bay values valid"));
    return v.expectZero(
        "SELECT count(*) FROM (SELECT code FROM bays WHERE deleted_at IS NULL "
        "GROUP BY code HAVING count(*) > 1)",
        "bay codes used by more than one bay", "bay codes unique",
        VerifyContext::Severity::kWarning);
}

Result<RowFault> bayRow(const RowCheck& r) {
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> k;
        for (BayKind kind : allBayKinds()) k.push_back(bayKindKey(kind));
        return k;
    }();
    return firstFault({keyIn(r, "kind", kinds), plainText(r, "code", 16, true), plainText(r, "name_zh", 40, true),
                       plainText(r, "name_en", 40), intIn(r, "active", 0, 1)});
}

}  // namespace

const Domain& baysDomain() {
    using R = DeviceRole;
    static const Domain d{
        .name = "bays",
        .tables = {&tables::kBays},
        .migrations = {{6, "bays", createBays}},
        // Bays are set up in the office; other devices read them.
        .grants = {{R::kOffice, &tables::kBays, true, true, {"*"}}},
        .checks = {checkBays},
        .rowRules = {{&tables::kBays, bayRow}},
        .services = [](ServiceSet& set) { set.add<BayService>(set.store()); },
    };
    return d;
}

}  // namespace fc::core
