#include "shared/stock/domain.hpp"

#include <nlohmann/json.hpp>

#include "shared/conflicts/conflict_service.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/stock/count_index.hpp"
#include "shared/stock/count_service.hpp"
#include "shared/stock/part_import.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_index.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/stock/tables.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

namespace {

// v16: bins, parts, their codes, bins and fitment; stock movements; on hand (local, derived).
// Codes are not UNIQUE in SQL (a merge must never fail on a device's database): the row rules
// refuse a duplicate SKU or bin code on the device and at the hub, and a scanned code that names
// two parts makes the scan ask which.
Status createStock(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE bins(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  code        TEXT NOT NULL,
  zone        TEXT NOT NULL DEFAULT '',
  name        TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1,
  sort        INTEGER NOT NULL DEFAULT 0,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX bins_code ON bins(code);
CREATE TABLE parts(
  id             TEXT PRIMARY KEY,
  store_id       TEXT NOT NULL,
  sku            TEXT NOT NULL,
  name_zh        TEXT NOT NULL,
  name_en        TEXT NOT NULL DEFAULT '',
  brand          TEXT NOT NULL DEFAULT '',
  category       TEXT NOT NULL DEFAULT 'other',
  unit           TEXT NOT NULL DEFAULT 'piece',
  oe_numbers     TEXT NOT NULL DEFAULT '',
  cost_fen       INTEGER NOT NULL DEFAULT 0,
  price_fen      INTEGER NOT NULL DEFAULT 0,
  tax_rate_bp    INTEGER NOT NULL DEFAULT 1300,
  safety_milli   INTEGER NOT NULL DEFAULT 0,
  reorder_milli  INTEGER NOT NULL DEFAULT 0,
  supplier       TEXT NOT NULL DEFAULT '',
  tracking       TEXT NOT NULL DEFAULT 'none',
  active         INTEGER NOT NULL DEFAULT 1,
  deleted_at     INTEGER,
  _hlc           INTEGER NOT NULL,
  _dev           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX parts_sku ON parts(sku);
CREATE INDEX parts_category ON parts(category, sku);
CREATE TABLE part_codes(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  part_id     TEXT NOT NULL REFERENCES parts(id) DEFERRABLE INITIALLY DEFERRED,
  code        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX part_codes_code ON part_codes(code);
CREATE INDEX part_codes_part ON part_codes(part_id);
CREATE TABLE part_bins(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  part_id     TEXT NOT NULL REFERENCES parts(id) DEFERRABLE INITIALLY DEFERRED,
  bin_id      TEXT NOT NULL REFERENCES bins(id) DEFERRABLE INITIALLY DEFERRED,
  sort        INTEGER NOT NULL DEFAULT 0,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX part_bins_part ON part_bins(part_id, sort);
CREATE INDEX part_bins_bin ON part_bins(bin_id);
CREATE TABLE part_fitments(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  part_id     TEXT NOT NULL REFERENCES parts(id) DEFERRABLE INITIALLY DEFERRED,
  make        TEXT NOT NULL,
  model       TEXT NOT NULL DEFAULT '',
  year_from   INTEGER NOT NULL DEFAULT 0,
  year_to     INTEGER NOT NULL DEFAULT 0,
  deleted_at  INTEGER,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX part_fitments_part ON part_fitments(part_id);
CREATE INDEX part_fitments_model ON part_fitments(make, model);
CREATE TABLE stock_movements(
  id             TEXT PRIMARY KEY,
  store_id       TEXT NOT NULL,
  part_id        TEXT NOT NULL,
  bin_id         TEXT NOT NULL,
  kind           TEXT NOT NULL,
  qty_milli      INTEGER NOT NULL,
  unit_cost_fen  INTEGER NOT NULL DEFAULT 0,
  work_order_id  TEXT,
  reason         TEXT NOT NULL DEFAULT '',
  reference      TEXT NOT NULL DEFAULT '',
  group_id       TEXT NOT NULL,
  reverses       TEXT NOT NULL DEFAULT '',
  serial         TEXT NOT NULL DEFAULT '',
  staff_id       TEXT,
  device_id      TEXT NOT NULL DEFAULT '',
  at             INTEGER NOT NULL,
  _hlc           INTEGER NOT NULL,
  _dev           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX stock_movements_part ON stock_movements(part_id, _hlc);
CREATE INDEX stock_movements_bin ON stock_movements(part_id, bin_id, qty_milli);
CREATE INDEX stock_movements_group ON stock_movements(group_id);
CREATE INDEX stock_movements_reverses ON stock_movements(reverses) WHERE reverses <> '';
CREATE INDEX stock_movements_order ON stock_movements(work_order_id) WHERE work_order_id IS NOT NULL;
CREATE INDEX stock_movements_device ON stock_movements(device_id, staff_id, _hlc);
CREATE TABLE local_stock(
  part_id    TEXT NOT NULL,
  bin_id     TEXT NOT NULL,
  qty_milli  INTEGER NOT NULL,
  last_hlc   INTEGER NOT NULL,
  last_id    TEXT NOT NULL,
  PRIMARY KEY (part_id, bin_id)
) WITHOUT ROWID;
CREATE INDEX local_stock_bin ON local_stock(bin_id);
CREATE TABLE local_part_stock(
  part_id        TEXT PRIMARY KEY,
  qty_milli      INTEGER NOT NULL,
  avg_cost_fen   INTEGER NOT NULL,
  value_fen      INTEGER NOT NULL,
  last_hlc       INTEGER NOT NULL,
  last_id        TEXT NOT NULL,
  last_issue_at  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)SQL"));
    for (const TableDef* t : {&tables::kBins, &tables::kParts, &tables::kPartCodes, &tables::kPartBins,
                              &tables::kPartFitments, &tables::kStockMovements})
        FC_TRY(db.exec(guardTriggersSql(*t)));
    return {};
}

// v17: stock counts, their lists (facts) and entries (facts); the lines' state, each device's
// last figure per line and the serials counted (local, derived); the movements of a part in a bin
// in HLC order with their quantities (the books at count time, from the index alone).
Status createCounts(Db& db) {
    FC_TRY(db.exec(R"SQL(
CREATE TABLE stock_counts(
  id             TEXT PRIMARY KEY,
  store_id       TEXT NOT NULL,
  number         TEXT NOT NULL,
  scope          TEXT NOT NULL,
  scope_detail   TEXT NOT NULL DEFAULT '',
  blind          INTEGER NOT NULL DEFAULT 1,
  threshold_fen  INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'open',
  opened_by      TEXT,
  opened_at      INTEGER NOT NULL,
  posted_by      TEXT,
  posted_at      INTEGER,
  note           TEXT NOT NULL DEFAULT '',
  deleted_at     INTEGER,
  _hlc           INTEGER NOT NULL,
  _dev           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX stock_counts_opened ON stock_counts(opened_at);
CREATE TABLE stock_count_lines(
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  count_id    TEXT NOT NULL,
  part_id     TEXT NOT NULL,
  bin_id      TEXT NOT NULL,
  sort        INTEGER NOT NULL DEFAULT 0,
  _hlc        INTEGER NOT NULL,
  _dev        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX stock_count_lines_line ON stock_count_lines(count_id, bin_id, part_id);
CREATE TABLE stock_count_entries(
  id              TEXT PRIMARY KEY,
  store_id        TEXT NOT NULL,
  count_id        TEXT NOT NULL,
  part_id         TEXT NOT NULL,
  bin_id          TEXT NOT NULL,
  round           INTEGER NOT NULL DEFAULT 1,
  kind            TEXT NOT NULL DEFAULT 'count',
  counted_milli   INTEGER NOT NULL,
  expected_milli  INTEGER NOT NULL DEFAULT 0,
  serial          TEXT NOT NULL DEFAULT '',
  staff_id        TEXT,
  device_id       TEXT NOT NULL DEFAULT '',
  at              INTEGER NOT NULL,
  _hlc            INTEGER NOT NULL,
  _dev            TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX stock_count_entries_line ON stock_count_entries(count_id, part_id, bin_id, device_id, round, _hlc);
CREATE INDEX stock_count_entries_device ON stock_count_entries(count_id, device_id, _hlc);
CREATE INDEX stock_count_entries_part ON stock_count_entries(part_id, at);
CREATE TABLE local_count_state(
  count_id      TEXT NOT NULL,
  bin_id        TEXT NOT NULL,
  part_id       TEXT NOT NULL,
  round         INTEGER NOT NULL,
  state         TEXT NOT NULL,
  figure_milli  INTEGER NOT NULL,
  figures       TEXT NOT NULL,
  count_hlc     INTEGER NOT NULL,
  devices       INTEGER NOT NULL,
  last_at       INTEGER NOT NULL,
  PRIMARY KEY (count_id, bin_id, part_id)
) WITHOUT ROWID;
CREATE TABLE local_count_serials(
  count_id  TEXT NOT NULL,
  bin_id    TEXT NOT NULL,
  part_id   TEXT NOT NULL,
  serial    TEXT NOT NULL,
  present   INTEGER NOT NULL,
  last_hlc  INTEGER NOT NULL,
  last_id   TEXT NOT NULL,
  PRIMARY KEY (count_id, bin_id, part_id, serial)
) WITHOUT ROWID;
CREATE TABLE local_count_devices(
  count_id       TEXT NOT NULL,
  bin_id         TEXT NOT NULL,
  part_id        TEXT NOT NULL,
  device_id      TEXT NOT NULL,
  round          INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  counted_milli  INTEGER NOT NULL,
  last_hlc       INTEGER NOT NULL,
  last_id        TEXT NOT NULL,
  PRIMARY KEY (count_id, bin_id, part_id, device_id)
) WITHOUT ROWID;
CREATE INDEX stock_movements_bin_hlc ON stock_movements(part_id, bin_id, _hlc, qty_milli);
)SQL"));
    for (const TableDef* t : {&tables::kStockCounts, &tables::kStockCountLines, &tables::kStockCountEntries})
        FC_TRY(db.exec(guardTriggersSql(*t)));
    return {};
}

Status checkStock(VerifyContext& v) {
    FC_TRY(v.expectZero("SELECT count(*) FROM stock_movements WHERE qty_milli = 0 OR kind NOT IN ('receipt', 'issue', "
                        "'return', 'transfer', 'adjust', 'count', 'undo')",
                        "stock movements of no quantity or an unknown kind", "stock movements valid"));
    FC_TRY(v.expectZero("SELECT count(*) FROM parts WHERE deleted_at IS NULL AND (sku = '' OR name_zh = '' OR cost_fen < 0 "
                        "OR price_fen < 0 OR unit NOT IN ('piece', 'litre', 'set', 'metre'))",
                        "parts with no SKU or name, a negative price or an unknown unit", "part values valid"));
    // The derived figures equal the movements' sums (a rebuild mends them).
    FC_TRY(v.expectZero("SELECT count(*) FROM (SELECT part_id, bin_id, sum(qty_milli) AS q FROM stock_movements "
                        "GROUP BY part_id, bin_id) m LEFT JOIN local_stock s USING (part_id, bin_id) "
                        "WHERE s.qty_milli IS NOT m.q",
                        "stock per bin that differs from its movements (run the index rebuild)",
                        "stock per bin derived"));
    FC_TRY(v.expectZero("SELECT count(*) FROM (SELECT part_id, sum(qty_milli) AS q FROM stock_movements GROUP BY part_id) m "
                        "LEFT JOIN local_part_stock s USING (part_id) WHERE s.qty_milli IS NOT m.q",
                        "stock per part that differs from its movements (run the index rebuild)",
                        "stock per part derived"));
    FC_TRY(v.expectZero("SELECT count(*) FROM stock_count_entries WHERE counted_milli < 0 OR round < 1 OR kind NOT IN "
                        "('count', 'recount')",
                        "stock count entries with a negative figure, no round or an unknown kind", "count entries valid"));
    FC_TRY(v.expectZero("SELECT count(*) FROM (SELECT DISTINCT count_id, bin_id, part_id FROM stock_count_entries) e "
                        "LEFT JOIN local_count_state s USING (count_id, bin_id, part_id) WHERE s.state IS NULL",
                        "counted lines with no derived state (run the index rebuild)", "count lines derived"));
    return v.expectZero("SELECT count(*) FROM (SELECT sku FROM parts WHERE deleted_at IS NULL GROUP BY sku "
                        "HAVING count(*) > 1)",
                        "part SKUs used by more than one part", "part SKUs unique",
                        VerifyContext::Severity::kWarning);
}

bool binCodeChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

Result<RowFault> binRow(const RowCheck& r) {
    if (const SqlValue* code = r.get("code"); code && !code->isNull()) {
        bool ok = code->type == SqlValue::Type::kText && !code->s.empty() && code->s.size() <= 20;
        for (char c : ok ? code->s : std::string()) ok = ok && binCodeChar(c);
        if (!ok) return RowFault{"code", "is not 1–20 letters, digits, '-', '_' or '.'"};
    }
    RowFault f = firstFault({plainText(r, "zone", 10), plainText(r, "name", 40), intIn(r, "active", 0, 1),
                             intIn(r, "sort", 0, 99'999)});
    if (!f.ok()) return f;
    return uniqueAmongRows(r, "code");
}

Result<RowFault> partRow(const RowCheck& r) {
    RowFault f = firstFault({plainText(r, "sku", 40, true), plainText(r, "name_zh", 80, true), plainText(r, "name_en", 120),
                             plainText(r, "brand", 40), keyIn(r, "category", partCategories()),
                             keyIn(r, "unit", partUnits()), plainText(r, "oe_numbers", 400),
                             intIn(r, "cost_fen", 0, 10'000'000'000), intIn(r, "price_fen", 0, 10'000'000'000),
                             intIn(r, "safety_milli", 0, 1'000'000'000), intIn(r, "reorder_milli", 0, 1'000'000'000),
                             plainText(r, "supplier", 80), keyIn(r, "tracking", {"none", "serial", "batch"}),
                             intIn(r, "active", 0, 1)});
    if (!f.ok()) return f;
    if (const SqlValue* rate = r.get("tax_rate_bp"); rate && !rate->isNull())
        if (rate->type != SqlValue::Type::kInt || rate->i < 0 || rate->i > 10'000 ||
            !isAllowedTaxRate(static_cast<int>(rate->i)))
            return RowFault{"tax_rate_bp", "is not a VAT rate (0, 300, 600, 900, 1300)"};
    return uniqueAmongRows(r, "sku");
}

Result<RowFault> partCodeRow(const RowCheck& r) {
    if (const SqlValue* code = r.get("code"); code && !code->isNull()) {
        bool ok = code->type == SqlValue::Type::kText && !code->s.empty() && code->s.size() <= 64;
        for (char c : ok ? code->s : std::string()) ok = ok && c > ' ' && c < 127;
        if (!ok) return RowFault{"code", "is not 1–64 printable characters"};
    }
    return keyIn(r, "kind", {"gtin", "label", "supplier"});
}

Result<RowFault> partBinRow(const RowCheck& r) { return intIn(r, "sort", 0, 999); }

Result<RowFault> partFitmentRow(const RowCheck& r) {
    RowFault f = firstFault({plainText(r, "make", 20, true), plainText(r, "model", 40)});
    if (!f.ok()) return f;
    for (const char* c : {"year_from", "year_to"})
        if (const SqlValue* y = r.get(c); y && !y->isNull())
            if (y->type != SqlValue::Type::kInt || (y->i != 0 && (y->i < 1950 || y->i > 2100)))
                return RowFault{c, "is not a year (1950–2100, 0: open)"};
    return f;
}

// The sign of a movement's quantity follows its kind: receipts and returns come in, issues go
// out; transfers, adjustments, count postings and undos go either way. Never zero.
Result<RowFault> movementRow(const RowCheck& r) {
    RowFault f = firstFault({keyIn(r, "kind", movementKinds()), deviceIsAuthor(r, "device_id"),
                             intIn(r, "qty_milli", -1'000'000'000, 1'000'000'000, true),
                             intIn(r, "unit_cost_fen", 0, 10'000'000'000), plainText(r, "reason", 40),
                             plainText(r, "reference", 80), plainText(r, "group_id", 64, true),
                             plainText(r, "reverses", 64), plainText(r, "serial", 64), intIn(r, "at", 0, INT64_MAX, true)});
    if (!f.ok()) return f;
    const SqlValue* kind = r.get("kind");
    const SqlValue* qty = r.get("qty_milli");
    if (kind && qty && kind->type == SqlValue::Type::kText && qty->type == SqlValue::Type::kInt) {
        if (qty->i == 0) return RowFault{"qty_milli", "is zero"};
        if ((kind->s == "receipt" || kind->s == "return") && qty->i < 0)
            return RowFault{"qty_milli", "goes out on a receipt or return"};
        if (kind->s == "issue" && qty->i > 0) return RowFault{"qty_milli", "comes in on an issue"};
        if (kind->s == "undo") {
            const SqlValue* reverses = r.get("reverses");
            if (!reverses || reverses->type != SqlValue::Type::kText || reverses->s.empty())
                return RowFault{"reverses", "an undo names the movement it reverses"};
        }
    }
    return f;
}

// Stock below zero once movements from several devices are merged (two tablets issued the same
// last part offline): a conflict for the warehouse manager naming the movements that took it
// below zero, never a refused sale. One open conflict per part and bin.
Status ruleBelowZero(const MergedChange& c, ServiceSet& services) {
    if (!c.applied) return {};
    Db& db = services.store().db();
    FC_ASSIGN(Stmt * m, db.cached("SELECT part_id, bin_id, qty_milli FROM stock_movements WHERE id = ?"));
    m->bind(1, c.rowId);
    FC_ASSIGN(bool row, m->step());
    const std::string part = row ? m->getText(0) : "", bin = row ? m->getText(1) : "";
    const int64_t qty = row ? m->getInt(2) : 0;
    m->reset();
    if (!row || qty >= 0) return {};
    // The bin's movements in merged order: those after it last stood at zero or more took it below.
    FC_ASSIGN(Stmt * all, db.cached("SELECT id, qty_milli, device_id, staff_id, kind FROM stock_movements "
                                    "WHERE part_id = ? AND bin_id = ? ORDER BY _hlc, id"));
    all->bind(1, part);
    all->bind(2, bin);
    int64_t onHand = 0;
    nlohmann::json culprits = nlohmann::json::array();
    FC_TRY(all->each([&](Stmt& r) {
        onHand += r.getInt(1);
        if (onHand >= 0) {
            culprits = nlohmann::json::array();
        } else if (r.getInt(1) < 0) {
            culprits.push_back({{"movement", r.getText(0)}, {"qty_milli", r.getInt(1)}, {"device", r.getText(2)},
                                {"staff", r.isNull(3) ? "" : r.getText(3)}, {"kind", r.getText(4)}});
        }
    }));
    if (onHand >= 0) return {};
    ConflictService& conflicts = services.get<ConflictService>();
    FC_ASSIGN(bool open, conflicts.openBetween("stock-below-zero", part, bin));
    if (open) return {};
    const nlohmann::json detail = {{"part", part}, {"bin", bin}, {"on_hand_milli", onHand}, {"movements", culprits}};
    auto raised = conflicts.raise({.rule = "stock-below-zero",
                                   .table = "parts",
                                   .rowId = part,
                                   .column = bin,
                                   .detail = detail.dump(),
                                   .suggestion = "Devices took more of this part out of the bin than the books held "
                                                 "(each saw stock that another had already taken). Count the bin and "
                                                 "post the count, or find the movement made in error and undo it."});
    if (!raised) return raised.error();
    return {};
}

Result<RowFault> countRow(const RowCheck& r) {
    return firstFault({plainText(r, "number", 20, true), keyIn(r, "scope", countScopes()),
                       plainText(r, "scope_detail", 2000), intIn(r, "blind", 0, 1),
                       intIn(r, "threshold_fen", 0, 10'000'000'000), keyIn(r, "status", {"open", "posted", "cancelled"}),
                       intIn(r, "opened_at", 0, INT64_MAX, true), intIn(r, "posted_at", 0, INT64_MAX),
                       plainText(r, "note", 200)});
}

Result<RowFault> countLineRow(const RowCheck& r) { return intIn(r, "sort", 0, 10'000'000); }

// A figure is 0 or more; a recount request carries none.
Result<RowFault> countEntryRow(const RowCheck& r) {
    return firstFault({intIn(r, "round", 1, 1000, true), keyIn(r, "kind", {"count", "recount"}),
                       intIn(r, "counted_milli", 0, 1'000'000'000, true),
                       intIn(r, "expected_milli", -1'000'000'000'000, 1'000'000'000'000), plainText(r, "serial", 64),
                       deviceIsAuthor(r, "device_id"), intIn(r, "at", 0, INT64_MAX, true)});
}

// One count posted by two devices (two offices, each offline, both posted it): both postings
// count, so the stock is adjusted twice — a conflict for the warehouse manager, naming the devices.
Status ruleCountPostedTwice(const MergedChange& c, ServiceSet& services) {
    if (!c.applied) return {};
    Db& db = services.store().db();
    FC_ASSIGN(Stmt * m, db.cached("SELECT group_id, reference FROM stock_movements WHERE id = ? AND kind = 'count'"));
    m->bind(1, c.rowId);
    FC_ASSIGN(bool row, m->step());
    const std::string count = row ? m->getText(0) : "", number = row ? m->getText(1) : "";
    m->reset();
    if (!row) return {};
    FC_ASSIGN(Stmt * d, db.cached("SELECT group_concat(DISTINCT device_id) , count(DISTINCT device_id) FROM "
                                  "stock_movements WHERE group_id = ? AND kind = 'count'"));
    d->bind(1, count);
    FC_TRY(d->step());
    const std::string devices = d->isNull(0) ? "" : d->getText(0);
    const int64_t n = d->getInt(1);
    d->reset();
    if (n < 2) return {};
    ConflictService& conflicts = services.get<ConflictService>();
    FC_ASSIGN(bool open, conflicts.openBetween("count-posted-twice", count, ""));
    if (open) return {};
    const nlohmann::json detail = {{"count", count}, {"number", number}, {"devices", devices}};
    auto raised = conflicts.raise({.rule = "count-posted-twice",
                                   .table = "stock_counts",
                                   .rowId = count,
                                   .column = "",
                                   .detail = detail.dump(),
                                   .suggestion = "Stock count " + number + " was posted on two devices, so its "
                                                 "differences were booked twice. Count the affected bins again, or "
                                                 "adjust each line back by its posted difference."});
    if (!raised) return raised.error();
    return {};
}

}  // namespace

static std::vector<IndexTable> stockIndexTables() {
    std::vector<IndexTable> t = StockIndex::tables();
    for (const IndexTable& c : CountIndex::tables()) t.push_back(c);
    return t;
}

const Domain& stockDomain() {
    using R = DeviceRole;
    using namespace tables;
    static const Domain d{
        .name = "stock",
        .tables = {&kBins, &kParts, &kPartCodes, &kPartBins, &kPartFitments, &kStockMovements, &kStockCounts,
                   &kStockCountLines, &kStockCountEntries},
        .migrations = {{16, "bins, parts, part codes, bins and fitment, stock movements, on hand (local)", createStock},
                       {17, "stock counts, their lines and entries, the lines' state (local)", createCounts}},
        .grants =
            {
                {R::kOffice, &kBins, true, true, {"*"}},
                {R::kOffice, &kParts, true, true, {"*"}},
                {R::kOffice, &kPartCodes, true, true, {"*"}},
                {R::kOffice, &kPartBins, true, true, {"*"}},
                {R::kOffice, &kPartFitments, true, true, {"*"}},
                {R::kOffice, &kStockMovements, true},
                {R::kOffice, &kStockCounts, true, true, {"*"}},
                {R::kOffice, &kStockCountLines, true},
                {R::kOffice, &kStockCountEntries, true},
                // The warehouse tablet receives, issues, moves and counts; it labels bins, links
                // an unknown code to a part or makes the part. Costs and prices are the office's.
                {R::kWarehouse, &kBins, true, false, {"code", "zone", "name", "active", "sort"}},
                {R::kWarehouse, &kParts, true, false,
                 {"sku", "name_zh", "name_en", "brand", "category", "unit", "oe_numbers", "safety_milli",
                  "reorder_milli", "supplier", "tracking", "active"}},
                {R::kWarehouse, &kPartCodes, true, true, {"*"}},
                {R::kWarehouse, &kPartBins, true, true, {"*"}},
                {R::kWarehouse, &kStockMovements, true},
                // Counts are opened and counted on tablets; the office reviews and posts them.
                {R::kWarehouse, &kStockCounts, true, false, {"note"}},
                {R::kWarehouse, &kStockCountLines, true},
                {R::kWarehouse, &kStockCountEntries, true},
                // Technicians scan parts onto their jobs (issues and returns to a work order).
                {R::kWorkshop, &kStockMovements, true},
            },
        .checks = {checkStock},
        .hubRules = {{&kStockMovements, "stock-below-zero", ruleBelowZero},
                     {&kStockMovements, "count-posted-twice", ruleCountPostedTwice}},
        .rowRules = {{&kBins, binRow},
                     {&kParts, partRow},
                     {&kPartCodes, partCodeRow},
                     {&kPartBins, partBinRow},
                     {&kPartFitments, partFitmentRow},
                     {&kStockMovements, movementRow},
                     {&kStockCounts, countRow},
                     {&kStockCountLines, countLineRow},
                     {&kStockCountEntries, countEntryRow}},
        .indexTables = stockIndexTables(),
        .services =
            [](ServiceSet& set) {
                set.addIndex<StockIndex>(set.store().db());
                set.add<PartService>(set.store());
                set.add<PartImport>(set.store(), set.get<PartService>());
                set.add<StockService>(set.store(), set.get<PartService>(), set.get<WorkOrderService>());
                set.addIndex<CountIndex>(set.store().db());
                set.add<CountService>(set.store(), set.get<PartService>(), set.get<StockService>());
            },
    };
    return d;
}

}  // namespace fc::core
