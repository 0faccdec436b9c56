// The catalogue domain: the store's service menu as synced master data (the `services` table),
// seeded from assets/services/ when a store is created or upgraded; ServiceCatalog (the menu every
// other domain reads, kept in memory) and CatalogueService (managers' edits).
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& catalogueDomain();

}  // namespace fc::core
