// Stock counts on one device: a blind count starts every line at zero and each scan adds one to
// this device's figure; a typed figure replaces it and undo puts back the one before; posting
// adjusts each line by counted − the books at count time, so a receipt made after the line was
// counted still counts; a count is posted once; a full count's uncounted lines become zero only
// once confirmed; a variance over the threshold needs a manager; serial-tracked parts are counted
// by serial (a serial scanned twice counts once); the office's recount request holds the posting
// until the line is counted again; the derived line state survives a rebuild (verify).
#include <gtest/gtest.h>

#include "shared/capture/store.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/services.hpp"
#include "shared/stock/count_index.hpp"
#include "shared/stock/count_service.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/verify.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

class CountTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        clerk = addStaff("刘洋", StaffRole::kWarehouse, "161803");
        manager = addStaff("陈建国", StaffRole::kManager, "135790");
        const Session by = warehouse();
        binA = parts().createBin(by, {.code = "A-01-01", .zone = "A"}).value();
        binA2 = parts().createBin(by, {.code = "A-01-02", .zone = "A"}).value();
        binB = parts().createBin(by, {.code = "B-01-01", .zone = "B"}).value();
        filter = parts()
                     .create(admin(), {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .category = "filter", .costFen = 1800},
                             {{"6901234567892", "gtin"}}, {binA})
                     .value();
        pads = parts()
                   .create(admin(), {.sku = "BRK-PAD-0007", .nameZh = "刹车片", .category = "brake", .costFen = 12'000},
                           {}, {binA2, binB})
                   .value();
        EXPECT_TRUE(stock().receive(by, filter, binA, 10'000, {.unitCostFen = 1800}).ok());
        EXPECT_TRUE(stock().receive(by, pads, binA2, 4'000, {.unitCostFen = 12'000}).ok());
        EXPECT_TRUE(stock().receive(by, pads, binB, 2'000, {.unitCostFen = 12'000}).ok());
        clock.advance(60'000);
    }
    PartService& parts() { return s->get<PartService>(); }
    StockService& stock() { return s->get<StockService>(); }
    CountService& counts() { return s->get<CountService>(); }
    Session warehouse() { return signIn(clerk, "161803"); }
    Session boss() { return signIn(manager, "135790"); }
    void expectVerified() {
        auto report = verifyStore(*s);
        ASSERT_TRUE(report.ok()) << report.error().message;
        EXPECT_TRUE(report->ok()) << ::testing::PrintToString(report->problems);
    }
    std::string clerk, manager, binA, binA2, binB, filter, pads;
};

