// End-to-end sync: the real forecourt-hub and forecourtctl binaries over loopback HTTP, device
// replicas in this process (SyncClient + CurlTransport), kill -9 of the hub in the middle of a
// large push and of a client in the middle of applying a pull, a fault-injecting proxy, and the
// hub's HTTP security answers. No assertion depends on how long anything takes: every wait is a
// bounded readiness wait or a bounded retry loop.
//
//   build/debug/bin/fc_e2e_tests --gtest_filter='SyncE2e.*'
//   FC_E2E_SEED=7 build/debug/bin/fc_e2e_tests --gtest_filter='*FaultyProxy*'   # other faults
//
// Index
//   [SECTION] helpers: the hub process, devices, HTTP calls, random edits
//   [SECTION] checks shared by the tests
//   [SECTION] tests
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/clock.hpp"
#include "shared/db/migrations.hpp"
#include "shared/demo/demo_data.hpp"
#include "shared/demo/seed.hpp"
#include "shared/services.hpp"
#include "shared/staff/badge_key.hpp"
#include "shared/verify.hpp"
#include "sync/client.hpp"
#include "sync/net/curl_transport.hpp"
#include "sync/net/sync_worker.hpp"
#include "sync/protocol.hpp"
#include "tests/e2e/support/fault_proxy.hpp"
#include "tests/e2e/support/hub.hpp"
#include "tests/e2e/support/process.hpp"
#include "tests/support/test_store.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using fc::test::ChildProcess;
using fc::test::ctl;
using fc::test::Device;
using fc::test::enrol;
using fc::test::ExitStatus;
using fc::test::HubProcess;
using fc::test::makeCode;
using fc::test::makeDevice;
using fc::test::openForReading;
using fc::test::queryInt;
using fc::test::systemClock;
using fc::test::TempDir;
using nlohmann::json;

// [SECTION] helpers: HTTP calls, random edits (the hub process and devices: support/hub.hpp)

core::Result<HttpResult> call(const std::string& url, const std::string& method,
                              const std::string& target, const std::string& body = "",
                              const std::string& token = "") {
    CurlTransport http(url);
    return http.request(method, target, body, token);
}

std::string pickRow(core::Db& db, const std::string& table, core::demo::Rng& rng) {
    auto n = db.queryInt("SELECT count(*) FROM " + table + " WHERE deleted_at IS NULL");
    if (!n || n->value_or(0) == 0) return "";
    const auto offset = rng.uniform(static_cast<uint64_t>(n->value()));
    auto id = db.queryText("SELECT id FROM " + table +
                           " WHERE deleted_at IS NULL ORDER BY id LIMIT 1 OFFSET " +
                           std::to_string(offset));
    return id && id->has_value() ? **id : "";
}

// One random edit of master data or a fact, the way people at the counter make them. Returns
// whether a write was made (some picks find nothing to edit yet).
bool randomEdit(core::StoreServices& s, core::demo::Rng& rng, core::demo::DemoGenerator& gen) {
    auto& c = s.get<core::CustomerService>();
    core::Db& db = s.db();
    switch (rng.uniform(8)) {
        case 0:
        case 1:
            return c.createCustomer({.name = gen.name(), .phones = {gen.phone()}}).ok();
        case 2: {
            const auto id = pickRow(db, "customers", rng);
            if (id.empty()) return false;
            core::CustomerPatch p;
            if (rng.chance(0.5))
                p.name = gen.name();
            else
                p.notes = "备注" + std::to_string(rng.uniform(1000));
            return c.updateCustomer(id, p).ok();
        }
        case 3: {
            const auto id = pickRow(db, "customers", rng);
            if (id.empty()) return false;
            auto v = gen.vehicle();
            return c
                .addVehicle(id, {.plate = v.plate,
                                 .vin = v.vin,
                                 .make = v.make,
                                 .model = v.model,
                                 .year = v.year,
                                 .odometerKm = v.odometerKm})
                .ok();
        }
        case 4: {
            const auto car = pickRow(db, "vehicles", rng);
            if (car.empty()) return false;
            return c.recordOdometer(car, static_cast<int64_t>(rng.uniform(300000)), "e2e", true)
                .ok();
        }
        case 5: {
            const auto id = pickRow(db, "customers", rng);
            if (id.empty()) return false;
            return c.setConsent(id, core::ConsentKind::kContact, rng.chance(0.7), "e2e").ok();
        }
        case 6: {
            const auto car = pickRow(db, "vehicles", rng);
            if (car.empty()) return false;
            core::VehiclePatch p;
            p.colour = rng.chance(0.5) ? "白" : "黑";
            return c.updateVehicle(car, p).ok();
        }
        default: {
            if (rng.uniform(3) != 0) return false;  // deletes are rarer
            const auto id = pickRow(db, "customers", rng);
            return !id.empty() && c.deleteCustomer(id).ok();
        }
    }
}

// [SECTION] checks shared by the tests

