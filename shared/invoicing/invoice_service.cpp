#include "shared/invoicing/invoice_service.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "shared/capture/row.hpp"
#include "shared/core/money.hpp"
#include "shared/core/text.hpp"
#include "shared/invoicing/tables.hpp"
#include "shared/workorders/device_number.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

using nlohmann::json;

const char* paymentMethodKey(PaymentMethod m) {
    switch (m) {
        case PaymentMethod::kCash:
            return "cash";
        case PaymentMethod::kWechat:
            return "wechat";
        case PaymentMethod::kAlipay:
            return "alipay";
        case PaymentMethod::kCard:
            return "card";
    }
    return "";
}

std::optional<PaymentMethod> parsePaymentMethod(std::string_view key) {
    for (PaymentMethod m : {PaymentMethod::kCash, PaymentMethod::kWechat, PaymentMethod::kAlipay, PaymentMethod::kCard})
        if (key == paymentMethodKey(m)) return m;
    return std::nullopt;
}

namespace {

// Thousandths of a unit as people write them: 1000 → "1", 500 → "0.5".
std::string milliText(int64_t milli) {
    std::string s = (milli < 0 ? "-" : "") + std::to_string(std::abs(milli) / 1000);
    if (int64_t frac = std::abs(milli) % 1000; frac != 0) {
        std::string f = std::to_string(1000 + frac).substr(1);
        while (!f.empty() && f.back() == '0') f.pop_back();
        s += "." + f;
    }
    return s;
}

// At most `maxChars` characters (a job event's note holds 500).
std::string clipped(const std::string& text, size_t maxChars) {
    std::vector<char32_t> cps = decodeUtf8(text);
    if (cps.size() <= maxChars) return text;
    cps.resize(maxChars - 1);
    cps.push_back(U'…');
    return encodeUtf8(cps);
}

}  // namespace

std::string unbilledPartsText(const std::vector<UnbilledPart>& parts) {
    std::string out;
    for (const UnbilledPart& p : parts) {
        if (!out.empty()) out += ", ";
        out += p.name + (p.sku.empty() ? "" : " (" + p.sku + ")") + " × " + milliText(p.missingMilli());
    }
    return out;
}

InvoiceService::InvoiceService(Store& store, WorkOrderService& workOrders) : m_store(store), m_workOrders(workOrders) {}

Result<std::vector<UnbilledPart>> InvoiceService::unbilledParts(const std::string& orderId) {
    if (!m_issuedParts) return std::vector<UnbilledPart>{};
    return m_issuedParts->unbilled(orderId);
}

Result<std::vector<std::string>> InvoiceService::addIssuedParts(const Session& by, const std::string& orderId) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    if (!m_issuedParts) return std::vector<std::string>{};
    return m_issuedParts->addToOrder(by, orderId);
}

Result<std::string> InvoiceService::nextNumber(const char* letter) {
    // "F" (invoice) or "C" (credit note) + device prefix + "-" + 4 digits.
    return nextDeviceNumber(m_store.db(), std::string("invoice_") + letter,
                            std::string(letter) + m_store.device().prefix + "-", "invoices", "number");
}

Result<InvoiceService::Billable> InvoiceService::billable(const std::string& orderId, int64_t orderDiscountFen) {
    FC_ASSIGN(WorkOrderView order, m_workOrders.get(orderId));
    Billable b;
    b.customerId = order.customerId;
    b.vehicleId = order.vehicleId;
    b.input.orderDiscountFen = orderDiscountFen;
    for (const WorkOrderLine& l : order.lines) {
        if (l.approval == LineApproval::kProposed || l.approval == LineApproval::kDeclined) continue;
        b.input.lines.push_back({l.kind, l.quantityMilli, l.unitPriceFen, l.discountFen, static_cast<int>(l.taxRateBp)});
        InvoiceLineView v;
        v.kind = lineKindName(l.kind);
        v.description = l.description;
        v.serviceCode = l.serviceCode;
        v.quantityMilli = l.quantityMilli;
        v.unitPriceFen = l.unitPriceFen;
        v.taxRateBp = static_cast<int>(l.taxRateBp);
        json shares = json::array();
        for (const auto& s : l.technicians) shares.push_back({{"staff", s.staffId}, {"pct", s.pct}});
        v.technicians = shares.dump();
        b.lines.push_back(std::move(v));
    }
    return b;
}

