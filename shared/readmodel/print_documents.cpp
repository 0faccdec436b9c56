#include "shared/readmodel/print_documents.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "shared/bays/bay_service.hpp"
#include "shared/capture/service_set.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/stores/store_record.hpp"

namespace fc::core {

namespace {

// A missing customer, vehicle, staff member or bay (not synced to this device yet) leaves its
// place on the paper empty; any other error stops the document.
bool missing(const Error& e) {
    return e.code == Errc::kNotFound;
}

std::string typedNumber(std::string_view typed) {
    return toUpperAscii(trim(foldWidth(typed)));
}

}  // namespace

PrintDocuments::PrintDocuments(Store& store, WorkOrderService& workOrders, InvoiceService& invoices,
                               CustomerService& customers, StaffService& staff, BayService& bays,
                               StoreRecord& record, const StoreTime& time)
    : m_store(store),
      m_workOrders(workOrders),
      m_invoices(invoices),
      m_customers(customers),
      m_staff(staff),
      m_bays(bays),
      m_record(record),
      m_time(time) {}

PrintDocuments::PrintDocuments(ServiceSet& set)
    : PrintDocuments(set.store(), set.get<WorkOrderService>(), set.get<InvoiceService>(),
                     set.get<CustomerService>(), set.get<StaffService>(), set.get<BayService>(),
                     set.get<StoreRecord>(), set.get<StoreTime>()) {}

std::string PrintDocuments::localTime(int64_t utcMs) const {
    const int day = m_time.dayNumber(utcMs);
    char buf[40];  // room for any int, as the compiler counts
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d ", day / 10000, day / 100 % 100, day % 100);
    return buf + m_time.hhmm(utcMs);
}

Result<std::string> PrintDocuments::storeName() {
    return m_record.name();
}

std::string PrintDocuments::staffName(const std::string& staffId) {
    if (staffId.empty()) return "";
    auto s = m_staff.get(staffId);
    return s ? s->name : "";
}

Result<PrintCustomer> PrintDocuments::customer(const std::string& customerId) {
    PrintCustomer out;
    auto c = m_customers.getCustomer(customerId);
    if (!c) {
        if (missing(c.error())) return out;
        return c.error();
    }
    out.name = c->name;
    if (!c->phones.empty()) out.maskedPhone = maskPhone(c->phones.front());
    return out;
}

Result<PrintVehicle> PrintDocuments::vehicle(const std::string& vehicleId) {
    PrintVehicle out;
    auto v = m_customers.getVehicle(vehicleId);
    if (!v) {
        if (missing(v.error())) return out;
        return v.error();
    }
    out.plate = displayPlate(v->plate);
    out.make = v->make;
    out.model = v->model;
    out.colour = v->colour;
    out.vin = v->vin;
    out.year = v->year;
    return out;
}

Result<std::string> PrintDocuments::findWorkOrder(std::string_view typed) {
    const std::string t = typedNumber(typed);
    if (t.empty()) return invalid("a work-order number is needed (e.g. WO1-0042)");
    FC_ASSIGN(std::optional<std::string> id, m_workOrders.findByNumber(t));
    if (!id) return notFound("no work order numbered '" + std::string(typed) + "'");
    return *id;
}

Result<std::string> PrintDocuments::findInvoice(std::string_view typed) {
    const std::string t = typedNumber(typed);
    if (t.empty()) return invalid("an invoice number is needed (e.g. F1-0007)");
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(
                  "SELECT id FROM invoices WHERE number = ? ORDER BY issued_at, id LIMIT 1"));
    s->bind(1, t);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> id;
    if (row) id = s->getText(0);
    s->reset();
    if (id) return *id;
    // A work order's number: its live invoice.
    FC_ASSIGN(std::optional<std::string> order, m_workOrders.findByNumber(t));
    if (!order) return notFound("no invoice or work order numbered '" + std::string(typed) + "'");
    FC_ASSIGN(std::optional<std::string> inv, m_invoices.invoiceOf(*order));
    if (!inv)
        return notFound("work order '" + std::string(typed) +
                        "' has no invoice (it is not closed out)");
    return *inv;
}

// [SECTION] work-order sheet