// Every device change is in the hub exactly once: no (device, device_seq) twice in the log, and
// each device's log entries plus refusals account for its whole outbox.
void expectEachChangeOnce(core::Db& hubDb, const std::vector<Device*>& devices) {
    EXPECT_EQ(queryInt(hubDb,
                       "SELECT count(*) FROM (SELECT device, device_seq FROM hub_log "
                       "GROUP BY device, device_seq HAVING count(*) > 1)"),
              0)
        << "a change is in the hub's log twice";
    for (Device* d : devices) {
        const int64_t logged =
            queryInt(hubDb, "SELECT count(*) FROM hub_log WHERE device = '" + d->id() + "'");
        const int64_t refused = queryInt(
            hubDb, "SELECT count(*) FROM hub_refusals WHERE device_id = '" + d->id() + "'");
        EXPECT_EQ(logged + refused, d->lastSeq())
            << d->name << ": the hub does not have every change once";
        EXPECT_EQ(queryInt(d->db(), "SELECT acked_seq FROM local_state WHERE id = 1"), d->lastSeq())
            << d->name << ": not everything was acknowledged";
    }
}

// A replica equals the hub row by row (with row versions), is intact and passes verify.
void expectEqualsHub(Device& d, const std::string& hubDump) {
    const std::string mine = test::dumpSynced(d.db(), true);
    EXPECT_TRUE(mine == hubDump) << d.name << " differs from the hub:\n"
                                 << test::diffLines(mine, hubDump);
    EXPECT_EQ(queryInt(d.db(), "SELECT count(*) FROM parked_changes"), 0) << d.name;
    fc::test::expectIntegrityOk(d.db());
    auto v = core::verifyStore(*d.services);
    ASSERT_TRUE(v.ok()) << v.error().message;
    for (const auto& p : v->problems) ADD_FAILURE() << d.name << ": verify: " << p;
}

// Exchanges every device until one whole round moves nothing. Errors are retried; the number
// of rounds is bounded so a sync that never settles fails instead of hanging.
struct SettleReport {
    bool settled = false;
    int rounds = 0;
    int failures = 0;
    std::string lastError;
};
SettleReport settle(const std::vector<Device*>& devices, int maxRounds) {
    SettleReport rep;
    for (rep.rounds = 1; rep.rounds <= maxRounds; ++rep.rounds) {
        bool quiet = true;
        for (Device* d : devices) {
            auto r = d->client->exchange();
            if (!r) {
                ++rep.failures;
                rep.lastError = d->name + ": " + r.error().message;
                quiet = false;
                continue;
            }
            quiet &= r->pushed == 0 && r->pulled == 0;
        }
        if (quiet) {
            rep.settled = true;
            return rep;
        }
    }
    return rep;
}

// A page and its cursor commit together: a replica has exactly the rows the hub's log holds up
// to the replica's cursor (the hub's replica or a snapshot of it), nothing from beyond it.
void expectRowsMatchLogAtCursor(core::Db& device, core::Db& hubDb) {
    const int64_t cursor = queryInt(device, "SELECT pull_cursor FROM local_state WHERE id = 1");
    EXPECT_EQ(queryInt(device, "SELECT count(*) FROM parked_changes"), 0);
    for (const core::TableDef* t : core::storeRegistry().schema().tables()) {
        EXPECT_EQ(queryInt(device, "SELECT count(*) FROM " + t->name),
                  queryInt(hubDb, "SELECT count(DISTINCT row_id) FROM hub_log WHERE tbl = '" +
                                      t->name + "' AND seq <= " + std::to_string(cursor)))
            << t->name << " at cursor " << cursor;
    }
    fc::test::expectIntegrityOk(device);
}

// Polls (bounded) until `ready()` or the child ends, then kills the child with SIGKILL. Returns
// whether the kill found it still running.
bool killWhen(ChildProcess& child, const std::function<bool()>& ready) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && !child.exited() && !ready())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const bool running = !child.exited();
    child.signal(SIGKILL);
    return running;
}

// The rest of a killed client's story: verify passes, the next sync completes, the replica then
// equals the hub.
void expectRecoversAfterKill(const TempDir& dir, HubProcess& hub, const std::string& deviceDb,
                             Device& author) {
    auto verify = ctl(dir, {"--db", deviceDb, "verify"});
    ASSERT_OK(verify);
    EXPECT_TRUE(verify->status.exitedWith(0)) << verify->out << verify->err;
    EXPECT_NE(verify->out.find("verify: ok"), std::string::npos) << verify->out;
    auto again = ctl(dir, {"--db", deviceDb, "sync"});
    ASSERT_OK(again);
    ASSERT_TRUE(again->status.exitedWith(0)) << again->out << again->err;
    ASSERT_OK(author.client->pull());

    author.disconnect();
    auto stopped = hub.stop();
    ASSERT_OK(stopped);
    EXPECT_TRUE(stopped->exitedWith(0)) << stopped->describe() << "\n" << hub.log();
    auto hubDb = openForReading(hub.db());
    ASSERT_OK(hubDb);
    const std::string hubDump = test::dumpSynced(*hubDb, true);
    auto device = core::StoreServices::open(deviceDb, systemClock());
    ASSERT_OK(device);
    const std::string deviceDump = test::dumpSynced((*device)->db(), true);
    EXPECT_TRUE(deviceDump == hubDump) << "the device differs from the hub:\n"
                                       << test::diffLines(deviceDump, hubDump);
    EXPECT_EQ(queryInt((*device)->db(), "SELECT pull_cursor FROM local_state WHERE id = 1"),
              queryInt(*hubDb, "SELECT max(seq) FROM hub_log"));
    EXPECT_EQ(queryInt((*device)->db(), "SELECT count(*) FROM customers"),
              queryInt(author.db(), "SELECT count(*) FROM customers"));
    fc::test::expectIntegrityOk((*device)->db());
    expectEqualsHub(author, hubDump);
    fc::test::expectIntegrityOk(*hubDb);
}

