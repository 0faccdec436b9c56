// The parts on a work order as the stock ledger sees them: what was issued to the order (net of
// returns and undos) and is not billed on it, by SKU with its price and VAT; 计入工单 adds each as a
// part line naming the part for what is missing, all or nothing; a free-text part line, a
// proposed line or a line for another part does not cover an issued part; parts returned to the
// shelf need nothing.
#include <gtest/gtest.h>

#include "shared/customers/customer_service.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/readmodel/order_parts.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/verify.hpp"
#include "shared/workorders/tables.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

class OrderPartsTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        clerk = addStaff("刘洋", StaffRole::kWarehouse, "161803");
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
        const Session w = warehouse();
        bin = s->get<PartService>().createBin(w, {.code = "A-01-03", .zone = "A"}).value();
        auto& parts = s->get<PartService>();
        // Prices are the office's: the admin sets them.
        filter = parts.create(admin(), {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .category = "filter",
                                        .costFen = 1800, .priceFen = 4800}, {}, {bin})
                     .value();
        fluid = parts.create(admin(), {.sku = "FLD-BRK-0001", .nameZh = "刹车油 DOT4", .category = "fluid",
                                       .unit = "litre", .costFen = 2000, .priceFen = 5600, .taxRateBp = 900},
                             {}, {bin})
                    .value();
        ASSERT_TRUE(stock().receive(w, filter, bin, 10'000, {.unitCostFen = 1800}).ok());
        ASSERT_TRUE(stock().receive(w, fluid, bin, 5'000, {.unitCostFen = 2000}).ok());
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        auto v = s->get<CustomerService>().addVehicle(*c, {.plate = "粤B12345"});
        order = orders().open(desk(), {.customerId = *c, .vehicleId = *v, .services = {"oil_filter"}}).value();
    }
    Session warehouse() { return signIn(clerk, "161803"); }
    Session desk() { return signIn(advisor, "314159"); }
    StockService& stock() { return s->get<StockService>(); }
    WorkOrderService& orders() { return s->get<WorkOrderService>(); }
    OrderParts& parts() { return s->get<OrderParts>(); }
    std::vector<UnbilledPart> unbilled() {
        auto u = parts().unbilled(order);
        EXPECT_TRUE(u.ok()) << u.error().message;
        return u ? *u : std::vector<UnbilledPart>{};
    }
    void expectVerified() {
        auto report = verifyStore(*s);
        ASSERT_TRUE(report.ok()) << report.error().message;
        EXPECT_TRUE(report->ok()) << ::testing::PrintToString(report->problems);
    }
    std::string clerk, advisor, tech, bin, filter, fluid, order;
};

TEST_F(OrderPartsTest, IssuedPartsNotOnTheOrderAreListedByTheLedgersNetFigure) {
    EXPECT_TRUE(unbilled().empty()) << "nothing issued yet";
    // Two filters out, one back: one is on the job.
    ASSERT_TRUE(stock().issue(warehouse(), filter, bin, 2'000, {.workOrderId = order}).ok());
    ASSERT_TRUE(stock().giveBack(warehouse(), filter, bin, 1'000, {.workOrderId = order}).ok());
    // Brake fluid out and undone (moved the wrong part): nothing.
    auto wrong = stock().issue(signIn(tech, "271828"), fluid, bin, 500, {.workOrderId = order});
    ASSERT_TRUE(wrong.ok()) << wrong.error().message;
    ASSERT_TRUE(stock().undo(signIn(tech, "271828"), wrong->groupId).ok());
    auto u = unbilled();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].partId, filter);
    EXPECT_EQ(u[0].sku, "FLT-OIL-0042");
    EXPECT_EQ(u[0].name, "机油滤清器");
    EXPECT_EQ(u[0].unit, "piece");
    EXPECT_EQ(u[0].issuedMilli, 1'000);
    EXPECT_EQ(u[0].pricedMilli, 0);
    EXPECT_EQ(u[0].missingMilli(), 1'000);
    EXPECT_EQ(u[0].priceFen, 4800);
    EXPECT_EQ(u[0].taxRateBp, 1300);
    EXPECT_EQ(unbilledPartsText(u), "机油滤清器 (FLT-OIL-0042) × 1");

    // Lines that do not bill this part leave it listed: free text, another part, a proposal.
    ASSERT_TRUE(orders().addPart(desk(), order, "机油滤清器", 1'000, 4800).ok());
    ASSERT_TRUE(orders().addPart(desk(), order, "刹车油 DOT4", 1'000, 5600, 900, fluid).ok());
    EXPECT_EQ(unbilled().size(), 1u);
    EXPECT_EQ(s->get<InvoiceService>().unbilledParts(order)->size(), 1u) << "close-out sees the same";
}

TEST_F(OrderPartsTest, AddToOrderBillsWhatIsMissingAtThePartsPriceAndVatOnce) {
    ASSERT_TRUE(stock().issue(warehouse(), filter, bin, 2'000, {.workOrderId = order}).ok());
    ASSERT_TRUE(stock().issue(warehouse(), fluid, bin, 1'500, {.workOrderId = order}).ok());
    ASSERT_EQ(unbilled().size(), 2u);
    EXPECT_EQ(unbilled()[0].sku, "FLD-BRK-0001") << "by SKU";

    // Technicians take parts; the office prices the order.
    EXPECT_EQ(parts().addToOrder(signIn(tech, "271828"), order).error().code, Errc::kPermission);
    const size_t before = orders().get(order)->lines.size();
    auto added = parts().addToOrder(desk(), order);
    ASSERT_TRUE(added.ok()) << added.error().message;
    ASSERT_EQ(added->size(), 2u);
    auto v = orders().get(order);
    ASSERT_EQ(v->lines.size(), before + 2);
    const WorkOrderLine& fluidLine = v->lines[before];
    EXPECT_EQ(fluidLine.kind, LineKind::kPart);
    EXPECT_EQ(fluidLine.partId, fluid);
    EXPECT_EQ(fluidLine.description, "刹车油 DOT4");
    EXPECT_EQ(fluidLine.quantityMilli, 1'500);
    EXPECT_EQ(fluidLine.unitPriceFen, 5600);
    EXPECT_EQ(fluidLine.taxRateBp, 900);
    EXPECT_EQ(v->lines[before + 1].partId, filter);
    EXPECT_EQ(v->lines[before + 1].quantityMilli, 2'000);
    EXPECT_TRUE(unbilled().empty());
    ASSERT_TRUE(parts().addToOrder(desk(), order)->empty()) << "a second tap adds nothing";
    EXPECT_EQ(orders().get(order)->lines.size(), before + 2);

    // One more filter later: only that one is missing, and only that one is added.
    ASSERT_TRUE(stock().issue(warehouse(), filter, bin, 1'000, {.workOrderId = order}).ok());
    auto u = unbilled();
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].issuedMilli, 3'000);
    EXPECT_EQ(u[0].pricedMilli, 2'000);
    ASSERT_EQ(parts().addToOrder(desk(), order)->size(), 1u);
    EXPECT_EQ(orders().get(order)->lines.back().quantityMilli, 1'000);
    EXPECT_TRUE(unbilled().empty());
    // A line removed from the order lists its part again.
    ASSERT_TRUE(orders().removeLine(desk(), orders().get(order)->lines.back().id).ok());
    EXPECT_EQ(unbilled().size(), 1u);
    expectVerified();
    test::expectIntegrityOk(s->db());
}

TEST_F(OrderPartsTest, OnlyAPartLineNamesAStockPart) {
    EXPECT_EQ(orders().addPart(desk(), order, "机油滤清器", 1'000, 4800, 1300, std::string()).error().code,
              Errc::kInvalid);
    auto line = orders().addPart(desk(), order, "机油滤清器", 1'000, 4800, 1300, filter);
    ASSERT_TRUE(line.ok()) << line.error().message;
    EXPECT_EQ(count("SELECT count(*) FROM work_order_lines WHERE part_id = '" + filter + "'"), 1);
    // The capture wrote the column (a sync change carries it), and a labour line may not name a part.
    EXPECT_GE(count("SELECT count(*) FROM outbox WHERE tbl = 'work_order_lines'"), 1);
    const std::string labour = orders().get(order)->lines.front().id;
    const auto& t = tables::kWorkOrderLines;
    auto bad = inTx(s->db(), [&]() -> Status {
        FC_TRY(s->store().writer().update(t, labour, {{t.columnIndex("part_id"), SqlValue::text(filter)}}));
        return {};
    });
    EXPECT_FALSE(bad.ok()) << "a labour line naming a part is refused by the row rule";
    EXPECT_EQ(count("SELECT count(*) FROM work_order_lines WHERE id = '" + labour + "' AND part_id IS NULL"), 1);
    expectVerified();
}

}  // namespace
}  // namespace fc::core
