// Index
//   [SECTION] keys and helpers
//   [SECTION] the office
//   [SECTION] the job
//   [SECTION] reads
#include "shared/workorders/work_order_service.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "shared/capture/row.hpp"
#include "shared/core/money.hpp"
#include "shared/core/text.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/visits/visit_service.hpp"
#include "shared/workorders/device_number.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::core {

// [SECTION] keys and helpers

const char* lineApprovalKey(LineApproval a) {
    switch (a) {
        case LineApproval::kStandard:
            return "standard";
        case LineApproval::kProposed:
            return "proposed";
        case LineApproval::kApproved:
            return "approved";
        case LineApproval::kDeclined:
            return "declined";
    }
    return "";
}

std::optional<LineApproval> parseLineApproval(std::string_view key) {
    for (LineApproval a : {LineApproval::kStandard, LineApproval::kProposed, LineApproval::kApproved,
                           LineApproval::kDeclined})
        if (key == lineApprovalKey(a)) return a;
    return std::nullopt;
}

namespace {

constexpr const char* kCounter = "work_order";
constexpr int64_t kMaxLineQuantityMilli = 1'000'000'000;  // a million units
constexpr int64_t kMaxPriceFen = 100'000'000'000;         // ¥1,000,000,000

std::string techniciansJson(const std::vector<TechnicianShare>& shares) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& s : shares) j.push_back({{"staff", s.staffId}, {"pct", s.pct}});
    return j.dump();
}

std::vector<TechnicianShare> parseTechnicians(std::string_view text) {
    std::vector<TechnicianShare> out;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& e : j)
        if (e.is_object() && e.contains("staff") && e["staff"].is_string() && e.contains("pct") &&
            e["pct"].is_number_integer())
            out.push_back({e["staff"].get<std::string>(), e["pct"].get<int>()});
    return out;
}

}  // namespace

WorkOrderService::WorkOrderService(Store& store, ServiceCatalog& catalog, VisitService& visits)
    : m_store(store), m_catalog(catalog), m_visits(visits) {}

Result<std::string> WorkOrderService::nextProvisionalNo() {
    return nextDeviceNumber(m_store.db(), kCounter, "W" + m_store.device().prefix + "-", "work_orders",
                            "provisional_no");
}

Status WorkOrderService::requireLiveOrder(const std::string& orderId, bool editable) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT deleted_at FROM work_orders WHERE id = ?"));
    s->bind(1, orderId);
    FC_ASSIGN(bool row, s->step());
    const bool deleted = row && !s->isNull(0);
    s->reset();
    if (!row || deleted) return notFound("work order " + orderId + " does not exist");
    if (!editable) return {};
    FC_ASSIGN(DerivedJob j, job(orderId));
    if (isFinal(j.status))
        return conflict(std::string("the work order is ") + workOrderStatusKey(j.status) + ": nothing more can be added");
    return {};
}

Result<std::string> WorkOrderService::orderOfLine(const std::string& lineId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT work_order_id FROM work_order_lines WHERE id = ? AND deleted_at IS NULL"));
    s->bind(1, lineId);
    FC_ASSIGN(bool row, s->step());
    std::string order = row ? s->getText(0) : "";
    s->reset();
    if (!row) return notFound("work order line " + lineId + " does not exist");
    return order;
}

Result<std::string> WorkOrderService::insertLine(const std::string& orderId, const WorkOrderLine& l) {
    FC_ASSIGN(Stmt * q, m_store.db().cached("SELECT coalesce(max(sort), 0) + 1 FROM work_order_lines WHERE work_order_id = ?"));
    q->bind(1, orderId);
    FC_ASSIGN(bool any, q->step());
    const int64_t sort = any ? q->getInt(0) : 1;
    q->reset();
    const std::string id = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kWorkOrderLines)
                           .set("store_id", m_store.storeId())
                           .set("work_order_id", orderId)
                           .set("kind", lineKindName(l.kind))
                           .set("service_code", l.serviceCode)
                           .set("description", l.description)
                           .set("quantity_milli", l.quantityMilli)
                           .set("unit_price_fen", l.unitPriceFen)
                           .set("discount_fen", l.discountFen)
                           .set("tax_rate_bp", l.taxRateBp)
                           .set("minutes", l.minutes)
                           .set("technicians", techniciansJson(l.technicians))
                           .set("approval", lineApprovalKey(l.approval))
                           .set("approval_note", l.approvalNote)
                           .set("finding_event_id", l.findingEventId)
                           .set("sort", sort)
                           .set("created_at", m_store.nowMs())
                           .set("part_id", l.partId ? SqlValue::text(*l.partId) : SqlValue::null())
                           .build());
    FC_TRY(m_store.writer().insert(tables::kWorkOrderLines, id, row));
    return id;
}