// A hub holding ~19,000 changes from one seeded office device.
void seedHubThroughDevice(Device& author, HubProcess& hub, uint64_t seed) {
    ASSERT_OK(core::seedDemo(*author.services, {.seed = seed, .customers = 3000}));
    author.connect(hub.url(), 5000);
    ASSERT_OK(author.client->push());
    ASSERT_EQ(author.client->ackedSeq(), author.lastSeq());
    ASSERT_GT(author.lastSeq(), 15'000);
}

// [SECTION] tests

TEST(SyncE2e, ThreeDevicesConvergeThroughTheRealHub) {
    TempDir dir;
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start());
    auto health = call(hub.url(), "GET", "/v1/health");
    ASSERT_OK(health);
    ASSERT_EQ(health->status, 200) << health->body;
    const json h = json::parse(health->body);
    ASSERT_EQ(h.value("store", ""), hub.storeId()) << "the banner and /v1/health disagree";

    std::vector<std::unique_ptr<Device>> owned;
    std::vector<Device*> devices;
    for (int i = 0; i < 3; ++i) {
        auto d = makeDevice(dir, "device" + std::to_string(i), h["store"].get<std::string>(),
                            "office", "D" + std::to_string(i + 1));
        ASSERT_OK(d);
        ASSERT_OK(enrol(dir, **d, hub, "office"));
        devices.push_back(d->get());
        owned.push_back(std::move(d).value());
    }

    core::demo::Rng rng(2024);
    core::demo::DemoGenerator gen(2024);
    size_t writes = 0;
    for (int round = 0; round < 6; ++round) {
        for (Device* d : devices)
            for (int k = 0; k < 12; ++k) writes += randomEdit(*d->services, rng, gen);
        // A different order each round, so devices see each other's changes at different times.
        for (size_t k = 0; k < devices.size(); ++k) {
            Device* d = devices[(k + static_cast<size_t>(round)) % devices.size()];
            auto r = d->client->exchange();
            ASSERT_OK(r);
            EXPECT_EQ(r->refused, 0u)
                << d->name << ": " << (r->refusals.empty() ? "" : r->refusals[0].reason);
        }
    }
    ASSERT_GT(writes, 100u);
    const SettleReport s = settle(devices, 10);
    ASSERT_TRUE(s.settled) << "no quiet round in 10; last error: " << s.lastError;
    EXPECT_EQ(s.failures, 0) << s.lastError;

    for (Device* d : devices) d->disconnect();
    auto stopped = hub.stop();
    ASSERT_OK(stopped);
    EXPECT_TRUE(stopped->exitedWith(0)) << stopped->describe() << "\n" << hub.log();
    auto hubDb = openForReading(hub.db());
    ASSERT_OK(hubDb);
    const std::string hubDump = test::dumpSynced(*hubDb, true);
    EXPECT_GT(queryInt(*hubDb, "SELECT count(*) FROM customers"), 30);
    for (Device* d : devices) expectEqualsHub(*d, hubDump);
    expectEachChangeOnce(*hubDb, devices);
    fc::test::expectIntegrityOk(*hubDb);
}

