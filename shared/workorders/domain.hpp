// The work orders domain: work orders and their lines (office), job events and time entries
// (workshop tablets and the office), the hub's final numbers and its rule that turns a job fact
// that was illegal once merged into a conflict; WorkOrderService.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& workOrdersDomain();

}  // namespace fc::core
