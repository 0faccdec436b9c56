// A hub and several device replicas in one process, for sync tests and the simulator.
//
//   SimWorld w(dir, 3);  w.device(0).services->get<core::CustomerService>().createCustomer(...);
//   w.device(0).client->exchange();
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sync/client.hpp"
#include "sync/hub.hpp"
#include "sync/hub_api.hpp"
#include "tests/support/test_store.hpp"
#include "tests/sync/support/sim_transport.hpp"

namespace fc::sync::test {

// A device clock: the shared simulated time plus this device's skew.
class SkewedClock final : public core::Clock {
public:
    SkewedClock(const core::ManualClock& base, int64_t skewMs) : m_base(base), m_skew(skewMs) {}
    int64_t nowMs() const override { return m_base.nowMs() + m_skew; }
    void setSkew(int64_t ms) { m_skew = ms; }

private:
    const core::ManualClock& m_base;
    int64_t m_skew;
};

struct SimDevice {
    std::string name;
    std::string role;
    std::string path;
    std::unique_ptr<SkewedClock> clock;
    std::unique_ptr<core::StoreServices> services;
    std::unique_ptr<FaultyTransport> transport;
    std::unique_ptr<SyncClient> client;
    std::string token;
};

class SimWorld {
public:
    SimWorld(const fc::test::TempDir& dir, size_t devices, uint64_t seed = 1,
             const std::vector<std::string>& roles = {});

    Hub& hub() { return *m_hub; }
    HubApi& api() { return *m_api; }
    InProcessTransport& direct() { return *m_direct; }
    SimDevice& device(size_t i) { return m_devices[i]; }
    size_t size() const { return m_devices.size(); }
    core::ManualClock& clock() { return m_clock; }

    // Closes and reopens a device's database (a crash or restart), keeping its files.
    void restart(size_t i);
    // Exchanges (no faults) until nothing moves anywhere; fails the test if it never settles.
    void settle();

private:
    const fc::test::TempDir& m_dir;
    core::ManualClock m_clock;
    std::unique_ptr<Hub> m_hub;
    std::unique_ptr<HubApi> m_api;
    std::unique_ptr<InProcessTransport> m_direct;
    std::vector<SimDevice> m_devices;
};

// Every synced table, dumped row by row (id, columns, versions) for comparing replicas.
std::string dumpSynced(core::Db& db, bool withVersions = false);
// The lines only one of two dumps has, marked "- mine" / "+ hub".
std::string diffLines(const std::string& mine, const std::string& hub);
// For rows that differ: their column versions on both sides and the hub's log entries.
std::string explainDiff(core::Db& device, core::Db& hub, const std::string& mine, const std::string& hubDump);

}  // namespace fc::sync::test
