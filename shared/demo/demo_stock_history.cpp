// [SECTION] index
//   the store   — parts by kind, what fits each car, the cars and their owners
//   planning    — orders month by month, their parts, then the restocking receipts
//   writing     — every row in time order through the change writer
#include "shared/demo/demo_stock_history.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "shared/capture/row.hpp"
#include "shared/capture/store.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/demo/demo_data.hpp"
#include "shared/services.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/stock/tables.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::core {

namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kMinuteMs = 60'000;

std::string pad(int64_t n, size_t width) {
    std::string s = std::to_string(n);
    return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
}

// [SECTION] the store

struct PartInfo {
    std::string id, sku, kind, tracking, binId;
    int64_t costFen = 0;
    bool stocked = false;  // has a safety stock: the brand the store keeps
};

struct Fit {
    size_t part = 0;
    int yearFrom = 0, yearTo = 0;
};

struct Car {
    std::string id, customerId, make, model;
    int year = 0;
};

// The kind of a part from its SKU: "OF" (oil filter), "BPF", …, "OIL4" (4 L oil), "TYR", "BAT".
std::string kindOf(const std::string& sku) {
    const std::string head = sku.substr(0, sku.find('-'));
    if (head == "OIL")
        return sku.size() > 3 && sku.compare(sku.size() - 3, 3, "-4L") == 0 ? "OIL4" : "OIL1";
    return head;
}

struct Catalogue {
    std::vector<PartInfo> parts;
    std::map<std::string, std::vector<size_t>> generic;  // kind → parts
    std::map<std::pair<std::string, std::string>, std::map<std::string, std::vector<Fit>>>
        fits;  // model → kind → …
    std::vector<Car> cars;
    std::vector<size_t> carsWithParts;  // cars whose model has parts of its own
};

Result<Catalogue> readStore(Db& db) {
    Catalogue c;
    std::map<std::string, size_t> byId;
    FC_ASSIGN(
        Stmt * p,
        db.cached(
            "SELECT p.id, p.sku, p.tracking, p.cost_fen, p.safety_milli, (SELECT pb.bin_id FROM "
            "part_bins pb WHERE pb.part_id = p.id AND pb.deleted_at IS NULL ORDER BY pb.sort "
            "LIMIT 1) FROM parts p WHERE p.deleted_at IS NULL AND p.active = 1 ORDER BY p.sku"));
    FC_TRY(p->each([&](Stmt& r) {
        if (r.isNull(5)) return;
        PartInfo info{r.getText(0), r.getText(1), kindOf(r.getText(1)), r.getText(2),
                      r.getText(5), r.getInt(3),  r.getInt(4) > 0};
        byId.emplace(info.id, c.parts.size());
        c.parts.push_back(std::move(info));
    }));
    FC_ASSIGN(Stmt * f,
              db.cached("SELECT part_id, make, model, year_from, year_to FROM part_fitments "
                        "WHERE deleted_at IS NULL ORDER BY part_id, id"));
    std::vector<bool> fitted(c.parts.size(), false);
    FC_TRY(f->each([&](Stmt& r) {
        auto it = byId.find(r.getText(0));
        if (it == byId.end()) return;
        fitted[it->second] = true;
        c.fits[{r.getText(1), r.getText(2)}][c.parts[it->second].kind].push_back(
            {it->second, static_cast<int>(r.getInt(3)), static_cast<int>(r.getInt(4))});
    }));
    for (size_t i = 0; i < c.parts.size(); ++i)
        if (!fitted[i]) c.generic[c.parts[i].kind].push_back(i);
    FC_ASSIGN(Stmt * v,
              db.cached("SELECT v.id, (SELECT o.customer_id FROM vehicle_ownerships o WHERE "
                        "o.vehicle_id = v.id "
                        "ORDER BY o.since_ms DESC, o.id DESC LIMIT 1), coalesce(v.make, ''), "
                        "coalesce(v.model, ''), coalesce(v.year, 0) FROM vehicles v "
                        "WHERE v.deleted_at IS NULL ORDER BY v.id"));
    FC_TRY(v->each([&](Stmt& r) {
        if (r.isNull(1)) return;
        Car car{r.getText(0), r.getText(1), r.getText(2), r.getText(3),
                static_cast<int>(r.getInt(4))};
        if (c.fits.count({car.make, car.model})) c.carsWithParts.push_back(c.cars.size());
        c.cars.push_back(std::move(car));
    }));
    return c;
}

