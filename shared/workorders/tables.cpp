#include "shared/workorders/tables.hpp"

namespace fc::core::tables {

using namespace columns;

// provisional_no: made on the device ("WO1-0042"); number: the store's gap-free number, given by
// the hub when it first merges the order (null until then).
const TableDef kWorkOrders{
    "work_orders",
    TableKind::kMaster,
    {text("store_id"), ref("visit_id", "visits"), ref("customer_id", "customers"), ref("vehicle_id", "vehicles"),
     text("provisional_no"), integer("number"), text("concerns"), ref("advisor_id", "staff"), ref("bay_id", "bays"),
     integer("promised_at"), integer("opened_at"), integer("odometer_km"), integer("deleted_at")}};

// kind: labour | part. Prices are copied when the line is made (a later price change leaves it).
// part_id (since v18): the stock part a part line bills (null for free text and for labour); the
// parts issued to the order from the stock ledger are matched against these lines at close-out.
// technicians: JSON [{"staff": id, "pct": 60}, …] adding up to 100. approval: standard (part of
// the order as opened), proposed (extra work from a finding), approved, declined; approval_note
// says who answered, when and how.
const TableDef kWorkOrderLines{
    "work_order_lines",
    TableKind::kMaster,
    {text("store_id"), ref("work_order_id", "work_orders"), text("kind"), text("service_code"), text("description"),
     integer("quantity_milli", true), integer("unit_price_fen", true), integer("discount_fen", true),
     integer("tax_rate_bp"), integer("minutes"), text("technicians"), text("approval", true), text("approval_note"),
     text("finding_event_id"), integer("sort"), integer("created_at"), added(18, ref("part_id", "parts")),
     integer("deleted_at")}};

// kind: status (value: the new status), step (step_key done), check (item: checklist index),
// reading (item: reading key, value: scaled integer as text, note: "out_of_range" when confirmed
// outside), finding (value: green | yellow | red, note), note. at: when, on the author's clock.
const TableDef kJobEvents{
    "job_events",
    TableKind::kFact,
    {text("store_id"), ref("work_order_id", "work_orders"), ref("line_id", "work_order_lines"), text("kind"),
     text("step_key"), text("item"), text("value"), text("note"), ref("staff_id", "staff"), text("device_id"),
     integer("at")}};

// kind: on | off (reason when pausing: parts, lunch, other_job, done).
const TableDef kTimeEntries{
    "time_entries",
    TableKind::kFact,
    {text("store_id"), ref("work_order_id", "work_orders"), ref("staff_id", "staff"), text("kind"), text("reason"),
     text("device_id"), integer("at")}};

// A photo a technician took for a step (job_photos.hpp): a JPEG of at most kMaxPhotoBytes, as
// base64 text (`jpeg`) so it travels in a sync change like any other value.
const TableDef kJobPhotos{
    "job_photos",
    TableKind::kFact,
    {text("store_id"), ref("work_order_id", "work_orders"), text("step_key"), integer("width"), integer("height"),
     largeText("jpeg"), ref("staff_id", "staff"), text("device_id"), integer("at")}};

}  // namespace fc::core::tables
