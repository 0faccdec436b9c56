#include "shared/visits/tables.hpp"

namespace fc::core::tables {

using namespace columns;

const TableDef kAppointments{
    "appointments",
    TableKind::kMaster,
    {text("store_id"), ref("customer_id", "customers"), ref("vehicle_id", "vehicles"),
     integer("scheduled_at", true), text("services"), text("status", true), text("channel"),
     text("qr_token"), text("notes"), integer("created_at"), added(6, ref("bay_id", "bays")),
     integer("deleted_at")}};

const TableDef kVisits{
    "visits",
    TableKind::kMaster,
    {text("store_id"), ref("customer_id", "customers"), ref("vehicle_id", "vehicles"),
     ref("appointment_id", "appointments"), integer("checked_in_at"), integer("odometer_km", true),
     text("services"), text("service_notes"), text("complaint"), text("status", true),
     text("ticket"), text("status_token"), text("signature"), text("consent_text_version"),
     text("channel"), ref("checked_in_by", "staff"), added(6, integer("called_at")),
     added(6, ref("called_by", "staff")), added(6, text("called_desk")), integer("deleted_at")}};

}  // namespace fc::core::tables
