// 出库 / 退回 / 移库 (issue, return, transfer) on the warehouse tablet: one touch dialog for the
// three, opened on the part the lookup shows. The quantity on the keypad; an issue goes to a work
// order (its barcode scanned while the dialog waits, or its number typed) or to a reason, from one
// of the part's bins (each with what the books say is in it); a return comes back from a work
// order or with a reason, into a bin; a transfer goes from one bin to another. Bad input is said
// in the dialog and nothing is written: a quantity of 0, no order or reason, a transfer to the bin
// it comes from (OK stays off), a closed work order, a return of more than went to the order.
// Taking more than the books hold says how many there are and asks: 仍然出库 takes it anyway
// (the shelf, not the books, is the truth). A saved move comes back to the screen as the move to
// undo and its large confirmation. No SQL: StockService, PartService, WorkOrderService.
//
//   StockMoveDialog m_move{services};
//   m_move.open(MoveKind::kIssue, part);                       // on 出库
//   if (auto done = m_move.draw(ui, m_app.staff)) m_last = done->move, m_lastText = done->text;
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/screens/warehouse/warehouse_common.hpp"
#include "kiosk/ui/keypad.hpp"
#include "kiosk/ui/ui.hpp"
#include "shared/staff/session_types.hpp"

namespace fc::ui {

enum class MoveKind { kIssue, kReturn, kTransfer };

// What a saved move leaves for the screen: the movement group to undo and the confirmation.
struct MoveDone {
    core::StockMove move;
    std::string text;
};

class StockMoveDialog {
public:
    explicit StockMoveDialog(WarehouseServices services) : m_s(services) {}

    // Opens on `part`; an issue or a return may start with its work order chosen.
    void open(MoveKind kind, const core::Part& part, const std::optional<warehouse::OrderRef>& order = {});
    bool isOpen() const { return m_open; }
    MoveKind kind() const { return m_kind; }
    // While open: a work order's barcode chooses the order (issue, return), a bin's label the bin
    // (the bin it comes from for an issue, the bin it goes to otherwise). Unknown codes are said
    // in the dialog. True when the dialog is open (the scan is its).
    bool onScan(Ui& ui, const std::string& text);
    // Draws the dialog while open; returns the saved move on the frame it is saved.
    std::optional<MoveDone> draw(Ui& ui, const std::optional<core::Session>& staff);

    // Tests: what the dialog says.
    const std::string& error() const { return m_error; }
    bool asksToTakeAnyway() const { return m_short; }

private:
    enum class Target { kNone, kOrder, kReason };
    struct BinChoice {
        std::string id;
        std::string code;
        int64_t qtyMilli = 0;
    };
    static constexpr size_t kNone = static_cast<size_t>(-1);

    void loadBins();
    void pickBin(bool to, size_t index);
    void takeOrder(Ui& ui, const std::string& typed);
    void drawTarget(Ui& ui);
    void drawBinRow(Ui& ui, const char* id, bool to);
    std::string problem() const;  // bad input that keeps OK off, said in red ("" when none)
    std::string missing() const;  // what is still to be chosen ("" when nothing)
    bool ready() const;
    std::optional<MoveDone> save(Ui& ui, const std::optional<core::Session>& staff, bool anyway);
    std::string doneText(int64_t milli) const;

    WarehouseServices m_s;
    bool m_open = false;
    bool m_opening = false;
    MoveKind m_kind = MoveKind::kIssue;
    core::Part m_part;
    Keypad m_qty{KeypadOptions{.kind = KeypadKind::kNumber, .minLength = 1, .maxLength = 6}};
    Target m_target = Target::kNone;
    std::string m_orderTyped;
    std::optional<warehouse::OrderRef> m_order;
    int64_t m_issuedMilli = 0;  // a return from an order: what went to it, net
    std::string m_reason;
    std::vector<BinChoice> m_from;  // issue and transfer: the part's bins and any holding some
    std::vector<BinChoice> m_to;    // return and transfer: those, then the store's other bins
    size_t m_fromPick = kNone;
    size_t m_toPick = kNone;
    std::string m_error;
    bool m_short = false;  // the books hold less than asked: the person may take it anyway
};

}  // namespace fc::ui