// [SECTION] the office

Result<std::string> WorkOrderService::open(const Session& by, const NewWorkOrder& in) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    const std::string concerns = cleanText(in.concerns);
    if (utf8Length(concerns) > 1000) return invalid("concerns: at most 1000 characters");
    FC_ASSIGN(const ServiceMenu* menu, m_catalog.menu());
    // Services the visit recorded become lines even if the catalogue stopped offering them since.
    std::vector<std::string> onRecord;
    if (in.visitId) {
        FC_ASSIGN(Visit visit, m_visits.get(*in.visitId));
        onRecord = visit.services;
    }
    FC_ASSIGN(std::vector<std::string> services, menu->validateCodes(in.services, onRecord));
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        {
            FC_ASSIGN(Stmt * s, m_store.db().cached(
                                    "SELECT count(*) FROM vehicles WHERE id = ? AND deleted_at IS NULL"));
            s->bind(1, in.vehicleId);
            FC_ASSIGN(bool row, s->step());
            const bool known = row && s->getInt(0) > 0;
            s->reset();
            if (!known) return notFound("vehicle: " + in.vehicleId + " does not exist");
            FC_ASSIGN(Stmt * c, m_store.db().cached(
                                    "SELECT count(*) FROM customers WHERE id = ? AND deleted_at IS NULL"));
            c->bind(1, in.customerId);
            FC_ASSIGN(bool crow, c->step());
            const bool customer = crow && c->getInt(0) > 0;
            c->reset();
            if (!customer) return notFound("customer: " + in.customerId + " does not exist");
        }
        if (in.visitId) {
            FC_ASSIGN(auto existing, findByVisit(*in.visitId));
            if (existing) return conflict("this visit already has a work order");
        }
        FC_ASSIGN(std::string number, nextProvisionalNo());
        const std::string id = m_store.ids().next();
        const int64_t now = m_store.nowMs();
        FC_ASSIGN(Row row, RowBuilder(tables::kWorkOrders)
                               .set("store_id", m_store.storeId())
                               .set("visit_id", in.visitId)
                               .set("customer_id", in.customerId)
                               .set("vehicle_id", in.vehicleId)
                               .set("provisional_no", number)
                               .set("number", SqlValue::null())
                               .set("concerns", concerns)
                               .set("advisor_id", by.staffId())
                               .set("bay_id", in.bayId)
                               .set("promised_at", in.promisedAt)
                               .set("opened_at", now)
                               .set("odometer_km", in.odometerKm)
                               .build());
        FC_TRY(m_store.writer().insert(tables::kWorkOrders, id, row));
        for (const std::string& code : services) {
            const ServiceItem* item = menu->find(code);
            WorkOrderLine l;
            l.kind = LineKind::kLabour;
            l.serviceCode = code;
            l.description = item->nameZh;
            l.unitPriceFen = item->priceFen;  // copied: a later price change leaves this order alone
            l.taxRateBp = item->taxRateBp;
            l.minutes = item->minutes;
            FC_TRY(insertLine(id, l));
        }
        return id;
    });
}

