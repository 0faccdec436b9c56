// 查询 / Stock lookup, receiving, issue, return and transfer (warehouse mode, signed in): scan
// anything — a part's barcode, its SKU or an OE number typed, a bin's label or a work order's job
// sheet. A part shows what is on hand in total and per bin and its latest movements; a bin shows
// what should be in it and how many; a code two parts share asks which; an unknown code offers to
// link it to an existing part or make one (unknown_code_panel.hpp). From a part: 收货 (receive:
// the quantity on the keypad and the bin, its first bin preselected), 出库 (issue to a work order
// or a reason), 退回 (return) and 移库 (transfer) (stock_move_dialogs.hpp). A scanned work order
// starts 出库到工单: each part scanned then issues 1 to that order from its first bin with stock,
// until 完成. Every move shows a large confirmation with 撤销上一步 (undo last: a compensating
// movement) — moving 20 instead of 2 is put right with one tap. The home's 领料出库 and 库位调拨
// tiles open it ready to issue or to move (a scanned part opens that dialog). Reloads when stock
// or parts change (a local save or another tablet's, through sync). No SQL: PartService,
// StockService, WorkOrderService.
//
//   registry.add({… .make = [](FeatureEnv& e) { return std::make_unique<StockLookupScreen>(e.app,
//                     WarehouseServices::from(e.services), LookupStart::kIssue); }});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/screens/warehouse/stock_move_dialogs.hpp"
#include "kiosk/screens/warehouse/unknown_code_panel.hpp"
#include "kiosk/screens/warehouse/warehouse_common.hpp"
#include "kiosk/ui/keypad.hpp"
#include "shared/stock/part_service.hpp"
#include "shared/stock/stock_service.hpp"

namespace fc::ui {

// What the screen is opened for: looking up (and receiving), or ready to issue or to move.
enum class LookupStart { kLookup, kIssue, kTransfer };

class StockLookupScreen final : public Screen {
public:
    StockLookupScreen(AppContext& app, WarehouseServices services, LookupStart start = LookupStart::kLookup);
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;
    // Shows this part (the low-stock list opens a row here).
    void openPart(const std::string& partId) { showPart(partId); }

    // Tests: what is shown.
    const std::optional<core::Part>& part() const { return m_part; }
    const std::optional<core::Bin>& bin() const { return m_bin; }
    // 出库到工单: the order each scanned part goes to.
    const std::optional<warehouse::OrderRef>& issuingTo() const { return m_issueTo; }
    const StockMoveDialog& moveDialog() const { return m_move; }

private:
    void lookUp(Ui& ui, const std::string& code, bool scanned);
    // One part found: shown; in 出库到工单 one goes to the order; scanned in a starting mode, its
    // issue or transfer dialog opens.
    void partFound(Ui& ui, const std::string& partId, bool scanned);
    void showPart(const std::string& partId);
    void showBin(const core::Bin& bin);
    void reload();
    void done(Ui& ui, const core::StockMove& move, const std::string& text);
    void startIssueTo(Ui& ui, const warehouse::OrderRef& order);
    void issueOne(Ui& ui, bool anyway);
    void drawIssueMode(Ui& ui);
    void drawPart(Ui& ui);
    void drawPartActions(Ui& ui);
    void drawBin(Ui& ui);
    void drawChoices(Ui& ui);
    void drawLastMove(Ui& ui);
    void drawReceive(Ui& ui);
    void receive(Ui& ui);

    AppContext& m_app;
    WarehouseServices m_s;
    LookupStart m_start;
    DataWatch m_watch;
    std::string m_query;
    std::string m_unknown;  // the code nothing matched
    UnknownCodePanel m_unknownPanel;
    std::vector<core::PartMatch> m_choices;
    std::optional<core::Part> m_part;
    core::PartFigures m_figures;
    std::vector<core::BinStock> m_byBin;
    std::vector<core::MovementView> m_moves;
    std::optional<core::Bin> m_bin;
    std::vector<std::pair<core::Part, int64_t>> m_binParts;  // part, on hand in the bin
    // The receive dialog.
    bool m_receiveOpen = false;
    bool m_receiveOpening = false;
    Keypad m_qty{KeypadOptions{.kind = KeypadKind::kNumber, .minLength = 1, .maxLength = 6}};
    std::string m_receiveCost;       // optional: the unit cost in yuan as on the delivery note
    std::string m_receiveReference;  // optional: the delivery note's number
    std::string m_receiveSerial;     // serial- or batch-tracked parts: the serial or batch (DOT week)
    std::vector<core::Bin> m_binChoices;
    size_t m_binChoice = 0;
    std::string m_receiveError;
    // Issue, return and transfer.
    StockMoveDialog m_move;
    // 出库到工单: scanned parts go to this order, one at a time; a part the books have none of
    // waits for 仍然出库 (m_shortPart, from m_shortBin).
    std::optional<warehouse::OrderRef> m_issueTo;
    std::string m_shortPart;
    std::string m_shortBin;
    std::string m_shortText;
    // The last thing done here, while it can be undone.
    std::optional<core::StockMove> m_last;
    std::string m_lastText;
};

}  // namespace fc::ui