TEST(SyncE2e, HubKilledDuringALargePushLosesNothingAcknowledged) {
    TempDir dir;
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start());
    auto a = makeDevice(dir, "office", hub.storeId(), "office", "D1");
    auto b = makeDevice(dir, "spare", hub.storeId(), "office", "D2");
    ASSERT_OK(a);
    ASSERT_OK(b);
    Device& A = **a;
    Device& B = **b;
    ASSERT_OK(enrol(dir, A, hub, "office"));
    ASSERT_OK(enrol(dir, B, hub, "office"));
    auto seeded = core::seedDemo(*A.services, {.seed = 11, .customers = 3000});
    ASSERT_OK(seeded);
    const int64_t total = A.lastSeq();
    ASSERT_GT(total, 15'000);

    // kill -9 as soon as the hub has committed the first batch: the next one is then in flight.
    A.connect(hub.url(), 5000);
    std::string killerError;
    const pid_t hubPid = hub.process().pid();
    const std::string authorId = A.id();
    std::thread killer([&] {
        auto watch = openForReading(hub.db());
        if (!watch) {
            killerError = watch.error().message;
        } else {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (std::chrono::steady_clock::now() < deadline) {
                auto n = watch->queryInt("SELECT count(*) FROM hub_log WHERE device = '" +
                                         authorId + "'");
                if (n && n->value_or(0) > 0) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        }
        ::kill(hubPid, SIGKILL);
    });
    auto first = A.client->push();
    killer.join();
    ASSERT_TRUE(killerError.empty()) << killerError;
    auto died = hub.process().wait();
    ASSERT_OK(died);
    EXPECT_TRUE(died->killedBy(SIGKILL)) << died->describe();
    const int64_t ackedBeforeKill = A.client->ackedSeq();
    if (first) std::cerr << "note: the push finished before the kill landed\n";
    EXPECT_EQ(queryInt(A.db(), "SELECT acked_seq FROM local_state WHERE id = 1"), ackedBeforeKill);

    // Whatever the hub acknowledged before it died is in its database.
    {
        auto hubDb = openForReading(hub.db());
        ASSERT_OK(hubDb);
        EXPECT_GE(queryInt(*hubDb, "SELECT count(*) FROM hub_log WHERE device = '" + A.id() + "'"),
                  ackedBeforeKill);
        EXPECT_GE(
            queryInt(*hubDb, "SELECT last_seq FROM hub_devices WHERE device_id = '" + A.id() + "'"),
            ackedBeforeKill);
        fc::test::expectIntegrityOk(*hubDb);
    }

    // A new hub process on the same database (a new port), and the device carries on.
    ASSERT_OK(hub.start());
    EXPECT_GT(hub.startSeq(), 0);
    A.connect(hub.url(), 5000);
    B.connect(hub.url(), 5000);
    core::Result<ExchangeReport> rest = core::internal("not tried");
    for (int attempt = 0; attempt < 5 && !rest; ++attempt) rest = A.client->push();
    ASSERT_OK(rest);
    EXPECT_EQ(A.client->ackedSeq(), total);
    auto pulledA = A.client->pull();
    ASSERT_OK(pulledA);
    // One device reads the recovered hub's log page by page, a new one loads its snapshot.
    auto pulledB = B.client->pull();
    ASSERT_OK(pulledB);
    EXPECT_GE(pulledB->applied, static_cast<size_t>(total));
    auto c = makeDevice(dir, "late", hub.storeId(), "office", "D3");
    ASSERT_OK(c);
    Device& C = **c;
    ASSERT_OK(enrol(dir, C, hub, "office"));
    ASSERT_OK(C.client->exchange());
    EXPECT_EQ(queryInt(C.db(), "SELECT count(*) FROM customers"), 3000);

    A.disconnect();
    B.disconnect();
    C.disconnect();
    auto stopped = hub.stop();
    ASSERT_OK(stopped);
    EXPECT_TRUE(stopped->exitedWith(0)) << stopped->describe() << "\n" << hub.log();
    auto hubDb = openForReading(hub.db());
    ASSERT_OK(hubDb);
    EXPECT_EQ(queryInt(*hubDb, "SELECT count(*) FROM customers"), 3000);
    EXPECT_EQ(queryInt(A.db(), "SELECT count(*) FROM customers"), 3000);
    EXPECT_EQ(queryInt(*hubDb, "SELECT count(*) FROM hub_log WHERE device = '" + A.id() + "'"),
              total);
    EXPECT_EQ(queryInt(*hubDb, "SELECT count(*) FROM hub_refusals"), 0);
    expectEachChangeOnce(*hubDb, {&A, &B, &C});
    fc::test::expectIntegrityOk(*hubDb);
    const std::string hubDump = test::dumpSynced(*hubDb, true);
    expectEqualsHub(A, hubDump);
    expectEqualsHub(B, hubDump);
    expectEqualsHub(C, hubDump);
}

TEST(SyncE2e, ClientKilledDuringApplyRecovers) {
    TempDir dir;
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start());
    auto a = makeDevice(dir, "office", hub.storeId(), "office", "D1");
    ASSERT_OK(a);
    Device& A = **a;
    ASSERT_OK(enrol(dir, A, hub, "office"));

    // A device enrolled by forecourtctl syncs once while the hub is nearly empty (its snapshot),
    // so the big log that follows arrives page by page.
    const std::string deviceDb = dir.file("counter.db");
    auto code = makeCode(dir, hub.db(), "office");
    ASSERT_OK(code);
    auto enrolled = ctl(
        dir, {"--db", deviceDb, "enroll", "--hub", hub.url(), "--code", *code, "--name", "前台"});
    ASSERT_OK(enrolled);
    ASSERT_TRUE(enrolled->status.exitedWith(0)) << enrolled->out << enrolled->err;
    auto first = ctl(dir, {"--db", deviceDb, "sync"});
    ASSERT_OK(first);
    ASSERT_TRUE(first->status.exitedWith(0)) << first->out << first->err;
    auto watch = openForReading(deviceDb);
    ASSERT_OK(watch);
    const int64_t startCursor =
        queryInt(*watch, "SELECT pull_cursor FROM local_state WHERE id = 1");

    seedHubThroughDevice(A, hub, 5);
    if (HasFatalFailure()) return;

    // `forecourtctl sync` killed as soon as its first page is committed: more pages follow.
    ChildProcess sync;
    ASSERT_OK(sync.start({FC_CTL_PATH, "--db", deviceDb, "sync"}, dir.file("sync-killed")));
    const bool killedRunning = killWhen(sync, [&] {
        auto cursor = watch->queryInt("SELECT pull_cursor FROM local_state WHERE id = 1");
        return cursor && cursor->value_or(0) > startCursor;
    });
    auto died = sync.wait();
    ASSERT_OK(died);
    if (!killedRunning || !died->killedBy(SIGKILL)) {
        EXPECT_TRUE(died->exitedWith(0)) << died->describe() << "\n" << sync.stderrText();
        std::cerr << "note: the sync finished before the kill landed\n";
    }
    {
        auto hubDb = openForReading(hub.db());
        ASSERT_OK(hubDb);
        EXPECT_GT(queryInt(*watch, "SELECT pull_cursor FROM local_state WHERE id = 1"),
                  startCursor);
        expectRowsMatchLogAtCursor(*watch, *hubDb);
    }
    expectRecoversAfterKill(dir, hub, deviceDb, A);
}

