// Deterministic demo parts for the warehouse: about 3,000 parts a store of this kind keeps —
// filters, brake pads and discs, spark plugs and wipers for each generation of each demo car model
// (with fitment to those models and years), engine oils by viscosity and can size, tyres by size,
// batteries, bulbs, coolant and A/C refrigerant — each with a GTIN-13 (valid check digit), the
// store's label code, OE numbers, a bin in the zone for its kind (A filters, B brakes, C oils and
// fluids, D electrical, E tyres, F wipers and accessories), cost, price, safety stock, and an
// opening stock received at its cost.
//
//   FC_ASSIGN(DemoPartsReport r, seedDemoParts(services, by, {.seed = 1, .parts = 3000}));
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/stock/part_service.hpp"

namespace fc::core {

class StoreServices;

struct DemoPart {
    PartInput part;
    std::vector<PartCodeInput> codes;
    std::vector<Fitment> fitment;
    std::string binCode;
    int64_t openingMilli = 0;  // received at the part's cost
};

struct DemoBin {
    std::string code;
    std::string zone;
    std::string name;
};

std::vector<DemoBin> demoBins();
// `count` parts (at most what the catalogue can make, about 3,400), the same for a seed.
std::vector<DemoPart> demoParts(uint64_t seed, size_t count);

struct DemoPartsOptions {
    uint64_t seed = 1;
    size_t parts = 3000;
};

struct DemoPartsReport {
    size_t bins = 0;
    size_t parts = 0;
    size_t movements = 0;
};

// Writes the bins and parts (skipped when the store has parts already) through PartService and
// StockService as `by` (someone with kManageInventory), in the caller's transaction.
Result<DemoPartsReport> seedDemoParts(StoreServices& services, const Session& by, const DemoPartsOptions& options);

}  // namespace fc::core
