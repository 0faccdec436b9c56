// A store with customers and cars ready for appointments and check-in tests. The clock starts at
// 2026-01-01 00:00 UTC = 08:00 in Shanghai (the store day is 2026-01-01, UTC+8).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "shared/services.hpp"
#include "tests/support/test_store.hpp"

namespace fc::test {

class VisitsTest : public StoreTest {
protected:
    static constexpr int64_t kMinute = 60'000;
    static constexpr int64_t kHour = 60 * kMinute;

    void SetUp() override {
        StoreTest::SetUp();
        ASSERT_NE(s, nullptr);
        s->get<core::StaffService>().setHashLimits(core::PinHashLimits::minimum());
    }

    struct Car {
        std::string customer;
        std::string vehicle;
    };

    Car customerWithCar(const std::string& name, const std::string& phone, const std::string& plate,
                        std::optional<int64_t> odometerKm = 50'000) {
        Car car;
        auto c = s->get<core::CustomerService>().createCustomer({.name = name, .phones = {phone}});
        EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
        if (!c.ok()) return car;
        car.customer = *c;
        auto v = s->get<core::CustomerService>().addVehicle(*c, {.plate = plate,
                                              .make = "大众",
                                              .model = "朗逸",
                                              .colour = "白",
                                              .odometerKm = odometerKm});
        EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
        if (v.ok()) car.vehicle = *v;
        return car;
    }

    std::string book(const Car& car, int64_t at, std::vector<std::string> services = {"oil_filter"},
                     core::BookingChannel channel = core::BookingChannel::kPhone) {
        auto r = s->get<core::AppointmentService>().book({.customerId = car.customer,
                                       .vehicleId = car.vehicle,
                                       .scheduledAt = at,
                                       .services = std::move(services),
                                       .channel = channel});
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? *r : "";
    }

    // A short signature drawn on an 800 × 300 pad.
    static core::SignatureInput pad() {
        core::SignatureInput in;
        in.width = 800;
        in.height = 300;
        in.strokes = {{{100, 200}, {120, 150}, {140, 210}, {160, 140}, {180, 220}},
                      {{300, 180}, {420, 180}}};
        return in;
    }

    // What a completed kiosk screen sends: consent answered, signed.
    static core::CheckInRequest kiosk() {
        core::CheckInRequest r;
        r.channel = "kiosk";
        r.consent = core::ConsentAnswers{core::ConsentAnswer::kGranted, core::ConsentAnswer::kGranted, "pipl-2026-01"};
        r.signature = pad();
        return r;
    }

    int64_t count(const std::string& sql) { return s->db().queryInt(sql)->value_or(-1); }

    // Row counts of every synced and local table a check-in may touch, and the outbox.
    std::string footprint() {
        std::string out;
        for (const char* t : {"customers", "vehicles", "vehicle_ownerships", "odometer_readings",
                              "consent_events", "appointments", "visits", "outbox",
                              "local_counters", "col_versions", "customer_phone_idx", "search_doc"})
            out += std::string(t) + "=" +
                   std::to_string(count(std::string("SELECT count(*) FROM ") + t)) + " ";
        out += "booked=" +
               std::to_string(count("SELECT count(*) FROM appointments WHERE status = 'booked'"));
        out +=
            " odo=" + std::to_string(count("SELECT coalesce(sum(odometer_km), 0) FROM vehicles"));
        return out;
    }
};

}  // namespace fc::test