Result<WorkOrderSheetDoc> PrintDocuments::workOrderSheet(const std::string& orderId) {
    FC_ASSIGN(WorkOrderView v, m_workOrders.get(orderId));
    WorkOrderSheetDoc d;
    FC_ASSIGN(d.storeName, storeName());
    d.provisionalNo = v.provisionalNo;
    d.number = v.number;
    d.barcode = v.provisionalNo;
    d.statusKey = workOrderStatusKey(v.job.status);
    FC_ASSIGN(d.customer, customer(v.customerId));
    FC_ASSIGN(d.vehicle, vehicle(v.vehicleId));
    d.odometerKm = v.odometerKm;
    d.openedAt = localTime(v.openedAt);
    if (v.promisedAt) d.promisedAt = localTime(*v.promisedAt);
    if (v.advisorId) d.advisor = staffName(*v.advisorId);
    if (v.bayId) {
        auto bay = m_bays.get(*v.bayId);
        if (bay) {
            d.bayCode = bay->code;
            d.bayNameZh = bay->nameZh;
            d.bayNameEn = bay->nameEn;
        } else if (!missing(bay.error())) {
            return bay.error();
        }
    }
    d.concerns = v.concerns;

    // The amounts close-out would issue: the same arithmetic, line by line, in the same order.
    FC_ASSIGN(InvoiceAmounts preview, m_invoices.preview(orderId));
    std::map<std::string, std::string> names;
    auto nameOf = [&](const std::string& id) -> const std::string& {
        auto it = names.find(id);
        if (it == names.end()) it = names.emplace(id, staffName(id)).first;
        return it->second;
    };
    size_t billed = 0;
    for (const WorkOrderLine& l : v.lines) {
        if (l.approval == LineApproval::kDeclined || l.approval == LineApproval::kProposed) {
            ExtraWorkLine x;
            x.description = l.description;
            x.quantityMilli = l.quantityMilli;
            x.unitPriceFen = l.unitPriceFen;
            FC_ASSIGN(InvoiceAmounts one,
                      computeInvoice({.lines = {{l.kind, l.quantityMilli, l.unitPriceFen,
                                                 l.discountFen, static_cast<int>(l.taxRateBp)}}}));
            x.amountFen = one.totals.amountFen;
            // The answer is recorded as {"by", "at", "via"} (answerExtraWork).
            const auto note = nlohmann::json::parse(l.approvalNote, nullptr, false);
            if (note.is_object()) {
                x.answer = note.value("via", "");
                if (note.contains("at") && note["at"].is_number_integer())
                    x.answeredAt = localTime(note["at"].get<int64_t>());
            }
            if (!l.findingEventId.empty())
                for (const Finding& f : v.job.findings)
                    if (f.factId == l.findingEventId) x.findingNote = f.note;
            (l.approval == LineApproval::kDeclined ? d.declined : d.proposed)
                .push_back(std::move(x));
            continue;
        }
        if (billed >= preview.lines.size())
            return internal("work order " + v.provisionalNo + ": preview lines do not match");
        const InvoiceLineAmounts& a = preview.lines[billed++];
        SheetLine s;
        s.kind = l.kind;
        s.description = l.description;
        for (const TechnicianShare& t : l.technicians) {
            const std::string& n = nameOf(t.staffId);
            if (n.empty()) continue;
            if (!s.technicians.empty()) s.technicians += " ";
            s.technicians += n;
            if (l.technicians.size() > 1) s.technicians += " " + std::to_string(t.pct) + "%";
        }
        s.quantityMilli = l.quantityMilli;
        s.unitPriceFen = l.unitPriceFen;
        s.discountFen = a.lineDiscountFen;
        s.amountFen = a.amountFen;
        s.extraWork = l.approval == LineApproval::kApproved;
        d.lines.push_back(std::move(s));
    }
    d.labourFen = preview.totals.labourAmountFen;
    d.partsFen = preview.totals.partsAmountFen;
    d.discountFen = preview.totals.lineDiscountFen;
    d.totalFen = preview.totals.amountFen;
    d.printedAt = localTime(m_store.nowMs());
    return d;
}

// [SECTION] key tag

