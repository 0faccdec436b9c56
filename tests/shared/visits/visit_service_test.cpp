#include "shared/visits/visit_service.hpp"

#include <gtest/gtest.h>

#include "tests/shared/visits/visits_fixture.hpp"

namespace fc::core {
namespace {

// The queue at the front desk. The clock is 2026-01-01 08:00 in Shanghai.
class VisitQueueTest : public test::VisitsTest {
protected:
    void SetUp() override {
        VisitsTest::SetUp();
        auto admin = s->get<StaffService>().bootstrapAdmin("赵敏", "246810");
        ASSERT_TRUE(admin.ok()) << admin.error().message;
        advisor = *admin;
    }
    CheckInResult checkIn(const std::string& name, const std::string& phone,
                          const std::string& plate) {
        const Car car = customerWithCar(name, phone, plate);
        CheckInRequest r = kiosk();
        r.vehicleId = car.vehicle;
        r.services = {"diagnosis"};
        auto done = s->get<CheckInService>().checkIn(r);
        EXPECT_TRUE(done.ok()) << (done.ok() ? "" : done.error().message);
        return done.ok() ? *done : CheckInResult{};
    }
    VisitService& visits() { return s->get<VisitService>(); }
    std::string advisor;
};

TEST_F(VisitQueueTest, CallNextTakesTheOldestWaitingTicketNotYetCalled) {
    const CheckInResult first = checkIn("王芳", "13812341234", "京A12345");
    clock.advance(5 * kMinute);
    const CheckInResult second = checkIn("李雷", "13900139000", "京B54321");
    clock.advance(5 * kMinute);
    const CheckInResult third = checkIn("韩梅梅", "13700137000", "京C11111");
    ASSERT_TRUE(
        visits().setStatus(first.visitId, VisitStatus::kInService).ok());  // taken straight in
    clock.advance(kMinute);

    auto next = visits().callNext(advisor, " 2号台 ");
    ASSERT_TRUE(next.ok()) << next.error().message;
    ASSERT_TRUE(next->has_value());
    EXPECT_EQ((*next)->id, second.visitId);
    EXPECT_EQ((*next)->ticket, second.ticket);
    EXPECT_EQ((*next)->calledAt, clock.nowMs());
    EXPECT_EQ((*next)->calledBy, advisor);
    EXPECT_EQ((*next)->calledDesk, "2号台");
    EXPECT_EQ((*next)->status, VisitStatus::kWaiting) << "called, still waiting until served";
    // Captured for sync like every other visit field: one update with the three columns.
    auto payload = s->db().queryText("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1");
    EXPECT_EQ(payload->value_or(""), "{\"called_at\":" + std::to_string(clock.nowMs()) +
                                         ",\"called_by\":\"" + advisor +
                                         "\",\"called_desk\":\"2号台\"}");

    clock.advance(kMinute);
    auto then = visits().callNext(advisor, "1号台");
    ASSERT_TRUE(then.ok() && then->has_value());
    EXPECT_EQ((*then)->id, third.visitId);
    auto none = visits().callNext(advisor, "1号台");
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value()) << "nobody left waiting uncalled";
    EXPECT_FALSE(visits().get(first.visitId)->calledAt.has_value());
}

TEST_F(VisitQueueTest, OnlyTodaysQueueIsCalled) {
    const CheckInResult yesterday = checkIn("王芳", "13812341234", "京A12345");
    clock.advance(24 * kHour);
    auto empty = visits().callNext(advisor, "1号台");
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE(empty->has_value()) << "yesterday's waiting visit is not today's queue";
    const CheckInResult today = checkIn("李雷", "13900139000", "京B54321");
    auto next = visits().callNext(advisor, "1号台");
    ASSERT_TRUE(next.ok() && next->has_value());
    EXPECT_EQ((*next)->id, today.visitId);
    EXPECT_FALSE(visits().get(yesterday.visitId)->calledAt.has_value());
}

TEST_F(VisitQueueTest, RecallCallsTheSameTicketAgain) {
    const CheckInResult v = checkIn("王芳", "13812341234", "京A12345");
    const CheckInResult notCalled = checkIn("李雷", "13900139000", "京B54321");
    auto called = visits().callNext(advisor, "3号台");
    ASSERT_TRUE(called.ok() && called->has_value());
    const int64_t firstCall = clock.nowMs();
    clock.advance(2 * kMinute);
    auto again = visits().recall(v.visitId, advisor);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->calledAt, firstCall + 2 * kMinute);
    EXPECT_EQ(again->calledDesk, "3号台");
    EXPECT_EQ(visits().get(v.visitId)->calledAt, firstCall + 2 * kMinute);
    // Recalling does not move the queue on.
    auto next = visits().callNext(advisor, "3号台");
    ASSERT_TRUE(next.ok() && next->has_value());
    EXPECT_EQ((*next)->id, notCalled.visitId);

    const CheckInResult fresh = checkIn("韩梅梅", "13700137000", "京C11111");
    auto early = visits().recall(fresh.visitId, advisor);
    ASSERT_FALSE(early.ok());
    EXPECT_NE(early.error().message.find("has not been called yet"), std::string::npos);
    ASSERT_TRUE(visits().setStatus(v.visitId, VisitStatus::kInService).ok());
    auto served = visits().recall(v.visitId, advisor);
    ASSERT_FALSE(served.ok());
    EXPECT_EQ(served.error().code, Errc::kConflict);
    EXPECT_NE(served.error().message.find("in_service, not waiting"), std::string::npos);
}

TEST_F(VisitQueueTest, TheDeskAndTheStaffMemberAreChecked) {
    checkIn("王芳", "13812341234", "京A12345");
    const int64_t before = count("SELECT count(*) FROM outbox");
    struct Case {
        std::string staff;
        std::string desk;
        const char* expect;
    };
    const Case cases[] = {
        {advisor, "   ", "desk: say where the customer should go"},
        {advisor, std::string(17, 'x'), "desk is longer than 16"},
        {"", "1号台", "staff: sign in"},
        {"no-such-staff", "1号台", ""},
    };
    for (const auto& c : cases) {
        auto r = visits().callNext(c.staff, c.desk);
        ASSERT_FALSE(r.ok()) << c.expect;
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    }
    EXPECT_EQ(count("SELECT count(*) FROM outbox"), before);
    EXPECT_EQ(count("SELECT count(*) FROM visits WHERE called_at IS NOT NULL"), 0);
}

}  // namespace
}  // namespace fc::core