Result<std::string> WorkOrderService::openFromVisit(const Session& by, const std::string& visitId,
                                                    std::optional<int64_t> promisedAt) {
    FC_ASSIGN(Visit v, m_visits.get(visitId));
    if (v.deletedAt) return notFound("visit " + visitId + " was deleted");
    NewWorkOrder in;
    in.customerId = v.customerId;
    in.vehicleId = v.vehicleId;
    in.visitId = visitId;
    in.services = v.services;
    std::string concerns = v.complaint;
    if (!v.serviceNotes.empty()) concerns += (concerns.empty() ? "" : "；") + v.serviceNotes;
    in.concerns = concerns;
    in.promisedAt = promisedAt;
    in.odometerKm = v.odometerKm;
    return open(by, in);
}

Result<std::string> WorkOrderService::addLabour(const Session& by, const std::string& orderId,
                                                const std::string& serviceCode, LineApproval approval,
                                                const std::string& findingEventId) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    FC_ASSIGN(const ServiceMenu* menu, m_catalog.menu());
    const ServiceItem* item = menu->find(serviceCode);
    if (!item) return invalid("service: '" + serviceCode + "' is not on the service menu");
    if (!item->active) return invalid("service: '" + serviceCode + "' is no longer offered");
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_TRY(requireLiveOrder(orderId, true));
        WorkOrderLine l;
        l.serviceCode = serviceCode;
        l.description = item->nameZh;
        l.unitPriceFen = item->priceFen;
        l.taxRateBp = item->taxRateBp;
        l.minutes = item->minutes;
        l.approval = approval;
        l.findingEventId = findingEventId;
        return insertLine(orderId, l);
    });
}

Result<std::string> WorkOrderService::addPart(const Session& by, const std::string& orderId,
                                              const std::string& description, int64_t quantityMilli,
                                              int64_t unitPriceFen, int64_t taxRateBp,
                                              const std::optional<std::string>& partId) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    if (partId && (partId->empty() || partId->size() > 64 || hasHiddenCharacters(*partId)))
        return invalid("part_id: not a part's id");
    const std::string text = cleanText(description);
    if (text.empty()) return invalid("part: describe the part");
    if (utf8Length(text) > 200) return invalid("part: at most 200 characters");
    if (quantityMilli <= 0) return invalid("quantity: must be more than 0");
    if (quantityMilli > kMaxLineQuantityMilli) return invalid("quantity: too large");
    if (unitPriceFen < 0) return invalid("unit price: must not be negative");
    if (unitPriceFen > kMaxPriceFen) return invalid("unit price: too large");
    if (!isAllowedTaxRate(static_cast<int>(taxRateBp)))
        return invalid("tax rate: one of 0, 3, 6, 9 or 13 %");
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_TRY(requireLiveOrder(orderId, true));
        WorkOrderLine l;
        l.kind = LineKind::kPart;
        l.description = text;
        l.quantityMilli = quantityMilli;
        l.unitPriceFen = unitPriceFen;
        l.taxRateBp = taxRateBp;
        l.partId = partId;
        return insertLine(orderId, l);
    });
}

Status WorkOrderService::edit(const Session& by, const std::string& orderId, const WorkOrderPatch& patch) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    const auto& t = tables::kWorkOrders;
    std::vector<ColumnChange> cols;
    if (patch.concerns) {
        const std::string concerns = cleanText(*patch.concerns);
        if (utf8Length(concerns) > 1000) return invalid("concerns: at most 1000 characters");
        cols.push_back({t.columnIndex("concerns"), SqlValue::text(concerns)});
    }
    if (patch.promisedAt) {
        if (*patch.promisedAt && **patch.promisedAt < 0) return invalid("promised_at: not a time");
        cols.push_back({t.columnIndex("promised_at"),
                        *patch.promisedAt ? SqlValue::integer(**patch.promisedAt) : SqlValue::null()});
    }
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireLiveOrder(orderId, true));
        auto exists = [&](const char* sql, const std::string& id) -> Result<bool> {
            FC_ASSIGN(Stmt * q, m_store.db().cached(sql));
            q->bind(1, id);
            FC_ASSIGN(bool row, q->step());
            const bool ok = row && q->getInt(0) > 0;
            q->reset();
            return ok;
        };
        if (patch.bayId) {
            if (*patch.bayId) {
                FC_ASSIGN(bool ok, exists("SELECT count(*) FROM bays WHERE id = ? AND deleted_at IS NULL", **patch.bayId));
                if (!ok) return notFound("bay: " + **patch.bayId + " does not exist");
            }
            cols.push_back({t.columnIndex("bay_id"), *patch.bayId ? SqlValue::text(**patch.bayId) : SqlValue::null()});
        }
        if (patch.advisorId) {
            FC_ASSIGN(bool ok, exists("SELECT count(*) FROM staff WHERE id = ? AND active = 1 AND deleted_at IS NULL",
                                      *patch.advisorId));
            if (!ok) return notFound("advisor: " + *patch.advisorId + " is not on the staff");
            cols.push_back({t.columnIndex("advisor_id"), SqlValue::text(*patch.advisorId)});
        }
        if (cols.empty()) return {};
        auto r = m_store.writer().update(t, orderId, cols);
        if (!r) return r.error();
        return {};
    });
}

