// The advisor's work-order editor (office mode): the order's number (provisional and the hub's),
// car, customer (phone masked), advisor, bay and promised time (changeable), concerns, and its
// status with the moves it may make; the lines — labour from the menu and parts — with quantity,
// price, discount, amount, technicians and the customer's answer to extra work; the technicians'
// findings, each one tap from becoming proposed extra work; the car's history with the work the
// customer put off; totals as the invoice will have them; print the work-order sheet and key tag;
// and close-out (CloseOutScreen) once the job is ready. A line opens a dialog: discount, who did
// the work (suggested by skill, load and shift, one tap to override; shares for commission), the
// customer's answer (who, how), remove. Parts issued to the order from the stock ledger and not on
// it show under the lines with 计入工单 (issued_parts_notice.hpp). No SQL: the services in
// DeskServices.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/ui/dialogs.hpp"
#include "kiosk/ui/table.hpp"

namespace fc::ui {

class WorkOrderScreen final : public Screen {
public:
    WorkOrderScreen(AppContext& app, DeskServices services, std::string orderId);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: what is loaded.
    const std::optional<core::WorkOrderView>& order() const { return m_view; }
    const std::string& error() const { return m_error; }
    const std::string& lastPdf() const { return m_lastPdf; }
    const std::optional<core::AssignmentAdvice>& advice() const { return m_advice; }
    const std::vector<core::UnbilledPart>& unbilled() const { return m_unbilled; }
    uint64_t reloads() const { return m_reloads; }

private:
    void reload(Ui& ui);
    void drawHeader(Ui& ui);
    void drawStatus(Ui& ui);
    void drawLines(Ui& ui);
    void drawTotals(Ui& ui);
    void drawFindings(Ui& ui);
    void drawHistory(Ui& ui);
    void drawPrint(Ui& ui);
    void drawLineDialog(Ui& ui);
    void drawAddLabourDialog(Ui& ui);
    void drawAddPartDialog(Ui& ui);
    void drawBayDialog(Ui& ui);
    void drawPromisedDialog(Ui& ui);
    bool run(Ui& ui, const core::Status& s);
    const core::WorkOrderLine* line(const std::string& id) const;
    std::string staffName(const std::string& id) const;
    bool editable() const;

    AppContext& m_app;
    DeskServices m_s;
    std::string m_id;
    DataWatch m_watch;
    uint64_t m_reloads = 0;
    std::optional<core::WorkOrderView> m_view;
    std::string m_error;
    std::string m_customerName, m_phone, m_plate, m_car;
    core::VehicleHistory m_history;
    std::vector<core::StaffMember> m_staff;
    std::vector<core::Bay> m_bays;
    std::optional<core::InvoiceAmounts> m_totals;
    std::optional<std::string> m_invoiceId;
    std::vector<core::UnbilledPart> m_unbilled;  // issued from the shelf, not on the order
    VirtualTable m_table;

    // The line dialog.
    desk::Modal m_lineDialog;
    std::string m_lineId;
    std::string m_discountText;
    std::string m_how;                      // desk.how.* key: how the customer answered
    std::vector<std::string> m_pickedTechs;  // in the order picked; shares split evenly
    std::optional<core::AssignmentAdvice> m_advice;  // who should do it (labour lines)
    std::string m_lineError;
    ConfirmDialog m_removeLine;
    // Adding lines.
    desk::Modal m_addLabour;
    std::string m_findingId;  // the finding a proposed line answers ("" for standard work)
    desk::Modal m_addPart;
    std::string m_partName, m_partQty, m_partPrice;
    std::string m_partError;
    desk::Modal m_bayDialog;
    desk::Modal m_promisedDialog;
    ConfirmDialog m_cancel;
    std::string m_lastPdf;  // the document saved last (its path)
};

}  // namespace fc::ui
