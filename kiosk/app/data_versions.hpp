// Per-table versions of the data under the screens: bumped by the news of a local save or of a
// pulled sync page (core::ChangeNews), read by screens that reload what they show only when a
// table they read has changed — not on every frame, and not when something unrelated moved.
//
//   DataWatch m_watch{app.data, {&tables::kAppointments, &tables::kVisits, &tables::kCustomers}};
//   if (m_watch.changed()) reload();       // in draw(): the first time, then after each change
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/change_news.hpp"
#include "shared/capture/tables.hpp"

namespace fc::ui {

class DataVersions {
public:
    // Every table the news names moves on by one.
    void bump(const core::ChangeNews& news) {
        for (const auto& [table, _] : news.tables) ++m_versions[table];
        ++m_total;
    }
    uint64_t of(std::string_view table) const {
        auto it = m_versions.find(table);
        return it == m_versions.end() ? 0 : it->second;
    }
    // How many pieces of news have arrived (tests).
    uint64_t total() const { return m_total; }

private:
    std::map<std::string, uint64_t, std::less<>> m_versions;
    uint64_t m_total = 0;
};

// What one screen (or one part of it) reads.
class DataWatch {
public:
    DataWatch(const DataVersions& versions, std::initializer_list<const core::TableDef*> tables)
        : m_versions(versions) {
        for (const core::TableDef* t : tables) m_tables.push_back(t->name);
    }
    // True the first time and whenever one of the tables changed since the last true.
    bool changed() {
        uint64_t sum = 0;
        for (const std::string& t : m_tables) sum += m_versions.of(t);
        if (m_seen && sum == m_sum) return false;
        m_seen = true;
        m_sum = sum;
        return true;
    }
    // Look again at the next changed() (a screen coming back into view after a while).
    void invalidate() { m_seen = false; }

private:
    const DataVersions& m_versions;
    std::vector<std::string> m_tables;
    uint64_t m_sum = 0;
    bool m_seen = false;
};

}  // namespace fc::ui
