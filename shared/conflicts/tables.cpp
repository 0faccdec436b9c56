#include "shared/conflicts/tables.hpp"

namespace fc::core::tables {

using namespace columns;

const TableDef kConflicts{"conflicts",
                          TableKind::kMaster,
                          {text("store_id"), text("rule"), text("tbl"), text("row_id"), text("col"),
                           text("detail"), text("suggestion"), text("status"), text("resolution"),
                           integer("resolved_at"), integer("created_at"), integer("deleted_at")}};

}  // namespace fc::core::tables
