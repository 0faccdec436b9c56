// A job's state is derived from its facts in the order they happened, whatever order they
// arrived in; facts that were not legal at their place are listed, never silently applied.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "shared/workorders/job_state.hpp"

namespace fc::core {
namespace {

JobFact status(const std::string& id, int64_t at, const std::string& to) {
    return {JobFact::Source::kEvent, id, "status", "", "", to, "", "adv", at};
}
JobFact clock(const std::string& id, int64_t at, const std::string& kind, const std::string& staff) {
    return {JobFact::Source::kTime, id, kind, "", "", "", "", staff, at};
}
JobFact event(const std::string& id, int64_t at, const std::string& kind, const std::string& step,
              const std::string& item = "", const std::string& value = "", const std::string& note = "") {
    return {JobFact::Source::kEvent, id, kind, step, item, value, note, "tech", at};
}

TEST(JobState, StatusesMoveOnlyWhereTheyMay) {
    using S = WorkOrderStatus;
    EXPECT_TRUE(canMove(S::kOpen, S::kInProgress));
    EXPECT_TRUE(canMove(S::kInProgress, S::kReady));
    EXPECT_TRUE(canMove(S::kReady, S::kClosed));
    EXPECT_TRUE(canMove(S::kReady, S::kInProgress)) << "rework";
    EXPECT_FALSE(canMove(S::kOpen, S::kClosed)) << "nothing done yet";
    EXPECT_FALSE(canMove(S::kClosed, S::kInProgress));
    EXPECT_FALSE(canMove(S::kCancelled, S::kOpen));
    EXPECT_FALSE(canMove(S::kInProgress, S::kInProgress));
    for (const auto& key : workOrderStatusKeys()) EXPECT_EQ(workOrderStatusKey(*parseWorkOrderStatus(key)), key);
    EXPECT_FALSE(parseWorkOrderStatus("done"));
}

TEST(JobState, ADayOfWorkDerivesStatusTimeStepsReadingsAndFindings) {
    const std::vector<JobFact> facts = {
        clock("t1", 1000, "on", "tech"),
        event("e1", 2000, "check", "measure_pads", "0"),
        event("e2", 2500, "reading", "measure_pads", "front_left_mm", "25"),
        event("e3", 2600, "reading", "measure_pads", "front_left_mm", "24"),  // typed again: the latest
        event("e4", 3000, "finding", "measure_pads", "", "red", "前轮刹车片 2.4 mm"),
        event("e5", 3100, "finding", "measure_pads", "", "green"),
        event("e6", 4000, "step", "measure_pads"),
        clock("t2", 5000, "off", "tech"),
        status("s1", 6000, "ready"),
    };
    const DerivedJob j = deriveJob(facts, 9000);
    EXPECT_EQ(j.status, WorkOrderStatus::kReady);
    EXPECT_TRUE(j.clockedOn.empty());
    EXPECT_EQ(j.workedMs.at("tech"), 4000);
    EXPECT_EQ(j.stepsDone, std::set<std::string>{"measure_pads"});
    EXPECT_EQ(j.checksDone, std::set<std::string>{"measure_pads/0"});
    EXPECT_EQ(j.readings.at("measure_pads/front_left_mm"), "24");
    ASSERT_EQ(j.findings.size(), 1u) << "green findings are recorded, not listed";
    EXPECT_EQ(j.findings[0].level, "red");
    EXPECT_TRUE(j.illegal.empty());
    EXPECT_EQ(j.lastAt, 6000);
}

TEST(JobState, TheOrderOfArrivalDoesNotMatter) {
    std::vector<JobFact> facts = {clock("t1", 1000, "on", "a"),        clock("t2", 1500, "on", "b"),
                                  event("e1", 1600, "step", "drain"),  status("s1", 1700, "waiting_parts"),
                                  clock("t3", 1800, "off", "a"),       status("s2", 2500, "in_progress"),
                                  clock("t4", 3000, "off", "b"),       status("s3", 3500, "ready"),
                                  status("s4", 4000, "closed")};
    const DerivedJob first = deriveJob(facts, 5000);
    std::mt19937 rng(7);
    for (int i = 0; i < 50; ++i) {
        std::shuffle(facts.begin(), facts.end(), rng);
        const DerivedJob again = deriveJob(facts, 5000);
        EXPECT_EQ(again.status, first.status);
        EXPECT_EQ(again.workedMs, first.workedMs);
        EXPECT_EQ(again.stepsDone, first.stepsDone);
        EXPECT_EQ(again.illegal.size(), first.illegal.size());
    }
    EXPECT_EQ(first.status, WorkOrderStatus::kClosed);
    EXPECT_EQ(first.workedMs.at("a"), 800);
    EXPECT_EQ(first.workedMs.at("b"), 1500);
}

TEST(JobState, IllegalFactsAreListedNotSilentlyApplied) {
    // The PC closed the order at 5000; a tablet, offline, had clocked on at 4000 and clocks on
    // again at 6000 and records a reading at 6500.
    const DerivedJob j = deriveJob({status("s0", 1000, "in_progress"), status("s1", 3000, "ready"),
                                    clock("t1", 4000, "on", "tech"), status("s2", 5000, "closed"),
                                    clock("t2", 6000, "on", "tech2"), event("e1", 6500, "reading", "x", "y", "1"),
                                    status("s3", 7000, "in_progress")},
                                   8000);
    EXPECT_EQ(j.status, WorkOrderStatus::kClosed) << "a close stands; a person resolves";
    ASSERT_EQ(j.illegal.size(), 4u);
    EXPECT_EQ(j.illegal[0].factId, "s2");
    EXPECT_NE(j.illegal[0].reason.find("clocked on"), std::string::npos) << j.illegal[0].reason;
    EXPECT_EQ(j.illegal[1].factId, "t2");
    EXPECT_EQ(j.illegal[2].factId, "e1");
    EXPECT_EQ(j.illegal[3].factId, "s3");
    EXPECT_NE(j.illegal[3].reason.find("cannot go from closed to in_progress"), std::string::npos);
    EXPECT_EQ(j.clockedOn, std::set<std::string>{"tech"}) << "the open clock-on shows";
    EXPECT_TRUE(j.readings.empty());
    // An unknown status (a newer version's) is listed too.
    EXPECT_EQ(deriveJob({status("x", 1, "teleported")}).illegal.size(), 1u);
}

TEST(JobState, ClockingOnStartsWork) {
    const DerivedJob j = deriveJob({clock("t1", 1000, "on", "tech")}, 4000);
    EXPECT_EQ(j.status, WorkOrderStatus::kInProgress);
    EXPECT_EQ(j.clockedOn, std::set<std::string>{"tech"});
    EXPECT_EQ(j.workedMs.at("tech"), 3000) << "still clocked on: counted to now";
}

}  // namespace
}  // namespace fc::core
