// The warehouse benchmarks' store (bench_stock, and bench_app's stock-list frames): 8,000 parts in
// the demo store's 240 bins and 1,000,000 stock movements — receipts, issues and transfers made
// through PartService and StockService as the warehouse clerk 刘洋, so the ledger, its capture
// (outbox) and the derived figures (local_stock, local_part_stock) are what the app would have.
// Seeded once into $FC_BENCH_DIR (default /tmp/fc-bench) and reused while its sizes and schema
// match; a benchmark works on a copy (stockBenchCopy).
//
//   const std::string& seeded = fc::bench::stockBenchStore();      // seeds it the first time
//   const std::string run = fc::bench::stockBenchCopy("bench_stock");
//
// Sizes: FC_BENCH_PARTS (8,000), FC_BENCH_MOVEMENTS (1,000,000, the opening stock included).
// The demo catalogue (demo_parts.hpp) makes about 3,400 distinct parts; the rest are the same
// kinds again from a second supplier ("-S2", "-S3" … on the SKU, their own GTIN and label code),
// kept on other shelves of the same zone. Three parts in ten have a second bin that transfers
// move stock between. The store's time is a ManualClock that ends before the real one (a
// movement every 30 s of store time), so every fact's HLC is in the past when a benchmark runs.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "shared/core/barcode.hpp"
#include "shared/db/migrations.hpp"
#include "shared/demo/demo_parts.hpp"
#include "shared/demo/seed.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"