// [SECTION] planning

struct Line {
    size_t part = 0;
    int64_t qtyMilli = 0;
};

struct Order {
    int64_t at = 0;
    size_t car = 0;
    std::string number;
    std::string concerns;
    std::vector<Line> lines;
    size_t month = 0;  // index into the planned months
};

enum class Job { kService, kBrakes, kPlugs, kWipers, kTyres, kBattery, kAc, kCoolant, kBulbs };

struct JobKind {
    Job job;
    const char* concerns;
    double weight;
};

constexpr JobKind kJobs[] = {
    {Job::kService, "定期保养：更换机油、机油滤清器", 45},
    {Job::kBrakes, "刹车异响，检查并更换刹车片", 14},
    {Job::kPlugs, "发动机抖动，更换火花塞", 7},
    {Job::kWipers, "雨刮刮不干净，更换雨刮片", 7},
    {Job::kTyres, "轮胎磨损到限，更换轮胎", 9},
    {Job::kBattery, "车辆启动困难，更换蓄电池", 5},
    {Job::kAc, "空调制冷差，加注制冷剂", 4},
    {Job::kCoolant, "更换防冻冷却液", 4},
    {Job::kBulbs, "大灯不亮，更换灯泡", 5},
};

// How much more of a job the month brings (local month 1–12).
double season(Job job, int month) {
    const bool summer = month >= 6 && month <= 9, winter = month == 12 || month <= 2;
    switch (job) {
        case Job::kAc:
            return summer ? 3.0 : 0.4;
        case Job::kBattery:
            return winter ? 2.2 : 0.8;
        case Job::kCoolant:
            return winter || month == 11 ? 2.0 : 0.6;
        case Job::kTyres:
            return month == 3 || month == 4 || month == 10 || month == 11 ? 1.7 : 0.8;
        default:
            return 1.0;
    }
}

class Planner {
public:
    Planner(const Catalogue& c, uint64_t seed) : m_c(c), m_rng(seed ^ 0x5700C4157041ULL) {}

    // A few parts of each kind sell most: the first of the list far more often than the last.
    const PartInfo* popular(const std::string& kind) {
        auto it = m_c.generic.find(kind);
        if (it == m_c.generic.end() || it->second.empty()) return nullptr;
        const double u = static_cast<double>(m_rng.uniform(1'000'000)) / 1'000'000.0;
        const size_t at = static_cast<size_t>(u * u * u * static_cast<double>(it->second.size()));
        return &m_c.parts[it->second[std::min(at, it->second.size() - 1)]];
    }

    // The part of `kind` made for the car's model and year; the store's usual brand most times.
    const PartInfo* fitting(const Car& car, const std::string& kind) {
        auto model = m_c.fits.find({car.make, car.model});
        if (model == m_c.fits.end()) return nullptr;
        auto k = model->second.find(kind);
        if (k == model->second.end() || k->second.empty()) return nullptr;
        std::vector<size_t> year, any;
        for (const Fit& f : k->second) {
            any.push_back(f.part);
            if (car.year >= f.yearFrom && (f.yearTo == 0 || car.year <= f.yearTo))
                year.push_back(f.part);
        }
        const std::vector<size_t>& from = year.empty() ? any : year;
        if (m_rng.chance(0.75))
            for (size_t i : from)
                if (m_c.parts[i].stocked) return &m_c.parts[i];
        return &m_c.parts[from[m_rng.uniform(from.size())]];
    }

    Job pickJob(int month) {
        double total = 0;
        for (const JobKind& j : kJobs) total += j.weight * season(j.job, month);
        double x = static_cast<double>(m_rng.uniform(1'000'000)) / 1'000'000.0 * total;
        for (const JobKind& j : kJobs) {
            x -= j.weight * season(j.job, month);
            if (x < 0) return j.job;
        }
        return Job::kService;
    }

