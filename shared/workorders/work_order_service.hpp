// Work orders (维修工单): opened by an advisor from a check-in visit (the services the customer
// chose become labour lines at the menu's price) or for a customer and vehicle; priced, assigned
// and closed in the office; worked on at the workshop tablets. The order and its lines are master
// data; everything that happens to the job is a fact (job_events, time_entries) and the job's
// state is derived from those facts (job_state.hpp).
//
//   WorkOrderService& wo = services.get<WorkOrderService>();
//   FC_ASSIGN(std::string id, wo.openFromVisit(advisor, visitId, promisedAt));   // "WO1-0007"
//   FC_TRY(wo.clockOn(tech, id));
//   FC_TRY(wo.recordReading(tech, id, "measure_pads", "front_left_mm", 25));      // 2.5 mm
//   FC_TRY(wo.recordFinding(tech, id, "measure_pads", "red", "前轮刹车片 2.5 mm"));
//   FC_ASSIGN(WorkOrderView v, wo.get(id));   // v.job.status, v.job.findings, v.lines …
//
// Numbers: a provisional number made on the device ("W" + device prefix + "-" + 4 digits), then
// the store's gap-free number the hub gives when it first merges the order. Both find the order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/workorders/job_state.hpp"

namespace fc::core {

class ServiceCatalog;
class VisitService;

enum class LineApproval { kStandard, kProposed, kApproved, kDeclined };
const char* lineApprovalKey(LineApproval a);  // standard, proposed, approved, declined
std::optional<LineApproval> parseLineApproval(std::string_view key);

// Who did a labour line's work, for commission: shares add up to 100.
struct TechnicianShare {
    std::string staffId;
    int pct = 100;
    bool operator==(const TechnicianShare&) const = default;
};

constexpr int64_t kDefaultTaxRateBp = 1300;  // VAT on repair labour and parts: 13 %

struct NewWorkOrder {
    std::string customerId;
    std::string vehicleId;
    std::optional<std::string> visitId;
    std::string concerns;               // in the customer's words
    std::vector<std::string> services;  // menu codes: one labour line each
    std::optional<int64_t> promisedAt;
    std::optional<std::string> bayId;
    std::optional<int64_t> odometerKm;
};

// Fields of an order to change; unset fields stay as they are.
struct WorkOrderPatch {
    std::optional<std::string> concerns;
    std::optional<std::optional<std::string>> bayId;       // {nullopt}: no bay
    std::optional<std::optional<int64_t>> promisedAt;      // {nullopt}: no promised time
    std::optional<std::string> advisorId;
};

struct WorkOrderLine {
    std::string id;
    LineKind kind = LineKind::kLabour;
    std::string serviceCode;
    std::string description;
    int64_t quantityMilli = 1000;
    int64_t unitPriceFen = 0;
    int64_t discountFen = 0;
    int64_t taxRateBp = kDefaultTaxRateBp;
    int minutes = 0;
    std::vector<TechnicianShare> technicians;
    LineApproval approval = LineApproval::kStandard;
    std::string approvalNote;
    std::string findingEventId;
    std::optional<std::string> partId;  // a part line's stock part (parts.id); none for free text
};

struct WorkOrderView {
    std::string id;
    std::string provisionalNo;
    std::optional<int64_t> number;  // the hub's; empty until the hub has seen the order
    std::optional<std::string> visitId;
    std::string customerId;
    std::string vehicleId;
    std::string concerns;
    std::optional<std::string> advisorId;
    std::optional<std::string> bayId;
    std::optional<int64_t> promisedAt;
    int64_t openedAt = 0;
    std::optional<int64_t> odometerKm;
    std::vector<WorkOrderLine> lines;  // live lines, in order
    DerivedJob job;
};

class WorkOrderService {
public:
    WorkOrderService(Store& store, ServiceCatalog& catalog, VisitService& visits);

