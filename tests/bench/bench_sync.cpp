// bench_sync — the sync engine's figures over real loopback HTTP (forecourt-hub's server in this
// process, libcurl clients):
//   BM_InitialSync          a fresh device loads a store of ~100,000 master rows (snapshot + pull)
//   BM_LivePath             a change saved on device A is applied on device B, both running their
//                           background workers (long-poll); p50/p99 in ms
//   BM_HubIngest            10 concurrent devices push; changes/s accepted by the hub
//   BM_HubPushCpu           the hub's CPU per pushed change (no HTTP), which bounds its ingest
//   BM_IncrementalApply     one pulled change applied (with its cursor) on a large replica
// Data is built once into $FC_BENCH_DIR (default /tmp/fc-bench-sync) and reused.
//   build/bin/bench_sync [--benchmark_filter=LivePath]
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "shared/customers/customer_service.hpp"
#include "shared/customers/tables.hpp"
#include "shared/demo/demo_data.hpp"
#include "shared/db/migrations.hpp"
#include "shared/demo/seed.hpp"
#include "shared/staff/badge_key.hpp"
#include "sync/net/curl_transport.hpp"
#include "sync/net/sync_worker.hpp"
#include "sync/server/hub_server.hpp"

namespace {

using namespace fc;
using Clock = std::chrono::steady_clock;

std::string benchDir() {
    const char* env = std::getenv("FC_BENCH_DIR");
    std::string dir = env ? env : "/tmp/fc-bench-sync";
    std::filesystem::create_directories(dir);
    return dir;
}

// This thread's CPU time: unlike wall time, not inflated when the machine is busy.
double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void percentiles(benchmark::State& state, std::vector<double> v, const char* unit) {
    if (v.empty()) return;
    std::sort(v.begin(), v.end());
    state.counters[std::string("p50_") + unit] = v[v.size() / 2];
    state.counters[std::string("p99_") + unit] = v[std::min(v.size() - 1, v.size() * 99 / 100)];
}

// A hub (served over loopback) and a way to make enrolled devices.
struct HubWorld {
    core::SystemClock clock;
    std::unique_ptr<sync::Hub> hub;
    std::unique_ptr<sync::HubServer> server;
    std::string url;

    explicit HubWorld(const std::string& path) {
        auto h = sync::Hub::open(path, clock, "基准门店");
        if (!h) throw std::runtime_error(h.error().message);
        hub = std::move(h).value();
        sync::HubServerOptions opt;
        opt.port = 0;
        opt.log = [](const std::string&) {};
        server = std::make_unique<sync::HubServer>(*hub, opt);
        if (!server->start()) throw std::runtime_error("hub server");
        url = "http://127.0.0.1:" + std::to_string(server->port());
    }

