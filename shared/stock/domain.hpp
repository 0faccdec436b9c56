// The stock domain: parts (master data: codes, bins, fitment), bins, stock movements (facts) and
// on hand derived from them (stock_index.hpp). See shared/README.md.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {
const Domain& stockDomain();
}  // namespace fc::core
