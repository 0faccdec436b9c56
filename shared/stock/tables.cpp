#include "shared/stock/tables.hpp"

namespace fc::core::tables {

using namespace columns;

// A place stock sits: code as printed on its label ("A-01-03"), zone ("A") for counting by zone.
const TableDef kBins{"bins",
                     TableKind::kMaster,
                     {text("store_id"), text("code"), text("zone"), text("name"), integer("active"), integer("sort"),
                      integer("deleted_at")}};

// unit: piece | litre | set | metre (个 升 套 米); quantities everywhere are thousandths of it
// (`_milli`: 4.5 升 = 4500). oe_numbers: the makers' part numbers, comma-separated. tracking:
// none | serial | batch (batteries by serial, tyres by DOT week). cost and price are sensitive:
// two people changing one at the same time raise a conflict.
const TableDef kParts{
    "parts",
    TableKind::kMaster,
    {text("store_id"), text("sku"), text("name_zh"), text("name_en"), text("brand"), text("category"), text("unit"),
     text("oe_numbers"), integer("cost_fen", true), integer("price_fen", true), integer("tax_rate_bp"),
     integer("safety_milli"), integer("reorder_milli"), text("supplier"), text("tracking"), integer("active"),
     integer("deleted_at")}};

// A code that finds a part when scanned: kind gtin (GTIN-13 as the scan pipeline reports it),
// label (the store's own label), supplier (a supplier's code). A part has several; a code may
// (wrongly) name two parts, and a scan then asks which.
const TableDef kPartCodes{"part_codes",
                          TableKind::kMaster,
                          {text("store_id"), ref("part_id", "parts"), text("code"), text("kind"),
                           integer("deleted_at")}};

// Where a part is kept (several bins possible); the first by sort is where it is received.
const TableDef kPartBins{"part_bins",
                         TableKind::kMaster,
                         {text("store_id"), ref("part_id", "parts"), ref("bin_id", "bins"), integer("sort"),
                          integer("deleted_at")}};

// The cars a part fits: make, model, years (0: open-ended).
const TableDef kPartFitments{"part_fitments",
                             TableKind::kMaster,
                             {text("store_id"), ref("part_id", "parts"), text("make"), text("model"),
                              integer("year_from"), integer("year_to"), integer("deleted_at")}};

// One movement of one part in one bin: qty_milli signed (+ into the bin, − out of it). kind:
// receipt, issue (to a work order or a reason), return, transfer (a pair sharing group_id: out of
// one bin, into another), adjust (with a reason), count (a stock count's posting), undo (the
// compensating movement of `reverses`). unit_cost_fen: what a unit cost when received (0: not
// known, the moving average is kept); reference: a delivery note, a count's id.
const TableDef kStockMovements{
    "stock_movements",
    TableKind::kFact,
    {text("store_id"), ref("part_id", "parts"), ref("bin_id", "bins"), text("kind"), integer("qty_milli"),
     integer("unit_cost_fen"), ref("work_order_id", "work_orders"), text("reason"), text("reference"),
     text("group_id"), text("reverses"), text("serial"), ref("staff_id", "staff"), text("device_id"),
     integer("at")}};

// A stock count (盘点): scope full (every bin) | zones | bins | fast (fast movers) | stale (not
// counted for N days), scope_detail the zones, bin codes or the figure; blind: the counters do
// not see what the books expect; threshold_fen: a line whose variance is worth more needs a
// manager (or a recount) before posting. status open | posted | cancelled.
const TableDef kStockCounts{
    "stock_counts",
    TableKind::kMaster,
    {text("store_id"), text("number"), text("scope"), text("scope_detail"), integer("blind"), integer("threshold_fen"),
     text("status"), ref("opened_by", "staff"), integer("opened_at"), ref("posted_by", "staff"), integer("posted_at"),
     text("note"), integer("deleted_at")}};

// The list a count was opened with: one part in one bin per line. Parts found during the count
// that are not on it are added by their entries.
const TableDef kStockCountLines{"stock_count_lines",
                                TableKind::kFact,
                                {text("store_id"), ref("count_id", "stock_counts"), ref("part_id", "parts"),
                                 ref("bin_id", "bins"), integer("sort")}};

// What one device counted of one line: counted_milli is the device's whole figure after this
// entry (each scan writes the next figure, typing one writes it, undo writes the one before), so
// the last entry of each device is its count. round: 1, then 2, 3… when a line is counted again
// because devices disagreed or the office asked (kind recount: the request, no figure). A
// serial-tracked part is counted by serial: one entry per serial, counted 1000 (there) or 0.
// expected_milli: what the device's books held when it counted.
const TableDef kStockCountEntries{
    "stock_count_entries",
    TableKind::kFact,
    {text("store_id"), ref("count_id", "stock_counts"), ref("part_id", "parts"), ref("bin_id", "bins"),
     integer("round"), text("kind"), integer("counted_milli"), integer("expected_milli"), text("serial"),
     ref("staff_id", "staff"), text("device_id"), integer("at")}};

}  // namespace fc::core::tables
