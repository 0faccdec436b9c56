#include "shared/demo/seed.hpp"

#include <algorithm>
#include <iterator>

#include "shared/customers/customer_service.hpp"
#include "shared/demo/demo_data.hpp"
#include "shared/demo/demo_parts.hpp"
#include "shared/demo/demo_stock_history.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "shared/staff/session.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

const std::vector<DemoStaffMember>& demoStaff() {
    static const std::vector<DemoStaffMember> k = {
        {"赵敏", StaffRole::kAdmin, "246810", "FC-STAFF-0001"},
        {"陈建国", StaffRole::kManager, "135790", "FC-STAFF-0002"},
        {"李娜", StaffRole::kAdvisor, "314159", "FC-STAFF-0003"},
        {"王强", StaffRole::kTechnician, "271828", "FC-STAFF-0004", {Skill::kGeneral, Skill::kEvHighVoltage},
         "1-6 08:30-17:30"},
        {"刘洋", StaffRole::kWarehouse, "161803", "FC-STAFF-0005"},
        {"孙丽", StaffRole::kAccountant, "141421", "FC-STAFF-0006"},
        // Two more technicians, so the workshop has someone for each kind of job: air conditioning
        // and electrics; alignment and body and paint (weekends on, Monday off).
        {"张伟", StaffRole::kTechnician, "173205", "FC-STAFF-0007", {Skill::kElectrical, Skill::kAc},
         "1-5 08:30-17:30; 6 09:00-13:00"},
        {"黄磊", StaffRole::kTechnician, "223606", "FC-STAFF-0008", {Skill::kAlignment, Skill::kBodyPaint},
         "2-7 09:00-18:00"},
    };
    return k;
}

const std::vector<BayInput>& demoBays() {
    static const std::vector<BayInput> k = {
        {"B1", "1号举升位", "Lift 1", BayKind::kLift, 10},
        {"B2", "2号举升位", "Lift 2", BayKind::kLift, 20},
        {"B3", "3号举升位", "Lift 3", BayKind::kLift, 30},
        {"B4", "4号举升位", "Lift 4", BayKind::kLift, 40},
        {"A1", "四轮定位位", "Alignment", BayKind::kAlignment, 50},
        {"W1", "洗车位", "Wash bay", BayKind::kWash, 60},
    };
    return k;
}

