// The office's stock analysis on a store whose history is made through the real services with a
// moved clock: three parts received on 1 January (local 08:00), issued to three work orders for two
// makes of car over ten weeks, with a return, an undone issue and a transfer (not demand) between
// them, a part that never moves and one that came in last week. Every figure is worked out by hand
// below: the cost of goods issued at the moving average, the time-weighted average stock value and
// the turnover, the slow movers for 30 and 15 days, the stock value and share per category, three
// months of demand and the parts per make and model. Then the same as report tables, and their
// cells as text.
#include <gtest/gtest.h>

#include "shared/customers/customer_service.hpp"
#include "shared/readmodel/stock_analysis.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

constexpr int64_t kDay = StoreTime::kDayMs;

class StockAnalysisTest : public fc::test::StaffTest {
protected:
    // Day d is 2026-01-01 08:00 local (00:00 UTC) + d days.
    void SetUp() override {
        StaffTest::SetUp();
        t0 = clock.nowMs();
        clerk = addStaff("刘洋", StaffRole::kWarehouse, "161803");
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        Session by = warehouse();
        binA = parts().createBin(by, {.code = "A-01-01", .zone = "A"}).value();
        binB = parts().createBin(by, {.code = "B-01-01", .zone = "B"}).value();
        filter = make(by, {.sku = "FLT-OIL-0042",
                           .nameZh = "机油滤清器",
                           .nameEn = "Oil filter",
                           .category = "filter",
                           .costFen = 2000});
        pads = make(by, {.sku = "BRK-PAD-0007",
                         .nameZh = "前刹车片",
                         .nameEn = "Front brake pads",
                         .category = "brake",
                         .unit = "set",
                         .costFen = 10000});
        tyre = make(by, {.sku = "TYR-MICH-2055516",
                         .nameZh = "米其林 轮胎 205/55R16",
                         .category = "tyre",
                         .costFen = 30000});
        bulb = make(by, {.sku = "BLB-OSRAM-H7",
                         .nameZh = "欧司朗 灯泡 H7",
                         .category = "bulb",
                         .costFen = 500});

        // Day 0: opening stock; three work orders, two Corollas and a Lavida.
        ASSERT_TRUE(stock().receive(by, filter, binA, 10'000, {.unitCostFen = 2000}).ok());  // ¥200
        ASSERT_TRUE(stock().receive(by, pads, binA, 4'000, {.unitCostFen = 10000}).ok());  // ¥400
        ASSERT_TRUE(stock().receive(by, tyre, binA, 2'000, {.unitCostFen = 30000}).ok());  // ¥600
        orderA = openOrder("丰田", "卡罗拉", "粤B10001");
        orderB = openOrder("大众", "朗逸", "粤B10002");
        orderC = openOrder("丰田", "卡罗拉", "粤B10003");

        at(10);  // 2 filters to A at ¥20: ¥40
        ASSERT_TRUE(stock().issue(warehouse(), filter, binA, 2'000, {.workOrderId = orderA}).ok());
        at(20);  // 10 filters at ¥26: the average (8 × 20 + 10 × 26) ÷ 18 = ¥23.33
        ASSERT_TRUE(stock().receive(warehouse(), filter, binA, 10'000, {.unitCostFen = 2600}).ok());
        at(31);  // Feb 1: a set of pads to B
        ASSERT_TRUE(stock().issue(warehouse(), pads, binA, 1'000, {.workOrderId = orderB}).ok());
        at(35);  // the tyres to another shelf: not demand
        ASSERT_TRUE(stock().transfer(warehouse(), tyre, binA, binB, 2'000).ok());
        at(40);  // 3 filters to B: 3 × 23.33 = ¥69.99
        ASSERT_TRUE(stock().issue(warehouse(), filter, binA, 3'000, {.workOrderId = orderB}).ok());
        at(45);  // one comes back: −¥23.33
        ASSERT_TRUE(
            stock().giveBack(warehouse(), filter, binA, 1'000, {.workOrderId = orderB}).ok());
        at(50);  // one to A, undone at once: nothing
        auto wrong = stock().issue(warehouse(), filter, binA, 1'000, {.workOrderId = orderA});
        ASSERT_TRUE(wrong.ok());
        ASSERT_TRUE(stock().undo(warehouse(), wrong->groupId).ok());
        at(60);  // Mar 2: two sets of pads to C
        ASSERT_TRUE(stock().issue(warehouse(), pads, binA, 2'000, {.workOrderId = orderC}).ok());
        at(65);  // bulbs in, never issued (but only five days ago)
        ASSERT_TRUE(stock().receive(warehouse(), bulb, binA, 4'000, {.unitCostFen = 500}).ok());
        at(70);  // now: 2026-03-12 08:00 local
    }

    void at(int day) { clock.advance(t0 + day * kDay - clock.nowMs()); }
    PartService& parts() { return s->get<PartService>(); }
    StockService& stock() { return s->get<StockService>(); }
    StockAnalysis& analysis() { return s->get<StockAnalysis>(); }
    Session warehouse() { return signIn(clerk, "161803"); }
    std::string make(const Session& by, PartInput in) {
        auto id = parts().create(by, in, {}, {binA});
        EXPECT_TRUE(id.ok()) << id.error().message;
        return id.value();
    }
    std::string openOrder(const std::string& brand, const std::string& model,
                          const std::string& plate) {
        auto c = s->get<CustomerService>().createCustomer(
            {.name = "王芳", .phones = {"1380013" + plate.substr(plate.size() - 4)}});
        EXPECT_TRUE(c.ok()) << c.error().message;
        auto v = s->get<CustomerService>().addVehicle(
            *c, {.plate = plate, .make = brand, .model = model});
        EXPECT_TRUE(v.ok()) << v.error().message;
        auto o = s->get<WorkOrderService>().open(
            signIn(advisor, "314159"),
            {.customerId = *c, .vehicleId = *v, .services = {"oil_filter"}});
        EXPECT_TRUE(o.ok()) << o.error().message;
        return o.value();
    }

    int64_t t0 = 0;
    std::string clerk, advisor, binA, binB, filter, pads, tyre, bulb, orderA, orderB, orderC;
};

TEST_F(StockAnalysisTest, TurnoverIsCostOfGoodsIssuedOverTheTimeWeightedAverageStockValue) {
    // Day 30 to day 70: forty days.
    auto r = analysis().turnover({t0 + 30 * kDay, t0 + 70 * kDay});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->parts.size(), 4u);

    // Pads: ¥400 for a day, ¥300 for 29, ¥100 for 10 → (400 + 8700 + 1000) ÷ 40 = ¥252.50.
    const PartTurnover& p = r->parts[0];
    EXPECT_EQ(p.partId, pads) << "the most cost of goods issued first";
    EXPECT_EQ(p.issuedMilli, 3'000);
    EXPECT_EQ(p.cogsFen, 30'000);
    EXPECT_EQ(p.avgStockFen, 25'250);
    EXPECT_EQ(p.openingFen, 40'000);
    EXPECT_EQ(p.closingFen, 10'000);
    EXPECT_EQ(p.turnoverCenti, 119);  // 300 ÷ 252.50 = 1.188
    EXPECT_EQ(p.daysOfStock, 34);     // 40 ÷ 1.188 = 33.7

    // Filters: 18 × ¥23.33 = ¥419.94 for 10 days, 15 × = ¥349.95 for 5, 16 × = ¥373.28 for 25
    // (the undone issue holds no time) → ¥382.03. Issued 3 − 1 + 1 − 1 = 2, at ¥23.33 each time.
    const PartTurnover& f = r->parts[1];
    EXPECT_EQ(f.partId, filter);
    EXPECT_EQ(f.sku, "FLT-OIL-0042");
    EXPECT_EQ(f.category, "filter");
    EXPECT_EQ(f.issuedMilli, 2'000);
    EXPECT_EQ(f.cogsFen, 6'999 - 2'333 + 2'333 - 2'333);
    EXPECT_EQ(f.avgStockFen, 38'203);  // (419940 + 174975 + 933200) ÷ 40 = 38202.9
    EXPECT_EQ(f.openingFen, 41'994);
    EXPECT_EQ(f.closingFen, 37'328);
    EXPECT_EQ(f.turnoverCenti, 12);
    EXPECT_EQ(f.daysOfStock, 328);

    // The tyres sat there all along (moved to another shelf, which is no demand).
    const PartTurnover& t = r->parts[2];
    EXPECT_EQ(t.partId, tyre);
    EXPECT_EQ(t.issuedMilli, 0);
    EXPECT_EQ(t.cogsFen, 0);
    EXPECT_EQ(t.avgStockFen, 60'000);
    EXPECT_EQ(t.turnoverCenti, 0);
    EXPECT_FALSE(t.daysOfStock.has_value()) << "no demand, no days of stock";
    // The bulbs: ¥20 for the last 5 of the 40 days.
    EXPECT_EQ(r->parts[3].partId, bulb);
    EXPECT_EQ(r->parts[3].avgStockFen, 250);
    EXPECT_EQ(r->parts[3].openingFen, 0);

    ASSERT_EQ(r->categories.size(), 4u);
    EXPECT_EQ(r->categories[0].category, "brake");
    EXPECT_EQ(r->categories[1].category, "filter");
    EXPECT_EQ(r->categories[2].category, "tyre");
    EXPECT_EQ(r->categories[3].category, "bulb");
    EXPECT_EQ(r->categories[1].turnoverCenti, 12);
    EXPECT_EQ(r->total.parts, 4);
    EXPECT_EQ(r->total.cogsFen, 34'666);
    EXPECT_EQ(r->total.avgStockFen, 123'703);
    EXPECT_EQ(r->total.turnoverCenti, 28);  // 346.66 ÷ 1237.03
    EXPECT_EQ(r->total.daysOfStock, 143);   // 40 ÷ 0.2802

    // Before any stock was held: nothing to say.
    auto before = analysis().turnover({t0 - 10 * kDay, t0});
    ASSERT_TRUE(before.ok());
    EXPECT_TRUE(before->parts.empty());
    EXPECT_FALSE(analysis().turnover({t0, t0}).ok()) << "an empty period is refused";
}

TEST_F(StockAnalysisTest, SlowMoversAreInStockWithNoIssueForTheDays) {
    const int64_t now = clock.nowMs();
    auto r = analysis().slowMovers(30, now);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->parts.size(), 1u) << "the bulbs came in five days ago: not known to be slow yet";
    EXPECT_EQ(r->parts[0].partId, tyre);
    EXPECT_EQ(r->parts[0].lastIssueAt, 0);
    EXPECT_EQ(r->parts[0].idleSince, t0);
    EXPECT_EQ(r->parts[0].idleDays, 70);
    EXPECT_EQ(r->parts[0].onHandMilli, 2'000);
    EXPECT_EQ(r->valueFen, 60'000);

    // 15 days: the filters too (last issued on day 50, even if that issue was undone).
    auto r15 = analysis().slowMovers(15, now);
    ASSERT_TRUE(r15.ok());
    ASSERT_EQ(r15->parts.size(), 2u);
    EXPECT_EQ(r15->parts[0].partId, tyre) << "the most value first";
    EXPECT_EQ(r15->parts[1].partId, filter);
    EXPECT_EQ(r15->parts[1].lastIssueAt, t0 + 50 * kDay);
    EXPECT_EQ(r15->parts[1].idleDays, 20);
    EXPECT_EQ(r15->parts[1].valueFen, 37'328);
    EXPECT_EQ(r15->valueFen, 97'328);
}

TEST_F(StockAnalysisTest, StockValueByCategoryWithItsShare) {
    auto r = analysis().valueByCategory();
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->categories.size(), 4u);
    EXPECT_EQ(r->valueFen, 109'328);
    EXPECT_EQ(r->parts, 4);
    const std::vector<std::tuple<std::string, int64_t, int64_t>> want = {{"tyre", 60'000, 5'488},
                                                                         {"filter", 37'328, 3'414},
                                                                         {"brake", 10'000, 915},
                                                                         {"bulb", 2'000, 183}};
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(r->categories[i].category, std::get<0>(want[i]));
        EXPECT_EQ(r->categories[i].valueFen, std::get<1>(want[i]));
        EXPECT_EQ(r->categories[i].shareBp, std::get<2>(want[i]));
        EXPECT_EQ(r->categories[i].parts, 1);
    }
}

TEST_F(StockAnalysisTest, MonthlyDemandPerCategoryInLocalCalendarMonths) {
    auto r = analysis().monthlyDemand(clock.nowMs(), 3);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->months.size(), 3u);
    EXPECT_EQ(r->months[0].month, 202601);
    EXPECT_EQ(r->months[2].month, 202603);
    EXPECT_EQ(r->months[1].fromMs, t0 + 31 * kDay - 8 * 3'600'000) << "local midnight, Feb 1";
    EXPECT_EQ(r->months[0].cogsFen, 4'000);
    EXPECT_EQ(r->months[0].byCategory.at("filter").issuedMilli, 2'000);
    EXPECT_EQ(r->months[1].cogsFen, 14'666);
    EXPECT_EQ(r->months[1].byCategory.at("brake").cogsFen, 10'000);
    EXPECT_EQ(r->months[1].byCategory.at("filter").cogsFen, 4'666);
    EXPECT_EQ(r->months[1].byCategory.at("filter").issuedMilli, 2'000);
    EXPECT_EQ(r->months[2].cogsFen, 20'000);
    EXPECT_EQ(r->months[2].byCategory.count("filter"), 0u);
    EXPECT_EQ(r->cogsFen, 38'666);
    EXPECT_EQ(r->categories, (std::vector<std::string>{"brake", "filter"}));
    auto twelve = analysis().monthlyDemand(clock.nowMs());
    ASSERT_TRUE(twelve.ok());
    EXPECT_EQ(twelve->months.front().month, 202504);
    EXPECT_EQ(twelve->cogsFen, 38'666);
}

TEST_F(StockAnalysisTest, PartsUsedPerMakeAndModelOnWorkOrders) {
    auto r = analysis().partsByModel({t0, t0 + 70 * kDay});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->models.size(), 2u);
    const ModelParts& corolla = r->models[0];
    EXPECT_EQ(corolla.make, "丰田");
    EXPECT_EQ(corolla.model, "卡罗拉");
    EXPECT_EQ(corolla.orders, 2) << "orders A and C";
    EXPECT_EQ(corolla.cogsFen, 24'000);
    ASSERT_EQ(corolla.parts.size(), 2u);
    EXPECT_EQ(corolla.parts[0].partId, pads) << "as many as the filters: by SKU then";
    EXPECT_EQ(corolla.parts[0].issuedMilli, 2'000);
    EXPECT_EQ(corolla.parts[0].onHandMilli, 1'000);
    EXPECT_EQ(corolla.parts[1].partId, filter);
    EXPECT_EQ(corolla.parts[1].issuedMilli, 2'000) << "the undone issue to A counts for nothing";
    EXPECT_EQ(corolla.parts[1].orders, 1);
    EXPECT_EQ(corolla.parts[1].cogsFen, 4'000);
    EXPECT_EQ(corolla.parts[1].onHandMilli, 16'000);
    const ModelParts& lavida = r->models[1];
    EXPECT_EQ(lavida.model, "朗逸");
    EXPECT_EQ(lavida.orders, 1);
    ASSERT_EQ(lavida.parts.size(), 2u);
    EXPECT_EQ(lavida.parts[0].partId, filter) << "3 out, 1 back";
    EXPECT_EQ(lavida.parts[0].issuedMilli, 2'000);
    EXPECT_EQ(lavida.parts[0].cogsFen, 4'666);
    EXPECT_EQ(lavida.parts[1].partId, pads);

    auto top1 = analysis().partsByModel({t0, t0 + 70 * kDay}, 1);
    ASSERT_TRUE(top1.ok());
    EXPECT_EQ(top1->models[0].parts.size(), 1u);
    auto march = analysis().partsByModel({t0 + 59 * kDay, t0 + 70 * kDay});
    ASSERT_TRUE(march.ok());
    ASSERT_EQ(march->models.size(), 1u) << "only order C took parts in March";
    EXPECT_EQ(march->models[0].orders, 1);
}

TEST_F(StockAnalysisTest, TheReportsAsTablesWithKeysAndNumbers) {
    const StoreTime& time = s->get<StoreTime>();
    auto turnover = analysis().turnover({t0 + 30 * kDay, t0 + 70 * kDay});
    ASSERT_TRUE(turnover.ok());
    const std::vector<ReportTable> t = reportTables(*turnover, time);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].title, "office.analysis.turnover.by_part");
    EXPECT_EQ(t[0].subtitle, "2026-01-31 – 2026-03-12");
    ASSERT_EQ(t[0].columns.size(), 8u);
    EXPECT_EQ(t[0].columns[4].header, "office.analysis.col.cogs");
    EXPECT_EQ(t[0].columns[4].format, CellFormat::kFen);
    ASSERT_EQ(t[0].rows.size(), 4u);
    EXPECT_EQ(t[0].rows[1][0], ReportCell::plain("FLT-OIL-0042"));
    EXPECT_EQ(t[0].rows[1][1], ReportCell::plain("机油滤清器", "Oil filter"));
    EXPECT_EQ(t[0].rows[1][2], ReportCell::key("warehouse.unknown.category.filter"));
    EXPECT_EQ(t[0].rows[1][3], ReportCell::quantity(2'000));
    EXPECT_EQ(t[0].rows[1][4], ReportCell::fen(4'666));
    EXPECT_EQ(t[0].rows[1][6], ReportCell::ratio(12));
    EXPECT_TRUE(t[0].rows[2][7].blank);
    EXPECT_EQ(t[1].rows.back()[0], ReportCell::key("office.analysis.total"));
    EXPECT_EQ(t[1].rows.back()[2], ReportCell::fen(34'666));
    EXPECT_EQ(t[1].totalRows, 1u);

    const std::vector<ReportTable> v = reportTables(*analysis().valueByCategory());
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].rows.size(), 5u) << "four categories and the total";
    EXPECT_EQ(v[0].rows[0][3], ReportCell::percent(5'488));
    const std::vector<ReportTable> m = reportTables(*analysis().monthlyDemand(clock.nowMs(), 3));
    ASSERT_EQ(m[0].columns.size(), 4u) << "month, total, brake, filter";
    EXPECT_EQ(m[0].columns[2].header, "warehouse.unknown.category.brake");
    EXPECT_EQ(m[0].rows[1][0], ReportCell::plain("2026-02"));
    EXPECT_EQ(m[0].rows[1][3], ReportCell::fen(4'666));
    EXPECT_EQ(m[0].rows[3][1], ReportCell::fen(38'666));
    const std::vector<ReportTable> s15 =
        reportTables(*analysis().slowMovers(15, clock.nowMs()), time);
    EXPECT_EQ(s15[0].rows[0][5], ReportCell::key("office.analysis.never"));
    EXPECT_EQ(s15[0].rows[1][5], ReportCell::plain("2026-02-20"));
    const std::vector<ReportTable> models =
        reportTables(*analysis().partsByModel({t0, t0 + 70 * kDay}), time);
    EXPECT_EQ(models[0].rows.size(), 4u);
    EXPECT_EQ(models[0].rows[0][0], ReportCell::plain("丰田 卡罗拉"));
    EXPECT_EQ(models[0].rows[3][2], ReportCell::count(2));

    // In words: the keys through a translation, English names when asked.
    const ReportTable en = localize(
        t[0], [](const std::string& k) { return k == "office.analysis.col.cogs" ? "COGS" : k; },
        true);
    EXPECT_EQ(en.columns[4].header, "COGS");
    EXPECT_EQ(en.rows[1][1].text, "Oil filter");
    EXPECT_EQ(en.rows[1][2].format, CellFormat::kText);
    EXPECT_EQ(en.rows[1][2].text, "warehouse.unknown.category.filter") << "an unknown key stays";
    EXPECT_EQ(en.rows[2][1].text, "米其林 轮胎 205/55R16") << "no English name: the Chinese one";
}

TEST(ReportCellText, NumbersAsPeopleReadThem) {
    EXPECT_EQ(cellText(ReportCell::fen(123'450)), "¥1,234.50");
    EXPECT_EQ(cellText(ReportCell::fen(-600)), "-¥6.00");
    EXPECT_EQ(cellText(ReportCell::quantity(4'500)), "4.5");
    EXPECT_EQ(cellText(ReportCell::percent(5'488)), "54.9%");
    EXPECT_EQ(cellText(ReportCell::percent(183)), "1.8%");
    EXPECT_EQ(cellText(ReportCell::ratio(119)), "1.19");
    EXPECT_EQ(cellText(ReportCell::ratio(5)), "0.05");
    EXPECT_EQ(cellText(ReportCell::count(12)), "12");
    EXPECT_EQ(cellText(ReportCell::none(CellFormat::kRatio)), "");
    EXPECT_EQ(cellText(ReportCell::plain("滤清器")), "滤清器");
    EXPECT_EQ(monthText(202603), "2026-03");
    EXPECT_EQ(categoryKey("tyre"), "warehouse.unknown.category.tyre");
}

TEST(AnalysisPeriod, LastDaysStartAtALocalMidnight) {
    StoreTime shanghai;
    const int64_t now = 1'767'225'600'000 + 5 * 3'600'000;  // 2026-01-01 13:00 local
    const AnalysisPeriod p = lastDays(shanghai, now, 30);
    EXPECT_EQ(p.toMs, now);
    EXPECT_EQ(p.fromMs, 1'767'225'600'000 - 8 * 3'600'000 - 29 * kDay);
}

}  // namespace
}  // namespace fc::core
