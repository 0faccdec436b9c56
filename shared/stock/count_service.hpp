// Stock counts (盘点) on several tablets, offline: open a count (whole store, zones, bins, fast
// movers, parts not counted for N days), count it by scanning — each scan adds one to this
// device's figure for the part in the current bin —, review the variances in the office and post
// them as movements in one transaction.
//
//   auto& counts = services.get<CountService>();
//   FC_ASSIGN(std::string id, counts.open(by, {.scope = "zones", .zones = {"A"}}));   // blind
//   FC_ASSIGN(CountLine l, counts.scan(by, id, bin, part));       // l.mineMilli == 1000
//   FC_ASSIGN(CountLine l2, counts.setCounted(by, id, bin, part, 12'000));   // typed: 12
//   FC_ASSIGN(CountReview r, counts.review(id));                 // per line and in total
//   FC_ASSIGN(PostResult p, counts.post(manager, id, {}));        // counted − expected, once
//
// Expected at count time: the movements of the part in the bin made before the line was counted
// (HLC before its figure's newest entry) — what the counting tablet's books held, plus what other
// devices did before the count and it had not heard of yet. Receipts and issues made during or
// after the count are not in it, so they still count after posting. Each entry also records what
// its device's books held (expected_milli), shown on a non-blind count.
//
// Two tablets counting a line with the same figure de-duplicate; with different figures the line
// asks for a recount, never a sum: a device that counted it may correct its own figure (a tablet
// still scanning disagrees only until it has finished), anyone else counts it again from zero in
// a new round, which replaces the disagreeing one. Posting is refused while
// a line disagrees or waits for its recount, while lines of a full count are uncounted unless the
// person confirmed they are zero (PostOptions::confirmUncounted, after seeing the list), and while
// a line's variance is worth more than the count's threshold unless a manager approves
// (kResolveConflicts) or asks for a recount. A count is posted once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

class Store;
class Session;
class PartService;
class StockService;

const std::vector<std::string>& countScopes();  // full zones bins fast stale

struct CountSpec {
    std::string scope = "full";
    std::vector<std::string> zones;     // scope zones: "A", "B"
    std::vector<std::string> binCodes;  // scope bins: "A-01-03", …
    int days = 90;                      // scope stale: parts not counted for this many days
    int top = 200;                      // scope fast: the parts issued most in the last 30 days
    bool blind = true;
    int64_t thresholdFen = 20'000;  // a line's variance worth more needs a manager (¥200)
    std::string note;
};

struct StockCount {
    std::string id;
    std::string number;  // "PD-1207-01"
    std::string scope;
    std::string scopeDetail;
    bool blind = true;
    int64_t thresholdFen = 0;
    std::string status;  // open | posted | cancelled
    int64_t openedAt = 0;
    int64_t postedAt = 0;
    std::string note;
};

struct CountProgress {
    size_t lines = 0;     // on the list, and added during the count
    size_t counted = 0;   // agreed figures
    size_t disagree = 0;  // devices disagree: recount
    size_t recount = 0;   // a recount asked for, not done yet
    size_t uncounted() const { return lines - counted - disagree - recount; }
};

struct CountLine {
    std::string partId;
    std::string binId;
    std::string binCode;
    std::string sku;
    std::string nameZh;
    std::string nameEn;
    std::string unit;
    std::string tracking;
    bool onList = true;            // false: added during the count
    std::string state;             // uncounted | counted | disagree | recount
    int64_t figureMilli = 0;       // the agreed figure (counted)
    std::string figures;           // the devices' figures, "5000/6000"
    int round = 0;                 // 0: nothing counted yet
    int devices = 0;               // devices with a figure in the round
    int64_t mineMilli = 0;         // this device's figure in the round it counts in now
    int64_t expectedNowMilli = 0;  // this device's books now (shown on a non-blind count only)
};

struct CountBin {
    std::string binId;
    std::string code;
    size_t lines = 0;
    size_t counted = 0;
};

struct VarianceLine {
    CountLine line;
    int64_t expectedMilli = 0;  // the books at count time
    int64_t varianceMilli = 0;  // counted − expected
    int64_t avgCostFen = 0;
    int64_t valueFen = 0;  // variance × average cost, signed
    bool overThreshold = false;
};

struct CountReview {
    StockCount count;
    CountProgress progress;
    std::vector<VarianceLine> lines;     // counted lines, the largest variance value first
    std::vector<CountLine> uncounted;    // become zero on posting a full count, once confirmed
    std::vector<CountLine> recounts;     // disagree or recount: posting waits for them
    int64_t gainFen = 0;                 // the positive variances' value
    int64_t lossFen = 0;                 // the negative ones' (≤ 0)
    int64_t netFen = 0;
    size_t overThreshold = 0;
};

struct PostOptions {
    bool confirmUncounted = false;  // a full count's uncounted lines are zero (the person saw them)
    bool approve = false;           // a manager approves the lines over the threshold
};

struct PostResult {
    size_t movements = 0;
    int64_t netFen = 0;
};

class CountService {
public:
    CountService(Store& store, PartService& parts, StockService& stock) : m_store(store), m_parts(parts), m_stock(stock) {}

    // [SECTION] counts (kManageInventory)
    Result<std::string> open(const Session& by, const CountSpec& spec);
    Status cancel(const Session& by, const std::string& countId);
    Result<std::vector<StockCount>> counts(bool openOnly = true);
    Result<StockCount> get(const std::string& countId);

    // [SECTION] counting on a tablet
    Result<CountProgress> progress(const std::string& countId);
    Result<std::vector<CountBin>> bins(const std::string& countId);
    // The lines in one bin: the list's and those added during the count.
    Result<std::vector<CountLine>> lines(const std::string& countId, const std::string& binId);
    Result<std::vector<CountLine>> uncounted(const std::string& countId, size_t limit = 1000);
    Result<CountLine> line(const std::string& countId, const std::string& binId, const std::string& partId);
    // One more of the part in the bin, on this device's figure (a serial-tracked part: the serial).
    Result<CountLine> scan(const Session& by, const std::string& countId, const std::string& binId,
                           const std::string& partId, const std::string& serial = "");
    // The figure typed on the keypad (0 and up).
    Result<CountLine> setCounted(const Session& by, const std::string& countId, const std::string& binId,
                                 const std::string& partId, int64_t countedMilli);
    // Puts back this device's figure from before its last entry in the count; nullopt: nothing to undo.
    Result<std::optional<CountLine>> undoLast(const Session& by, const std::string& countId);
    // The office asks for a line to be counted again (a new round).
    Status requestRecount(const Session& by, const std::string& countId, const std::string& binId,
                          const std::string& partId);

    // [SECTION] review and posting (office)
    Result<CountReview> review(const std::string& countId);
    Result<PostResult> post(const Session& by, const std::string& countId, const PostOptions& options);

private:
    Result<StockCount> requireOpen(const std::string& countId);
    Status insertEntry(const Session& by, const std::string& countId, const std::string& binId,
                       const std::string& partId, int round, const std::string& kind, int64_t countedMilli,
                       const std::string& serial);
    // The round this device counts the line in now, and its figure there.
    Result<std::pair<int, int64_t>> myRound(const std::string& countId, const std::string& binId,
                                            const std::string& partId);
    Result<int64_t> expectedAt(const std::string& partId, const std::string& binId, int64_t beforeHlc);

    Store& m_store;
    PartService& m_parts;
    StockService& m_stock;
};

}  // namespace fc::core
