// Fills a store with deterministic demo data through the same services the app uses (every row
// captured for sync). 200,000 customers take seconds: one transaction, the search index brought
// up to date once at the end.
//
//   FC_ASSIGN(SeedReport r, seedDemo(services, {.seed = 7, .customers = 5000}));
#pragma once

#include <cstdint>
#include <functional>

#include "shared/services.hpp"

namespace fc::core {

struct SeedOptions {
    uint64_t seed = 1;
    size_t customers = 2000;
};

struct SeedReport {
    size_t customers = 0;
    size_t vehicles = 0;
    size_t odometerReadings = 0;
};

// `progress` (optional) is called with the number of customers written so far.
Result<SeedReport> seedDemo(StoreServices& services, const SeedOptions& options,
                            const std::function<void(size_t)>& progress = {});

}  // namespace fc::core
