// What the printed documents say: the work-order sheet (维修工单), the key tag (钥匙牌), the
// invoice / receipt (结算单/收据) and part and bin labels (标签), as plain values gathered from the
// work-order, invoicing, customer, staff, bay, store and part services. No drawing here (platform/print lays them out as PDF);
// a read model: it joins several domains and owns no tables.
//
// Personal data is printed as little as the paper needs: the customer's phone is always masked
// (138****5678), and the key tag — it hangs on the keys in the lot — carries neither name nor
// phone. Money stays integer fen; the invoice's amounts are the ones stored on the invoice (a
// fact), the work-order sheet's are what close-out would issue (InvoiceService::preview). Times are
// already in the store's local time ("2026-01-15 09:30").
//
//   PrintDocuments docs(services.services());
//   FC_ASSIGN(std::string id, docs.findWorkOrder("WO1-0042"));       // or the hub's "123"
//   FC_ASSIGN(WorkOrderSheetDoc sheet, docs.workOrderSheet(id));     // sheet.barcode == "WO1-0042"
//   FC_ASSIGN(InvoiceDoc inv, docs.invoice(*invoices.invoiceOf(id).value()));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

class BayService;
class CustomerService;
class ServiceSet;
class StaffService;
class StoreRecord;

// The customer as a printed document shows them: the name, the primary phone masked.
struct PrintCustomer {
    std::string name;
    std::string maskedPhone;  // "138****5678"; "" when there is no phone
};

struct PrintVehicle {
    std::string plate;  // display form: "粤B·12345"
    std::string make;
    std::string model;
    std::string colour;
    std::string vin;
    std::optional<int> year;
};

// [SECTION] work-order sheet

struct SheetLine {
    LineKind kind = LineKind::kLabour;
    std::string description;
    std::string technicians;  // "王强 70% 赵敏 30%"; "" when none is assigned
    int64_t quantityMilli = 1000;
    int64_t unitPriceFen = 0;
    int64_t discountFen = 0;
    int64_t amountFen = 0;   // quantity × price − discount, as close-out will compute it
    bool extraWork = false;  // extra work the customer approved (追加)
};

// Extra work proposed from a finding: declined (客户暂不维修) or still waiting for an answer.
struct ExtraWorkLine {
    std::string description;
    std::string findingNote;  // what the technician found, when the line came from a finding
    int64_t quantityMilli = 1000;
    int64_t unitPriceFen = 0;
    int64_t amountFen = 0;   // what it would have cost
    std::string answer;      // how the customer answered ("电话"); "" while proposed
    std::string answeredAt;  // store local time; "" while proposed
};

struct WorkOrderSheetDoc {
    std::string storeName;
    std::string provisionalNo;      // "WO1-0042"
    std::optional<int64_t> number;  // the hub's gap-free number, once it has seen the order
    std::string barcode;            // what the Code 128 holds: the provisional number
    std::string statusKey;          // open, in_progress, … (workOrderStatusKey)
    PrintCustomer customer;
    PrintVehicle vehicle;
    std::optional<int64_t> odometerKm;
    std::string openedAt;    // store local time "2026-01-15 09:30"
    std::string promisedAt;  // "" when no time was promised
    std::string advisor;     // staff name; "" when unknown here
    std::string bayCode;     // "B1"; "" when none
    std::string bayNameZh;
    std::string bayNameEn;
    std::string concerns;          // in the customer's words
    std::vector<SheetLine> lines;  // the work to do: standard and approved lines, in order
    std::vector<ExtraWorkLine> declined;
    std::vector<ExtraWorkLine> proposed;
    // What close-out would issue without an order discount (InvoiceService::preview).
    int64_t labourFen = 0;
    int64_t partsFen = 0;
    int64_t discountFen = 0;  // the lines' discounts
    int64_t totalFen = 0;
    std::string printedAt;
};

// [SECTION] key tag

// Hangs on the customer's keys in the lot: nothing personal (PIPL) — no name, no phone.
struct KeyTagDoc {
    std::string storeName;
    std::string provisionalNo;
    std::optional<int64_t> number;
    std::string barcode;  // the provisional number, as on the sheet
    std::string plate;    // display form
    std::string vehicle;  // "大众 朗逸 白": to find the car
    std::string promisedAt;
};

// [SECTION] invoice / receipt

struct InvoiceDocLine {
    LineKind kind = LineKind::kLabour;
    std::string description;
    int64_t quantityMilli = 0;
    int64_t unitPriceFen = 0;
    int taxRateBp = 0;
    int64_t grossFen = 0;
    int64_t lineDiscountFen = 0;
    int64_t orderDiscountFen = 0;  // this line's share of the order discount
    int64_t amountFen = 0;         // gross − both discounts (tax included)
    int64_t taxFen = 0;
};

struct InvoiceDocPayment {
    PaymentMethod method = PaymentMethod::kCash;
    int64_t amountFen = 0;
    std::string reference;
    std::string at;  // store local time
};

struct InvoiceRateLine {
    int taxRateBp = 0;
    int64_t amountFen = 0;
    int64_t taxFen = 0;
};