    std::unique_ptr<core::StoreServices> device(const std::string& path, const std::string& name,
                                                core::DeviceRole role = core::DeviceRole::kOffice) {
        std::filesystem::remove(path);
        core::InitOptions opt;
        opt.storeId = hub->storeId();
        opt.deviceName = name;
        opt.role = role;
        auto s = core::StoreServices::init(path, clock, opt);
        if (!s) throw std::runtime_error(s.error().message);
        auto code = hub->makeEnrolCode(role);
        auto e = hub->enrol(*code, (*s)->store().device().deviceId, name);
        sync::CurlTransport t(url);
        sync::SyncClient c(**s, t);
        if (!c.setCredentials(url, e->token)) throw std::runtime_error("credentials");
        // As enrolDevice does: the store's badge key comes with the token (seed-demo gives badges).
        if (!core::setBadgeKey((*s)->db(), e->badgeKey)) throw std::runtime_error("badge key");
        return std::move(s).value();
    }
};

// The hub database with ~100,000 master rows, built once.
std::string bigHubPath() {
    const std::string path = benchDir() + "/hub-100k.db";
    if (std::filesystem::exists(path)) return path;
    std::cerr << "bench_sync: building a hub with ~100,000 master rows …\n";
    const std::string tmp = path + ".tmp";
    std::filesystem::remove(tmp);
    {
        HubWorld w(tmp);
        auto dev = w.device(benchDir() + "/seeder.db", "seeder");
        auto r = core::seedDemo(*dev, {.seed = 100, .customers = 48000});  // + ~52k vehicles
        if (!r) throw std::runtime_error(r.error().message);
        sync::CurlTransport t(w.url);
        sync::SyncClient c(*dev, t);
        c.batchSize = 5000;
        auto p = c.push();
        if (!p) throw std::runtime_error(p.error().message);
        w.server->stop();
    }
    std::filesystem::rename(tmp, path);
    std::filesystem::remove(path + "-wal");
    return path;
}

void BM_InitialSync(benchmark::State& state) {
    const std::string hubPath = bigHubPath();
    HubWorld w(hubPath);
    auto masters = w.hub->services().db().queryInt(
        "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM vehicles)");
    std::vector<double> ms;
    for (auto _ : state) {
        state.PauseTiming();
        auto dev = w.device(benchDir() + "/fresh.db", "fresh");
        // As the device's sync worker runs: WAL checkpoints on their own thread, so the commit
        // of the snapshot is not followed by copying it all into the database file in-line.
        if (!dev->checkpointInBackground()) state.SkipWithError("checkpointer");
        sync::CurlTransport t(w.url);
        sync::SyncClient c(*dev, t);
        state.ResumeTiming();
        const auto t0 = Clock::now();
        auto r = c.exchange();
        ms.push_back(msSince(t0));
        if (!r) state.SkipWithError(r.error().message.c_str());
    }
    state.counters["master_rows"] = static_cast<double>(masters->value_or(0));
    percentiles(state, ms, "ms");
}
BENCHMARK(BM_InitialSync)->Iterations(3)->Unit(benchmark::kMillisecond);

void BM_LivePath(benchmark::State& state) {
    const std::string dir = benchDir();
    std::filesystem::remove(dir + "/live-hub.db");
    HubWorld w(dir + "/live-hub.db");
    auto a = w.device(dir + "/live-a.db", "A");
    auto b = w.device(dir + "/live-b.db", "B");
    a.reset();
    b.reset();
    auto factory = [&] { return std::make_unique<sync::CurlTransport>(w.url); };
    sync::SyncWorker wa(dir + "/live-a.db", w.clock, factory);
    sync::SyncWorker wb(dir + "/live-b.db", w.clock, factory);
    if (!wa.start() || !wb.start()) {
        state.SkipWithError("workers");
        return;
    }
    auto ui = core::StoreServices::open(dir + "/live-a.db", w.clock);  // the app's own connection
    auto watcher = core::StoreServices::open(dir + "/live-b.db", w.clock);
    core::demo::DemoGenerator gen(7);
    std::vector<double> ms;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        auto id = (*ui)->get<core::CustomerService>().createCustomer({.name = gen.name(), .phones = {gen.phone()}});
        if (!id) {
            state.SkipWithError(id.error().message.c_str());
            break;
        }
        wa.wake();
        // Wait (bounded) until B's replica has it.
        bool seen = false;
        while (!seen && msSince(t0) < 5000) {
            auto c = (*watcher)->get<core::CustomerService>().getCustomer(*id);
            seen = c.ok();
            if (!seen) std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        ms.push_back(msSince(t0));
        if (!seen) state.SkipWithError("change never arrived");
    }
    percentiles(state, ms, "ms");
    wa.stop();
    wb.stop();
}
BENCHMARK(BM_LivePath)->Iterations(200)->Unit(benchmark::kMillisecond);

void BM_HubIngest(benchmark::State& state) {
    const std::string dir = benchDir();
    const int devices = 10;
    const size_t perDevice = 1500;  // customers each: ~9 changes per customer with vehicle + facts
    for (auto _ : state) {
        state.PauseTiming();
        std::filesystem::remove(dir + "/ingest-hub.db");
        HubWorld w(dir + "/ingest-hub.db");
        std::vector<std::unique_ptr<core::StoreServices>> devs;
        int64_t total = 0;
        for (int i = 0; i < devices; ++i) {
            devs.push_back(w.device(dir + "/ingest-" + std::to_string(i) + ".db", "dev" + std::to_string(i)));
            if (auto seeded = core::seedDemo(*devs.back(), {.seed = static_cast<uint64_t>(1000 + i), .customers = perDevice}); !seeded) {
                state.SkipWithError(seeded.error().message.c_str());
                return;
            }
            total += devs.back()->db().queryInt("SELECT count(*) FROM outbox")->value_or(0);
        }
        state.ResumeTiming();
        const auto t0 = Clock::now();
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int i = 0; i < devices; ++i)
            threads.emplace_back([&, i] {
                sync::CurlTransport t(w.url);
                sync::SyncClient c(*devs[static_cast<size_t>(i)], t);
                c.batchSize = 2000;
                if (!c.push()) ++failures;
            });
        for (auto& t : threads) t.join();
        const double secs = msSince(t0) / 1000.0;
        state.counters["changes"] = static_cast<double>(total);
        state.counters["changes_per_s"] = static_cast<double>(total) / secs;
        if (failures) state.SkipWithError("a push failed");
        state.PauseTiming();
        w.server->stop();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_HubIngest)->Iterations(1)->Unit(benchmark::kMillisecond);

// The hub's own cost per change, without HTTP: one device's outbox pushed through Hub::push (with
// the decoding the API does) in batches of 2,000; CPU seconds of this thread, so the figure holds
// on a busy machine. The writer lock serialises pushes, so this bounds the hub's ingest rate.
void BM_HubPushCpu(benchmark::State& state) {
    const std::string dir = benchDir();
    for (auto _ : state) {
        state.PauseTiming();
        std::filesystem::remove(dir + "/pushcpu-hub.db");
        HubWorld w(dir + "/pushcpu-hub.db");
        auto dev = w.device(dir + "/pushcpu-dev.db", "dev");
        if (auto seeded = core::seedDemo(*dev, {.seed = 77, .customers = 1500}); !seeded) {
            state.SkipWithError(seeded.error().message.c_str());
            return;
        }
        auto changes = sync::pendingChanges(dev->store().syncState(), 0, SIZE_MAX, dev->store().device().deviceId);
        std::vector<std::string> bodies;
        for (size_t i = 0; i < changes->size(); i += 2000) {
            sync::PushRequest req;
            req.deviceId = dev->store().device().deviceId;
            req.schema = core::storeRegistry().schema().version();
            req.changes.assign(changes->begin() + static_cast<long>(i),
                               changes->begin() + static_cast<long>(std::min(changes->size(), i + 2000)));
            bodies.push_back(sync::encodePushRequest(req));
        }
        sync::HubDevice d;
        d.id = dev->store().device().deviceId;
        d.role = core::DeviceRole::kOffice;
        state.ResumeTiming();
        const double cpu0 = threadCpuMs();
        for (const auto& body : bodies) {
            auto req = sync::decodePushRequest(body);
            sync::PushError err;
            auto r = w.hub->push(d, *req, &err);
            if (!r) state.SkipWithError(r.error().message.c_str());
        }
        const double cpu = (threadCpuMs() - cpu0) / 1e3;  // seconds
        state.counters["changes"] = static_cast<double>(changes->size());
        state.counters["changes_per_cpu_s"] = static_cast<double>(changes->size()) / cpu;
        state.counters["us_per_change"] = cpu * 1e6 / static_cast<double>(changes->size());
    }
}
BENCHMARK(BM_HubPushCpu)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_IncrementalApply(benchmark::State& state) {
    // The 200,000-customer store bench_store builds (~1.2 million rows); falls back to seeding.
    const std::string path = benchDir() + "/replica-large.db";
    core::SystemClock clock;
    if (!std::filesystem::exists(path)) {
        std::cerr << "bench_sync: building a large replica …\n";
        auto s = core::StoreServices::init(path, clock, {});
        (void)core::seedDemo(**s, {.seed = 9, .customers = 100000});
    }
    auto s = core::StoreServices::open(path, clock);
    // As the sync worker runs it: checkpoints off the applying connection.
    if (!(*s)->checkpointInBackground()) state.SkipWithError("checkpointer");
    auto rows = (*s)->db().queryInt(
        "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM vehicles) + (SELECT count(*) "
        "FROM vehicle_ownerships) + (SELECT count(*) FROM odometer_readings) + (SELECT count(*) FROM consent_events)");
    std::vector<std::string> ids;
    {
        auto q = (*s)->db().prepare("SELECT id FROM customers ORDER BY random() LIMIT 1000");
        while (q->step().valueOr(false)) ids.push_back(q->getText(0));
    }
    sync::Merger merger((*s)->store());
    core::demo::DemoGenerator gen(3);
    std::vector<double> ms, cpu;
    size_t i = 0;
    uint64_t hlc = (uint64_t{1} << 62);
    for (auto _ : state) {
        sync::Change c;
        c.table = &core::tables::kCustomers;
        c.id = ids[i++ % ids.size()];
        c.op = core::ChangeOp::kUpdate;
        c.hlc = core::Hlc{++hlc};
        c.device = "another-device";
        c.data = {{"name", gen.name()}, {"phones", gen.phone()}};
        const auto t0 = Clock::now();
        // What SyncClient::applyPage does for a page of one change: apply, move the cursor, commit.
        const double cpu0 = threadCpuMs();
        core::Tx tx((*s)->db());
        (void)tx.begin();
        auto r = merger.apply(c);
        auto u = (*s)->db().exec("UPDATE local_state SET pull_cursor = pull_cursor + 1 WHERE id = 1");
        if (!r || !u || !tx.commit()) state.SkipWithError("apply");
        ms.push_back(msSince(t0));
        cpu.push_back(threadCpuMs() - cpu0);
    }
    state.counters["replica_rows"] = static_cast<double>(rows->value_or(0));
    percentiles(state, ms, "ms");
    percentiles(state, cpu, "cpu_ms");
}
BENCHMARK(BM_IncrementalApply)->Iterations(500)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