    std::vector<Line> linesFor(Job job, const Car& car) {
        std::vector<Line> out;
        auto add = [&](const PartInfo* p, int64_t qty) {
            if (p) out.push_back({static_cast<size_t>(p - m_c.parts.data()), qty});
        };
        switch (job) {
            case Job::kService:
                add(popular("OIL4"), 4000);
                add(fitting(car, "OF"), 1000);
                if (m_rng.chance(0.5)) add(fitting(car, "AF"), 1000);
                if (m_rng.chance(0.35)) add(fitting(car, "CF"), 1000);
                break;
            case Job::kBrakes:
                if (m_rng.chance(0.8)) add(fitting(car, "BPF"), 1000);
                if (m_rng.chance(0.45)) add(fitting(car, "BPR"), 1000);
                if (m_rng.chance(0.2)) add(fitting(car, "BDF"), 2000);
                if (m_rng.chance(0.1)) add(fitting(car, "BDR"), 2000);
                break;
            case Job::kPlugs:
                add(fitting(car, "SP"), 4000);
                break;
            case Job::kWipers:
                if (const PartInfo* p = fitting(car, "WB"))
                    add(p, 1000);
                else
                    add(popular("WIP"), 2000);
                break;
            case Job::kTyres:
                add(popular("TYR"), m_rng.chance(0.6) ? 2000 : 4000);
                break;
            case Job::kBattery:
                add(popular("BAT"), 1000);
                break;
            case Job::kAc:
                add(popular("AC"), 1000);
                if (m_rng.chance(0.6)) add(fitting(car, "CF"), 1000);
                break;
            case Job::kCoolant:
                add(popular("COOL"), 4000);
                break;
            case Job::kBulbs:
                add(popular("BLB"), m_rng.chance(0.5) ? 1000 : 2000);
                break;
        }
        return out;
    }

    const Car& pickCar() {
        if (!m_c.carsWithParts.empty() && m_rng.chance(0.8))
            return m_c.cars[m_c.carsWithParts[m_rng.uniform(m_c.carsWithParts.size())]];
        return m_c.cars[m_rng.uniform(m_c.cars.size())];
    }

    demo::Rng& rng() { return m_rng; }

private:
    const Catalogue& m_c;
    demo::Rng m_rng;
};

// [SECTION] writing

struct Event {
    int64_t at = 0;
    enum Kind { kReceipt, kOpen, kStatus, kIssue } kind = kReceipt;
    size_t order = 0;
    size_t part = 0;
    int64_t qtyMilli = 0;
    const char* status = "";
    std::string reference;
};

class Writer {
public:
    Writer(StoreServices& services, const Catalogue& c, std::string clerk, std::string advisor,
           std::string tech)
        : m_store(services.store()),
          m_c(c),
          m_clerk(std::move(clerk)),
          m_advisor(std::move(advisor)),
          m_tech(std::move(tech)) {}

    Status workOrder(const Order& o, std::string& id) {
        id = m_store.ids().next();
        const Car& car = m_c.cars[o.car];
        FC_ASSIGN(Row row, RowBuilder(tables::kWorkOrders)
                               .set("store_id", m_store.storeId())
                               .set("visit_id", SqlValue::null())
                               .set("customer_id", car.customerId)
                               .set("vehicle_id", car.id)
                               .set("provisional_no", o.number)
                               .set("number", SqlValue::null())
                               .set("concerns", o.concerns)
                               .set("advisor_id", m_advisor)
                               .set("bay_id", SqlValue::null())
                               .set("promised_at", o.at + 4 * kHourMs)
                               .set("opened_at", o.at)
                               .set("odometer_km", SqlValue::null())
                               .set("deleted_at", SqlValue::null())
                               .build());
        return m_store.writer().insert(tables::kWorkOrders, id, row);
    }

    Status status(const std::string& orderId, const char* to, int64_t at) {
        FC_ASSIGN(Row row, RowBuilder(tables::kJobEvents)
                               .set("store_id", m_store.storeId())
                               .set("work_order_id", orderId)
                               .set("line_id", SqlValue::null())
                               .set("kind", "status")
                               .set("step_key", "")
                               .set("item", "")
                               .set("value", to)
                               .set("note", "")
                               .set("staff_id", std::string(to) == "closed" ? m_advisor : m_tech)
                               .set("device_id", m_store.device().deviceId)
                               .set("at", at)
                               .build());
        return m_store.writer().insert(tables::kJobEvents, m_store.ids().next(), row);
    }

