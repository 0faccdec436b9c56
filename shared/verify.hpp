// `forecourtctl verify`: SQLite's integrity check plus the store's own invariants (outbox
// contiguous and ordered, derived indexes matching the synced tables, values normalised).
//
//   FC_ASSIGN(VerifyReport r, verifyStore(services));
//   if (!r.ok()) for (auto& p : r.problems) print(p);
#pragma once

#include <string>
#include <vector>

#include "shared/services.hpp"

namespace fc::core {

struct VerifyReport {
    std::vector<std::string> checks;    // what was checked and passed
    std::vector<std::string> problems;  // each one makes verify fail
    std::vector<std::string> warnings;  // worth a look, not corruption (e.g. duplicate phones from sync)
    bool ok() const { return problems.empty(); }
};

Result<VerifyReport> verifyStore(StoreServices& services);

}  // namespace fc::core
