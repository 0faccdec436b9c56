// The service catalogue as synced master data: a new store is seeded from assets/services/ with
// captured writes, an upgraded store gets the same once (an enrolled device waits for the hub's),
// managers edit it and nobody else may, errors name the field, an inactive service is no longer
// offered for bookings, check-ins or work-order lines but still names its code, the menu kept in
// memory follows every change, and a price change leaves the lines of orders already opened alone.
#include <gtest/gtest.h>

#include "shared/capture/change_news.hpp"
#include "shared/catalogue/catalogue_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/db/migrations.hpp"
#include "shared/registry.hpp"
#include "shared/verify.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

ServiceMenu shippedMenu() {
    auto m = ServiceMenu::load(ServiceMenu::defaultPath());
    EXPECT_TRUE(m.ok());
    return m.ok() ? *m : ServiceMenu();
}

class CatalogueTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        manager = addStaff("陈建国", StaffRole::kManager, "135790");
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
    }
    CatalogueService& cat() { return s->get<CatalogueService>(); }
    ServiceCatalog& catalog() { return s->get<ServiceCatalog>(); }
    Session mgr() { return signIn(manager, "135790"); }
    std::string idOf(const std::string& code) {
        auto item = cat().findByCode(code);
        EXPECT_TRUE(item.ok() && item->has_value()) << code;
        return item.ok() && item->has_value() ? (*item)->id : "";
    }
    std::string manager, advisor, tech;
};

TEST_F(CatalogueTest, ANewStoreIsSeededFromTheShippedMenuWithCapturedWrites) {
    const ServiceMenu file = shippedMenu();
    auto rows = cat().list();
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->size(), file.items().size());
    for (size_t i = 0; i < rows->size(); ++i) {
        const ServiceItem& row = (*rows)[i];
        const ServiceItem& want = file.items()[i];
        EXPECT_EQ(row.code, want.code);
        EXPECT_EQ(row.nameZh, want.nameZh);
        EXPECT_EQ(row.nameEn, want.nameEn);
        EXPECT_EQ(row.minutes, want.minutes);
        EXPECT_EQ(row.priceFen, want.priceFen);
        EXPECT_EQ(row.taxRateBp, 1300) << "labour lines have always carried 13 % VAT";
        EXPECT_TRUE(row.active);
        EXPECT_FALSE(row.id.empty());
    }
    // Every row is in the outbox (it syncs), and the menu the other services read is the table.
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'services'"), static_cast<int64_t>(file.items().size()));
    auto menu = catalog().menu();
    ASSERT_TRUE(menu.ok());
    EXPECT_EQ((*menu)->find("oil_filter")->id, idOf("oil_filter"));
    EXPECT_EQ(count("SELECT count(*) FROM local_catalogue_seed"), 0);
}

TEST_F(CatalogueTest, AManagerAddsEditsAndDeactivatesAndTheMenuFollows) {
    auto id = cat().create(mgr(), {.code = " EV_Battery_SOH ", .nameZh = "动力电池健康检测",
                                   .nameEn = "EV battery health check", .minutes = 45, .priceFen = 19900,
                                   .taxRateBp = 600});
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto added = cat().get(*id);
    ASSERT_TRUE(added.ok());
    EXPECT_EQ(added->code, "ev_battery_soh");
    EXPECT_EQ(added->taxRateBp, 600);
    EXPECT_GT(added->sort, (*cat().list())[cat().list()->size() - 2].sort) << "added after the last";
    const ServiceItem* item = (*catalog().menu())->find("ev_battery_soh");
    ASSERT_NE(item, nullptr) << "the menu in memory saw the insert";
    EXPECT_EQ(item->priceFen, 19900);

    auto changed = cat().update(mgr(), *id, {.nameZh = "三电健康检测", .minutes = 60, .priceFen = 21900});
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    EXPECT_TRUE(*changed);
    EXPECT_FALSE(*cat().update(mgr(), *id, {.priceFen = 21900})) << "nothing changed";
    EXPECT_EQ((*catalog().menu())->find("ev_battery_soh")->priceFen, 21900);
    EXPECT_EQ(catalog().displayName("ev_battery_soh", "zh-CN"), "三电健康检测");

    ASSERT_TRUE(cat().deactivate(mgr(), *id).ok());
    ASSERT_TRUE(cat().deactivate(mgr(), *id).ok()) << "idempotent";
    EXPECT_FALSE(cat().get(*id)->active);
    EXPECT_EQ(cat().list(true)->size(), cat().list()->size() - 1);
    ASSERT_TRUE(cat().reactivate(mgr(), *id).ok());
    EXPECT_TRUE(cat().get(*id)->active);
    // A code is the store's once: taken codes, deleted or not, are refused.
    auto twice = cat().create(mgr(), {.code = "oil_filter", .nameZh = "换机油", .minutes = 30, .priceFen = 100});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, Errc::kConflict);
    EXPECT_EQ(CatalogueService::fieldOf(twice.error()), "code");
}

