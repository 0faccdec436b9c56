#include "shared/customers/customer_service.hpp"

#include <gtest/gtest.h>

#include "shared/services.hpp"
#include "shared/verify.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using test::expectIntegrityOk;

class CustomerServiceTest : public test::StoreTest {
protected:
    std::string customer(const std::string& name, const std::string& phone) {
        auto id = s->get<CustomerService>().createCustomer({.name = name, .phones = {phone}});
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        return id.ok() ? *id : "";
    }
};

TEST_F(CustomerServiceTest, CreateNormalisesAndRecordsConsentWithTime) {
    CustomerInput in;
    in.name = "  王　芳 ";
    in.phones = {"+86 138-0013-8000", "１３９００１３９０００"};
    in.consentContact = true;
    in.consentData = false;
    in.consentChannel = "kiosk";
    clock.set(1'780'000'000'000);
    auto id = s->get<CustomerService>().createCustomer(in);
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto c = s->get<CustomerService>().getCustomer(*id);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->name, "王 芳");
    EXPECT_EQ(c->phones, (std::vector<std::string>{"13800138000", "13900139000"}));
    EXPECT_TRUE(c->consentContact);
    EXPECT_EQ(c->consentContactAt, 1'780'000'000'000);
    EXPECT_FALSE(c->consentData);
    EXPECT_EQ(c->consentDataAt, 1'780'000'000'000);
    auto history = s->get<CustomerService>().consentHistory(*id);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[0].channel, "kiosk");
}

TEST_F(CustomerServiceTest, BadInputIsRefusedWithTheFieldNamed) {
    auto noName = s->get<CustomerService>().createCustomer({.name = " ", .phones = {"13800138000"}});
    ASSERT_FALSE(noName.ok());
    EXPECT_NE(noName.error().message.find("name"), std::string::npos);
    auto badPhone = s->get<CustomerService>().createCustomer({.name = "李四", .phones = {"1380013800"}});
    ASSERT_FALSE(badPhone.ok());
    EXPECT_NE(badPhone.error().message.find("phone"), std::string::npos);
    auto noPhone = s->get<CustomerService>().createCustomer({.name = "李四", .phones = {}});
    ASSERT_FALSE(noPhone.ok());
    auto badSource = s->get<CustomerService>().createCustomer(
        {.name = "李四", .phones = {"13800138000"}, .source = "tv"});
    ASSERT_FALSE(badSource.ok());
    EXPECT_NE(badSource.error().message.find("source 'tv'"), std::string::npos);
    EXPECT_EQ(s->db().queryInt("SELECT count(*) FROM customers")->value(), 0);
}

TEST_F(CustomerServiceTest, APhoneBelongsToOneLiveCustomer) {
    const auto a = customer("张三", "13800138000");
    auto dup = s->get<CustomerService>().createCustomer({.name = "张三丰", .phones = {"138 0013 8000"}});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, Errc::kConflict);
    EXPECT_NE(dup.error().message.find("138****8000"), std::string::npos);
    EXPECT_EQ(dup.error().message.find("13800138000"), std::string::npos) << "phones are masked";
    // Once the first customer is deleted, the number is free again.
    ASSERT_TRUE(s->get<CustomerService>().deleteCustomer(a).ok());
    EXPECT_TRUE(s->get<CustomerService>().createCustomer({.name = "张三丰", .phones = {"13800138000"}}).ok());
}

TEST_F(CustomerServiceTest, PhonesCanBeAddedAndRemovedButNotAllOfThem) {
    const auto a = customer("张三", "13800138000");
    ASSERT_TRUE(s->get<CustomerService>().addPhone(a, "13900139000").ok());
    EXPECT_EQ(s->get<CustomerService>().findCustomerByPhone("13900139000").value(), a);
    ASSERT_TRUE(s->get<CustomerService>().removePhone(a, "13800138000").ok());
    EXPECT_EQ(s->get<CustomerService>().findCustomerByPhone("13800138000").value(), std::nullopt);
    auto last = s->get<CustomerService>().removePhone(a, "13900139000");
    ASSERT_FALSE(last.ok());
    EXPECT_NE(last.error().message.find("at least one"), std::string::npos);
}

TEST_F(CustomerServiceTest, DeletedCustomersCannotBeEditedAndStayDeleted) {
    const auto a = customer("张三", "13800138000");
    ASSERT_TRUE(s->get<CustomerService>().deleteCustomer(a).ok());
    ASSERT_TRUE(s->get<CustomerService>().deleteCustomer(a).ok());  // idempotent
    CustomerPatch p;
    p.name = "李四";
    auto r = s->get<CustomerService>().updateCustomer(a, p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::kConflict);
    EXPECT_TRUE(s->get<CustomerService>().getCustomer(a)->deletedAt.has_value());
    auto missing = s->get<CustomerService>().updateCustomer("nope", p);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, Errc::kNotFound);
}