namespace {

Result<size_t> seedStaff(StoreServices& services) {
    FC_ASSIGN(auto existing, services.db().queryInt("SELECT count(*) FROM staff"));
    if (existing.value_or(0) > 0) return size_t{0};
    StaffService demo(services.store(), PinHashLimits::minimum());
    for (const auto& m : demoStaff()) {
        StaffInput in;
        in.name = m.name;
        in.role = m.role;
        in.pin = m.pin;
        in.badgeCode = m.badge;
        in.skills = m.skills;
        in.shift = m.shift;
        auto id = demo.createStaffInTx(in, /*checkPinUnique=*/false);
        if (!id) return id.error().context(std::string("seed-demo: staff ") + m.name);
    }
    return demoStaff().size();
}

// The demo bays; the lifts' ids (for appointments), or none when the store had bays already.
Result<std::vector<std::string>> seedBays(StoreServices& services, SeedReport& report) {
    FC_ASSIGN(auto existing, services.db().queryInt("SELECT count(*) FROM bays"));
    if (existing.value_or(0) > 0) return std::vector<std::string>{};
    std::vector<std::string> lifts;
    for (const BayInput& in : demoBays()) {
        auto id = services.get<BayService>().createInTx(in);
        if (!id) return id.error().context("seed-demo: bay " + in.code);
        ++report.bays;
        if (in.kind == BayKind::kLift) lifts.push_back(*id);
    }
    return lifts;
}

struct Booked {
    std::string customerId;
    std::string vehicleId;
    int64_t odometerKm = 0;
};

// Work orders for the second and third check-in, opened by the demo advisor (signed in with the
// published demo PIN, then out) and given to the demo technician.
Status seedWorkOrders(StoreServices& services, const std::vector<std::string>& visits, int64_t now,
                      SeedReport& report) {
    auto idOf = [&](const char* name) -> Result<std::string> {
        FC_ASSIGN(Stmt * s, services.db().cached("SELECT id FROM staff WHERE name = ? AND active = 1 LIMIT 1"));
        s->bind(1, name);
        FC_ASSIGN(bool row, s->step());
        std::string id = row ? s->getText(0) : "";
        s->reset();
        return id;
    };
    FC_ASSIGN(std::string advisor, idOf("李娜"));
    FC_ASSIGN(std::string technician, idOf("王强"));
    if (advisor.empty() || technician.empty()) return {};
    auto& sessions = services.get<SessionManager>();
    FC_ASSIGN(Session by, sessions.signInByPin(advisor, "314159"));
    auto& orders = services.get<WorkOrderService>();
    for (size_t k = 1; k <= 2; ++k) {
        FC_ASSIGN(std::string order, orders.openFromVisit(by, visits[k], now + static_cast<int64_t>(2 + k) * 3'600'000));
        FC_ASSIGN(WorkOrderView view, orders.get(order));
        for (const WorkOrderLine& line : view.lines)
            if (line.kind == LineKind::kLabour) FC_TRY(orders.assignTechnicians(by, line.id, {{technician, 100}}));
        ++report.workOrders;
    }
    return sessions.signOut();
}

// Appointments 45 minutes apart, so each is alone in its half-hour slot: the lifts in turn, every
// fifth without a bay.
Status seedAppointments(StoreServices& services, const SeedOptions& options,
                        const std::vector<Booked>& cars, const std::vector<std::string>& lifts,
                        SeedReport& report) {
    if (options.appointmentsToday == 0 || cars.empty()) return {};
    const StoreTime& time = services.get<StoreTime>();
    const int64_t now = services.store().nowMs();
    FC_ASSIGN(auto today, services.db().queryInt(
                              "SELECT count(*) FROM appointments WHERE deleted_at IS NULL AND "
                              "scheduled_at >= " +
                              std::to_string(time.dayStart(now)) + " AND scheduled_at < " +
                              std::to_string(time.dayEnd(now))));
    if (today.value_or(0) > 0) return {};
    FC_ASSIGN(const ServiceMenu* menu, services.get<ServiceCatalog>().menu());
    demo::Rng rng(options.seed ^ 0xA9907D1E5EEDULL);  // its own stream: customers stay the same
    std::vector<size_t> order(cars.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.uniform(i)]);
    const size_t n = std::min(options.appointmentsToday, cars.size());
    std::vector<std::string> visits;
    const BookingChannel channels[] = {BookingChannel::kPhone, BookingChannel::kPhone,
                                       BookingChannel::kApp, BookingChannel::kWeb,
                                       BookingChannel::kWalkIn};
    for (size_t i = 0; i < n; ++i) {
        const Booked& car = cars[order[i]];
        AppointmentInput in;
        in.customerId = car.customerId;
        in.vehicleId = car.vehicleId;
        in.scheduledAt = time.at(now, 8, 30) + static_cast<int64_t>(i) * 45 * 60'000;
        in.channel = channels[rng.uniform(std::size(channels))];
        const auto& items = menu->items();
        in.services.push_back(items[rng.uniform(items.size())].code);
        if (rng.chance(0.4)) in.services.push_back(items[rng.uniform(items.size())].code);
        if (rng.chance(0.25)) in.notes = "客户希望尽快取车";
        if (!lifts.empty() && i % 5 != 4) in.bayId = lifts[i % lifts.size()];
        auto id = services.get<AppointmentService>().bookInTx(in);
        if (!id) return id.error().context("seed-demo: appointment " + std::to_string(i + 1));
        ++report.appointments;
        if (i < n / 3) {
            CheckInRequest ci;
            ci.appointmentId = *id;
            ci.channel = "office";
            ci.odometerKm = car.odometerKm + 300 + static_cast<int64_t>(rng.uniform(3000));
            ci.consent = ConsentAnswers{rng.chance(0.6) ? ConsentAnswer::kGranted : ConsentAnswer::kWithdrawn, ConsentAnswer::kGranted, "demo-v1"};
            if (rng.chance(0.3)) ci.complaint = "仪表盘故障灯亮";
            auto visit = services.get<CheckInService>().checkInInTx(ci);
            if (!visit)
                return visit.error().context("seed-demo: check-in " + std::to_string(i + 1));
            visits.push_back(visit->visitId);
            ++report.visits;
            ++report.odometerReadings;
        } else if (i + 1 == n && n >= 4) {
            FC_TRY(services.get<AppointmentService>().setStatusInTx(*id, AppointmentStatus::kCancelled));
        }
    }
    if (options.workOrders && visits.size() >= 3) FC_TRY(seedWorkOrders(services, visits, now, report));
    return {};
}