namespace fc::bench {

inline size_t stockEnvSize(const char* name, size_t fallback) {
    const char* env = std::getenv(name);
    return env ? static_cast<size_t>(std::strtoull(env, nullptr, 10)) : fallback;
}
inline size_t stockBenchParts() { return stockEnvSize("FC_BENCH_PARTS", 8'000); }
inline size_t stockBenchMovements() { return stockEnvSize("FC_BENCH_MOVEMENTS", 1'000'000); }

constexpr int kStockSeedVersion = 2;          // in the cached file's name: a changed seeding reseeds
constexpr int64_t kStockStepMs = 30'000;      // store time between two movements
constexpr size_t kStockChunk = 5'000;         // movements per transaction (deferred capture)
constexpr const char* kClerkPin = "161803";   // 刘洋, the demo warehouse clerk (seed.hpp)
constexpr const char* kManagerPin = "135790"; // 陈建国, the demo manager

[[noreturn]] inline void stockFail(const std::string& what, const core::Error& e) {
    std::cerr << "stock bench store: " << what << ": " << e.message << "\n";
    std::abort();
}
template <class T>
T stockMust(core::Result<T> r, const std::string& what) {
    if (!r) stockFail(what, r.error());
    return std::move(r).value();
}
inline void stockMust(const core::Status& s, const std::string& what) {
    if (!s) stockFail(what, s.error());
}

inline std::string stockBenchDir() {
    const char* dirEnv = std::getenv("FC_BENCH_DIR");
    std::string dir = dirEnv ? dirEnv : "/tmp/fc-bench";
    std::filesystem::create_directories(dir);
    return dir;
}

inline std::string stockPad(uint64_t n, size_t width) {
    std::string s = std::to_string(n);
    return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
}

namespace detail {

// One part as the movement loop sees it: where it is kept, what the books held when the current
// transaction began (what StockService's check reads) and what this transaction took out so far.
struct SeedPart {
    std::string id;
    std::string unit;
    std::string tracking;
    int64_t costFen = 0;
    int64_t lotMilli = 1000;             // one receipt or issue: a piece, a set, or 4 litres
    std::vector<std::string> bins;       // primary, and for some a second one
    std::vector<int64_t> booked, takenOut;
};

// Parts beyond the demo catalogue: the same kinds from another supplier, numbered on.
inline std::vector<core::DemoPart> extraParts(size_t count, size_t firstSerial) {
    std::vector<core::DemoPart> base = core::demoParts(2026, 100'000);
    std::vector<core::DemoPart> out;
    std::mt19937_64 rng(77);
    for (size_t k = 0; out.size() < count; ++k) {
        core::DemoPart p = base[k % base.size()];
        const size_t supplier = 2 + k / base.size();
        p.part.sku += "-S" + std::to_string(supplier);
        p.part.supplier = "第" + std::to_string(supplier) + "供应商";
        const uint64_t serial = firstSerial + out.size();
        const std::string body = "69" + stockPad(5'000'000'000ULL + serial * 7919ULL % 4'000'000'000ULL, 10);
        p.codes = {{body + core::gtinCheckDigit(body), "gtin"}, {"FC-P-" + stockPad(serial, 5), "label"}};
        const std::string zone = p.binCode.substr(0, 1);
        p.binCode = zone + "-" + stockPad(1 + rng() % 10, 2) + "-" + stockPad(1 + rng() % 4, 2);
        out.push_back(std::move(p));
    }
    return out;
}

inline void seedStockStore(const std::string& path, size_t partCount, size_t movements) {
    std::cerr << "stock bench store: seeding " << partCount << " parts and " << movements
              << " movements into " << path << " …\n";
    using SteadyClock = std::chrono::steady_clock;
    const auto t0 = SteadyClock::now();
    auto secs = [&] { return std::chrono::duration<double>(SteadyClock::now() - t0).count(); };
    const int64_t realNow = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
    core::ManualClock clock(realNow - static_cast<int64_t>(movements + 1000) * kStockStepMs - 3'600'000);
    const std::string tmp = path + ".tmp";
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(tmp + ext);
    {
        core::InitOptions init;
        init.storeName = "深圳南山旗舰店";
        auto s = stockMust(core::StoreServices::init(tmp, clock, init), "init");
        core::SeedOptions opt{.seed = 2026, .customers = 0};
        opt.appointmentsToday = 0;
        opt.bays = false;
        opt.workOrders = false;
        stockMust(core::seedDemo(*s, opt), "demo staff");
        auto& sessions = s->get<core::SessionManager>();
        const core::Session clerk = stockMust(sessions.signInByPinOnly(kClerkPin), "sign in 刘洋");
        auto& parts = s->get<core::PartService>();
        auto& stock = s->get<core::StockService>();
        core::Db& db = s->db();
        size_t moved = 0;

        // The demo catalogue (bins, parts, fitment, opening stock), then the second suppliers'.
        {
            core::Tx tx(db);
            stockMust(tx.begin(), "begin");
            core::DeferredScope bulk(s->store().writer());
            const auto r = stockMust(core::seedDemoParts(*s, clerk, {.seed = 2026, .parts = partCount}),
                                     "demo parts");
            moved += r.movements;
            stockMust(bulk.finish(), "index");
            stockMust(tx.commit(), "commit");
        }
        std::map<std::string, std::string> binIds;
        std::map<std::string, std::vector<std::string>> zoneBins;
        for (const core::Bin& b : stockMust(parts.bins(), "bins")) {
            binIds[b.code] = b.id;
            zoneBins[b.zone].push_back(b.id);
        }
        const size_t have = static_cast<size_t>(
            stockMust(db.queryInt("SELECT count(*) FROM parts"), "parts").value_or(0));
        if (have < partCount) {
            const std::vector<core::DemoPart> extra = extraParts(partCount - have, have + 1);
            size_t serial = 0;
            for (size_t i = 0; i < extra.size();) {
                core::Tx tx(db);
                stockMust(tx.begin(), "begin");
                core::DeferredScope bulk(s->store().writer());
                for (size_t end = std::min(extra.size(), i + 1000); i < end; ++i) {
                    const core::DemoPart& p = extra[i];
                    const std::string& bin = binIds.at(p.binCode);
                    const std::string id = stockMust(parts.create(clerk, p.part, p.codes, {bin}), p.part.sku);
                    for (const core::Fitment& f : p.fitment) stockMust(parts.addFitment(clerk, id, f), "fitment");
                    const bool bySerial = p.part.tracking == "serial";
                    for (int64_t left = p.openingMilli; left > 0; left -= bySerial ? 1000 : left) {
                        core::ReceiptDetail d{.unitCostFen = p.part.costFen, .reference = "期初库存"};
                        if (p.part.tracking != "none") d.serial = bySerial ? "SN2-" + stockPad(++serial, 8) : "DOT 2326";
                        stockMust(stock.receive(clerk, id, bin, bySerial ? 1000 : left, d), "opening stock");
                        ++moved;
                    }
                }
                stockMust(bulk.finish(), "index");
                stockMust(tx.commit(), "commit");
            }
        }
        std::cerr << "stock bench store: " << partCount << " parts in " << secs() << " s\n";

        // The movement loop's parts: serial-tracked ones keep their opening stock (each unit moves
        // with its own number); three in ten others are kept in a second bin of their zone too.
        std::vector<SeedPart> ps;
        std::mt19937_64 rng(2026);
        {
            core::Tx tx(db);
            stockMust(tx.begin(), "begin");
            core::DeferredScope bulk(s->store().writer());
            auto st = stockMust(
                db.prepare("SELECT p.id, p.unit, p.tracking, p.cost_fen, b.id, b.zone FROM parts p JOIN part_bins pb "
                           "ON pb.part_id = p.id JOIN bins b ON b.id = pb.bin_id WHERE p.tracking <> 'serial' "
                           "ORDER BY p.sku"),
                "parts");
            while (stockMust(st.step(), "parts")) {
                SeedPart p;
                p.id = st.getText(0);
                p.unit = st.getText(1);
                p.tracking = st.getText(2);
                p.costFen = st.getInt(3);
                p.lotMilli = p.unit == "litre" ? 4000 : 1000;
                p.bins.push_back(st.getText(4));
                if (rng() % 10 < 3) {
                    const auto& zone = zoneBins.at(st.getText(5));
                    std::string second = zone[rng() % zone.size()];
                    if (second == p.bins.front()) second = zone[(rng() % (zone.size() - 1) + 1) % zone.size()];
                    if (second != p.bins.front()) p.bins.push_back(second);
                }
                for (const std::string& b : p.bins) {
                    p.booked.push_back(stockMust(stock.onHandIn(p.id, b), "on hand"));
                    p.takenOut.push_back(0);
                }
                ps.push_back(std::move(p));
            }
            for (const SeedPart& p : ps)
                if (p.bins.size() > 1) stockMust(parts.placeInBin(clerk, p.id, p.bins[1]), "second bin");
            stockMust(bulk.finish(), "index");
            stockMust(tx.commit(), "commit");
        }
        // A fifth of the parts move four times as often as the rest (filters, oil, pads).
        const size_t hot = std::max<size_t>(1, ps.size() / 5);
        auto pickPart = [&]() -> SeedPart& {
            return rng() % 2 == 0 ? ps[rng() % hot] : ps[hot + rng() % (ps.size() - hot)];
        };
        // What can be taken out of bin k now without going below what the books held.
        auto canTake = [](const SeedPart& p, size_t k) { return p.booked[k] - p.takenOut[k]; };
        const std::vector<std::string> reasons = {"workshop_use", "workshop_use", "workshop_use", "damaged", "internal"};
        size_t receipts = 0, issues = 0, transfers = 0, week = 0;
        while (moved < movements) {
            core::Tx tx(db);
            stockMust(tx.begin(), "begin");
            core::DeferredScope bulk(s->store().writer());
            std::vector<SeedPart*> touched;
            for (size_t end = std::min(movements, moved + kStockChunk); moved < end;) {
                SeedPart& p = pickPart();
                touched.push_back(&p);
                clock.advance(kStockStepMs);
                const unsigned op = static_cast<unsigned>(rng() % 100);
                const size_t k = p.bins.size() > 1 ? static_cast<size_t>(rng() % 2) : 0;
                if (op < 15 && p.bins.size() > 1 && moved + 2 <= end && canTake(p, k) >= p.lotMilli) {
                    stockMust(stock.transfer(clerk, p.id, p.bins[k], p.bins[1 - k], p.lotMilli), "transfer");
                    p.takenOut[k] += p.lotMilli;
                    moved += 2;
                    ++transfers;
                } else if (op < 70 && canTake(p, k) >= p.lotMilli) {
                    core::IssueDetail d{.reason = reasons[rng() % reasons.size()]};
                    stockMust(stock.issue(clerk, p.id, p.bins[k], p.lotMilli, d), "issue");
                    p.takenOut[k] += p.lotMilli;
                    ++moved;
                    ++issues;
                } else {
                    // A delivery: a few lots at about the part's cost.
                    const int64_t lots = 2 + static_cast<int64_t>(rng() % 6);
                    core::ReceiptDetail d{.unitCostFen = p.costFen * (95 + static_cast<int64_t>(rng() % 11)) / 100,
                                          .reference = "送货单 " + stockPad(moved / 40, 6)};
                    if (p.tracking == "batch") d.serial = "DOT " + stockPad(1 + (week++ / 500) % 52, 2) + "26";
                    stockMust(stock.receive(clerk, p.id, p.bins[0], lots * p.lotMilli, d), "receipt");
                    ++moved;
                    ++receipts;
                }
            }
            stockMust(bulk.finish(), "index");
            stockMust(tx.commit(), "commit");
            for (SeedPart* p : touched)
                for (size_t k = 0; k < p->bins.size(); ++k) {
                    p->booked[k] = stockMust(stock.onHandIn(p->id, p->bins[k]), "on hand");
                    p->takenOut[k] = 0;
                }
            if (moved % 100'000 < kStockChunk || moved >= movements)
                std::cerr << "stock bench store: " << moved << " movements, " << secs() << " s\n";
        }
        std::cerr << "stock bench store: " << receipts << " receipts, " << issues << " issues, " << transfers
                  << " transfers after the opening stock\n";
        stockMust(sessions.signOut(), "sign out");
        stockMust(db.exec("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
    }
    for (const char* ext : {"-wal", "-shm"}) std::filesystem::remove(tmp + ext);
    std::filesystem::rename(tmp, path);
    std::cerr << "stock bench store: seeded in " << secs() << " s\n";
}

}  // namespace detail

// The seeded store's path (seeded on the first call when it is not there).
inline const std::string& stockBenchStore() {
    static const std::string path = [] {
        const size_t parts = stockBenchParts(), movements = stockBenchMovements();
        const std::string p = stockBenchDir() + "/stock-" + std::to_string(parts) + "-" + std::to_string(movements) +
                              "-v" + std::to_string(core::storeRegistry().schema().version()) + "-s" +
                              std::to_string(kStockSeedVersion) + ".db";
        if (!std::filesystem::exists(p)) detail::seedStockStore(p, parts, movements);
        return p;
    }();
    return path;
}

// A fresh copy of the seeded store for one program's run (the benchmarks write to it).
inline std::string stockBenchCopy(const std::string& name) {
    const std::string& seeded = stockBenchStore();
    const std::string run = stockBenchDir() + "/" + name + "-run.db";
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(run + ext);
    std::filesystem::copy_file(seeded, run);
    return run;
}

}  // namespace fc::bench
