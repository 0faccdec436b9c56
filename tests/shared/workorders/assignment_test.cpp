// Auto-assignment suggestions (issue 9): the technician with the skill the job needs, on shift,
// with the least load today comes first, and says why in one line's worth of facts; the load
// counts clocked and queued standard time once each, in the store's local day; off-shift people
// come last; nobody on shift with the skill is said outright; accepting or overriding is the
// existing assignTechnicians at 100 %.
#include "shared/workorders/assignment.hpp"

#include <gtest/gtest.h>

#include <map>

#include "shared/customers/customer_service.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/workorders/job_templates.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

constexpr int64_t kMinute = 60'000;

class AssignmentTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        ASSERT_TRUE(c.ok()) << c.error().message;
        customer = *c;
        auto v = s->get<CustomerService>().addVehicle(customer, {.plate = "粤B12345", .odometerKm = 58000});
        ASSERT_TRUE(v.ok()) << v.error().message;
        vehicle = *v;
        auto jobs = loadJobTemplates(defaultJobTemplatesDir(), serviceCodes(**s->get<ServiceCatalog>().menu()));
        ASSERT_TRUE(jobs.ok()) << jobs.error().message;
        templates = *jobs;
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        wang = technician("王强", "271828", {Skill::kGeneral, Skill::kEvHighVoltage});
        zhang = technician("张伟", "173205", {Skill::kElectrical, Skill::kAc});
        huang = technician("黄磊", "223606", {Skill::kAlignment, Skill::kBodyPaint});
        liu = technician("刘波", "582914", {Skill::kGeneral});
        clock.advance(2 * 60 * kMinute);  // Thursday 2026-01-01, 10:00 in the store (UTC+8)
    }

    std::string technician(const std::string& name, const std::string& pin, std::vector<Skill> skills) {
        auto r = s->get<StaffService>().createStaff(admin(), {.name = name,
                                                              .role = StaffRole::kTechnician,
                                                              .pin = pin,
                                                              .skills = std::move(skills),
                                                              .shift = "1-7 08:00-18:00"});
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        pins[r.ok() ? *r : ""] = pin;
        return r.ok() ? *r : "";
    }
    Session adv() { return signIn(advisor, "314159"); }
    Session as(const std::string& id) { return signIn(id, pins.at(id)); }
    WorkOrderService& wo() { return s->get<WorkOrderService>(); }
    AssignmentAdvisor advisorFor() {
        return AssignmentAdvisor(s->store(), s->get<StoreTime>(), s->get<StaffService>(), wo(), templates);
    }
    // An order with these services; its lines' ids in order.
    std::vector<std::string> open(std::vector<std::string> services, std::string* orderId = nullptr) {
        auto id = wo().open(adv(), {.customerId = customer, .vehicleId = vehicle, .services = std::move(services)});
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        if (orderId) *orderId = id.ok() ? *id : "";
        std::vector<std::string> lines;
        if (!id.ok()) return lines;
        auto view = wo().get(*id);
        EXPECT_TRUE(view.ok());
        for (const auto& l : view->lines) lines.push_back(l.id);
        return lines;
    }
    void assign(const std::string& line, std::vector<TechnicianShare> shares) {
        auto r = wo().assignTechnicians(adv(), line, shares);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }
    AssignmentAdvice forLine(const std::string& line) {
        auto a = advisorFor().forLine(line, clock.nowMs());
        EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
        return a.ok() ? *a : AssignmentAdvice{};
    }
    static std::vector<std::string> names(const AssignmentAdvice& a) {
        std::vector<std::string> out;
        for (const auto& c : a.candidates) out.push_back(c.name);
        return out;
    }
    static const AssignmentCandidate& of(const AssignmentAdvice& a, const std::string& name) {
        for (const auto& c : a.candidates)
            if (c.name == name) return c;
        throw std::runtime_error("no candidate " + name);
    }

    std::string customer, vehicle, advisor, wang, zhang, huang, liu;
    std::map<std::string, std::string> pins;
    JobTemplates templates;
};