Result<InvoiceAmounts> InvoiceService::preview(const std::string& orderId, int64_t orderDiscountFen) {
    FC_ASSIGN(Billable b, billable(orderId, orderDiscountFen));
    return computeInvoice(b.input);
}

Result<InvoiceView> InvoiceService::draft(const std::string& orderId, int64_t orderDiscountFen) {
    FC_ASSIGN(Billable b, billable(orderId, orderDiscountFen));
    FC_ASSIGN(InvoiceAmounts amounts, computeInvoice(b.input));
    InvoiceView v;
    v.kind = "invoice";
    v.workOrderId = orderId;
    v.customerId = b.customerId;
    v.vehicleId = b.vehicleId;
    v.orderDiscountFen = orderDiscountFen;
    for (size_t i = 0; i < b.lines.size(); ++i) {
        InvoiceLineView line = b.lines[i];
        const InvoiceLineAmounts& a = amounts.lines[i];
        line.grossFen = a.grossFen;
        line.lineDiscountFen = a.lineDiscountFen;
        line.orderDiscountFen = a.orderDiscountFen;
        line.amountFen = a.amountFen;
        line.taxFen = a.taxFen;
        line.netFen = a.netFen;
        v.lines.push_back(std::move(line));
    }
    v.totalFen = amounts.totals.amountFen;
    v.taxFen = amounts.totals.taxFen;
    v.netFen = amounts.totals.netFen;
    v.owedFen = v.totalFen;
    return v;
}

Result<std::string> InvoiceService::closeOut(const Session& by, const std::string& orderId, int64_t orderDiscountFen,
                                             const CloseOutOptions& options) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    const std::string freeReason = cleanText(options.unbilledPartsReason);
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_ASSIGN(auto existing, invoiceOf(orderId));
        if (existing) return conflict("this work order already has an invoice");
        FC_ASSIGN(Billable b, billable(orderId, orderDiscountFen));
        if (b.input.lines.empty()) return invalid("the work order has no lines to invoice");
        FC_ASSIGN(InvoiceAmounts amounts, computeInvoice(b.input));
        // Nothing taken from the shelf for this job goes unbilled without a reason.
        FC_ASSIGN(std::vector<UnbilledPart> unbilled, unbilledParts(orderId));
        std::string note;
        if (!unbilled.empty()) {
            if (freeReason.empty())
                return Error(Errc::kNeedsConfirmation,
                             "parts issued to this work order are not on it: " + unbilledPartsText(unbilled) +
                                 ". Add them to the order, return them to the shelf, or close out "
                                 "saying why they are free (warranty, goodwill)");
            note = clipped("parts not billed (" + freeReason + "): " + unbilledPartsText(unbilled), 500);
        }
        // Closing checks the order is ready and nobody is clocked on.
        FC_TRY(m_workOrders.changeStatus(by, orderId, WorkOrderStatus::kClosed, note));
        json lines = json::array();
        for (size_t i = 0; i < b.lines.size(); ++i) {
            const InvoiceLineView& v = b.lines[i];
            const InvoiceLineAmounts& a = amounts.lines[i];
            lines.push_back({{"kind", v.kind}, {"description", v.description}, {"service_code", v.serviceCode},
                             {"quantity_milli", v.quantityMilli}, {"unit_price_fen", v.unitPriceFen},
                             {"tax_rate_bp", v.taxRateBp}, {"gross_fen", a.grossFen},
                             {"line_discount_fen", a.lineDiscountFen}, {"order_discount_fen", a.orderDiscountFen},
                             {"amount_fen", a.amountFen}, {"tax_fen", a.taxFen}, {"net_fen", a.netFen},
                             {"technicians", json::parse(v.technicians)}});
        }
        FC_ASSIGN(std::string number, nextNumber("F"));
        const std::string id = m_store.ids().next();
        FC_ASSIGN(Row row, RowBuilder(tables::kInvoices)
                               .set("store_id", m_store.storeId())
                               .set("work_order_id", orderId)
                               .set("customer_id", b.customerId)
                               .set("vehicle_id", b.vehicleId)
                               .set("number", number)
                               .set("kind", "invoice")
                               .set("credit_of", SqlValue::null())
                               .set("lines", lines.dump())
                               .set("order_discount_fen", amounts.totals.orderDiscountFen)
                               .set("total_fen", amounts.totals.amountFen)
                               .set("tax_fen", amounts.totals.taxFen)
                               .set("net_fen", amounts.totals.netFen)
                               .set("issued_by", by.staffId())
                               .set("device_id", m_store.device().deviceId)
                               .set("issued_at", m_store.nowMs())
                               .build());
        FC_TRY(m_store.writer().insert(tables::kInvoices, id, row));
        return id;
    });
}

