#include "shared/visits/booking_grid.hpp"

#include <gtest/gtest.h>

#include "tests/shared/visits/visits_fixture.hpp"

namespace fc::core {
namespace {

// The clock is 2026-01-01 08:00 in Shanghai; bookings are made for today's slots.
class BookingGridTest : public test::VisitsTest {
protected:
    void SetUp() override {
        VisitsTest::SetUp();
        b1 = bay("B1", "1号举升位", 10);
        b2 = bay("B2", "2号举升位", 20);
        car = customerWithCar("王芳", "13812341234", "京A12345");
        other = customerWithCar("李雷", "13900139000", "京B54321");
    }
    std::string bay(const std::string& code, const std::string& name, int order) {
        auto id = s->get<BayService>().create(
            {.code = code, .nameZh = name, .kind = BayKind::kLift, .sortOrder = order});
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        return id.ok() ? *id : "";
    }
    int64_t at(int hour, int minute) const { return StoreTime{}.at(clock.nowMs(), hour, minute); }
    Result<std::string> bookOn(const Car& c, int64_t when, std::optional<std::string> bayId) {
        return s->get<AppointmentService>().book({.customerId = c.customer,
                                                  .vehicleId = c.vehicle,
                                                  .scheduledAt = when,
                                                  .services = {"oil_filter"},
                                                  .bayId = std::move(bayId)});
    }
    std::string b1, b2;
    Car car, other;
};

TEST_F(BookingGridTest, TheDayShowsEveryBayFreeOrTakenInEverySlot) {
    ASSERT_TRUE(bookOn(car, at(9, 0), b1).ok());
    ASSERT_TRUE(bookOn(other, at(9, 10), b2).ok());  // same slot, the other bay
    ASSERT_TRUE(bookOn(car, at(9, 20), std::nullopt).ok());
    ASSERT_TRUE(bookOn(other, at(9, 25), std::nullopt).ok());
    auto cancelled = bookOn(car, at(10, 0), b1);
    ASSERT_TRUE(cancelled.ok());
    ASSERT_TRUE(s->get<AppointmentService>().cancel(*cancelled).ok());
    ASSERT_TRUE(bookOn(car, at(17, 45), b2).ok());
    ASSERT_TRUE(bookOn(car, at(18, 0), b2).ok()) << "after closing: not on the grid, but allowed";
    ASSERT_TRUE(bookOn(car, at(9, 0) + 24 * kHour, b1).ok()) << "tomorrow";

    auto day = s->get<BookingGrid>().day(clock.nowMs());
    ASSERT_TRUE(day.ok()) << day.error().message;
    ASSERT_EQ(day->bays.size(), 2u);
    EXPECT_EQ(day->bays[0].code, "B1");
    EXPECT_EQ(day->bays[1].code, "B2");
    ASSERT_EQ(day->slots.size(), 19u);
    EXPECT_EQ(day->dayStart, StoreTime{}.dayStart(clock.nowMs()));
    const DaySlot& nine = day->slots[1];
    EXPECT_EQ(nine.label, "09:00");
    EXPECT_EQ(nine.startsAt, at(9, 0));
    EXPECT_EQ(nine.endsAt, at(9, 30));
    EXPECT_EQ(nine.booked, (std::vector<int>{1, 1}));
    EXPECT_FALSE(nine.free(0));
    EXPECT_EQ(nine.withoutBay, 2);
    EXPECT_EQ(day->slots[3].label, "10:00");
    EXPECT_TRUE(day->slots[3].free(0)) << "a cancelled booking frees its bay";
    EXPECT_EQ(day->slots.back().label, "17:30");
    EXPECT_EQ(day->slots.back().booked, (std::vector<int>{0, 1}));
    int total = 0;
    for (const DaySlot& slot : day->slots) {
        ASSERT_EQ(slot.booked.size(), 2u);
        total += slot.booked[0] + slot.booked[1] + slot.withoutBay;
    }
    EXPECT_EQ(total, 5);
}

TEST_F(BookingGridTest, ADeactivatedBayThatHoldsABookingStaysOnTheGrid) {
    ASSERT_TRUE(bookOn(car, at(11, 0), b2).ok());
    ASSERT_TRUE(s->get<BayService>().deactivate(b2).ok());
    const std::string b3 = bay("B3", "3号举升位", 30);
    auto day = s->get<BookingGrid>().day(clock.nowMs());
    ASSERT_TRUE(day.ok());
    ASSERT_EQ(day->bays.size(), 3u);
    EXPECT_EQ(day->bays[1].id, b3);
    EXPECT_EQ(day->bays[2].id, b2);
    EXPECT_FALSE(day->bays[2].active);
    EXPECT_EQ(day->slots[5].label, "11:00");
    EXPECT_EQ(day->slots[5].booked, (std::vector<int>{0, 0, 1}));
    // It takes no new booking.
    auto refused = bookOn(other, at(14, 0), b2);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("bay: B2 is not in use"), std::string::npos)
        << refused.error().message;
}

TEST_F(BookingGridTest, ATakenBayIsRefusedNamingTheBayAndTheTime) {
    const auto first = bookOn(car, at(9, 0), b1);
    ASSERT_TRUE(first.ok()) << first.error().message;
    const int64_t outboxBefore = count("SELECT count(*) FROM outbox");
    auto taken = bookOn(other, at(9, 15), b1);
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().code, Errc::kConflict);
    EXPECT_EQ(taken.error().message,
              "bay: B1 (1号举升位) is already booked at 09:00 on 2026-01-01");
    EXPECT_EQ(count("SELECT count(*) FROM outbox"), outboxBefore) << "nothing written";
    // The next slot, another bay, or no bay at all: fine.
    EXPECT_TRUE(bookOn(other, at(9, 30), b1).ok());
    EXPECT_TRUE(bookOn(other, at(9, 15), b2).ok());
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(bookOn(other, at(9, 5), std::nullopt).ok());
    // A checked-in appointment still holds its bay; a cancelled or missed one does not.
    Tx tx(s->db());
    ASSERT_TRUE(tx.begin().ok());
    ASSERT_TRUE(
        s->get<AppointmentService>().setStatusInTx(*first, AppointmentStatus::kCheckedIn).ok());
    ASSERT_TRUE(tx.commit().ok());
    EXPECT_FALSE(bookOn(other, at(9, 0), b1).ok());
    auto later = bookOn(car, at(15, 0), b2);
    ASSERT_TRUE(later.ok());
    ASSERT_TRUE(s->get<AppointmentService>().markNoShow(*later).ok());
    EXPECT_TRUE(bookOn(other, at(15, 0), b2).ok());
    auto unknown = bookOn(other, at(16, 0), std::string("no-such-bay"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, Errc::kNotFound);
    EXPECT_NE(unknown.error().message.find("bay: "), std::string::npos);
}

TEST_F(BookingGridTest, MoveToChangesTimeAndBayInOneWrite) {
    auto a = bookOn(car, at(9, 0), b1);
    ASSERT_TRUE(a.ok());
    auto b = bookOn(other, at(10, 0), b2);
    ASSERT_TRUE(b.ok());
    AppointmentService& appointments = s->get<AppointmentService>();
    const int64_t before = count("SELECT count(*) FROM outbox");
    ASSERT_TRUE(appointments.moveTo(*a, at(11, 0), b2).ok());
    EXPECT_EQ(count("SELECT count(*) FROM outbox"), before + 1) << "one captured change";
    auto payload = s->db().queryText("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1");
    EXPECT_EQ(payload->value_or(""),
              "{\"scheduled_at\":" + std::to_string(at(11, 0)) + ",\"bay_id\":\"" + b2 + "\"}");
    auto moved = appointments.get(*a);
    EXPECT_EQ(moved->scheduledAt, at(11, 0));
    EXPECT_EQ(moved->bayId, b2);
    // Onto a bay taken at that time: refused, nothing changes.
    auto onto = appointments.moveTo(*a, at(10, 10), b2);
    ASSERT_FALSE(onto.ok());
    EXPECT_NE(onto.error().message.find("bay: B2 (2号举升位) is already booked at 10:00"),
              std::string::npos)
        << onto.error().message;
    EXPECT_EQ(appointments.get(*a)->scheduledAt, at(11, 0));
    // Its own slot does not count against it; no bay is never refused.
    EXPECT_TRUE(appointments.moveTo(*a, at(11, 10), b2).ok());
    ASSERT_TRUE(appointments.moveTo(*a, at(10, 0), std::nullopt).ok());
    EXPECT_FALSE(appointments.get(*a)->bayId.has_value());
    // Rescheduling keeps the bay, so it is checked too.
    ASSERT_TRUE(appointments.moveTo(*a, at(12, 0), b2).ok());
    auto clash = appointments.reschedule(*b, at(12, 15));
    ASSERT_FALSE(clash.ok()) << "b keeps B2, which a holds at 12:00";
    EXPECT_NE(clash.error().message.find("bay: B2"), std::string::npos) << clash.error().message;
    EXPECT_TRUE(appointments.moveTo(*b, at(12, 15), b1).ok()) << "B1 is free then";
    ASSERT_TRUE(appointments.reschedule(*b, at(13, 0)).ok());
    EXPECT_EQ(appointments.get(*b)->bayId, b1);
    // A cancelled appointment moved back into a taken slot is refused like a new booking.
    ASSERT_TRUE(appointments.cancel(*b).ok());
    ASSERT_TRUE(appointments.moveTo(*a, at(13, 0), b1).ok()) << "b, cancelled, no longer holds B1";
    EXPECT_FALSE(appointments.reschedule(*b, at(13, 5)).ok());
    ASSERT_TRUE(appointments.moveTo(*b, at(13, 5), b2).ok());
    EXPECT_EQ(appointments.get(*b)->status, AppointmentStatus::kBooked);
}

TEST_F(BookingGridTest, ACheckedInAppointmentCannotBeCancelledOrMoved) {
    auto a = bookOn(car, at(9, 0), b1);
    ASSERT_TRUE(a.ok());
    CheckInRequest r = kiosk();
    r.appointmentId = *a;
    ASSERT_TRUE(s->get<CheckInService>().checkIn(r).ok());
    AppointmentService& appointments = s->get<AppointmentService>();
    auto cancel = appointments.cancel(*a);
    ASSERT_FALSE(cancel.ok());
    EXPECT_EQ(cancel.error().code, Errc::kConflict);
    EXPECT_EQ(
        cancel.error().message,
        "the appointment is already checked in: it cannot be cancelled; change the visit instead");
    auto noShow = appointments.markNoShow(*a);
    ASSERT_FALSE(noShow.ok());
    EXPECT_NE(noShow.error().message.find("cannot be marked a no-show"), std::string::npos);
    auto move = appointments.moveTo(*a, at(10, 0), b2);
    ASSERT_FALSE(move.ok());
    EXPECT_NE(move.error().message.find("already checked in"), std::string::npos);
    EXPECT_EQ(appointments.get(*a)->status, AppointmentStatus::kCheckedIn);
    EXPECT_EQ(appointments.get(*a)->bayId, b1);
}

}  // namespace
}  // namespace fc::core