TEST_F(AssignmentTest, TheCertifiedTechnicianIsSuggestedWithAOneLineReasonAndOneTapAssigns) {
    const std::string line = open({"ev_hv_check"})[0];
    const AssignmentAdvice a = forLine(line);
    EXPECT_EQ(a.lineId, line);
    EXPECT_EQ(a.skill, Skill::kEvHighVoltage) << "ev_hv_check.json asks for it";
    EXPECT_EQ(a.skillsNeeded, std::vector<Skill>{Skill::kEvHighVoltage});
    EXPECT_FALSE(a.noneQualifiedOnShift);
    ASSERT_NE(a.suggested(), nullptr);
    EXPECT_EQ(a.suggested()->staffId, wang);
    EXPECT_EQ(a.suggested()->reason, (AssignmentReason{.name = "王强",
                                                       .skill = Skill::kEvHighVoltage,
                                                       .hasSkill = true,
                                                       .shift = ShiftState::kOnShift,
                                                       .loadMinutes = 0}));
    // Technicians only (the admin and the advisor have no skills); the others lack the certificate.
    EXPECT_EQ(names(a), (std::vector<std::string>{"王强", "刘波", "张伟", "黄磊"}));
    for (const char* other : {"刘波", "张伟", "黄磊"}) {
        const AssignmentCandidate& c = of(a, other);
        EXPECT_FALSE(c.qualified) << other;
        EXPECT_EQ(c.missing, std::vector<Skill>{Skill::kEvHighVoltage}) << other;
        EXPECT_FALSE(c.reason.hasSkill) << other;
        EXPECT_EQ(c.reason.skill, Skill::kEvHighVoltage) << other;
        EXPECT_TRUE(c.onShift()) << other;
    }
    // Accepting is one call with that person at 100 %; overriding is the same call with another.
    assign(line, {{a.suggested()->staffId, 100}});
    EXPECT_EQ(wo().get(*wo().openOrders()->begin())->lines[0].technicians, (std::vector<TechnicianShare>{{wang, 100}}));
    assign(line, {{liu, 100}});
    EXPECT_EQ(wo().get(*wo().openOrders()->begin())->lines[0].technicians, (std::vector<TechnicianShare>{{liu, 100}}));
}

TEST_F(AssignmentTest, LeastLoadFirstAndClockedTimeIsNotCountedTwice) {
    std::string orderA, orderB;
    const auto a = open({"routine_service"}, &orderA);          // 60 min
    const auto b = open({"oil_filter", "tyre_replace"}, &orderB);  // 30 + 40 min
    assign(a[0], {{wang, 100}});
    assign(b[0], {{wang, 50}, {liu, 50}});
    assign(b[1], {{liu, 100}});
    const std::string brakes = open({"brake_pads"})[0];  // general
    AssignmentAdvice advice = forLine(brakes);
    EXPECT_EQ(advice.skill, Skill::kGeneral);
    EXPECT_EQ(names(advice), (std::vector<std::string>{"刘波", "王强", "张伟", "黄磊"}));
    EXPECT_EQ(of(advice, "刘波").queuedMinutes, 15 + 40);
    EXPECT_EQ(of(advice, "王强").queuedMinutes, 60 + 15);
    EXPECT_EQ(of(advice, "刘波").reason.loadMinutes, 55);
    ASSERT_NE(advice.suggested(), nullptr);
    EXPECT_EQ(advice.suggested()->staffId, liu);

    // 王强 works 40 minutes on A: 40 clocked today, 20 of A still to do, 15 of B.
    ASSERT_TRUE(wo().clockOn(as(wang), orderA).ok());
    clock.advance(40 * kMinute);
    advice = forLine(brakes);
    const AssignmentCandidate& w = of(advice, "王强");
    EXPECT_EQ(w.clockedTodayMinutes, 40);
    EXPECT_EQ(w.queuedMinutes, 20 + 15);
    EXPECT_EQ(w.loadMinutes, 75);

    // A is done and ready: nothing of it is queued any more; the 40 minutes stay today's.
    ASSERT_TRUE(wo().clockOff(as(wang), orderA, "done").ok());
    ASSERT_TRUE(wo().changeStatus(as(wang), orderA, WorkOrderStatus::kReady).ok());
    advice = forLine(brakes);
    EXPECT_EQ(of(advice, "王强").loadMinutes, 40 + 15);
    EXPECT_EQ(of(advice, "刘波").loadMinutes, 55);
    EXPECT_EQ(names(advice), (std::vector<std::string>{"刘波", "王强", "张伟", "黄磊"})) << "equal load: by name";

    // The line being decided is not part of anyone's load, even once assigned.
    assign(brakes, {{liu, 100}});
    EXPECT_EQ(of(forLine(brakes), "刘波").loadMinutes, 55);
    // Another line of the brakes order is: its 60 minutes are 刘波's now.
    std::string orderC;
    const std::string other = open({"oil_filter"}, &orderC)[0];
    EXPECT_EQ(of(forLine(other), "刘波").loadMinutes, 55 + 60);
    EXPECT_EQ(forLine(other).suggested()->staffId, wang);
    // A cancelled order no longer counts.
    ASSERT_TRUE(wo().changeStatus(adv(), orderB, WorkOrderStatus::kCancelled).ok());
    EXPECT_EQ(of(forLine(other), "刘波").loadMinutes, 60);
    EXPECT_EQ(of(forLine(other), "王强").loadMinutes, 40);
}

