// What the printed stock-count report (盘点报告) says: the count's number, scope and times, who
// opened, counted and posted it, per counted line the books at count time, the counted figure, the
// variance and its value with their signs, the lines over the count's threshold and those counted
// again (复盘), the lines nobody counted (on a posted whole-store count: what posting them as zero
// wrote off), the lines still waiting for a recount, and 盘盈 / 盘亏 / 净额. A read model over
// CountService::review plus the staff names, the store's name and its clock; no drawing here
// (platform/print/count_report.cpp lays it out as PDF).
//
//   CountReportDocuments reports(services.services());
//   FC_ASSIGN(std::string id, reports.findCount("PD-0115-01"));     // or the count's id
//   FC_ASSIGN(CountReportDoc doc, reports.countReport(id));          // doc.lossFen == -5400
//
// Quantities are thousandths of the part's unit, money integer fen, times store local time
// ("2026-01-15 09:30"). The counted lines keep review's order: the largest value first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

class CountService;
class ServiceSet;
class StaffService;
class Store;
class StoreRecord;
struct StoreTime;

// A counted line: counted − the books when it was counted.
struct CountReportLine {
    std::string binCode;
    std::string sku;
    std::string nameZh;
    std::string nameEn;  // "" when the part has none
    std::string unit;
    int64_t expectedMilli = 0;
    int64_t countedMilli = 0;
    int64_t varianceMilli = 0;  // signed
    int64_t valueFen = 0;       // variance × average cost, signed
    bool overThreshold = false;
    bool recounted = false;  // counted in a later round (复盘)
    bool added = false;      // not on the list: found during the count
};

// A line without an agreed figure: nobody counted it, or it waits for a recount.
struct CountReportPending {
    std::string binCode;
    std::string sku;
    std::string nameZh;
    std::string nameEn;
    std::string unit;
    std::string state;  // uncounted | disagree | recount
    // The books: now while the count is open; on a posted whole-store count what posting the line
    // as zero wrote off (0 when the books held nothing).
    int64_t expectedMilli = 0;
    bool postedAsZero = false;  // a posted whole-store count's uncounted line (按 0 过账)
    // A whole-store count's uncounted line at the average cost: −expected × cost (what posting it
    // as zero writes off, or wrote off); 0 otherwise.
    int64_t valueFen = 0;
};

struct CountReportDoc {
    std::string storeName;
    std::string countId;
    std::string number;       // "PD-0115-01"
    std::string scope;        // full | zones | bins | fast | stale
    std::string scopeDetail;  // zones "A,B"; bins "A-01-03,…"; fast the top N; stale the days
    bool blind = true;
    std::string status;  // open | posted | cancelled
    int64_t thresholdFen = 0;
    std::string note;
    std::string openedAt;  // store local time
    std::string postedAt;  // "" until posted
    std::string openedBy;  // staff names; "" when not known on this device
    std::string postedBy;
    std::vector<std::string> countedBy;  // who entered figures, in the order they first did
    size_t listed = 0;                   // lines on the list and added during the count
    size_t counted = 0;
    std::vector<CountReportLine> lines;
    std::vector<CountReportPending> uncounted;
    std::vector<CountReportPending> recounts;
    int64_t gainFen = 0;       // 盘盈: the positive values
    int64_t lossFen = 0;       // 盘亏: the negative ones (≤ 0)
    int64_t netFen = 0;        // 净额
    int64_t uncountedFen = 0;  // a whole-store count's uncounted lines, the sum of their values
    size_t overThreshold = 0;
    std::string printedAt;
};

class CountReportDocuments {
public:
    CountReportDocuments(Store& store, CountService& counts, StaffService& staff,
                         StoreRecord& record, const StoreTime& time);
    // The same, each service taken from an open store's set (StoreServices::services()).
    explicit CountReportDocuments(ServiceSet& set);

    // A count by its number ("PD-0115-01", case and full width forgiven) or its id; kNotFound
    // naming what was typed, kConflict when two counts carry the number (opened on two tablets
    // offline the same day): the message lists their ids.
    Result<std::string> findCount(std::string_view typed);
    Result<CountReportDoc> countReport(const std::string& countId);

private:
    std::string localTime(int64_t utcMs) const;
    std::string staffName(const std::string& staffId);

    Store& m_store;
    CountService& m_counts;
    StaffService& m_staff;
    StoreRecord& m_record;
    const StoreTime& m_time;
};

}  // namespace fc::core
