#include "sync/enrolment.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

namespace fc::sync {

using nlohmann::json;

Result<Enrolled> enrolDevice(const std::string& dbPath, const core::Clock& clock, Transport& http,
                             const std::string& hubUrl, const std::string& code, const std::string& name) {
    auto health = http.request("GET", "/v1/health", "", "");
    if (!health) return health.error().context("cannot reach the hub at " + hubUrl);
    const json h = json::parse(health->body, nullptr, false);
    if (health->status != 200 || !h.is_object() || !h.contains("store") || !h["store"].is_string())
        return Error(core::Errc::kIo, "the hub at " + hubUrl + " did not answer as a Forecourt hub");
    const std::string storeId = h["store"].get<std::string>();

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
    FC_ASSIGN(HttpResult r, http.request("POST", "/v1/enroll", body.dump(), ""));
    const json j = json::parse(r.body, nullptr, false);
    if (r.status != 200) {
        const std::string why = j.is_object() && j.contains("message") && j["message"].is_string()
                                    ? j["message"].get<std::string>()
                                    : "HTTP " + std::to_string(r.status);
        return Error(core::Errc::kPermission, "enrolment refused: " + why);
    }
    const auto role = j.is_object() && j.contains("role") && j["role"].is_string()
                          ? core::parseDeviceRole(j["role"].get<std::string>())
                          : std::nullopt;
    if (!role || !j.contains("token") || !j["token"].is_string())
        return Error(core::Errc::kIo, "the hub's enrolment answer has no role or token");
    FC_TRY(services->setIdentity(*role, name));
    FC_TRY(services->store().syncState().setCredentials({hubUrl, j["token"].get<std::string>()}));
    return Enrolled{storeId, services->store().device().deviceId, *role};
}

}  // namespace fc::sync
