// Where each line of a stock count stands, derived from the count's entries (facts) and kept in
// local tables, so a tablet's progress bar and the office's review read one indexed row per line,
// never every scan. Kept current by every entry this replica writes or merges (in the same
// transaction), rebuilt from the entries after a restore, copied from a hub snapshot.
//
//   local_count_state(count_id, bin_id, part_id) → round, state, figure_milli, figures, count_hlc
//   local_count_devices(count_id, bin_id, part_id, device_id) → the device's latest entry
//   local_count_serials(count_id, bin_id, part_id, serial) → there or not, by its latest entry
//
// Each entry costs the same however many came before it on the line (a line of 10,000 serials,
// or 1,000 scans of one box): it moves its device's row, or its serial's, and the line's state is
// made again from the line's few device rows (or moved by one serial).
//
// A line's state, whatever order the entries arrive in (a pure function of its entries):
//   - serial-tracked: the serials whose last entry says "there", counted by any device (a union:
//     a serial is one unit however many tablets scan it); always "counted".
//   - otherwise, in the line's latest round: each device's last entry is its figure. One device,
//     or several with the same figure: "counted" (equal counts de-duplicate); different figures:
//     "disagree" (a recount, never a sum); a round opened by a recount request with no figure
//     yet: "recount". count_hlc is the newest of the figures' entries: the books' expected
//     quantity is what the movements before it add up to (count_service.hpp).
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "shared/capture/service_set.hpp"

namespace fc::core {

class CountIndex final : public DerivedIndex {
public:
    explicit CountIndex(Db& db) : m_db(db) {}
    Status changed(const RowChange& change) override;
    Status changedMany(const TableDef& table, const std::vector<std::string>& ids) override;
    Status flush() override;
    Status rebuild() override;
    Status loadFrom(const std::string& schema) override;
    static const std::vector<IndexTable>& tables();

private:
    using LineKey = std::tuple<std::string, std::string, std::string>;  // count, bin, part
    Status applyEntry(const std::string& entryId);
    Status applySerial(const LineKey& line, const std::string& serial, bool there, int64_t hlc,
                       const std::string& entryId, int64_t at);
    // The line's state from its device rows (not serial-tracked lines).
    Status stateFromDevices(const LineKey& line, int64_t at);

    Db& m_db;
    std::set<std::string> m_pending;  // a bulk: applied at flush
};

}  // namespace fc::core
