#include "shared/invoicing/domain.hpp"

#include <nlohmann/json.hpp>

#include "shared/conflicts/conflict_service.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/invoicing/tables.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

namespace {

// v10: invoices (and credit notes) and payments.
Status createInvoicing(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE invoices(
  id                 TEXT PRIMARY KEY,
  store_id           TEXT NOT NULL,
  work_order_id      TEXT,
  customer_id        TEXT,
  vehicle_id         TEXT,
  number             TEXT NOT NULL,
  kind               TEXT NOT NULL,
  credit_of          TEXT REFERENCES invoices(id) DEFERRABLE INITIALLY DEFERRED,
  lines              TEXT NOT NULL,
  order_discount_fen INTEGER NOT NULL,
  total_fen          INTEGER NOT NULL,
  tax_fen            INTEGER NOT NULL,
  net_fen            INTEGER NOT NULL,
  issued_by          TEXT,
  device_id          TEXT NOT NULL DEFAULT '',
  issued_at          INTEGER NOT NULL,
  _hlc               INTEGER NOT NULL,
  _dev               TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX invoices_order ON invoices(work_order_id);
CREATE INDEX invoices_credit ON invoices(credit_of) WHERE credit_of IS NOT NULL;
CREATE INDEX invoices_issued ON invoices(issued_at);
CREATE TABLE payments(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  invoice_id  TEXT NOT NULL REFERENCES invoices(id) DEFERRABLE INITIALLY DEFERRED,
  method      TEXT NOT NULL,
  amount_fen  INTEGER NOT NULL,
  reference   TEXT NOT NULL DEFAULT '',
  received_by TEXT,
  device_id   TEXT NOT NULL DEFAULT '',
  at          INTEGER NOT NULL,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX payments_invoice ON payments(invoice_id);
)SQL"));
    for (const TableDef* t : {&tables::kInvoices, &tables::kPayments}) FC_TRY(db.exec(guardTriggersSql(*t)));
    return {};
}

Status checkInvoicing(VerifyContext& v) {
    FC_TRY(v.expectZero("SELECT count(*) FROM invoices i WHERE json_valid(i.lines) = 0 OR i.total_fen <> (SELECT "
                        "coalesce(sum(json_extract(value, '$.amount_fen')), 0) FROM json_each(i.lines)) OR i.tax_fen "
                        "<> (SELECT coalesce(sum(json_extract(value, '$.tax_fen')), 0) FROM json_each(i.lines))",
                        "invoices whose totals are not the sum of their lines", "invoice totals are line sums"));
    return v.expectZero("SELECT count(*) FROM invoices i WHERE i.kind = 'invoice' AND (SELECT coalesce(sum(amount_fen), "
                        "0) FROM payments p WHERE p.invoice_id = i.id) > i.total_fen",
                        "invoices paid more than their total (payments taken on two PCs at once: see conflicts)",
                        "no invoice overpaid", VerifyContext::Severity::kWarning);
}

Result<RowFault> invoiceRow(const RowCheck& r) {
    static const std::vector<std::string> kinds = {"invoice", "credit_note"};
    RowFault f = firstFault({keyIn(r, "kind", kinds), plainText(r, "number", 24, true), deviceIsAuthor(r, "device_id")});
    if (!f.ok()) return f;
    const SqlValue* lines = r.get("lines");
    if (lines && !lines->isNull()) {
        const auto j = lines->type == SqlValue::Type::kText ? nlohmann::json::parse(lines->s, nullptr, false)
                                                             : nlohmann::json();
        if (!j.is_array() || j.size() > 1000) return RowFault{"lines", "is not a list of invoice lines"};
        int64_t total = 0;
        for (const auto& l : j) {
            if (!l.is_object() || !l.contains("amount_fen") || !l["amount_fen"].is_number_integer())
                return RowFault{"lines", "is not a list of invoice lines"};
            total += l["amount_fen"].get<int64_t>();
        }
        if (const SqlValue* t = r.get("total_fen"); t && t->type == SqlValue::Type::kInt && t->i != total)
            return RowFault{"total_fen", "is not the sum of the lines"};
    }
    return f;
}

Result<RowFault> paymentRow(const RowCheck& r) {
    static const std::vector<std::string> methods = {"cash", "wechat", "alipay", "card"};
    return firstFault({keyIn(r, "method", methods), intIn(r, "amount_fen", 1, 1'000'000'000'000),
                       plainText(r, "reference", 64), deviceIsAuthor(r, "device_id")});
}

// Two PCs took payments offline that together exceed the invoice: a person refunds or corrects.
Status ruleOverpaid(const MergedChange& c, ServiceSet& services) {
    if (!c.applied) return {};
    Db& db = services.store().db();
    FC_ASSIGN(Stmt * s, db.cached(
                            "SELECT i.id, i.total_fen, (SELECT sum(amount_fen) FROM payments p WHERE p.invoice_id = "
                            "i.id) FROM payments x JOIN invoices i ON i.id = x.invoice_id WHERE x.id = ?"));
    s->bind(1, c.rowId);
    FC_ASSIGN(bool row, s->step());
    const std::string invoice = row ? s->getText(0) : "";
    const int64_t total = row ? s->getInt(1) : 0, paid = row ? s->getInt(2) : 0;
    s->reset();
    if (!row || paid <= total) return {};
    ConflictService& conflicts = services.get<ConflictService>();
    FC_ASSIGN(bool open, conflicts.openBetween("overpaid", invoice, c.rowId));
    if (open) return {};
    const nlohmann::json detail = {{"invoice", invoice}, {"total_fen", total}, {"paid_fen", paid}, {"payment", c.rowId}};
    FC_TRY(conflicts.raise({.rule = "overpaid",
                            .table = "invoices",
                            .rowId = invoice,
                            .column = c.rowId,
                            .detail = detail.dump(),
                            .suggestion = "Payments taken on two devices add up to more than the invoice: refund "
                                          "the difference and record it."}));
    return {};
}

}  // namespace

namespace {

// v13: the next invoice number is checked against those given by an indexed lookup, not a scan.
Status indexInvoiceNumbers(Db& db) { return db.exec("CREATE INDEX invoices_number ON invoices(number)"); }

}  // namespace

const Domain& invoicingDomain() {
    using R = DeviceRole;
    using namespace tables;
    static const Domain d{
        .name = "invoicing",
        .tables = {&kInvoices, &kPayments},
        .migrations = {{10, "invoices, payments", createInvoicing},
                       {13, "invoice numbers indexed", indexInvoiceNumbers}},
        // The office only: workshop devices may not write invoices or payments.
        .grants = {{R::kOffice, &kInvoices, true}, {R::kOffice, &kPayments, true}},
        .checks = {checkInvoicing},
        .hubRules = {{&kPayments, "overpaid", ruleOverpaid}},
        .rowRules = {{&kInvoices, invoiceRow}, {&kPayments, paymentRow}},
        .services = [](ServiceSet& set) { set.add<InvoiceService>(set.store(), set.get<WorkOrderService>()); },
    };
    return d;
}

}  // namespace fc::core
