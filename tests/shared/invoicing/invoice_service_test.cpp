// Close-out: a ready work order becomes an invoice in one transaction — only the work the customer
// had done, discounts, VAT per rate, totals exactly the sum of the lines — and payments are taken
// against what is owed; a credit note reverses an invoice whole. Nothing half-written on a refusal.
#include <gtest/gtest.h>

#include "shared/customers/customer_service.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

class InvoiceServiceTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        ASSERT_TRUE(c.ok());
        auto v = s->get<CustomerService>().addVehicle(*c, {.plate = "粤B12345"});
        ASSERT_TRUE(v.ok());
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
        auto by = admin();
        auto& wo = s->get<WorkOrderService>();
        auto id = wo.open(by, {.customerId = *c, .vehicleId = *v, .services = {"brake_pads"}});  // ¥460.00
        ASSERT_TRUE(id.ok());
        order = *id;
        auto oil = wo.addPart(by, order, "机油 5W-30", 4500, 6800);  // 4.5 L × ¥68.00 = ¥306.00
        ASSERT_TRUE(oil.ok());
        ASSERT_TRUE(wo.setDiscount(by, *oil, 600).ok());  // ¥6.00 off the oil
        auto extra = wo.addLabour(by, order, "ac_service", LineApproval::kProposed);
        ASSERT_TRUE(extra.ok());
        ASSERT_TRUE(wo.answerExtraWork(by, *extra, false, "电话").ok());  // declined: not billed
        const std::string labour = wo.get(order)->lines[0].id;
        ASSERT_TRUE(wo.assignTechnicians(by, labour, {{tech, 70}, {adminId, 30}}).ok());
    }
    void makeReady() {
        auto t = signIn(tech, "271828");
        auto& wo = s->get<WorkOrderService>();
        ASSERT_TRUE(wo.clockOn(t, order).ok());
        ASSERT_TRUE(wo.clockOff(t, order, "done").ok());
        ASSERT_TRUE(wo.changeStatus(t, order, WorkOrderStatus::kReady).ok());
    }
    InvoiceService& inv() { return s->get<InvoiceService>(); }
    std::string order, tech;
};

TEST_F(InvoiceServiceTest, CloseOutIssuesTheInvoiceOfTheWorkDoneWithTotalsThatAreTheSumOfTheLines) {
    // Not ready yet: refused, nothing written.
    auto early = inv().closeOut(admin(), order);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(count("SELECT count(*) FROM invoices"), 0);
    makeReady();
    EXPECT_EQ(inv().closeOut(signIn(tech, "271828"), order).error().code, Errc::kPermission);
    auto preview = inv().preview(order, 1000);
    ASSERT_TRUE(preview.ok()) << preview.error().message;
    auto id = inv().closeOut(admin(), order, 1000);  // ¥10.00 off the order
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(s->get<WorkOrderService>().job(order)->status, WorkOrderStatus::kClosed);
    auto v = inv().get(*id);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->kind, "invoice");
    EXPECT_EQ(v->number.rfind("F" + s->store().device().prefix + "-", 0), 0u) << v->number;
    ASSERT_EQ(v->lines.size(), 2u) << "declined extra work is not billed";
    EXPECT_EQ(v->lines[0].grossFen, 46000);
    EXPECT_EQ(v->lines[1].grossFen, 30600);
    EXPECT_EQ(v->lines[1].lineDiscountFen, 600);
    EXPECT_EQ(v->lines[0].orderDiscountFen + v->lines[1].orderDiscountFen, 1000);
    // ¥460.00 + ¥300.00 − ¥10.00 = ¥750.00; VAT 13 % included; every total the sum of the lines.
    EXPECT_EQ(v->totalFen, 75000);
    int64_t amount = 0, tax = 0;
    for (const auto& l : v->lines) {
        amount += l.amountFen;
        tax += l.taxFen;
        EXPECT_EQ(l.amountFen, l.grossFen - l.lineDiscountFen - l.orderDiscountFen);
        EXPECT_EQ(l.netFen, l.amountFen - l.taxFen);
    }
    EXPECT_EQ(v->totalFen, amount);
    EXPECT_EQ(v->taxFen, tax);
    EXPECT_EQ(v->totalFen, preview->totals.amountFen) << "the preview is what is issued";
    EXPECT_NE(v->lines[0].technicians.find("\"pct\":70"), std::string::npos) << "commission shares travel with the line";
    EXPECT_EQ(v->owedFen, 75000);
    // One invoice per order.
    EXPECT_FALSE(inv().closeOut(admin(), order).ok());
    EXPECT_EQ(count("SELECT count(*) FROM invoices"), 1);
}

TEST_F(InvoiceServiceTest, PaymentsAgainstWhatIsOwedAndACreditNoteReversesTheInvoice) {
    makeReady();
    auto id = inv().closeOut(admin(), order);
    ASSERT_TRUE(id.ok()) << id.error().message;
    const int64_t total = inv().get(*id)->totalFen;
    auto by = admin();
    EXPECT_NE(inv().recordPayment(by, *id, PaymentMethod::kWechat, 10000, "").error().message.find("reference"),
              std::string::npos)
        << "a WeChat payment carries the receipt's number";
    ASSERT_TRUE(inv().recordPayment(by, *id, PaymentMethod::kWechat, 50000, " 4200001234 ").ok());
    auto partly = inv().get(*id);
    EXPECT_EQ(partly->paidFen, 50000);
    EXPECT_EQ(partly->owedFen, total - 50000) << "a partly paid invoice shows what is owed";
    auto over = inv().recordPayment(by, *id, PaymentMethod::kCash, total, "");
    ASSERT_FALSE(over.ok());
    EXPECT_NE(over.error().message.find("still owed"), std::string::npos) << over.error().message;
    EXPECT_FALSE(inv().recordPayment(by, *id, PaymentMethod::kCash, 0, "").ok());
    EXPECT_FALSE(inv().recordPayment(by, *id, PaymentMethod::kCash, -5, "").ok());
    ASSERT_TRUE(inv().recordPayment(by, *id, PaymentMethod::kCash, total - 50000, "").ok());
    EXPECT_EQ(inv().get(*id)->owedFen, 0);
    EXPECT_EQ(inv().get(*id)->payments[0].reference, "4200001234");
    EXPECT_EQ(count("SELECT count(*) FROM payments"), 2);
    // A credit note reverses it whole (finance); the invoice itself never changes.
    EXPECT_EQ(inv().creditNote(by, *id, "").error().code, Errc::kInvalid);
    auto credit = inv().creditNote(by, *id, "开票信息有误");
    ASSERT_TRUE(credit.ok()) << credit.error().message;
    auto c = inv().get(*credit);
    EXPECT_EQ(c->kind, "credit_note");
    EXPECT_EQ(c->creditOf, *id);
    EXPECT_EQ(c->totalFen, -total);
    EXPECT_TRUE(inv().get(*id)->credited);
    EXPECT_EQ(inv().get(*id)->totalFen, total);
    EXPECT_FALSE(inv().creditNote(by, *id, "again").ok());
    EXPECT_FALSE(inv().invoiceOf(order)->has_value()) << "a reversed invoice is not the order's invoice";
}

}  // namespace
}  // namespace fc::core
