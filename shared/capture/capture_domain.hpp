// The sync machinery every replica has: the device identity, the outbox, column versions, the
// sync state (cursor, acknowledged sequence, clock) and parked changes. Owned by SyncState and
// the ChangeWriter; registered first, so its tables exist before any domain's.
#pragma once

#include "shared/capture/domain.hpp"

namespace fc::core {

const Domain& captureDomain();

}  // namespace fc::core
