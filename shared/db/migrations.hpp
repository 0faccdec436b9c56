// Forward-only numbered migrations. The schema version lives in PRAGMA user_version; each
// migration runs in one transaction together with whatever capture machinery it needs.
//
//   FC_TRY(migrate(db));                     // to currentSchemaVersion()
//   FC_TRY(migrate(db, 2));                  // tests: build a database at an older version
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "shared/db/sqlite.hpp"

namespace fc::core {

struct Migration {
    int version;       // the schema version after this migration
    std::string name;  // what it does, for logs
    std::function<Status(Db&)> apply;
};

const std::vector<Migration>& migrations();
int currentSchemaVersion();
Result<int> schemaVersion(Db& db);

// Applies every migration above the database's version up to `target`. A database newer than this
// program is refused (Errc::kUnsupported) rather than touched.
Status migrate(Db& db, int target);
inline Status migrate(Db& db) { return migrate(db, currentSchemaVersion()); }

}  // namespace fc::core
