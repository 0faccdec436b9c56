#include "shared/capture/change_news.hpp"

#include <utility>

namespace fc::core {

const std::set<std::string>* ChangeNews::rowsOf(std::string_view table) const {
    auto it = tables.find(table);
    if (it == tables.end() || it->second.allRows) return nullptr;
    return &it->second.rows;
}

void ChangeNews::add(std::string_view table, const std::string& rowId) {
    auto it = tables.find(table);
    if (it == tables.end()) it = tables.emplace(std::string(table), TableNews{}).first;
    TableNews& t = it->second;
    if (t.allRows) return;
    t.rows.insert(rowId);
    if (t.rows.size() > kMaxRowsPerTable) {
        t.rows.clear();
        t.allRows = true;
    }
}

void ChangeNews::addAll(std::string_view table) {
    auto it = tables.find(table);
    if (it == tables.end()) it = tables.emplace(std::string(table), TableNews{}).first;
    it->second.rows.clear();
    it->second.allRows = true;
}

void ChangeNews::merge(const ChangeNews& other) {
    for (const auto& [name, t] : other.tables) {
        if (t.allRows) {
            addAll(name);
            continue;
        }
        for (const std::string& id : t.rows) add(name, id);
    }
}

Status NewsCollector::changed(const RowChange& change) {
    m_news.add(change.table.name, change.id);
    return {};
}

ChangeNews NewsCollector::take() { return std::exchange(m_news, ChangeNews{}); }

}  // namespace fc::core
