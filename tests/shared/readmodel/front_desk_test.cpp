#include "shared/readmodel/front_desk.hpp"

#include <gtest/gtest.h>

#include "tests/shared/visits/visits_fixture.hpp"

namespace fc::core {
namespace {

class FrontDeskTest : public test::VisitsTest {
protected:
    // 2026-01-01 00:00 in Shanghai = 2025-12-31 16:00 UTC.
    int64_t localMidnight() const { return StoreTime{}.dayStart(clock.nowMs()); }

    Result<CheckInResult> checkIn(const std::string& vehicle) {
        CheckInRequest r = kiosk();
        r.vehicleId = vehicle;
        r.services = {"diagnosis"};
        return s->get<CheckInService>().checkIn(r);
    }
};

TEST_F(FrontDeskTest, TodaysAppointmentsFollowTheStoreDayNotTheUtcDay) {
    const Car a = customerWithCar("王芳", "13812341234", "京A12345");
    const Car b = customerWithCar("李雷", "13900139000", "京B54321");
    const int64_t midnight = localMidnight();
    clock.set(midnight + 30 * kMinute);  // 00:30 local, still 16:30 UTC the day before
    // Local 00:45 (yesterday in UTC), 09:00, 23:59 — today; local 00:00 tomorrow — not.
    const std::string early = book(a, midnight + 45 * kMinute);
    const std::string nine =
        book(b, midnight + 9 * kHour, {"routine_service", "wash_detail"}, BookingChannel::kWeb);
    const std::string late = book(a, midnight + 24 * kHour - kMinute);
    book(b, midnight + 24 * kHour);
    const std::string cancelled = book(b, midnight + 10 * kHour);
    ASSERT_TRUE(s->get<AppointmentService>().cancel(cancelled).ok());

    auto rows = s->get<FrontDeskQueries>().todaysAppointments();
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->size(), 4u);
    EXPECT_EQ((*rows)[0].id, early);
    EXPECT_EQ((*rows)[1].id, nine);
    EXPECT_EQ((*rows)[2].id, cancelled);
    EXPECT_EQ((*rows)[3].id, late);
    const AppointmentRow& r = (*rows)[1];
    EXPECT_EQ(r.status, AppointmentStatus::kBooked);
    EXPECT_EQ(r.channel, "web");
    EXPECT_EQ(r.services, (std::vector<std::string>{"routine_service", "wash_detail"}));
    EXPECT_EQ(r.customerName, "李雷");
    EXPECT_EQ(r.phone, "13900139000") << "office staff see the number";
    EXPECT_EQ(r.plate, "京B·54321");
    EXPECT_EQ(r.vehicleLabel, "大众 朗逸 白");
    EXPECT_FALSE(r.visitId.has_value());
    EXPECT_EQ((*rows)[2].statusKey, "cancelled");

    // Checking in shows on the row with its ticket.
    CheckInRequest req = kiosk();
    req.appointmentId = early;
    auto done = s->get<CheckInService>().checkIn(req);
    ASSERT_TRUE(done.ok()) << done.error().message;
    auto after = s->get<FrontDeskQueries>().todaysAppointments();
    EXPECT_EQ((*after)[0].status, AppointmentStatus::kCheckedIn);
    EXPECT_EQ((*after)[0].visitId, done->visitId);
    EXPECT_EQ((*after)[0].ticket, "D1-0001");

