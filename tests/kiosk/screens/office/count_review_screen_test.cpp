// The office's count review, driven through the app: a zone count with a gain, a loss and a line
// two rounds deep shows each line's books, counted figure and signed difference and value, and
// the totals; a loss over the threshold keeps 过账 off until the manager approves it; 要求复盘 sends
// a line back to the tablets; posted, the stock follows and the count cannot be posted again.
#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/screens/office/count_review_screen.hpp"
#include "shared/services.hpp"
#include "shared/staff/session.hpp"
#include "shared/stock/count_service.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class CountReviewTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        ASSERT_GT(makeDemoStore().customers, 0u);
        // The warehouse counted zone A on its tablet (here on another connection).
        auto s = core::StoreServices::open(dbPath, clock, 558);
        ASSERT_TRUE(s.ok()) << s.error().message;
        auto& sessions = (*s)->get<core::SessionManager>();
        auto by = sessions.signInByPinOnly("161803");
        ASSERT_TRUE(by.ok()) << by.error().message;
        auto& parts = (*s)->get<core::PartService>();
        auto& stock = (*s)->get<core::StockService>();
        bin = parts.createBin(*by, {.code = "A-01-03", .zone = "A"}).value();
        filter = parts.create(*by, {.sku = "FLT-OIL-0042", .nameZh = "机油滤清器", .category = "filter"}, {}, {bin}).value();
        pads = parts.create(*by, {.sku = "BRK-PAD-0007", .nameZh = "刹车片", .category = "brake"}, {}, {bin}).value();
        ASSERT_TRUE(stock.receive(*by, filter, bin, 10'000, {.unitCostFen = 1'800}).ok());
        ASSERT_TRUE(stock.receive(*by, pads, bin, 4'000, {.unitCostFen = 12'000}).ok());
        clock.advance(60'000);
        auto& counts = (*s)->get<core::CountService>();
        countId = counts.open(*by, {.scope = "zones", .zones = {"A"}, .thresholdFen = 20'000}).value();
        ASSERT_TRUE(counts.setCounted(*by, countId, bin, filter, 12'000).ok());  // +2 × ¥18
        ASSERT_TRUE(counts.setCounted(*by, countId, bin, pads, 1'000).ok());     // −3 × ¥120
        ASSERT_TRUE(sessions.signOut().ok());
    }

    static void signIn(HeadlessDriver& d, const char* name, const char* pin) {
        d.frame(3);
        ASSERT_TRUE(d.click(name)) << name;
        d.type(pin);
        d.press(ImGuiKey_Enter);
        d.frame(3);
    }

    std::string bin, filter, pads, countId;
};

TEST_F(CountReviewTest, TheManagerSeesSignedDifferencesApprovesAndPostsOnce) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "陈建国", "135790");
    ASSERT_TRUE(d.click(tr("office.home.stock_counts")));
    d.frame(3);
    auto* screen = dynamic_cast<CountReviewScreen*>(app->router().top());
    ASSERT_NE(screen, nullptr);
    ASSERT_EQ(screen->counts().size(), 1u);
    const core::StockCount c = screen->counts()[0];
    ASSERT_TRUE(d.click(c.number + "  " + tr("office.count.status.open"), "count-review/list"));
    d.frame(2);
    ASSERT_TRUE(screen->review().has_value());
    const core::CountReview& r = *screen->review();
    ASSERT_EQ(r.lines.size(), 2u);
    EXPECT_EQ(r.lines[0].line.partId, pads) << "the largest value first";
    EXPECT_EQ(r.lines[0].varianceMilli, -3'000);
    EXPECT_EQ(r.lines[0].valueFen, -36'000);
    EXPECT_TRUE(r.lines[0].overThreshold);
    EXPECT_EQ(r.lines[1].varianceMilli, 2'000);
    EXPECT_EQ(r.lines[1].valueFen, 3'600);
    EXPECT_TRUE(d.visible(tr("office.count.gain", {{"value", "+¥36.00"}}), "count-review/review"));
    EXPECT_TRUE(d.visible(tr("office.count.loss", {{"value", "−¥360.00"}}), "count-review/review"));
    EXPECT_TRUE(d.visible(tr("office.count.net", {{"value", "−¥324.00"}}), "count-review/review"));

    // Over the threshold: 过账 stays off until the manager ticks the approval.
    const WidgetRecord* post = d.find(tr("office.count.post"), "count-review/review/actions");
    ASSERT_NE(post, nullptr);
    EXPECT_FALSE(post->enabled);
    ASSERT_TRUE(d.click(tr("office.count.approve"), "count-review/review/actions"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("office.count.post"), "count-review/review/actions"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("office.count.post"), "count-review/confirm"));
    d.frame(3);
    auto& stock = app->services().get<core::StockService>();
    EXPECT_EQ(stock.onHandIn(filter, bin).value(), 12'000);
    EXPECT_EQ(stock.onHandIn(pads, bin).value(), 1'000);
    ASSERT_TRUE(screen->review().has_value());
    EXPECT_EQ(screen->review()->count.status, "posted");
    EXPECT_EQ(d.find(tr("office.count.post"), "count-review/review/actions"), nullptr) << "posted once";
    // The report, as PDF in the documents folder.
    ASSERT_TRUE(d.click(tr("office.count.print"), "count-review/review"));
    d.frame(2);
    const std::string pdf = app->context().documentsDir + "/" + c.number + "-盘点报告.pdf";
    EXPECT_TRUE(std::filesystem::exists(pdf)) << pdf;
    auto again = app->services().get<core::CountService>().post(*app->staff(), countId, {.approve = true});
    EXPECT_FALSE(again.ok());
}

TEST_F(CountReviewTest, ARecountRequestHoldsThePosting) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "陈建国", "135790");
    ASSERT_TRUE(d.click(tr("office.home.stock_counts")));
    d.frame(3);
    auto* screen = dynamic_cast<CountReviewScreen*>(app->router().top());
    ASSERT_NE(screen, nullptr);
    // The filter counted again as the books have it: no difference, no recount button on its row.
    ASSERT_TRUE(app->services().get<core::CountService>().setCounted(*app->staff(), countId, bin, filter, 10'000).ok());
    ASSERT_TRUE(d.click(screen->counts().at(0).number + "  " + tr("office.count.status.open"), "count-review/list"));
    d.frame(2);
    // The pads' loss: ask the tablets to count it again.
    ASSERT_TRUE(d.click(tr("office.count.ask_recount"), "count-review/review"));
    d.frame(3);
    ASSERT_TRUE(screen->review().has_value());
    EXPECT_EQ(screen->review()->recounts.size(), 1u);
    EXPECT_TRUE(d.visible(tr("office.count.recounts", {{"count", 1}}), "count-review/review"));
    const WidgetRecord* post = d.find(tr("office.count.post"), "count-review/review/actions");
    ASSERT_NE(post, nullptr);
    EXPECT_FALSE(post->enabled) << "posting waits for the recount";
    EXPECT_EQ(app->services().get<core::CountService>().line(countId, bin, pads)->state, "recount");
}

TEST_F(CountReviewTest, TheOfficeOpensACountOfPartsNotCountedLately) {
    auto app = makeApp(Mode::kOffice);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    signIn(d, "陈建国", "135790");
    ASSERT_TRUE(d.click(tr("office.home.stock_counts")));
    d.frame(3);
    auto* screen = dynamic_cast<CountReviewScreen*>(app->router().top());
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.click(tr("warehouse.count.new"), "count-review/list"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("warehouse.count.scope.stale"), "count-review/new/scopes"));
    d.frame();
    ASSERT_TRUE(d.click(tr("office.count.days_n", {{"days", 30}}), "count-review/new/days"));
    ASSERT_TRUE(d.click(tr("warehouse.count.blind"), "count-review/new"));  // not blind
    ASSERT_TRUE(d.click(tr("office.count.open"), "count-review/new"));
    d.frame(3);
    ASSERT_EQ(screen->counts().size(), 2u);
    ASSERT_TRUE(screen->review().has_value());
    const core::StockCount& c = screen->review()->count;
    EXPECT_EQ(c.scope, "stale");
    EXPECT_EQ(c.scopeDetail, "30");
    EXPECT_FALSE(c.blind);
    EXPECT_EQ(c.status, "open");
    EXPECT_EQ(screen->review()->progress.lines, 2u) << "the filter and the pads: neither posted in a count yet";
}

}  // namespace
}  // namespace fc::ui
