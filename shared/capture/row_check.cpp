#include "shared/capture/row_check.hpp"

#include <algorithm>

#include "shared/core/text.hpp"

namespace fc::core {

const SqlValue* RowCheck::get(std::string_view column) const {
    const int c = table.columnIndex(column);
    if (c < 0 || std::find(columns.begin(), columns.end(), c) == columns.end()) return nullptr;
    return &values[static_cast<size_t>(c)];
}

Result<SqlValue> RowCheck::stored(std::string_view column) const {
    if (table.columnIndex(column) < 0) return internal("row rule: " + table.name + " has no column " + std::string(column));
    FC_ASSIGN(Stmt * s, db.cached("SELECT " + std::string(column) + " FROM " + table.name + " WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool found, s->step());
    SqlValue v = found ? s->getValue(0) : SqlValue::null();
    s->reset();
    return v;
}

Result<SqlValue> RowCheck::after(std::string_view column) const {
    if (const SqlValue* v = get(column)) return *v;
    return stored(column);
}

namespace {

RowFault fault(std::string_view column, std::string why) { return {std::string(column), std::move(why)}; }

}  // namespace

RowFault keyIn(const RowCheck& row, std::string_view column, const std::vector<std::string>& keys) {
    const SqlValue* v = row.get(column);
    if (!v || v->isNull()) return {};
    if (v->type == SqlValue::Type::kText && std::find(keys.begin(), keys.end(), v->s) != keys.end()) return {};
    std::string list;
    for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
    return fault(column, "is not one of: " + list);
}

RowFault plainText(const RowCheck& row, std::string_view column, size_t maxChars, bool required) {
    const SqlValue* v = row.get(column);
    if (!v || v->isNull()) return {};
    if (v->type != SqlValue::Type::kText) return fault(column, "is not text");
    if (hasHiddenCharacters(v->s)) return fault(column, "holds control, direction-override or undecodable characters");
    if (required && trim(v->s).empty()) return fault(column, "is empty");
    if (maxChars && utf8Length(v->s) > maxChars)
        return fault(column, "is longer than " + std::to_string(maxChars) + " characters");
    return {};
}

RowFault intIn(const RowCheck& row, std::string_view column, int64_t lo, int64_t hi, bool required) {
    const SqlValue* v = row.get(column);
    if (!v) return {};
    if (v->isNull()) return required ? fault(column, "is required") : RowFault{};
    if (v->type != SqlValue::Type::kInt) return fault(column, "is not a whole number");
    if (v->i < lo || v->i > hi)
        return fault(column, "is out of range (" + std::to_string(lo) + " to " + std::to_string(hi) + ")");
    return {};
}

RowFault minLength(const RowCheck& row, std::string_view column, size_t minBytes) {
    const SqlValue* v = row.get(column);
    if (!v || v->isNull()) return {};
    if (v->type != SqlValue::Type::kText || v->s.size() < minBytes)
        return fault(column, "is shorter than " + std::to_string(minBytes) + " characters");
    return {};
}

RowFault deviceIsAuthor(const RowCheck& row, std::string_view column) {
    const SqlValue* v = row.get(column);
    if (!v || v->isNull()) return {};
    if (v->type == SqlValue::Type::kText && v->s == row.author) return {};
    return fault(column, "names a device other than the one that wrote it");
}

Result<RowFault> uniqueAmongRows(const RowCheck& row, std::string_view column) {
    const SqlValue* v = row.get(column);
    if (!v || v->isNull() || (v->type == SqlValue::Type::kText && v->s.empty())) return RowFault{};
    const std::string col(column);
    FC_ASSIGN(Stmt * s, row.db.cached("SELECT count(*) FROM " + row.table.name + " WHERE " + col +
                                      " = ? AND id <> ?"));
    s->bind(1, *v);
    s->bind(2, row.id);
    FC_ASSIGN(bool found, s->step());
    const bool taken = found && s->getInt(0) > 0;
    s->reset();
    if (taken) return fault(column, "is already used by another row");
    return RowFault{};
}

RowFault firstFault(std::initializer_list<RowFault> faults) {
    for (const RowFault& f : faults)
        if (!f.ok()) return f;
    return {};
}

}  // namespace fc::core
