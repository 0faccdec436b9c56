#include "shared/demo/seed.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "shared/workorders/work_order_service.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using SeedTest = test::StoreTest;

TEST_F(SeedTest, DemoStaffSignInWithTheirPublishedPinsAndBadges) {
    auto r = seedDemo(*s, {.seed = 4, .customers = 60});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->staff, 8u) << "one per role and two more technicians";
    auto staff = s->get<StaffService>().list();
    ASSERT_TRUE(staff.ok());
    ASSERT_EQ(staff->size(), demoStaff().size());
    std::set<StaffRole> roles;
    for (const auto& m : demoStaff()) {
        roles.insert(m.role);
        auto holder = s->get<SessionManager>().badgeHolder(m.badge);
        ASSERT_TRUE(holder.ok()) << m.name << ": " << holder.error().message;
        EXPECT_EQ(holder->name, m.name);
        auto byBadge = s->get<SessionManager>().signInByBadge(m.badge);
        if (SessionManager::badgeNeedsPin(m.role)) {
            EXPECT_FALSE(byBadge.ok()) << m.name << ": an admin's or manager's badge needs the PIN";
        } else {
            ASSERT_TRUE(byBadge.ok()) << m.name << ": " << byBadge.error().message;
            EXPECT_EQ(byBadge->staffName(), m.name);
            EXPECT_EQ(byBadge->role(), m.role);
        }
        auto byPin = s->get<SessionManager>().signInByPinOnly(m.pin);
        ASSERT_TRUE(byPin.ok()) << m.name << ": " << byPin.error().message;
        EXPECT_EQ(byPin->staffId(), holder->id);
    }
    EXPECT_EQ(roles.size(), allStaffRoles().size()) << "one per role";
}

// The demo technicians have the skills and shifts the assignment suggestions need: one for new-
// energy cars, one for air conditioning and electrics, one for alignment and body work.
TEST_F(SeedTest, TheDemoTechniciansHaveSkillsAndShifts) {
    ASSERT_TRUE(seedDemo(*s, {.seed = 4, .customers = 10}).ok());
    auto staff = s->get<StaffService>().list();
    ASSERT_TRUE(staff.ok());
    std::map<std::string, std::pair<std::vector<Skill>, std::string>> technicians;
    for (const StaffMember& m : *staff)
        if (m.role == StaffRole::kTechnician) technicians[m.name] = {m.skills, m.shift.text()};
    using Skills = std::vector<Skill>;
    EXPECT_EQ(technicians["王强"], std::make_pair(Skills{Skill::kGeneral, Skill::kEvHighVoltage}, std::string("1-6 08:30-17:30")));
    EXPECT_EQ(technicians["张伟"], std::make_pair(Skills{Skill::kElectrical, Skill::kAc},
                                                  std::string("1-5 08:30-17:30; 6 09:00-13:00")));
    EXPECT_EQ(technicians["黄磊"], std::make_pair(Skills{Skill::kAlignment, Skill::kBodyPaint}, std::string("2-7 09:00-18:00")));
    EXPECT_EQ(technicians.size(), 3u);
}

TEST_F(SeedTest, TheSecondAndThirdCheckInHaveWorkOrdersForTheDemoTechnician) {
    auto r = seedDemo(*s, {.seed = 4, .customers = 60});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->workOrders, 2u);
    auto visits = s->get<FrontDeskQueries>().todaysVisits();
    ASSERT_TRUE(visits.ok());
    ASSERT_EQ(visits->size(), 4u);
    EXPECT_FALSE((*visits)[0].workOrderId) << "left for the front desk's one tap";
    auto& orders = s->get<WorkOrderService>();
    auto tech = s->db().queryText("SELECT id FROM staff WHERE name = '王强'");
    ASSERT_TRUE(tech.ok() && tech->has_value());
    for (size_t i : {1u, 2u}) {
        ASSERT_TRUE((*visits)[i].workOrderId) << i;
        auto o = orders.get(*(*visits)[i].workOrderId);
        ASSERT_TRUE(o.ok());
        ASSERT_FALSE(o->lines.empty());
        EXPECT_EQ(o->lines[0].technicians, (std::vector<TechnicianShare>{{**tech, 100}}));
        EXPECT_TRUE(o->promisedAt.has_value());
    }
    EXPECT_FALSE(s->get<SessionManager>().current()->has_value()) << "the demo advisor signed out again";
}