TEST_F(CustomerServiceTest, VehiclesNormalisePlatesAndAskBeforeKeepingABadCheckDigit) {
    const auto a = customer("张三", "13800138000");
    auto v = s->get<CustomerService>().addVehicle(a, {.plate = "粤b·12345", .vin = "lsvau2180n2183294"});
    // LSVAU2180N2183294: the check digit (position 9) is '0'; ISO 3779 computes another one.
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, Errc::kNeedsConfirmation);
    EXPECT_NE(v.error().message.find("check digit"), std::string::npos);
    auto ok = s->get<CustomerService>().addVehicle(
        a, {.plate = "粤b·12345", .vin = "lsvau2180n2183294", .acceptVinCheckDigit = true});
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    auto car = s->get<CustomerService>().getVehicle(*ok);
    EXPECT_EQ(car->plate, "粤B12345");
    EXPECT_EQ(car->vin, "LSVAU2180N2183294");
    EXPECT_TRUE(car->vinCheckOverride);
    EXPECT_EQ(car->ownerId, a);
    EXPECT_EQ(s->get<CustomerService>().findVehicleByPlate("粤B 12345").value(), *ok);
    EXPECT_EQ(s->get<CustomerService>().findVehicleByVin("LSVAU2180N2183294").value(), *ok);
    auto dup = s->get<CustomerService>().addVehicle(a, {.plate = "粤B12345"});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, Errc::kConflict);
    auto badPlate = s->get<CustomerService>().addVehicle(a, {.plate = "粤BO1234"});
    ASSERT_FALSE(badPlate.ok());
    EXPECT_NE(badPlate.error().message.find("did you mean 0"), std::string::npos);
}

TEST_F(CustomerServiceTest, OwnershipHistoryIsKeptWhenAVehicleChangesHands) {
    const auto a = customer("张三", "13800138000");
    const auto b = customer("李四", "13900139000");
    auto v = s->get<CustomerService>().addVehicle(a, {.plate = "京A12345"});
    ASSERT_TRUE(v.ok());
    clock.advance(86'400'000);
    ASSERT_TRUE(s->get<CustomerService>().transferVehicle(*v, b, "二手车过户").ok());
    EXPECT_EQ(s->get<CustomerService>().getVehicle(*v)->ownerId, b);
    EXPECT_TRUE(s->get<CustomerService>().vehiclesOf(a)->empty());
    ASSERT_EQ(s->get<CustomerService>().vehiclesOf(b)->size(), 1u);
    auto history = s->get<CustomerService>().ownershipHistory(*v);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[0].customerId, a);
    EXPECT_EQ((*history)[1].customerId, b);
    EXPECT_EQ((*history)[1].note, "二手车过户");
    EXPECT_GT((*history)[1].sinceMs, (*history)[0].sinceMs);
}

TEST_F(CustomerServiceTest, OdometerReadingsAreHistoryAndDecreasesNeedConfirmation) {
    const auto a = customer("张三", "13800138000");
    auto v = s->get<CustomerService>().addVehicle(a, {.plate = "京A12345", .odometerKm = 10000});
    ASSERT_TRUE(v.ok());
    clock.advance(1000);
    ASSERT_TRUE(s->get<CustomerService>().recordOdometer(*v, 15000, "check-in").ok());
    auto lower = s->get<CustomerService>().recordOdometer(*v, 9000, "check-in");
    ASSERT_FALSE(lower.ok());
    EXPECT_EQ(lower.error().code, Errc::kNeedsConfirmation);
    clock.advance(1000);
    ASSERT_TRUE(s->get<CustomerService>().recordOdometer(*v, 9000, "odometer replaced", true).ok());
    auto h = s->get<CustomerService>().odometerHistory(*v);
    ASSERT_TRUE(h.ok());
    ASSERT_EQ(h->size(), 3u);
    EXPECT_EQ((*h)[0].km, 10000);
    EXPECT_EQ((*h)[1].km, 15000);
    EXPECT_EQ((*h)[2].km, 9000);
    EXPECT_EQ(s->get<CustomerService>().getVehicle(*v)->odometerKm, 9000);
}

TEST_F(CustomerServiceTest, StatsCountLiveRowsAndUnsyncedChanges) {
    const auto a = customer("张三", "13800138000");
    customer("李四", "13900139000");
    ASSERT_TRUE(s->get<CustomerService>().addVehicle(a, {.plate = "沪AD12345"}).ok());
    ASSERT_TRUE(s->get<CustomerService>().deleteCustomer(a).ok());
    auto st = s->get<CustomerService>().stats();
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->customers, 1);
    EXPECT_EQ(st->deletedCustomers, 1);
    EXPECT_EQ(st->vehicles, 1);
    EXPECT_EQ(st->newEnergyVehicles, 1);
    // store record + its service menu + 2 customers + vehicle + ownership + tombstone
    const int64_t menu = s->db().queryInt("SELECT count(*) FROM services").value().value_or(0);
    EXPECT_GT(menu, 0);
    EXPECT_EQ(st->outboxPending, 6 + menu);
}

}  // namespace
}  // namespace fc::core
