// The warehouse tablet's issue, return and transfer through the headless frame driver: 刘洋 issues
// 5 filters to a work order (the part scanned on 领料出库 opens the dialog, which takes the work
// order's scanned barcode), scans a work order and then parts (one each), issues for a reason,
// returns from the order and for a reason, moves stock from A-01-03 to B-02-01 — every one with a
// large confirmation and one tap of 撤销上一步 putting the stock back. Bad input is said and
// writes nothing: a transfer to the bin it comes from, a quantity of 0, more back than went to the
// order; taking more than the books hold asks and takes it once confirmed.
#include <gtest/gtest.h>

#include "kiosk/screens/warehouse/stock_move_dialogs.hpp"
#include "tests/kiosk/screens/warehouse/warehouse_fixture.hpp"

namespace fc::ui {
namespace {

using WarehouseMoves = WarehouseTest;

TEST_F(WarehouseMoves, IssueFiveToAWorkOrderScannedWhileTheDialogWaitsThenUndo) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<StockLookupScreen*>(open(*app, d, "warehouse.home.issue"));
    ASSERT_NE(screen, nullptr);
    EXPECT_EQ(screen->title(), tr("warehouse.home.issue"));
    EXPECT_TRUE(d.visible(tr("warehouse.issue.start_prompt"), "lookup"));

    // The part first: its issue dialog opens and waits for the work order.
    ASSERT_TRUE(d.scan("6901234567892"));
    d.frame(2);
    ASSERT_TRUE(screen->moveDialog().isOpen());
    EXPECT_TRUE(d.visible(tr("warehouse.issue.title", {{"name", "机油滤清器"}}), "move"));
    ASSERT_TRUE(d.click(tr("warehouse.issue.to_order"), "move/target"));
    EXPECT_TRUE(d.visible(tr("warehouse.issue.order_hint"), "move/target"));
    ASSERT_TRUE(d.scan(orderNo));
    d.frame(2);
    EXPECT_TRUE(screen->moveDialog().isOpen()) << "the scan chose the order, the dialog stays";
    const WidgetRecord* ok = d.find(tr("warehouse.issue.ok"), "move");
    ASSERT_NE(ok, nullptr);
    EXPECT_FALSE(ok->enabled) << "no quantity yet";
    typeQty(d, "5");
    EXPECT_TRUE(d.visible(tr("warehouse.issue.bin_choice", {{"bin", "A-01-03"}, {"qty", "5"}}), "move/from"));
    ASSERT_TRUE(d.click(tr("warehouse.issue.ok"), "move"));
    d.frame(2);
    EXPECT_FALSE(screen->moveDialog().isOpen());