TEST_F(CatalogueTest, BadValuesAreRefusedNamingTheFieldAndNothingIsSaved) {
    // Sign-ins are captured too: count what was written to the catalogue.
    const int64_t before = count("SELECT count(*) FROM outbox WHERE tbl = 'services'");
    const ServiceInput good{.code = "tyre_rotate", .nameZh = "轮胎换位", .nameEn = "Tyre rotation", .minutes = 30,
                            .priceFen = 8000};
    struct Case {
        ServiceInput in;
        const char* field;
    };
    std::vector<Case> cases;
    auto with = [&](auto change, const char* field) {
        ServiceInput in = good;
        change(in);
        cases.push_back({in, field});
    };
    with([](ServiceInput& i) { i.code = "x"; }, "code");
    with([](ServiceInput& i) { i.code = "tyre-rotate"; }, "code");
    with([](ServiceInput& i) { i.code = "轮胎"; }, "code");
    with([](ServiceInput& i) { i.code = std::string(33, 'a'); }, "code");
    with([](ServiceInput& i) { i.nameZh = "  "; }, "name_zh");
    with([](ServiceInput& i) { i.nameZh = std::string("轮胎\u202E换位"); }, "name_zh");
    with([](ServiceInput& i) { i.nameEn = std::string(81, 'a'); }, "name_en");
    with([](ServiceInput& i) { i.minutes = 4; }, "minutes");
    with([](ServiceInput& i) { i.minutes = 1441; }, "minutes");
    with([](ServiceInput& i) { i.priceFen = -1; }, "price");
    with([](ServiceInput& i) { i.taxRateBp = 1700; }, "tax_rate");
    for (const Case& c : cases) {
        auto r = cat().create(mgr(), c.in);
        ASSERT_FALSE(r.ok()) << c.field;
        EXPECT_EQ(r.error().code, Errc::kInvalid) << r.error().message;
        EXPECT_EQ(CatalogueService::fieldOf(r.error()), c.field) << r.error().message;
    }
    auto r = cat().update(mgr(), idOf("oil_filter"), {.minutes = 2});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(CatalogueService::fieldOf(r.error()), "minutes");
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'services'"), before) << "nothing half-written";
    EXPECT_TRUE(cat().create(mgr(), good).ok());
}

TEST_F(CatalogueTest, OnlyManagersAndAdminsMayEdit) {
    const std::string oil = idOf("oil_filter");
    for (const auto& [id, pin] : {std::pair{tech, "271828"}, std::pair{advisor, "314159"}}) {
        const Session who = signIn(id, pin);
        auto c = cat().create(who, {.code = "tyre_rotate", .nameZh = "轮胎换位", .minutes = 30, .priceFen = 8000});
        ASSERT_FALSE(c.ok());
        EXPECT_EQ(c.error().code, Errc::kPermission);
        auto u = cat().update(who, oil, {.priceFen = 1});
        ASSERT_FALSE(u.ok());
        EXPECT_EQ(u.error().code, Errc::kPermission);
        auto d = cat().deactivate(who, oil);
        ASSERT_FALSE(d.ok());
        EXPECT_EQ(d.error().code, Errc::kPermission);
    }
    EXPECT_EQ(cat().get(oil)->priceFen, 29800);
    EXPECT_TRUE(cat().get(oil)->active);
    EXPECT_TRUE(cat().update(admin(), oil, {.priceFen = 31800}).ok()) << "admins may";
}

