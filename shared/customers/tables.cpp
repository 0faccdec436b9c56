#include "shared/customers/tables.hpp"

namespace fc::core::tables {

using namespace columns;

const TableDef kCustomers{
    "customers",
    TableKind::kMaster,
    {text("store_id"), text("name"), text("phones", true), text("address"), text("wechat_id"),
     text("source"), text("segment"), integer("consent_contact"), integer("consent_contact_at"),
     integer("consent_data"), integer("consent_data_at"), text("notes"), integer("created_at"),
     integer("deleted_at")}};

const TableDef kVehicles{
    "vehicles",
    TableKind::kMaster,
    {text("store_id"), text("plate"), text("vin", true), integer("vin_check_override"),
     text("make"), text("model"), integer("year"), text("colour"), integer("odometer_km", true),
     integer("created_at"), integer("deleted_at")}};

const TableDef kVehicleOwnerships{"vehicle_ownerships",
                                  TableKind::kFact,
                                  {text("store_id"), ref("vehicle_id", "vehicles"),
                                   ref("customer_id", "customers"), integer("since_ms"),
                                   text("note")}};

const TableDef kOdometerReadings{"odometer_readings",
                                 TableKind::kFact,
                                 {text("store_id"), ref("vehicle_id", "vehicles"), integer("km"),
                                  integer("read_at"), text("source")}};

const TableDef kConsentEvents{"consent_events",
                              TableKind::kFact,
                              {text("store_id"), ref("customer_id", "customers"), text("kind"),
                               integer("granted"), integer("at"), text("channel"),
                               text("text_version")}};

// Personal data shown in full (a masked phone revealed): who, on which device, when, why.
const TableDef kCustomerAccessEvents{"customer_access_events",
                                     TableKind::kFact,
                                     {text("store_id"), ref("customer_id", "customers"),
                                      ref("staff_id", "staff"), text("device_id"), integer("at"),
                                      text("what"), text("reason")}};

}  // namespace fc::core::tables