    EXPECT_EQ(onHandIn(*app, filter, binA), 0);
    EXPECT_EQ(issuedToOrder(*app, filter), 5'000);
    auto moves = stock(*app).movements(filter).value();
    ASSERT_FALSE(moves.empty());
    EXPECT_EQ(moves[0].kind, "issue");
    EXPECT_EQ(moves[0].qtyMilli, -5'000);
    EXPECT_EQ(moves[0].workOrderId, orderId);
    const std::string done = tr("warehouse.issue.done_order", {{"name", "机油滤清器"},
                                                              {"qty", "5"},
                                                              {"unit", piece()},
                                                              {"bin", "A-01-03"},
                                                              {"order", orderNo}});
    EXPECT_TRUE(d.visible(done, "lookup/done")) << "a large confirmation";

    ASSERT_TRUE(d.click(tr("warehouse.undo"), "lookup/done"));
    d.frame(2);
    EXPECT_EQ(onHandIn(*app, filter, binA), 5'000);
    EXPECT_EQ(issuedToOrder(*app, filter), 0);
    EXPECT_FALSE(d.visible(done, "lookup/done"));
}

TEST_F(WarehouseMoves, ScanAWorkOrderThenEachPartScannedIssuesOneAndReturnsComeBack) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<StockLookupScreen*>(open(*app, d, "warehouse.home.lookup"));
    ASSERT_NE(screen, nullptr);

    ASSERT_TRUE(d.scan(orderNo));
    d.frame(2);
    ASSERT_TRUE(screen->issuingTo().has_value());
    EXPECT_EQ(screen->issuingTo()->id, orderId);
    EXPECT_TRUE(d.visible(tr("warehouse.issue.mode_title", {{"number", orderNo}}), "lookup/issue-to"));

    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(d.scan("6901234567892"));
        d.frame(2);
    }
    ASSERT_TRUE(d.scan("6901234567809"));  // a wiper blade from B-02-01
    d.frame(2);
    EXPECT_EQ(issuedToOrder(*app, filter), 3'000);
    EXPECT_EQ(issuedToOrder(*app, wiper), 1'000);
    EXPECT_EQ(onHandIn(*app, filter, binA), 2'000);
    EXPECT_EQ(onHandIn(*app, wiper, binB), 3'000);
    EXPECT_TRUE(d.visible(tr("warehouse.issue.done_order",
                             {{"name", "雨刮片"}, {"qty", "1"}, {"unit", piece()}, {"bin", "B-02-01"}, {"order", orderNo}}),
                          "lookup/done"));
    // Scanned one wiper too many: undo last.
    ASSERT_TRUE(d.click(tr("warehouse.undo"), "lookup/done"));
    d.frame(2);
    EXPECT_EQ(issuedToOrder(*app, wiper), 0);
    EXPECT_EQ(onHandIn(*app, wiper, binB), 4'000);

    // Two filters come back from the order: more than went to it is refused and nothing is written.
    ASSERT_TRUE(d.scan("FLT-OIL-0042"));  // its SKU: one more goes to the order
    d.frame(2);
    EXPECT_EQ(issuedToOrder(*app, filter), 4'000);
    ASSERT_TRUE(d.click(tr("warehouse.return.button"), "lookup/part"));
    d.frame(2);
    ASSERT_TRUE(screen->moveDialog().isOpen());
    EXPECT_TRUE(d.visible(tr("warehouse.return.issued", {{"qty", "4"}, {"unit", piece()}}), "move/target"))
        << "the order chosen already";
    typeQty(d, "9");
    ASSERT_TRUE(d.click(tr("warehouse.return.ok"), "move"));
    d.frame(2);
    EXPECT_TRUE(d.visible(tr("warehouse.return.too_many", {{"qty", "4"}, {"unit", piece()}}), "move"));
    EXPECT_EQ(issuedToOrder(*app, filter), 4'000);
    ASSERT_TRUE(d.click(tr("keypad.backspace"), "move"));
    typeQty(d, "2");
    ASSERT_TRUE(d.click(tr("warehouse.return.ok"), "move"));
    d.frame(2);
    EXPECT_FALSE(screen->moveDialog().isOpen());
    EXPECT_EQ(issuedToOrder(*app, filter), 2'000);
    EXPECT_EQ(onHandIn(*app, filter, binA), 3'000);
    EXPECT_TRUE(d.visible(tr("warehouse.return.done", {{"name", "机油滤清器"}, {"qty", "2"}, {"unit", piece()}, {"bin", "A-01-03"}}),
                          "lookup/done"));
    ASSERT_TRUE(d.click(tr("warehouse.undo"), "lookup/done"));
    d.frame(2);
    EXPECT_EQ(issuedToOrder(*app, filter), 4'000);
    EXPECT_EQ(onHandIn(*app, filter, binA), 1'000);

    ASSERT_TRUE(d.click(tr("warehouse.issue.finish"), "lookup/issue-to"));
    d.frame(2);
    EXPECT_FALSE(screen->issuingTo().has_value());
    ASSERT_TRUE(d.scan("6901234567892"));
    d.frame(2);
    EXPECT_EQ(issuedToOrder(*app, filter), 4'000) << "after 完成 a scan only looks up";
}

TEST_F(WarehouseMoves, IssueForAReasonAndReturnForAReasonThenUndo) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<StockLookupScreen*>(open(*app, d, "warehouse.home.lookup"));
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.scan("6901234567892"));
    d.frame(2);

    ASSERT_TRUE(d.click(tr("warehouse.issue.button"), "lookup/part"));
    d.frame(2);
    typeQty(d, "2");
    EXPECT_FALSE(d.find(tr("warehouse.issue.ok"), "move")->enabled) << "neither an order nor a reason yet";
    EXPECT_TRUE(d.visible(tr("warehouse.issue.pick_target"), "move"));
    ASSERT_TRUE(d.click(tr("warehouse.issue.to_reason"), "move/target"));
    ASSERT_TRUE(d.click(tr("warehouse.issue.reason.damaged"), "move/target/reasons"));
    ASSERT_TRUE(d.click(tr("warehouse.issue.ok"), "move"));
    d.frame(2);
    EXPECT_EQ(onHandIn(*app, filter, binA), 3'000);
    auto moves = stock(*app).movements(filter).value();
    EXPECT_EQ(moves[0].kind, "issue");
    EXPECT_EQ(moves[0].reason, "damaged");
    EXPECT_FALSE(moves[0].workOrderId.has_value());
    EXPECT_TRUE(d.visible(tr("warehouse.issue.done_reason", {{"name", "机油滤清器"},
                                                             {"qty", "2"},
                                                             {"unit", piece()},
                                                             {"bin", "A-01-03"},
                                                             {"reason", tr("warehouse.issue.reason.damaged")}}),
                          "lookup/done"));
    ASSERT_TRUE(d.click(tr("warehouse.undo"), "lookup/done"));
    d.frame(2);
    EXPECT_EQ(onHandIn(*app, filter, binA), 5'000);

    // A return for a reason, into the part's bin (chosen already).
    ASSERT_TRUE(d.click(tr("warehouse.return.button"), "lookup/part"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("warehouse.return.for_reason"), "move/target"));
    ASSERT_TRUE(d.click(tr("warehouse.issue.reason.other"), "move/target/reasons"));
    typeQty(d, "1");
    ASSERT_TRUE(d.click(tr("warehouse.return.ok"), "move"));
    d.frame(2);
    EXPECT_EQ(onHandIn(*app, filter, binA), 6'000);
    EXPECT_EQ(stock(*app).movements(filter).value()[0].kind, "return");
    ASSERT_TRUE(d.click(tr("warehouse.undo"), "lookup/done"));
    d.frame(2);
    EXPECT_EQ(onHandIn(*app, filter, binA), 5'000);
}

TEST_F(WarehouseMoves, TransferAToBAndTheSameBinIsRefused) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<StockLookupScreen*>(open(*app, d, "warehouse.home.transfer"));
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.scan("6901234567892"));
    d.frame(2);
    ASSERT_TRUE(screen->moveDialog().isOpen()) << "a part scanned on 库位调拨 opens its transfer";
    ASSERT_EQ(screen->moveDialog().kind(), MoveKind::kTransfer);
    typeQty(d, "3");
    const std::string a = tr("warehouse.issue.bin_choice", {{"bin", "A-01-03"}, {"qty", "5"}});
    const std::string b = tr("warehouse.issue.bin_choice", {{"bin", "B-02-01"}, {"qty", "0"}});
    EXPECT_TRUE(d.visible(tr("warehouse.transfer.pick_to"), "move"));
    // To the bin it comes from: said, OK off, nothing written.
    ASSERT_TRUE(d.click(a, "move/to"));
    EXPECT_TRUE(d.visible(tr("warehouse.transfer.same_bin"), "move"));
    EXPECT_FALSE(d.find(tr("warehouse.transfer.ok"), "move")->enabled);
    EXPECT_EQ(stock(*app).movements(filter).value().size(), 1u);

    ASSERT_TRUE(d.click(b, "move/to"));
    EXPECT_FALSE(d.visible(tr("warehouse.transfer.same_bin"), "move"));
    ASSERT_TRUE(d.click(tr("warehouse.transfer.ok"), "move"));
    d.frame(2);
    EXPECT_EQ(onHandIn(*app, filter, binA), 2'000);
    EXPECT_EQ(onHandIn(*app, filter, binB), 3'000);
    EXPECT_EQ(stock(*app).onHand(filter).value(), 5'000);
    EXPECT_TRUE(d.visible(tr("warehouse.transfer.done", {{"name", "机油滤清器"},
                                                         {"qty", "3"},
                                                         {"unit", piece()},
                                                         {"from", "A-01-03"},
                                                         {"to", "B-02-01"}}),
                          "lookup/done"));
    ASSERT_TRUE(d.click(tr("warehouse.undo"), "lookup/done"));
    d.frame(2);
    EXPECT_EQ(onHandIn(*app, filter, binA), 5'000);
    EXPECT_EQ(onHandIn(*app, filter, binB), 0);
}

TEST_F(WarehouseMoves, ShortStockAsksThenTakesWhenConfirmedAndZeroIsRefused) {
    auto app = makeApp(Mode::kWarehouse);
    ASSERT_NE(app, nullptr);
    HeadlessDriver d = driveApp(*app);
    auto* screen = dynamic_cast<StockLookupScreen*>(open(*app, d, "warehouse.home.lookup"));
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d.scan("6901234567892"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("warehouse.issue.button"), "lookup/part"));
    d.frame(2);
    ASSERT_TRUE(d.click(tr("warehouse.issue.to_reason"), "move/target"));
    ASSERT_TRUE(d.click(tr("warehouse.issue.reason.workshop_use"), "move/target/reasons"));
    // 0: said, OK off.
    typeQty(d, "0");
    EXPECT_TRUE(d.visible(tr("warehouse.error.qty"), "move"));
    EXPECT_FALSE(d.find(tr("warehouse.issue.ok"), "move")->enabled);
    ASSERT_TRUE(d.click(tr("keypad.clear"), "move"));
    // 8 when the books say 5: asked, nothing written until confirmed.
    typeQty(d, "8");
    ASSERT_TRUE(d.click(tr("warehouse.issue.ok"), "move"));
    d.frame(2);
    EXPECT_TRUE(screen->moveDialog().asksToTakeAnyway());
    EXPECT_TRUE(d.visible(tr("warehouse.issue.short", {{"bin", "A-01-03"}, {"qty", "5"}, {"unit", piece()}}), "move"));
    EXPECT_EQ(onHandIn(*app, filter, binA), 5'000);
    ASSERT_TRUE(d.click(tr("warehouse.issue.take_anyway"), "move"));
    d.frame(2);
    EXPECT_FALSE(screen->moveDialog().isOpen());
    EXPECT_EQ(onHandIn(*app, filter, binA), -3'000);
    ASSERT_TRUE(d.click(tr("warehouse.undo"), "lookup/done"));
    d.frame(2);
    EXPECT_EQ(onHandIn(*app, filter, binA), 5'000);
}

}  // namespace
}  // namespace fc::ui
