// The bays domain: the store's service bays (lifts, alignment, wash, EV, general) as synced
// master data; BayService.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& baysDomain();

}  // namespace fc::core
