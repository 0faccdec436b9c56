// Visits (synced master data): a car at the store from check-in to collection, with its queue
// ticket, the services asked for, the odometer, the complaint, the customer's signature and a
// status-link token for the customer's status page. Created by CheckInService; moved along here.
//
//   VisitService visits(store);
//   FC_TRY(visits.setStatus(id, VisitStatus::kInService));
//   FC_ASSIGN(auto v, visits.findByStatusToken(token));     // the customer's status page
//
// Status only moves forward: waiting → in_service → ready → collected (steps may be skipped).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"

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
    std::optional<int64_t> deletedAt;
};

class VisitService {
public:
    explicit VisitService(Store& store) : m_store(store) {}

    Result<Visit> get(const std::string& id);
    // The stored signature (personal data: show it, never log it); "" when none.
    Result<std::string> signature(const std::string& id);
    // Live visit by its status-link token; empty when none.
    Result<std::optional<Visit>> findByStatusToken(std::string_view token);
    Result<std::vector<Visit>> forCustomer(const std::string& customerId);
    Status setStatus(const std::string& id, VisitStatus to);

private:
    Store& m_store;
};

}  // namespace fc::core
