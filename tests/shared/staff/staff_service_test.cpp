#include "shared/staff/staff_service.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

using StaffServiceTest = test::StaffTest;

TEST_F(StaffServiceTest, TheFirstAdminIsBootstrappedOnceThenStaffNeedASignedInManager) {
    auto again = s->get<StaffService>().bootstrapAdmin("张三", "583920");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, Errc::kPermission);
    EXPECT_NE(again.error().message.find("already has an admin"), std::string::npos);

    auto m = s->get<StaffService>().get(adminId);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->name, "赵敏");
    EXPECT_EQ(m->role, StaffRole::kAdmin);
    EXPECT_TRUE(m->active);
    EXPECT_TRUE(m->hasPin);
    EXPECT_TRUE(m->hasBadge);
    EXPECT_EQ(*s->get<StaffService>().findByBadge("FC-STAFF-0001"), adminId);
    // The badge is kept only as a keyed hash: not in the table, not in what is synced.
    EXPECT_EQ(count("SELECT count(*) FROM staff WHERE badge_code LIKE '%STAFF-0001%'"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE payload LIKE '%STAFF-0001%'"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM staff WHERE badge_code LIKE 'hmac-sha256:%'"), 1);
    EXPECT_EQ(m->pinSetAt, clock.nowMs());
    // The hash is stored, never the PIN.
    EXPECT_EQ(count("SELECT count(*) FROM staff WHERE pin_hash LIKE '%246810%'"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE payload LIKE '%246810%'"), 0);

    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828", "fc-staff-0004");
    ASSERT_FALSE(tech.empty());
    EXPECT_EQ(*s->get<StaffService>().findByBadge("FC-STAFF-0004"), tech) << "normalised before hashing";
    auto techSession = signIn(tech, "271828");
    auto refused = s->get<StaffService>().createStaff(techSession, {.name = "李娜", .role = StaffRole::kAdvisor});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Errc::kPermission);
    EXPECT_NE(refused.error().message.find("王强 (technician)"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("staff.manage"), std::string::npos);
    EXPECT_FALSE(s->get<StaffService>().deactivate(techSession, adminId).ok());
    EXPECT_FALSE(s->get<StaffService>().updateStaff(techSession, tech, {.role = StaffRole::kAdmin}).ok());
    EXPECT_EQ(s->get<StaffService>().get(tech)->role, StaffRole::kTechnician);
}

TEST_F(StaffServiceTest, InputIsValidatedWithFieldNames) {
    auto by = admin();
    struct Case {
        StaffInput in;
        const char* expect;
    };
    const Case cases[] = {
        {{.name = "", .role = StaffRole::kAdvisor}, "name"},
        {{.name = "李娜", .role = StaffRole::kAdvisor, .badgeCode = "FC*1"}, "badge code"},
        {{.name = "李娜", .role = StaffRole::kAdvisor, .badgeCode = "AB"}, "badge code"},
        {{.name = "李娜", .role = StaffRole::kAdvisor, .pin = "123456"}, "too easy to guess"},
        {{.name = "李娜", .role = StaffRole::kAdvisor, .pin = "31415"}, "exactly 6 digits"},
    };
    for (const auto& c : cases) {
        auto r = s->get<StaffService>().createStaff(by, c.in);
        ASSERT_FALSE(r.ok()) << c.expect;
        EXPECT_EQ(r.error().code, Errc::kInvalid);
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    }
    EXPECT_EQ(count("SELECT count(*) FROM staff"), 1);
}

TEST_F(StaffServiceTest, BadgesAndPinsIdentifyOnePersonEach) {
    const std::string advisor = addStaff("李娜", StaffRole::kAdvisor, "314159", "FC-STAFF-0003");
    auto by = admin();
    auto sameBadge = s->get<StaffService>().createStaff(
        by, {.name = "周杰", .role = StaffRole::kAdvisor, .badgeCode = "FC-STAFF-0003"});
    ASSERT_FALSE(sameBadge.ok());
    EXPECT_EQ(sameBadge.error().code, Errc::kConflict);
    EXPECT_NE(sameBadge.error().message.find("李娜"), std::string::npos);
    // A PIN someone else has is refused without saying whose it is (PIN-only sign-in must know).
    auto samePin =
        s->get<StaffService>().createStaff(by, {.name = "周杰", .role = StaffRole::kAdvisor, .pin = "314159"});
    ASSERT_FALSE(samePin.ok());
    EXPECT_NE(samePin.error().message.find("cannot be used"), std::string::npos);
    EXPECT_EQ(samePin.error().message.find("李娜"), std::string::npos);
    auto setTaken = s->get<StaffService>().setPin(by, advisor, "246810");
    ASSERT_FALSE(setTaken.ok());
    // Setting your own current PIN again is fine.
    EXPECT_TRUE(s->get<StaffService>().setPin(by, advisor, "314159").ok());

    EXPECT_EQ(s->get<StaffService>().findByBadge(" fc-staff-0003 ")->value_or(""), advisor);
    EXPECT_FALSE(s->get<StaffService>().findByBadge("FC-STAFF-9999")->has_value());
    EXPECT_FALSE(s->get<StaffService>().findByBadge("not a badge!")->has_value());

    auto fresh = s->get<StaffService>().newBadgeCode();
    ASSERT_TRUE(fresh.ok());
    EXPECT_EQ(fresh->size(), 12u) << *fresh;
    EXPECT_EQ(fresh->rfind("FC-", 0), 0u);
    EXPECT_TRUE(StaffService::normalizeBadge(*fresh).ok());
}

TEST_F(StaffServiceTest, UpdatesDeactivationAndTheLastAdmin) {
    const std::string advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
    auto by = admin();
    auto changed = s->get<StaffService>().updateStaff(
        by, advisor, {.name = "李娜娜", .role = StaffRole::kManager, .badgeCode = "FC-STAFF-0003"});
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    EXPECT_TRUE(*changed);
    auto m = s->get<StaffService>().get(advisor);
    EXPECT_EQ(m->name, "李娜娜");
    EXPECT_EQ(m->role, StaffRole::kManager);
    EXPECT_FALSE(*s->get<StaffService>().updateStaff(by, advisor, {.name = "李娜娜"})) << "nothing changed";
    ASSERT_TRUE(s->get<StaffService>().updateStaff(by, advisor, {.badgeCode = ""}).ok());
    EXPECT_FALSE(s->get<StaffService>().get(advisor)->hasBadge);
    EXPECT_FALSE(s->get<StaffService>().findByBadge("FC-STAFF-0003")->has_value());

    // The only admin can neither be deactivated nor demoted.
    auto deact = s->get<StaffService>().deactivate(by, adminId);
    ASSERT_FALSE(deact.ok());
    EXPECT_NE(deact.error().message.find("only active admin"), std::string::npos);
    EXPECT_FALSE(s->get<StaffService>().updateStaff(by, adminId, {.role = StaffRole::kManager}).ok());

    ASSERT_TRUE(s->get<StaffService>().deactivate(by, advisor).ok());
    ASSERT_TRUE(s->get<StaffService>().deactivate(by, advisor).ok()) << "idempotent";
    EXPECT_FALSE(s->get<StaffService>().get(advisor)->active);
    EXPECT_EQ(s->get<StaffService>().list()->size(), 1u);
    EXPECT_EQ(s->get<StaffService>().list(true)->size(), 2u);
    auto in = s->get<SessionManager>().signInByPin(advisor, "314159");
    ASSERT_FALSE(in.ok());
    EXPECT_NE(in.error().message.find("deactivated"), std::string::npos);
    // A deactivated person's PIN no longer blocks anyone else from choosing it.
    EXPECT_TRUE(
        s->get<StaffService>().createStaff(by, {.name = "周杰", .role = StaffRole::kAdvisor, .pin = "314159"})
            .ok());
    ASSERT_TRUE(s->get<StaffService>().reactivate(by, advisor).ok());
    EXPECT_TRUE(s->get<StaffService>().get(advisor)->active);
}

TEST_F(StaffServiceTest, EveryoneMayChangeTheirOwnPinOnlyManagersOthers) {
    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828");
    const std::string other = addStaff("刘洋", StaffRole::kWarehouse, "161803");
    auto techSession = signIn(tech, "271828");
    ASSERT_TRUE(s->get<StaffService>().setPin(techSession, tech, "583920").ok());
    auto forOther = s->get<StaffService>().setPin(techSession, other, "702194");
    ASSERT_FALSE(forOther.ok());
    EXPECT_EQ(forOther.error().code, Errc::kPermission);
    EXPECT_FALSE(s->get<SessionManager>().signInByPin(tech, "271828").ok());
    EXPECT_TRUE(s->get<SessionManager>().signInByPin(tech, "583920").ok());
    // A manager resets someone's forgotten PIN.
    ASSERT_TRUE(s->get<StaffService>().setPin(admin(), other, "702194").ok());
    EXPECT_TRUE(s->get<SessionManager>().signInByPin(other, "702194").ok());
}

TEST_F(StaffServiceTest, StaffWithoutAPinCannotSignInByPin) {
    auto by = admin();
    auto id = s->get<StaffService>().createStaff(
        by, {.name = "孙丽", .role = StaffRole::kAccountant, .badgeCode = "FC-STAFF-0006"});
    ASSERT_TRUE(id.ok());
    EXPECT_FALSE(s->get<StaffService>().get(*id)->hasPin);
    auto r = s->get<SessionManager>().signInByPin(*id, "141421");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no PIN yet"), std::string::npos);
    EXPECT_TRUE(s->get<SessionManager>().signInByBadge("FC-STAFF-0006").ok()) << "a badge still works";
}

TEST(Capabilities, RolesMapToWhatTheyMayDo) {
    using C = Capability;
    for (C c : allCapabilities()) EXPECT_TRUE(roleCan(StaffRole::kAdmin, c)) << capabilityKey(c);
    EXPECT_FALSE(roleCan(StaffRole::kManager, C::kManageStaff));
    EXPECT_TRUE(roleCan(StaffRole::kManager, C::kResolveConflicts));
    EXPECT_TRUE(roleCan(StaffRole::kAdvisor, C::kCheckInVehicles));
    EXPECT_TRUE(roleCan(StaffRole::kAdvisor, C::kManageAppointments));
    EXPECT_FALSE(roleCan(StaffRole::kAdvisor, C::kViewFinance));
    EXPECT_TRUE(roleCan(StaffRole::kTechnician, C::kUpdateVisitStatus));
    EXPECT_FALSE(roleCan(StaffRole::kTechnician, C::kViewCustomers));
    EXPECT_TRUE(roleCan(StaffRole::kWarehouse, C::kManageInventory));
    EXPECT_FALSE(roleCan(StaffRole::kWarehouse, C::kCheckInVehicles));
    EXPECT_TRUE(roleCan(StaffRole::kAccountant, C::kManageFinance));
    EXPECT_FALSE(roleCan(StaffRole::kAccountant, C::kManageAppointments));
    // Keys are stable and distinct.
    std::set<std::string> keys;
    for (C c : allCapabilities()) keys.insert(capabilityKey(c));
    EXPECT_EQ(keys.size(), allCapabilities().size());
    for (StaffRole r : allStaffRoles()) EXPECT_EQ(parseStaffRole(staffRoleKey(r)), r);
    EXPECT_FALSE(parseStaffRole("owner").has_value());
}

}  // namespace
}  // namespace fc::core