TEST_F(CatalogueTest, AnInactiveServiceIsNotOfferedButStillNamedAndKeptWhereItWasBooked) {
    auto customer = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
    ASSERT_TRUE(customer.ok());
    auto vehicle = s->get<CustomerService>().addVehicle(*customer, {.plate = "粤B12345"});
    ASSERT_TRUE(vehicle.ok());
    auto& appointments = s->get<AppointmentService>();
    const int64_t at = clock.nowMs() + 26 * 3600'000;
    auto booked = appointments.book({.customerId = *customer, .vehicleId = *vehicle, .scheduledAt = at,
                                     .services = {"wash_detail", "oil_filter"}});
    ASSERT_TRUE(booked.ok()) << booked.error().message;

    ASSERT_TRUE(cat().deactivate(mgr(), idOf("wash_detail")).ok());
    const ServiceMenu& menu = **catalog().menu();
    for (const ServiceItem& item : menu.offered()) EXPECT_NE(item.code, "wash_detail");
    ASSERT_NE(menu.find("wash_detail"), nullptr) << "stored codes still find their service";
    EXPECT_EQ(catalog().displayName("wash_detail", "zh-CN"), "洗车美容");
    EXPECT_EQ(catalog().displayName("wash_detail", "en"), "Wash and detailing");

    // New bookings may not name it; the booking that has it keeps it.
    auto again = appointments.book({.customerId = *customer, .vehicleId = *vehicle, .scheduledAt = at + 3600'000,
                                    .services = {"wash_detail"}});
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("no longer offered"), std::string::npos) << again.error().message;
    EXPECT_TRUE(appointments.setServices(*booked, {"wash_detail", "oil_filter", "wipers"}).ok());
    auto plain = appointments.book({.customerId = *customer, .vehicleId = *vehicle, .scheduledAt = at + 7200'000,
                                    .services = {"oil_filter"}});
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_FALSE(appointments.setServices(*plain, {"oil_filter", "wash_detail"}).ok()) << "none may be added";

    // A walk-in check-in may not choose it…
    CheckInRequest walkIn;
    walkIn.channel = "office";
    walkIn.vehicleId = *vehicle;
    walkIn.services = {"wash_detail"};
    walkIn.staffId = advisor;
    auto refused = s->get<CheckInService>().checkIn(walkIn);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("no longer offered"), std::string::npos) << refused.error().message;
    // …nor may a work-order line.
    auto order = s->get<WorkOrderService>().open(signIn(advisor, "314159"),
                                                 {.customerId = *customer, .vehicleId = *vehicle, .services = {"diagnosis"}});
    ASSERT_TRUE(order.ok()) << order.error().message;
    auto line = s->get<WorkOrderService>().addLabour(signIn(advisor, "314159"), *order, "wash_detail");
    ASSERT_FALSE(line.ok());
    EXPECT_NE(line.error().message.find("no longer offered"), std::string::npos);
    auto other = s->get<WorkOrderService>().open(signIn(advisor, "314159"),
                                                 {.customerId = *customer, .vehicleId = *vehicle, .services = {"wash_detail"}});
    EXPECT_FALSE(other.ok());
}

TEST_F(CatalogueTest, APriceChangeLeavesTheLinesOfOrdersAlreadyOpenedAlone) {
    auto customer = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
    ASSERT_TRUE(customer.ok());
    auto vehicle = s->get<CustomerService>().addVehicle(*customer, {.plate = "粤B12345"});
    ASSERT_TRUE(vehicle.ok());
    auto& wo = s->get<WorkOrderService>();
    auto opened = wo.open(signIn(advisor, "314159"),
                          {.customerId = *customer, .vehicleId = *vehicle, .services = {"oil_filter"}});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    ASSERT_EQ(wo.get(*opened)->lines.size(), 1u);
    EXPECT_EQ(wo.get(*opened)->lines[0].unitPriceFen, 29800);

    ASSERT_TRUE(cat().update(mgr(), idOf("oil_filter"), {.minutes = 40, .priceFen = 33800, .taxRateBp = 900}).ok());
    auto before = wo.get(*opened);
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before->lines[0].unitPriceFen, 29800) << "the opened order keeps the price it was opened at";
    EXPECT_EQ(before->lines[0].minutes, 30);
    EXPECT_EQ(before->lines[0].taxRateBp, 1300);
    // A line added now, and an order opened now, take the new price and rate.
    auto added = wo.addLabour(signIn(advisor, "314159"), *opened, "oil_filter");
    ASSERT_TRUE(added.ok()) << added.error().message;
    auto after = wo.get(*opened);
    ASSERT_EQ(after->lines.size(), 2u);
    EXPECT_EQ(after->lines[0].unitPriceFen, 29800);
    EXPECT_EQ(after->lines[1].unitPriceFen, 33800);
    EXPECT_EQ(after->lines[1].taxRateBp, 900);
    auto fresh = wo.open(signIn(advisor, "314159"),
                         {.customerId = *customer, .vehicleId = *vehicle, .services = {"oil_filter"}});
    ASSERT_TRUE(fresh.ok());
    EXPECT_EQ(wo.get(*fresh)->lines[0].unitPriceFen, 33800);
}

