// Photos of job steps on one device: a technician's photo is stored with the job (the JPEG comes
// back byte for byte, listed per step without the pictures), and what is not a photo, too large,
// of an impossible size, for a closed order or by someone who may not work on jobs is refused
// with nothing saved. The stored text round-trips and the shared row rule refuses a row that is
// not a JPEG even when written past the service.
#include <gtest/gtest.h>

#include "shared/capture/row.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/workorders/job_photos.hpp"
#include "shared/workorders/tables.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

// A JPEG as the tablets make them starts with SOI and an APP0 marker and ends with EOI; the
// service and the hub check that much (the picture itself is made and read by platform/scan).
std::string fakeJpeg(size_t size, char fill = 'x') {
    std::string j = "\xFF\xD8\xFF\xE0";
    j += std::string(size - 6, fill);
    j += "\xFF\xD9";
    return j;
}

class JobPhotoTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        ASSERT_TRUE(c.ok()) << c.error().message;
        auto v = s->get<CustomerService>().addVehicle(*c, {.plate = "粤B12345"});
        ASSERT_TRUE(v.ok()) << v.error().message;
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
        clerk = addStaff("刘洋", StaffRole::kWarehouse, "161803");
        auto id = wo().open(signIn(advisor, "314159"), {.customerId = *c, .vehicleId = *v, .services = {"brake_pads"}});
        ASSERT_TRUE(id.ok()) << id.error().message;
        order = *id;
    }
    WorkOrderService& wo() { return s->get<WorkOrderService>(); }
    JobPhotoService& photos() { return s->get<JobPhotoService>(); }
    int64_t rows() { return s->db().queryInt("SELECT count(*) FROM job_photos").value().value_or(-1); }
    std::string advisor, tech, clerk, order;
};

TEST_F(JobPhotoTest, APhotoIsStoredWithTheJobAndComesBackByteForByte) {
    const Session t = signIn(tech, "271828");
    const std::string pads = fakeJpeg(150 * 1024, 'p');
    auto first = photos().add(t, order, "measure_pads", pads, 1280, 960);
    ASSERT_TRUE(first.ok()) << first.error().message;
    clock.advance(1000);
    auto second = photos().add(t, order, "measure_pads", fakeJpeg(1000, 'q'), 960, 1280);
    ASSERT_TRUE(second.ok()) << second.error().message;
    clock.advance(1000);
    ASSERT_TRUE(photos().add(t, order, "final_check", fakeJpeg(2000), 640, 480).ok());

    auto list = photos().list(order);
    ASSERT_TRUE(list.ok()) << list.error().message;
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ((*list)[0].id, *first);
    EXPECT_EQ((*list)[0].stepKey, "measure_pads");
    EXPECT_EQ((*list)[0].width, 1280);
    EXPECT_EQ((*list)[0].height, 960);
    EXPECT_EQ((*list)[0].staffId, tech);
    EXPECT_NEAR(static_cast<double>((*list)[0].bytes), 150.0 * 1024, 3.0);
    EXPECT_EQ((*list)[1].id, *second);
    EXPECT_EQ((*list)[2].stepKey, "final_check");
    auto counts = photos().countByStep(order);
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->at("measure_pads"), 2);
    EXPECT_EQ(counts->at("final_check"), 1);

    auto back = photos().jpeg(*first);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, pads);
    EXPECT_EQ(photos().jpeg("no-such-photo").error().code, Errc::kNotFound);

    // Each is a captured fact for sync.
    EXPECT_EQ(s->db().queryInt("SELECT count(*) FROM outbox WHERE tbl = 'job_photos'").value().value_or(-1), 3);
}

TEST_F(JobPhotoTest, WhatIsNotAPhotoOrNotAllowedIsRefusedAndNothingIsSaved) {
    const Session t = signIn(tech, "271828");
    struct Case {
        std::string jpeg;
        int w, h;
        const char* why;
    };
    const std::vector<Case> bad = {
        {"\x89PNG\r\n\x1a\nnot a jpeg at all", 100, 100, "not a JPEG"},
        {fakeJpeg(kMaxPhotoBytes + 1), 1280, 960, "too large"},
        {fakeJpeg(1000), 0, 960, "width and height"},
        {fakeJpeg(1000), 1280, 5000, "width and height"},
        {std::string("\xFF\xD8\xFF\xE0truncated"), 100, 100, "not a JPEG"},
    };
    for (const Case& c : bad) {
        auto r = photos().add(t, order, "measure_pads", c.jpeg, c.w, c.h);
        ASSERT_FALSE(r.ok()) << c.why;
        EXPECT_EQ(r.error().code, Errc::kInvalid) << r.error().message;
        EXPECT_NE(r.error().message.find(c.why), std::string::npos) << r.error().message;
    }
    EXPECT_FALSE(photos().add(t, order, "", fakeJpeg(100), 10, 10).ok()) << "a photo is of a step";
    EXPECT_EQ(photos().add(t, "no-such-order", "measure_pads", fakeJpeg(100), 10, 10).error().code, Errc::kNotFound);
    // A warehouse clerk does not work on jobs.
    auto clerkTry = photos().add(signIn(clerk, "161803"), order, "measure_pads", fakeJpeg(100), 10, 10);
    ASSERT_FALSE(clerkTry.ok());
    EXPECT_EQ(clerkTry.error().code, Errc::kPermission);
    // A cancelled order takes nothing more.
    ASSERT_TRUE(wo().changeStatus(signIn(advisor, "314159"), order, WorkOrderStatus::kCancelled).ok());
    auto late = photos().add(t, order, "measure_pads", fakeJpeg(100), 10, 10);
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, Errc::kConflict);
    EXPECT_EQ(rows(), 0);
}

TEST_F(JobPhotoTest, TheRowRuleRefusesAStoredPhotoThatIsNotAJpegEvenPastTheService) {
    // Written straight through the change writer (what a modified device might do): the same rule
    // the hub applies refuses it.
    auto row = RowBuilder(tables::kJobPhotos)
                   .set("store_id", s->store().storeId())
                   .set("work_order_id", order)
                   .set("step_key", "measure_pads")
                   .set("width", 100)
                   .set("height", 100)
                   .set("jpeg", encodePhotoText("GIF89a, not a jpeg"))
                   .set("staff_id", tech)
                   .set("device_id", s->store().device().deviceId)
                   .set("at", clock.nowMs())
                   .build();
    ASSERT_TRUE(row.ok()) << row.error().message;
    auto r = inTx(s->db(), [&]() -> Status { return s->store().writer().insert(tables::kJobPhotos, "p1", *row); });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("jpeg"), std::string::npos) << r.error().message;
    EXPECT_EQ(rows(), 0);

    // The stored text: base64 both ways; garbage is refused.
    const std::string bytes = fakeJpeg(4000, '\0');
    EXPECT_EQ(decodePhotoText(encodePhotoText(bytes)).value(), bytes);
    EXPECT_FALSE(decodePhotoText("@@not base64@@").ok());
    EXPECT_FALSE(decodePhotoText(std::string(kMaxPhotoText + 4, 'A')).ok());
    EXPECT_TRUE(looksLikeJpeg(bytes));
    EXPECT_FALSE(looksLikeJpeg("\xFF\xD8"));
}

}  // namespace
}  // namespace fc::core
