// The stores domain: the store record (synced) and the store's local time (StoreTime), which
// every domain that speaks of "today" shares.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& storesDomain();

}  // namespace fc::core
