// Visits (synced master data): a car at the store from check-in to collection, with its queue
// ticket, the services asked for, the odometer, the complaint, the customer's signature and a
// status-link token for the customer's status page. Created by CheckInService; moved along here.
//
//   VisitService visits(store);
//   FC_TRY(visits.setStatus(id, VisitStatus::kInService));
//   FC_ASSIGN(auto v, visits.findByStatusToken(token));     // the customer's status page
//   FC_ASSIGN(auto next, visits.callNext(staffId, "2号台"));  // the queue: "请 D1-0003 到 2号台"
//   if (next) FC_TRY(visits.recall(next->id, staffId));      // call the same ticket again
//
// Status only moves forward: waiting → in_service → ready → collected (steps may be skipped).
// The queue: today's (store day) waiting visits in check-in order; callNext takes the oldest not
// yet called and records when, by whom and to which desk (synced, like the other visit fields).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::core {

enum class VisitStatus { kWaiting, kInService, kReady, kCollected };
const char* visitStatusKey(VisitStatus s);  // waiting, in_service, ready, collected
std::optional<VisitStatus> parseVisitStatus(std::string_view key);

struct Visit {
    std::string id;
    std::string customerId;
    std::string vehicleId;
    std::optional<std::string> appointmentId;
    int64_t checkedInAt = 0;
    std::optional<int64_t> odometerKm;
    std::vector<std::string> services;  // menu codes
    std::string serviceNotes;           // what the customer asked for beyond the menu
    std::string complaint;
    std::optional<VisitStatus> status;  // empty: a value this version does not know
    std::string statusKey;
    std::string ticket;         // provisional queue number: device prefix + per-day sequence
    std::string statusToken;    // for the customer's status page link
    bool hasSignature = false;  // the signature itself: VisitService::signature()
    std::string consentTextVersion;
    std::string channel;                     // kiosk | office
    std::optional<std::string> checkedInBy;  // staff id; empty for self check-in
    std::optional<int64_t> calledAt;         // last called from the queue; empty: not yet
    std::optional<std::string> calledBy;     // staff id
    std::optional<std::string> calledDesk;   // "2号台"
    std::optional<int64_t> deletedAt;
};

class VisitService {
public:
    VisitService(Store& store, const StoreTime& time, StaffService& staff)
        : m_store(store), m_time(time), m_staff(staff) {}

    Result<Visit> get(const std::string& id);
    // The stored signature (personal data: show it, never log it); "" when none.
    Result<std::string> signature(const std::string& id);
    // Live visit by its status-link token; empty when none.
    Result<std::optional<Visit>> findByStatusToken(std::string_view token);
    Result<std::vector<Visit>> forCustomer(const std::string& customerId);
    // Refuses a backward move (ready → waiting) with an error naming both statuses.
    Status setStatus(const std::string& id, VisitStatus to);

    // [SECTION] the queue
    // The oldest waiting visit checked in today (store day) and not called yet, now called by
    // `staffId` to `desk`; empty when nobody waits.
    Result<std::optional<Visit>> callNext(const std::string& staffId, std::string_view desk);
    // Calls a waiting visit that was called before again (same desk), by `staffId`.
    Result<Visit> recall(const std::string& visitId, const std::string& staffId);
    // The one validation of a desk label: trimmed, 1–16 characters, or an error naming the field.
    static Result<std::string> validateDesk(std::string_view desk);

private:
    Status checkStaff(const std::string& staffId);
    Status markCalled(const std::string& id, const std::string& staffId, const std::string& desk);
    Result<std::optional<std::string>> nextUncalled();

    Store& m_store;
    const StoreTime& m_time;
    StaffService& m_staff;
};

}  // namespace fc::core