Result<KeyTagDoc> PrintDocuments::keyTag(const std::string& orderId) {
    FC_ASSIGN(WorkOrderView v, m_workOrders.get(orderId));
    KeyTagDoc d;
    FC_ASSIGN(d.storeName, storeName());
    d.provisionalNo = v.provisionalNo;
    d.number = v.number;
    d.barcode = v.provisionalNo;
    FC_ASSIGN(PrintVehicle car, vehicle(v.vehicleId));
    d.plate = car.plate;
    Vehicle label;
    label.make = car.make;
    label.model = car.model;
    label.colour = car.colour;
    d.vehicle = vehicleLabel(label);
    if (v.promisedAt) d.promisedAt = localTime(*v.promisedAt);
    return d;
}

// [SECTION] invoice / receipt

Result<InvoiceDoc> PrintDocuments::invoice(const std::string& invoiceId) {
    FC_ASSIGN(InvoiceView v, m_invoices.get(invoiceId));
    InvoiceDoc d;
    FC_ASSIGN(d.storeName, storeName());
    d.number = v.number;
    d.creditNote = v.kind == "credit_note";
    d.issuedAt = localTime(v.issuedAt);
    Db& db = m_store.db();
    // Who issued it, and why a credit note reverses (kept on its lines by creditNote).
    FC_ASSIGN(
        Stmt * s,
        db.cached(
            "SELECT coalesce(issued_by, ''), coalesce(json_extract(lines, '$[0].reason'), '') "
            "FROM invoices WHERE id = ?"));
    s->bind(1, invoiceId);
    FC_ASSIGN(bool row, s->step());
    std::string issuedBy;
    if (row) {
        issuedBy = s->getText(0);
        d.creditReason = s->getText(1);
    }
    s->reset();
    d.issuedBy = staffName(issuedBy);
    if (!d.creditNote) d.creditReason.clear();
    FC_ASSIGN(Stmt * n, db.cached("SELECT number FROM invoices WHERE id = ?"));
    if (v.creditOf) {
        n->bind(1, *v.creditOf);
        FC_ASSIGN(bool found, n->step());
        if (found) d.creditOfNumber = n->getText(0);
        n->reset();
    }
    if (v.credited) {
        FC_ASSIGN(
            Stmt * c,
            db.cached(
                "SELECT number FROM invoices WHERE credit_of = ? ORDER BY issued_at, id LIMIT 1"));
        c->bind(1, invoiceId);
        FC_ASSIGN(bool found, c->step());
        if (found) d.creditedByNumber = c->getText(0);
        c->reset();
    }
    auto order = m_workOrders.get(v.workOrderId);
    if (order) {
        d.workOrderNo = order->provisionalNo;
        d.workOrderNumber = order->number;
        d.odometerKm = order->odometerKm;
    } else if (!missing(order.error())) {
        return order.error();
    }
    FC_ASSIGN(d.customer, customer(v.customerId));
    FC_ASSIGN(d.vehicle, vehicle(v.vehicleId));

    std::map<int, InvoiceRateLine> rates;
    for (const InvoiceLineView& l : v.lines) {
        InvoiceDocLine x;
        x.kind = l.kind == "part" ? LineKind::kPart : LineKind::kLabour;
        x.description = l.description;
        x.quantityMilli = l.quantityMilli;
        x.unitPriceFen = l.unitPriceFen;
        x.taxRateBp = l.taxRateBp;
        x.grossFen = l.grossFen;
        x.lineDiscountFen = l.lineDiscountFen;
        x.orderDiscountFen = l.orderDiscountFen;
        x.amountFen = l.amountFen;
        x.taxFen = l.taxFen;
        d.grossFen += l.grossFen;
        d.lineDiscountFen += l.lineDiscountFen;
        InvoiceRateLine& r = rates[l.taxRateBp];
        r.taxRateBp = l.taxRateBp;
        r.amountFen += l.amountFen;
        r.taxFen += l.taxFen;
        d.lines.push_back(std::move(x));
    }
    for (const auto& [bp, r] : rates) d.byRate.push_back(r);
    d.subtotalFen = d.grossFen - d.lineDiscountFen;
    d.orderDiscountFen = v.orderDiscountFen;
    d.totalFen = v.totalFen;
    d.taxFen = v.taxFen;
    d.netFen = v.netFen;
    for (const PaymentView& p : v.payments)
        d.payments.push_back({p.method, p.amountFen, p.reference, localTime(p.at)});
    d.paidFen = v.paidFen;
    d.owedFen = v.owedFen;
    d.printedAt = localTime(m_store.nowMs());
    return d;
}

// [SECTION] part and bin labels

