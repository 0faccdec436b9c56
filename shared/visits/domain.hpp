// The visits domain: appointments, the visits a check-in creates, the service menu and the
// device's per-day ticket counters; AppointmentService, VisitService and CheckInService.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& visitsDomain();

}  // namespace fc::core
