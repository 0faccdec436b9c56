// Fills a store with deterministic demo data through the same services the app uses (every row
// captured for sync). 200,000 customers take seconds: one transaction, the search index brought
// up to date once at the end. Also one demo staff member per role and two more technicians, with
// skills and shifts (fixed PINs and badges, below),
// the store's bays (four lifts, an alignment bay, a wash bay) and a day of appointments for
// "today" by the injected clock, most on a lift, the first third checked in.
//
//   FC_ASSIGN(SeedReport r, seedDemo(services, {.seed = 7, .customers = 5000}));
#pragma once

#include <cstdint>
#include <functional>

#include "shared/bays/bay_service.hpp"
#include "shared/services.hpp"
#include "shared/staff/capabilities.hpp"
#include "shared/staff/skills.hpp"

namespace fc::core {

struct SeedOptions {
    uint64_t seed = 1;
    size_t customers = 2000;
    // One demo staff member per role and two more technicians (skipped when the store has staff
    // already).
    bool staff = true;
    // Appointments today (store day by the clock), 08:30 onwards every 45 min; the first third
    // checked in. Skipped when the store has appointments today already.
    size_t appointmentsToday = 12;
    // The demo store's bays (skipped when the store has bays already).
    bool bays = true;
    // Work orders for the second and third of today's check-ins (the first is left for the front
    // desk's "开工单"), opened by the demo advisor and given to the demo technician: the workshop
    // tablet's "我的工单" has something to show. Needs the demo staff.
    bool workOrders = true;
    // Demo parts (demo_parts.hpp: bins, ~3,000 parts fitting the demo models, opening stock),
    // written by the demo warehouse clerk; 0: none (what tests want). Skipped when the store has
    // parts already. `forecourtctl seed-demo` adds 3,000.
    size_t parts = 0;
};

struct SeedReport {
    size_t customers = 0;
    size_t vehicles = 0;
    size_t odometerReadings = 0;
    size_t staff = 0;
    size_t bays = 0;
    size_t appointments = 0;
    size_t visits = 0;
    size_t workOrders = 0;
    size_t bins = 0;
    size_t parts = 0;
    size_t stockMovements = 0;
};

// The demo staff: published PINs (for the README and training), so their hashes use the minimum
// Argon2id cost. Never use these in a real store.
struct DemoStaffMember {
    const char* name;
    StaffRole role;
    const char* pin;
    const char* badge;
    std::vector<Skill> skills = {};
    const char* shift = "";  // shift.hpp
};
const std::vector<DemoStaffMember>& demoStaff();

// The demo store's bays, in their display order.
const std::vector<BayInput>& demoBays();

// `progress` (optional) is called with the number of customers written so far.
Result<SeedReport> seedDemo(StoreServices& services, const SeedOptions& options,
                            const std::function<void(size_t)>& progress = {});

}  // namespace fc::core
