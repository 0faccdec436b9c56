// bench_workshop — the workshop's figures (issue 9) on a store of 200,000 customers and 50,000
// closed work orders, through the service calls the workshop tablet and the office make:
//   BM_ScanToSteps      a work-order barcode scanned → findByNumber → get → the car → the job's
//                       template steps, as JobScreen's reload builds them (target ≤ 50 ms);
//                       /open: the numbers of the 200 open jobs, /closed: old closed orders
//   BM_VehicleHistory   VehicleHistoryQueries::forVehicle, a car with 10 earlier orders (≤ 5 ms)
//   BM_BayBoardQuery    WorkshopBoardQueries::openJobs with 200 open jobs among the closed
//                       ones: what the bay board reads per reload (p99 ≤ 4 ms a frame)
//   BM_SaveStep, BM_SaveReading, BM_SaveClockEvent
//                       one save from the tablet, its own transaction, captured (p99 ≤ 5 ms)
//   BM_SavePhoto        a 150 KB job photo saved with its job (base64 fact, checked, captured)
//   BM_CloseOut30Lines  InvoiceService::closeOut of a ready order with 30 lines (≤ 20 ms); a
//                       fresh order per iteration, made outside the timing
//   BM_LoadJobTemplates assets/jobs loaded and checked (what WorkshopServices::from does)
//
//   build/bin/bench_workshop                          # 200,000 customers, 50,000 closed orders
//   FC_BENCH_CUSTOMERS=2000 build/bin/bench_workshop  # small: closed orders = customers / 4
//   FC_BENCH_ORDERS=N                                 # another number of closed orders
// The seeded store is built once into $FC_BENCH_DIR (default /tmp/fc-bench) and reused while its
// size and schema match; every run works on a fresh copy of it (the saves and close-outs change
// it). There are always 200 open jobs. Seeding the full store takes about a minute the first time
// (every order goes through the services and is closed out with its invoice). Latency benchmarks
// report mean/p50/p99/max wall time in microseconds as counters, and cpu_p99_us (this thread's CPU
// time: the figure on a busy machine). Not run by CI (benchmarks are never tests).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <random>
#include <set>

#include "shared/customers/customer_service.hpp"
#include "shared/db/migrations.hpp"
#include "shared/demo/seed.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/readmodel/vehicle_history.hpp"
#include "shared/readmodel/workshop_board.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/workorders/job_photos.hpp"
#include "shared/workorders/job_templates.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace {

using namespace fc::core;
using Clock = std::chrono::steady_clock;

constexpr size_t kOpenJobs = 200;
constexpr size_t kHistoryOrders = 10;  // earlier orders of each "regular" car

