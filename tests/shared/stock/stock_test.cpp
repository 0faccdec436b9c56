// Parts and the stock ledger on one device: parts with several codes, bins and fitment; a scanned
// code finds its part (a UPC-A as its GTIN-13, the SKU, an OE number), or several parts when two
// share a code; receipts move the moving-average cost; issues to a work order or a reason,
// returns, transfers and adjustments are movements (facts) in one transaction each, and undo is a
// compensating movement; taking out more than the bin holds needs a confirmation; bad input is
// refused naming the field with nothing saved; on hand per bin and per part always equals the
// movements' sums (verify), also after a rebuild.
#include <gtest/gtest.h>

#include <set>

#include "shared/capture/row.hpp"
#include "shared/capture/store.hpp"
#include "shared/core/barcode.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/demo/demo_parts.hpp"
#include "shared/demo/seed.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/stock/tables.hpp"
#include "shared/services.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_index.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/verify.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

class StockTest : public fc::test::StaffTest {
protected:
    void SetUp() override {
        StaffTest::SetUp();
        clerk = addStaff("刘洋", StaffRole::kWarehouse, "161803");
        advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
        tech = addStaff("王强", StaffRole::kTechnician, "271828");
        const Session by = signIn(clerk, "161803");
        binA = parts().createBin(by, {.code = "a-01-03", .zone = "A", .name = "滤清器架"}).value();
        binB = parts().createBin(by, {.code = "B-02-01", .zone = "B"}).value();
        auto id = parts().create(by,
                                 {.sku = "flt-oil-0042", .nameZh = "机油滤清器", .nameEn = "Oil filter", .brand = "曼牌",
                                  .category = "filter", .oeNumbers = "06j115403q, 03C115561H", .costFen = 1800,
                                  .priceFen = 4800, .safetyMilli = 5000, .reorderMilli = 20'000},
                                 {{"6901234567892", "gtin"}, {"036000291452", "gtin"}, {"FC-P-0042", "label"}}, {binA});
        ASSERT_TRUE(id.ok()) << id.error().message;
        filter = *id;
    }
    PartService& parts() { return s->get<PartService>(); }
    StockService& stock() { return s->get<StockService>(); }
    Session warehouse() { return signIn(clerk, "161803"); }
    int64_t onHand(const std::string& bin = "") {
        return bin.empty() ? stock().onHand(filter).value() : stock().onHandIn(filter, bin).value();
    }
    int64_t movements() { return s->db().queryInt("SELECT count(*) FROM stock_movements").value().value_or(-1); }
    std::string openOrder() {
        auto c = s->get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13800138000"}});
        auto v = s->get<CustomerService>().addVehicle(*c, {.plate = "粤B12345"});
        return s->get<WorkOrderService>()
            .open(signIn(advisor, "314159"), {.customerId = *c, .vehicleId = *v, .services = {"oil_filter"}})
            .value();
    }
    void expectVerified() {
        auto report = verifyStore(*s);
        ASSERT_TRUE(report.ok()) << report.error().message;
        EXPECT_TRUE(report->ok()) << ::testing::PrintToString(report->problems);
    }
    std::string clerk, advisor, tech, binA, binB, filter;
};

TEST_F(StockTest, APartIsFoundByAnyOfItsCodesItsSkuOrAnOeNumber) {
    auto p = parts().get(filter);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->sku, "FLT-OIL-0042") << "SKUs are kept in capitals";
    EXPECT_EQ(p->oeNumbers, "06J115403Q,03C115561H");
    for (const char* typed : {"6901234567892", "036000291452", "0036000291452", " FC-P-0042 ", "flt-oil-0042",
                              "03C115561H"}) {
        auto m = parts().findByCode(typed);
        ASSERT_TRUE(m.ok());
        ASSERT_EQ(m->size(), 1u) << typed;
        EXPECT_EQ((*m)[0].partId, filter) << typed;
    }
    EXPECT_EQ((*parts().findByCode("036000291452"))[0].how, "gtin") << "a UPC-A is stored as its GTIN-13";
    EXPECT_EQ((*parts().findByCode("flt-oil-0042"))[0].how, "sku");
    EXPECT_EQ((*parts().findByCode("03C115561H"))[0].how, "oe");
    EXPECT_TRUE(parts().findByCode("6900000000000")->empty()) << "an unknown code finds nothing";
    EXPECT_TRUE(parts().findByCode("03C115")->empty()) << "only whole OE numbers";

