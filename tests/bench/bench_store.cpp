// bench_store — the store's hot paths at 200,000 customers, through the service calls the app
// makes: captured inserts (bulk and single save), capture overhead against a plain insert, exact
// lookups by plate and phone, substring search and 2-character name search.
//
//   build/bin/bench_store                         # 200,000 customers (built once, then cached)
//   FC_BENCH_CUSTOMERS=20000 build/bin/bench_store
// The database is kept in $FC_BENCH_DIR (default /tmp/fc-bench) and reused while its size and
// schema match. Latency benchmarks report p50/p99 in microseconds as counters.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <iostream>

#include "shared/capture/tables.hpp"
#include "shared/customers/customer_search.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/customers/tables.hpp"
#include "shared/db/migrations.hpp"
#include "shared/demo/demo_data.hpp"
#include "shared/demo/seed.hpp"
#include "shared/services.hpp"

namespace {

using namespace fc::core;

size_t benchCustomers() {
    const char* env = std::getenv("FC_BENCH_CUSTOMERS");
    return env ? static_cast<size_t>(std::strtoull(env, nullptr, 10)) : 200'000;
}

struct World {
    SystemClock clock;
    std::unique_ptr<StoreServices> s;
    std::unique_ptr<Store> bare;  // the same database without derived indexes: capture alone
    std::string path;
    std::vector<std::string> plates, phones, twoChar, substrings;
};

World& world() {
    static World* w = [] {
        auto* wd = new World;
        const char* dirEnv = std::getenv("FC_BENCH_DIR");
        const std::string dir = dirEnv ? dirEnv : "/tmp/fc-bench";
        std::filesystem::create_directories(dir);
        const size_t n = benchCustomers();
        const std::string path = dir + "/store-" + std::to_string(n) + "-v" +
                                 std::to_string(storeRegistry().schema().version()) + ".db";
        if (!std::filesystem::exists(path)) {
            std::cerr << "bench_store: seeding " << n << " customers into " << path << " …\n";
            const auto t0 = std::chrono::steady_clock::now();
            auto s = StoreServices::init(path + ".tmp", wd->clock, {});
            if (!s) std::abort();
            auto r = seedDemo(**s, {.seed = 2026, .customers = n});
            if (!r) {
                std::cerr << r.error().message << "\n";
                std::abort();
            }
            s->reset();
            std::filesystem::rename(path + ".tmp", path);
            const double secs =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::cerr << "bench_store: seeded in " << secs << " s\n";
        }
        auto s = StoreServices::open(path, wd->clock);
        if (!s) std::abort();
        wd->s = std::move(s).value();
        auto bare = Store::open(path, wd->clock, storeRegistry().schema());
        if (!bare) std::abort();
        wd->bare = std::move(bare).value();
        Db& db = wd->s->db();
        auto collect = [&](const char* sql, std::vector<std::string>& out) {
            auto st = db.prepare(sql);
            while (st->step().valueOr(false)) out.push_back(st->getText(0));
        };
        collect("SELECT plate FROM vehicles ORDER BY random() LIMIT 2000", wd->plates);
        collect("SELECT substr(phones, 1, 11) FROM customers ORDER BY random() LIMIT 2000", wd->phones);
        collect("SELECT substr(name, 1, 2) FROM customers ORDER BY random() LIMIT 2000", wd->twoChar);
        // What people type for a substring search: last 4 digits of a phone, the middle of a
        // plate, 6 characters of a VIN, 3 characters of a name.
        collect("SELECT substr(phones, 8, 4) FROM customers ORDER BY random() LIMIT 500", wd->substrings);
        collect("SELECT substr(plate, 2, 4) FROM vehicles ORDER BY random() LIMIT 500", wd->substrings);
        collect("SELECT substr(vin, 12, 6) FROM vehicles ORDER BY random() LIMIT 500", wd->substrings);
        collect("SELECT name FROM customers WHERE length(name) >= 3 ORDER BY random() LIMIT 500",
                wd->substrings);
        std::shuffle(wd->substrings.begin(), wd->substrings.end(), std::mt19937(7));
        return wd;
    }();
    return *w;
}

void reportLatency(benchmark::State& state, std::vector<double>& us) {
    if (us.empty()) return;
    std::sort(us.begin(), us.end());
    state.counters["p50_us"] = us[us.size() / 2];
    state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
    state.counters["max_us"] = us.back();
}

template <class F>
void timed(benchmark::State& state, const std::vector<std::string>& inputs, F&& f) {
    std::vector<double> us;
    us.reserve(1 << 16);
    size_t i = 0;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        f(inputs[i++ % inputs.size()]);
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    reportLatency(state, us);
}

std::vector<CustomerInput> freshCustomers(size_t n, uint64_t seed) {
    demo::DemoGenerator gen(seed);
    std::vector<CustomerInput> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        CustomerInput in;
        in.name = gen.name();
        // 199… numbers are not produced by the demo seed (its prefixes differ) — stay unique.
        std::string phone = gen.phone();
        phone[1] = '9';
        phone[2] = '9';
        in.phones = {phone};
        in.address = "广东省深圳市南山区科技园路88号";
        in.source = "walk-in";
        out.push_back(std::move(in));
    }
    return out;
}

