// bench_stock — the warehouse's figures on a store of 8,000 parts and 1,000,000 stock movements
// (seeded through PartService and StockService: tests/bench/stock_store.hpp), through the
// service calls the warehouse tablet and the office make:
//   BM_OnHand, BM_Figures, BM_StockByBin
//                       what is on hand for a part, its figures (quantity, average cost, value),
//                       its stock per bin (target ≤ 1 ms)
//   BM_StockListReload  StockService::stockList: what the stock list reloads when stock or parts
//                       change (all 8,000 parts; /filter: "博世"). The frame itself, clipped, is
//                       bench_app's BM_StockListFrame.
//   BM_CountScan        CountService::scan on a count of zone A: one fact in its own transaction,
//                       captured, the line's derived state updated, the line read back
//                       (p99 ≤ 10 ms); BM_CountScanOneLine: 1,000 scans of one line (a box of
//                       spark plugs), start_… / end_…: p50 and p99 of the first and the last 100
//   BM_SerialCount      10,000 serial numbers of one battery scanned into one line of one count:
//                       the per-scan p50 and p99 of the first and of the last 1,000 (first_…,
//                       last_…: it must not grow with the serials) and the total (total_s)
//   BM_CountPost        CountService::post of a count of ~10,000 part×bin lines, every line
//                       counted with setCounted beforehand (outside the timing): the review and one
//                       movement per differing line in one transaction (≤ 2 s); /all_differ: every
//                       line, /tenth_differs: one in ten. open_ms, review_ms and set_p99_us are
//                       the steps before it.
//
//   build/bin/bench_stock --benchmark_min_time=0.5          # 8,000 parts, 1,000,000 movements
//   FC_BENCH_PARTS=800 FC_BENCH_MOVEMENTS=20000 FC_BENCH_COUNT_LINES=1000 FC_BENCH_SERIALS=1000
//     build/bin/bench_stock                                 # small (CI-size), one command line
// The seeded store is built once into $FC_BENCH_DIR (default /tmp/fc-bench) and reused while its
// sizes and schema match; every run works on a fresh copy of it (the counts post movements). The
// store's time is a ManualClock at the real time (the seeded HLCs are before it). Latency
// benchmarks report mean/p50/p99/max wall time in microseconds as counters, and cpu_p99_us (this
// thread's CPU time: the figure on a busy machine). Not run by CI (benchmarks are never tests).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <optional>
#include <random>

#include "shared/stock/count_service.hpp"
#include "tests/bench/stock_store.hpp"