TEST_F(CatalogueTest, TheMenuInMemoryForgetsWhatARolledBackTransactionWroteAndHearsOfOtherConnections) {
    const std::string oil = idOf("oil_filter");
    {
        Tx tx(s->db());
        ASSERT_TRUE(tx.begin().ok());
        const TableDef& t = tables::kServices;
        ASSERT_TRUE(s->store().writer().update(t, oil, {{t.columnIndex("price_fen"), SqlValue::integer(1)}}).ok());
        EXPECT_EQ((*catalog().menu())->find("oil_filter")->priceFen, 1) << "read inside the transaction";
    }  // rolled back
    EXPECT_EQ((*catalog().menu())->find("oil_filter")->priceFen, 29800);

    // Another connection (the sync worker's) changes it; the news of the pulled page reaches the
    // catalog through the app (noteNews).
    {
        auto other = StoreServices::open(dir.file("store.db"), clock, 99);
        ASSERT_TRUE(other.ok()) << other.error().message;
        auto by = (*other)->get<SessionManager>().signInByPin(manager, "135790");
        ASSERT_TRUE(by.ok());
        ASSERT_TRUE((*other)->get<CatalogueService>().update(*by, oil, {.priceFen = 30800}).ok());
        ASSERT_TRUE((*other)->get<SessionManager>().signOut().ok());
    }
    (void)catalog().menu();
    ChangeNews news;
    news.add("services", oil);
    catalog().noteNews(news);
    EXPECT_EQ((*catalog().menu())->find("oil_filter")->priceFen, 30800);
}

// A store made before v15 (schema 14, with its identity) gets the shipped menu once, when it is
// first opened; an enrolled device does not write one of its own (the hub's arrives) and shows the
// shipped menu until then.
TEST(CatalogueUpgrade, AStoreUpgradedFromVersion14IsSeededOnceAndAnEnrolledDeviceWaitsForTheHub) {
    fc::test::TempDir dir;
    ManualClock clock;
    const auto& migrations = storeRegistry().schema().migrations();
    auto makeV14 = [&](const std::string& file, const char* role, const char* hubUrl) {
        auto db = Db::open(dir.file(file));
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(migrate(*db, migrations, 14).ok());
        WriteModeScope mode(*db, WriteMode::kMigrate);
        auto st = db->prepare(
            "INSERT INTO local_device(id, store_id, device_id, name, role, prefix, created_at) VALUES "
            "(1, '019b0000-0000-7000-8000-000000000001', '019b0000-0000-7000-8000-000000000002', 'pc', ?, 'D1', 0)");
        ASSERT_TRUE(st.ok());
        st->bindAll(std::string(role));
        ASSERT_TRUE(st->run().ok());
        auto u = db->prepare("UPDATE local_sync SET hub_url = ? WHERE id = 1");
        ASSERT_TRUE(u.ok());
        u->bindAll(std::string(hubUrl));
        ASSERT_TRUE(u->run().ok());
    };
    const size_t menuSize = shippedMenu().items().size();

    makeV14("alone.db", "office", "");
    for (int open = 0; open < 2; ++open) {
        auto s = StoreServices::open(dir.file("alone.db"), clock);
        ASSERT_TRUE(s.ok()) << s.error().message;
        EXPECT_EQ((*s)->db().queryInt("SELECT count(*) FROM services")->value_or(-1), static_cast<int64_t>(menuSize))
            << "seeded once, open " << open;
        EXPECT_EQ((*s)->db().queryInt("SELECT count(*) FROM outbox WHERE tbl = 'services'")->value_or(-1),
                  static_cast<int64_t>(menuSize));
        EXPECT_TRUE(*(*s)->get<CatalogueService>().present());
        fc::test::expectIntegrityOk((*s)->db());
    }

    makeV14("enrolled.db", "office", "http://127.0.0.1:8787");
    auto s = StoreServices::open(dir.file("enrolled.db"), clock);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ((*s)->db().queryInt("SELECT count(*) FROM services")->value_or(-1), 0);
    EXPECT_FALSE(*(*s)->get<CatalogueService>().present());
    auto menu = (*s)->get<ServiceCatalog>().menu();
    ASSERT_TRUE(menu.ok()) << menu.error().message;
    EXPECT_EQ((*menu)->items().size(), menuSize) << "the shipped menu until the store's arrives";
    EXPECT_NE((*menu)->find("oil_filter"), nullptr);
}

}  // namespace
}  // namespace fc::core
