#include "shared/visits/appointment_service.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/shared/visits/visits_fixture.hpp"

namespace fc::core {
namespace {

using AppointmentServiceTest = test::VisitsTest;

TEST_F(AppointmentServiceTest, BookingStoresTheAppointmentWithAnUnguessableToken) {
    const Car car = customerWithCar("王芳", "13800138000", "粤B12345");
    const int64_t at = clock.nowMs() + 2 * kHour;
    const std::string id =
        book(car, at, {"oil_filter", "wash_detail", "oil_filter"}, BookingChannel::kApp);
    ASSERT_FALSE(id.empty());
    auto a = s->get<AppointmentService>().get(id);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->customerId, car.customer);
    EXPECT_EQ(a->vehicleId, car.vehicle);
    EXPECT_EQ(a->scheduledAt, at);
    EXPECT_EQ(a->services, (std::vector<std::string>{"oil_filter", "wash_detail"}));
    EXPECT_EQ(a->status, AppointmentStatus::kBooked);
    EXPECT_EQ(a->channel, "app");
    EXPECT_EQ(a->createdAt, clock.nowMs());
    EXPECT_EQ(a->qrToken.size(), 24u) << "144 random bits, base64url";
    for (char c : a->qrToken)
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');

    std::set<std::string> tokens = {a->qrToken};
    for (int i = 0; i < 20; ++i)
        tokens.insert(s->get<AppointmentService>().get(book(car, at + i * kHour))->qrToken);
    EXPECT_EQ(tokens.size(), 21u);
}

TEST_F(AppointmentServiceTest, TheTokenIsFoundFromWhateverTheScannerReads) {
    const Car car = customerWithCar("王芳", "13800138000", "粤B12345");
    const std::string id = book(car, clock.nowMs() + kHour);
    const std::string token = s->get<AppointmentService>().get(id)->qrToken;
    const std::string qr = AppointmentService::qrPayload(token);
    EXPECT_EQ(qr, "FCAPPT:" + token);
    for (const std::string& scanned :
         {qr, token, " " + qr + "\r\n", "https://store.example.cn/a/" + token,
          "https://store.example.cn/a/" + token + "/",
          "https://store.example.cn/checkin?t=" + token}) {
        auto found = s->get<AppointmentService>().findByToken(scanned);
        ASSERT_TRUE(found.ok());
        ASSERT_TRUE(found->has_value()) << scanned;
        EXPECT_EQ((*found)->id, id);
    }
    for (const std::string& scanned :
         {std::string(""), token.substr(1), token + "x", "x" + token,
          "FCAPPT:" + std::string(24, 'A'), std::string("DROP TABLE appointments; --")}) {
        auto found = s->get<AppointmentService>().findByToken(scanned);
        ASSERT_TRUE(found.ok());
        EXPECT_FALSE(found->has_value()) << scanned;
    }
}

TEST_F(AppointmentServiceTest, BookingIsValidated) {
    const Car car = customerWithCar("王芳", "13800138000", "粤B12345");
    const Car other = customerWithCar("李雷", "13900139000", "京A54321");
    const int64_t soon = clock.nowMs() + kHour;
    struct Case {
        AppointmentInput in;
        const char* expect;
    };
    const Case cases[] = {
        {{.customerId = car.customer, .vehicleId = car.vehicle, .scheduledAt = soon},
         "at least one service"},
        {{.customerId = car.customer,
          .vehicleId = car.vehicle,
          .scheduledAt = soon,
          .services = {"teleport"}},
         "'teleport' is not on the service menu"},
        {{.customerId = car.customer,
          .vehicleId = other.vehicle,
          .scheduledAt = soon,
          .services = {"diagnosis"}},
         "does not belong to 王芳"},
        {{.customerId = car.customer,
          .vehicleId = car.vehicle,
          .scheduledAt = 5,
          .services = {"diagnosis"}},
         "not a plausible date"},
        {{.customerId = car.customer,
          .vehicleId = car.vehicle,
          .scheduledAt = clock.nowMs() - 25 * kHour,
          .services = {"diagnosis"}},
         "in the past"},
        {{.customerId = car.customer,
          .vehicleId = car.vehicle,
          .scheduledAt = soon,
          .services = {"diagnosis"},
          .notes = std::string(501, 'x')},
         "longer than 500"},
    };
    for (const auto& c : cases) {
        auto r = s->get<AppointmentService>().book(c.in);
        ASSERT_FALSE(r.ok()) << c.expect;
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    }
    auto missing = s->get<AppointmentService>().book({.customerId = "nobody",
                                         .vehicleId = car.vehicle,
                                         .scheduledAt = soon,
                                         .services = {"diagnosis"}});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, Errc::kNotFound);
    ASSERT_TRUE(s->get<CustomerService>().deleteVehicle(other.vehicle).ok());
    auto deleted = s->get<AppointmentService>().book({.customerId = other.customer,
                                         .vehicleId = other.vehicle,
                                         .scheduledAt = soon,
                                         .services = {"diagnosis"}});
    ASSERT_FALSE(deleted.ok());
    EXPECT_EQ(deleted.error().code, Errc::kConflict);
    EXPECT_EQ(count("SELECT count(*) FROM appointments"), 0);
    // Recording a phone booking for earlier today is fine.
    EXPECT_FALSE(book(car, clock.nowMs() - 3 * kHour).empty());
}

