// A vehicle's history across domains, newest first: every earlier work order (when, its number,
// its state, the work on it), the yellow and red findings the technicians recorded, and the work
// the customer declined ("前轮刹车片 2.5 mm，客户暂不更换 — 2026-10-02"). Shown when the car is
// checked in again and when a work order is opened, so the advisor can offer what was put off.
//
//   FC_ASSIGN(VehicleHistory h, services.get<VehicleHistoryQueries>().forVehicle(vehicleId));
//   for (const DeclinedWork& d : h.declined) …  // d.description, d.findingNote, d.at
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/workorders/job_state.hpp"

namespace fc::core {

struct PastWorkOrder {
    std::string id;
    std::string number;  // the hub's number, else the provisional one
    int64_t openedAt = 0;
    std::optional<int64_t> odometerKm;
    WorkOrderStatus status = WorkOrderStatus::kOpen;
    std::vector<std::string> work;  // the lines the customer had done (standard and approved)
    std::string concerns;
};

struct PastFinding {
    std::string workOrderId;
    std::string level;  // yellow, red
    std::string note;
    int64_t at = 0;
};

struct DeclinedWork {
    std::string workOrderId;
    std::string description;  // the line ("刹车片更换")
    std::string findingNote;  // what was found, when the line came from a finding
    int64_t at = 0;           // when the order was opened
};

struct VehicleHistory {
    std::vector<PastWorkOrder> orders;  // newest first
    std::vector<PastFinding> findings;  // newest first
    std::vector<DeclinedWork> declined; // newest first
};

class VehicleHistoryQueries {
public:
    explicit VehicleHistoryQueries(Store& store) : m_store(store) {}
    // `limit`: the newest orders to read (their findings and declined work with them).
    Result<VehicleHistory> forVehicle(const std::string& vehicleId, size_t limit = 50);

private:
    Store& m_store;
};

}  // namespace fc::core
