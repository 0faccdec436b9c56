// Builds a Row for ChangeWriter::insert by column name instead of by position: columns not set
// are NULL, and a column the table does not have (or a value of the wrong type for it) is an
// error naming it — a positional 17-value vector fails silently when a column is added.
//
//   FC_ASSIGN(Row row, RowBuilder(tables::kStores).set("store_id", id).set("name", "南山店")
//                          .set("created_at", now).build());
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/capture/change_writer.hpp"

namespace fc::core {

class RowBuilder {
public:
    explicit RowBuilder(const TableDef& table) : m_table(table), m_row(table.columns.size()) {}

    RowBuilder& set(std::string_view column, SqlValue value);
    RowBuilder& set(std::string_view column, std::string value) {
        return set(column, SqlValue::text(std::move(value)));
    }
    RowBuilder& set(std::string_view column, const char* value) { return set(column, std::string(value)); }
    RowBuilder& set(std::string_view column, int64_t value) { return set(column, SqlValue::integer(value)); }
    RowBuilder& set(std::string_view column, int value) { return set(column, static_cast<int64_t>(value)); }
    RowBuilder& set(std::string_view column, bool value) { return set(column, int64_t{value ? 1 : 0}); }
    template <class T>
    RowBuilder& set(std::string_view column, const std::optional<T>& value) {
        return value ? set(column, *value) : set(column, SqlValue::null());
    }

    // The row, or an error naming the first unknown column or mistyped value.
    Result<Row> build();

private:
    const TableDef& m_table;
    Row m_row;
    std::string m_error;
};

}  // namespace fc::core
