// Close-out with parts from the stock ledger, driven through the office app: a filter issued to
// the order from the warehouse (two out, one back) and not on the order holds the invoice back —
// the screen names it, 结算开票 waits, and one tap on 计入工单 puts it on the order at its price;
// then the invoice bills it. Or the advisor gives it free after a confirmation.
#include <gtest/gtest.h>

#include "kiosk/screens/office/close_out_screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "shared/core/money.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class CloseOutScreenTest : public fc::test::KioskTest {
protected:
    // A ready order (one labour line) with one filter on the job from the ledger, made at another
    // connection to the store (the warehouse tablet and the workshop, as sync brings them).
    void SetUp() override {
        KioskTest::SetUp();
        addAdmin();
        auto s = core::StoreServices::open(dbPath, clock, 501);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto by = (*s)->get<core::SessionManager>().signInByPin(adminId, "246810");
        ASSERT_TRUE(by.ok()) << by.error().message;
        auto& parts = (*s)->get<core::PartService>();
        auto bin = parts.createBin(*by, {.code = "A-01-03", .zone = "A"});
        ASSERT_TRUE(bin.ok()) << bin.error().message;
        auto part = parts.create(*by, {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .category = "filter",
                                       .costFen = 1800, .priceFen = 4800}, {}, {*bin});
        ASSERT_TRUE(part.ok()) << part.error().message;
        filter = *part;
        auto& stock = (*s)->get<core::StockService>();
        ASSERT_TRUE(stock.receive(*by, filter, *bin, 10'000, {.unitCostFen = 1800}).ok());
        auto c = (*s)->get<core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        ASSERT_TRUE(c.ok());
        auto v = (*s)->get<core::CustomerService>().addVehicle(*c, {.plate = "粤B12345"});
        ASSERT_TRUE(v.ok());
        auto& wo = (*s)->get<core::WorkOrderService>();
        auto id = wo.open(*by, {.customerId = *c, .vehicleId = *v, .services = {"brake_pads"}});
        ASSERT_TRUE(id.ok()) << id.error().message;
        order = *id;
        ASSERT_TRUE(stock.issue(*by, filter, *bin, 2'000, {.workOrderId = order}).ok());
        ASSERT_TRUE(stock.giveBack(*by, filter, *bin, 1'000, {.workOrderId = order}).ok());
        ASSERT_TRUE(wo.changeStatus(*by, order, core::WorkOrderStatus::kInProgress).ok());
        ASSERT_TRUE(wo.changeStatus(*by, order, core::WorkOrderStatus::kReady).ok());
        labourFen = (*s)->get<core::InvoiceService>().preview(order)->totals.amountFen;
        ASSERT_TRUE((*s)->get<core::SessionManager>().signOut().ok());
    }

    CloseOutScreen* openCloseOut(App& app, HeadlessDriver& d) {
        app.router().push(std::make_unique<CloseOutScreen>(app.context(), DeskServices::from(app.services().services()),
                                                           order));
        d.frame(3);
        return dynamic_cast<CloseOutScreen*>(app.router().top());
    }

    std::string filter, order;
    int64_t labourFen = 0;
};

TEST_F(CloseOutScreenTest, PartsFromTheShelfNotOnTheOrderHoldTheInvoiceUntilOneTapAddsThem) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signInAdmin(*app, d);
    CloseOutScreen* close = openCloseOut(*app, d);
    ASSERT_NE(close, nullptr);
    ASSERT_TRUE(close->draft().has_value());
    ASSERT_EQ(close->unbilled().size(), 1u) << "two filters out, one back: one on the job";
    EXPECT_EQ(close->unbilled()[0].issuedMilli, 1'000);
    EXPECT_TRUE(d.visible(tr("wo.issued.title", {{"count", 1}}), "issued-parts"));
    EXPECT_TRUE(d.visible(tr("close.parts_first"), "close"));
    const WidgetRecord* issue = d.find(tr("close.issue"), "close");
    ASSERT_NE(issue, nullptr);
    EXPECT_FALSE(issue->enabled) << "nothing taken from the shelf leaves unbilled";
    EXPECT_EQ(close->draft()->totalFen, labourFen);

    // One tap: the filter is on the order at its price and VAT, and the warning is gone.
    ASSERT_TRUE(d.click(tr("wo.issued.add"), "issued-parts"));
    d.frame(3);
    EXPECT_TRUE(close->unbilled().empty());
    EXPECT_FALSE(d.visible(tr("wo.issued.title", {{"count", 1}}), "issued-parts"));
    auto v = app->services().get<core::WorkOrderService>().get(order);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->lines.back().partId, filter);
    EXPECT_EQ(v->lines.back().unitPriceFen, 4800);
    ASSERT_TRUE(close->draft().has_value());
    EXPECT_EQ(close->draft()->totalFen, labourFen + 4800);
    EXPECT_EQ(close->draft()->lines.back().description, "机油滤清器");

    issue = d.find(tr("close.issue"), "close");
    ASSERT_NE(issue, nullptr);
    EXPECT_TRUE(issue->enabled);
    ASSERT_TRUE(d.click(tr("close.issue"), "close"));
    d.frame(3);
    ASSERT_TRUE(close->invoice().has_value());
    EXPECT_EQ(close->invoice()->totalFen, labourFen + 4800) << "the invoice bills the part";
    EXPECT_EQ(app->services().get<core::WorkOrderService>().job(order)->status, core::WorkOrderStatus::kClosed);
}

TEST_F(CloseOutScreenTest, PartsGivenFreeAfterAConfirmation) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signInAdmin(*app, d);
    CloseOutScreen* close = openCloseOut(*app, d);
    ASSERT_NE(close, nullptr);
    ASSERT_EQ(close->unbilled().size(), 1u);
    ASSERT_TRUE(d.click(tr("close.parts_free"), "close"));
    d.frame(2);
    EXPECT_FALSE(close->invoice().has_value()) << "a confirmation first";
    ASSERT_TRUE(d.click(tr("close.parts_free_yes")));
    d.frame(3);
    ASSERT_TRUE(close->invoice().has_value());
    EXPECT_EQ(close->invoice()->totalFen, labourFen) << "the filter is not charged";
}

}  // namespace
}  // namespace fc::ui
