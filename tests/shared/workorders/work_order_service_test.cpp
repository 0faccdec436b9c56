// Work orders on one device: opened from a check-in (labour lines at the menu's price, the
// complaint as concerns), provisional numbers, parts and discounts checked, technicians' shares,
// extra work from a finding answered by the customer, one job at a time per technician, close-out
// refused while someone is clocked on, and who may do what.
#include <gtest/gtest.h>

#include "shared/customers/customer_service.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

class WorkOrderTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        ASSERT_TRUE(c.ok()) << c.error().message;
        customer = *c;
        auto v = s->get<CustomerService>().addVehicle(customer, {.plate = "粤B12345", .odometerKm = 58000});
        ASSERT_TRUE(v.ok()) << v.error().message;
        vehicle = *v;
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
        tech2 = addStaff("张伟", StaffRole::kTechnician, "583920");
    }
    std::string checkIn(std::vector<std::string> services, const std::string& complaint = "") {
        CheckInRequest r;
        r.channel = "office";
        r.vehicleId = vehicle;
        r.services = std::move(services);
        r.complaint = complaint;
        r.odometerKm = 58600;
        r.staffId = advisor;
        auto done = s->get<CheckInService>().checkIn(r);
        EXPECT_TRUE(done.ok()) << done.error().message;
        return done.ok() ? done->visitId : "";
    }
    WorkOrderService& wo() { return s->get<WorkOrderService>(); }
    Session adv() { return signIn(advisor, "314159"); }
    Session technician() { return signIn(tech, "271828"); }
    std::string customer, vehicle, advisor, tech, tech2;
};

TEST_F(WorkOrderTest, OpenedFromAVisitWithItsServicesAsLabourAtTheMenusPrice) {
    const std::string visit = checkIn({"brake_pads", "oil_filter"}, "刹车有异响");
    auto id = wo().openFromVisit(adv(), visit, clock.nowMs() + 3 * 3600'000);
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto v = wo().get(*id);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->visitId, visit);
    EXPECT_EQ(v->customerId, customer);
    EXPECT_EQ(v->vehicleId, vehicle);
    EXPECT_EQ(v->concerns, "刹车有异响");
    EXPECT_EQ(v->odometerKm, 58600);
    EXPECT_EQ(v->advisorId, advisor);
    EXPECT_EQ(v->job.status, WorkOrderStatus::kOpen);
    EXPECT_FALSE(v->number) << "the hub numbers it";
    EXPECT_EQ(v->provisionalNo.rfind("W" + s->store().device().prefix + "-", 0), 0u) << v->provisionalNo;
    ASSERT_EQ(v->lines.size(), 2u);
    const ServiceMenu& menu = **s->get<ServiceCatalog>().menu();
    EXPECT_EQ(v->lines[0].serviceCode, "brake_pads");
    EXPECT_EQ(v->lines[0].unitPriceFen, menu.find("brake_pads")->priceFen);
    EXPECT_EQ(v->lines[0].minutes, menu.find("brake_pads")->minutes);
    EXPECT_EQ(v->lines[0].description, "刹车片更换");
    EXPECT_EQ(v->lines[1].serviceCode, "oil_filter");
    EXPECT_EQ(v->lines[0].taxRateBp, 1300);
    // One order per visit; found by its number and by the visit.
    auto again = wo().openFromVisit(adv(), visit);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, Errc::kConflict);
    EXPECT_EQ(*wo().findByVisit(visit), *id);
    EXPECT_EQ(*wo().findByNumber(v->provisionalNo), *id);
    EXPECT_EQ(*wo().findByNumber(" " + v->provisionalNo + " "), *id);
    EXPECT_FALSE(wo().findByNumber("WZZ-9999")->has_value());
    // A second order gets the next provisional number.
    auto second = wo().open(adv(), {.customerId = customer, .vehicleId = vehicle, .concerns = "空调不凉",
                                    .services = {"ac_service"}});
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_NE(wo().get(*second)->provisionalNo, v->provisionalNo);
    EXPECT_EQ(*wo().openOrders(), (std::vector<std::string>{*id, *second}));
}