Result<std::string> InvoiceService::recordPayment(const Session& by, const std::string& invoiceId, PaymentMethod method,
                                                  int64_t amountFen, const std::string& reference) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    const std::string ref = toUpperAscii(trim(foldWidth(reference)));
    if (ref.size() > 64) return invalid("reference: at most 64 characters");
    if (method != PaymentMethod::kCash && ref.empty())
        return invalid("reference: type or scan the number on the payer's receipt");
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_ASSIGN(InvoiceView v, get(invoiceId));
        if (v.kind != "invoice") return invalid("payments are taken on invoices, not on credit notes");
        if (v.credited) return conflict("this invoice was reversed by a credit note");
        std::vector<int64_t> paid;
        for (const auto& p : v.payments) paid.push_back(p.amountFen);
        paid.push_back(amountFen);
        auto state = paymentsApplied(v.totalFen, paid);
        if (!state) {
            if (amountFen <= 0) return invalid("amount: a payment is more than ¥0.00");
            return invalid("amount: " + Money::fen(amountFen).format() + " is more than the " +
                           Money::fen(v.owedFen).format() + " still owed");
        }
        const std::string id = m_store.ids().next();
        FC_ASSIGN(Row row, RowBuilder(tables::kPayments)
                               .set("store_id", m_store.storeId())
                               .set("invoice_id", invoiceId)
                               .set("method", paymentMethodKey(method))
                               .set("amount_fen", amountFen)
                               .set("reference", ref)
                               .set("received_by", by.staffId())
                               .set("device_id", m_store.device().deviceId)
                               .set("at", m_store.nowMs())
                               .build());
        FC_TRY(m_store.writer().insert(tables::kPayments, id, row));
        return id;
    });
}

Result<std::string> InvoiceService::creditNote(const Session& by, const std::string& invoiceId, const std::string& reason) {
    FC_TRY(requireCapability(by, Capability::kManageFinance));
    const std::string why = cleanText(reason);
    if (why.empty()) return invalid("reason: say why the invoice is reversed");
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_ASSIGN(InvoiceView v, get(invoiceId));
        if (v.kind != "invoice") return invalid("only an invoice can be reversed");
        if (v.credited) return conflict("this invoice was already reversed");
        json lines = json::array();
        for (const InvoiceLineView& l : v.lines)
            lines.push_back({{"kind", l.kind}, {"description", l.description}, {"service_code", l.serviceCode},
                             {"quantity_milli", -l.quantityMilli}, {"unit_price_fen", l.unitPriceFen},
                             {"tax_rate_bp", l.taxRateBp}, {"gross_fen", -l.grossFen},
                             {"line_discount_fen", -l.lineDiscountFen}, {"order_discount_fen", -l.orderDiscountFen},
                             {"amount_fen", -l.amountFen}, {"tax_fen", -l.taxFen}, {"net_fen", -l.netFen},
                             {"technicians", json::parse(l.technicians, nullptr, false)}, {"reason", why}});
        FC_ASSIGN(std::string number, nextNumber("C"));
        const std::string id = m_store.ids().next();
        FC_ASSIGN(Row row, RowBuilder(tables::kInvoices)
                               .set("store_id", m_store.storeId())
                               .set("work_order_id", v.workOrderId)
                               .set("customer_id", v.customerId)
                               .set("vehicle_id", v.vehicleId)
                               .set("number", number)
                               .set("kind", "credit_note")
                               .set("credit_of", invoiceId)
                               .set("lines", lines.dump())
                               .set("order_discount_fen", -v.orderDiscountFen)
                               .set("total_fen", -v.totalFen)
                               .set("tax_fen", -v.taxFen)
                               .set("net_fen", -v.netFen)
                               .set("issued_by", by.staffId())
                               .set("device_id", m_store.device().deviceId)
                               .set("issued_at", m_store.nowMs())
                               .build());
        FC_TRY(m_store.writer().insert(tables::kInvoices, id, row));
        return id;
    });
}

