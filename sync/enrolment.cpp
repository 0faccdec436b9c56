#include "sync/enrolment.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "shared/staff/badge_key.hpp"

namespace fc::sync {

using nlohmann::json;

Result<Enrolled> enrolDevice(const std::string& dbPath, const core::Clock& clock, Transport& http,
                             const std::string& hubUrl, const std::string& code, const std::string& name,
                             const std::string& hubPin) {
    auto health = http.request("GET", "/v1/health", "", "");
    if (!health) return health.error().context("cannot reach the hub at " + hubUrl);
    auto h = health->status == 200 ? decodeHealthAnswer(health->body)
                                   : Result<HealthAnswer>(core::invalid("HTTP " + std::to_string(health->status)));
    if (!h) return Error(core::Errc::kIo, "the hub at " + hubUrl + " did not answer as a Forecourt hub");
    const std::string storeId = h->store;

    std::unique_ptr<core::StoreServices> services;
    if (std::filesystem::exists(dbPath)) {
        FC_ASSIGN(services, core::StoreServices::open(dbPath, clock));
    } else {
        // Until the hub answers, the device may write nothing: its role is pending.
        core::InitOptions init;
        init.storeId = storeId;
        init.deviceName = name;
        init.role = core::DeviceRole::kPending;
        FC_ASSIGN(services, core::StoreServices::init(dbPath, clock, init));
    }
    if (services->store().storeId() != storeId)
        return Error(core::Errc::kConflict, "this database belongs to store " + services->store().storeId() +
                                                "; the hub serves " + storeId);

    const json body = {{"code", code}, {"device", services->store().device().deviceId}, {"name", name}};
    const int64_t sentAt = clock.nowMs();
    FC_ASSIGN(HttpResult r, http.request("POST", "/v1/enroll", body.dump(), ""));
    const int64_t receivedAt = clock.nowMs();
    if (r.status != 200) {
        const ErrorAnswer e = decodeErrorAnswer(r.body);
        const std::string why = !e.message.empty() ? e.message : "HTTP " + std::to_string(r.status);
        return Error(core::Errc::kPermission, "enrolment refused: " + why);
    }
    auto answer = decodeEnrolAnswer(r.body);
    const auto role = answer ? core::parseDeviceRole(answer->role) : std::nullopt;
    if (!role) return Error(core::Errc::kIo, "the hub's enrolment answer has no role or token");
    FC_TRY(services->setIdentity(*role, name));
    FC_TRY(services->store().syncState().setCredentials({hubUrl, answer->token, hubPin}));
    // The store's badge key: badges are looked up by their keyed hash (shared/staff/badge_key.hpp).
    if (!answer->badgeKey.empty()) FC_TRY(core::setBadgeKey(services->db(), answer->badgeKey));
    // The device's clock agrees with the hub's from its first write on (a plausible hub only).
    if (answer->hubTime > 0 && receivedAt >= sentAt && receivedAt - sentAt <= 2000) {
        const ClockCheck check = checkHubTime(answer->hubTime, sentAt + (receivedAt - sentAt) / 2);
        if (check.adopt) {
            services->store().hlc().setOffsetMs(check.offsetMs);
            FC_TRY(services->store().syncState().setClockOffsetMs(check.offsetMs));
        }
    }
    return Enrolled{storeId, services->store().device().deviceId, *role};
}

}  // namespace fc::sync