TEST_F(WorkOrderTest, BadInputIsRefusedNamingTheFieldAndNothingIsSaved) {
    auto id = wo().open(adv(), {.customerId = customer, .vehicleId = vehicle, .services = {"diagnosis"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    const int64_t lines = count("SELECT count(*) FROM work_order_lines");
    auto expectRefused = [&](auto r, const char* what) {
        ASSERT_FALSE(r.ok()) << what;
        EXPECT_NE(r.error().message.find(what), std::string::npos) << r.error().message;
    };
    expectRefused(wo().addPart(adv(), *id, "机油 5W-30", -1000, 6800), "quantity");
    expectRefused(wo().addPart(adv(), *id, "机油 5W-30", 0, 6800), "quantity");
    expectRefused(wo().addPart(adv(), *id, "", 1000, 6800), "part");
    expectRefused(wo().addPart(adv(), *id, "机油", 1000, -5), "unit price");
    expectRefused(wo().addPart(adv(), *id, "机油", 1000, 6800, 1700), "tax rate");
    expectRefused(wo().addLabour(adv(), *id, "teleport"), "service");
    expectRefused(wo().open(adv(), {.customerId = customer, .vehicleId = "nope", .services = {}}), "vehicle");
    expectRefused(wo().open(adv(), {.customerId = customer, .vehicleId = vehicle, .services = {"warp_drive"}}),
                  "warp_drive");
    EXPECT_EQ(count("SELECT count(*) FROM work_order_lines"), lines);
    // 4.5 L of oil at ¥68.00: the line is ¥306.00; a discount beyond that is refused.
    auto oil = wo().addPart(adv(), *id, "机油 5W-30", 4500, 6800);
    ASSERT_TRUE(oil.ok()) << oil.error().message;
    expectRefused(wo().setDiscount(adv(), *oil, 30601), "discount");
    expectRefused(wo().setDiscount(adv(), *oil, -1), "discount");
    EXPECT_TRUE(wo().setDiscount(adv(), *oil, 30600).ok());
    // Shares add up to 100, name active staff, each person once.
    const std::string labour = wo().get(*id)->lines[0].id;
    expectRefused(wo().assignTechnicians(adv(), labour, {{tech, 100}, {tech2, 100}}), "add up to 200");
    expectRefused(wo().assignTechnicians(adv(), labour, {{tech, 50}, {tech, 50}}), "twice");
    expectRefused(wo().assignTechnicians(adv(), labour, {{"ghost", 100}}), "not an active staff member");
    ASSERT_TRUE(wo().assignTechnicians(adv(), labour, {{tech, 60}, {tech2, 40}}).ok());
    EXPECT_EQ(wo().get(*id)->lines[0].technicians, (std::vector<TechnicianShare>{{tech, 60}, {tech2, 40}}));
}

TEST_F(WorkOrderTest, TheTechniciansDayAndCloseOut) {
    auto id = wo().open(adv(), {.customerId = customer, .vehicleId = vehicle, .services = {"brake_pads"}});
    ASSERT_TRUE(id.ok());
    auto other = wo().open(adv(), {.customerId = customer, .vehicleId = vehicle, .services = {"wipers"}});
    ASSERT_TRUE(other.ok());
    auto t = technician();
    // The technician may not price or add lines; the advisor may not clock on.
    EXPECT_EQ(wo().addPart(t, *id, "刹车片", 1000, 28000).error().code, Errc::kPermission);
    EXPECT_EQ(wo().clockOn(adv(), *id).error().code, Errc::kPermission);
    t = technician();
    ASSERT_TRUE(wo().clockOn(t, *id).ok());
    EXPECT_EQ(wo().job(*id)->status, WorkOrderStatus::kInProgress) << "clocking on starts the work";
    clock.advance(60'000);
    // One job at a time: clocking on to the other order clocks off this one.
    ASSERT_TRUE(wo().clockOn(t, *other).ok());
    EXPECT_TRUE(wo().job(*id)->clockedOn.empty());
    EXPECT_EQ(*wo().clockedOnTo(tech), *other);
    clock.advance(30'000);
    ASSERT_TRUE(wo().clockOn(t, *id).ok());
    EXPECT_EQ(wo().job(*id)->workedMs.at(tech), 60'000);
    ASSERT_TRUE(wo().recordCheck(t, *id, "measure_pads", 0).ok());
    ASSERT_TRUE(wo().recordReading(t, *id, "measure_pads", "front_left_mm", 24).ok());
    ASSERT_TRUE(wo().recordReading(t, *id, "measure_pads", "front_disc_mm", 70, true).ok());
    auto finding = wo().recordFinding(t, *id, "measure_pads", "red", "前轮刹车盘磨损到限");
    ASSERT_TRUE(finding.ok()) << finding.error().message;
    EXPECT_FALSE(wo().recordFinding(t, *id, "measure_pads", "purple", "x").ok());
    EXPECT_FALSE(wo().recordFinding(t, *id, "measure_pads", "red", "").ok()) << "a red finding says what";
    ASSERT_TRUE(wo().recordStep(t, *id, "measure_pads").ok());
    // The finding becomes proposed extra work; the customer declines at the desk.
    auto extra = wo().addLabour(adv(), *id, "brake_pads", LineApproval::kProposed, *finding);
    ASSERT_TRUE(extra.ok()) << extra.error().message;
    EXPECT_FALSE(wo().answerExtraWork(adv(), *extra, false, "").ok()) << "how they answered is required";
    ASSERT_TRUE(wo().answerExtraWork(adv(), *extra, false, "电话").ok());
    auto view = wo().get(*id);
    ASSERT_EQ(view->lines.size(), 2u);
    EXPECT_EQ(view->lines[1].approval, LineApproval::kDeclined);
    EXPECT_EQ(view->lines[1].findingEventId, *finding);
    EXPECT_NE(view->lines[1].approvalNote.find("电话"), std::string::npos);
    EXPECT_EQ(view->job.readings.at("measure_pads/front_left_mm"), "24");
    EXPECT_EQ(view->job.findings.size(), 1u);
    // Ready, then closing is refused while someone is clocked on.
    t = technician();
    ASSERT_TRUE(wo().changeStatus(t, *id, WorkOrderStatus::kReady).ok());
    EXPECT_EQ(wo().changeStatus(t, *id, WorkOrderStatus::kClosed).error().code, Errc::kPermission) << "the office closes";
    auto refused = wo().changeStatus(adv(), *id, WorkOrderStatus::kClosed);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("clocked on"), std::string::npos) << refused.error().message;
    t = technician();
    EXPECT_FALSE(wo().clockOff(t, *id, "coffee").ok()) << "reasons come from a list";
    ASSERT_TRUE(wo().clockOff(t, *id, "done").ok());
    ASSERT_TRUE(wo().changeStatus(adv(), *id, WorkOrderStatus::kClosed).ok());
    EXPECT_EQ(wo().job(*id)->status, WorkOrderStatus::kClosed);
    // Closed is final: nothing more is added, nobody clocks on.
    EXPECT_EQ(wo().addPart(adv(), *id, "雨刮", 1000, 6000).error().code, Errc::kConflict);
    t = technician();
    EXPECT_EQ(wo().clockOn(t, *id).error().code, Errc::kConflict);
    EXPECT_EQ(wo().changeStatus(adv(), *id, WorkOrderStatus::kInProgress).error().code, Errc::kConflict)
        << "the advisor moves jobs along from the desk, but not out of closed";
    EXPECT_EQ(*wo().openOrders(), std::vector<std::string>{*other});
    EXPECT_TRUE(wo().job(*id)->illegal.empty());
}

}  // namespace
}  // namespace fc::core