TEST_F(CountTest, ABlindCountOfAZoneIsScannedTypedUndoneAndPostedAsCountedMinusExpected) {
    const Session by = warehouse();
    auto id = counts().open(by, {.scope = "zones", .zones = {"A"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    const StockCount c = counts().get(*id).value();
    EXPECT_TRUE(c.blind) << "blind by default";
    EXPECT_EQ(c.status, "open");
    EXPECT_EQ(c.number.rfind("PD-", 0), 0u) << c.number;
    EXPECT_EQ(counts().progress(*id)->lines, 2u) << "the filter in A-01-01 and the pads in A-01-02, not B";
    EXPECT_EQ(counts().bins(*id)->size(), 2u);

    auto before = counts().lines(*id, binA).value();
    ASSERT_EQ(before.size(), 1u);
    EXPECT_EQ(before[0].state, "uncounted");
    EXPECT_EQ(before[0].mineMilli, 0) << "the counted figure starts at zero, never at the books' 10";

    // Seven scans, then the person types 8, then undoes it: 7.
    CountLine l;
    for (int i = 0; i < 7; ++i) l = counts().scan(by, *id, binA, filter).value();
    EXPECT_EQ(l.mineMilli, 7'000);
    EXPECT_EQ(l.state, "counted");
    EXPECT_EQ(l.figureMilli, 7'000);
    EXPECT_EQ(counts().setCounted(by, *id, binA, filter, 8'000)->figureMilli, 8'000);
    auto undone = counts().undoLast(by, *id);
    ASSERT_TRUE(undone.ok());
    ASSERT_TRUE(undone->has_value());
    EXPECT_EQ((*undone)->figureMilli, 7'000);
    EXPECT_EQ(counts().progress(*id)->counted, 1u);
    EXPECT_EQ(counts().uncounted(*id)->size(), 1u) << "the pads are still to count";

    // A receipt after the line was counted does not change what the count found.
    clock.advance(1000);
    ASSERT_TRUE(stock().receive(by, filter, binA, 5'000).ok());
    ASSERT_TRUE(counts().setCounted(by, *id, binA2, pads, 4'000).ok());

    auto review = counts().review(*id);
    ASSERT_TRUE(review.ok()) << review.error().message;
    ASSERT_EQ(review->lines.size(), 2u);
    const VarianceLine& v = review->lines[0];  // the largest value first
    EXPECT_EQ(v.line.partId, filter);
    EXPECT_EQ(v.expectedMilli, 10'000) << "the books when the line was counted";
    EXPECT_EQ(v.varianceMilli, -3'000);
    EXPECT_EQ(v.valueFen, -5'400) << "3 × ¥18.00, negative";
    EXPECT_EQ(review->lines[1].varianceMilli, 0);
    EXPECT_EQ(review->lossFen, -5'400);
    EXPECT_EQ(review->gainFen, 0);
    EXPECT_EQ(review->netFen, -5'400);

    auto posted = counts().post(by, *id, {});
    ASSERT_TRUE(posted.ok()) << posted.error().message;
    EXPECT_EQ(posted->movements, 1u) << "a line with no variance writes nothing";
    EXPECT_EQ(stock().onHandIn(filter, binA).value(), 12'000) << "10 − 3 + the 5 received after counting";
    EXPECT_EQ(counts().get(*id)->status, "posted");
    EXPECT_EQ(count("SELECT count(*) FROM stock_movements WHERE kind = 'count' AND group_id = '" + *id + "'"), 1);

    auto again = counts().post(by, *id, {});
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("already posted"), std::string::npos) << again.error().message;
    EXPECT_FALSE(counts().scan(by, *id, binA, filter).ok()) << "a posted count takes no more scans";
    EXPECT_EQ(count("SELECT count(*) FROM stock_movements WHERE kind = 'count'"), 1) << "nothing half-written";
    expectVerified();
}

TEST_F(CountTest, AFullCountZeroesUncountedLinesOnlyOnceConfirmed) {
    const Session by = warehouse();
    auto id = counts().open(by, {.scope = "full"});
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(counts().progress(*id)->lines, 3u);
    ASSERT_TRUE(counts().setCounted(by, *id, binA, filter, 10'000).ok());
    ASSERT_TRUE(counts().setCounted(by, *id, binA2, pads, 4'000).ok());
    auto refused = counts().post(by, *id, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("uncounted: 1 lines"), std::string::npos) << refused.error().message;
    EXPECT_NE(refused.error().message.find("B-01-01 BRK-PAD-0007"), std::string::npos) << "the list names the line";
    EXPECT_EQ(stock().onHandIn(pads, binB).value(), 2'000) << "nothing posted";
    auto review = counts().review(*id).value();
    ASSERT_EQ(review.uncounted.size(), 1u);
    EXPECT_EQ(review.uncounted[0].binCode, "B-01-01");

    auto posted = counts().post(by, *id, {.confirmUncounted = true});
    ASSERT_TRUE(posted.ok()) << posted.error().message;
    EXPECT_EQ(posted->movements, 1u);
    EXPECT_EQ(stock().onHandIn(pads, binB).value(), 0);
    EXPECT_EQ(stock().onHandIn(filter, binA).value(), 10'000);
    expectVerified();
}

TEST_F(CountTest, AVarianceOverTheThresholdNeedsAManagerOrARecount) {
    const Session by = warehouse();
    auto id = counts().open(by, {.scope = "bins", .binCodes = {"A-01-02"}, .thresholdFen = 10'000});
    ASSERT_TRUE(id.ok()) << id.error().message;
    ASSERT_TRUE(counts().setCounted(by, *id, binA2, pads, 2'000).ok());  // 2 pads short: ¥240
    auto review = counts().review(*id).value();
    ASSERT_EQ(review.lines.size(), 1u);
    EXPECT_TRUE(review.lines[0].overThreshold);
    EXPECT_EQ(review.overThreshold, 1u);

    auto refused = counts().post(by, *id, {.approve = true});
    ASSERT_FALSE(refused.ok()) << "the warehouse clerk may not approve";
    EXPECT_NE(refused.error().message.find("approval: 1 lines"), std::string::npos) << refused.error().message;

    // The office asks for a recount: posting waits until the line is counted again.
    ASSERT_TRUE(counts().requestRecount(boss(), *id, binA2, pads).ok());
    EXPECT_EQ(counts().line(*id, binA2, pads)->state, "recount");
    auto waiting = counts().post(boss(), *id, {.approve = true});
    ASSERT_FALSE(waiting.ok());
    EXPECT_NE(waiting.error().message.find("recount: 1 lines"), std::string::npos) << waiting.error().message;
    EXPECT_EQ(counts().lines(*id, binA2)->at(0).mineMilli, 0) << "the recount starts from zero";
    CountLine l;
    for (int i = 0; i < 3; ++i) l = counts().scan(by, *id, binA2, pads).value();
    EXPECT_EQ(l.state, "counted");
    EXPECT_EQ(l.round, 2);
    EXPECT_EQ(l.figureMilli, 3'000);

    auto posted = counts().post(boss(), *id, {.approve = true});
    ASSERT_TRUE(posted.ok()) << posted.error().message;
    EXPECT_EQ(stock().onHandIn(pads, binA2).value(), 3'000);
    expectVerified();
}

TEST_F(CountTest, SerialTrackedPartsAreCountedBySerialAndASerialCountsOnce) {
    const Session by = warehouse();
    const std::string battery =
        parts()
            .create(admin(), {.sku = "BAT-60AH", .nameZh = "蓄电池 60Ah", .category = "battery", .tracking = "serial"},
                    {}, {binB})
            .value();
    for (const char* serial : {"SN-001", "SN-002", "SN-003"})
        ASSERT_TRUE(stock().receive(by, battery, binB, 1'000, {.serial = serial}).ok());
    auto id = counts().open(by, {.scope = "zones", .zones = {"B"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto noSerial = counts().scan(by, *id, binB, battery);
    ASSERT_FALSE(noSerial.ok());
    EXPECT_EQ(noSerial.error().message.rfind("serial:", 0), 0u) << noSerial.error().message;
    EXPECT_FALSE(counts().setCounted(by, *id, binB, battery, 3'000).ok()) << "counted by serial, not typed";
    for (const char* serial : {"SN-001", "SN-002", "SN-002", "SN-009"})
        ASSERT_TRUE(counts().scan(by, *id, binB, battery, serial).ok());
    EXPECT_EQ(counts().line(*id, binB, battery)->figureMilli, 3'000) << "SN-002 scanned twice counts once";
    auto undone = counts().undoLast(by, *id);
    ASSERT_TRUE(undone.ok() && undone->has_value());
    EXPECT_EQ((*undone)->figureMilli, 2'000) << "SN-009 taken off again";
    expectVerified();
}

TEST_F(CountTest, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
    const Session by = warehouse();
    const int64_t before = count("SELECT count(*) FROM stock_counts");
    EXPECT_EQ(counts().open(by, {.scope = "zones"}).error().message.rfind("zones:", 0), 0u);
    EXPECT_NE(counts().open(by, {.scope = "zones", .zones = {"Z"}}).error().message.find("no bins in zone 'Z'"),
              std::string::npos);
    EXPECT_NE(counts().open(by, {.scope = "bins", .binCodes = {"X-9"}}).error().message.find("no bin 'X-9'"),
              std::string::npos);
    EXPECT_EQ(counts().open(by, {.scope = "everything"}).error().message.rfind("scope:", 0), 0u);
    EXPECT_EQ(counts().open(by, {.scope = "fast"}).error().message.rfind("scope:", 0), 0u) << "nothing issued yet";
    EXPECT_EQ(count("SELECT count(*) FROM stock_counts"), before);

    auto id = counts().open(by, {.scope = "zones", .zones = {"A"}});
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(counts().setCounted(by, *id, binA, filter, -1'000).error().message.rfind("qty:", 0), 0u);
    EXPECT_EQ(count("SELECT count(*) FROM stock_count_entries"), 0);
    auto tech = signIn(addStaff("王强", StaffRole::kTechnician, "271828"), "271828");
    EXPECT_EQ(counts().scan(tech, *id, binA, filter).error().code, Errc::kPermission);
    ASSERT_TRUE(counts().cancel(by, *id).ok());
    EXPECT_NE(counts().scan(by, *id, binA, filter).error().message.find("cancelled"), std::string::npos);
}

TEST_F(CountTest, AStaleCountListsPartsNotCountedLatelyAndTheStateSurvivesARebuild) {
    const Session by = warehouse();
    auto first = counts().open(by, {.scope = "bins", .binCodes = {"A-01-01"}});
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(counts().setCounted(by, *first, binA, filter, 10'000).ok());
    ASSERT_TRUE(counts().post(by, *first, {}).ok());

    auto stale = counts().open(by, {.scope = "stale", .days = 30});
    ASSERT_TRUE(stale.ok()) << stale.error().message;
    auto bins = counts().bins(*stale).value();
    ASSERT_EQ(bins.size(), 2u) << "the pads in two bins; the filter was counted today";
    for (const CountBin& b : bins) EXPECT_NE(b.binId, binA);

    ASSERT_TRUE(counts().scan(by, *stale, binB, pads).ok());
    const CountLine l = counts().line(*stale, binB, pads).value();
    ASSERT_TRUE(s->get<CountIndex>().rebuild().ok());
    const CountLine r = counts().line(*stale, binB, pads).value();
    EXPECT_EQ(r.state, l.state);
    EXPECT_EQ(r.figureMilli, 1'000);
    EXPECT_EQ(counts().line(*first, binA, filter)->figureMilli, 10'000);
    expectVerified();
}

}  // namespace
}  // namespace fc::core
