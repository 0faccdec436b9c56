// A store with one work order worth printing: customer 王芳 (13812345678) and her 粤B12345, a
// bay, advisor 李娜 and technician 王强, brake pads plus discounted oil, a red finding whose extra
// work the customer declined by phone and a second proposal still waiting; `closeOut()` makes it
// ready, issues the invoice with a ¥10.00 order discount and takes a WeChat payment of ¥500.00.
// The clock starts at 2026-01-15 09:30 store time. Used by the read-model and the PDF tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "shared/bays/bay_service.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/readmodel/print_documents.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::test {

class PrintTest : public StaffTest {
protected:
    static constexpr int64_t kOpenedAt = 1'768'440'600'000;  // 2026-01-15 09:30 (UTC+8)
    static constexpr const char* kPhone = "13812345678";

    void SetUp() override {
        StaffTest::SetUp();
        clock.set(kOpenedAt);
        using namespace core;
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {kPhone}});
        ASSERT_TRUE(c.ok()) << c.error().message;
        customer = *c;
        auto v = s->get<CustomerService>().addVehicle(customer, {.plate = "粤B12345",
                                                                 .vin = "LSVAA4182E2123456",
                                                                 .acceptVinCheckDigit = true,
                                                                 .make = "大众",
                                                                 .model = "朗逸",
                                                                 .year = 2019,
                                                                 .colour = "白"});
        ASSERT_TRUE(v.ok()) << v.error().message;
        vehicle = *v;
        auto bay =
            s->get<BayService>().create({.code = "B1", .nameZh = "举升机1", .nameEn = "Lift 1"});
        ASSERT_TRUE(bay.ok()) << bay.error().message;
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
        auto& wo = s->get<WorkOrderService>();
        auto id = wo.open(adv(), {.customerId = customer,
                                  .vehicleId = vehicle,
                                  .concerns = "冷车启动有异响，刹车时方向盘抖动",
                                  .services = {"brake_pads"},              // ¥460.00
                                  .promisedAt = kOpenedAt + 8 * 3600'000,  // 17:30
                                  .bayId = *bay,
                                  .odometerKm = 45210});
        ASSERT_TRUE(id.ok()) << id.error().message;
        order = *id;
        auto oil = wo.addPart(adv(), order, "机油 5W-30", 4500, 6800);  // 4.5 L × ¥68.00 = ¥306.00
        ASSERT_TRUE(oil.ok()) << oil.error().message;
        ASSERT_TRUE(wo.setDiscount(adv(), *oil, 600).ok());  // ¥6.00 off the oil
        const std::string labour = wo.get(order)->lines[0].id;
        ASSERT_TRUE(wo.assignTechnicians(adv(), labour, {{tech, 100}}).ok());
        // The technician finds worn discs; the customer declines that work by phone.
        auto t = signIn(tech, "271828");
        ASSERT_TRUE(wo.clockOn(t, order).ok());
        auto finding = wo.recordFinding(t, order, "measure_pads", "red", "前轮刹车盘磨损到限");
        ASSERT_TRUE(finding.ok()) << finding.error().message;
        clock.advance(30 * 60'000);
        auto declined = wo.addLabour(adv(), order, "ac_service", LineApproval::kProposed, *finding);
        ASSERT_TRUE(declined.ok()) << declined.error().message;
        ASSERT_TRUE(wo.answerExtraWork(adv(), *declined, false, "电话").ok());
        auto waiting = wo.addLabour(adv(), order, "wheel_alignment", LineApproval::kProposed);
        ASSERT_TRUE(waiting.ok()) << waiting.error().message;
        provisionalNo = wo.get(order)->provisionalNo;
    }

    core::Session adv() { return signIn(advisor, "314159"); }

    // Ready (the waiting proposal removed first), closed with ¥10.00 off, ¥500.00 paid by WeChat.
    void closeOut() {
        using namespace core;
        auto& wo = s->get<WorkOrderService>();
        auto view = wo.get(order);
        ASSERT_TRUE(view.ok());
        for (const WorkOrderLine& l : view->lines) {
            if (l.approval == LineApproval::kProposed) {
                ASSERT_TRUE(wo.removeLine(adv(), l.id).ok());
            }
        }
        auto t = signIn(tech, "271828");
        ASSERT_TRUE(wo.clockOff(t, order, "done").ok());
        ASSERT_TRUE(wo.changeStatus(t, order, WorkOrderStatus::kReady).ok());
        clock.advance(3600'000);
        auto inv = s->get<InvoiceService>().closeOut(adv(), order, 1000);
        ASSERT_TRUE(inv.ok()) << inv.error().message;
        invoice = *inv;
        ASSERT_TRUE(s->get<InvoiceService>()
                        .recordPayment(adv(), invoice, PaymentMethod::kWechat, 50000, "4200001234")
                        .ok());
    }

    core::PrintDocuments docs() { return core::PrintDocuments(s->services()); }

    std::string customer, vehicle, advisor, tech, order, provisionalNo, invoice;
};

}  // namespace fc::test