Result<InvoiceView> InvoiceService::get(const std::string& invoiceId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT number, kind, credit_of, work_order_id, customer_id, vehicle_id, lines, "
                            "order_discount_fen, total_fen, tax_fen, net_fen, issued_at FROM invoices WHERE id = ?"));
    s->bind(1, invoiceId);
    FC_ASSIGN(bool row, s->step());
    if (!row) {
        s->reset();
        return notFound("invoice " + invoiceId + " does not exist");
    }
    InvoiceView v;
    v.id = invoiceId;
    v.number = s->getText(0);
    v.kind = s->getText(1);
    v.creditOf = s->getOptText(2);
    v.workOrderId = s->getText(3);
    v.customerId = s->getText(4);
    v.vehicleId = s->getText(5);
    const json lines = json::parse(s->getTextView(6), nullptr, false);
    v.orderDiscountFen = s->getInt(7);
    v.totalFen = s->getInt(8);
    v.taxFen = s->getInt(9);
    v.netFen = s->getInt(10);
    v.issuedAt = s->getInt(11);
    s->reset();
    if (lines.is_array())
        for (const json& l : lines) {
            if (!l.is_object()) continue;
            InvoiceLineView x;
            x.kind = l.value("kind", "");
            x.description = l.value("description", "");
            x.serviceCode = l.value("service_code", "");
            x.quantityMilli = l.value("quantity_milli", int64_t{0});
            x.unitPriceFen = l.value("unit_price_fen", int64_t{0});
            x.taxRateBp = l.value("tax_rate_bp", 0);
            x.grossFen = l.value("gross_fen", int64_t{0});
            x.lineDiscountFen = l.value("line_discount_fen", int64_t{0});
            x.orderDiscountFen = l.value("order_discount_fen", int64_t{0});
            x.amountFen = l.value("amount_fen", int64_t{0});
            x.taxFen = l.value("tax_fen", int64_t{0});
            x.netFen = l.value("net_fen", int64_t{0});
            x.technicians = l.contains("technicians") ? l["technicians"].dump() : "[]";
            v.lines.push_back(std::move(x));
        }
    FC_ASSIGN(Stmt * p, m_store.db().cached(
                            "SELECT id, method, amount_fen, reference, at FROM payments WHERE invoice_id = ? ORDER BY "
                            "_hlc, id"));
    p->bind(1, invoiceId);
    FC_TRY(p->each([&](Stmt& r) {
        v.payments.push_back({r.getText(0), parsePaymentMethod(r.getTextView(1)).value_or(PaymentMethod::kCash),
                              r.getInt(2), r.getText(3), r.getInt(4)});
        v.paidFen += r.getInt(2);
    }));
    FC_ASSIGN(Stmt * c, m_store.db().cached("SELECT count(*) FROM invoices WHERE credit_of = ?"));
    c->bind(1, invoiceId);
    FC_ASSIGN(bool any, c->step());
    v.credited = any && c->getInt(0) > 0;
    c->reset();
    v.owedFen = v.kind == "invoice" && !v.credited ? std::max<int64_t>(0, v.totalFen - v.paidFen) : 0;
    return v;
}

Result<std::optional<std::string>> InvoiceService::invoiceOf(const std::string& orderId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT i.id FROM invoices i WHERE i.work_order_id = ? AND i.kind = 'invoice' AND NOT "
                            "EXISTS (SELECT 1 FROM invoices c WHERE c.credit_of = i.id) ORDER BY i.issued_at, i.id "
                            "LIMIT 1"));
    s->bind(1, orderId);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

}  // namespace fc::core