    // The same lists in UTC would cut the day elsewhere: the offset is a parameter.
    s->get<StoreTime>() = StoreTime{.offsetMinutes = 0};
    auto utc = s->get<FrontDeskQueries>().appointmentsOn(midnight + 30 * kMinute);  // 2025-12-31 in UTC
    ASSERT_TRUE(utc.ok());
    ASSERT_EQ(utc->size(), 1u);
    EXPECT_EQ((*utc)[0].id, early);
    // Any moment of a day gives that day's list.
    s->get<StoreTime>() = StoreTime{};
    EXPECT_EQ(s->get<FrontDeskQueries>().appointmentsOn(midnight + 24 * kHour + 5 * kHour)->size(), 1u);
}

TEST_F(FrontDeskTest, TodaysVisitsAreTheQueueInCheckInOrder) {
    const Car a = customerWithCar("王芳", "13812341234", "京A12345");
    const Car b = customerWithCar("李雷", "13900139000", "京B54321");
    const Car c = customerWithCar("韩梅梅", "13700137000", "京C11111");
    const int64_t midnight = localMidnight();
    clock.set(midnight - 10 * kMinute);  // 23:50 yesterday (local)
    auto yesterday = checkIn(c.vehicle);
    ASSERT_TRUE(yesterday.ok()) << yesterday.error().message;
    clock.set(midnight + 7 * kHour);
    auto first = checkIn(b.vehicle);
    clock.advance(5 * kMinute);
    auto second = checkIn(a.vehicle);
    ASSERT_TRUE(first.ok() && second.ok());
    ASSERT_TRUE(s->get<VisitService>().setStatus(first->visitId, VisitStatus::kInService).ok());

    auto queue = s->get<FrontDeskQueries>().todaysVisits();
    ASSERT_TRUE(queue.ok()) << queue.error().message;
    ASSERT_EQ(queue->size(), 2u);
    EXPECT_EQ((*queue)[0].id, first->visitId);
    EXPECT_EQ((*queue)[0].ticket, "D1-0001");
    EXPECT_EQ((*queue)[0].status, VisitStatus::kInService);
    EXPECT_EQ((*queue)[0].customerName, "李雷");
    EXPECT_EQ((*queue)[0].plate, "京B·54321");
    EXPECT_EQ((*queue)[1].id, second->visitId);
    EXPECT_EQ((*queue)[1].ticket, "D1-0002");
    EXPECT_EQ((*queue)[1].checkedInAt, midnight + 7 * kHour + 5 * kMinute);
    EXPECT_EQ((*queue)[1].services, (std::vector<std::string>{"diagnosis"}));
    auto prev = s->get<FrontDeskQueries>().visitsOn(midnight - kMinute);
    ASSERT_EQ(prev->size(), 1u);
    EXPECT_EQ((*prev)[0].id, yesterday->visitId);
    EXPECT_EQ((*prev)[0].ticket, "D1-0001") << "yesterday had its own sequence";
}

TEST_F(FrontDeskTest, CustomerDetailGathersCarsVisitsAppointmentsAndConsent) {
    const Car a = customerWithCar("王芳", "13812341234", "京A12345");
    auto second = s->get<CustomerService>().addVehicle(a.customer, {.plate = "京D22222"});
    ASSERT_TRUE(second.ok());
    const std::string appt = book(a, clock.nowMs() + 26 * kHour);
    auto v1 = checkIn(a.vehicle);
    clock.advance(kHour);
    auto v2 = checkIn(*second);
    ASSERT_TRUE(v1.ok() && v2.ok());
    const Car other = customerWithCar("李雷", "13900139000", "京B54321");
    ASSERT_TRUE(checkIn(other.vehicle).ok());

    auto d = s->get<FrontDeskQueries>().customerDetail(a.customer);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->customer.name, "王芳");
    ASSERT_EQ(d->vehicles.size(), 2u);
    ASSERT_EQ(d->visits.size(), 2u);
    EXPECT_EQ(d->visits[0].id, v2->visitId) << "newest first";
    EXPECT_EQ(d->visits[1].id, v1->visitId);
    ASSERT_EQ(d->appointments.size(), 1u);
    EXPECT_EQ(d->appointments[0].id, appt);
    ASSERT_EQ(d->consents.size(), 4u) << "two check-ins, two answers each";
    EXPECT_LE(d->consents[0].at, d->consents[3].at);
    for (const auto& e : d->consents) EXPECT_EQ(e.textVersion, "pipl-2026-01");
    auto missing = s->get<FrontDeskQueries>().customerDetail("nobody");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, Errc::kNotFound);
}

