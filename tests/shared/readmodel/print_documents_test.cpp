// What the printed documents say (the read model; the PDFs themselves are tested in
// tests/platform/print): the work-order sheet with its numbers, masked phone, times in store time,
// the work at the amounts close-out would issue and the extra work declined or waiting; a key tag
// with nothing personal on it; an invoice with the numbers stored on it, its payments and what is
// owed; a credit note naming the invoice it reverses; and numbers that are not there named back.
#include <gtest/gtest.h>

#include <cctype>

#include "tests/shared/readmodel/print_fixture.hpp"

namespace fc::core {
namespace {

using fc::test::PrintTest;

TEST_F(PrintTest, WorkOrderSheetSaysWhatTheWorkshopNeedsWithThePhoneMasked) {
    auto d = docs().workOrderSheet(order);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->storeName, "测试门店");
    EXPECT_EQ(d->provisionalNo.rfind("W" + s->store().device().prefix + "-", 0), 0u) << d->provisionalNo;
    EXPECT_EQ(d->barcode, d->provisionalNo)
        << "the workshop tablet finds the order by what the code holds";
    EXPECT_EQ(*s->get<WorkOrderService>().findByNumber(d->barcode), order);
    EXPECT_FALSE(d->number.has_value()) << "no hub has numbered it yet";
    EXPECT_EQ(d->statusKey, "in_progress");
    EXPECT_EQ(d->customer.name, "王芳");
    EXPECT_EQ(d->customer.maskedPhone, "138****5678");
    EXPECT_EQ(d->vehicle.plate, "粤B·12345");
    EXPECT_EQ(d->vehicle.make, "大众");
    EXPECT_EQ(d->vehicle.model, "朗逸");
    EXPECT_EQ(d->vehicle.colour, "白");
    EXPECT_EQ(d->vehicle.vin, "LSVAA4182E2123456");
    EXPECT_EQ(d->odometerKm, 45210);
    EXPECT_EQ(d->openedAt, "2026-01-15 09:30") << "store time, UTC+8";
    EXPECT_EQ(d->promisedAt, "2026-01-15 17:30");
    EXPECT_EQ(d->advisor, "李娜");
    EXPECT_EQ(d->bayCode, "B1");
    EXPECT_EQ(d->bayNameZh, "举升机1");
    EXPECT_EQ(d->concerns, s->get<WorkOrderService>().get(order)->concerns)
        << "as the order keeps them";
    EXPECT_EQ(d->concerns.rfind("冷车启动有异响", 0), 0u) << d->concerns;

    ASSERT_EQ(d->lines.size(), 2u) << "declined and waiting extra work is listed apart";
    EXPECT_EQ(d->lines[0].kind, LineKind::kLabour);
    EXPECT_EQ(d->lines[0].description, "刹车片更换");
    EXPECT_EQ(d->lines[0].technicians, "王强");
    EXPECT_EQ(d->lines[0].amountFen, 46000);
    EXPECT_EQ(d->lines[1].kind, LineKind::kPart);
    EXPECT_EQ(d->lines[1].quantityMilli, 4500);
    EXPECT_EQ(d->lines[1].unitPriceFen, 6800);
    EXPECT_EQ(d->lines[1].discountFen, 600);
    EXPECT_EQ(d->lines[1].amountFen, 30000);
    ASSERT_EQ(d->declined.size(), 1u);
    EXPECT_EQ(d->declined[0].description, "空调检修");
    EXPECT_EQ(d->declined[0].findingNote, "前轮刹车盘磨损到限");
    EXPECT_EQ(d->declined[0].answer, "电话");
    EXPECT_EQ(d->declined[0].answeredAt, "2026-01-15 10:00");
    EXPECT_EQ(d->declined[0].amountFen, 28000);
    ASSERT_EQ(d->proposed.size(), 1u);
    EXPECT_EQ(d->proposed[0].description, "四轮定位");
    EXPECT_TRUE(d->proposed[0].answer.empty());

    // The estimate is what close-out would issue.
    auto preview = s->get<InvoiceService>().preview(order);
    ASSERT_TRUE(preview.ok());
    EXPECT_EQ(d->labourFen, 46000);
    EXPECT_EQ(d->partsFen, 30000);
    EXPECT_EQ(d->discountFen, 600);
    EXPECT_EQ(d->totalFen, 76000);
    EXPECT_EQ(d->totalFen, preview->totals.amountFen);
    EXPECT_EQ(d->printedAt, "2026-01-15 10:00");
}

TEST_F(PrintTest, KeyTagCarriesTheNumberAndTheCarButNothingPersonal) {
    auto d = docs().keyTag(order);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->provisionalNo, provisionalNo);
    EXPECT_EQ(d->barcode, provisionalNo);
    EXPECT_EQ(d->plate, "粤B·12345");
    EXPECT_EQ(d->vehicle, "大众 朗逸 白");
    EXPECT_EQ(d->promisedAt, "2026-01-15 17:30");
    for (const std::string& field :
         {d->storeName, d->provisionalNo, d->barcode, d->plate, d->vehicle, d->promisedAt}) {
        EXPECT_EQ(field.find("王"), std::string::npos) << field;
        EXPECT_EQ(field.find("5678"), std::string::npos) << field;
        EXPECT_EQ(field.find("138"), std::string::npos) << field;
    }
}