// [SECTION] inserts — each batch runs in one transaction that is rolled back afterwards, so the
// store stays at its size.

constexpr size_t kBatch = 5000;

void BM_CapturedCustomerInsert_Bulk(benchmark::State& state) {
    World& w = world();
    const auto rows = freshCustomers(kBatch, 99);
    const bool withIndex = state.range(0) != 0;
    // One untimed batch first: the pages a batch touches come into the cache as in a real import.
    {
        Tx warm(w.s->db());
        if (!warm.begin()) state.SkipWithError("begin");
        DeferredScope bulk(w.s->store().writer());
        for (const auto& in : rows)
            if (!w.s->get<CustomerService>().createCustomerInTx(in)) break;
    }
    for (auto _ : state) {
        Tx tx(w.s->db());
        if (!tx.begin()) state.SkipWithError("begin");
        {
            DeferredScope bulk(w.s->store().writer());
            for (const auto& in : rows) {
                auto id = w.s->get<CustomerService>().createCustomerInTx(in);
                if (!id) {
                    state.SkipWithError(id.error().message.c_str());
                    break;
                }
            }
            if (withIndex) {
                if (!bulk.finish()) state.SkipWithError("index");
            }
        }
        state.PauseTiming();
        tx.rollback();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
    state.SetLabel(withIndex ? "service, search index updated at end of tx"
                             : "service, search index deferred");
}
BENCHMARK(BM_CapturedCustomerInsert_Bulk)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The capture path alone (row + outbox entry) against a plain prepared insert of the same row,
// on the same database without derived indexes. Both kinds of batch run in every iteration,
// alternately, so machine noise hits both alike; `ratio` is capture time / plain time.
struct WriterFixture {
    std::vector<Row> values;
    std::string sql;
};

WriterFixture& writerFixture() {
    static WriterFixture* f = [] {
        auto* wf = new WriterFixture;
        World& w = world();
        for (const auto& in : freshCustomers(kBatch, 98))
            wf->values.push_back({SqlValue::text(w.bare->storeId()), SqlValue::text(in.name),
                                  SqlValue::text(in.phones[0]), SqlValue::text(in.address),
                                  SqlValue::text(""), SqlValue::text("walk-in"),
                                  SqlValue::text("prospect"), SqlValue::integer(0), SqlValue::null(),
                                  SqlValue::integer(0), SqlValue::null(), SqlValue::text(""),
                                  SqlValue::integer(1), SqlValue::null()});
        wf->sql = "INSERT INTO customers(id";
        for (const auto& col : tables::kCustomers.columns) wf->sql += "," + col.name;
        wf->sql += ",_hlc,_dev) VALUES (?";
        for (size_t k = 0; k < tables::kCustomers.columns.size(); ++k) wf->sql += ",?";
        wf->sql += ",?,?)";
        return wf;
    }();
    return *f;
}

// Runs one batch in a transaction that is rolled back; returns the seconds the inserts took.
double writerBatch(benchmark::State& state, bool capture) {
    World& w = world();
    WriterFixture& f = writerFixture();
    Store& store = *w.bare;
    Db& db = store.db();
    Tx tx(db);
    if (!tx.begin()) state.SkipWithError("begin");
    WriteModeScope mode(db, WriteMode::kApply);
    std::vector<std::string> ids;
    ids.reserve(f.values.size());
    for (size_t i = 0; i < f.values.size(); ++i) ids.push_back(store.ids().next());
    const auto t0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < f.values.size(); ++i) {
        if (capture) {
            if (!store.writer().insert(tables::kCustomers, ids[i], f.values[i]))
                state.SkipWithError("insert");
        } else {
            auto st = db.cached(f.sql);
            int k = 1;
            (*st)->bind(k++, ids[i]);
            for (const auto& v : f.values[i]) (*st)->bind(k++, v);
            (*st)->bind(k++, int64_t{1});
            (*st)->bind(k++, "dev");
            if (!(*st)->run()) state.SkipWithError("plain insert");
        }
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    tx.rollback();
    return secs;
}

void BM_CaptureOverhead(benchmark::State& state) {
    double plain = 0;
    double captured = 0;
    for (auto _ : state) {
        plain += writerBatch(state, false);
        captured += writerBatch(state, true);
    }
    const double n = static_cast<double>(state.iterations() * kBatch);
    state.counters["plain_per_s"] = n / plain;
    state.counters["captured_per_s"] = n / captured;
    state.counters["ratio"] = captured / plain;
    state.SetLabel("ChangeWriter::insert (row + outbox) vs plain prepared INSERT");
}
BENCHMARK(BM_CaptureOverhead)->Iterations(30)->Unit(benchmark::kMillisecond);

// A single save from a screen: own transaction, search index current at once.
void BM_CreateCustomer_SingleSave(benchmark::State& state) {
    World& w = world();
    const auto rows = freshCustomers(20000, 97);
    Db& db = w.s->db();
    Tx outer(db);  // everything rolled back at the end; each save is its own savepoint
    if (!outer.begin()) state.SkipWithError("begin");
    size_t i = 0;
    std::vector<double> us;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        auto id = w.s->get<CustomerService>().createCustomer(rows[i++ % rows.size()]);
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
        if (!id) {
            state.SkipWithError(id.error().message.c_str());
            break;
        }
        if (i == rows.size()) break;
    }
    outer.rollback();
    reportLatency(state, us);
}
BENCHMARK(BM_CreateCustomer_SingleSave)->Iterations(5000)->Unit(benchmark::kMicrosecond);