TEST_F(SeedTest, TodayHasADozenAppointmentsAThirdCheckedIn) {
    auto r = seedDemo(*s, {.seed = 4, .customers = 60});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->appointments, 12u);
    EXPECT_EQ(r->visits, 4u);
    auto today = s->get<FrontDeskQueries>().todaysAppointments();
    ASSERT_TRUE(today.ok());
    ASSERT_EQ(today->size(), 12u);
    size_t checkedIn = 0, cancelled = 0;
    for (const auto& a : *today) {
        checkedIn += a.status == AppointmentStatus::kCheckedIn;
        cancelled += a.status == AppointmentStatus::kCancelled;
        EXPECT_FALSE(a.customerName.empty());
        EXPECT_FALSE(a.plate.empty());
        EXPECT_FALSE(a.services.empty());
    }
    EXPECT_EQ(checkedIn, 4u);
    EXPECT_EQ(cancelled, 1u);
    const StoreTime t;
    EXPECT_EQ(t.hhmm(today->front().scheduledAt), "08:30");
    EXPECT_EQ(t.hhmm(today->back().scheduledAt), "16:45");
    auto queue = s->get<FrontDeskQueries>().todaysVisits();
    ASSERT_EQ(queue->size(), 4u);
    EXPECT_EQ(queue->front().ticket, "D1-0001");
    EXPECT_EQ(queue->back().ticket, "D1-0004");
    // Seeding again adds customers but neither a second staff nor a second day plan.
    auto again = seedDemo(*s, {.seed = 5, .customers = 10});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->staff, 0u);
    EXPECT_EQ(again->appointments, 0u);
    EXPECT_EQ(s->get<StaffService>().list()->size(), demoStaff().size());
    EXPECT_EQ(s->get<FrontDeskQueries>().todaysAppointments()->size(), 12u);
}

TEST_F(SeedTest, TheDemoStoreHasFourLiftsAnAlignmentAndAWashBayAndBooksTheLifts) {
    auto r = seedDemo(*s, {.seed = 4, .customers = 60});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->bays, 6u);
    auto bays = s->get<BayService>().listActive();
    ASSERT_TRUE(bays.ok());
    std::vector<std::string> codes;
    size_t lifts = 0;
    for (const Bay& b : *bays) {
        codes.push_back(b.code);
        lifts += b.kind == BayKind::kLift;
        EXPECT_FALSE(b.nameZh.empty());
        EXPECT_FALSE(b.nameEn.empty());
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"B1", "B2", "B3", "B4", "A1", "W1"}));
    EXPECT_EQ(lifts, 4u);
    // Most of today's appointments are on a lift, never two in one slot of a bay.
    auto today = s->get<FrontDeskQueries>().todaysAppointments();
    ASSERT_TRUE(today.ok());
    size_t onBay = 0;
    for (const auto& a : *today) {
        if (!a.bayId) continue;
        ++onBay;
        EXPECT_EQ(a.bayCode[0], 'B') << a.bayCode;
    }
    EXPECT_GE(onBay, 8u);
    EXPECT_LT(onBay, today->size()) << "some come without a bay";
    auto day = s->get<BookingGrid>().day(s->store().nowMs());
    ASSERT_TRUE(day.ok());
    for (const DaySlot& slot : day->slots)
        for (int n : slot.booked) EXPECT_LE(n, 1) << slot.label;
    auto again = seedDemo(*s, {.seed = 5, .customers = 5});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->bays, 0u) << "the store has its bays";
    EXPECT_EQ(s->get<BayService>().list(true)->size(), 6u);
}

TEST_F(SeedTest, StaffAndAppointmentsCanBeLeftOut) {
    auto r = seedDemo(*s, {.seed = 4, .customers = 20, .staff = false, .appointmentsToday = 0, .bays = false});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->bays, 0u);
    EXPECT_EQ(s->db().queryInt("SELECT count(*) FROM bays")->value(), 0);
    EXPECT_EQ(r->staff, 0u);
    EXPECT_EQ(r->appointments, 0u);
    EXPECT_EQ(s->db().queryInt("SELECT count(*) FROM staff")->value(), 0);
    EXPECT_EQ(s->db().queryInt("SELECT count(*) FROM appointments")->value(), 0);
}

}  // namespace
}  // namespace fc::core
