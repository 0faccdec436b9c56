// Stock across devices through the hub: on hand is never sent as a number, so two warehouse
// tablets that each issue the last filter offline both subtract, every replica ends at −1, and the
// hub raises one `stock-below-zero` conflict naming both movements (synced to every device). The
// moving average, which depends on order, is the same everywhere whatever order the movements
// arrived in; a warehouse tablet may not change a part's price (refused on the device, as at the
// hub).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "shared/conflicts/conflict_service.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using test::SimWorld;

struct Shop {
    std::string clerk, bin, part;
};

core::Session clerkOn(test::SimDevice& d, const Shop& shop) {
    return d.services->get<core::SessionManager>().signInByPin(shop.clerk, "161803").value();
}

Shop setUp(SimWorld& w) {
    Shop shop;
    auto& office = *w.device(0).services;
    auto& staff = office.get<core::StaffService>();
    staff.setHashLimits(core::PinHashLimits::minimum());
    const std::string admin = staff.bootstrapAdmin("赵敏", "246810").value();
    auto by = office.get<core::SessionManager>().signInByPin(admin, "246810").value();
    shop.clerk =
        staff.createStaff(by, {.name = "刘洋", .role = core::StaffRole::kWarehouse, .pin = "161803"}).value();
    auto& parts = office.get<core::PartService>();
    shop.bin = parts.createBin(by, {.code = "A-01-03", .zone = "A"}).value();
    shop.part = parts
                    .create(by, {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .category = "filter", .costFen = 1800,
                                 .priceFen = 4800},
                            {{"6901234567892", "gtin"}}, {shop.bin})
                    .value();
    EXPECT_TRUE(office.get<core::StockService>().receive(by, shop.part, shop.bin, 1'000, {.unitCostFen = 1800}).ok());
    w.settle();
    return shop;
}

TEST(StockSync, TwoTabletsIssuingTheLastPartOfflineBothSubtractAndTheHubRaisesAConflict) {
    fc::test::TempDir dir;
    SimWorld w(dir, 3, 7, {"office", "warehouse", "warehouse"});
    const Shop shop = setUp(w);
    for (size_t i = 0; i < w.size(); ++i)
        EXPECT_EQ(w.device(i).services->get<core::StockService>().onHand(shop.part).value(), 1'000) << "device " << i;

    // Both tablets see one filter and hand it out, neither able to reach the hub.
    std::vector<std::string> issued;
    for (size_t t : {1u, 2u}) {
        auto& d = w.device(t);
        auto found = d.services->get<core::PartService>().findByCode("6901234567892");
        ASSERT_TRUE(found.ok());
        ASSERT_EQ(found->size(), 1u);
        auto out = d.services->get<core::StockService>().issue(clerkOn(d, shop), shop.part, shop.bin, 1'000,
                                                                {.reason = "workshop_use"});
        ASSERT_TRUE(out.ok()) << out.error().message;
        issued.push_back(out->movementIds.at(0));
        EXPECT_EQ(d.services->get<core::StockService>().onHand(shop.part).value(), 0);
    }
    w.settle();
    for (size_t i = 0; i < w.size(); ++i) {
        auto& stock = w.device(i).services->get<core::StockService>();
        EXPECT_EQ(stock.onHand(shop.part).value(), -1'000) << "device " << i << ": both issues count";
        EXPECT_EQ(stock.onHandIn(shop.part, shop.bin).value(), -1'000) << "device " << i;
    }
    // One conflict, at the hub and on every device, naming both movements.
    auto& hubDb = w.hub().services().db();
    EXPECT_EQ(hubDb.queryInt("SELECT count(*) FROM conflicts WHERE rule = 'stock-below-zero'").value().value_or(0), 1);
    auto detail = hubDb.queryText("SELECT detail FROM conflicts WHERE rule = 'stock-below-zero'");
    ASSERT_TRUE(detail.ok());
    ASSERT_TRUE(detail->has_value());
    const auto j = nlohmann::json::parse(**detail);
    EXPECT_EQ(j.at("on_hand_milli").get<int64_t>(), -1'000);
    std::set<std::string> named;
    for (const auto& m : j.at("movements")) named.insert(m.at("movement").get<std::string>());
    EXPECT_EQ(named, std::set<std::string>(issued.begin(), issued.end()));
    for (size_t i = 0; i < w.size(); ++i)
        EXPECT_EQ(w.device(i)
                      .services->db()
                      .queryInt("SELECT count(*) FROM conflicts WHERE rule = 'stock-below-zero'")
                      .value()
                      .value_or(0),
                  1)
            << "device " << i << " holds the conflict for the warehouse manager";
}

TEST(StockSync, TheAverageCostIsTheSameEverywhereWhateverOrderMovementsArriveIn) {
    fc::test::TempDir dir;
    SimWorld w(dir, 3, 11, {"office", "warehouse", "warehouse"});
    const Shop shop = setUp(w);
    // Offline: tablet 1 receives at 20.00, tablet 2 at 30.00 and issues; tablet 2 syncs first,
    // so tablet 1's older receipt reaches it after newer movements.
    auto& t1 = w.device(1);
    auto& t2 = w.device(2);
    ASSERT_TRUE(t1.services->get<core::StockService>().receive(clerkOn(t1, shop), shop.part, shop.bin, 3'000,
                                                               {.unitCostFen = 2000}).ok());
    w.clock().advance(1000);
    ASSERT_TRUE(t2.services->get<core::StockService>().receive(clerkOn(t2, shop), shop.part, shop.bin, 2'000,
                                                               {.unitCostFen = 3000}).ok());
    ASSERT_TRUE(t2.services->get<core::StockService>()
                    .issue(clerkOn(t2, shop), shop.part, shop.bin, 1'000, {.reason = "damaged"})
                    .ok());
    w.settle();
    const core::PartFigures hub = w.hub().services().get<core::StockService>().figures(shop.part).value();
    EXPECT_EQ(hub.qtyMilli, 5'000);
    for (size_t i = 0; i < w.size(); ++i) {
        const core::PartFigures f = w.device(i).services->get<core::StockService>().figures(shop.part).value();
        EXPECT_EQ(f.qtyMilli, hub.qtyMilli) << "device " << i;
        EXPECT_EQ(f.avgCostFen, hub.avgCostFen) << "device " << i;
        EXPECT_EQ(f.valueFen, hub.valueFen) << "device " << i;
    }
}

TEST(StockSync, AWarehouseTabletMayNotChangeAPrice) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 3, {"office", "warehouse"});
    const Shop shop = setUp(w);
    auto& tablet = w.device(1);
    auto& parts = tablet.services->get<core::PartService>();
    core::PartInput p = parts.get(shop.part).value();
    p.priceFen = 1;
    auto refused = parts.update(clerkOn(tablet, shop), shop.part, p);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("warehouse devices may not"), std::string::npos) << refused.error().message;
    EXPECT_EQ(parts.get(shop.part)->priceFen, 4800);
    // Its name and safety stock are the warehouse's to keep.
    p = parts.get(shop.part).value();
    p.safetyMilli = 4'000;
    p.nameEn = "Oil filter";
    ASSERT_TRUE(parts.update(clerkOn(tablet, shop), shop.part, p).ok());
    w.settle();
    EXPECT_EQ(w.device(0).services->get<core::PartService>().get(shop.part)->safetyMilli, 4'000);
}

}  // namespace
}  // namespace fc::sync