// [SECTION] lookups and search

void BM_LookupByPlate(benchmark::State& state) {
    World& w = world();
    timed(state, w.plates, [&](const std::string& p) {
        auto r = w.s->get<CustomerService>().findVehicleByPlate(p);
        if (!r || !r->has_value()) state.SkipWithError("plate not found");
    });
}
BENCHMARK(BM_LookupByPlate)->Unit(benchmark::kMicrosecond);

void BM_LookupByPhone(benchmark::State& state) {
    World& w = world();
    timed(state, w.phones, [&](const std::string& p) {
        auto r = w.s->get<CustomerService>().findCustomerByPhone(p);
        if (!r || !r->has_value()) state.SkipWithError("phone not found");
    });
}
BENCHMARK(BM_LookupByPhone)->Unit(benchmark::kMicrosecond);

void BM_SearchSubstring(benchmark::State& state) {
    World& w = world();
    size_t empty = 0;
    timed(state, w.substrings, [&](const std::string& q) {
        auto r = w.s->get<CustomerSearch>().search(q);
        if (!r) state.SkipWithError(r.error().message.c_str());
        else empty += r->empty();
    });
    state.counters["no_hit"] = static_cast<double>(empty);
}
BENCHMARK(BM_SearchSubstring)->Unit(benchmark::kMicrosecond);

void BM_SearchTwoCharName(benchmark::State& state) {
    World& w = world();
    size_t empty = 0;
    timed(state, w.twoChar, [&](const std::string& q) {
        auto r = w.s->get<CustomerSearch>().search(q);
        if (!r) state.SkipWithError(r.error().message.c_str());
        else empty += r->empty();
    });
    state.counters["no_hit"] = static_cast<double>(empty);
}
BENCHMARK(BM_SearchTwoCharName)->Unit(benchmark::kMicrosecond);

void BM_SearchExactPhone(benchmark::State& state) {
    World& w = world();
    timed(state, w.phones, [&](const std::string& q) {
        auto r = w.s->get<CustomerSearch>().search(q);
        if (!r || r->empty()) state.SkipWithError("no hit");
    });
}
BENCHMARK(BM_SearchExactPhone)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
