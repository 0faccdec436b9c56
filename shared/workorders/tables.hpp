// The synced tables of the workshop: work orders and their lines (master data, edited in the
// office), and what happens to a job — status changes, steps, readings, findings — and the
// technicians' clock on/off and the photos they take of a step (facts: a job's state is derived from them, so two tablets working on
// one order offline lose nothing when they merge).
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {

extern const TableDef kWorkOrders;
extern const TableDef kWorkOrderLines;
extern const TableDef kJobEvents;
extern const TableDef kTimeEntries;
extern const TableDef kJobPhotos;

}  // namespace fc::core::tables
