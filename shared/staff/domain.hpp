// The staff domain: staff records, sign-in events, the device's wrong-PIN guard; StaffService
// and SessionManager.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& staffDomain();

}  // namespace fc::core
