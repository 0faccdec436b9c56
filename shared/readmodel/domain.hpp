// Read models: queries that join several domains (the front desk's day; later the bay board and
// reports). They own no tables; registered after the domains they read.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& readModels();

}  // namespace fc::core
