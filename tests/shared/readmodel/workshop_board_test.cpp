// The workshop board reads the open orders from the derived state (local_job_state), kept current
// by every write: an order opened, a technician clocked on, a status fact, an order closed or
// deleted. The same state as deriving each order from its facts, and the same after a rebuild.
#include <gtest/gtest.h>

#include "shared/bays/bay_service.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/readmodel/workshop_board.hpp"
#include "shared/workorders/job_state_index.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

class WorkshopBoardTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        ASSERT_TRUE(c.ok());
        customer = *c;
        for (const char* plate : {"粤B12345", "粤B54321", "粤B11111"}) {
            auto car = s->get<CustomerService>().addVehicle(customer, {.plate = plate, .make = "丰田", .model = "卡罗拉"});
            ASSERT_TRUE(car.ok()) << car.error().message;
            cars.push_back(*car);
        }
        auto b1 = s->get<BayService>().create({.code = "B1", .nameZh = "一号工位", .sortOrder = 2});
        auto b2 = s->get<BayService>().create({.code = "B2", .nameZh = "二号工位", .sortOrder = 1});
        ASSERT_TRUE(b1.ok() && b2.ok());
        bay1 = *b1;
        bay2 = *b2;
        tech = addStaff("王强", StaffRole::kTechnician, "135790");
    }

    std::string open(size_t car, std::optional<std::string> bay, std::optional<int64_t> promised) {
        auto by = admin();
        auto r = s->get<WorkOrderService>().open(by, {.customerId = customer, .vehicleId = cars[car],
                                                      .services = {"routine_service"}, .promisedAt = promised,
                                                      .bayId = bay});
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? *r : "";
    }

    // local_job_state as rows of text, for comparing before and after a rebuild.
    std::vector<std::string> stateRows() {
        std::vector<std::string> out;
        auto st = s->db().prepare(
            "SELECT work_order_id || '|' || status || '|' || final || '|' || clocked_on || '|' || steps_done || '|' || "
            "findings || '|' || illegal || '|' || last_at FROM local_job_state ORDER BY work_order_id");
        EXPECT_TRUE(st.ok());
        EXPECT_TRUE(st->each([&](Stmt& r) { out.push_back(r.getText(0)); }).ok());
        return out;
    }

    std::string customer;
    std::vector<std::string> cars;
    std::string bay1, bay2, tech;
};

