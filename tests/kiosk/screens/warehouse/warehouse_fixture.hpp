// The warehouse tablet's tests on a demo store the office set up (on another connection, as sync
// would bring it): bins A-01-03 and B-02-01, an oil filter (GTIN 6901234567892) with 5 in A-01-03
// and a safety stock of 10, a wiper blade with 4 in B-02-01, and an open work order (its
// provisional number in `orderNo`) for a car checked in today. 刘洋 (warehouse) signs in.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "kiosk/screens/warehouse/stock_lookup_screen.hpp"
#include "shared/readmodel/front_desk.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {

class WarehouseTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        ASSERT_GT(makeDemoStore().customers, 0u);
        auto s = core::StoreServices::open(dbPath, clock, 557);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto& sessions = (*s)->get<core::SessionManager>();
        {
            auto by = sessions.signInByPinOnly("161803");
            ASSERT_TRUE(by.ok()) << by.error().message;
            auto& parts = (*s)->get<core::PartService>();
            binA = parts.createBin(*by, {.code = "A-01-03", .zone = "A", .name = "滤清器架"}).value();
            binB = parts.createBin(*by, {.code = "B-02-01", .zone = "B"}).value();
            auto id = parts.create(*by,
                                   {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .brand = "曼牌", .category = "filter",
                                    .safetyMilli = 10'000, .supplier = "曼牌华南代理"},
                                   {{"6901234567892", "gtin"}}, {binA});
            ASSERT_TRUE(id.ok()) << id.error().message;
            filter = *id;
            auto w = parts.create(*by, {.sku = "WIP-600", .nameZh = "雨刮片", .category = "wiper", .safetyMilli = 2'000},
                                  {{"6901234567809", "gtin"}}, {binB});
            ASSERT_TRUE(w.ok()) << w.error().message;
            wiper = *w;
            auto& stock = (*s)->get<core::StockService>();
            ASSERT_TRUE(stock.receive(*by, filter, binA, 5'000, {.unitCostFen = 1800}).ok());
            ASSERT_TRUE(stock.receive(*by, wiper, binB, 4'000, {.unitCostFen = 2500}).ok());
            ASSERT_TRUE(sessions.signOut().ok());
        }
        // The advisor opens a work order for a car checked in today.
        auto advisor = sessions.signInByPinOnly("314159");
        ASSERT_TRUE(advisor.ok()) << advisor.error().message;
        auto visits = (*s)->get<core::FrontDeskQueries>().todaysVisits();
        ASSERT_TRUE(visits.ok());
        ASSERT_FALSE(visits->empty());
        core::NewWorkOrder in;
        in.customerId = (*visits)[0].customerId;
        in.vehicleId = (*visits)[0].vehicleId;
        in.concerns = "保养";
        in.services = {"oil_filter"};
        auto& orders = (*s)->get<core::WorkOrderService>();
        auto order = orders.open(*advisor, in);
        ASSERT_TRUE(order.ok()) << order.error().message;
        orderId = *order;
        orderNo = orders.get(orderId).value().provisionalNo;
        ASSERT_TRUE(sessions.signOut().ok());
    }

    // Signs 刘洋 in and taps a home tile.
    Screen* open(App& app, HeadlessDriver& d, const char* tile) {
        d.frame(3);
        EXPECT_TRUE(d.click("刘洋"));
        d.type("161803");
        d.press(ImGuiKey_Enter);
        d.frame(2);
        EXPECT_TRUE(app.staff().has_value());
        EXPECT_TRUE(d.click(tr(tile)));
        d.frame(2);
        return app.router().top();
    }

    static void typeQty(HeadlessDriver& d, std::string_view digits) {
        for (char c : digits) EXPECT_TRUE(d.click(std::string(1, c), "move")) << c;
        d.frame();
    }

    core::StockService& stock(App& app) { return app.services().get<core::StockService>(); }
    int64_t onHandIn(App& app, const std::string& part, const std::string& bin) {
        return stock(app).onHandIn(part, bin).value();
    }
    int64_t issuedToOrder(App& app, const std::string& part) {
        int64_t q = 0;
        const auto issued = stock(app).issuedTo(orderId).value();
        for (const auto& [p, milli] : issued)
            if (p == part) q = milli;
        return q;
    }
    static std::string piece() { return tr("warehouse.unit.piece"); }

    std::string binA, binB, filter, wiper, orderId, orderNo;
};

}  // namespace fc::ui
