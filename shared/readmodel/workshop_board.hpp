// The workshop board: every open work order (not closed or cancelled) with what the bay board on
// a tablet and the advisor's board in the office show — number, plate, bay, status, promised time
// and whether it is overdue, the advisor, the technicians assigned and those clocked on now, the
// services, the proposed extra work waiting for the customer's answer, and whether the hub has
// seen the order. One read of the derived state (local_job_state) and the orders' lines: a store
// with 50,000 closed orders reads only its open ones.
//
//   FC_ASSIGN(std::vector<BoardJob> jobs, services.get<WorkshopBoardQueries>().openJobs(nowMs));
//   for (const BoardJob& j : jobs) … j.bayCode, j.status, j.overdue, j.clockedOnNames …
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/workorders/job_state.hpp"

namespace fc::core {

struct BoardPerson {
    std::string id;
    std::string name;
    bool operator==(const BoardPerson&) const = default;
};

struct BoardJob {
    std::string id;
    std::string provisionalNo;
    std::optional<int64_t> number;  // the hub's: set once the hub has seen the order
    std::string vehicleId;
    std::string plate;              // display form (京A·12345)
    std::string vehicleLabel;       // "丰田 卡罗拉"
    std::optional<std::string> bayId;
    std::string bayCode;            // "" when no bay (or the bay is not here yet)
    std::string bayNameZh;
    std::string bayNameEn;
    int baySort = 0;
    WorkOrderStatus status = WorkOrderStatus::kOpen;
    std::optional<int64_t> promisedAt;
    bool overdue = false;           // promised time passed and not ready yet
    int64_t openedAt = 0;
    std::optional<std::string> advisorId;
    std::string advisorName;
    std::vector<BoardPerson> technicians;  // assigned to a labour line, in first-assigned order
    std::vector<BoardPerson> clockedOn;    // clocked on now
    std::vector<std::string> serviceCodes; // labour lines the customer has (standard, approved)
    int standardMinutes = 0;               // of those lines
    int proposedLines = 0;                 // extra work waiting for the customer's answer
    int stepsDone = 0;
    int findings = 0;                      // yellow and red
    int illegal = 0;                       // merged facts that were not legal (conflicts)
    int64_t lastAt = 0;                    // the newest fact

    bool hasTechnician(const std::string& staffId) const;
};

class WorkshopBoardQueries {
public:
    explicit WorkshopBoardQueries(Store& store) : m_store(store) {}
    // Open orders by bay (bay order, no bay last), then promised time (none last), then opened.
    Result<std::vector<BoardJob>> openJobs(int64_t nowMs);

private:
    Store& m_store;
};

}  // namespace fc::core
