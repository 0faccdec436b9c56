// Forward-only numbered migrations. The schema version lives in PRAGMA user_version; each
// version runs in one transaction together with whatever capture machinery it needs. This runner
// knows no tables: the steps come from the domains (shared/registry.hpp collects them).
//
//   FC_TRY(migrate(db, registry.schema().migrations()));        // to the newest version
//   FC_TRY(migrate(db, migrations, 2));                          // tests: an older database
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "shared/db/sqlite.hpp"

namespace fc::core {

// One schema version: what it does (for logs and errors) and the steps that make it, run in
// order in one transaction.
struct Migration {
    int version = 0;
    std::string name;
    std::vector<std::function<Status(Db&)>> steps;
};

Result<int> schemaVersion(Db& db);

// Applies every migration above the database's version up to `target` (the last one when 0).
// `migrations` must be numbered 1, 2, 3, … A database newer than the last migration is refused
// (Errc::kUnsupported) rather than touched.
Status migrate(Db& db, const std::vector<Migration>& migrations, int target = 0);

}  // namespace fc::core