TEST_F(PrintTest, InvoicePrintsTheNumbersStoredOnItWithPaymentsAndWhatIsOwed) {
    closeOut();
    auto stored = s->get<InvoiceService>().get(invoice);
    ASSERT_TRUE(stored.ok());
    auto d = docs().invoice(invoice);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_FALSE(d->creditNote);
    EXPECT_EQ(d->number, stored->number);
    EXPECT_EQ(d->number.rfind("F", 0), 0u) << d->number;
    EXPECT_EQ(d->issuedAt, "2026-01-15 11:00");
    EXPECT_EQ(d->issuedBy, "李娜");
    EXPECT_EQ(d->workOrderNo, provisionalNo);
    EXPECT_EQ(d->customer.maskedPhone, "138****5678");
    EXPECT_EQ(d->vehicle.plate, "粤B·12345");
    ASSERT_EQ(d->lines.size(), 2u) << "only the work done is on the invoice";
    for (size_t i = 0; i < d->lines.size(); ++i) {
        EXPECT_EQ(d->lines[i].amountFen, stored->lines[i].amountFen);
        EXPECT_EQ(d->lines[i].taxFen, stored->lines[i].taxFen);
        EXPECT_EQ(d->lines[i].taxRateBp, 1300);
    }
    EXPECT_EQ(d->grossFen, 46000 + 30600);
    EXPECT_EQ(d->lineDiscountFen, 600);
    EXPECT_EQ(d->subtotalFen, 76000);
    EXPECT_EQ(d->orderDiscountFen, 1000);
    // The invoice's own totals, never recomputed: and they agree with the lines printed above them.
    EXPECT_EQ(d->totalFen, stored->totalFen);
    EXPECT_EQ(d->taxFen, stored->taxFen);
    EXPECT_EQ(d->netFen, stored->netFen);
    EXPECT_EQ(d->totalFen, 75000);
    EXPECT_EQ(d->subtotalFen - d->orderDiscountFen, d->totalFen);
    ASSERT_EQ(d->byRate.size(), 1u);
    EXPECT_EQ(d->byRate[0].taxRateBp, 1300);
    EXPECT_EQ(d->byRate[0].taxFen, d->taxFen);
    EXPECT_EQ(d->byRate[0].amountFen, d->totalFen);
    ASSERT_EQ(d->payments.size(), 1u);
    EXPECT_EQ(d->payments[0].method, PaymentMethod::kWechat);
    EXPECT_EQ(d->payments[0].amountFen, 50000);
    EXPECT_EQ(d->payments[0].reference, "4200001234");
    EXPECT_EQ(d->paidFen, 50000);
    EXPECT_EQ(d->owedFen, 25000);
    EXPECT_TRUE(d->creditedByNumber.empty());
}

TEST_F(PrintTest, ACreditNoteNamesTheInvoiceItReverses) {
    closeOut();
    auto credit = s->get<InvoiceService>().creditNote(admin(), invoice, "开票信息有误");
    ASSERT_TRUE(credit.ok()) << credit.error().message;
    auto c = docs().invoice(*credit);
    ASSERT_TRUE(c.ok()) << c.error().message;
    auto original = docs().invoice(invoice);
    ASSERT_TRUE(original.ok());
    EXPECT_TRUE(c->creditNote);
    EXPECT_EQ(c->number.rfind("C", 0), 0u) << c->number;
    EXPECT_EQ(c->creditOfNumber, original->number);
    EXPECT_EQ(c->creditReason, "开票信息有误");
    EXPECT_EQ(c->totalFen, -75000);
    EXPECT_EQ(c->owedFen, 0);
    EXPECT_EQ(c->issuedBy, "赵敏");
    EXPECT_EQ(original->creditedByNumber, c->number);
    EXPECT_EQ(original->owedFen, 0) << "a reversed invoice is owed nothing";
    EXPECT_TRUE(original->creditReason.empty());
}

TEST_F(PrintTest, NumbersAreFoundAsTypedAndMissingOnesAreNamed) {
    std::string lower = provisionalNo;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(*docs().findWorkOrder(" " + lower + " "), order);
    auto none = docs().findWorkOrder("WO9-9999");
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, Errc::kNotFound);
    EXPECT_NE(none.error().message.find("WO9-9999"), std::string::npos) << none.error().message;
    EXPECT_EQ(docs().findWorkOrder("  ").error().code, Errc::kInvalid);
    // Not closed out yet: the order has no invoice.
    auto early = docs().findInvoice(provisionalNo);
    ASSERT_FALSE(early.ok());
    EXPECT_NE(early.error().message.find("has no invoice"), std::string::npos)
        << early.error().message;
    closeOut();
    const std::string number = s->get<InvoiceService>().get(invoice)->number;
    EXPECT_EQ(*docs().findInvoice(number), invoice);
    EXPECT_EQ(*docs().findInvoice(provisionalNo), invoice)
        << "the work order's number finds its invoice";
    auto missing = docs().findInvoice("F9-0001");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, Errc::kNotFound);
    EXPECT_NE(missing.error().message.find("F9-0001"), std::string::npos)
        << missing.error().message;
}

}  // namespace
}  // namespace fc::core