TEST_F(AssignmentTest, OffShiftPeopleComeLastAndNobodyOnShiftWithTheSkillIsSaid) {
    auto& staff = s->get<StaffService>();
    ASSERT_TRUE(staff.setShift(admin(), zhang, "1-7 07:00-09:00").ok());  // gone home at 10:00
    ASSERT_TRUE(staff.setShift(admin(), liu, "").ok());                   // no shift recorded
    const std::string ac = open({"ac_service"})[0];
    AssignmentAdvice a = forLine(ac);
    EXPECT_EQ(a.skill, Skill::kAc);
    EXPECT_TRUE(a.noneQualifiedOnShift);
    EXPECT_EQ(a.suggested(), nullptr);
    // On shift (none qualified) first, then off shift: the qualified one before the rest.
    EXPECT_EQ(names(a), (std::vector<std::string>{"王强", "黄磊", "张伟", "刘波"}));
    EXPECT_EQ(of(a, "张伟").reason, (AssignmentReason{.name = "张伟",
                                                    .skill = Skill::kAc,
                                                    .hasSkill = true,
                                                    .shift = ShiftState::kOffShift,
                                                    .loadMinutes = 0}));
    EXPECT_EQ(of(a, "刘波").shift, ShiftState::kNoShift);
    EXPECT_EQ(of(a, "王强").shift, ShiftState::kOnShift);
    // Back on shift, 张伟 is the suggestion even with more load than the others.
    assign(open({"diagnosis"})[0], {{zhang, 100}});
    ASSERT_TRUE(staff.setShift(admin(), zhang, "1-5 08:30-17:30").ok());
    a = forLine(ac);
    EXPECT_FALSE(a.noneQualifiedOnShift);
    ASSERT_NE(a.suggested(), nullptr);
    EXPECT_EQ(a.suggested()->name, "张伟");
    EXPECT_EQ(a.suggested()->loadMinutes, 45);
    // Saturday at 10:00 the Monday-to-Friday shift is over.
    clock.advance(2 * StoreTime::kDayMs);
    a = forLine(ac);
    EXPECT_TRUE(a.noneQualifiedOnShift);
    EXPECT_EQ(of(a, "张伟").shift, ShiftState::kOffShift);
}

