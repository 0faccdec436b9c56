// A year of stock history for the demo store, so the office's stock analysis has something to
// show: closed work orders for the demo customers' cars over the past months (servicing, brakes,
// plugs, wipers, tyres, batteries, A/C, coolant, bulbs — more A/C in summer, batteries and coolant
// in winter), the parts that fit each car issued to them, and a restocking receipt for each part at
// the start of each month (that month's and the next month's demand), so the shelves never run
// below zero and the history nets to nothing: what is on hand stays the opening stock
// (demo_parts.hpp), at its cost.
//
// The services stamp everything "now", and a history needs dates in the past, so the rows are
// written through the store's change writer (captured for sync like every other write) with their
// own dates: work orders opened then and closed (in progress → ready → closed) a few hours later,
// issues half an hour after opening. They are planned first and written in time order.
//
//   FC_ASSIGN(DemoStockHistoryReport h, seedDemoStockHistory(services, clerk, {.seed = 1}));
#pragma once

#include <cstddef>
#include <cstdint>

#include "shared/core/result.hpp"

namespace fc::core {

class StoreServices;
class Session;

struct DemoStockHistoryOptions {
    uint64_t seed = 1;
    int months = 12;             // the current month and the 11 before it
    size_t ordersPerMonth = 45;  // on average; the current month in proportion to its days so far
};

struct DemoStockHistoryReport {
    size_t workOrders = 0;
    size_t movements = 0;
};

// Needs the demo parts (with their fitment) and cars; writes nothing when either is missing. `by`
// (the warehouse clerk) moves the stock; the demo advisor 李娜, when there, opens and closes the
// orders. In the caller's transaction.
Result<DemoStockHistoryReport> seedDemoStockHistory(StoreServices& services, const Session& by,
                                                    const DemoStockHistoryOptions& options);

}  // namespace fc::core
