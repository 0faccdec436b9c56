#include "shared/staff/tables.hpp"

namespace fc::core::tables {

using namespace columns;

// Staff records. The PIN hash is synced so a person can sign in on any device of the store.
// badge_code holds the badge as a keyed hash ("hmac-sha256:…", badge_key.hpp), never the code
// itself; a plain code written before v8 is hashed by the hub (staff domain's hub rule).
// skills: JSON array of skill names (skills.hpp); shift: regular hours as text ("1-5 08:30-17:30",
// shift.hpp). Both since v11, null in a row an older device wrote (read as none).
const TableDef kStaff{
    "staff",
    TableKind::kMaster,
    {text("store_id"), text("name"), text("role", true), integer("active"), text("badge_code"),
     text("pin_hash"), integer("pin_set_at"), integer("created_at"), added(11, text("skills")),
     added(11, text("shift")), integer("deleted_at")}};

const TableDef kStaffSessionEvents{
    "staff_session_events",
    TableKind::kFact,
    {text("store_id"), ref("staff_id", "staff"), text("session_id"), text("kind"), text("method"),
     integer("at"), text("device_id")}};

}  // namespace fc::core::tables
