// The customers domain's synced tables: customers and vehicles (master data), ownership,
// odometer and consent events (facts).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kCustomers;
extern const TableDef kVehicles;
extern const TableDef kVehicleOwnerships;
extern const TableDef kOdometerReadings;
extern const TableDef kConsentEvents;
}  // namespace fc::core::tables