Status WorkOrderService::setDiscount(const Session& by, const std::string& lineId, int64_t discountFen) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(std::string order, orderOfLine(lineId));
        FC_TRY(requireLiveOrder(order, true));
        FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT quantity_milli, unit_price_fen FROM work_order_lines WHERE id = ?"));
        s->bind(1, lineId);
        FC_ASSIGN(bool row, s->step());
        const int64_t gross = row ? roundHalfUpDiv(s->getInt(0), s->getInt(1), 1000) : 0;
        s->reset();
        if (discountFen < 0) return invalid("discount: must not be negative");
        if (discountFen > gross)
            return invalid("discount: more than the line's total (" + Money::fen(gross).format() + ")");
        const auto& t = tables::kWorkOrderLines;
        auto r = m_store.writer().update(t, lineId, {{t.columnIndex("discount_fen"), SqlValue::integer(discountFen)}});
        if (!r) return r.error();
        return {};
    });
}

Status WorkOrderService::assignTechnicians(const Session& by, const std::string& lineId,
                                           const std::vector<TechnicianShare>& shares) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    int total = 0;
    std::set<std::string> seen;
    for (const auto& s : shares) {
        if (s.pct <= 0 || s.pct > 100) return invalid("technicians: each share is 1 to 100 %");
        if (!seen.insert(s.staffId).second) return invalid("technicians: a person is named twice");
        total += s.pct;
    }
    if (!shares.empty() && total != 100)
        return invalid("technicians: the shares add up to " + std::to_string(total) + " %, not 100 %");
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(std::string order, orderOfLine(lineId));
        FC_TRY(requireLiveOrder(order, true));
        for (const auto& s : shares) {
            FC_ASSIGN(Stmt * q, m_store.db().cached("SELECT count(*) FROM staff WHERE id = ? AND active = 1 AND deleted_at IS NULL"));
            q->bind(1, s.staffId);
            FC_ASSIGN(bool row, q->step());
            const bool ok = row && q->getInt(0) > 0;
            q->reset();
            if (!ok) return notFound("technicians: " + s.staffId + " is not an active staff member");
        }
        const auto& t = tables::kWorkOrderLines;
        auto r = m_store.writer().update(t, lineId, {{t.columnIndex("technicians"), SqlValue::text(techniciansJson(shares))}});
        if (!r) return r.error();
        return {};
    });
}

Status WorkOrderService::answerExtraWork(const Session& by, const std::string& lineId, bool approved,
                                         const std::string& how) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    const std::string channel = cleanText(how);
    if (channel.empty()) return invalid("how the customer answered: say how (phone, at the desk, …)");
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(std::string order, orderOfLine(lineId));
        FC_TRY(requireLiveOrder(order, true));
        const auto& t = tables::kWorkOrderLines;
        const nlohmann::json note = {{"by", by.staffId()}, {"at", m_store.nowMs()}, {"via", channel}};
        auto r = m_store.writer().update(
            t, lineId,
            {{t.columnIndex("approval"), SqlValue::text(lineApprovalKey(approved ? LineApproval::kApproved : LineApproval::kDeclined))},
             {t.columnIndex("approval_note"), SqlValue::text(note.dump())}});
        if (!r) return r.error();
        return {};
    });
}