    // [SECTION] the office (kManageWorkOrders)
    Result<std::string> open(const Session& by, const NewWorkOrder& input);
    // The visit's customer, vehicle, services, complaint and odometer; one order per visit.
    Result<std::string> openFromVisit(const Session& by, const std::string& visitId,
                                      std::optional<int64_t> promisedAt = std::nullopt);
    // The order's own fields (concerns, bay, promised time, advisor) while it is not final.
    Status edit(const Session& by, const std::string& orderId, const WorkOrderPatch& patch);
    Result<std::string> addLabour(const Session& by, const std::string& orderId, const std::string& serviceCode,
                                  LineApproval approval = LineApproval::kStandard,
                                  const std::string& findingEventId = "");
    // A part line: free text, or (partId) the stock part it bills, so the parts issued to the order
    // from the stock ledger are matched against it (shared/readmodel/order_parts.hpp).
    Result<std::string> addPart(const Session& by, const std::string& orderId, const std::string& description,
                                int64_t quantityMilli, int64_t unitPriceFen, int64_t taxRateBp = kDefaultTaxRateBp,
                                const std::optional<std::string>& partId = std::nullopt);
    Status setDiscount(const Session& by, const std::string& lineId, int64_t discountFen);
    Status assignTechnicians(const Session& by, const std::string& lineId, const std::vector<TechnicianShare>& shares);
    // The customer's answer to proposed extra work, with who, when and how (recorded in the note).
    Status answerExtraWork(const Session& by, const std::string& lineId, bool approved, const std::string& how);
    Status removeLine(const Session& by, const std::string& lineId);

    // [SECTION] the job (technicians: kWorkshopJobs; closing and cancelling: kManageWorkOrders)
    Status changeStatus(const Session& by, const std::string& orderId, WorkOrderStatus to, const std::string& note = "");
    // One job at a time: clocking on here clocks the person off another job first.
    Status clockOn(const Session& by, const std::string& orderId);
    Status clockOff(const Session& by, const std::string& orderId, const std::string& reason);
    Status recordStep(const Session& by, const std::string& orderId, const std::string& stepKey);
    Status recordCheck(const Session& by, const std::string& orderId, const std::string& stepKey, int item);
    // `scaled`: the value × 10^decimals (readingCheck); outside the allowed range only when the
    // technician confirmed it (it is flagged).
    Status recordReading(const Session& by, const std::string& orderId, const std::string& stepKey,
                         const std::string& readingKey, int64_t scaled, bool outOfRange = false);
    // level: green, yellow, red. Returns the finding's id (extra work may point at it).
    Result<std::string> recordFinding(const Session& by, const std::string& orderId, const std::string& stepKey,
                                      const std::string& level, const std::string& note);

    // [SECTION] reads
    Result<WorkOrderView> get(const std::string& orderId);
    Result<DerivedJob> job(const std::string& orderId);
    // By provisional number ("WO1-0007") or the hub's number ("123").
    Result<std::optional<std::string>> findByNumber(std::string_view typed);
    Result<std::optional<std::string>> findByVisit(const std::string& visitId);
    // Orders not closed or cancelled, oldest first.
    Result<std::vector<std::string>> openOrders();
    // The order a person is clocked on to now, if any.
    Result<std::optional<std::string>> clockedOnTo(const std::string& staffId);

    // The facts of one order, for deriveJob (also used by the hub's rule).
    static Result<std::vector<JobFact>> factsOf(Db& db, const std::string& orderId);

private:
    Result<std::string> nextProvisionalNo();
    Status requireLiveOrder(const std::string& orderId, bool editable);
    Result<std::string> insertEvent(const Session& by, const std::string& orderId, const char* kind,
                                    const std::string& stepKey, const std::string& item, const std::string& value,
                                    const std::string& note);
    Status insertTime(const std::string& orderId, const std::string& staffId, const char* kind,
                      const std::string& reason);
    Result<std::string> insertLine(const std::string& orderId, const WorkOrderLine& line);
    Result<std::string> orderOfLine(const std::string& lineId);

    Store& m_store;
    ServiceCatalog& m_catalog;
    VisitService& m_visits;
};

}  // namespace fc::core
