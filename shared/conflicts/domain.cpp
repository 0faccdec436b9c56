#include "shared/conflicts/domain.hpp"

#include "shared/conflicts/conflict_service.hpp"
#include "shared/conflicts/tables.hpp"

namespace fc::core {

namespace {

Status createConflicts(Db& db) {
    FC_TRY(db.exec(R"SQL(
-- Written by domain rules at the hub instead of losing anything; resolved by a person.
CREATE TABLE conflicts(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  rule        TEXT NOT NULL,
  tbl         TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  col         TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '{}',
  suggestion  TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  resolution  TEXT NOT NULL DEFAULT '',
  resolved_at INTEGER,
  created_at  INTEGER NOT NULL,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX conflicts_open ON conflicts(status, created_at);
)SQL"));
    return db.exec(guardTriggersSql(tables::kConflicts));
}

}  // namespace

const Domain& conflictsDomain() {
    using R = DeviceRole;
    static const Domain d{
        .name = "conflicts",
        .tables = {&tables::kConflicts},
        .migrations = {{4, "conflicts", createConflicts}},
        .grants = {{R::kOffice, &tables::kConflicts, false, false, {"status", "resolution", "resolved_at"}},
                   {R::kHub, &tables::kConflicts, true, false, {"*"}}},
        .services = [](ServiceSet& set) { set.add<ConflictService>(set.store()); },
    };
    return d;
}

}  // namespace fc::core
