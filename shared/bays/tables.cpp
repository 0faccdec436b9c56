#include "shared/bays/tables.hpp"

namespace fc::core::tables {

using namespace columns;

const TableDef kBays{
    "bays",
    TableKind::kMaster,
    {text("store_id"), text("code"), text("name_zh"), text("name_en"), text("kind"),
     integer("active"), integer("sort_order"), integer("created_at"), integer("deleted_at")}};

}  // namespace fc::core::tables