TEST(SyncE2e, ClientKilledWhileLoadingASnapshotRecovers) {
    TempDir dir;
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start());
    auto a = makeDevice(dir, "office", hub.storeId(), "office", "D1");
    ASSERT_OK(a);
    Device& A = **a;
    ASSERT_OK(enrol(dir, A, hub, "office"));
    seedHubThroughDevice(A, hub, 9);
    if (HasFatalFailure()) return;

    // A new, empty device's first sync loads a snapshot; it is killed once the hub has sent it.
    const std::string deviceDb = dir.file("counter.db");
    auto code = makeCode(dir, hub.db(), "office");
    ASSERT_OK(code);
    auto enrolled = ctl(
        dir, {"--db", deviceDb, "enroll", "--hub", hub.url(), "--code", *code, "--name", "前台"});
    ASSERT_OK(enrolled);
    ASSERT_TRUE(enrolled->status.exitedWith(0)) << enrolled->out << enrolled->err;
    // Enrolled but not synced yet is where a kill before the snapshot commits leaves a device.
    auto fresh = ctl(dir, {"--db", deviceDb, "verify"});
    ASSERT_OK(fresh);
    EXPECT_TRUE(fresh->status.exitedWith(0))
        << "verify on an enrolled device before its first sync:\n"
        << fresh->out;
    ChildProcess sync;
    ASSERT_OK(sync.start({FC_CTL_PATH, "--db", deviceDb, "sync"}, dir.file("sync-killed")));
    const bool killedRunning =
        killWhen(sync, [&] { return hub.log().find("GET /v1/snapshot 200") != std::string::npos; });
    auto died = sync.wait();
    ASSERT_OK(died);
    if (!killedRunning || !died->killedBy(SIGKILL)) {
        EXPECT_TRUE(died->exitedWith(0)) << died->describe() << "\n" << sync.stderrText();
        std::cerr << "note: the sync finished before the kill landed\n";
    }
    {
        // All of the snapshot with its cursor, or none of it.
        auto device = openForReading(deviceDb);
        auto hubDb = openForReading(hub.db());
        ASSERT_OK(device);
        ASSERT_OK(hubDb);
        const int64_t cursor =
            queryInt(*device, "SELECT pull_cursor FROM local_state WHERE id = 1");
        EXPECT_TRUE(cursor == 0 || cursor == queryInt(*hubDb, "SELECT max(seq) FROM hub_log"))
            << "cursor " << cursor << ": a part of a snapshot";
        expectRowsMatchLogAtCursor(*device, *hubDb);
    }
    expectRecoversAfterKill(dir, hub, deviceDb, A);
}