// What the desk list shows beyond the basics: the bay booked, and for each checked-in car what the
// customer said (complaint, service notes) and when and by whom the ticket was called.
TEST_F(FrontDeskTest, RowsCarryTheBayTheComplaintAndTheQueueCall) {
    s->get<StaffService>().setHashLimits(PinHashLimits::minimum());
    auto advisor = s->get<StaffService>().bootstrapAdmin("赵敏", "246810");
    ASSERT_TRUE(advisor.ok());
    auto lift = s->get<BayService>().create({.code = "B1", .nameZh = "1号举升位", .nameEn = "Lift 1",
                                              .kind = BayKind::kLift});
    ASSERT_TRUE(lift.ok());
    const Car a = customerWithCar("王芳", "13812341234", "京A12345");
    const Car b = customerWithCar("李雷", "13900139000", "京B54321");
    auto onLift = s->get<AppointmentService>().book({.customerId = a.customer,
                                                     .vehicleId = a.vehicle,
                                                     .scheduledAt = clock.nowMs() + kHour,
                                                     .services = {"oil_filter"},
                                                     .bayId = *lift});
    ASSERT_TRUE(onLift.ok()) << onLift.error().message;
    const std::string noBay = book(b, clock.nowMs() + 2 * kHour);
    auto rows = s->get<FrontDeskQueries>().todaysAppointments();
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].bayId, *lift);
    EXPECT_EQ((*rows)[0].bayCode, "B1");
    EXPECT_EQ((*rows)[0].bayNameZh, "1号举升位");
    EXPECT_EQ((*rows)[0].bayNameEn, "Lift 1");
    EXPECT_EQ((*rows)[1].id, noBay);
    EXPECT_FALSE((*rows)[1].bayId.has_value());
    EXPECT_EQ((*rows)[1].bayCode, "");

    CheckInRequest r = kiosk();
    r.appointmentId = *onLift;
    r.complaint = "刹车异响";
    r.serviceNotes = "顺便检查胎压";
    auto done = s->get<CheckInService>().checkIn(r);
    ASSERT_TRUE(done.ok()) << done.error().message;
    auto before = s->get<FrontDeskQueries>().todaysVisits();
    ASSERT_EQ(before->size(), 1u);
    EXPECT_EQ((*before)[0].complaint, "刹车异响");
    EXPECT_EQ((*before)[0].serviceNotes, "顺便检查胎压");
    EXPECT_FALSE((*before)[0].calledAt.has_value());
    clock.advance(kMinute);
    ASSERT_TRUE(s->get<VisitService>().callNext(*advisor, "2号台").ok());
    auto queue = s->get<FrontDeskQueries>().todaysVisits();
    ASSERT_EQ(queue->size(), 1u);
    const VisitRow& v = (*queue)[0];
    EXPECT_EQ(v.ticket, done->ticket);
    EXPECT_EQ(v.calledAt, clock.nowMs());
    EXPECT_EQ(v.calledBy, *advisor);
    EXPECT_EQ(v.calledByName, "赵敏");
    EXPECT_EQ(v.calledDesk, "2号台");
}

TEST_F(FrontDeskTest, CustomerDetailListsWhoRevealedTheirPhone) {
    s->get<StaffService>().setHashLimits(PinHashLimits::minimum());
    auto advisor = s->get<StaffService>().bootstrapAdmin("赵敏", "246810");
    ASSERT_TRUE(advisor.ok());
    const Car a = customerWithCar("王芳", "13812341234", "京A12345");
    ASSERT_TRUE(s->get<CustomerAccessLog>().revealPhone(a.customer, *advisor, "回电确认").ok());
    clock.advance(kMinute);
    ASSERT_TRUE(s->get<CustomerAccessLog>().revealPhone(a.customer, *advisor, "预约提醒").ok());
    auto d = s->get<FrontDeskQueries>().customerDetail(a.customer);
    ASSERT_TRUE(d.ok()) << d.error().message;
    ASSERT_EQ(d->accessEvents.size(), 2u);
    EXPECT_EQ(d->accessEvents[0].reason, "预约提醒") << "newest first";
    EXPECT_EQ(d->accessEvents[0].at, clock.nowMs());
    EXPECT_EQ(d->accessEvents[0].what, "phone");
    EXPECT_EQ(d->accessEvents[0].staffId, *advisor);
    EXPECT_EQ(d->accessEvents[0].staffName, "赵敏");
    EXPECT_EQ(d->accessEvents[0].deviceId, s->store().device().deviceId);
    EXPECT_EQ(d->accessEvents[1].reason, "回电确认");
}

}  // namespace
}  // namespace fc::core
