#include "shared/capture/tables.hpp"

namespace fc::core {

int TableDef::columnIndex(std::string_view column) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == column) return static_cast<int>(i);
    return -1;
}

namespace tables {

namespace {
ColumnDef text(const char* n, bool sensitive = false) { return {n, sensitive, false, ""}; }
ColumnDef integer(const char* n, bool sensitive = false) { return {n, sensitive, true, ""}; }
ColumnDef ref(const char* n, const char* table) { return {n, false, false, table}; }
}  // namespace

const TableDef kStores{"stores",
                       TableKind::kMaster,
                       {text("store_id"), text("name"), text("timezone"), integer("created_at"),
                        integer("deleted_at")}};

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

const TableDef kConflicts{"conflicts",
                          TableKind::kMaster,
                          {text("store_id"), text("rule"), text("tbl"), text("row_id"), text("col"),
                           text("detail"), text("suggestion"), text("status"), text("resolution"),
                           integer("resolved_at"), integer("created_at"), integer("deleted_at")}};

// Staff records. The PIN hash is synced so a person can sign in on any device of the store.
const TableDef kStaff{
    "staff",
    TableKind::kMaster,
    {text("store_id"), text("name"), text("role", true), integer("active"), text("badge_code"),
     text("pin_hash"), integer("pin_set_at"), integer("created_at"), integer("deleted_at")}};

const TableDef kStaffSessionEvents{
    "staff_session_events",
    TableKind::kFact,
    {text("store_id"), ref("staff_id", "staff"), text("session_id"), text("kind"), text("method"),
     integer("at"), text("device_id")}};

const TableDef kAppointments{
    "appointments",
    TableKind::kMaster,
    {text("store_id"), ref("customer_id", "customers"), ref("vehicle_id", "vehicles"),
     integer("scheduled_at", true), text("services"), text("status", true), text("channel"),
     text("qr_token"), text("notes"), integer("created_at"), integer("deleted_at")}};

const TableDef kVisits{
    "visits",
    TableKind::kMaster,
    {text("store_id"), ref("customer_id", "customers"), ref("vehicle_id", "vehicles"),
     ref("appointment_id", "appointments"), integer("checked_in_at"), integer("odometer_km", true),
     text("services"), text("service_notes"), text("complaint"), text("status", true),
     text("ticket"), text("status_token"), text("signature"), text("consent_text_version"),
     text("channel"), ref("checked_in_by", "staff"), integer("deleted_at")}};

}  // namespace tables

const std::vector<const TableDef*>& syncedTables() {
    static const std::vector<const TableDef*> kAll = {
        &tables::kStores,           &tables::kCustomers,         &tables::kVehicles,
        &tables::kVehicleOwnerships, &tables::kOdometerReadings, &tables::kConsentEvents,
        &tables::kConflicts,
        // v5, parents before children
        &tables::kStaff, &tables::kStaffSessionEvents, &tables::kAppointments, &tables::kVisits};
    return kAll;
}

const TableDef* findSyncedTable(std::string_view name) {
    for (const TableDef* t : syncedTables())
        if (t->name == name) return t;
    return nullptr;
}

std::string guardTriggersSql(const TableDef& table) {
    std::string sql;
    for (const char* op : {"INSERT", "UPDATE", "DELETE"}) {
        std::string lower = op;
        for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
        sql += "CREATE TRIGGER " + table.name + "_guard_" + lower + " BEFORE " + op + " ON " +
               table.name + " WHEN fc_write_mode() = 0 BEGIN SELECT RAISE(ABORT, '" + lower +
               " on " + table.name + " bypasses change capture: write through the services'); END;\n";
    }
    if (table.kind == TableKind::kFact) {
        // Facts are never updated or deleted, whatever the mode (only migrations may reshape them).
        sql += "CREATE TRIGGER " + table.name + "_fact_immutable BEFORE UPDATE ON " + table.name +
               " WHEN fc_write_mode() <> 3 BEGIN SELECT RAISE(ABORT, '" + table.name +
               " holds facts: they are never updated, only reversed by a new fact'); END;\n";
        sql += "CREATE TRIGGER " + table.name + "_fact_undeletable BEFORE DELETE ON " +
               table.name + " WHEN fc_write_mode() <> 3 BEGIN SELECT RAISE(ABORT, '" + table.name +
               " holds facts: they are never deleted'); END;\n";
    }
    return sql;
}

}  // namespace fc::core
