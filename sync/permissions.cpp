#include "sync/permissions.hpp"

#include "shared/registry.hpp"
#include "sync/merge.hpp"

namespace fc::sync {

std::string checkWrite(core::DeviceRole role, const Change& c) {
    std::vector<std::string> columns;
    if (c.op == ChangeOp::kUpdate)
        for (auto it = c.data.begin(); it != c.data.end(); ++it) columns.push_back(it.key());
    return core::storeRegistry().checkWrite(role, *c.table, c.op, columns);
}

Result<std::string> checkValues(const Change& c, const std::string& author, core::Db& db) {
    const core::TableDef& t = *c.table;
    core::Row values(t.columns.size());
    std::vector<int> columns;
    switch (c.op) {
        case ChangeOp::kTombstone: return std::string();
        case ChangeOp::kInsert:
        case ChangeOp::kFact:
            // The decoder gives an insert one value per column (older shapes widened with nulls).
            if (!c.data.is_array() || c.data.size() != t.columns.size())
                return std::string(t.name + ": the row does not have the table's columns");
            for (size_t i = 0; i < t.columns.size(); ++i) {
                values[i] = jsonToSql(c.data[i]);
                columns.push_back(static_cast<int>(i));
            }
            break;
        case ChangeOp::kUpdate:
            if (!c.data.is_object()) return std::string(t.name + ": an update names its columns");
            for (auto it = c.data.begin(); it != c.data.end(); ++it) {
                const int col = t.columnIndex(it.key());
                if (col < 0) return std::string(t.name + ": an update names a column the table does not have");
                values[static_cast<size_t>(col)] = jsonToSql(it.value());
                columns.push_back(col);
            }
            break;
    }
    return core::storeRegistry().checkRow(core::RowCheck{t, c.id, c.op, author, values, columns, db});
}

}  // namespace fc::sync