struct InvoiceDoc {
    std::string storeName;
    std::string number;       // "F1-0007"; a credit note "C1-0002"
    bool creditNote = false;  // 红字: reverses `creditOfNumber`, amounts negative
    std::string creditOfNumber;
    std::string creditReason;
    std::string creditedByNumber;  // this invoice was reversed by that credit note
    std::string issuedAt;
    std::string issuedBy;     // staff name
    std::string workOrderNo;  // the order's provisional number
    std::optional<int64_t> workOrderNumber;
    PrintCustomer customer;
    PrintVehicle vehicle;
    std::optional<int64_t> odometerKm;
    std::vector<InvoiceDocLine> lines;
    // Sums of the stored lines (each line's gross, its discount) and the stored totals.
    int64_t grossFen = 0;
    int64_t lineDiscountFen = 0;
    int64_t subtotalFen = 0;              // gross − line discounts
    int64_t orderDiscountFen = 0;         // stored
    int64_t totalFen = 0;                 // stored; == subtotal − order discount
    int64_t taxFen = 0;                   // stored
    int64_t netFen = 0;                   // stored
    std::vector<InvoiceRateLine> byRate;  // the lines' amounts and tax per VAT rate, ascending
    std::vector<InvoiceDocPayment> payments;
    int64_t paidFen = 0;
    int64_t owedFen = 0;
    std::string printedAt;
};

// [SECTION] the queries

class PrintDocuments {
public:
    PrintDocuments(Store& store, WorkOrderService& workOrders, InvoiceService& invoices,
                   CustomerService& customers, StaffService& staff, BayService& bays,
                   StoreRecord& record, const StoreTime& time);
    // The same, each service taken from an open store's set (StoreServices::services()).
    explicit PrintDocuments(ServiceSet& set);

    // A work order by its provisional number ("WO1-0042", case and full width forgiven) or the
    // hub's number ("123"); kNotFound naming what was typed.
    Result<std::string> findWorkOrder(std::string_view typed);
    // An invoice or credit note by its number ("F1-0007", "C1-0002"), else the live invoice of the
    // work order with that number; kNotFound naming what was typed.
    Result<std::string> findInvoice(std::string_view typed);

    Result<WorkOrderSheetDoc> workOrderSheet(const std::string& orderId);
    Result<KeyTagDoc> keyTag(const std::string& orderId);
    Result<InvoiceDoc> invoice(const std::string& invoiceId);

    // "2026-01-15 09:30" in the store's time.
    std::string localTime(int64_t utcMs) const;

private:
    Result<std::string> storeName();
    std::string staffName(const std::string& staffId);
    Result<PrintCustomer> customer(const std::string& customerId);
    Result<PrintVehicle> vehicle(const std::string& vehicleId);

    Store& m_store;
    WorkOrderService& m_workOrders;
    InvoiceService& m_invoices;
    CustomerService& m_customers;
    StaffService& m_staff;
    BayService& m_bays;
    StoreRecord& m_record;
    const StoreTime& m_time;
};

// [SECTION] part and bin labels

// What a label's code is drawn as: Code 128 bars or a QR code's squares.
enum class LabelSymbology { kCode128, kQr };
// "code128", "qr" (case forgiven); empty optional for anything else.
std::optional<LabelSymbology> parseLabelSymbology(std::string_view key);

enum class LabelKind { kPart, kBin };

// One label (printed `copies` times): a part's — its name, SKU, brand and first bin, and the code
// the store scans it by — or a bin's — its code large and its name.
//
//   LabelDocuments labels(parts);
//   FC_ASSIGN(std::string id, labels.findPart("FLT-OIL-0042"));
//   FC_ASSIGN(LabelDoc l, labels.partLabel(id, LabelSymbology::kQr, 2));   // l.code "FC-P-00001"
struct LabelDoc {
    LabelKind kind = LabelKind::kPart;
    std::string id;       // the part's or the bin's
    std::string code;     // what the barcode holds; scanning it finds this part or bin again
    LabelSymbology symbology = LabelSymbology::kCode128;
    std::string title;    // a part's Chinese name; a bin's code
    std::string titleEn;  // a part's English name ("" when it has none: the title then)
    std::vector<std::string> lines;  // a part: SKU, brand, its first bin (those it has); a bin: its name
    int copies = 1;
};

struct LabelSheetDoc {
    std::vector<LabelDoc> labels;
    // Labels to print: every label's copies.
    int64_t count() const;
};

// The labels of parts and bins, from PartService alone (a warehouse tablet's screen has nothing
// more). Errors name what was asked for: "labels: no part 'FLT-X'", "labels: no bin 'Z-9'".
class LabelDocuments {
public:
    static constexpr int kMaxCopies = 999;

    explicit LabelDocuments(PartService& parts) : m_parts(parts) {}

    // The part a typed or scanned code names (a code of the part, its SKU or an OE number):
    // kNotFound naming it, kConflict when it names several parts (the message lists their SKUs).
    Result<std::string> findPart(std::string_view typed);
    // A bin by its code ("a-01-03" forgiven): kNotFound naming it.
    Result<Bin> findBin(std::string_view typed);

    // The code a part's label carries: its `label` code when that finds this part alone, else its
    // SKU (which findByCode finds too).
    Result<std::string> partCode(const Part& part);
    // A part's or a bin's label; kInvalid for copies outside 1..kMaxCopies.
    Result<LabelDoc> partLabel(const std::string& partId, LabelSymbology symbology, int copies = 1);
    Result<LabelDoc> binLabel(const std::string& binId, LabelSymbology symbology, int copies = 1);
    // Every active bin of a zone ("A"), in the store's bin order; kNotFound when it has none.
    Result<std::vector<LabelDoc>> zoneLabels(std::string_view zone, LabelSymbology symbology,
                                             int copies = 1);

private:
    PartService& m_parts;
};

}  // namespace fc::core
