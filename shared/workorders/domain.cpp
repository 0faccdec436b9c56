#include "shared/workorders/domain.hpp"

#include <nlohmann/json.hpp>

#include "shared/conflicts/conflict_service.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/visits/visit_service.hpp"
#include "shared/workorders/job_photos.hpp"
#include "shared/workorders/job_state_index.hpp"
#include "shared/workorders/tables.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

namespace {

// v9: work orders, their lines, job events and time entries. Kinds and statuses are checked by
// the services and the row rules, not by CHECK constraints; facts are never updated.
Status createWorkOrders(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE work_orders(
  id              TEXT PRIMARY KEY,
  store_id        TEXT NOT NULL,
  visit_id        TEXT,
  customer_id     TEXT NOT NULL,
  vehicle_id      TEXT NOT NULL,
  provisional_no  TEXT NOT NULL,
  number          INTEGER,
  concerns        TEXT NOT NULL DEFAULT '',
  advisor_id      TEXT,
  bay_id          TEXT,
  promised_at     INTEGER,
  opened_at       INTEGER NOT NULL,
  odometer_km     INTEGER,
  deleted_at      INTEGER,
  _hlc            INTEGER NOT NULL,
  _dev            TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX work_orders_opened ON work_orders(opened_at);
CREATE INDEX work_orders_vehicle ON work_orders(vehicle_id, opened_at);
CREATE INDEX work_orders_visit ON work_orders(visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX work_orders_provisional ON work_orders(provisional_no);
CREATE INDEX work_orders_number ON work_orders(number) WHERE number IS NOT NULL;
CREATE TABLE work_order_lines(
  id               TEXT PRIMARY KEY,
  store_id         TEXT NOT NULL,
  work_order_id    TEXT NOT NULL,
  kind             TEXT NOT NULL,
  service_code     TEXT NOT NULL DEFAULT '',
  description      TEXT NOT NULL DEFAULT '',
  quantity_milli   INTEGER NOT NULL,
  unit_price_fen   INTEGER NOT NULL,
  discount_fen     INTEGER NOT NULL DEFAULT 0,
  tax_rate_bp      INTEGER NOT NULL,
  minutes          INTEGER NOT NULL DEFAULT 0,
  technicians      TEXT NOT NULL DEFAULT '[]',
  approval         TEXT NOT NULL DEFAULT 'standard',
  approval_note    TEXT NOT NULL DEFAULT '',
  finding_event_id TEXT NOT NULL DEFAULT '',
  sort             INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  deleted_at       INTEGER,
  _hlc             INTEGER NOT NULL,
  _dev             TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX work_order_lines_order ON work_order_lines(work_order_id, sort);
CREATE TABLE job_events(
  id             TEXT PRIMARY KEY,
  store_id       TEXT NOT NULL,
  work_order_id  TEXT NOT NULL REFERENCES work_orders(id) DEFERRABLE INITIALLY DEFERRED,
  line_id        TEXT,
  kind           TEXT NOT NULL,
  step_key       TEXT NOT NULL DEFAULT '',
  item           TEXT NOT NULL DEFAULT '',
  value          TEXT NOT NULL DEFAULT '',
  note           TEXT NOT NULL DEFAULT '',
  staff_id       TEXT,
  device_id      TEXT NOT NULL DEFAULT '',
  at             INTEGER NOT NULL,
  _hlc           INTEGER NOT NULL,
  _dev           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX job_events_order ON job_events(work_order_id, at);
CREATE INDEX job_events_status ON job_events(work_order_id, kind, _hlc);
CREATE TABLE time_entries(
  id             TEXT PRIMARY KEY,
  store_id       TEXT NOT NULL,
  work_order_id  TEXT NOT NULL REFERENCES work_orders(id) DEFERRABLE INITIALLY DEFERRED,
  staff_id       TEXT NOT NULL,
  kind           TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  device_id      TEXT NOT NULL DEFAULT '',
  at             INTEGER NOT NULL,
  _hlc           INTEGER NOT NULL,
  _dev           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX time_entries_order ON time_entries(work_order_id, at);
CREATE INDEX time_entries_staff ON time_entries(staff_id, _hlc);
)SQL"));
    for (const TableDef* t : {&tables::kWorkOrders, &tables::kWorkOrderLines, &tables::kJobEvents, &tables::kTimeEntries})
        FC_TRY(db.exec(guardTriggersSql(*t)));
    return {};
}

// v12: each order's derived state in a local table (job_state_index.hpp), filled from the facts
// already here.
Status createJobState(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE local_job_state(
  work_order_id  TEXT PRIMARY KEY,
  status         TEXT NOT NULL,
  final          INTEGER NOT NULL,
  clocked_on     TEXT NOT NULL DEFAULT '',
  steps_done     INTEGER NOT NULL DEFAULT 0,
  findings       INTEGER NOT NULL DEFAULT 0,
  illegal        INTEGER NOT NULL DEFAULT 0,
  last_at        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX local_job_state_open ON local_job_state(final, work_order_id);
)SQL"));
    return JobStateIndex(db).rebuild();
}

// v14: the photos technicians take of a job's steps (a fact each; the JPEG as base64 text).
Status createJobPhotos(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE job_photos(
  id             TEXT PRIMARY KEY,
  store_id       TEXT NOT NULL,
  work_order_id  TEXT NOT NULL REFERENCES work_orders(id) DEFERRABLE INITIALLY DEFERRED,
  step_key       TEXT NOT NULL,
  width          INTEGER NOT NULL,
  height         INTEGER NOT NULL,
  jpeg           TEXT NOT NULL,
  staff_id       TEXT,
  device_id      TEXT NOT NULL DEFAULT '',
  at             INTEGER NOT NULL,
  _hlc           INTEGER NOT NULL,
  _dev           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX job_photos_order ON job_photos(work_order_id, at);
)SQL"));
    return db.exec(guardTriggersSql(tables::kJobPhotos));
}

// v18: a part line may name the stock part it bills (part_id → parts, null for free text), so the
// parts issued to an order from the stock ledger can be matched against its lines at close-out.
// SQLite's ADD COLUMN would put the column after _hlc and _dev; the synced columns stay in
// definition order, so the table is rebuilt (no SQL foreign key points at it; job_events.line_id is
// plain text) with its index and guard triggers.
Status addPartLinks(Db& db) {
    constexpr const char* kKept =
        "id, store_id, work_order_id, kind, service_code, description, quantity_milli, unit_price_fen, discount_fen, "
        "tax_rate_bp, minutes, technicians, approval, approval_note, finding_event_id, sort, created_at, deleted_at, "
        "_hlc, _dev";
    FC_TRY(db.exec(R"SQL(
CREATE TABLE work_order_lines_new(
  id               TEXT PRIMARY KEY,
  store_id         TEXT NOT NULL,
  work_order_id    TEXT NOT NULL,
  kind             TEXT NOT NULL,
  service_code     TEXT NOT NULL DEFAULT '',
  description      TEXT NOT NULL DEFAULT '',
  quantity_milli   INTEGER NOT NULL,
  unit_price_fen   INTEGER NOT NULL,
  discount_fen     INTEGER NOT NULL DEFAULT 0,
  tax_rate_bp      INTEGER NOT NULL,
  minutes          INTEGER NOT NULL DEFAULT 0,
  technicians      TEXT NOT NULL DEFAULT '[]',
  approval         TEXT NOT NULL DEFAULT 'standard',
  approval_note    TEXT NOT NULL DEFAULT '',
  finding_event_id TEXT NOT NULL DEFAULT '',
  sort             INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  part_id          TEXT,
  deleted_at       INTEGER,
  _hlc             INTEGER NOT NULL,
  _dev             TEXT NOT NULL
) WITHOUT ROWID;
)SQL"));
    FC_TRY(db.exec(std::string("INSERT INTO work_order_lines_new(") + kKept + ") SELECT " + kKept +
                   " FROM work_order_lines"));
    FC_TRY(db.exec("DROP TABLE work_order_lines"));
    FC_TRY(db.exec("ALTER TABLE work_order_lines_new RENAME TO work_order_lines"));
    FC_TRY(db.exec("CREATE INDEX work_order_lines_order ON work_order_lines(work_order_id, sort)"));
    return db.exec(guardTriggersSql(tables::kWorkOrderLines));
}

Status checkWorkOrders(VerifyContext& v) {
    FC_TRY(v.expectZero("SELECT count(*) FROM work_order_lines WHERE deleted_at IS NULL AND (kind NOT IN ('labour', "
                        "'part') OR quantity_milli <= 0 OR unit_price_fen < 0 OR discount_fen < 0 OR approval NOT IN "
                        "('standard', 'proposed', 'approved', 'declined') OR (part_id IS NOT NULL AND kind <> 'part'))",
                        "work order lines with an unknown kind or approval, a bad quantity, price or discount, or "
                        "a stock part on a labour line",
                        "work order line values valid"));
    FC_TRY(v.expectZero("SELECT count(*) FROM (SELECT number FROM work_orders WHERE number IS NOT NULL GROUP BY number "
                        "HAVING count(*) > 1)",
                        "work order numbers given twice", "work order numbers unique"));
    FC_TRY(v.expectZero("SELECT count(*) FROM work_orders w WHERE w.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM "
                        "local_job_state s WHERE s.work_order_id = w.id)",
                        "work orders without their derived state (run the index rebuild)",
                        "every work order's state derived"));
    return v.expectZero("SELECT count(*) FROM time_entries WHERE kind NOT IN ('on', 'off')",
                        "time entries of an unknown kind", "time entries valid");
}

Result<RowFault> workOrderRow(const RowCheck& r) {
    // The store's number is the hub's to give (an update by the hub); an order arrives without one.
    if (r.op == ChangeOp::kInsert)
        if (const SqlValue* n = r.get("number"); n && !n->isNull()) return RowFault{"number", "is given by the hub"};
    return firstFault({plainText(r, "provisional_no", 24, true), plainText(r, "concerns", 1000),
                       intIn(r, "number", 1, 1'000'000'000'000), intIn(r, "odometer_km", 0, 5'000'000),
                       intIn(r, "opened_at", 0, INT64_MAX), intIn(r, "promised_at", 0, INT64_MAX)});
}

Result<RowFault> workOrderLineRow(const RowCheck& r) {
    static const std::vector<std::string> kinds = {"labour", "part"};
    static const std::vector<std::string> approvals = {"standard", "proposed", "approved", "declined"};
    RowFault f = firstFault({keyIn(r, "kind", kinds), keyIn(r, "approval", approvals),
                             plainText(r, "description", 200), plainText(r, "service_code", 32),
                             intIn(r, "quantity_milli", 1, 1'000'000'000), intIn(r, "unit_price_fen", 0, 100'000'000'000),
                             intIn(r, "discount_fen", 0, 100'000'000'000), intIn(r, "minutes", 0, 100'000),
                             plainText(r, "approval_note", 500), plainText(r, "finding_event_id", 64),
                             plainText(r, "part_id", 64)});
    if (!f.ok()) return f;
    // Only a part line bills a stock part.
    if (const SqlValue* part = r.get("part_id"); part && !part->isNull()) {
        FC_ASSIGN(SqlValue kind, r.after("kind"));
        if (kind.type == SqlValue::Type::kText && kind.s != "part")
            return RowFault{"part_id", "is set on a line that is not a part"};
    }
    if (const SqlValue* rate = r.get("tax_rate_bp"); rate && !rate->isNull()) {
        const int64_t v = rate->type == SqlValue::Type::kInt ? rate->i : -1;
        if (v != 0 && v != 300 && v != 600 && v != 900 && v != 1300)
            return RowFault{"tax_rate_bp", "is not a VAT rate (0, 300, 600, 900, 1300)"};
    }
    if (const SqlValue* t = r.get("technicians"); t && !t->isNull()) {
        const auto j = t->type == SqlValue::Type::kText ? nlohmann::json::parse(t->s, nullptr, false) : nlohmann::json();
        if (!j.is_array() || j.size() > 10) return RowFault{"technicians", "is not a list of shares"};
        int total = 0;
        for (const auto& e : j) {
            if (!e.is_object() || !e.contains("staff") || !e["staff"].is_string() || !e.contains("pct") ||
                !e["pct"].is_number_integer() || e["pct"].get<int>() < 1 || e["pct"].get<int>() > 100)
                return RowFault{"technicians", "is not a list of shares"};
            total += e["pct"].get<int>();
        }
        if (!j.empty() && total != 100) return RowFault{"technicians", "shares do not add up to 100"};
    }
    return f;
}

Result<RowFault> jobEventRow(const RowCheck& r) {
    static const std::vector<std::string> kinds = {"status", "step", "check", "reading", "finding", "note"};
    RowFault f = firstFault({keyIn(r, "kind", kinds), deviceIsAuthor(r, "device_id"), plainText(r, "step_key", 40),
                             plainText(r, "item", 40), plainText(r, "value", 40), plainText(r, "note", 500)});
    if (!f.ok()) return f;
    const SqlValue* kind = r.get("kind");
    const SqlValue* value = r.get("value");
    if (kind && value && kind->type == SqlValue::Type::kText && value->type == SqlValue::Type::kText) {
        if (kind->s == "status" && !parseWorkOrderStatus(value->s)) return RowFault{"value", "is not a work order status"};
        if (kind->s == "finding" && value->s != "green" && value->s != "yellow" && value->s != "red")
            return RowFault{"value", "is not a finding level (green, yellow, red)"};
    }
    return f;
}

// A photo is a JPEG (base64) no larger than the tablets make them, of a plausible size.
Result<RowFault> jobPhotoRow(const RowCheck& r) {
    RowFault f = firstFault({deviceIsAuthor(r, "device_id"), plainText(r, "step_key", 40, true),
                             intIn(r, "width", 1, kMaxPhotoEdge, true), intIn(r, "height", 1, kMaxPhotoEdge, true),
                             intIn(r, "at", 0, INT64_MAX, true)});
    if (!f.ok()) return f;
    if (const SqlValue* j = r.get("jpeg"); j) {
        if (j->type != SqlValue::Type::kText || j->s.size() > kMaxPhotoText)
            return RowFault{"jpeg", "is not a photo of at most 768 KB"};
        auto bytes = decodePhotoText(j->s);
        if (!bytes || !looksLikeJpeg(bytes.value())) return RowFault{"jpeg", "is not a JPEG picture (base64)"};
    }
    return f;
}

Result<RowFault> timeEntryRow(const RowCheck& r) {
    static const std::vector<std::string> kinds = {"on", "off"};
    static const std::vector<std::string> reasons = {"", "parts", "lunch", "other_job", "done", "end_of_day"};
    return firstFault({keyIn(r, "kind", kinds), keyIn(r, "reason", reasons), deviceIsAuthor(r, "device_id")});
}

// The store's gap-free number, given when the hub first merges an order: the hub alone numbers,
// in its push transaction (a refused push rolls the number back).
Status ruleNumberOrder(const MergedChange& c, ServiceSet& services) {
    if (!c.applied || c.op != ChangeOp::kInsert) return {};
    Db& db = services.store().db();
    FC_ASSIGN(Stmt * s, db.cached("SELECT number FROM work_orders WHERE id = ?"));
    s->bind(1, c.rowId);
    FC_ASSIGN(bool row, s->step());
    const bool numbered = row && !s->isNull(0);
    s->reset();
    if (!row || numbered) return {};
    FC_ASSIGN(auto last, db.queryInt("SELECT coalesce(max(number), 0) FROM work_orders"));
    const auto& t = tables::kWorkOrders;
    auto r = services.store().writer().update(t, c.rowId, {{t.columnIndex("number"), SqlValue::integer(last.value_or(0) + 1)}});
    if (!r) return r.error();
    return {};
}

// A job fact that is not legal where it falls once merged (closed on the PC while a technician
// was clocked on at a tablet, clocked on to a closed order, a status the order could not take)
// becomes a conflict for the advisor: never a silent winner.
Status ruleJobTransitions(const MergedChange& c, ServiceSet& services) {
    if (!c.applied) return {};
    Db& db = services.store().db();
    const std::string table = c.table.name;
    FC_ASSIGN(Stmt * s, db.cached(table == "job_events" ? "SELECT work_order_id FROM job_events WHERE id = ?"
                                                        : "SELECT work_order_id FROM time_entries WHERE id = ?"));
    s->bind(1, c.rowId);
    FC_ASSIGN(bool row, s->step());
    const std::string order = row ? s->getText(0) : "";
    s->reset();
    if (order.empty()) return {};
    FC_ASSIGN(std::vector<JobFact> facts, WorkOrderService::factsOf(db, order));
    const DerivedJob job = deriveJob(std::move(facts));
    ConflictService& conflicts = services.get<ConflictService>();
    for (const IllegalFact& f : job.illegal) {
        FC_ASSIGN(bool open, conflicts.openBetween("work-order-transition", order, f.factId));
        if (open) continue;
        const nlohmann::json detail = {{"work_order", order}, {"fact", f.factId}, {"reason", f.reason},
                                       {"status", workOrderStatusKey(job.status)}, {"device", c.device}};
        FC_TRY(conflicts.raise({.rule = "work-order-transition",
                                .table = "work_orders",
                                .rowId = order,
                                .column = f.factId,
                                .detail = detail.dump(),
                                .suggestion = "Two devices changed this job without seeing each other (" + f.reason +
                                              "). Check the job's times and status, then reopen, clock off or "
                                              "close it again."}));
    }
    return {};
}

}  // namespace

const Domain& workOrdersDomain() {
    using R = DeviceRole;
    using namespace tables;
    static const Domain d{
        .name = "workorders",
        .tables = {&kWorkOrders, &kWorkOrderLines, &kJobEvents, &kTimeEntries, &kJobPhotos},
        .migrations = {{9, "work orders, lines, job events, time entries", createWorkOrders},
                       {12, "work orders' derived state (local)", createJobState},
                       {14, "job photos", createJobPhotos},
                       {18, "work order lines name the stock part they bill", addPartLinks}},
        .grants =
            {
                {R::kOffice, &kWorkOrders, true, true,
                 {"visit_id", "customer_id", "vehicle_id", "concerns", "advisor_id", "bay_id", "promised_at",
                  "odometer_km"}},
                {R::kOffice, &kWorkOrderLines, true, true, {"*"}},
                {R::kOffice, &kJobEvents, true},
                {R::kOffice, &kTimeEntries, true},
                {R::kOffice, &kJobPhotos, true},
                // Technicians record what they do and their time; prices, lines and orders are
                // the office's.
                {R::kWorkshop, &kJobEvents, true},
                {R::kWorkshop, &kTimeEntries, true},
                {R::kWorkshop, &kJobPhotos, true},
                // The hub gives the store's number.
                {R::kHub, &kWorkOrders, false, false, {"number"}},
            },
        .checks = {checkWorkOrders},
        .hubRules = {{&kWorkOrders, "work-order-number", ruleNumberOrder},
                     {&kJobEvents, "work-order-transition", ruleJobTransitions},
                     {&kTimeEntries, "work-order-transition", ruleJobTransitions}},
        .rowRules = {{&kWorkOrders, workOrderRow},
                     {&kWorkOrderLines, workOrderLineRow},
                     {&kJobEvents, jobEventRow},
                     {&kTimeEntries, timeEntryRow},
                     {&kJobPhotos, jobPhotoRow}},
        .indexTables = JobStateIndex::tables(),
        .services =
            [](ServiceSet& set) {
                set.addIndex<JobStateIndex>(set.store().db());
                set.add<WorkOrderService>(set.store(), set.get<ServiceCatalog>(), set.get<VisitService>());
                set.add<JobPhotoService>(set.store(), set.get<WorkOrderService>());
            },
    };
    return d;
}

}  // namespace fc::core