TEST_F(AssignmentTest, AWholeOrderNeedsEverySkillOfItsLinesButNotDeclinedExtraWork) {
    std::string order;
    open({"routine_service", "ev_hv_check"}, &order);
    auto extra = wo().addLabour(adv(), order, "wheel_alignment", LineApproval::kProposed);
    ASSERT_TRUE(extra.ok()) << extra.error().message;
    auto a = advisorFor().forOrder(order, clock.nowMs());
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_FALSE(a->lineId.has_value());
    EXPECT_EQ(a->skillsNeeded, (std::vector<Skill>{Skill::kEvHighVoltage, Skill::kAlignment, Skill::kGeneral}))
        << "the certificate is named first, general last";
    EXPECT_TRUE(a->noneQualifiedOnShift) << "nobody does all three";
    ASSERT_TRUE(wo().answerExtraWork(adv(), *extra, false, "电话").ok());
    a = advisorFor().forOrder(order, clock.nowMs());
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->skillsNeeded, (std::vector<Skill>{Skill::kEvHighVoltage, Skill::kGeneral}));
    EXPECT_EQ(a->skill, Skill::kEvHighVoltage);
    ASSERT_NE(a->suggested(), nullptr);
    EXPECT_EQ(a->suggested()->name, "王强");
    const AssignmentCandidate& liuC = of(*a, "刘波");
    EXPECT_EQ(liuC.missing, std::vector<Skill>{Skill::kEvHighVoltage});
    EXPECT_EQ(liuC.reason.skill, Skill::kEvHighVoltage);
    EXPECT_FALSE(liuC.reason.hasSkill);
    EXPECT_EQ(of(*a, "黄磊").missing, (std::vector<Skill>{Skill::kEvHighVoltage, Skill::kGeneral}));
}

// Today is the store's local day: work clocked yesterday is not today's, and a clock-on that
// runs past midnight counts from midnight.
TEST_F(AssignmentTest, ClockedTimeCountsTheStoresLocalDayOnly) {
    std::string orderA, orderB;
    open({"routine_service"}, &orderA);
    const std::string line = open({"oil_filter"}, &orderB)[0];
    ASSERT_TRUE(wo().clockOn(as(wang), orderA).ok());  // Thursday 10:00
    clock.advance(12 * 60 * kMinute);                   // 22:00
    ASSERT_TRUE(wo().clockOff(as(wang), orderA, "end_of_day").ok());
    EXPECT_EQ(of(forLine(line), "王强").clockedTodayMinutes, 12 * 60);
    clock.advance(60 * kMinute);  // 23:00
    ASSERT_TRUE(wo().clockOn(as(wang), orderA).ok());
    clock.advance(2 * 60 * kMinute);  // Friday 01:00
    const AssignmentAdvice after = forLine(line);
    const AssignmentCandidate& w = of(after, "王强");
    EXPECT_EQ(w.clockedTodayMinutes, 60) << "from midnight";
    EXPECT_EQ(w.queuedMinutes, 0) << "A has had more than its 60 standard minutes";
    EXPECT_EQ(w.shift, ShiftState::kOffShift) << "01:00";
    auto loads = advisorFor().loads(clock.nowMs());
    ASSERT_TRUE(loads.ok());
    EXPECT_EQ((*loads)[wang].clockedTodayMinutes, 60);
}

TEST_F(AssignmentTest, PartsAndMissingLinesAreRefused) {
    std::string order;
    open({"oil_filter"}, &order);
    auto part = wo().addPart(adv(), order, "机油 5W-30", 4000, 6800);
    ASSERT_TRUE(part.ok()) << part.error().message;
    auto r = advisorFor().forLine(*part, clock.nowMs());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::kInvalid);
    EXPECT_EQ(r.error().message, "line: a part needs no technician");
    auto missing = advisorFor().forLine("nope", clock.nowMs());
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, Errc::kNotFound);
    EXPECT_EQ(advisorFor().forOrder("nope", clock.nowMs()).error().code, Errc::kNotFound);
    EXPECT_EQ(advisorFor().skillFor("wash_detail"), Skill::kGeneral) << "no template: general";
    EXPECT_EQ(advisorFor().skillFor("body_paint"), Skill::kBodyPaint);
    EXPECT_EQ(advisorFor().skillFor("wheel_alignment"), Skill::kAlignment);
}

TEST(AssignmentText, LoadIsShownAsHoursWithOneDecimal) {
    EXPECT_EQ(loadHoursText(150), "2.5");
    EXPECT_EQ(loadHoursText(120), "2");
    EXPECT_EQ(loadHoursText(0), "0");
    EXPECT_EQ(loadHoursText(44), "0.7");
    EXPECT_EQ(loadHoursText(2), "0");
    EXPECT_EQ(loadHoursText(3), "0.1");
    EXPECT_EQ(loadHoursText(-5), "0");
    EXPECT_EQ(loadHoursText(600), "10");
}

}  // namespace
}  // namespace fc::core