    // A second part carrying the same label code: the scan must ask which.
    const Session by = warehouse();
    auto other = parts().create(by, {.sku = "FLT-OIL-0043", .nameZh = "机油滤清器（加长）", .category = "filter"},
                                {{"FC-P-0042", "label"}});
    ASSERT_TRUE(other.ok()) << other.error().message;
    auto both = parts().findByCode("FC-P-0042");
    ASSERT_TRUE(both.ok());
    EXPECT_EQ(both->size(), 2u);
    // The same code twice on one part is refused.
    auto dup = parts().addCode(by, filter, {"6901234567892", "gtin"});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(PartService::fieldOf(dup.error()), "code");
    // Bins and fitment.
    ASSERT_TRUE(parts().placeInBin(by, filter, binB).ok());
    auto bins = parts().binsOf(filter);
    ASSERT_TRUE(bins.ok());
    ASSERT_EQ(bins->size(), 2u);
    EXPECT_EQ((*bins)[0].code, "A-01-03") << "received into its first bin";
    ASSERT_TRUE(parts().addFitment(by, filter, {.make = "大众", .model = "朗逸", .yearFrom = 2013, .yearTo = 2022}).ok());
    EXPECT_EQ(parts().fitmentOf(filter)->at(0).model, "朗逸");
    EXPECT_FALSE(parts().addFitment(by, filter, {.make = "大众", .yearFrom = 2022, .yearTo = 2013}).ok());
    EXPECT_EQ(parts().partsIn(binB)->size(), 1u);
    EXPECT_EQ(parts().binByCode("b-02-01")->value().id, binB);
}

TEST_F(StockTest, BadPartsAndBinsAreRefusedNamingTheFieldWithNothingSaved) {
    const Session by = warehouse();
    const int64_t before = s->db().queryInt("SELECT count(*) FROM parts").value().value_or(-1);
    struct Case {
        PartInput in;
        const char* field;
    };
    const Case cases[] = {
        {{.sku = "", .nameZh = "刹车片"}, "sku"},
        {{.sku = "BRK 001", .nameZh = "刹车片"}, "sku"},
        {{.sku = "BRK-001", .nameZh = ""}, "name_zh"},
        {{.sku = "BRK-001", .nameZh = "刹车片", .category = "snacks"}, "category"},
        {{.sku = "BRK-001", .nameZh = "刹车片", .unit = "箱"}, "unit"},
        {{.sku = "BRK-001", .nameZh = "刹车片", .costFen = -1}, "cost"},
        {{.sku = "BRK-001", .nameZh = "刹车片", .taxRateBp = 1700}, "tax_rate"},
        {{.sku = "BRK-001", .nameZh = "刹车片", .safetyMilli = -5}, "safety"},
        {{.sku = "BRK-001", .nameZh = "刹车片", .tracking = "rfid"}, "tracking"},
        {{.sku = "flt-oil-0042", .nameZh = "重复"}, "sku"},
    };
    for (const Case& c : cases) {
        auto r = parts().create(by, c.in);
        ASSERT_FALSE(r.ok()) << c.field;
        EXPECT_EQ(PartService::fieldOf(r.error()), c.field) << r.error().message;
    }
    EXPECT_FALSE(parts().createBin(by, {.code = "A 01"}).ok());
    EXPECT_FALSE(parts().createBin(by, {.code = "A-01-03"}).ok()) << "the bin exists";
    EXPECT_EQ(s->db().queryInt("SELECT count(*) FROM parts").value().value_or(-1), before);
    // A technician may not make parts.
    auto refused = parts().create(signIn(tech, "271828"), {.sku = "X-1", .nameZh = "x"});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Errc::kPermission);
}

