#include "shared/invoicing/tables.hpp"

namespace fc::core::tables {

using namespace columns;

// kind: invoice | credit_note (credit_of: the invoice it reverses). lines: JSON, one object per
// line as computed (kind, description, service_code, quantity_milli, unit_price_fen, tax_rate_bp,
// gross_fen, line_discount_fen, order_discount_fen, amount_fen, tax_fen, net_fen, technicians);
// the totals are the sums of the lines (verify checks). Amounts of a credit note are negative.
const TableDef kInvoices{
    "invoices",
    TableKind::kFact,
    {text("store_id"), ref("work_order_id", "work_orders"), ref("customer_id", "customers"),
     ref("vehicle_id", "vehicles"), text("number"), text("kind"), ref("credit_of", "invoices"), text("lines"),
     integer("order_discount_fen"), integer("total_fen"), integer("tax_fen"), integer("net_fen"),
     ref("issued_by", "staff"), text("device_id"), integer("issued_at")}};

// method: cash | wechat | alipay | card; reference: the payer's receipt number (typed or scanned).
const TableDef kPayments{
    "payments",
    TableKind::kFact,
    {text("store_id"), ref("invoice_id", "invoices"), text("method"), integer("amount_fen"), text("reference"),
     ref("received_by", "staff"), text("device_id"), integer("at")}};

}  // namespace fc::core::tables