std::optional<LabelSymbology> parseLabelSymbology(std::string_view key) {
    const std::string k = toLowerAscii(trim(key));
    if (k == "code128" || k == "code-128") return LabelSymbology::kCode128;
    if (k == "qr" || k == "qrcode") return LabelSymbology::kQr;
    return std::nullopt;
}

int64_t LabelSheetDoc::count() const {
    int64_t n = 0;
    for (const LabelDoc& l : labels) n += std::max(l.copies, 0);
    return n;
}

namespace {

Status checkCopies(int copies) {
    if (copies < 1 || copies > LabelDocuments::kMaxCopies)
        return invalid("labels: copies must be 1 to " + std::to_string(LabelDocuments::kMaxCopies) +
                       ", got " + std::to_string(copies));
    return {};
}

}  // namespace

Result<std::string> LabelDocuments::findPart(std::string_view typed) {
    const std::string shown = trim(typed);
    FC_ASSIGN(std::vector<PartMatch> matches, m_parts.findByCode(std::string(typed)));
    if (matches.empty()) return notFound("labels: no part '" + shown + "'");
    if (matches.size() > 1) {
        std::string skus;
        for (const PartMatch& m : matches) skus += (skus.empty() ? "" : ", ") + m.sku;
        return conflict("labels: '" + shown + "' names " + std::to_string(matches.size()) +
                        " parts (" + skus + "): use the SKU");
    }
    return matches.front().partId;
}

Result<Bin> LabelDocuments::findBin(std::string_view typed) {
    const std::string code = trim(foldWidth(typed));
    FC_ASSIGN(std::optional<Bin> bin, m_parts.binByCode(code));
    if (!bin) return notFound("labels: no bin '" + code + "'");
    return *bin;
}

Result<std::string> LabelDocuments::partCode(const Part& part) {
    FC_ASSIGN(std::vector<PartCode> codes, m_parts.codesOf(part.id));
    for (const PartCode& c : codes) {
        if (c.kind != "label") continue;
        FC_ASSIGN(std::vector<PartMatch> found, m_parts.findByCode(c.code));
        if (found.size() == 1 && found.front().partId == part.id) return c.code;
    }
    return part.sku;
}

Result<LabelDoc> LabelDocuments::partLabel(const std::string& partId, LabelSymbology symbology,
                                           int copies) {
    FC_TRY(checkCopies(copies));
    FC_ASSIGN(Part p, m_parts.get(partId));
    LabelDoc d;
    d.kind = LabelKind::kPart;
    d.id = p.id;
    FC_ASSIGN(d.code, partCode(p));
    d.symbology = symbology;
    d.title = p.nameZh;
    d.titleEn = p.nameEn;
    d.lines.push_back(p.sku);
    if (!p.brand.empty()) d.lines.push_back(p.brand);
    FC_ASSIGN(std::vector<Bin> bins, m_parts.binsOf(p.id));
    if (!bins.empty()) d.lines.push_back(bins.front().code);
    d.copies = copies;
    return d;
}

Result<LabelDoc> LabelDocuments::binLabel(const std::string& binId, LabelSymbology symbology,
                                          int copies) {
    FC_TRY(checkCopies(copies));
    FC_ASSIGN(Bin b, m_parts.bin(binId));
    LabelDoc d;
    d.kind = LabelKind::kBin;
    d.id = b.id;
    d.code = b.code;
    d.symbology = symbology;
    d.title = b.code;
    if (!b.name.empty()) d.lines.push_back(b.name);
    d.copies = copies;
    return d;
}

Result<std::vector<LabelDoc>> LabelDocuments::zoneLabels(std::string_view zone,
                                                         LabelSymbology symbology, int copies) {
    FC_TRY(checkCopies(copies));
    const std::string z = toUpperAscii(trim(foldWidth(zone)));
    FC_ASSIGN(std::vector<Bin> bins, m_parts.bins());
    std::vector<LabelDoc> out;
    for (const Bin& b : bins) {
        if (!b.active || toUpperAscii(b.zone) != z) continue;
        FC_ASSIGN(LabelDoc d, binLabel(b.id, symbology, copies));
        out.push_back(std::move(d));
    }
    if (out.empty()) return notFound("labels: no bins in zone '" + z + "'");
    return out;
}

}  // namespace fc::core