Status WorkOrderService::removeLine(const Session& by, const std::string& lineId) {
    FC_TRY(requireCapability(by, Capability::kManageWorkOrders));
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(std::string order, orderOfLine(lineId));
        FC_TRY(requireLiveOrder(order, true));
        return m_store.writer().tombstone(tables::kWorkOrderLines, lineId);
    });
}

// [SECTION] the job

Result<std::string> WorkOrderService::insertEvent(const Session& by, const std::string& orderId, const char* kind,
                                                  const std::string& stepKey, const std::string& item,
                                                  const std::string& value, const std::string& note) {
    const std::string id = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kJobEvents)
                           .set("store_id", m_store.storeId())
                           .set("work_order_id", orderId)
                           .set("line_id", SqlValue::null())
                           .set("kind", kind)
                           .set("step_key", stepKey)
                           .set("item", item)
                           .set("value", value)
                           .set("note", note)
                           .set("staff_id", by.staffId())
                           .set("device_id", m_store.device().deviceId)
                           .set("at", m_store.nowMs())
                           .build());
    FC_TRY(m_store.writer().insert(tables::kJobEvents, id, row));
    return id;
}

Status WorkOrderService::insertTime(const std::string& orderId, const std::string& staffId, const char* kind,
                                    const std::string& reason) {
    FC_ASSIGN(Row row, RowBuilder(tables::kTimeEntries)
                           .set("store_id", m_store.storeId())
                           .set("work_order_id", orderId)
                           .set("staff_id", staffId)
                           .set("kind", kind)
                           .set("reason", reason)
                           .set("device_id", m_store.device().deviceId)
                           .set("at", m_store.nowMs())
                           .build());
    return m_store.writer().insert(tables::kTimeEntries, m_store.ids().next(), row);
}

Status WorkOrderService::changeStatus(const Session& by, const std::string& orderId, WorkOrderStatus to,
                                      const std::string& note) {
    // Closing and cancelling are the office's; the other moves are the workshop's or the advisor's
    // (who marks an order waiting for the customer's approval or ready from the desk).
    const bool office = to == WorkOrderStatus::kClosed || to == WorkOrderStatus::kCancelled;
    if (office || !by.can(Capability::kManageWorkOrders))
        FC_TRY(requireCapability(by, office ? Capability::kManageWorkOrders : Capability::kWorkshopJobs));
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireLiveOrder(orderId, false));
        FC_ASSIGN(DerivedJob j, job(orderId));
        if (!canMove(j.status, to))
            return conflict(std::string("the work order cannot go from ") + workOrderStatusKey(j.status) + " to " +
                            workOrderStatusKey(to));
        if (to == WorkOrderStatus::kClosed && !j.clockedOn.empty())
            return conflict("someone is still clocked on to this job: they clock off first");
        const std::string text = cleanText(note);
        FC_ASSIGN(std::string id, insertEvent(by, orderId, "status", "", "", workOrderStatusKey(to), text));
        (void)id;
        return {};
    });
}

Status WorkOrderService::clockOn(const Session& by, const std::string& orderId) {
    FC_TRY(requireCapability(by, Capability::kWorkshopJobs));
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireLiveOrder(orderId, true));
        FC_ASSIGN(auto current, clockedOnTo(by.staffId()));
        if (current == orderId) return {};
        if (current) FC_TRY(insertTime(*current, by.staffId(), "off", "other_job"));
        return insertTime(orderId, by.staffId(), "on", "");
    });
}

Status WorkOrderService::clockOff(const Session& by, const std::string& orderId, const std::string& reason) {
    FC_TRY(requireCapability(by, Capability::kWorkshopJobs));
    static const std::vector<std::string> kReasons = {"parts", "lunch", "other_job", "done", "end_of_day"};
    if (std::find(kReasons.begin(), kReasons.end(), reason) == kReasons.end())
        return invalid("reason: one of parts, lunch, other_job, done, end_of_day");
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireLiveOrder(orderId, false));
        FC_ASSIGN(auto current, clockedOnTo(by.staffId()));
        if (current != orderId) return conflict("you are not clocked on to this job");
        return insertTime(orderId, by.staffId(), "off", reason);
    });
}

