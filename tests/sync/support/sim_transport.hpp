// In-process transports for sync tests: straight into HubApi, and a fault-injecting wrapper
// (dropped requests, responses lost after the hub committed, duplicated delivery, partitions).
//
//   InProcessTransport direct(api);  FaultyTransport faulty(direct, seed);
//   SyncClient client(services, faulty);
#pragma once

#include <cstdint>
#include <optional>

#include "shared/demo/demo_data.hpp"
#include "sync/client.hpp"
#include "sync/hub_api.hpp"

namespace fc::sync::test {

class InProcessTransport final : public Transport {
public:
    explicit InProcessTransport(HubApi& api) : m_api(api) {}
    Result<HttpResult> request(const std::string& method, const std::string& target,
                               const std::string& body, const std::string& token) override;
    size_t requests = 0;

private:
    HubApi& m_api;
};

struct FaultRates {
    double dropRequest = 0;    // the hub never sees it
    double loseResponse = 0;   // the hub handles it, the device hears nothing
    double duplicate = 0;      // delivered twice
    double delay = 0;          // kept back and delivered later, after newer requests (reordering)
};

class FaultyTransport final : public Transport {
public:
    FaultyTransport(Transport& inner, uint64_t seed) : m_inner(inner), m_rng(seed) {}
    Result<HttpResult> request(const std::string& method, const std::string& target,
                               const std::string& body, const std::string& token) override;
    FaultRates rates;
    bool offline = false;  // a partition: nothing gets through
    size_t dropped = 0, lost = 0, duplicated = 0, delayed = 0;

private:
    struct Held {
        std::string method, target, body, token;
    };
    std::optional<Held> m_held;
    Transport& m_inner;
    core::demo::Rng m_rng;
};

}  // namespace fc::sync::test
