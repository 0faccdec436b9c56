// The service catalogue across devices through the hub: the hub seeds a new store's menu and every
// device pulls it; a manager's price change and a deactivation on one office PC reach the other
// devices' menus (kept in memory, told by the pulled page's news); a workshop tablet may not write
// the catalogue (refused on the device, as the hub would); two offices adding the same code
// offline end with one service of that code.
#include <gtest/gtest.h>

#include "shared/capture/change_news.hpp"
#include "shared/catalogue/catalogue_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using test::SimWorld;

core::Session manager(test::SimDevice& d, const std::string& id) {
    return d.services->get<core::SessionManager>().signInByPin(id, "135790").value();
}

std::string setUpManager(SimWorld& w) {
    auto& office = *w.device(0).services;
    auto& staff = office.get<core::StaffService>();
    staff.setHashLimits(core::PinHashLimits::minimum());
    const std::string admin = staff.bootstrapAdmin("赵敏", "246810").value();
    auto by = office.get<core::SessionManager>().signInByPin(admin, "246810").value();
    const std::string mgr =
        staff.createStaff(by, {.name = "陈建国", .role = core::StaffRole::kManager, .pin = "135790"}).value();
    w.settle();
    return mgr;
}

TEST(CatalogueSync, TheHubsMenuReachesEveryDeviceAndAManagersEditsFollow) {
    fc::test::TempDir dir;
    SimWorld w(dir, 3, 1, {"office", "office", "workshop"});
    const size_t shipped = core::ServiceMenu::load(core::ServiceMenu::defaultPath())->items().size();
    auto hubRows = w.hub().services().get<core::CatalogueService>().list();
    ASSERT_TRUE(hubRows.ok());
    EXPECT_EQ(hubRows->size(), shipped) << "the hub seeded the new store";
    const std::string mgr = setUpManager(w);
    for (size_t i = 0; i < w.size(); ++i) {
        auto rows = w.device(i).services->get<core::CatalogueService>().list();
        ASSERT_TRUE(rows.ok());
        EXPECT_EQ(rows->size(), shipped) << "device " << i << " holds the store's menu, not one of its own";
    }
    // Every device reads its menu once (kept in memory) before the change arrives.
    for (size_t i = 0; i < w.size(); ++i)
        EXPECT_EQ((*w.device(i).services->get<core::ServiceCatalog>().menu())->find("oil_filter")->priceFen, 29800);

    auto& pc = w.device(0);
    auto& cat = pc.services->get<core::CatalogueService>();
    const std::string oil = (*cat.findByCode("oil_filter"))->id;
    const std::string wash = (*cat.findByCode("wash_detail"))->id;
    ASSERT_TRUE(cat.update(manager(pc, mgr), oil, {.priceFen = 31800}).ok());
    ASSERT_TRUE(cat.deactivate(manager(pc, mgr), wash).ok());
    auto added = cat.create(manager(pc, mgr), {.code = "ev_battery_soh", .nameZh = "动力电池健康检测",
                                               .minutes = 45, .priceFen = 19900});
    ASSERT_TRUE(added.ok()) << added.error().message;
    w.settle();
    for (size_t i = 0; i < w.size(); ++i) {
        const core::ServiceMenu& menu = **w.device(i).services->get<core::ServiceCatalog>().menu();
        EXPECT_EQ(menu.find("oil_filter")->priceFen, 31800) << "device " << i;
        EXPECT_FALSE(menu.find("wash_detail")->active) << "device " << i;
        ASSERT_NE(menu.find("ev_battery_soh"), nullptr) << "device " << i;
        EXPECT_EQ(menu.offered().size(), shipped) << "one added, one no longer offered";
    }
    EXPECT_EQ(w.hub().services().get<core::CatalogueService>().get(oil)->priceFen, 31800);

    // The workshop tablet may read the menu, not write it: refused before anything is saved.
    auto& tablet = w.device(2);
    auto refused = tablet.services->get<core::CatalogueService>().update(manager(tablet, mgr), oil, {.priceFen = 1});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("workshop devices may not"), std::string::npos) << refused.error().message;
    EXPECT_EQ(tablet.services->get<core::CatalogueService>().get(oil)->priceFen, 31800);
}

TEST(CatalogueSync, TwoOfficesAddingTheSameCodeOfflineEndWithOneServiceOfThatCode) {
    fc::test::TempDir dir;
    SimWorld w(dir, 2, 3, {"office", "office"});
    const std::string mgr = setUpManager(w);
    for (size_t i = 0; i < w.size(); ++i) w.device(i).transport->offline = true;
    for (size_t i = 0; i < w.size(); ++i) {
        auto& d = w.device(i);
        auto r = d.services->get<core::CatalogueService>().create(
            manager(d, mgr), {.code = "tyre_rotate", .nameZh = i == 0 ? "轮胎换位" : "轮胎对调", .minutes = 30,
                              .priceFen = 8000});
        ASSERT_TRUE(r.ok()) << r.error().message;
    }
    for (size_t i = 0; i < w.size(); ++i) w.device(i).transport->offline = false;
    for (int round = 0; round < 3; ++round)
        for (size_t i = 0; i < w.size(); ++i) (void)w.device(i).client->exchange();
    auto& hub = w.hub().services();
    EXPECT_EQ(hub.db().queryInt("SELECT count(*) FROM services WHERE code = 'tyre_rotate'")->value_or(-1), 1)
        << "the hub keeps one service per code";
}

}  // namespace
}  // namespace fc::sync
