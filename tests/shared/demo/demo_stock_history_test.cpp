// The demo store's year of stock history: closed work orders for the demo cars, every month but
// the clock's first day of January, with the parts that fit each car; restocking receipts that
// keep every shelf at or above zero in the order things happened; and on hand, per part, still
// exactly the opening stock at its cost. The stock analysis then has a year to show. Run through
// seedDemo, as `forecourtctl seed-demo` does; with no parts, nothing is written.
#include <gtest/gtest.h>

#include <cctype>
#include <map>

#include "shared/demo/demo_parts.hpp"
#include "shared/demo/demo_stock_history.hpp"
#include "shared/demo/seed.hpp"
#include "shared/readmodel/stock_analysis.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

class DemoStockHistoryTest : public fc::test::StoreTest {
protected:
    int64_t count(const std::string& sql) { return s->db().queryInt(sql).value().value_or(-1); }
};

TEST_F(DemoStockHistoryTest, AYearOfClosedOrdersTakesPartsAndLeavesTheOpeningStock) {
    auto r = seedDemo(*s, {.seed = 5, .customers = 80, .appointmentsToday = 0, .parts = 600});
    ASSERT_TRUE(r.ok()) << r.error().message;
    const int64_t orders = count("SELECT count(*) FROM work_orders WHERE provisional_no LIKE 'H%'");
    EXPECT_GT(orders, 300) << "about 45 a month for 11 months";
    EXPECT_EQ(
        count("SELECT count(*) FROM local_job_state j JOIN work_orders w ON w.id = j.work_order_id "
              "WHERE w.provisional_no LIKE 'H%' AND j.status <> 'closed'"),
        0)
        << "every one closed: the workshop's board stays as it was";
    EXPECT_EQ(count("SELECT count(*) FROM work_orders WHERE opened_at + 3 * 3600000 >= " +
                    std::to_string(clock.nowMs()) + " AND provisional_no LIKE 'H%'"),
              0)
        << "all closed before now";
    EXPECT_GT(count("SELECT count(*) FROM stock_movements WHERE kind = 'issue' AND work_order_id "
                    "IS NOT NULL"),
              orders);
    EXPECT_EQ(
        count("SELECT count(*) FROM stock_movements WHERE at > " + std::to_string(clock.nowMs())),
        0);

    // On hand is still each part's opening stock, at its cost.
    std::map<std::string, DemoPart> bySku;
    for (DemoPart& p : demoParts(5, 600)) {
        std::string sku = p.part.sku;  // kept in capitals ("H6-70Ah" → "H6-70AH")
        for (char& c : sku) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        bySku.emplace(sku, std::move(p));
    }
    auto list = s->get<StockService>().stockList();
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 600u);
    for (const StockRow& row : *list) {
        ASSERT_TRUE(bySku.count(row.sku)) << row.sku;
        const DemoPart& p = bySku.at(row.sku);
        EXPECT_EQ(row.qtyMilli, p.openingMilli) << row.sku;
        if (row.qtyMilli > 0) {
            EXPECT_EQ(row.avgCostFen, p.part.costFen) << row.sku;
        }
    }
    // Never below zero, in the order things happened.
    EXPECT_EQ(count("SELECT count(*) FROM (SELECT sum(qty_milli) OVER (PARTITION BY part_id, "
                    "bin_id ORDER BY at, _hlc, "
                    "id) AS q FROM stock_movements) WHERE q < 0"),
              0);

    // The analysis has a year to show.
    auto& analysis = s->get<StockAnalysis>();
    auto months = analysis.monthlyDemand(clock.nowMs());
    ASSERT_TRUE(months.ok());
    int withDemand = 0;
    for (const MonthDemand& m : months->months) withDemand += m.cogsFen > 0;
    EXPECT_EQ(withDemand, 11) << "the clock's month (1 January, 08:00) has had no orders yet";
    EXPECT_GE(months->categories.size(), 5u);
    auto models = analysis.partsByModel(lastDays(s->get<StoreTime>(), clock.nowMs(), 365));
    ASSERT_TRUE(models.ok());
    EXPECT_GE(models->models.size(), 5u);
    auto turnover = analysis.turnover(lastDays(s->get<StoreTime>(), clock.nowMs(), 90));
    ASSERT_TRUE(turnover.ok());
    ASSERT_TRUE(turnover->total.turnoverCenti.has_value());
    EXPECT_GT(*turnover->total.turnoverCenti, 0);
}

TEST_F(DemoStockHistoryTest, NothingWithoutPartsOrCars) {
    auto r = seedDemo(*s, {.seed = 5, .customers = 10, .appointmentsToday = 0, .parts = 0});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(count("SELECT count(*) FROM work_orders"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM stock_movements"), 0);
    auto none = inTx(s->db(), [&] {
        return seedDemoStockHistory(*s, s->get<SessionManager>().signInByPinOnly("161803").value(),
                                    {});
    });
    ASSERT_TRUE(none.ok()) << none.error().message;
    EXPECT_EQ(none->workOrders, 0u);
}

}  // namespace
}  // namespace fc::core