Status WorkOrderService::recordStep(const Session& by, const std::string& orderId, const std::string& stepKey) {
    FC_TRY(requireCapability(by, Capability::kWorkshopJobs));
    if (stepKey.empty() || stepKey.size() > 40) return invalid("step: a step key");
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireLiveOrder(orderId, true));
        FC_ASSIGN(std::string id, insertEvent(by, orderId, "step", stepKey, "", "", ""));
        (void)id;
        return {};
    });
}

Status WorkOrderService::recordCheck(const Session& by, const std::string& orderId, const std::string& stepKey,
                                     int item) {
    FC_TRY(requireCapability(by, Capability::kWorkshopJobs));
    if (item < 0 || item > 200) return invalid("checklist item: out of range");
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireLiveOrder(orderId, true));
        FC_ASSIGN(std::string id, insertEvent(by, orderId, "check", stepKey, std::to_string(item), "", ""));
        (void)id;
        return {};
    });
}

Status WorkOrderService::recordReading(const Session& by, const std::string& orderId, const std::string& stepKey,
                                       const std::string& readingKey, int64_t scaled, bool outOfRange) {
    FC_TRY(requireCapability(by, Capability::kWorkshopJobs));
    if (readingKey.empty() || readingKey.size() > 40) return invalid("reading: a reading key");
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(requireLiveOrder(orderId, true));
        FC_ASSIGN(std::string id, insertEvent(by, orderId, "reading", stepKey, readingKey, std::to_string(scaled),
                                              outOfRange ? "out_of_range" : ""));
        (void)id;
        return {};
    });
}

Result<std::string> WorkOrderService::recordFinding(const Session& by, const std::string& orderId,
                                                    const std::string& stepKey, const std::string& level,
                                                    const std::string& note) {
    FC_TRY(requireCapability(by, Capability::kWorkshopJobs));
    if (level != "green" && level != "yellow" && level != "red") return invalid("finding: green, yellow or red");
    const std::string text = cleanText(note);
    if (level != "green" && text.empty()) return invalid("finding: say what was found");
    if (utf8Length(text) > 500) return invalid("finding: at most 500 characters");
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_TRY(requireLiveOrder(orderId, true));
        return insertEvent(by, orderId, "finding", stepKey, "", level, text);
    });
}

// [SECTION] reads

Result<std::vector<JobFact>> WorkOrderService::factsOf(Db& db, const std::string& orderId) {
    std::vector<JobFact> facts;
    FC_ASSIGN(Stmt * e, db.cached("SELECT id, kind, step_key, item, value, note, coalesce(staff_id, ''), at, _hlc "
                                  "FROM job_events WHERE work_order_id = ?"));
    e->bind(1, orderId);
    FC_TRY(e->each([&](Stmt& r) {
        facts.push_back({JobFact::Source::kEvent, r.getText(0), r.getText(1), r.getText(2), r.getText(3), r.getText(4),
                         r.getText(5), r.getText(6), r.getInt(7), static_cast<uint64_t>(r.getInt(8))});
    }));
    FC_ASSIGN(Stmt * t, db.cached("SELECT id, kind, reason, staff_id, at, _hlc FROM time_entries WHERE work_order_id = ?"));
    t->bind(1, orderId);
    FC_TRY(t->each([&](Stmt& r) {
        facts.push_back({JobFact::Source::kTime, r.getText(0), r.getText(1), "", "", "", r.getText(2), r.getText(3),
                         r.getInt(4), static_cast<uint64_t>(r.getInt(5))});
    }));
    return facts;
}

Result<DerivedJob> WorkOrderService::job(const std::string& orderId) {
    FC_ASSIGN(std::vector<JobFact> facts, factsOf(m_store.db(), orderId));
    return deriveJob(std::move(facts), m_store.nowMs());
}

