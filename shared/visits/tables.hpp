// The visits domain's synced tables: appointments and visits (master data).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {
extern const TableDef kAppointments;
extern const TableDef kVisits;
}  // namespace fc::core::tables