TEST_F(WorkshopBoardTest, OpenJobsByBayThenPromisedTimeWithWhoIsOnThem) {
    auto& wo = s->get<WorkOrderService>();
    auto& board = s->get<WorkshopBoardQueries>();
    const int64_t now = clock.nowMs();
    const std::string late = open(0, bay1, now + 3600'000);
    const std::string early = open(1, bay1, now + 1800'000);
    const std::string first = open(2, bay2, std::nullopt);
    const std::string nobay = open(0, std::nullopt, now - 60'000);

    auto by = admin();
    auto v = wo.get(early);
    ASSERT_TRUE(v.ok());
    ASSERT_TRUE(wo.assignTechnicians(by, v->lines[0].id, {{tech, 100}}).ok());
    auto t = signIn(tech, "135790");
    ASSERT_TRUE(wo.clockOn(t, early).ok());
    ASSERT_TRUE(wo.recordStep(t, early, "lift").ok());
    ASSERT_TRUE(wo.recordFinding(t, early, "brakes", "red", "前轮刹车片 2.5 mm").ok());

    auto jobs = board.openJobs(now);
    ASSERT_TRUE(jobs.ok()) << jobs.error().message;
    ASSERT_EQ(jobs->size(), 4u);
    // B2 sorts before B1 (sort order 1 < 2); within B1 the earlier promise first; no bay last.
    EXPECT_EQ((*jobs)[0].id, first);
    EXPECT_EQ((*jobs)[1].id, early);
    EXPECT_EQ((*jobs)[2].id, late);
    EXPECT_EQ((*jobs)[3].id, nobay);
    const BoardJob& e = (*jobs)[1];
    EXPECT_EQ(e.bayCode, "B1");
    EXPECT_EQ(e.bayNameZh, "一号工位");
    EXPECT_EQ(e.plate, "粤B·54321");
    EXPECT_EQ(e.vehicleLabel, "丰田 卡罗拉");
    EXPECT_EQ(e.status, WorkOrderStatus::kInProgress) << "clocking on starts the job";
    ASSERT_EQ(e.technicians.size(), 1u);
    EXPECT_EQ(e.technicians[0], (BoardPerson{tech, "王强"}));
    ASSERT_EQ(e.clockedOn.size(), 1u);
    EXPECT_EQ(e.clockedOn[0].name, "王强");
    EXPECT_EQ(e.stepsDone, 1);
    EXPECT_EQ(e.findings, 1);
    EXPECT_EQ(e.serviceCodes, std::vector<std::string>{"routine_service"});
    EXPECT_GT(e.standardMinutes, 0);
    EXPECT_EQ(e.advisorName, "赵敏");
    EXPECT_FALSE(e.number.has_value()) << "no hub has seen it";
    EXPECT_TRUE(e.hasTechnician(tech));
    EXPECT_FALSE((*jobs)[0].hasTechnician(tech));
    EXPECT_TRUE((*jobs)[3].overdue) << "promised a minute ago, not ready";
    EXPECT_FALSE((*jobs)[1].overdue);
    EXPECT_FALSE((*jobs)[0].overdue) << "no promised time: never overdue";
}

TEST_F(WorkshopBoardTest, ClosedCancelledAndDeletedOrdersLeaveTheBoardAndTheStateMatchesTheFacts) {
    auto& wo = s->get<WorkOrderService>();
    auto& board = s->get<WorkshopBoardQueries>();
    const std::string done = open(0, bay1, std::nullopt);
    const std::string cancelled = open(1, bay2, std::nullopt);
    const std::string stays = open(2, std::nullopt, std::nullopt);
    auto by = admin();
    ASSERT_TRUE(wo.clockOn(by, done).ok());
    ASSERT_TRUE(wo.clockOff(by, done, "done").ok());
    ASSERT_TRUE(wo.changeStatus(by, done, WorkOrderStatus::kReady).ok());
    EXPECT_EQ(board.openJobs(clock.nowMs())->size(), 3u) << "ready is still open";
    ASSERT_TRUE(wo.changeStatus(by, done, WorkOrderStatus::kClosed).ok());
    ASSERT_TRUE(wo.changeStatus(by, cancelled, WorkOrderStatus::kCancelled).ok());
    auto jobs = board.openJobs(clock.nowMs());
    ASSERT_TRUE(jobs.ok());
    ASSERT_EQ(jobs->size(), 1u);
    EXPECT_EQ((*jobs)[0].id, stays);
    EXPECT_EQ(*wo.openOrders(), std::vector<std::string>{stays});

    // Every live order's stored state is what its facts derive, and a rebuild makes the same rows.
    for (const std::string& id : {done, cancelled, stays}) {
        auto derived = wo.job(id);
        ASSERT_TRUE(derived.ok());
        auto stored = s->db().queryText("SELECT status FROM local_job_state WHERE work_order_id = '" + id + "'");
        ASSERT_TRUE(stored.ok());
        EXPECT_EQ(stored->value_or("?"), workOrderStatusKey(derived->status));
    }
    const auto before = stateRows();
    ASSERT_EQ(before.size(), 3u);
    ASSERT_TRUE(s->rebuildIndexes().ok());
    EXPECT_EQ(stateRows(), before);
}

TEST_F(WorkshopBoardTest, ProposedExtraWorkIsCountedNotListedAsWork) {
    auto& wo = s->get<WorkOrderService>();
    const std::string id = open(0, bay1, std::nullopt);
    auto by = admin();
    ASSERT_TRUE(wo.addLabour(by, id, "brake_pads", LineApproval::kProposed).ok());
    auto declined = wo.addLabour(by, id, "wipers", LineApproval::kProposed);
    ASSERT_TRUE(declined.ok());
    ASSERT_TRUE(wo.answerExtraWork(by, *declined, false, "电话").ok());
    auto jobs = s->get<WorkshopBoardQueries>().openJobs(clock.nowMs());
    ASSERT_TRUE(jobs.ok());
    ASSERT_EQ(jobs->size(), 1u);
    EXPECT_EQ((*jobs)[0].proposedLines, 1);
    EXPECT_EQ((*jobs)[0].serviceCodes, std::vector<std::string>{"routine_service"});
}

}  // namespace
}  // namespace fc::core