TEST(SyncE2e, SyncThroughAFaultyProxyConverges) {
    const char* env = std::getenv("FC_E2E_SEED");
    const uint64_t seed = env ? std::strtoull(env, nullptr, 10) : 20240611;
    SCOPED_TRACE("seed " + std::to_string(seed) + " (replay: FC_E2E_SEED=" + std::to_string(seed) +
                 ")");
    TempDir dir;
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start());
    fc::test::FaultProxy proxy("127.0.0.1", hub.port(), seed,
                               {.delay = 0.15,
                                .drop = 0.08,
                                .loseAnswer = 0.08,
                                .truncate = 0.1,
                                .duplicate = 0.12,
                                .maxDelayMs = 30});
    ASSERT_OK(proxy.start());

    std::vector<std::unique_ptr<Device>> owned;
    std::vector<Device*> devices;
    for (int i = 0; i < 2; ++i) {
        auto d = makeDevice(dir, "device" + std::to_string(i), hub.storeId(), "office",
                            "D" + std::to_string(i + 1));
        ASSERT_OK(d);
        ASSERT_OK(enrol(dir, **d, hub, "office"));  // directly: a code is single-use
        (*d)->connect(proxy.url(), 4, 15'000);      // small batches: many requests
        devices.push_back(d->get());
        owned.push_back(std::move(d).value());
    }

    core::demo::Rng rng(seed);
    core::demo::DemoGenerator gen(seed);
    int failures = 0;
    size_t writes = 0;
    for (int round = 0; round < 8; ++round) {
        for (Device* d : devices) {
            for (int k = 0; k < 8; ++k) writes += randomEdit(*d->services, rng, gen);
            failures += !d->client->exchange();  // errors are expected here
        }
    }
    ASSERT_GT(writes, 40u);
    // A third device joins empty: its first exchange loads a snapshot through the same faults.
    auto late = makeDevice(dir, "late", hub.storeId(), "office", "D3");
    ASSERT_OK(late);
    ASSERT_OK(enrol(dir, **late, hub, "office"));
    (*late)->connect(proxy.url(), 4, 15'000);
    devices.push_back(late->get());
    owned.push_back(std::move(late).value());
    const SettleReport s = settle(devices, 200);
    ASSERT_TRUE(s.settled) << "no quiet round in 200; last error: " << s.lastError;
    failures += s.failures;

    proxy.stop();
    const fc::test::ProxyCounts c = proxy.counts();
    EXPECT_GT(failures, 0) << "the faults never made an exchange fail";
    EXPECT_GT(c.dropped, 0u);
    EXPECT_GT(c.lostAnswers, 0u);
    EXPECT_GT(c.truncated, 0u);
    EXPECT_GT(c.duplicated, 0u);
    EXPECT_GT(c.delayed, 0u);
    EXPECT_EQ(c.upstreamErrors, 0u);

    for (Device* d : devices) d->disconnect();
    auto stopped = hub.stop();
    ASSERT_OK(stopped);
    EXPECT_TRUE(stopped->exitedWith(0)) << stopped->describe() << "\n" << hub.log();
    auto hubDb = openForReading(hub.db());
    ASSERT_OK(hubDb);
    const std::string hubDump = test::dumpSynced(*hubDb, true);
    for (Device* d : devices) expectEqualsHub(*d, hubDump);
    expectEachChangeOnce(*hubDb, devices);
    fc::test::expectIntegrityOk(*hubDb);
}

TEST(SyncE2e, TheHubRefusesWhatItMustOverHttp) {
    TempDir dir;
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start());
    const std::string url = hub.url();
    auto statusOf = [&](const std::string& method, const std::string& target,
                        const std::string& body, const std::string& token) {
        auto r = call(url, method, target, body, token);
        EXPECT_TRUE(r.ok()) << method << " " << target << ": " << (r ? "" : r.error().message);
        return r ? r->status : -1;
    };
    const std::string emptyPush = json{
        {"device", "nobody"},
        {"schema", core::storeRegistry().schema().version()},
        {"changes", json::array()}}.dump();

    // No token, an unknown token.
    EXPECT_EQ(statusOf("POST", "/v1/push", emptyPush, ""), 401);
    EXPECT_EQ(statusOf("GET", "/v1/pull?after=0", "", ""), 401);
    EXPECT_EQ(statusOf("POST", "/v1/push", emptyPush, "not-a-token"), 401);
    EXPECT_EQ(statusOf("GET", "/v1/pull?after=0", "", "not-a-token"), 401);

    // A revoked token stops working at once, the hub running all along.
    auto office = makeDevice(dir, "office", hub.storeId(), "office", "D1");
    ASSERT_OK(office);
    Device& O = **office;
    ASSERT_OK(enrol(dir, O, hub, "office"));
    auto spare = makeDevice(dir, "spare", hub.storeId(), "office", "D2");
    ASSERT_OK(spare);
    ASSERT_OK(enrol(dir, **spare, hub, "office"));
    const std::string spareToken = (*spare)->client->token();
    EXPECT_EQ(statusOf("GET", "/v1/pull?after=0", "", spareToken), 200);
    auto revoked = ctl(dir, {"--db", hub.db(), "hub-revoke", (*spare)->id()});
    ASSERT_OK(revoked);
    ASSERT_TRUE(revoked->status.exitedWith(0)) << revoked->err;
    EXPECT_EQ(statusOf("GET", "/v1/pull?after=0", "", spareToken), 401);
    EXPECT_EQ(statusOf("POST", "/v1/push", emptyPush, spareToken), 401);
    EXPECT_FALSE((*spare)->client->exchange().ok());

    // Malformed and wrongly shaped bodies.
    EXPECT_EQ(statusOf("POST", "/v1/push", "{\"device\": ", O.client->token()), 400);
    EXPECT_EQ(statusOf("POST", "/v1/push", "[1, 2, 3]", O.client->token()), 400);
    EXPECT_EQ(statusOf("POST", "/v1/enroll", "{not json", ""), 400);
    EXPECT_EQ(statusOf("GET", "/v1/pull?after=-4", "", O.client->token()), 400);
    // A token used for another device's changes.
    const std::string otherDevice = json{
        {"device", (*spare)->id()},
        {"schema", core::storeRegistry().schema().version()},
        {"changes", json::array()}}.dump();
    EXPECT_EQ(statusOf("POST", "/v1/push", otherDevice, O.client->token()), 403);

    // A body over the limit is refused without reading it into a request, and the hub lives.
    {
        std::string huge =
            "{\"device\": \"" + O.id() + "\", \"schema\": 1, \"changes\": [], \"pad\": \"";
        huge.append(kMaxBodyBytes + 1024, 'x');
        huge += "\"}";
        const int st = statusOf("POST", "/v1/push", huge, O.client->token());
        EXPECT_TRUE(st == 413 || st == 400) << "status " << st;
    }
    EXPECT_EQ(statusOf("GET", "/v1/health", "", ""), 200);

    // A kiosk may register a walk-in but not rename or delete a customer: refused, not applied.
    auto kiosk = makeDevice(dir, "kiosk", hub.storeId(), "kiosk", "K1");
    ASSERT_OK(kiosk);
    Device& K = **kiosk;
    ASSERT_OK(enrol(dir, K, hub, "kiosk"));
    auto walkIn = K.services->get<core::CustomerService>().createCustomer({.name = "李雷", .phones = {"13912345678"}});
    ASSERT_OK(walkIn);
    // The kiosk's own check refuses; a modified kiosk without it pushes anyway.
    EXPECT_FALSE(K.services->get<core::CustomerService>().deleteCustomer(*walkIn).ok());
    K.services->store().writer().setPolicy(nullptr);
    ASSERT_OK(K.services->get<core::CustomerService>().updateCustomer(*walkIn, {.name = "韩梅梅"}));
    ASSERT_OK(K.services->get<core::CustomerService>().deleteCustomer(*walkIn));
    auto pushed = K.client->push();
    ASSERT_OK(pushed);
    EXPECT_GE(pushed->refused, 2u);
    ASSERT_FALSE(pushed->refusals.empty());
    for (const auto& r : pushed->refusals)
        EXPECT_NE(r.reason.find("kiosk devices may not"), std::string::npos) << r.reason;
    EXPECT_EQ(K.client->ackedSeq(), K.lastSeq()) << "refused changes are still acknowledged";

    // The hub keeps serving: the office device syncs and sees the walk-in as registered.
    EXPECT_EQ(statusOf("GET", "/v1/health", "", ""), 200);
    auto officeSync = O.client->exchange();
    ASSERT_OK(officeSync);
    auto name = O.db().queryText("SELECT name FROM customers WHERE id = '" + *walkIn +
                                 "' AND deleted_at IS NULL");
    ASSERT_OK(name);
    EXPECT_EQ(name->value_or("(missing)"), "李雷");

    O.disconnect();
    K.disconnect();
    (*spare)->disconnect();
    auto stopped = hub.stop();
    ASSERT_OK(stopped);
    EXPECT_TRUE(stopped->exitedWith(0)) << stopped->describe() << "\n" << hub.log();
    auto hubDb = openForReading(hub.db());
    ASSERT_OK(hubDb);
    EXPECT_GE(
        queryInt(*hubDb, "SELECT count(*) FROM hub_refusals WHERE device_id = '" + K.id() + "'"),
        2);
    EXPECT_GE(queryInt(*hubDb, "SELECT count(*) FROM hub_audit WHERE event = 'revoke'"), 1);
    fc::test::expectIntegrityOk(*hubDb);
}

}  // namespace
}  // namespace fc::sync

