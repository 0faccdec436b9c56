// A car's history for the advisor: earlier work orders newest first with their state and the work
// done, the technicians' yellow and red findings, and the work the customer declined with what
// was found — across the workorders domain's tables, read in one place.
#include <gtest/gtest.h>

#include "shared/customers/customer_service.hpp"
#include "shared/readmodel/vehicle_history.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

class VehicleHistoryTest : public fc::test::StaffTest {};

TEST_F(VehicleHistoryTest, EarlierOrdersFindingsAndDeclinedWorkNewestFirst) {
    auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
    ASSERT_TRUE(c.ok());
    auto car = s->get<CustomerService>().addVehicle(*c, {.plate = "粤B12345"});
    auto other = s->get<CustomerService>().addVehicle(*c, {.plate = "粤B54321"});
    ASSERT_TRUE(car.ok() && other.ok());
    auto& wo = s->get<WorkOrderService>();
    auto& history = s->get<VehicleHistoryQueries>();
    EXPECT_TRUE(history.forVehicle(*car)->orders.empty());

    // October: a service; the pads are at 2.5 mm and the customer puts the change off.
    auto by = admin();
    auto first = wo.open(by, {.customerId = *c, .vehicleId = *car, .concerns = "保养", .services = {"routine_service"},
                              .odometerKm = 52000});
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_TRUE(wo.clockOn(by, *first).ok());
    auto finding = wo.recordFinding(by, *first, "brakes", "red", "前轮刹车片 2.5 mm");
    ASSERT_TRUE(finding.ok());
    ASSERT_TRUE(wo.recordFinding(by, *first, "tyres", "green", "").ok());
    auto extra = wo.addLabour(by, *first, "brake_pads", LineApproval::kProposed, *finding);
    ASSERT_TRUE(extra.ok());
    ASSERT_TRUE(wo.answerExtraWork(by, *extra, false, "到店当面").ok());
    ASSERT_TRUE(wo.clockOff(by, *first, "done").ok());
    ASSERT_TRUE(wo.changeStatus(by, *first, WorkOrderStatus::kReady).ok());
    ASSERT_TRUE(wo.changeStatus(by, *first, WorkOrderStatus::kClosed).ok());
    clock.advance(60 * 24 * 3600'000LL);
    // December: back with a noise; another car of the same customer does not count.
    auto second = wo.open(by, {.customerId = *c, .vehicleId = *car, .concerns = "刹车异响", .services = {"diagnosis"}});
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE(wo.open(by, {.customerId = *c, .vehicleId = *other, .services = {"wipers"}}).ok());

    auto h = history.forVehicle(*car);
    ASSERT_TRUE(h.ok()) << h.error().message;
    ASSERT_EQ(h->orders.size(), 2u);
    EXPECT_EQ(h->orders[0].id, *second);
    EXPECT_EQ(h->orders[0].status, WorkOrderStatus::kOpen);
    EXPECT_EQ(h->orders[1].id, *first);
    EXPECT_EQ(h->orders[1].status, WorkOrderStatus::kClosed);
    EXPECT_EQ(h->orders[1].odometerKm, 52000);
    EXPECT_EQ(h->orders[1].work, std::vector<std::string>{"常规保养"}) << "declined work is not work done";
    ASSERT_EQ(h->findings.size(), 1u) << "green findings are not listed";
    EXPECT_EQ(h->findings[0].note, "前轮刹车片 2.5 mm");
    ASSERT_EQ(h->declined.size(), 1u);
    EXPECT_EQ(h->declined[0].description, "刹车片更换");
    EXPECT_EQ(h->declined[0].findingNote, "前轮刹车片 2.5 mm");
    EXPECT_EQ(h->declined[0].workOrderId, *first);
    EXPECT_EQ(history.forVehicle(*car, 1)->orders.size(), 1u) << "the newest only";
}

}  // namespace
}  // namespace fc::core
