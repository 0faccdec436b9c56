// The customers domain: customers, vehicles, ownership, odometer and consent; the phone and
// search indexes; CustomerService and CustomerSearch; and the duplicate-phone rule at the hub.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& customersDomain();

}  // namespace fc::core
