#include "shared/customers/customer_access.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

class CustomerAccessTest : public test::StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSERT_NE(s, nullptr);
        s->get<StaffService>().setHashLimits(PinHashLimits::minimum());
        auto admin = s->get<StaffService>().bootstrapAdmin("赵敏", "246810");
        ASSERT_TRUE(admin.ok()) << admin.error().message;
        staff = *admin;
        auto c = s->get<CustomerService>().createCustomer(
            {.name = "王芳", .phones = {"13812341234", "13900139000"}});
        ASSERT_TRUE(c.ok()) << c.error().message;
        customer = *c;
    }
    CustomerAccessLog& access() { return s->get<CustomerAccessLog>(); }
    int64_t count(const std::string& sql) { return s->db().queryInt(sql)->value_or(-1); }
    std::string staff;
    std::string customer;
};

TEST_F(CustomerAccessTest, RevealingAPhoneReturnsItAndRecordsWhoAndWhy) {
    clock.advance(60'000);
    auto phones = access().revealPhone(customer, staff, "  回电确认取车时间 ");
    ASSERT_TRUE(phones.ok()) << phones.error().message;
    EXPECT_EQ(*phones, (std::vector<std::string>{"13812341234", "13900139000"}));
    auto events = access().forCustomer(customer);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 1u);
    const CustomerAccessEvent& e = (*events)[0];
    EXPECT_EQ(e.customerId, customer);
    EXPECT_EQ(e.staffId, staff);
    EXPECT_EQ(e.deviceId, s->store().device().deviceId);
    EXPECT_EQ(e.at, clock.nowMs());
    EXPECT_EQ(e.what, "phone");
    EXPECT_EQ(e.reason, "回电确认取车时间");
    // A synced fact, captured in the same transaction, that holds no phone number.
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'customer_access_events' AND op = 4 "
                    "AND row_id = '" +
                    e.id + "'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'customer_access_events' AND "
                    "(payload LIKE '%13812341234%' OR payload LIKE '%1234%')"),
              0);
    // Facts are never changed.
    EXPECT_FALSE(s->db().exec("UPDATE customer_access_events SET reason = 'x'").ok());
    EXPECT_FALSE(s->db().exec("DELETE FROM customer_access_events").ok());
}

TEST_F(CustomerAccessTest, EachRevealIsItsOwnEventNewestFirst) {
    ASSERT_TRUE(access().revealPhone(customer, staff, "预约提醒").ok());
    clock.advance(1000);
    ASSERT_TRUE(access().revealPhone(customer, staff, "回访").ok());
    auto events = access().forCustomer(customer);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[0].reason, "回访");
    EXPECT_EQ((*events)[1].reason, "预约提醒");
    EXPECT_GT((*events)[0].at, (*events)[1].at);
    auto other =
        s->get<CustomerService>().createCustomer({.name = "李雷", .phones = {"13700137000"}});
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(access().forCustomer(*other)->empty());
}

TEST_F(CustomerAccessTest, NoReasonNoStaffOrNoCustomerRevealsNothingAndRecordsNothing) {
    struct Case {
        std::string customerId;
        std::string staffId;
        std::string reason;
        const char* expect;
    };
    const Case cases[] = {
        {customer, staff, "   ", "reason: say why"},
        {customer, staff, "x", "reason: say why"},
        {customer, staff, std::string(201, 'x'), "reason is longer than 200"},
        {customer, "", "回电", "staff: sign in"},
        {customer, "no-such-staff", "回电", "staff: no staff member"},
        {"no-such-customer", staff, "回电", "no-such-customer"},
    };
    for (const auto& c : cases) {
        auto r = access().revealPhone(c.customerId, c.staffId, c.reason);
        ASSERT_FALSE(r.ok()) << c.expect;
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
        EXPECT_EQ(r.error().message.find("1381234"), std::string::npos) << "no phone in messages";
    }
    ASSERT_TRUE(s->get<CustomerService>().deleteCustomer(customer).ok());
    auto deleted = access().revealPhone(customer, staff, "回电");
    ASSERT_FALSE(deleted.ok());
    EXPECT_EQ(deleted.error().code, Errc::kConflict);
    EXPECT_EQ(count("SELECT count(*) FROM customer_access_events"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'customer_access_events'"), 0);
}

// A kiosk never reveals: the same grant the hub checks refuses it before anything is saved.
TEST_F(CustomerAccessTest, AKioskMayNotRecordAReveal) {
    ASSERT_TRUE(s->setIdentity(DeviceRole::kKiosk, "kiosk").ok());
    auto r = access().revealPhone(customer, staff, "回电");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::kPermission);
    EXPECT_EQ(r.error().message, "kiosk devices may not write customer_access_events");
    EXPECT_EQ(count("SELECT count(*) FROM customer_access_events"), 0);
    ASSERT_TRUE(s->setIdentity(DeviceRole::kOffice, "office").ok());
    EXPECT_TRUE(access().revealPhone(customer, staff, "回电").ok()) << "the office may";
}

}  // namespace
}  // namespace fc::core
