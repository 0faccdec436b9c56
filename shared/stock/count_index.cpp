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
    FC_ASSIGN(Stmt * q, m_db.cached("SELECT count_id, bin_id, part_id, round, kind, counted_milli, serial, device_id, _hlc, at "
                                    "FROM stock_count_entries WHERE id = ?"));
    q->bind(1, entryId);
    FC_ASSIGN(bool row, q->step());
    if (!row) {
        q->reset();
        return {};
    }
    const LineKey line{q->getText(0), q->getText(1), q->getText(2)};
    const int64_t round = q->getInt(3);
    const std::string kind = q->getText(4);
    const int64_t counted = q->getInt(5);
    const std::string serial = q->getText(6), device = q->getText(7);
    const int64_t hlc = q->getInt(8), at = q->getInt(9);
    q->reset();
    if (!serial.empty()) return applySerial(line, serial, counted > 0, hlc, entryId, at);

    // The device's row: its entry in the highest round, the latest within it.
    FC_ASSIGN(Stmt * d, m_db.cached("SELECT round, last_hlc, last_id FROM local_count_devices WHERE count_id = ? AND "
                                    "bin_id = ? AND part_id = ? AND device_id = ?"));
    d->bind(1, std::get<0>(line));
    d->bind(2, std::get<1>(line));
    d->bind(3, std::get<2>(line));
    d->bind(4, device);
    FC_ASSIGN(bool have, d->step());
    const bool newer = !have || round > d->getInt(0) || (round == d->getInt(0) && after(hlc, entryId, d->getInt(1), d->getText(2)));
    d->reset();
    if (newer) {
        FC_ASSIGN(Stmt * up, m_db.cached("INSERT OR REPLACE INTO local_count_devices(count_id, bin_id, part_id, device_id, "
                                         "round, kind, counted_milli, last_hlc, last_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        up->bind(1, std::get<0>(line));
        up->bind(2, std::get<1>(line));
        up->bind(3, std::get<2>(line));
        up->bind(4, device);
        up->bind(5, round);
        up->bind(6, kind);
        up->bind(7, counted);
        up->bind(8, hlc);
        up->bind(9, entryId);
        FC_TRY(up->run());
    }
    return stateFromDevices(line, at);
}

Status CountIndex::applySerial(const LineKey& line, const std::string& serial, bool there, int64_t hlc,
                               const std::string& entryId, int64_t at) {
    const auto& [countId, binId, partId] = line;
    FC_ASSIGN(Stmt * s, m_db.cached("SELECT present, last_hlc, last_id FROM local_count_serials WHERE count_id = ? AND "
                                    "bin_id = ? AND part_id = ? AND serial = ?"));
    s->bind(1, countId);
    s->bind(2, binId);
    s->bind(3, partId);
    s->bind(4, serial);
    FC_ASSIGN(bool have, s->step());
    const bool was = have && s->getInt(0) != 0;
    const bool newer = !have || after(hlc, entryId, s->getInt(1), s->getText(2));
    s->reset();
    if (newer) {
        FC_ASSIGN(Stmt * up, m_db.cached("INSERT OR REPLACE INTO local_count_serials(count_id, bin_id, part_id, "
                                         "serial, present, last_hlc, last_id) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        up->bind(1, countId);
        up->bind(2, binId);
        up->bind(3, partId);
        up->bind(4, serial);
        up->bind(5, there ? 1 : 0);
        up->bind(6, hlc);
        up->bind(7, entryId);
        FC_TRY(up->run());
    }
    // The line moves by the one serial that came or went: a union, always counted.
    const int64_t delta = newer ? (there ? 1000 : 0) - (was ? 1000 : 0) : 0;
    FC_ASSIGN(Stmt * st, m_db.cached("SELECT figure_milli, count_hlc, last_at FROM local_count_state WHERE count_id = ? "
                                     "AND bin_id = ? AND part_id = ?"));
    st->bind(1, countId);
    st->bind(2, binId);
    st->bind(3, partId);
    FC_ASSIGN(bool row, st->step());
    const int64_t figure = (row ? st->getInt(0) : 0) + delta;
    const int64_t countHlc = std::max(row ? st->getInt(1) : 0, hlc), lastAt = std::max(row ? st->getInt(2) : 0, at);
    st->reset();
    FC_ASSIGN(Stmt * up, m_db.cached("INSERT OR REPLACE INTO local_count_state(count_id, bin_id, part_id, round, state, "
                                     "figure_milli, figures, count_hlc, devices, last_at) "
                                     "VALUES (?, ?, ?, 1, 'counted', ?, ?, ?, 1, ?)"));
    up->bind(1, countId);
    up->bind(2, binId);
    up->bind(3, partId);
    up->bind(4, figure);
    up->bind(5, std::to_string(figure));
    up->bind(6, countHlc);
    up->bind(7, lastAt);
    return up->run();
}

Status CountIndex::stateFromDevices(const LineKey& line, int64_t at) {
    const auto& [countId, binId, partId] = line;
    // The devices' rows in the latest round: their figures (a recount request carries none).
    int64_t round = 0, countHlc = 0;
    std::set<int64_t> distinct;
    int devices = 0;
    FC_ASSIGN(Stmt * d, m_db.cached("SELECT round, kind, counted_milli, last_hlc FROM local_count_devices WHERE "
                                    "count_id = ? AND bin_id = ? AND part_id = ? ORDER BY round DESC"));
    d->bind(1, countId);
    d->bind(2, binId);
    d->bind(3, partId);
    FC_TRY(d->each([&](Stmt& r) {
        if (round == 0) round = r.getInt(0);
        if (r.getInt(0) != round || r.getText(1) != "count") return;
        distinct.insert(r.getInt(2));
        countHlc = std::max(countHlc, r.getInt(3));
        ++devices;
    }));
    if (round == 0) return {};
    std::string state = "recount", figures;
    int64_t figure = 0;
    for (int64_t f : distinct) figures += (figures.empty() ? "" : "/") + std::to_string(f);
    if (distinct.size() == 1) {
        state = "counted";
        figure = *distinct.begin();
    } else if (distinct.size() > 1) {
        state = "disagree";
    }
    FC_ASSIGN(Stmt * prev, m_db.cached("SELECT last_at FROM local_count_state WHERE count_id = ? AND bin_id = ? AND "
                                       "part_id = ?"));
    prev->bind(1, countId);
    prev->bind(2, binId);
    prev->bind(3, partId);
    FC_ASSIGN(bool had, prev->step());
    const int64_t lastAt = std::max(had ? prev->getInt(0) : 0, at);
    prev->reset();
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
    up->bind(9, static_cast<int64_t>(devices));
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
    // Each entry is applied against what is newer already, so the order they come in is free.
    for (const std::string& id : pending) FC_TRY(applyEntry(id));
    return {};
}

Status CountIndex::rebuild() {
    m_pending.clear();
    FC_TRY(m_db.exec("DELETE FROM local_count_state; DELETE FROM local_count_serials; DELETE FROM local_count_devices;"));
    std::vector<std::string> entries;
    FC_ASSIGN(Stmt * s, m_db.cached("SELECT id FROM stock_count_entries ORDER BY _hlc, id"));
    FC_TRY(s->each([&](Stmt& r) { entries.push_back(r.getText(0)); }));
    for (const std::string& id : entries) FC_TRY(applyEntry(id));
    return {};
}

const std::vector<IndexTable>& CountIndex::tables() {
    static const std::vector<IndexTable> t = {
        {"local_count_state", "count_id,bin_id,part_id,round,state,figure_milli,figures,count_hlc,devices,last_at"},
        {"local_count_serials", "count_id,bin_id,part_id,serial,present,last_hlc,last_id"},
        {"local_count_devices", "count_id,bin_id,part_id,device_id,round,kind,counted_milli,last_hlc,last_id"}};
    return t;
}

Status CountIndex::loadFrom(const std::string& schema) {
    m_pending.clear();
    return replaceIndexTables(m_db, tables(), schema);
}

}  // namespace fc::core