    Status movement(const PartInfo& part, const char* kind, int64_t qtyMilli, int64_t unitCostFen,
                    const std::optional<std::string>& orderId, const std::string& reference,
                    const std::string& serial, int64_t at) {
        FC_ASSIGN(Row row, RowBuilder(tables::kStockMovements)
                               .set("store_id", m_store.storeId())
                               .set("part_id", part.id)
                               .set("bin_id", part.binId)
                               .set("kind", kind)
                               .set("qty_milli", qtyMilli)
                               .set("unit_cost_fen", unitCostFen)
                               .set("work_order_id", orderId)
                               .set("reason", "")
                               .set("reference", reference)
                               .set("group_id", m_store.ids().next())
                               .set("reverses", "")
                               .set("serial", serial)
                               .set("staff_id", m_clerk)
                               .set("device_id", m_store.device().deviceId)
                               .set("at", at)
                               .build());
        ++m_movements;
        return m_store.writer().insert(tables::kStockMovements, m_store.ids().next(), row);
    }

    size_t movements() const { return m_movements; }

private:
    Store& m_store;
    const Catalogue& m_c;
    std::string m_clerk, m_advisor, m_tech;
    size_t m_movements = 0;
};

Result<std::string> staffNamed(Db& db, const char* name) {
    FC_ASSIGN(Stmt * s, db.cached("SELECT id FROM staff WHERE name = ? AND active = 1 LIMIT 1"));
    s->bind(1, name);
    FC_ASSIGN(bool row, s->step());
    std::string id = row ? s->getText(0) : "";
    s->reset();
    return id;
}

}  // namespace

