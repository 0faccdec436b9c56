// The invoicing domain: invoices and credit notes (facts; totals the sum of their lines) and
// payments (facts), written in the office only; the hub raises an `overpaid` conflict when
// payments taken on two PCs offline add up to more than the invoice; InvoiceService.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& invoicingDomain();

}  // namespace fc::core
