#include "tests/sync/support/sim_world.hpp"

#include <gtest/gtest.h>

namespace fc::sync::test {

SimWorld::SimWorld(const fc::test::TempDir& dir, size_t devices, uint64_t seed,
                   const std::vector<std::string>& roles)
    : m_dir(dir) {
    auto hub = Hub::open(dir.file("hub.db"), m_clock, "模拟门店");
    if (!hub) throw std::runtime_error("hub: " + hub.error().message);
    m_hub = std::move(hub).value();
    m_api = std::make_unique<HubApi>(*m_hub);
    m_direct = std::make_unique<InProcessTransport>(*m_api);
    for (size_t i = 0; i < devices; ++i) {
        SimDevice d;
        d.name = "device" + std::to_string(i);
        d.role = i < roles.size() ? roles[i] : "office";
        d.path = dir.file(d.name + ".db");
        d.clock = std::make_unique<SkewedClock>(m_clock, 0);
        core::InitOptions opt;
        opt.storeId = m_hub->storeId();
        opt.deviceName = d.name;
        opt.role = d.role;
        opt.prefix = "D" + std::to_string(i + 1);
        opt.idSeed = seed * 1000 + i + 1;
        auto s = core::StoreServices::init(d.path, *d.clock, opt);
        if (!s) throw std::runtime_error("device: " + s.error().message);
        d.services = std::move(s).value();
        auto code = m_hub->makeEnrolCode(d.role);
        if (!code) throw std::runtime_error("code: " + code.error().message);
        auto e = m_hub->enrol(*code, d.services->store().device().deviceId, d.name);
        if (!e) throw std::runtime_error("enrol: " + e.error().message);
        d.token = e->token;
        d.transport = std::make_unique<FaultyTransport>(*m_direct, seed * 7919 + i);
        d.client = std::make_unique<SyncClient>(*d.services, *d.transport);
        if (!d.client->setCredentials("inproc://hub", d.token)) throw std::runtime_error("credentials");
        m_devices.push_back(std::move(d));
    }
}

void SimWorld::restart(size_t i) {
    SimDevice& d = m_devices[i];
    d.client.reset();
    d.services.reset();
    auto s = core::StoreServices::open(d.path, *d.clock);
    if (!s) throw std::runtime_error("reopen: " + s.error().message);
    d.services = std::move(s).value();
    d.client = std::make_unique<SyncClient>(*d.services, *d.transport);
}

void SimWorld::settle() {
    for (int round = 0; round < 10; ++round) {
        bool moved = false;
        for (auto& d : m_devices) {
            d.transport->offline = false;
            const FaultRates saved = d.transport->rates;
            d.transport->rates = FaultRates{};
            auto r = d.client->exchange();
            d.transport->rates = saved;
            ASSERT_TRUE(r.ok()) << d.name << ": " << r.error().message;
            moved |= r->pushed > 0 || r->pulled > 0;
        }
        if (!moved) return;
    }
    FAIL() << "sync did not settle in 10 rounds";
}

std::string dumpSynced(core::Db& db, bool withVersions) {
    std::string out;
    for (const core::TableDef* t : core::syncedTables()) {
        std::string cols = "id";
        for (const auto& c : t->columns) cols += "," + c.name;
        if (withVersions) cols += ",_hlc,_dev";
        auto s = db.prepare("SELECT " + cols + " FROM " + t->name + " ORDER BY id");
        if (!s) return "error: " + s.error().message;
        out += "# " + t->name + "\n";
        while (s->step().valueOr(false)) {
            for (int i = 0; i < s->columnCount(); ++i) out += s->getValue(i).toString() + "|";
            out += "\n";
        }
    }
    return out;
}

}  // namespace fc::sync::test