namespace fc::sync {
namespace {

// Waits (bounded) for a condition another thread brings about; false if it never came.
bool eventually(const std::function<bool()>& cond, int attempts = 1500) {
    for (int i = 0; i < attempts; ++i) {
        if (cond()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return cond();
}

// The background worker the app runs: a save on one device reaches another without anyone
// asking, the status says what is happening, a hub that goes away and comes back is ridden out
// without a new local write, and stop() does not wait out a long-poll.
TEST(SyncE2e, BackgroundWorkersCarryChangesAndRideOutAHubRestart) {
    TempDir dir;
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start());
    auto a = makeDevice(dir, "front", hub.storeId(), "office", "F1");
    auto b = makeDevice(dir, "bay", hub.storeId(), "workshop", "W1");
    ASSERT_OK(a);
    ASSERT_OK(b);
    ASSERT_OK(enrol(dir, **a, hub, "office"));
    ASSERT_OK(enrol(dir, **b, hub, "workshop"));
    (*a)->disconnect();
    (*b)->disconnect();
    const std::string url = hub.url();
    auto factory = [url] { return std::make_unique<CurlTransport>(url, CurlOptions{.connectTimeoutMs = 500, .timeoutMs = 3000}); };
    SyncWorker wa((*a)->path, systemClock(), factory);
    SyncWorker wb((*b)->path, systemClock(), factory);
    for (SyncWorker* w : {&wa, &wb}) {
        w->minBackoffMs = 20;
        w->maxBackoffMs = 300;
    }
    ASSERT_OK(wa.start());
    ASSERT_OK(wb.start());

    auto seenOnB = [&](const std::string& id) { return (*b)->services->get<core::CustomerService>().getCustomer(id).ok(); };
    auto first = (*a)->services->get<core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
    ASSERT_OK(first);
    wa.wake();
    ASSERT_TRUE(eventually([&] { return seenOnB(*first); })) << wa.status().lastError << " / " << wb.status().lastError;
    ASSERT_TRUE(eventually([&] { return wa.status().pending == 0 && wa.status().online; }));
    EXPECT_GT(wa.status().lastSuccessMs, 0);
    EXPECT_TRUE(wb.status().online);

    // The hub goes away; a save meanwhile waits in the outbox and the status says so.
    auto stopped = hub.stop();
    ASSERT_OK(stopped);
    EXPECT_TRUE(stopped->exitedWith(0)) << hub.log();
    auto second = (*a)->services->get<core::CustomerService>().createCustomer({.name = "李雷", .phones = {"13900139000"}});
    ASSERT_OK(second);
    wa.wake();
    ASSERT_TRUE(eventually([&] { return !wa.status().online && wa.status().pending >= 1; }));
    EXPECT_FALSE(wa.status().lastError.empty());
    EXPECT_FALSE(seenOnB(*second));

    // Back on the same address: no new save, no wake — the workers retry on their own.
    ASSERT_OK(hub.start({}, std::stoi(url.substr(url.rfind(':') + 1))));
    ASSERT_TRUE(eventually([&] { return seenOnB(*second); })) << wa.status().lastError;
    ASSERT_TRUE(eventually([&] { return wa.status().online && wa.status().pending == 0; }));
    EXPECT_TRUE(wa.status().lastError.empty());

    // A long-poll is in flight on both pullers; stop() cuts it short (the test would otherwise
    // sit out the 25 s wait — ctest's timeout is the judge, not a clock here).
    wa.stop();
    wb.stop();
    auto stoppedAgain = hub.stop();
    ASSERT_OK(stoppedAgain);
    EXPECT_TRUE(stoppedAgain->exitedWith(0)) << hub.log();
}

}  // namespace
}  // namespace fc::sync

namespace fc::sync {
namespace {

// HTTPS with the hub's own certificate (a store's hub has no public name): devices trust it by
// pinning the store's CA file; a device that does not trust it gets no answer, and no token
// crosses the wire in clear.
TEST(SyncE2e, TlsWithASelfSignedCertificate) {
    TempDir dir;
    const std::string key = dir.file("hub.key"), cert = dir.file("hub.crt");
    auto gen = fc::test::runProcess({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                     "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                                     "subjectAltName=IP:127.0.0.1"},
                                    dir.file("openssl-run"));
    if (!gen.ok() || !gen->status.exitedWith(0)) GTEST_SKIP() << "openssl could not make a certificate";
    HubProcess hub(dir, dir.file("hub.db"));
    ASSERT_OK(hub.start({"--cert", cert, "--key", key}));
    ASSERT_EQ(hub.url().rfind("https://", 0), 0u) << hub.url();

    CurlTransport untrusting(hub.url());
    auto refused = untrusting.request("GET", "/v1/health", "", "");
    EXPECT_FALSE(refused.ok()) << "a certificate nobody vouched for was accepted";

    auto device = makeDevice(dir, "tls-device", hub.storeId(), "office", "T1");
    ASSERT_OK(device);
    ASSERT_OK((*device)->services->get<core::CustomerService>().createCustomer({.name = "周杰", .phones = {"13700137000"}}));
    auto code = makeCode(dir, hub.db(), "office");
    ASSERT_OK(code);
    CurlTransport trusting(hub.url(), CurlOptions{.caFile = cert});
    const json body = {{"code", *code}, {"device", (*device)->id()}, {"name", "tls-device"}};
    auto enrolled = trusting.request("POST", "/v1/enroll", body.dump(), "");
    ASSERT_OK(enrolled);
    ASSERT_EQ(enrolled->status, 200) << enrolled->body;
    SyncClient client(*(*device)->services, trusting);
    ASSERT_OK(client.setCredentials(hub.url(), json::parse(enrolled->body).at("token").get<std::string>()));
    auto r = client.exchange();
    ASSERT_OK(r);
    EXPECT_GE(r->pushed, 1u);
    EXPECT_EQ(client.ackedSeq(), (*device)->lastSeq());
    auto stopped = hub.stop();
    ASSERT_OK(stopped);
    EXPECT_TRUE(stopped->exitedWith(0)) << hub.log();
}

}  // namespace
}  // namespace fc::sync