// The demo warehouse clerk (signed in with the published demo PIN, then out) stocks the store.
Status seedParts(StoreServices& services, const SeedOptions& options, SeedReport& report) {
    FC_ASSIGN(Stmt * s, services.db().cached("SELECT id FROM staff WHERE name = '刘洋' AND active = 1 LIMIT 1"));
    FC_ASSIGN(bool row, s->step());
    const std::string clerk = row ? s->getText(0) : "";
    s->reset();
    if (clerk.empty()) return invalid("seed-demo: parts need the demo staff (the warehouse clerk 刘洋)");
    auto& sessions = services.get<SessionManager>();
    FC_ASSIGN(Session by, sessions.signInByPin(clerk, "161803"));
    FC_ASSIGN(DemoPartsReport r, seedDemoParts(services, by, {.seed = options.seed, .parts = options.parts}));
    report.bins = r.bins;
    report.parts = r.parts;
    report.stockMovements = r.movements;
    // A year of work orders taking those parts, for the office's stock analysis.
    if (r.parts > 0) {
        FC_ASSIGN(DemoStockHistoryReport h, seedDemoStockHistory(services, by, {.seed = options.seed}));
        report.stockMovements += h.movements;
    }
    return sessions.signOut();
}

}  // namespace

Result<SeedReport> seedDemo(StoreServices& services, const SeedOptions& options,
                            const std::function<void(size_t)>& progress) {
    SeedReport report;
    demo::DemoGenerator gen(options.seed);
    Db& db = services.db();
    Tx tx(db);
    FC_TRY(tx.begin());
    DeferredScope bulk(services.store().writer());
    if (options.staff) {
        FC_ASSIGN(report.staff, seedStaff(services));
    }
    std::vector<std::string> lifts;
    if (options.bays) {
        FC_ASSIGN(lifts, seedBays(services, report));
    }
    std::vector<Booked> cars;  // the first few cars, for today's appointments
    for (size_t i = 0; i < options.customers; ++i) {
        demo::DemoCustomer dc = gen.customer();
        CustomerInput in;
        in.name = std::move(dc.name);
        in.phones = std::move(dc.phones);
        in.address = std::move(dc.address);
        in.wechatId = std::move(dc.wechatId);
        in.source = std::move(dc.source);
        in.segment = std::move(dc.segment);
        in.notes = std::move(dc.notes);
        in.consentContact = dc.consentContact;
        in.consentData = dc.consentData;
        in.consentChannel = "import";
        auto id = services.get<CustomerService>().createCustomerInTx(in);
        if (!id) return id.error().context("seed-demo: customer " + std::to_string(i + 1));
        ++report.customers;
        for (const demo::DemoVehicle& dv : dc.vehicles) {
            VehicleInput v;
            v.plate = dv.plate;
            v.vin = dv.vin;
            v.make = dv.make;
            v.model = dv.model;
            v.year = dv.year;
            v.colour = dv.colour;
            v.odometerKm = dv.odometerKm;
            auto vid = services.get<CustomerService>().addVehicleInTx(*id, v);
            if (!vid) return vid.error().context("seed-demo: vehicle of customer " + std::to_string(i + 1));
            if (cars.size() < 200) cars.push_back({*id, *vid, dv.odometerKm});
            ++report.vehicles;
            ++report.odometerReadings;
        }
        if (progress && (i + 1) % 10000 == 0) progress(i + 1);
    }
    FC_TRY(seedAppointments(services, options, cars, lifts, report));
    if (options.parts > 0) FC_TRY(seedParts(services, options, report));
    FC_TRY(bulk.finish());
    FC_TRY(tx.commit());
    if (progress) progress(report.customers);
    return report;
}

}  // namespace fc::core