namespace {

using namespace fc::core;
using fc::bench::stockMust;
using Clock = std::chrono::steady_clock;

size_t countLines() { return fc::bench::stockEnvSize("FC_BENCH_COUNT_LINES", 10'000); }
size_t serials() { return fc::bench::stockEnvSize("FC_BENCH_SERIALS", 10'000); }

// [SECTION] the store every benchmark works on

struct World {
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<StoreServices> s;
    std::optional<Session> clerk;    // 刘洋: counts, moves stock
    std::optional<Session> manager;  // 陈建国: posts counts, approves the lines over the threshold
    std::vector<std::string> parts;  // every part, shuffled
    size_t movements = 0;
};

World& world() {
    static World* w = [] {
        auto* wd = new World;
        const std::string run = fc::bench::stockBenchCopy("stock");
        const int64_t realNow = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
        wd->clock = std::make_unique<ManualClock>(realNow);
        wd->s = stockMust(StoreServices::open(run, *wd->clock), "open");
        // As the app does: WAL checkpoints on their own thread, not inside a save's commit.
        stockMust(wd->s->checkpointInBackground(), "checkpointer");
        auto& sessions = wd->s->get<SessionManager>();
        wd->clerk = stockMust(sessions.signInByPinOnly(fc::bench::kClerkPin), "sign in 刘洋");
        wd->manager = stockMust(sessions.signInByPinOnly(fc::bench::kManagerPin), "sign in 陈建国");
        Db& db = wd->s->db();
        auto st = stockMust(db.prepare("SELECT id FROM parts ORDER BY id"), "parts");
        while (stockMust(st.step(), "parts")) wd->parts.push_back(st.getText(0));
        std::shuffle(wd->parts.begin(), wd->parts.end(), std::mt19937(3));
        wd->movements = static_cast<size_t>(
            stockMust(db.queryInt("SELECT count(*) FROM stock_movements"), "movements").value_or(0));
        std::cerr << "bench_stock: " << wd->parts.size() << " parts, " << wd->movements << " movements\n";
        return wd;
    }();
    return *w;
}

// This thread's CPU time: unlike wall time, not inflated when the machine is busy (bench_sync).
double threadCpuUs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// Wall time of each sample, and this thread's CPU time of each.
struct Samples {
    std::vector<double> us, cpuUs;
    Clock::time_point t0;
    double cpu0 = 0;
    void start() {
        cpu0 = threadCpuUs();
        t0 = Clock::now();
    }
    void stop() {
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        cpuUs.push_back(threadCpuUs() - cpu0);
    }
};

double p99(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, v.size() * 99 / 100)];
}
double p50(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// The first and the last k samples' p50 and p99: does a scan cost more as the line grows?
void reportGrowth(benchmark::State& state, const std::vector<double>& us, size_t k, const char* first,
                  const char* last) {
    k = std::min(k, us.size());
    const std::vector<double> a(us.begin(), us.begin() + static_cast<ptrdiff_t>(k));
    const std::vector<double> b(us.end() - static_cast<ptrdiff_t>(k), us.end());
    state.counters[std::string(first) + "_p50_us"] = p50(a);
    state.counters[std::string(first) + "_p99_us"] = p99(a);
    state.counters[std::string(last) + "_p50_us"] = p50(b);
    state.counters[std::string(last) + "_p99_us"] = p99(b);
}

void reportLatency(benchmark::State& state, const Samples& s) {
    if (s.us.empty()) return;
    std::vector<double> v = s.us;
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    state.counters["mean_us"] = sum / static_cast<double>(v.size());
    state.counters["p50_us"] = v[v.size() / 2];
    state.counters["p99_us"] = p99(v);
    state.counters["max_us"] = v.back();
    state.counters["cpu_p99_us"] = p99(s.cpuUs);
}

// [SECTION] 1. on hand

template <class F>
void perPart(benchmark::State& state, F&& read) {
    World& w = world();
    Samples us;
    size_t i = 0;
    for (auto _ : state) {
        const std::string& part = w.parts[i++ % w.parts.size()];
        us.start();
        read(w, part);
        us.stop();
    }
    state.counters["parts"] = static_cast<double>(w.parts.size());
    state.counters["movements"] = static_cast<double>(w.movements);
    reportLatency(state, us);
}

void BM_OnHand(benchmark::State& state) {
    perPart(state, [](World& w, const std::string& part) {
        benchmark::DoNotOptimize(stockMust(w.s->get<StockService>().onHand(part), "onHand"));
    });
}
BENCHMARK(BM_OnHand)->Unit(benchmark::kMicrosecond);

void BM_Figures(benchmark::State& state) {
    perPart(state, [](World& w, const std::string& part) {
        benchmark::DoNotOptimize(stockMust(w.s->get<StockService>().figures(part), "figures"));
    });
}
BENCHMARK(BM_Figures)->Unit(benchmark::kMicrosecond);

void BM_StockByBin(benchmark::State& state) {
    perPart(state, [](World& w, const std::string& part) {
        auto bins = stockMust(w.s->get<StockService>().stockByBin(part), "stockByBin");
        benchmark::DoNotOptimize(bins);
    });
}
BENCHMARK(BM_StockByBin)->Unit(benchmark::kMicrosecond);

// [SECTION] 2. the stock list's reload

void BM_StockListReload(benchmark::State& state, const char* filter) {
    World& w = world();
    Samples us;
    size_t rows = 0;
    for (auto _ : state) {
        us.start();
        {
            auto list = stockMust(w.s->get<StockService>().stockList(filter), "stockList");
            rows = list.size();
        }  // the screen drops the previous rows: part of a reload
        us.stop();
    }
    state.counters["rows"] = static_cast<double>(rows);
    reportLatency(state, us);
}
BENCHMARK_CAPTURE(BM_StockListReload, all, "")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_StockListReload, filter, "博世")->Unit(benchmark::kMicrosecond);

// [SECTION] 3. a scan on the count line

struct OpenCount {
    std::string id;
    std::vector<CountLine> lines;  // every line of the count
};

OpenCount openCount(World& w, const CountSpec& spec) {
    auto& counts = w.s->get<CountService>();
    OpenCount c;
    c.id = stockMust(counts.open(*w.clerk, spec), "open count");
    for (const CountBin& b : stockMust(counts.bins(c.id), "count bins"))
        for (CountLine& l : stockMust(counts.lines(c.id, b.binId), "count lines")) c.lines.push_back(std::move(l));
    return c;
}

void BM_CountScan(benchmark::State& state) {
    World& w = world();
    auto& counts = w.s->get<CountService>();
    OpenCount c = openCount(w, {.scope = "zones", .zones = {"A"}});
    std::vector<const CountLine*> lines;
    for (const CountLine& l : c.lines)
        if (l.tracking != "serial") lines.push_back(&l);
    std::shuffle(lines.begin(), lines.end(), std::mt19937(5));
    Samples us;
    size_t i = 0;
    for (auto _ : state) {
        const CountLine& l = *lines[i++ % lines.size()];
        us.start();
        auto r = counts.scan(*w.clerk, c.id, l.binId, l.partId);
        us.stop();
        if (!r) {
            state.SkipWithError(r.error().message.c_str());
            break;
        }
    }
    state.counters["lines"] = static_cast<double>(c.lines.size());
    reportLatency(state, us);
}
BENCHMARK(BM_CountScan)->Iterations(2000)->Unit(benchmark::kMicrosecond);

// One line scanned again and again: its entries grow (one per scan).
void BM_CountScanOneLine(benchmark::State& state) {
    World& w = world();
    auto& counts = w.s->get<CountService>();
    OpenCount c = openCount(w, {.scope = "zones", .zones = {"D"}});
    const CountLine* line = nullptr;
    for (const CountLine& l : c.lines)
        if (l.tracking == "none") line = &l;
    Samples us;
    int64_t figure = 0;
    for (auto _ : state) {
        us.start();
        auto r = counts.scan(*w.clerk, c.id, line->binId, line->partId);
        us.stop();
        if (!r) {
            state.SkipWithError(r.error().message.c_str());
            break;
        }
        figure = r->mineMilli;
    }
    reportGrowth(state, us.us, 100, "start", "end");
    state.counters["figure"] = static_cast<double>(figure / 1000);
    reportLatency(state, us);
}
BENCHMARK(BM_CountScanOneLine)->Iterations(1000)->Unit(benchmark::kMicrosecond);

// [SECTION] 4. 10,000 serial numbers in one count

void BM_SerialCount(benchmark::State& state) {
    World& w = world();
    auto& counts = w.s->get<CountService>();
    Db& db = w.s->db();
    auto st = stockMust(db.prepare("SELECT p.id, b.code FROM parts p JOIN part_bins pb ON pb.part_id = p.id JOIN bins b "
                                   "ON b.id = pb.bin_id WHERE p.tracking = 'serial' ORDER BY p.sku LIMIT 1"),
                        "serial part");
    if (!stockMust(st.step(), "serial part")) {
        state.SkipWithError("no serial-tracked part");
        return;
    }
    const std::string part = st.getText(0), binCode = st.getText(1);
    const OpenCount c = openCount(w, {.scope = "bins", .binCodes = {binCode}});
    std::string bin;
    for (const CountLine& l : c.lines)
        if (l.partId == part) bin = l.binId;
    Samples us;
    size_t i = 0;
    int64_t figure = 0;
    const auto t0 = Clock::now();
    for (auto _ : state) {
        const std::string serial = "SN-C-" + fc::bench::stockPad(++i, 6);
        us.start();
        auto r = counts.scan(*w.clerk, c.id, bin, part, serial);
        us.stop();
        if (!r) {
            state.SkipWithError(r.error().message.c_str());
            break;
        }
        figure = r->figureMilli;
    }
    const double total = std::chrono::duration<double>(Clock::now() - t0).count();
    reportGrowth(state, us.us, 1000, "first", "last");
    state.counters["total_s"] = total;
    state.counters["serials"] = static_cast<double>(figure / 1000);
    reportLatency(state, us);
}
BENCHMARK(BM_SerialCount)->Iterations(static_cast<benchmark::IterationCount>(serials()))->Unit(benchmark::kMicrosecond);

// [SECTION] 5. posting a count of 10,000 lines

// The store's bins in the order a count lists them, each with its number of lines (what is kept
// there and what the books hold there, as CountService::open makes them).
std::vector<std::pair<std::string, size_t>> binLines(Db& db) {
    std::vector<std::pair<std::string, size_t>> out;
    auto st = stockMust(
        db.prepare("SELECT b.code, count(*) FROM bins b JOIN (SELECT pb.bin_id, pb.part_id FROM part_bins pb JOIN parts p "
                   "ON p.id = pb.part_id WHERE pb.deleted_at IS NULL AND p.deleted_at IS NULL UNION SELECT bin_id, "
                   "part_id FROM local_stock WHERE qty_milli <> 0) x ON x.bin_id = b.id WHERE b.deleted_at IS NULL "
                   "AND b.active = 1 GROUP BY b.id ORDER BY b.sort, b.code"),
        "bin lines");
    while (stockMust(st.step(), "bin lines")) out.emplace_back(st.getText(0), static_cast<size_t>(st.getInt(1)));
    return out;
}

void BM_CountPost(benchmark::State& state, size_t differEvery) {
    World& w = world();
    auto& counts = w.s->get<CountService>();
    // Bins until the count has the lines asked for.
    CountSpec spec{.scope = "bins"};
    size_t planned = 0;
    for (const auto& [code, n] : binLines(w.s->db())) {
        if (planned >= countLines()) break;
        spec.binCodes.push_back(code);
        planned += n;
    }
    std::mt19937_64 rng(11);
    Samples post, set;
    std::vector<double> openMs, reviewMs;
    size_t lines = 0, movements = 0, serialLines = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto o0 = Clock::now();
        const OpenCount c = openCount(w, spec);
        openMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - o0).count());
        lines = c.lines.size();
        serialLines = 0;
        size_t k = 0;
        for (const CountLine& l : c.lines) {
            if (l.tracking == "serial") {  // counted by scanning each number: left uncounted here
                ++serialLines;
                continue;
            }
            int64_t figure = l.expectedNowMilli;
            if (k++ % differEvery == 0) figure += figure >= 1000 && rng() % 2 ? -1000 : 1000;
            set.start();
            auto r = counts.setCounted(*w.clerk, c.id, l.binId, l.partId, figure);
            set.stop();
            if (!r) {
                state.ResumeTiming();
                state.SkipWithError(r.error().message.c_str());
                return;
            }
        }
        o0 = Clock::now();
        benchmark::DoNotOptimize(stockMust(counts.review(c.id), "review"));
        reviewMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - o0).count());
        state.ResumeTiming();
        post.start();
        auto r = counts.post(*w.manager, c.id, {.approve = true});
        post.stop();
        if (!r) {
            state.SkipWithError(r.error().message.c_str());
            return;
        }
        movements = r->movements;
    }
    state.counters["lines"] = static_cast<double>(lines);
    state.counters["serial_lines"] = static_cast<double>(serialLines);
    state.counters["movements"] = static_cast<double>(movements);
    double postSum = 0, postMax = 0;
    for (double v : post.us) {
        postSum += v / 1000;
        postMax = std::max(postMax, v / 1000);
    }
    if (!post.us.empty()) {
        state.counters["post_ms"] = postSum / static_cast<double>(post.us.size());  // the mean
        state.counters["post_max_ms"] = postMax;
    }
    std::sort(openMs.begin(), openMs.end());
    std::sort(reviewMs.begin(), reviewMs.end());
    if (!openMs.empty()) state.counters["open_ms"] = openMs[openMs.size() / 2];
    if (!reviewMs.empty()) state.counters["review_ms"] = reviewMs[reviewMs.size() / 2];
    state.counters["set_p50_us"] = [&] {
        std::vector<double> v = set.us;
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[v.size() / 2];
    }();
    state.counters["set_p99_us"] = p99(set.us);
}
BENCHMARK_CAPTURE(BM_CountPost, all_differ, 1)->Iterations(2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CountPost, tenth_differs, 10)->Iterations(2)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
