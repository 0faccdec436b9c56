#include "tests/sync/support/sim_world.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "shared/staff/badge_key.hpp"

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
        const auto role = core::parseDeviceRole(d.role);
        if (!role) throw std::runtime_error("unknown role " + d.role);
        opt.role = *role;
        opt.prefix = "D" + std::to_string(i + 1);
        opt.idSeed = seed * 1000 + i + 1;
        auto s = core::StoreServices::init(d.path, *d.clock, opt);
        if (!s) throw std::runtime_error("device: " + s.error().message);
        d.services = std::move(s).value();
        auto code = m_hub->makeEnrolCode(*role);
        if (!code) throw std::runtime_error("code: " + code.error().message);
        auto e = m_hub->enrol(*code, d.services->store().device().deviceId, d.name);
        if (!e) throw std::runtime_error("enrol: " + e.error().message);
        d.token = e->token;
        // As enrolDevice does: the store's badge key is the hub's.
        if (!core::setBadgeKey(d.services->db(), e->badgeKey)) throw std::runtime_error("badge key");
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
    for (const core::TableDef* t : core::storeRegistry().schema().tables()) {
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
    if (withVersions) {
        // Column versions decide every later merge: they must agree too.
        auto s = db.prepare("SELECT tbl, row_id, col, hlc, dev FROM col_versions ORDER BY tbl, row_id, col");
        out += "# col_versions\n";
        while (s && s->step().valueOr(false))
            out += s->getText(0) + "|" + s->getText(1) + "|" + s->getText(2) + "|" +
                   std::to_string(s->getInt(3)) + "|" + s->getText(4) + "\n";
    }
    return out;
}

namespace {
std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t end = s.find('\n', start);
        if (end == std::string::npos) end = s.size();
        out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
}  // namespace

std::string diffLines(const std::string& mine, const std::string& hub) {
    const auto a = lines(mine);
    const auto b = lines(hub);
    std::string out;
    for (const auto& l : a)
        if (std::find(b.begin(), b.end(), l) == b.end()) out += "- mine " + l + "\n";
    for (const auto& l : b)
        if (std::find(a.begin(), a.end(), l) == a.end()) out += "+ hub  " + l + "\n";
    return out;
}

std::string explainDiff(core::Db& device, core::Db& hub, const std::string& mine, const std::string& hubDump) {
    std::string out;
    for (const auto& l : lines(diffLines(mine, hubDump))) {
        if (l.size() < 43) continue;
        const std::string id = l.substr(7, 36);
        for (auto* db : {&device, &hub}) {
            out += (db == &device ? "device" : "hub") + std::string(" versions of ") + id + ":\n";
            auto s = db->prepare("SELECT col, hlc, dev FROM col_versions WHERE row_id = ?");
            s->bind(1, id);
            while (s->step().valueOr(false))
                out += "  " + s->getText(0) + " " + std::to_string(s->getInt(1)) + " " + s->getText(2) + "\n";
        }
        auto s = hub.prepare("SELECT seq, device, device_seq, hlc, op, data FROM hub_log WHERE row_id = ?");
        s->bind(1, id);
        while (s->step().valueOr(false))
            out += "  log " + std::to_string(s->getInt(0)) + " " + s->getText(1) + " #" +
                   std::to_string(s->getInt(2)) + " hlc " + std::to_string(s->getInt(3)) + " op " +
                   std::to_string(s->getInt(4)) + " " + s->getText(5) + "\n";
    }
    return out;
}

}  // namespace fc::sync::test