Result<DemoStockHistoryReport> seedDemoStockHistory(StoreServices& services, const Session& by,
                                                    const DemoStockHistoryOptions& options) {
    DemoStockHistoryReport report;
    if (options.months < 1) return report;
    Db& db = services.db();
    FC_ASSIGN(Catalogue c, readStore(db));
    if (c.parts.empty() || c.cars.empty()) return report;
    const StoreTime& time = services.get<StoreTime>();
    const int64_t now = services.store().nowMs();

    // [SECTION] the months and their orders
    std::vector<int> months;
    int month = time.dayNumber(now) / 100;
    for (int i = 1; i < options.months; ++i) month = StoreTime::previousMonth(month);
    for (int i = 0; i < options.months; ++i, month = StoreTime::nextMonth(month)) months.push_back(month);
    Planner plan(c, options.seed);
    std::vector<Order> orders;
    for (size_t mi = 0; mi < months.size(); ++mi) {
        const int64_t from = time.monthStart(months[mi]),
                      to = time.monthStart(StoreTime::nextMonth(months[mi]));
        // Orders from the 2nd (the 1st is restocking day), in opening hours, done by now.
        const int64_t firstDay = from + StoreTime::kDayMs,
                      lastDay = std::min(to, time.dayStart(now));
        if (lastDay <= firstDay) continue;
        const double share =
            static_cast<double>(lastDay - firstDay) / static_cast<double>(to - firstDay);
        const int calendarMonth = months[mi] % 100;
        const double quiet = calendarMonth == 2 ? 0.75 : 1.0;  // the Spring Festival
        const double n = static_cast<double>(options.ordersPerMonth) * share * quiet *
                         (0.85 + 0.3 * static_cast<double>(plan.rng().uniform(1000)) / 1000.0);
        const auto days = static_cast<uint64_t>((lastDay - firstDay) / StoreTime::kDayMs);
        std::vector<Order> inMonth;
        for (int k = 0; k < static_cast<int>(std::lround(n)); ++k) {
            Order o;
            o.month = mi;
            o.at = firstDay + static_cast<int64_t>(plan.rng().uniform(days)) * StoreTime::kDayMs +
                   9 * kHourMs + static_cast<int64_t>(plan.rng().uniform(8 * 60)) * kMinuteMs;
            o.car = static_cast<size_t>(&plan.pickCar() - c.cars.data());
            const Job job = plan.pickJob(calendarMonth);
            for (const JobKind& j : kJobs)
                if (j.job == job) o.concerns = j.concerns;
            o.lines = plan.linesFor(job, c.cars[o.car]);
            if (!o.lines.empty()) inMonth.push_back(std::move(o));
        }
        std::sort(inMonth.begin(), inMonth.end(),
                  [](const Order& a, const Order& b) { return a.at < b.at; });
        const std::string yymm = std::to_string(months[mi]).substr(2);
        for (size_t k = 0; k < inMonth.size(); ++k) {
            inMonth[k].number = "H" + yymm + "-" + pad(static_cast<int64_t>(k + 1), 3);
            orders.push_back(std::move(inMonth[k]));
        }
    }
    if (orders.empty()) return report;

    // [SECTION] demand per part and month, and the receipts that meet it
    std::map<size_t, std::vector<int64_t>> demand;  // part → per month
    for (const Order& o : orders)
        for (const Line& l : o.lines) {
            auto& d = demand[l.part];
            if (d.empty()) d.assign(months.size() + 1, 0);
            d[o.month] += l.qtyMilli;
        }
    std::vector<Event> events;
    for (const auto& [part, d] : demand) {
        size_t first = 0;
        while (d[first] == 0) ++first;
        for (size_t m = first; m < months.size(); ++m) {
            const int64_t qty = m == first ? d[m] + d[m + 1] : d[m + 1];
            if (qty <= 0) continue;
            const int64_t at = time.monthStart(months[m]) + 8 * kHourMs +
                               static_cast<int64_t>(part % 3600) * 1000;
            events.push_back(
                {at, Event::kReceipt, 0, part, qty, "", "月度补货 " + std::to_string(months[m])});
        }
    }
    for (size_t i = 0; i < orders.size(); ++i) {
        const Order& o = orders[i];
        events.push_back({o.at, Event::kOpen, i});
        events.push_back({o.at + 20 * kMinuteMs, Event::kStatus, i, 0, 0, "in_progress"});
        for (const Line& l : o.lines)
            events.push_back({o.at + 30 * kMinuteMs, Event::kIssue, i, l.part, l.qtyMilli});
        events.push_back({o.at + 150 * kMinuteMs, Event::kStatus, i, 0, 0, "ready"});
        events.push_back({o.at + 180 * kMinuteMs, Event::kStatus, i, 0, 0, "closed"});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const Event& a, const Event& b) { return a.at < b.at; });

    // [SECTION] write, in time order
    FC_ASSIGN(std::string advisor, staffNamed(db, "李娜"));
    FC_ASSIGN(std::string tech, staffNamed(db, "王强"));
    if (advisor.empty()) advisor = by.staffId();
    if (tech.empty()) tech = advisor;
    Writer w(services, c, by.staffId(), advisor, tech);
    std::vector<std::string> orderIds(orders.size());
    std::map<size_t, std::deque<std::string>> serials;  // serial-numbered parts on the shelf
    int64_t serialNo = 0;
    for (const Event& e : events) {
        const PartInfo& p = c.parts[e.part];
        switch (e.kind) {
            case Event::kReceipt:
                if (p.tracking == "serial") {
                    for (int64_t k = 0; k < e.qtyMilli / 1000; ++k) {
                        std::string sn = "SNH" + pad(++serialNo, 7);
                        FC_TRY(w.movement(p, "receipt", 1000, p.costFen, std::nullopt, e.reference,
                                          sn, e.at));
                        serials[e.part].push_back(std::move(sn));
                    }
                } else {
                    FC_TRY(w.movement(p, "receipt", e.qtyMilli, p.costFen, std::nullopt,
                                      e.reference, p.tracking == "batch" ? "DOT 2326" : "", e.at));
                }
                break;
            case Event::kOpen:
                FC_TRY(w.workOrder(orders[e.order], orderIds[e.order]));
                ++report.workOrders;
                break;
            case Event::kStatus:
                FC_TRY(w.status(orderIds[e.order], e.status, e.at));
                break;
            case Event::kIssue:
                if (p.tracking == "serial") {
                    for (int64_t k = 0; k < e.qtyMilli / 1000; ++k) {
                        std::string sn;
                        if (!serials[e.part].empty()) {
                            sn = serials[e.part].front();
                            serials[e.part].pop_front();
                        }
                        FC_TRY(w.movement(p, "issue", -1000, 0, orderIds[e.order], "", sn, e.at));
                    }
                } else {
                    FC_TRY(w.movement(p, "issue", -e.qtyMilli, 0, orderIds[e.order], "",
                                      p.tracking == "batch" ? "DOT 2326" : "", e.at));
                }
                break;
        }
    }
    report.movements = w.movements();
    return report;
}

}  // namespace fc::core
