#include "shared/catalogue/tables.hpp"

namespace fc::core::tables {

using namespace columns;

// price_fen is sensitive: two people changing a price at the same time raise a conflict.
const TableDef kServices{
    "services",
    TableKind::kMaster,
    {text("store_id"), text("code"), text("name_zh"), text("name_en"), integer("minutes"),
     integer("price_fen", true), integer("tax_rate_bp"), integer("active"), integer("sort"),
     integer("deleted_at")}};

}  // namespace fc::core::tables
