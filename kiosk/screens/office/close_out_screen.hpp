// Close-out (结算) in the office: before closing, the invoice as it will be issued — every line
// the customer had done with quantity, price, discount, VAT rate, amount and the VAT in it, an
// order discount, totals by rate that add up to the lines exactly — then "结算开票" closes the
// order and issues the invoice in one step (refused, with the reason, while someone is clocked on
// or the job is not ready). After: the invoice's number and totals, its payments (cash, WeChat
// Pay, Alipay, bank card; the payer's reference typed or scanned from their receipt), what is
// still owed, and a credit note that reverses it whole (finance). Parts issued to the order from
// the stock ledger and not on it hold the invoice back: a warning names them with 计入工单 (one tap
// adds them at their price and VAT), or they are closed out as free (warranty, goodwill) after a
// confirmation that records why. No SQL: the services.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/ui/dialogs.hpp"
#include "kiosk/ui/table.hpp"

namespace fc::ui {

class CloseOutScreen final : public Screen {
public:
    CloseOutScreen(AppContext& app, DeskServices services, std::string orderId);
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;  // the payer's receipt: its reference

    // Tests: what is shown.
    const std::optional<core::InvoiceView>& invoice() const { return m_invoice; }
    const std::optional<core::InvoiceView>& draft() const { return m_draft; }
    const std::string& error() const { return m_error; }
    const std::string& lastPdf() const { return m_lastPdf; }
    // Parts issued to the order and not on it (before closing).
    const std::vector<core::UnbilledPart>& unbilled() const { return m_unbilled; }

private:
    void reload(Ui& ui);
    void drawLines(Ui& ui, const core::InvoiceView& v);
    void drawTotals(Ui& ui, const core::InvoiceView& v);
    void drawClose(Ui& ui);
    void drawPayments(Ui& ui);
    void closeOut(Ui& ui, const core::CloseOutOptions& options);

    AppContext& m_app;
    DeskServices m_s;
    std::string m_id;
    DataWatch m_watch;
    std::optional<core::WorkOrderView> m_order;
    std::optional<core::InvoiceView> m_invoice;
    std::optional<core::InvoiceView> m_draft;  // before closing: what will be issued
    std::vector<core::UnbilledPart> m_unbilled;
    ConfirmDialog m_freeParts;  // close out with the unbilled parts given free
    std::string m_error;
    std::string m_plate;
    VirtualTable m_table;

    std::string m_orderDiscount;  // typed, yuan
    int64_t m_orderDiscountFen = 0;
    std::string m_discountError;

    std::string m_method = "wechat";
    std::string m_amount;
    std::string m_reference;
    std::string m_payError;

    ConfirmDialog m_credit;
    std::string m_lastPdf;
};

}  // namespace fc::ui
