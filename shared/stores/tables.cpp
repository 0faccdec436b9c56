#include "shared/stores/tables.hpp"

namespace fc::core::tables {

using namespace columns;

const TableDef kStores{"stores",
                       TableKind::kMaster,
                       {text("store_id"), text("name"), text("timezone"), integer("created_at"),
                        integer("deleted_at")}};

}  // namespace fc::core::tables
