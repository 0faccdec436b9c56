#include "shared/capture/tables.hpp"

namespace fc::core {

int TableDef::columnIndex(std::string_view column) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == column) return static_cast<int>(i);
    return -1;
}

std::string guardTriggersSql(const TableDef& table) {
    std::string sql;
    for (const char* op : {"INSERT", "UPDATE", "DELETE"}) {
        std::string lower = op;
        for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
        sql += "CREATE TRIGGER " + table.name + "_guard_" + lower + " BEFORE " + op + " ON " +
               table.name + " WHEN fc_write_mode() = 0 BEGIN SELECT RAISE(ABORT, '" + lower +
               " on " + table.name + " bypasses change capture: write through the services'); END;\n";
    }
    if (table.kind == TableKind::kFact) {
        // Facts are never updated or deleted, whatever the mode (only migrations may reshape them).
        sql += "CREATE TRIGGER " + table.name + "_fact_immutable BEFORE UPDATE ON " + table.name +
               " WHEN fc_write_mode() <> 3 BEGIN SELECT RAISE(ABORT, '" + table.name +
               " holds facts: they are never updated, only reversed by a new fact'); END;\n";
        sql += "CREATE TRIGGER " + table.name + "_fact_undeletable BEFORE DELETE ON " +
               table.name + " WHEN fc_write_mode() <> 3 BEGIN SELECT RAISE(ABORT, '" + table.name +
               " holds facts: they are never deleted'); END;\n";
    }
    return sql;
}

}  // namespace fc::core
