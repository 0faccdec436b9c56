#include "shared/demo/seed.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using SeedTest = test::StoreTest;

TEST_F(SeedTest, DemoStaffSignInWithTheirPublishedPinsAndBadges) {
    auto r = seedDemo(*s, {.seed = 4, .customers = 60});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->staff, 6u);
    auto staff = s->get<StaffService>().list();
    ASSERT_TRUE(staff.ok());
    ASSERT_EQ(staff->size(), demoStaff().size());
    std::set<StaffRole> roles;
    for (const auto& m : demoStaff()) {
        roles.insert(m.role);
        auto byBadge = s->get<SessionManager>().signInByBadge(m.badge);
        ASSERT_TRUE(byBadge.ok()) << m.name << ": " << byBadge.error().message;
        EXPECT_EQ(byBadge->staffName(), m.name);
        EXPECT_EQ(byBadge->role(), m.role);
        auto byPin = s->get<SessionManager>().signInByPinOnly(m.pin);
        ASSERT_TRUE(byPin.ok()) << m.name << ": " << byPin.error().message;
        EXPECT_EQ(byPin->staffId(), byBadge->staffId());
    }
    EXPECT_EQ(roles.size(), allStaffRoles().size()) << "one per role";
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
    EXPECT_EQ(s->get<StaffService>().list()->size(), 6u);
    EXPECT_EQ(s->get<FrontDeskQueries>().todaysAppointments()->size(), 12u);
}

TEST_F(SeedTest, StaffAndAppointmentsCanBeLeftOut) {
    auto r = seedDemo(*s, {.seed = 4, .customers = 20, .staff = false, .appointmentsToday = 0});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->staff, 0u);
    EXPECT_EQ(r->appointments, 0u);
    EXPECT_EQ(s->db().queryInt("SELECT count(*) FROM staff")->value(), 0);
    EXPECT_EQ(s->db().queryInt("SELECT count(*) FROM appointments")->value(), 0);
}

}  // namespace
}  // namespace fc::core
