#include "shared/capture/row.hpp"

namespace fc::core {

RowBuilder& RowBuilder::set(std::string_view column, SqlValue value) {
    if (!m_error.empty()) return *this;
    const int k = m_table.columnIndex(column);
    if (k < 0) {
        m_error = m_table.name + " has no column '" + std::string(column) + "'";
        return *this;
    }
    const ColumnDef& def = m_table.columns[static_cast<size_t>(k)];
    if (!value.isNull() && (value.type == SqlValue::Type::kInt) != def.integer) {
        m_error = m_table.name + "." + def.name + " holds " + (def.integer ? "integers" : "text") +
                  ", not " + (def.integer ? "text" : "an integer");
        return *this;
    }
    m_row[static_cast<size_t>(k)] = std::move(value);
    return *this;
}

Result<Row> RowBuilder::build() {
    if (!m_error.empty()) return internal("row: " + m_error);
    return std::move(m_row);
}

}  // namespace fc::core