TEST_F(AppointmentServiceTest, StatusChangesAndRescheduling) {
    const Car car = customerWithCar("王芳", "13800138000", "粤B12345");
    const int64_t at = clock.nowMs() + kHour;
    const std::string a = book(car, at);
    ASSERT_TRUE(s->get<AppointmentService>().cancel(a).ok());
    EXPECT_EQ(s->get<AppointmentService>().get(a)->status, AppointmentStatus::kCancelled);
    ASSERT_TRUE(s->get<AppointmentService>().cancel(a).ok()) << "idempotent";
    auto noShow = s->get<AppointmentService>().markNoShow(a);
    ASSERT_FALSE(noShow.ok());
    EXPECT_EQ(noShow.error().code, Errc::kConflict);
    // Rescheduling a cancelled appointment books it again.
    ASSERT_TRUE(s->get<AppointmentService>().reschedule(a, at + 24 * kHour).ok());
    auto moved = s->get<AppointmentService>().get(a);
    EXPECT_EQ(moved->scheduledAt, at + 24 * kHour);
    EXPECT_EQ(moved->status, AppointmentStatus::kBooked);
    ASSERT_TRUE(s->get<AppointmentService>().setServices(a, {"brake_pads", "diagnosis"}).ok());
    EXPECT_EQ(s->get<AppointmentService>().get(a)->services,
              (std::vector<std::string>{"brake_pads", "diagnosis"}));
    EXPECT_FALSE(s->get<AppointmentService>().setServices(a, {}).ok());
    ASSERT_TRUE(s->get<AppointmentService>().setNotes(a, "  下午 三点后  ").ok());
    EXPECT_EQ(s->get<AppointmentService>().get(a)->notes, "下午 三点后");
    ASSERT_TRUE(s->get<AppointmentService>().markNoShow(a).ok());
    EXPECT_EQ(s->get<AppointmentService>().get(a)->statusKey, "no_show");
    // A checked-in appointment is final.
    const std::string b = book(car, at + 2 * kHour);
    Tx tx(s->db());
    ASSERT_TRUE(tx.begin().ok());
    ASSERT_TRUE(s->get<AppointmentService>().setStatusInTx(b, AppointmentStatus::kCheckedIn).ok());
    ASSERT_TRUE(tx.commit().ok());
    EXPECT_EQ(s->get<AppointmentService>().reschedule(b, at + 5 * kHour).error().code, Errc::kConflict);
    EXPECT_EQ(s->get<AppointmentService>().cancel(b).error().code, Errc::kConflict);
    EXPECT_EQ(s->get<AppointmentService>().setServices(b, {"diagnosis"}).error().code, Errc::kConflict);

    auto all = s->get<AppointmentService>().forCustomer(car.customer);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].id, a) << "latest first: a was moved to tomorrow";
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'appointments' AND op = 2 AND payload "
                    "LIKE '%\"status\"%'"),
              4);  // cancel, rebook (with the new time), no-show, checked in
}

TEST(AppointmentKeys, StatusAndChannelKeysRoundTrip) {
    for (auto st : {AppointmentStatus::kBooked, AppointmentStatus::kCheckedIn,
                    AppointmentStatus::kCancelled, AppointmentStatus::kNoShow})
        EXPECT_EQ(parseAppointmentStatus(appointmentStatusKey(st)), st);
    for (auto ch : {BookingChannel::kPhone, BookingChannel::kWeb, BookingChannel::kApp,
                    BookingChannel::kWalkIn})
        EXPECT_EQ(parseBookingChannel(bookingChannelKey(ch)), ch);
    EXPECT_EQ(bookingChannelKey(BookingChannel::kWalkIn), std::string("walk_in"));
    EXPECT_FALSE(parseAppointmentStatus("done").has_value());
}

}  // namespace
}  // namespace fc::core
