// Parts are billed when they go onto the job: two filters issued to an order from the warehouse
// and one returned leave one on the job; close-out refuses, naming it, until 计入工单 puts it on the
// order at its price and VAT — then the invoice bills it. A part given free (warranty) closes out
// only when the advisor says so, and the reason is kept with the order's closing.
#include <gtest/gtest.h>

#include "shared/customers/customer_service.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

class InvoiceIssuedPartsTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        clerk = addStaff("刘洋", StaffRole::kWarehouse, "161803");
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
        auto& parts = s->get<PartService>();
        bin = parts.createBin(warehouse(), {.code = "A-01-03", .zone = "A"}).value();
        filter = parts.create(admin(), {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .category = "filter",
                                        .costFen = 1800, .priceFen = 4800}, {}, {bin})
                     .value();
        ASSERT_TRUE(stock().receive(warehouse(), filter, bin, 10'000, {.unitCostFen = 1800}).ok());
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        auto v = s->get<CustomerService>().addVehicle(*c, {.plate = "粤B12345"});
        order = s->get<WorkOrderService>()
                    .open(desk(), {.customerId = *c, .vehicleId = *v, .services = {"brake_pads"}})  // ¥460.00
                    .value();
        // Two filters from the warehouse, one brought back: one is on the job.
        ASSERT_TRUE(stock().issue(warehouse(), filter, bin, 2'000, {.workOrderId = order}).ok());
        ASSERT_TRUE(stock().giveBack(warehouse(), filter, bin, 1'000, {.workOrderId = order}).ok());
        auto t = signIn(tech, "271828");
        auto& wo = s->get<WorkOrderService>();
        ASSERT_TRUE(wo.clockOn(t, order).ok());
        ASSERT_TRUE(wo.clockOff(t, order, "done").ok());
        ASSERT_TRUE(wo.changeStatus(t, order, WorkOrderStatus::kReady).ok());
    }
    Session warehouse() { return signIn(clerk, "161803"); }
    Session desk() { return signIn(advisor, "314159"); }
    StockService& stock() { return s->get<StockService>(); }
    InvoiceService& inv() { return s->get<InvoiceService>(); }
    std::string clerk, advisor, tech, bin, filter, order;
};

TEST_F(InvoiceIssuedPartsTest, CloseOutRefusesUnbilledPartsUntilTheyAreOnTheOrder) {
    auto refused = inv().closeOut(desk(), order);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Errc::kNeedsConfirmation);
    EXPECT_NE(refused.error().message.find("机油滤清器 (FLT-OIL-0042) × 1"), std::string::npos)
        << refused.error().message;
    EXPECT_EQ(count("SELECT count(*) FROM invoices"), 0) << "nothing half-written";
    EXPECT_EQ(s->get<WorkOrderService>().job(order)->status, WorkOrderStatus::kReady);
    const int64_t before = inv().preview(order)->totals.amountFen;
    EXPECT_EQ(before, 46000);

    // 计入工单: the one filter at its price and VAT.
    EXPECT_EQ(inv().addIssuedParts(signIn(tech, "271828"), order).error().code, Errc::kPermission);
    auto added = inv().addIssuedParts(desk(), order);
    ASSERT_TRUE(added.ok()) << added.error().message;
    ASSERT_EQ(added->size(), 1u);
    const WorkOrderLine line = s->get<WorkOrderService>().get(order)->lines.back();
    EXPECT_EQ(line.partId, filter);
    EXPECT_EQ(line.quantityMilli, 1'000);
    EXPECT_EQ(line.unitPriceFen, 4800);
    EXPECT_EQ(line.taxRateBp, 1300);
    EXPECT_TRUE(inv().unbilledParts(order)->empty());
    EXPECT_EQ(inv().preview(order)->totals.amountFen, before + 4800);

    auto id = inv().closeOut(desk(), order);
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto v = inv().get(*id);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->totalFen, 46000 + 4800) << "the invoice bills the part";
    ASSERT_EQ(v->lines.size(), 2u);
    EXPECT_EQ(v->lines[1].kind, "part");
    EXPECT_EQ(v->lines[1].description, "机油滤清器");
    EXPECT_EQ(v->lines[1].amountFen, 4800);
    EXPECT_EQ(s->get<WorkOrderService>().job(order)->status, WorkOrderStatus::kClosed);
    test::expectIntegrityOk(s->db());
}

TEST_F(InvoiceIssuedPartsTest, PartsGivenFreeCloseOutOnlyWithAReasonKeptWithTheClosing) {
    auto id = inv().closeOut(desk(), order, 0, {.unbilledPartsReason = "  保修  "});
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(inv().get(*id)->totalFen, 46000) << "the filter is not charged";
    EXPECT_EQ(count("SELECT count(*) FROM job_events WHERE work_order_id = '" + order +
                    "' AND kind = 'status' AND value = 'closed' AND note = 'parts not billed (保修): "
                    "机油滤清器 (FLT-OIL-0042) × 1'"),
              1);
}

TEST_F(InvoiceIssuedPartsTest, PartsReturnedToTheShelfNeedNothing) {
    ASSERT_TRUE(stock().giveBack(warehouse(), filter, bin, 1'000, {.workOrderId = order}).ok());
    EXPECT_TRUE(inv().unbilledParts(order)->empty());
    auto id = inv().closeOut(desk(), order);
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(inv().get(*id)->totalFen, 46000);
}

}  // namespace
}  // namespace fc::core
