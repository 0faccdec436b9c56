// Which synced tables — and, up to a limit, which rows — writes changed: the news a screen needs
// to know whether what it shows is still current, and the glyph atlas to know which rows to look
// at. A NewsCollector watches one connection's writer: local saves and applied sync pages alike.
//
//   NewsCollector news(store.writer());
//   … saves, or a pulled page applied …
//   ChangeNews n = news.take();   // n.touches("visits"), n.rowsOf("customers")
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "shared/capture/change_writer.hpp"

namespace fc::core {

struct ChangeNews {
    // More row ids than this per table, and only "the table changed" is kept.
    static constexpr size_t kMaxRowsPerTable = 512;

    struct TableNews {
        std::set<std::string> rows;  // changed rows (empty with `allRows`)
        bool allRows = false;        // too many to list, or not known (a snapshot)
    };
    std::map<std::string, TableNews, std::less<>> tables;

    bool empty() const { return tables.empty(); }
    bool touches(std::string_view table) const { return tables.find(table) != tables.end(); }
    // The changed rows of `table`; nullptr when the table did not change or every row may have.
    const std::set<std::string>* rowsOf(std::string_view table) const;
    void add(std::string_view table, const std::string& rowId);
    void addAll(std::string_view table);
    void merge(const ChangeNews& other);
};

// Collects news from every write a ChangeWriter makes or applies (registered as an observer while
// it lives). Cheap: a set insert per changed row, bounded per table.
class NewsCollector final : public ChangeObserver {
public:
    explicit NewsCollector(ChangeWriter& writer) : m_writer(writer) { writer.addObserver(this); }
    ~NewsCollector() override { m_writer.removeObserver(this); }
    NewsCollector(const NewsCollector&) = delete;
    NewsCollector& operator=(const NewsCollector&) = delete;

    Status changed(const RowChange& change) override;
    bool deferrable() const override { return false; }  // every row, even inside a bulk

    // The news since the last take, and a fresh start.
    ChangeNews take();
    bool pending() const { return !m_news.empty(); }

private:
    ChangeWriter& m_writer;
    ChangeNews m_news;
};

}  // namespace fc::core
