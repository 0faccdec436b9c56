// `forecourtctl verify`: SQLite's integrity check, the schema version, every synced table as its
// domain defines it and holding only this store's rows, then each domain's own checks (the
// outbox contiguous and ordered, derived indexes matching the synced tables, values normalised).
//
//   FC_ASSIGN(VerifyReport r, verifyStore(services));
//   if (!r.ok()) for (auto& p : r.problems) print(p);
#pragma once

#include "shared/capture/verify_context.hpp"
#include "shared/services.hpp"

namespace fc::core {

Result<VerifyReport> verifyStore(StoreServices& services);

}  // namespace fc::core