Result<WorkOrderView> WorkOrderService::get(const std::string& orderId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT provisional_no, number, visit_id, customer_id, vehicle_id, concerns, advisor_id, "
                            "bay_id, promised_at, opened_at, odometer_km, deleted_at FROM work_orders WHERE id = ?"));
    s->bind(1, orderId);
    FC_ASSIGN(bool row, s->step());
    if (!row || !s->isNull(11)) {
        s->reset();
        return notFound("work order " + orderId + " does not exist");
    }
    WorkOrderView v;
    v.id = orderId;
    v.provisionalNo = s->getText(0);
    v.number = s->getOptInt(1);
    v.visitId = s->getOptText(2);
    v.customerId = s->getText(3);
    v.vehicleId = s->getText(4);
    v.concerns = s->getText(5);
    v.advisorId = s->getOptText(6);
    v.bayId = s->getOptText(7);
    v.promisedAt = s->getOptInt(8);
    v.openedAt = s->getInt(9);
    v.odometerKm = s->getOptInt(10);
    s->reset();
    FC_ASSIGN(Stmt * l, m_store.db().cached(
                            "SELECT id, kind, service_code, description, quantity_milli, unit_price_fen, discount_fen, "
                            "tax_rate_bp, minutes, technicians, approval, approval_note, finding_event_id, part_id FROM "
                            "work_order_lines WHERE work_order_id = ? AND deleted_at IS NULL ORDER BY sort, id"));
    l->bind(1, orderId);
    FC_TRY(l->each([&](Stmt& r) {
        WorkOrderLine x;
        x.id = r.getText(0);
        x.kind = r.getTextView(1) == "part" ? LineKind::kPart : LineKind::kLabour;
        x.serviceCode = r.getText(2);
        x.description = r.getText(3);
        x.quantityMilli = r.getInt(4);
        x.unitPriceFen = r.getInt(5);
        x.discountFen = r.getInt(6);
        x.taxRateBp = r.getInt(7);
        x.minutes = static_cast<int>(r.getInt(8));
        x.technicians = parseTechnicians(r.getTextView(9));
        x.approval = parseLineApproval(r.getTextView(10)).value_or(LineApproval::kStandard);
        x.approvalNote = r.getText(11);
        x.findingEventId = r.getText(12);
        x.partId = r.getOptText(13);
        v.lines.push_back(std::move(x));
    }));
    FC_ASSIGN(v.job, job(orderId));
    return v;
}

Result<std::optional<std::string>> WorkOrderService::findByNumber(std::string_view typed) {
    std::string t = toUpperAscii(trim(foldWidth(typed)));
    if (t.empty()) return std::optional<std::string>{};
    int64_t n = 0;
    const auto p = std::from_chars(t.data(), t.data() + t.size(), n);
    const bool numeric = p.ec == std::errc() && p.ptr == t.data() + t.size();
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id FROM work_orders WHERE (provisional_no = ?1 OR number = ?2) AND deleted_at IS "
                            "NULL ORDER BY opened_at DESC LIMIT 1"));
    s->bind(1, t);
    if (numeric) s->bind(2, n); else s->bind(2, nullptr);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

Result<std::optional<std::string>> WorkOrderService::findByVisit(const std::string& visitId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id FROM work_orders WHERE visit_id = ? AND deleted_at IS NULL ORDER BY opened_at LIMIT 1"));
    s->bind(1, visitId);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

Result<std::vector<std::string>> WorkOrderService::openOrders() {
    // The derived state of every live order (job_state_index.hpp): not closed or cancelled.
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT w.id FROM local_job_state j JOIN work_orders w ON w.id = j.work_order_id WHERE "
                            "j.final = 0 AND w.deleted_at IS NULL ORDER BY w.opened_at, w.id"));
    std::vector<std::string> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(r.getText(0)); }));
    return out;
}

Result<std::optional<std::string>> WorkOrderService::clockedOnTo(const std::string& staffId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT work_order_id, kind FROM time_entries WHERE staff_id = ? ORDER BY _hlc DESC, id DESC "
                            "LIMIT 1"));
    s->bind(1, staffId);
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row && s->getTextView(1) == "on") out = s->getText(0);
    s->reset();
    return out;
}

}  // namespace fc::core