TEST_F(StockTest, ReceiptsMoveTheAverageCostAndIssuesReturnsAndTransfersAreMovements) {
    const Session by = warehouse();
    auto in1 = stock().receive(by, filter, binA, 10'000, {.unitCostFen = 1800, .reference = "送货单 0042"});
    ASSERT_TRUE(in1.ok()) << in1.error().message;
    ASSERT_TRUE(stock().receive(by, filter, binA, 10'000, {.unitCostFen = 2000}).ok());
    auto f = stock().figures(filter);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f->qtyMilli, 20'000);
    EXPECT_EQ(f->avgCostFen, 1900) << "(10 × 18.00 + 10 × 20.00) / 20";
    EXPECT_EQ(f->valueFen, 38'000);

    const std::string order = openOrder();
    auto out = stock().issue(by, filter, binA, 2'000, {.workOrderId = order});
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(onHand(), 18'000);
    EXPECT_EQ(stock().figures(filter)->avgCostFen, 1900) << "issues go out at the average";
    // A technician scans a part onto his own job (workshop); not to a reason (the warehouse's).
    ASSERT_TRUE(stock().issue(signIn(tech, "271828"), filter, binA, 1'000, {.workOrderId = order}).ok());
    EXPECT_FALSE(stock().issue(signIn(tech, "271828"), filter, binA, 1'000, {.reason = "internal"}).ok());
    auto issued = stock().issuedTo(order);
    ASSERT_TRUE(issued.ok());
    ASSERT_EQ(issued->size(), 1u);
    EXPECT_EQ((*issued)[0].second, 3'000);
    // One unused comes back; more than went to the job cannot.
    ASSERT_TRUE(stock().giveBack(by, filter, binA, 1'000, {.workOrderId = order}).ok());
    EXPECT_EQ((*stock().issuedTo(order))[0].second, 2'000);
    auto tooMany = stock().giveBack(by, filter, binA, 5'000, {.workOrderId = order});
    ASSERT_FALSE(tooMany.ok());
    EXPECT_EQ(tooMany.error().code, Errc::kConflict);

    auto moved = stock().transfer(by, filter, binA, binB, 4'000);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    EXPECT_EQ(moved->movementIds.size(), 2u);
    EXPECT_EQ(onHand(binA), 14'000);
    EXPECT_EQ(onHand(binB), 4'000);
    EXPECT_EQ(onHand(), 18'000);
    auto byBin = stock().stockByBin(filter);
    ASSERT_TRUE(byBin.ok());
    ASSERT_EQ(byBin->size(), 2u);
    EXPECT_EQ((*byBin)[0].binCode, "A-01-03");
    ASSERT_TRUE(stock().adjust(by, filter, binB, -500, "damaged").ok());
    EXPECT_EQ(onHand(binB), 3'500);
    auto list = stock().movements(filter);
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(list->size(), 8u);
    EXPECT_EQ(list->front().kind, "adjust") << "newest first";
    EXPECT_EQ(list->back().reference, "送货单 0042");
    expectVerified();
}

TEST_F(StockTest, UndoLastIsACompensatingMovementAndHappensOnce) {
    const Session by = warehouse();
    ASSERT_TRUE(stock().receive(by, filter, binA, 10'000, {.unitCostFen = 1800}).ok());
    // Moved 20 instead of 2: one tap puts it right.
    auto wrong = stock().transfer(by, filter, binA, binB, 10'000);
    ASSERT_TRUE(wrong.ok());
    auto last = stock().lastUndoable(by);
    ASSERT_TRUE(last.ok());
    ASSERT_TRUE(last->has_value());
    EXPECT_EQ((*last)->groupId, wrong->groupId);
    EXPECT_EQ((*last)->kind, "transfer");
    const int64_t before = movements();
    auto undone = stock().undo(by, wrong->groupId);
    ASSERT_TRUE(undone.ok()) << undone.error().message;
    EXPECT_EQ(movements(), before + 2) << "facts are never deleted: the undo adds the reverse";
    EXPECT_EQ(onHand(binA), 10'000);
    EXPECT_EQ(onHand(binB), 0);
    EXPECT_FALSE(stock().lastUndoable(by)->has_value()) << "nothing left to undo";
    auto again = stock().undo(by, wrong->groupId);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, Errc::kConflict);
    EXPECT_FALSE(stock().undo(by, undone->groupId).ok()) << "an undo is not undone";
    EXPECT_TRUE(stock().movements(filter)->at(2).undone);
    expectVerified();
}

TEST_F(StockTest, TakingOutMoreThanTheBinHoldsNeedsAConfirmation) {
    const Session by = warehouse();
    ASSERT_TRUE(stock().receive(by, filter, binA, 2'000).ok());
    auto refused = stock().issue(by, filter, binA, 3'000, {.reason = "workshop_use"});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Errc::kConflict);
    EXPECT_NE(refused.error().message.find("only 2 on hand in A-01-03"), std::string::npos) << refused.error().message;
    EXPECT_EQ(onHand(), 2'000);
    auto confirmed = stock().issue(by, filter, binA, 3'000, {.reason = "workshop_use", .allowBelowZero = true});
    ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
    EXPECT_EQ(onHand(), -1'000) << "the shelf is the truth; the count will put it right";
    EXPECT_FALSE(stock().transfer(by, filter, binB, binA, 1'000).ok()) << "nothing in B";
}

TEST_F(StockTest, BadMovementsAreRefusedWithNothingSaved) {
    const Session by = warehouse();
    const int64_t before = movements();
    EXPECT_FALSE(stock().receive(by, filter, binA, 0).ok());
    EXPECT_FALSE(stock().receive(by, filter, binA, -1'000).ok());
    EXPECT_FALSE(stock().receive(by, filter, binA, 1'000, {.unitCostFen = -5}).ok());
    EXPECT_FALSE(stock().receive(by, "no-such-part", binA, 1'000).ok());
    EXPECT_FALSE(stock().receive(by, filter, "no-such-bin", 1'000).ok());
    EXPECT_FALSE(stock().issue(by, filter, binA, 1'000, {}).ok()) << "no work order and no reason";
    auto same = stock().transfer(by, filter, binA, binA, 1'000);
    ASSERT_FALSE(same.ok());
    EXPECT_NE(same.error().message.find("to_bin"), std::string::npos);
    EXPECT_FALSE(stock().adjust(by, filter, binA, 0, "found").ok());
    EXPECT_FALSE(stock().adjust(by, filter, binA, 1'000, "because").ok());
    EXPECT_FALSE(stock().undo(by, "no-such-group").ok());
    // Issuing to a cancelled order.
    const std::string order = openOrder();
    ASSERT_TRUE(stock().receive(by, filter, binA, 1'000).ok());
    ASSERT_TRUE(s->get<WorkOrderService>()
                    .changeStatus(signIn(advisor, "314159"), order, WorkOrderStatus::kCancelled, "客户取消")
                    .ok());
    auto closed = stock().issue(by, filter, binA, 1'000, {.workOrderId = order});
    ASSERT_FALSE(closed.ok());
    EXPECT_EQ(closed.error().code, Errc::kConflict);
    EXPECT_EQ(movements(), before + 1) << "only the good receipt";
    // Past the service, the shared row rule (the hub's too) refuses a receipt that goes out.
    auto row = RowBuilder(tables::kStockMovements)
                   .set("store_id", s->store().storeId())
                   .set("part_id", filter)
                   .set("bin_id", binA)
                   .set("kind", "receipt")
                   .set("qty_milli", int64_t{-1000})
                   .set("unit_cost_fen", int64_t{0})
                   .set("reason", "")
                   .set("reference", "")
                   .set("group_id", "g")
                   .set("reverses", "")
                   .set("serial", "")
                   .set("device_id", s->store().device().deviceId)
                   .set("at", int64_t{1})
                   .build();
    ASSERT_TRUE(row.ok());
    auto raw = inTx(s->db(), [&] { return s->store().writer().insert(tables::kStockMovements, "m-raw", *row); });
    ASSERT_FALSE(raw.ok());
    EXPECT_NE(raw.error().message.find("qty_milli"), std::string::npos) << raw.error().message;
    EXPECT_EQ(movements(), before + 1);
    // A technician may not receive goods.
    EXPECT_EQ(stock().receive(signIn(tech, "271828"), filter, binA, 1'000).error().code, Errc::kPermission);
}

TEST_F(StockTest, SafetyStockListsWhatToReorder) {
    const Session by = warehouse();
    ASSERT_TRUE(stock().receive(by, filter, binA, 6'000).ok());
    EXPECT_TRUE(stock().atOrBelowSafety()->empty());
    ASSERT_TRUE(stock().issue(by, filter, binA, 1'000, {.reason = "workshop_use"}).ok());
    auto low = stock().atOrBelowSafety();
    ASSERT_TRUE(low.ok());
    ASSERT_EQ(low->size(), 1u) << "5 on hand, safety stock 5";
    EXPECT_EQ((*low)[0].sku, "FLT-OIL-0042");
    EXPECT_EQ((*low)[0].onHandMilli, 5'000);
    EXPECT_EQ((*low)[0].suggestMilli, 20'000) << "its reorder quantity";
}

TEST_F(StockTest, TheFiguresAreTheMovementsSumsAfterARebuildToo) {
    const Session by = warehouse();
    ASSERT_TRUE(stock().receive(by, filter, binA, 3'000, {.unitCostFen = 1000}).ok());
    ASSERT_TRUE(stock().receive(by, filter, binB, 1'000, {.unitCostFen = 3000}).ok());
    ASSERT_TRUE(stock().issue(by, filter, binA, 500, {.reason = "damaged"}).ok());
    const PartFigures before = stock().figures(filter).value();
    EXPECT_EQ(before.avgCostFen, 1500);
    EXPECT_EQ(before.valueFen, 5250);
    EXPECT_GT(before.lastIssueAt, 0);
    ASSERT_TRUE(s->db().exec("UPDATE local_stock SET qty_milli = 42; UPDATE local_part_stock SET qty_milli = 42").ok());
    auto report = verifyStore(*s);
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->ok()) << "verify notices figures that are not the movements' sums";
    ASSERT_TRUE(s->get<StockIndex>().rebuild().ok());
    const PartFigures after = stock().figures(filter).value();
    EXPECT_EQ(after.qtyMilli, before.qtyMilli);
    EXPECT_EQ(after.avgCostFen, before.avgCostFen);
    EXPECT_EQ(after.valueFen, before.valueFen);
    EXPECT_EQ(onHand(binA), 2'500);
    expectVerified();
}

TEST(DemoParts, ThreeThousandDistinctPartsWithValidCodesFittingTheDemoModels) {
    const std::vector<DemoPart> parts = demoParts(1, 3000);
    ASSERT_EQ(parts.size(), 3000u);
    std::set<std::string> skus, codes, bins;
    for (const DemoBin& b : demoBins()) bins.insert(b.code);
    EXPECT_EQ(bins.size(), 240u);
    std::set<std::string> categories, models;
    for (const DemoPart& p : parts) {
        auto v = PartService::validate(p.part);
        ASSERT_TRUE(v.ok()) << p.part.sku << ": " << v.error().message;
        EXPECT_TRUE(skus.insert(v->sku).second) << "SKU twice: " << p.part.sku;
        for (const PartCodeInput& c : p.codes) {
            EXPECT_TRUE(codes.insert(c.code).second) << "code twice: " << c.code;
            if (c.kind == "gtin") {
                EXPECT_TRUE(gtinValid(c.code)) << c.code;
            }
        }
        EXPECT_TRUE(bins.count(p.binCode)) << p.binCode;
        EXPECT_GE(p.part.priceFen, p.part.costFen);
        categories.insert(p.part.category);
        for (const Fitment& f : p.fitment) models.insert(f.make + f.model);
    }
    for (const char* c : {"filter", "brake", "oil", "tyre", "battery", "wiper", "bulb", "coolant", "ac", "ignition"})
        EXPECT_TRUE(categories.count(c)) << c;
    EXPECT_GE(models.size(), 30u) << "fitment to the demo vehicles' models";
    EXPECT_EQ(demoParts(1, 3000)[2999].part.sku, parts[2999].part.sku) << "the same for a seed";
}

class DemoPartsTest : public fc::test::StoreTest {};

TEST_F(DemoPartsTest, TheDemoStoreIsStockedThroughTheServices) {
    auto r = seedDemo(*s, {.seed = 3, .customers = 5, .appointmentsToday = 0, .parts = 150});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->parts, 150u);
    EXPECT_EQ(r->bins, 240u);
    EXPECT_GT(r->stockMovements, 100u);
    const DemoPart oil = demoParts(3, 150)[0];
    auto found = s->get<PartService>().findByCode(oil.codes[0].code);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(s->get<StockService>().onHand((*found)[0].partId).value(), oil.openingMilli);
    EXPECT_EQ(s->get<StockService>().figures((*found)[0].partId)->avgCostFen, oil.part.costFen);
    auto report = verifyStore(*s);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok()) << ::testing::PrintToString(report->problems);
    auto again = seedDemo(*s, {.seed = 3, .customers = 0, .appointmentsToday = 0, .parts = 150});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->parts, 0u) << "a store with parts is left alone";
}

TEST(AverageCost, ReceiptsWeighTheirCostIssuesLeaveIt) {
    AverageCost c;
    c.apply(3'000, 1000, true);
    EXPECT_EQ(c.avgCostFen, 1000);
    c.apply(1'000, 3000, true);
    EXPECT_EQ(c.avgCostFen, 1500);
    c.apply(-2'000, 0, false);
    EXPECT_EQ(c.avgCostFen, 1500);
    EXPECT_EQ(c.valueFen(), 3000);
    c.apply(1'000, 0, true);  // no cost known: the average stays
    EXPECT_EQ(c.avgCostFen, 1500);
    c.apply(-10'000, 0, false);  // below zero
    EXPECT_EQ(c.qtyMilli, -7'000);
    c.apply(8'000, 2000, true);  // from below zero the receipt's cost is the average
    EXPECT_EQ(c.avgCostFen, 2000);
    EXPECT_EQ(c.valueFen(), 2000);
}

}  // namespace
}  // namespace fc::core
