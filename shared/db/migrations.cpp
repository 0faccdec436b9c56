#include "shared/db/migrations.hpp"

namespace fc::core {

Result<int> schemaVersion(Db& db) {
    FC_ASSIGN(auto v, db.queryInt("PRAGMA user_version"));
    return static_cast<int>(v.value_or(0));
}

Status migrate(Db& db, const std::vector<Migration>& migrations, int target) {
    const int newest = migrations.empty() ? 0 : migrations.back().version;
    if (target == 0) target = newest;
    FC_ASSIGN(int version, schemaVersion(db));
    if (version > newest)
        return Error(Errc::kUnsupported,
                     "database '" + db.path() + "' is at schema version " + std::to_string(version) +
                         ", newer than this program (" + std::to_string(newest) +
                         "): upgrade Forecourt");
    if (target > newest || target < version)
        return invalid("cannot migrate from version " + std::to_string(version) + " to " +
                       std::to_string(target) + ": migrations only go forward");
    WriteModeScope mode(db, WriteMode::kMigrate);
    for (const Migration& m : migrations) {
        if (m.version <= version || m.version > target) continue;
        Tx tx(db);
        FC_TRY(tx.begin());
        for (const auto& step : m.steps) {
            if (auto r = step(db); !r)
                return r.error().context("migration " + std::to_string(m.version) + " (" + m.name + ")");
        }
        FC_TRY(db.exec("PRAGMA user_version = " + std::to_string(m.version)));
        FC_TRY(tx.commit());
    }
    return {};
}

}  // namespace fc::core
