#include "shared/stock/count_index.hpp"

#include <algorithm>
#include <map>

#include "shared/stock/tables.hpp"

namespace fc::core {

namespace {

// (hlc, id): the order every replica agrees on.
bool after(int64_t hlc, const std::string& id, int64_t lastHlc, const std::string& lastId) {
    return hlc != lastHlc ? hlc > lastHlc : id > lastId;
}

}  // namespace

Status CountIndex::applyEntry(const std::string& entryId) {
    FC_ASSIGN(Stmt * q, m_db.cached("SELECT count_id, bin_id, part_id, serial, counted_milli, _hlc FROM "
                                    "stock_count_entries WHERE id = ?"));
    q->bind(1, entryId);
    FC_ASSIGN(bool row, q->step());
    if (!row) {
        q->reset();
        return {};
    }
    const LineKey line{q->getText(0), q->getText(1), q->getText(2)};
    const std::string serial = q->getText(3);
    const int64_t counted = q->getInt(4), hlc = q->getInt(5);
    q->reset();
    if (!serial.empty()) {
        // A serial: its last entry (in the agreed order) says whether it is there.
        FC_ASSIGN(Stmt * s, m_db.cached("SELECT last_hlc, last_id FROM local_count_serials WHERE count_id = ? AND "
                                        "bin_id = ? AND part_id = ? AND serial = ?"));
        s->bind(1, std::get<0>(line));
        s->bind(2, std::get<1>(line));
        s->bind(3, std::get<2>(line));
        s->bind(4, serial);
        FC_ASSIGN(bool have, s->step());
        const bool newer = !have || after(hlc, entryId, s->getInt(0), s->getText(1));
        s->reset();
        if (newer) {
            FC_ASSIGN(Stmt * up, m_db.cached("INSERT OR REPLACE INTO local_count_serials(count_id, bin_id, part_id, "
                                             "serial, present, last_hlc, last_id) VALUES (?, ?, ?, ?, ?, ?, ?)"));
            up->bind(1, std::get<0>(line));
            up->bind(2, std::get<1>(line));
            up->bind(3, std::get<2>(line));
            up->bind(4, serial);
            up->bind(5, counted > 0 ? 1 : 0);
            up->bind(6, hlc);
            up->bind(7, entryId);
            FC_TRY(up->run());
        }
    }
    return recomputeLine(line);
}

Status CountIndex::recomputeLine(const LineKey& line) {
    const auto& [countId, binId, partId] = line;
    int round = 0, devices = 0;
    std::string state, figures;
    int64_t figure = 0, countHlc = 0, lastAt = 0;

    FC_ASSIGN(Stmt * serials, m_db.cached("SELECT count(*), coalesce(sum(present), 0), coalesce(max(last_hlc), 0) FROM "
                                          "local_count_serials WHERE count_id = ? AND bin_id = ? AND part_id = ?"));
    serials->bind(1, countId);
    serials->bind(2, binId);
    serials->bind(3, partId);
    FC_TRY(serials->step());
    const int64_t serialRows = serials->getInt(0), present = serials->getInt(1), serialHlc = serials->getInt(2);
    serials->reset();

    if (serialRows > 0) {
        round = 1;
        state = "counted";
        figure = present * 1000;
        figures = std::to_string(figure);
        countHlc = serialHlc;
        devices = 1;
    } else {
        // Each device's last figure in the latest round.
        struct Last {
            int64_t hlc = -1;
            std::string id;
            int64_t counted = 0;
        };
        std::map<std::string, Last> byDevice;
        FC_ASSIGN(Stmt * e, m_db.cached("SELECT id, round, kind, counted_milli, device_id, _hlc, at FROM "
                                        "stock_count_entries WHERE count_id = ? AND part_id = ? AND bin_id = ? "
                                        "AND serial = '' ORDER BY round, _hlc, id"));
        e->bind(1, countId);
        e->bind(2, partId);
        e->bind(3, binId);
        bool any = false;
        FC_TRY(e->each([&](Stmt& r) {
            any = true;
            const int entryRound = static_cast<int>(r.getInt(1));
            if (entryRound > round) {
                round = entryRound;
                byDevice.clear();
            }
            lastAt = std::max(lastAt, r.getInt(6));
            if (r.getText(2) != "count") return;
            Last& l = byDevice[r.getText(4)];
            l = Last{r.getInt(5), r.getText(0), r.getInt(3)};
        }));
        if (!any) {
            FC_ASSIGN(Stmt * del, m_db.cached("DELETE FROM local_count_state WHERE count_id = ? AND bin_id = ? AND "
                                              "part_id = ?"));
            del->bind(1, countId);
            del->bind(2, binId);
            del->bind(3, partId);
            return del->run();
        }
        std::set<int64_t> distinct;
        for (const auto& [device, l] : byDevice) {
            distinct.insert(l.counted);
            countHlc = std::max(countHlc, l.hlc);
        }
        devices = static_cast<int>(byDevice.size());
        for (int64_t f : distinct) figures += (figures.empty() ? "" : "/") + std::to_string(f);
        if (distinct.empty()) {
            state = "recount";
        } else if (distinct.size() == 1) {
            state = "counted";
            figure = *distinct.begin();
        } else {
            state = "disagree";
        }
    }
    if (serialRows > 0) {
        FC_ASSIGN(Stmt * at, m_db.cached("SELECT coalesce(max(at), 0) FROM stock_count_entries WHERE count_id = ? AND "
                                         "part_id = ? AND bin_id = ?"));
        at->bind(1, countId);
        at->bind(2, partId);
        at->bind(3, binId);
        FC_TRY(at->step());
        lastAt = at->getInt(0);
        at->reset();
    }
    FC_ASSIGN(Stmt * up, m_db.cached("INSERT OR REPLACE INTO local_count_state(count_id, bin_id, part_id, round, state, "
                                     "figure_milli, figures, count_hlc, devices, last_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    up->bind(1, countId);
    up->bind(2, binId);
    up->bind(3, partId);
    up->bind(4, round);
    up->bind(5, state);
    up->bind(6, figure);
    up->bind(7, figures);
    up->bind(8, countHlc);
    up->bind(9, devices);
    up->bind(10, lastAt);
    return up->run();
}

Status CountIndex::changed(const RowChange& change) {
    if (&change.table != &tables::kStockCountEntries) return {};
    return applyEntry(change.id);
}

Status CountIndex::changedMany(const TableDef& table, const std::vector<std::string>& ids) {
    if (&table != &tables::kStockCountEntries) return {};
    m_pending.insert(ids.begin(), ids.end());
    return {};
}

Status CountIndex::flush() {
    std::set<std::string> pending;
    pending.swap(m_pending);
    if (pending.empty()) return {};
    // Serials in the agreed order, then each touched line once.
    std::vector<std::pair<int64_t, std::string>> ordered;
    std::set<LineKey> lines;
    FC_ASSIGN(Stmt * h, m_db.cached("SELECT _hlc, count_id, bin_id, part_id, serial, counted_milli FROM "
                                    "stock_count_entries WHERE id = ?"));
    for (const std::string& id : pending) {
        h->bind(1, id);
        FC_ASSIGN(bool row, h->step());
        if (row) {
            if (h->getText(4).empty())
                lines.insert({h->getText(1), h->getText(2), h->getText(3)});
            else
                ordered.emplace_back(h->getInt(0), id);
        }
        h->reset();
    }
    std::sort(ordered.begin(), ordered.end());
    for (const auto& [hlc, id] : ordered) FC_TRY(applyEntry(id));
    for (const LineKey& line : lines) FC_TRY(recomputeLine(line));
    return {};
}

Status CountIndex::rebuild() {
    m_pending.clear();
    FC_TRY(m_db.exec("DELETE FROM local_count_state; DELETE FROM local_count_serials;"));
    std::vector<std::string> serialEntries;
    FC_ASSIGN(Stmt * s, m_db.cached("SELECT id FROM stock_count_entries WHERE serial <> '' ORDER BY _hlc, id"));
    FC_TRY(s->each([&](Stmt& r) { serialEntries.push_back(r.getText(0)); }));
    for (const std::string& id : serialEntries) FC_TRY(applyEntry(id));
    std::vector<LineKey> lines;
    FC_ASSIGN(Stmt * l, m_db.cached("SELECT DISTINCT count_id, bin_id, part_id FROM stock_count_entries WHERE serial = ''"));
    FC_TRY(l->each([&](Stmt& r) { lines.emplace_back(r.getText(0), r.getText(1), r.getText(2)); }));
    for (const LineKey& line : lines) FC_TRY(recomputeLine(line));
    return {};
}

const std::vector<IndexTable>& CountIndex::tables() {
    static const std::vector<IndexTable> t = {
        {"local_count_state", "count_id,bin_id,part_id,round,state,figure_milli,figures,count_hlc,devices,last_at"},
        {"local_count_serials", "count_id,bin_id,part_id,serial,present,last_hlc,last_id"}};
    return t;
}

Status CountIndex::loadFrom(const std::string& schema) {
    m_pending.clear();
    return replaceIndexTables(m_db, tables(), schema);
}

}  // namespace fc::core
