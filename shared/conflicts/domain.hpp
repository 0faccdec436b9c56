// The conflicts domain: the synced conflicts table and ConflictService, which the hub's rules
// (the generic concurrent-edit rule in sync/, and each domain's own rules) write through.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& conflictsDomain();

}  // namespace fc::core
