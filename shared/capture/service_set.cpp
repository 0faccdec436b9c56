#include "shared/capture/service_set.hpp"

namespace fc::core {

Status replaceIndexTables(Db& db, const std::vector<IndexTable>& tables, const std::string& schema) {
    for (const IndexTable& t : tables) {
        FC_TRY(db.exec(std::string("DELETE FROM main.") + t.name));
        FC_TRY(db.exec(std::string("INSERT INTO main.") + t.name + "(" + t.columns + ") SELECT " + t.columns +
                       " FROM " + schema + "." + t.name));
    }
    return {};
}

}  // namespace fc::core
