// The customers domain's synced tables: customers and vehicles (master data), ownership,
// odometer and consent events, and who looked at a customer's personal data (facts).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kCustomers;
extern const TableDef kVehicles;
extern const TableDef kVehicleOwnerships;
extern const TableDef kOdometerReadings;
extern const TableDef kConsentEvents;
extern const TableDef kCustomerAccessEvents;
}  // namespace fc::core::tables