size_t envSize(const char* name, size_t fallback) {
    const char* env = std::getenv(name);
    return env ? static_cast<size_t>(std::strtoull(env, nullptr, 10)) : fallback;
}
size_t benchCustomers() {
    return envSize("FC_BENCH_CUSTOMERS", 200'000);
}
size_t benchClosedOrders() {
    return envSize("FC_BENCH_ORDERS", benchCustomers() / 4);
}

[[noreturn]] void fail(const std::string& what, const Error& e) {
    std::cerr << "bench_workshop: " << what << ": " << e.message << "\n";
    std::abort();
}
template <class T>
T must(Result<T> r, const std::string& what) {
    if (!r) fail(what, r.error());
    return std::move(r).value();
}
void must(const Status& s, const std::string& what) {
    if (!s) fail(what, s.error());
}

std::vector<std::string> column(Db& db, const std::string& sql) {
    std::vector<std::string> out;
    auto st = must(db.prepare(sql), sql);
    while (must(st.step(), sql)) out.push_back(st.getText(0));
    return out;
}

std::string staffId(Db& db, const char* name) {
    auto ids =
        column(db, std::string("SELECT id FROM staff WHERE name = '") + name + "' AND active = 1");
    if (ids.empty()) fail(std::string("staff ") + name, Error(Errc::kNotFound, "not on the staff"));
    return ids.front();
}

struct People {
    Session advisor;     // 李娜: opens, prices and closes orders
    Session technician;  // 王强
    Session second;      // 张伟
    Session third;       // 黄磊: nobody's job at seed time; the clock benchmark's
};

People signIn(StoreServices& s) {
    auto& sessions = s.get<SessionManager>();
    Db& db = s.db();
    auto in = [&](const char* name, const char* pin) {
        return must(sessions.signInByPin(staffId(db, name), pin), std::string("sign in ") + name);
    };
    // The demo staff's published PINs (seed.hpp).
    return People{in("李娜", "314159"), in("王强", "271828"), in("张伟", "173205"),
                  in("黄磊", "223606")};
}

// [SECTION] seeding

// Codes of the service menu that have a job template (the steps a technician works through).
const std::vector<std::string> kTemplated = {"routine_service", "oil_filter", "tyre_replace",
                                             "wheel_alignment", "brake_pads", "ac_service",
                                             "diagnosis",       "ev_hv_check"};
const std::vector<std::string> kAllServices = {
    "routine_service", "oil_filter", "tyre_replace", "tyre_repair", "wheel_alignment",
    "brake_pads",      "ac_service", "diagnosis",    "ev_hv_check", "battery",
    "coolant",         "wipers",     "body_paint",   "wash_detail", "annual_inspection"};
// The first step of each templated service (assets/jobs) and one of its readings.
struct StepReading {
    const char* step;
    const char* reading;
    int64_t scaled;
};
StepReading stepReadingOf(const std::string& code) {
    if (code == "brake_pads") return {"measure_pads", "front_left_mm", 65};
    if (code == "tyre_replace") return {"check_tyres", "old_tread_mm", 24};
    if (code == "wheel_alignment") return {"pre_check", "pressure_fl_kpa", 230};
    if (code == "ac_service") return {"performance_test", "ambient_c", 31};
    if (code == "ev_hv_check") return {"safety_prep", "lv_battery_v", 1250};
    if (code == "diagnosis") return {"scan_codes", "battery_v", 1240};
    return {"reception_check", "odometer_km", 86000};  // routine_service, oil_filter and the rest
}

struct Car {
    std::string vehicleId;
    std::string customerId;
};

constexpr int64_t kClosedOrderMinutes = 100;  // the store time one closed order takes (below)

// One closed order as the office and the workshop make it: 2–4 lines, a step and a reading,
// clocked on and off, ready, closed out with its invoice. Now and then a yellow finding whose
// extra work the customer declined (so the car's history has something put off).
void closedOrder(StoreServices& s, ManualClock& clock, const People& p, const Car& car,
                 std::mt19937_64& rng) {
    auto& wo = s.get<WorkOrderService>();
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    NewWorkOrder in;
    in.customerId = car.customerId;
    in.vehicleId = car.vehicleId;
    in.services.push_back(kAllServices[pick(kAllServices.size())]);
    if (pick(3) == 0) in.services.push_back(kTemplated[pick(kTemplated.size())]);
    if (in.services.size() == 2 && in.services[0] == in.services[1]) in.services.pop_back();
    if (pick(4) == 0) in.concerns = "客户反映刹车时有异响";
    in.promisedAt = clock.nowMs() + 3 * 3'600'000;
    in.odometerKm = 20'000 + static_cast<int64_t>(pick(150'000));
    const std::string id = must(wo.open(p.advisor, in), "open");
    const size_t lines = 2 + pick(3);
    for (size_t k = in.services.size(); k < lines; ++k)
        must(wo.addPart(p.advisor, id, k % 2 ? "机油 5W-30 4L" : "机油滤清器", 1000, 6800),
             "addPart");
    clock.advance(20 * 60'000);
    must(wo.clockOn(p.technician, id), "clockOn");
    const StepReading sr = stepReadingOf(in.services.front());
    clock.advance(10 * 60'000);
    must(wo.recordReading(p.technician, id, sr.step, sr.reading, sr.scaled), "recordReading");
    must(wo.recordStep(p.technician, id, sr.step), "recordStep");
    if (pick(10) == 0) {
        const std::string finding = must(
            wo.recordFinding(p.technician, id, sr.step, "yellow", "前轮刹车片 3.0 mm，建议更换"),
            "finding");
        const std::string line =
            must(wo.addLabour(p.advisor, id, "brake_pads", LineApproval::kProposed, finding),
                 "extra work");
        must(wo.answerExtraWork(p.advisor, line, false, "电话"), "declined");
    }
    clock.advance(30 * 60'000);
    must(wo.clockOff(p.technician, id, "done"), "clockOff");
    must(wo.changeStatus(p.technician, id, WorkOrderStatus::kReady), "ready");
    clock.advance(30 * 60'000);
    must(s.get<InvoiceService>().closeOut(p.advisor, id), "closeOut");
    clock.advance(10 * 60'000);
}

// One of the 200 open jobs: on a bay (two in three), technicians assigned, in one of the states a
// workshop has at once (open, in progress, waiting for parts or for the customer's answer, ready).
void openOrder(StoreServices& s, ManualClock& clock, const People& p, const Car& car, size_t k,
               const std::vector<std::string>& bays, std::mt19937_64& rng) {
    auto& wo = s.get<WorkOrderService>();
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    NewWorkOrder in;
    in.customerId = car.customerId;
    in.vehicleId = car.vehicleId;
    in.services.push_back(kTemplated[k % kTemplated.size()]);
    if (k % 3 == 0) in.services.push_back(kTemplated[(k / 3 + 3) % kTemplated.size()]);
    if (in.services.size() == 2 && in.services[0] == in.services[1]) in.services.pop_back();
    in.concerns = k % 4 == 0 ? "仪表盘故障灯亮" : "";
    in.promisedAt = clock.nowMs() + (static_cast<int64_t>(k % 24) - 6) * 3'600'000;
    if (!bays.empty() && k % 3 != 2) in.bayId = bays[k % bays.size()];
    in.odometerKm = 20'000 + static_cast<int64_t>(pick(150'000));
    const std::string id = must(wo.open(p.advisor, in), "open (open job)");
    must(wo.addPart(p.advisor, id, "机油 5W-30 4L", 1000, 6800), "addPart (open job)");
    const Session& tech = k % 3 == 0 ? p.technician : k % 3 == 1 ? p.second : p.third;
    const WorkOrderView view = must(wo.get(id), "get (open job)");
    for (const WorkOrderLine& l : view.lines)
        if (l.kind == LineKind::kLabour)
            must(wo.assignTechnicians(p.advisor, l.id, {{tech.staffId(), 100}}), "assign");
    clock.advance(60'000);
    const size_t state =
        k % 10;  // 0–2 open, 3–6 in progress, 7 waiting parts, 8 waiting approval, 9 ready
    if (state < 3) return;
    const StepReading sr = stepReadingOf(in.services.front());
    must(wo.clockOn(tech, id), "clockOn (open job)");
    must(wo.recordReading(tech, id, sr.step, sr.reading, sr.scaled), "recordReading (open job)");
    must(wo.recordStep(tech, id, sr.step), "recordStep (open job)");
    if (state == 8) {
        const std::string finding =
            must(wo.recordFinding(tech, id, sr.step, "yellow", "刹车油含水量 3%，建议更换"),
                 "finding (open job)");
        must(wo.addLabour(p.advisor, id, "coolant", LineApproval::kProposed, finding),
             "extra work (open job)");
    }
    must(wo.clockOff(tech, id, state == 7 ? "parts" : "done"), "clockOff (open job)");
    if (state == 7)
        must(wo.changeStatus(tech, id, WorkOrderStatus::kWaitingParts), "waiting parts");
    if (state == 8)
        must(wo.changeStatus(tech, id, WorkOrderStatus::kWaitingApproval), "waiting approval");
    if (state == 9) must(wo.changeStatus(tech, id, WorkOrderStatus::kReady), "ready (open job)");
}

void seed(const std::string& path, size_t customers, size_t closed) {
    std::cerr << "bench_workshop: seeding " << customers << " customers, " << closed
              << " closed and " << kOpenJobs << " open work orders into " << path << " …\n";
    const auto t0 = Clock::now();
    auto secs = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    // The orders are spread over the past (kClosedOrderMinutes of store time each), the open jobs
    // opened in the last hours; the store's clock ends before the real one, so every fact's HLC is
    // in the past when the benchmarks run.
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    ManualClock clock(now - (static_cast<int64_t>(closed) * kClosedOrderMinutes +
                             static_cast<int64_t>(kOpenJobs) + 60) *
                                60'000);
    const std::string tmp = path + ".tmp";
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(tmp + ext);
    {
        auto s = must(StoreServices::init(tmp, clock, {}), "init");
        SeedOptions opt{.seed = 2026, .customers = customers};
        opt.workOrders = false;  // exactly the open jobs made here
        must(seedDemo(*s, opt), "seed-demo");
        std::cerr << "bench_workshop: customers seeded in " << secs() << " s\n";
        const People p = signIn(*s);
        Db& db = s->db();
        std::vector<Car> cars;
        {
            auto st = must(db.prepare("SELECT vehicle_id, min(customer_id) FROM vehicle_ownerships "
                                      "GROUP BY vehicle_id"),
                           "cars");
            while (must(st.step(), "cars")) cars.push_back({st.getText(0), st.getText(1)});
        }
        std::mt19937_64 rng(9);
        std::shuffle(cars.begin(), cars.end(), rng);
        // The first `regulars` cars have 10 earlier orders each, spread over the years; the next
        // 200 have the open jobs; the other closed orders go to the rest at random (the close-out
        // benchmark takes cars that were never picked).
        const size_t regulars = std::max<size_t>(1, closed / (kHistoryOrders * 10));
        if (cars.size() < regulars + kOpenJobs + 1000)
            fail("seed", Error(Errc::kInvalid, "too few cars for the orders"));
        const size_t pool = cars.size() - regulars - kOpenJobs;
        const std::vector<std::string> bays =
            column(db, "SELECT id FROM bays WHERE deleted_at IS NULL ORDER BY sort_order");
        constexpr size_t kChunk = 1000;  // orders per transaction
        for (size_t done = 0; done < closed;) {
            Tx tx(db);
            must(tx.begin(), "begin");
            DeferredScope bulk(s->store().writer());
            for (size_t end = std::min(closed, done + kChunk); done < end; ++done) {
                const bool regular = done % 10 == 0 && done / 10 < regulars * kHistoryOrders;
                const Car& car =
                    regular ? cars[(done / 10) % regulars]
                            : cars[regulars + kOpenJobs + static_cast<size_t>(rng() % pool)];
                closedOrder(*s, clock, p, car, rng);
            }
            must(bulk.finish(), "index");
            must(tx.commit(), "commit");
            if (done % 10'000 == 0 || done == closed)
                std::cerr << "bench_workshop: " << done << " closed orders, " << secs() << " s\n";
        }
        {
            Tx tx(db);
            must(tx.begin(), "begin");
            DeferredScope bulk(s->store().writer());
            for (size_t k = 0; k < kOpenJobs; ++k)
                openOrder(*s, clock, p, cars[regulars + k], k, bays, rng);
            must(bulk.finish(), "index");
            must(tx.commit(), "commit");
        }
        // Two technicians clocked on now (the board shows them).
        const auto jobs = must(s->get<WorkOrderService>().openOrders(), "open orders");
        must(s->get<WorkOrderService>().clockOn(p.technician, jobs.at(3)), "clocked on");
        must(s->get<WorkOrderService>().clockOn(p.second, jobs.at(4)), "clocked on");
        must(s->get<SessionManager>().signOut(), "sign out");
    }
    for (const char* ext : {"-wal", "-shm"}) std::filesystem::remove(tmp + ext);
    std::filesystem::rename(tmp, path);
    std::cerr << "bench_workshop: seeded in " << secs() << " s\n";
}

// [SECTION] the store every benchmark works on

struct World {
    SystemClock clock;
    std::unique_ptr<StoreServices> s;
    std::unique_ptr<People> people;
    JobTemplates templates;
    size_t closed = 0;
    std::vector<std::string> openNumbers, closedNumbers;  // provisional numbers, as on the job card
    std::vector<std::string> openIds;
    std::vector<std::string> historyCars;
    std::vector<Car> spareCars;  // no orders: the close-out benchmark's
};

World& world() {
    static World* w = [] {
        auto* wd = new World;
        const char* dirEnv = std::getenv("FC_BENCH_DIR");
        const std::string dir = dirEnv ? dirEnv : "/tmp/fc-bench";
        std::filesystem::create_directories(dir);
        const size_t customers = benchCustomers();
        wd->closed = benchClosedOrders();
        const std::string name =
            "workshop-" + std::to_string(customers) + "-" + std::to_string(wd->closed);
        const std::string path =
            dir + "/" + name + "-v" + std::to_string(storeRegistry().schema().version()) + ".db";
        if (!std::filesystem::exists(path)) seed(path, customers, wd->closed);
        // The benchmarks save and close out: they work on a copy, so the seeded store stays as it
        // is.
        const std::string run = dir + "/" + name + "-run.db";
        for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(run + ext);
        std::filesystem::copy_file(path, run);
        wd->s = must(StoreServices::open(run, wd->clock), "open");
        // As the app does: WAL checkpoints on their own thread, not inside a save's commit.
        must(wd->s->checkpointInBackground(), "checkpointer");
        wd->people = std::make_unique<People>(signIn(*wd->s));
        // Loaded once, as WorkshopServices::from does for the workshop's screens.
        const ServiceMenu* menu = must(wd->s->get<ServiceCatalog>().menu(), "menu");
        wd->templates =
            must(loadJobTemplates(defaultJobTemplatesDir(), serviceCodes(*menu)), "job templates");
        Db& db = wd->s->db();
        wd->openIds = must(wd->s->get<WorkOrderService>().openOrders(), "open orders");
        for (const std::string& id : wd->openIds)
            wd->openNumbers.push_back(
                must(wd->s->get<WorkOrderService>().get(id), "get").provisionalNo);
        std::shuffle(wd->openNumbers.begin(), wd->openNumbers.end(), std::mt19937(3));
        wd->closedNumbers =
            column(db,
                   "SELECT w.provisional_no FROM local_job_state j JOIN work_orders w ON w.id = "
                   "j.work_order_id WHERE j.final = 1 ORDER BY random() LIMIT 1000");
        wd->historyCars = column(
            db, "SELECT vehicle_id FROM work_orders GROUP BY vehicle_id HAVING count(*) >= " +
                    std::to_string(kHistoryOrders) + " ORDER BY random() LIMIT 500");
        auto st = must(
            db.prepare(
                "SELECT o.vehicle_id, o.customer_id FROM vehicle_ownerships o WHERE NOT EXISTS "
                "(SELECT 1 FROM work_orders w WHERE w.vehicle_id = o.vehicle_id) LIMIT 2000"),
            "spare cars");
        while (must(st.step(), "spare cars"))
            wd->spareCars.push_back({st.getText(0), st.getText(1)});
        std::cerr << "bench_workshop: " << wd->openIds.size() << " open jobs, " << wd->closed
                  << " closed orders, " << wd->historyCars.size() << " cars with " << kHistoryOrders
                  << "+ orders\n";
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

// Wall time of each sample, and this thread's CPU time of each (cpu_p99_us: the figure without
// other programs' load; the difference is waiting — for the disk, or for a busy machine).
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
    size_t size() const { return us.size(); }
};

double p99(std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, v.size() * 99 / 100)];
}

void reportLatency(benchmark::State& state, Samples& s) {
    if (s.us.empty()) return;
    double sum = 0;
    for (double v : s.us) sum += v;
    state.counters["mean_us"] = sum / static_cast<double>(s.us.size());
    state.counters["p99_us"] = p99(s.us);
    state.counters["p50_us"] = s.us[s.us.size() / 2];
    state.counters["max_us"] = s.us.back();
    state.counters["cpu_p99_us"] = p99(s.cpuUs);
}

// [SECTION] 1. a scanned work-order barcode to the job's steps

// What JobScreen::reload shows: the order, its car, and each labour line's template steps in line
// order (declined and not yet approved work left out, a step key two templates share once).
struct JobOnScreen {
    WorkOrderView view;
    Vehicle car;
    std::vector<const JobStep*> steps;
};

JobOnScreen scanToSteps(World& w, const std::string& scanned) {
    auto& wo = w.s->get<WorkOrderService>();
    auto found = must(wo.findByNumber(scanned), "findByNumber");
    if (!found) fail("scan " + scanned, Error(Errc::kNotFound, "no such order"));
    JobOnScreen out;
    out.view = must(wo.get(*found), "get");
    out.car = must(w.s->get<CustomerService>().getVehicle(out.view.vehicleId), "getVehicle");
    std::set<std::string> seenServices, seenSteps;
    for (const WorkOrderLine& line : out.view.lines) {
        if (line.kind != LineKind::kLabour || line.serviceCode.empty()) continue;
        if (line.approval == LineApproval::kProposed || line.approval == LineApproval::kDeclined)
            continue;
        if (!seenServices.insert(line.serviceCode).second) continue;
        const JobTemplate* t = w.templates.find(line.serviceCode);
        if (!t) continue;
        for (const JobStep& step : t->steps)
            if (seenSteps.insert(step.key).second) out.steps.push_back(&step);
    }
    return out;
}

void BM_ScanToSteps(benchmark::State& state, bool openJobs) {
    World& w = world();
    const auto& numbers = openJobs ? w.openNumbers : w.closedNumbers;
    Samples us;
    size_t i = 0, steps = 0;
    for (auto _ : state) {
        us.start();
        {
            JobOnScreen job = scanToSteps(w, numbers[i++ % numbers.size()]);
            steps += job.steps.size();
            benchmark::DoNotOptimize(job);
        }  // freeing it is part of the cost (the screen drops the previous job)
        us.stop();
    }
    state.counters["steps"] =
        static_cast<double>(steps) / static_cast<double>(std::max<size_t>(1, us.size()));
    reportLatency(state, us);
}
BENCHMARK_CAPTURE(BM_ScanToSteps, open, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ScanToSteps, closed, false)->Unit(benchmark::kMicrosecond);

void BM_LoadJobTemplates(benchmark::State& state) {
    World& w = world();
    const ServiceMenu* menu = must(w.s->get<ServiceCatalog>().menu(), "menu");
    const auto codes = serviceCodes(*menu);
    for (auto _ : state)
        benchmark::DoNotOptimize(
            must(loadJobTemplates(defaultJobTemplatesDir(), codes), "templates"));
}
BENCHMARK(BM_LoadJobTemplates)->Unit(benchmark::kMicrosecond);

// [SECTION] 2. a car's history

void BM_VehicleHistory(benchmark::State& state) {
    World& w = world();
    Samples us;
    size_t i = 0, orders = 0;
    for (auto _ : state) {
        us.start();
        {
            VehicleHistory h = must(w.s->get<VehicleHistoryQueries>().forVehicle(
                                        w.historyCars[i++ % w.historyCars.size()]),
                                    "history");
            orders += h.orders.size();
        }
        us.stop();
    }
    state.counters["orders"] =
        static_cast<double>(orders) / static_cast<double>(std::max<size_t>(1, us.size()));
    reportLatency(state, us);
}
BENCHMARK(BM_VehicleHistory)->Unit(benchmark::kMicrosecond);

// [SECTION] 3. the bay board

void BM_BayBoardQuery(benchmark::State& state) {
    World& w = world();
    Samples us;
    size_t jobs = 0;
    for (auto _ : state) {
        us.start();
        {
            // The screen keeps the jobs until the next reload: freeing the previous ones is part
            // of a reload.
            auto board = must(w.s->get<WorkshopBoardQueries>().openJobs(w.clock.nowMs()), "board");
            jobs = board.size();
        }
        us.stop();
    }
    state.counters["jobs"] = static_cast<double>(jobs);
    state.counters["closed"] = static_cast<double>(w.closed);
    reportLatency(state, us);
}
BENCHMARK(BM_BayBoardQuery)->Unit(benchmark::kMicrosecond);

// [SECTION] 4. a save from the tablet (own transaction, captured)

// 2,000 saves over the 200 open jobs: ~10 more facts per job, as in a working day.
constexpr int kSaves = 2000;

template <class F>
void saves(benchmark::State& state, F&& save) {
    World& w = world();
    Samples us;
    size_t i = 0;
    for (auto _ : state) {
        const std::string& id = w.openIds[i % w.openIds.size()];
        us.start();
        Status r = save(w, id, i++);
        us.stop();
        if (!r) {
            state.SkipWithError(r.error().message.c_str());
            break;
        }
    }
    reportLatency(state, us);
}

void BM_SaveStep(benchmark::State& state) {
    saves(state, [](World& w, const std::string& id, size_t i) {
        return w.s->get<WorkOrderService>().recordStep(w.people->technician, id,
                                                       "bench_step_" + std::to_string(i % 7));
    });
}
BENCHMARK(BM_SaveStep)->Iterations(kSaves)->Unit(benchmark::kMicrosecond);

void BM_SaveReading(benchmark::State& state) {
    saves(state, [](World& w, const std::string& id, size_t i) {
        return w.s->get<WorkOrderService>().recordReading(w.people->technician, id, "measure_pads",
                                                          "front_left_mm",
                                                          20 + static_cast<int64_t>(i % 80));
    });
}
BENCHMARK(BM_SaveReading)->Iterations(kSaves)->Unit(benchmark::kMicrosecond);

// Clock on, then off, then on to the next job…: every iteration is one clock event.
void BM_SaveClockEvent(benchmark::State& state) {
    saves(state, [](World& w, const std::string&, size_t i) -> Status {
        auto& wo = w.s->get<WorkOrderService>();
        const std::string& id = w.openIds[(i / 2) % w.openIds.size()];
        return i % 2 == 0 ? wo.clockOn(w.people->third, id)
                          : wo.clockOff(w.people->third, id, "parts");
    });
}
BENCHMARK(BM_SaveClockEvent)->Iterations(kSaves)->Unit(benchmark::kMicrosecond);

// A job photo of 150 KB (a 1280×960 JPEG of a brake disc is 100–250 KB): base64 into the fact,
// the row rule's check, the capture. The bytes are a JPEG's frame (SOI … EOI) around random
// filler: the save does not decode the picture, so its content does not change the cost.
void BM_SavePhoto(benchmark::State& state) {
    static const std::string jpeg = [] {
        std::mt19937 rng(5);
        std::string b = "\xFF\xD8\xFF\xE0";
        b.resize(150 * 1024 - 2);
        for (size_t i = 4; i < b.size(); ++i) b[i] = static_cast<char>(rng() % 255);  // never 0xFF
        return b + "\xFF\xD9";
    }();
    saves(state, [](World& w, const std::string& id, size_t) -> Status {
        auto r = w.s->get<JobPhotoService>().add(w.people->technician, id, "measure_pads", jpeg, 1280, 960);
        if (!r) return r.error();
        return {};
    });
}
BENCHMARK(BM_SavePhoto)->Iterations(200)->Unit(benchmark::kMicrosecond);

// [SECTION] 5. close-out of a ready order with 30 lines

void BM_CloseOut30Lines(benchmark::State& state) {
    World& w = world();
    auto& wo = w.s->get<WorkOrderService>();
    const People& p = *w.people;
    Samples us;
    std::vector<double> openUs;
    size_t i = 0, lines = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const Car& car = w.spareCars[i++ % w.spareCars.size()];
        NewWorkOrder in;
        in.customerId = car.customerId;
        in.vehicleId = car.vehicleId;
        in.services = {kAllServices.begin(), kAllServices.begin() + 10};
        const auto o0 = Clock::now();
        const std::string id = must(wo.open(p.advisor, in), "open");
        openUs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - o0).count());
        for (size_t k = 0; k < 5; ++k)
            must(wo.addLabour(p.advisor, id, kAllServices[10 + k]), "addLabour");
        for (size_t k = 0; k < 15; ++k)
            must(wo.addPart(p.advisor, id, "配件 " + std::to_string(k + 1),
                            1000 + static_cast<int64_t>(k) * 500,
                            1200 + static_cast<int64_t>(k) * 350),
                 "addPart");
        must(wo.clockOn(p.technician, id), "clockOn");
        must(wo.clockOff(p.technician, id, "done"), "clockOff");
        must(wo.changeStatus(p.technician, id, WorkOrderStatus::kReady), "ready");
        lines = must(wo.get(id), "get").lines.size();
        state.ResumeTiming();
        us.start();
        auto invoice = w.s->get<InvoiceService>().closeOut(p.advisor, id);
        us.stop();
        if (!invoice) {
            state.SkipWithError(invoice.error().message.c_str());
            break;
        }
    }
    state.counters["lines"] = static_cast<double>(lines);
    reportLatency(state, us);
    // Opening the order (outside the timing above): the provisional number's scan grows with
    // the store's orders too.
    if (!openUs.empty()) {
        std::sort(openUs.begin(), openUs.end());
        state.counters["open_p50_us"] = openUs[openUs.size() / 2];
    }
}
BENCHMARK(BM_CloseOut30Lines)->Iterations(60)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
