// The synced tables of invoicing: invoices (and credit notes) and payments, both facts — an
// invoice is never edited; a correction is a credit note.
#pragma once

#include "shared/capture/tables.hpp"

namespace fc::core::tables {

extern const TableDef kInvoices;
extern const TableDef kPayments;

}  // namespace fc::core::tables
