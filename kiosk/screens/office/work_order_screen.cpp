#include "kiosk/screens/office/work_order_screen.hpp"

#include <algorithm>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/screens/office/assignment_text.hpp"
#include "kiosk/screens/office/close_out_screen.hpp"
#include "kiosk/screens/office/issued_parts_notice.hpp"
#include "kiosk/screens/office/printing.hpp"
#include "kiosk/screens/workshop/job_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/bays/tables.hpp"
#include "shared/core/money.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/customers/tables.hpp"
#include "shared/invoicing/tables.hpp"
#include "shared/staff/tables.hpp"
#include "shared/stock/tables.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

using desk::can;
using desk::shownText;

namespace {

std::string yuan(int64_t fen) { return core::Money::fen(fen).format(); }

// "1" for 1000 thousandths, "1.5" for 1500.
std::string quantityText(int64_t milli) {
    std::string s = std::to_string(milli / 1000);
    if (int64_t frac = milli % 1000; frac != 0) {
        std::string f = std::to_string(1000 + frac).substr(1);
        while (!f.empty() && f.back() == '0') f.pop_back();
        s += "." + f;
    }
    return s;
}

// "1.5" → 1500; nullopt for anything but a positive number with at most 3 decimals.
std::optional<int64_t> parseQuantity(std::string_view text) {
    const std::string t(core::trim(text));
    if (t.empty()) return std::nullopt;
    int64_t whole = 0, frac = 0;
    int decimals = -1;
    for (char c : t) {
        if (c == '.') {
            if (decimals >= 0) return std::nullopt;
            decimals = 0;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        if (decimals >= 0) {
            if (++decimals > 3) return std::nullopt;
            frac = frac * 10 + (c - '0');
        } else {
            whole = whole * 10 + (c - '0');
            if (whole > 1'000'000'000) return std::nullopt;
        }
    }
    for (int d = std::max(decimals, 0); d < 3; ++d) frac *= 10;
    const int64_t milli = whole * 1000 + frac;
    if (milli <= 0) return std::nullopt;
    return milli;
}

const char* approvalKey(core::LineApproval a) { return core::lineApprovalKey(a); }

const core::WorkOrderStatus kMoves[] = {core::WorkOrderStatus::kInProgress, core::WorkOrderStatus::kWaitingParts,
                                        core::WorkOrderStatus::kWaitingApproval, core::WorkOrderStatus::kReady};

// Even shares adding up to 100; the first people get the leftover percent.
std::vector<core::TechnicianShare> evenShares(const std::vector<std::string>& ids) {
    std::vector<core::TechnicianShare> out;
    if (ids.empty()) return out;
    const int n = static_cast<int>(ids.size());
    for (int i = 0; i < n; ++i) out.push_back({ids[static_cast<size_t>(i)], 100 / n + (i < 100 % n ? 1 : 0)});
    return out;
}

}  // namespace

WorkOrderScreen::WorkOrderScreen(AppContext& app, DeskServices services, std::string orderId)
    : m_app(app),
      m_s(services),
      m_id(std::move(orderId)),
      m_watch(app.data, {&core::tables::kWorkOrders, &core::tables::kWorkOrderLines, &core::tables::kJobEvents,
                         &core::tables::kTimeEntries, &core::tables::kVehicles, &core::tables::kCustomers,
                         &core::tables::kBays, &core::tables::kStaff, &core::tables::kInvoices,
                         &core::tables::kStockMovements, &core::tables::kParts}) {}

std::string WorkOrderScreen::title() const { return tr("wo.title"); }

bool WorkOrderScreen::run(Ui& ui, const core::Status& s) {
    if (s) return true;
    ui.toasts().show(desk::fieldError(s.error()), ToastKind::kError, 6000);
    return false;
}

bool WorkOrderScreen::editable() const {
    return m_view && !core::isFinal(m_view->job.status) && can(m_app, core::Capability::kManageWorkOrders);
}

const core::WorkOrderLine* WorkOrderScreen::line(const std::string& id) const {
    if (!m_view) return nullptr;
    for (const core::WorkOrderLine& l : m_view->lines)
        if (l.id == id) return &l;
    return nullptr;
}

std::string WorkOrderScreen::staffName(const std::string& id) const {
    for (const core::StaffMember& m : m_staff)
        if (m.id == id) return m.name;
    return tr("wo.unknown_person");
}

void WorkOrderScreen::reload(Ui& ui) {
    ++m_reloads;
    auto v = m_s.workOrders.get(m_id);
    if (!v) {
        m_error = desk::fieldError(v.error());
        m_view.reset();
        return;
    }
    m_error.clear();
    m_view = std::move(v).value();
    std::string glyphs = m_view->concerns;
    if (auto c = m_s.customers.getCustomer(m_view->customerId)) {
        m_customerName = c->name;
        m_phone = c->phones.empty() ? "" : core::maskPhone(c->phones.front());
    }
    if (auto car = m_s.customers.getVehicle(m_view->vehicleId)) {
        m_plate = core::displayPlate(car->plate);
        m_car = desk::joined({car->make, car->model, car->colour}, " ");
    }
    if (auto h = m_s.history.forVehicle(m_view->vehicleId)) {
        m_history = std::move(h).value();
        // This order is not its own history.
        std::erase_if(m_history.orders, [&](const core::PastWorkOrder& o) { return o.id == m_id; });
        std::erase_if(m_history.findings, [&](const core::PastFinding& f) { return f.workOrderId == m_id; });
        std::erase_if(m_history.declined, [&](const core::DeclinedWork& d) { return d.workOrderId == m_id; });
    }
    if (auto staff = m_s.staff.list()) m_staff = std::move(staff).value();
    if (auto bays = m_s.bays.listActive()) m_bays = std::move(bays).value();
    m_invoiceId.reset();
    if (auto inv = m_s.invoices.invoiceOf(m_id); inv && *inv) m_invoiceId = **inv;
    m_totals.reset();
    if (auto p = m_s.invoices.preview(m_id)) m_totals = std::move(p).value();
    m_unbilled.clear();
    if (!m_invoiceId)
        if (auto parts = m_s.invoices.unbilledParts(m_id)) m_unbilled = std::move(parts).value();
    glyphs += desk::issuedPartsGlyphs(m_unbilled);
    glyphs += m_customerName + m_plate + m_car;
    for (const core::WorkOrderLine& l : m_view->lines) glyphs += l.description + l.approvalNote;
    for (const core::Finding& f : m_view->job.findings) glyphs += f.note;
    for (const core::StaffMember& m : m_staff) glyphs += m.name;
    for (const core::Bay& b : m_bays) glyphs += b.nameZh;
    for (const core::PastWorkOrder& o : m_history.orders)
        for (const std::string& w : o.work) glyphs += w;
    for (const core::DeclinedWork& d : m_history.declined) glyphs += d.description + d.findingNote;
    ui.ensureGlyphs(glyphs);
}

void WorkOrderScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!can(m_app, core::Capability::kManageWorkOrders)) {
        text(ui, tr("wo.not_allowed"));
        return;
    }
    if (m_watch.changed()) reload(ui);
    if (!m_view) {
        desk::errorText(ui, m_error.empty() ? tr("wo.not_found") : m_error);
        return;
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool wide = avail > ui.theme().touch * 18;
    if (wide && ImGui::BeginTable("wo-layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("order", ImGuiTableColumnFlags_WidthStretch, 0.64f);
        ImGui::TableSetupColumn("side", ImGuiTableColumnFlags_WidthStretch, 0.36f);
        ImGui::TableNextColumn();
        const float h = ImGui::GetContentRegionAvail().y - 2 * ImGui::GetStyle().CellPadding.y;
        ImGui::BeginChild("##order", ImVec2(0, h), false);
        drawHeader(ui);
        drawStatus(ui);
        drawLines(ui);
        drawTotals(ui);
        dragToScroll(ui);
        ImGui::EndChild();
        ImGui::TableNextColumn();
        ImGui::BeginChild("##side", ImVec2(0, h), false);
        drawPrint(ui);
        drawFindings(ui);
        drawHistory(ui);
        dragToScroll(ui);
        ImGui::EndChild();
        ImGui::EndTable();
    } else {
        ImGui::BeginChild("##order", ImVec2(0, 0), false);
        drawHeader(ui);
        drawStatus(ui);
        drawLines(ui);
        drawTotals(ui);
        drawPrint(ui);
        drawFindings(ui);
        drawHistory(ui);
        dragToScroll(ui);
        ImGui::EndChild();
    }
    drawLineDialog(ui);
    drawAddLabourDialog(ui);
    drawAddPartDialog(ui);
    drawBayDialog(ui);
    drawPromisedDialog(ui);
    if (auto a = m_cancel.draw(ui, "cancel-order"); a && *a && m_app.staff &&
                                                    run(ui, m_s.workOrders.changeStatus(*m_app.staff, m_id,
                                                                                        core::WorkOrderStatus::kCancelled)))
        ui.toasts().show(tr("wo.cancelled_toast"), ToastKind::kSuccess);
    if (auto a = m_removeLine.draw(ui, "remove-line"); a && *a && m_app.staff &&
                                                      run(ui, m_s.workOrders.removeLine(*m_app.staff, m_lineId)))
        m_lineDialog.close();
}

// [SECTION] the order

void WorkOrderScreen::drawHeader(Ui& ui) {
    const core::WorkOrderView& v = *m_view;
    const core::StoreTime& st = m_s.desk.storeTime();
    {
        FontScope f(ui.largeFont());
        const std::string top = workshop::numberText(v) + "    " + m_plate;
        ImGui::TextUnformatted(top.c_str());
        ui.registry().recordLastItem(top, WidgetKind::kOther);
    }
    std::string who = m_car;
    if (!m_customerName.empty()) who += (who.empty() ? "" : "  ·  ") + m_customerName + " " + m_phone;
    if (v.odometerKm) who += "  ·  " + tr("wo.odometer", {{"km", *v.odometerKm}});
    shownText(ui, who);
    std::string bay = tr("wo.no_bay");
    for (const core::Bay& b : m_bays)
        if (v.bayId && b.id == *v.bayId) bay = desk::bayLabel(b);
    const std::string promised = v.promisedAt ? desk::dateTime(st, *v.promisedAt) : tr("wo.no_promise");
    const std::string advisor = v.advisorId ? staffName(*v.advisorId) : "—";
    shownText(ui, tr("wo.meta", {{"advisor", advisor}, {"opened", desk::dateTime(st, v.openedAt)}}));
    ScopedWidgetScope scope(ui.registry(), "meta");
    const std::string bayText = tr("wo.bay", {{"bay", bay}});
    if (button(ui, bayText, {.enabled = editable(), .id = "bay"})) m_bayDialog.open();
    ImGui::SameLine();
    const bool late = v.promisedAt && *v.promisedAt < ui.nowMs() && v.job.status != core::WorkOrderStatus::kReady &&
                      !core::isFinal(v.job.status);
    const std::string promisedText = tr(late ? "wo.promised_late" : "wo.promised", {{"time", promised}});
    if (button(ui, promisedText, {.kind = late ? ButtonKind::kDanger : ButtonKind::kSecondary, .enabled = editable(),
                                  .id = "promised"}))
        m_promisedDialog.open();
    if (!v.concerns.empty()) text(ui, tr("wo.concerns", {{"text", v.concerns}}));
}

void WorkOrderScreen::drawStatus(Ui& ui) {
    const core::WorkOrderView& v = *m_view;
    const core::DerivedJob& j = v.job;
    ScopedWidgetScope scope(ui.registry(), "status");
    std::string state = tr("wo.status", {{"status", workshop::statusLabel(j.status)}});
    if (!j.clockedOn.empty()) {
        std::vector<std::string> names;
        for (const std::string& id : j.clockedOn) names.push_back(staffName(id));
        state += "  ·  " + tr("wo.clocked_on", {{"names", desk::joined(names)}});
    }
    state += "  ·  " + (v.number ? tr("workshop.job.synced", {{"number", *v.number}}) : tr("workshop.job.not_synced"));
    shownText(ui, state);
    if (!j.illegal.empty()) desk::errorText(ui, tr("wo.conflicts", {{"count", j.illegal.size()}}));
    if (core::isFinal(j.status)) {
        if (m_invoiceId && button(ui, tr("wo.show_invoice"), {.kind = ButtonKind::kPrimary, .id = "invoice"}))
            m_app.router.push(std::make_unique<CloseOutScreen>(m_app, m_s, m_id));
        return;
    }
    bool first = true;
    for (core::WorkOrderStatus to : kMoves) {
        if (!core::canMove(j.status, to)) continue;
        const bool rework = to == core::WorkOrderStatus::kInProgress && j.status == core::WorkOrderStatus::kReady;
        const std::string label =
            rework ? tr("wo.move.rework") : tr(("wo.move." + std::string(core::workOrderStatusKey(to))).c_str());
        if (!first) ImGui::SameLine();
        first = false;
        if (button(ui, label, {.id = core::workOrderStatusKey(to)}) && m_app.staff &&
            run(ui, m_s.workOrders.changeStatus(*m_app.staff, m_id, to)))
            ui.toasts().show(tr("wo.status_toast", {{"status", workshop::statusLabel(to)}}), ToastKind::kSuccess);
    }
    if (!first) ImGui::SameLine();
    if (button(ui, tr("wo.close_out"), {.kind = ButtonKind::kPrimary,
                                        .enabled = j.status == core::WorkOrderStatus::kReady, .id = "close-out"}))
        m_app.router.push(std::make_unique<CloseOutScreen>(m_app, m_s, m_id));
    ImGui::SameLine();
    if (button(ui, tr("wo.cancel"), {.kind = ButtonKind::kDanger, .id = "cancel"}))
        m_cancel.open({.title = tr("wo.cancel_q"), .message = tr("wo.cancel_msg"), .yes = tr("wo.cancel_yes"),
                       .no = tr("common.cancel"), .danger = true});
    if (j.status != core::WorkOrderStatus::kReady) mutedText(ui, tr("wo.close_out_hint"));
}

void WorkOrderScreen::drawLines(Ui& ui) {
    const core::WorkOrderView& v = *m_view;
    space(ui, 0.5f);
    heading(ui, tr("wo.lines", {{"count", v.lines.size()}}));
    {
        ScopedWidgetScope scope(ui.registry(), "add");
        if (button(ui, tr("wo.add_labour"), {.enabled = editable(), .id = "add-labour"})) {
            m_findingId.clear();
            m_addLabour.open();
        }
        ImGui::SameLine();
        if (button(ui, tr("wo.add_part"), {.enabled = editable(), .id = "add-part"})) {
            m_partName.clear();
            m_partQty = "1";
            m_partPrice.clear();
            m_partError.clear();
            m_addPart.open();
        }
    }
    if (desk::issuedPartsNotice(ui, m_app, m_s.invoices, m_id, m_unbilled, editable())) m_watch.invalidate();
    if (v.lines.empty()) {
        mutedText(ui, tr("wo.no_lines"));
        return;
    }
    const std::vector<TableColumn> cols = {{tr("wo.col.item"), 2.2f},   {tr("wo.col.qty"), 0.6f},
                                           {tr("wo.col.price"), 1.0f},  {tr("wo.col.discount"), 0.9f},
                                           {tr("wo.col.amount"), 1.0f}, {tr("wo.col.technicians"), 1.3f},
                                           {tr("wo.col.approval"), 1.0f}};
    TableOptions options;
    // Every line shows: the order's pane scrolls, not the table inside it.
    options.height = ui.theme().touch * (static_cast<float>(v.lines.size()) + 1.4f);
    auto row = m_table.draw(
        ui, "lines", cols, static_cast<int>(v.lines.size()),
        [&](int r, int c, std::string& scratch) -> std::string_view {
            const core::WorkOrderLine& l = v.lines[static_cast<size_t>(r)];
            const int64_t gross = core::roundHalfUpDiv(l.quantityMilli, l.unitPriceFen, 1000);
            switch (c) {
                case 0:
                    return scratch = (l.kind == core::LineKind::kPart ? tr("wo.part_prefix") : std::string()) +
                                     l.description;
                case 1: return scratch = quantityText(l.quantityMilli);
                case 2: return scratch = yuan(l.unitPriceFen);
                case 3: return scratch = l.discountFen ? yuan(l.discountFen) : "—";
                case 4: return scratch = yuan(gross - l.discountFen);
                case 5: {
                    if (l.kind != core::LineKind::kLabour) return "";
                    if (l.technicians.empty()) return scratch = tr("wo.unassigned");
                    std::vector<std::string> names;
                    for (const core::TechnicianShare& s : l.technicians)
                        names.push_back(l.technicians.size() > 1 ? staffName(s.staffId) + " " + std::to_string(s.pct) + "%"
                                                                 : staffName(s.staffId));
                    return scratch = desk::joined(names);
                }
                default: return scratch = tr(("wo.approval." + std::string(approvalKey(l.approval))).c_str());
            }
        },
        options);
    if (row) {
        const core::WorkOrderLine& l = v.lines[static_cast<size_t>(*row)];
        m_lineId = l.id;
        m_discountText = l.discountFen ? core::Money::fen(l.discountFen).format() : "";
        if (!m_discountText.empty() && m_discountText.rfind("¥", 0) == 0) m_discountText = m_discountText.substr(2);
        m_pickedTechs.clear();
        for (const core::TechnicianShare& s : l.technicians) m_pickedTechs.push_back(s.staffId);
        m_how.clear();
        m_lineError.clear();
        m_advice.reset();
        if (l.kind == core::LineKind::kLabour && m_s.assignment)
            if (auto a = m_s.assignment->forLine(l.id, ui.nowMs())) {
                m_advice = std::move(a).value();
                std::string glyphs;
                for (const auto& c : m_advice->candidates) glyphs += assignmentReasonText(c.reason);
                ui.ensureGlyphs(glyphs + noneQualifiedText(m_advice->skill));
            }
        m_lineDialog.open();
    }
}

void WorkOrderScreen::drawTotals(Ui& ui) {
    if (!m_totals) return;
    const core::InvoiceTotals& t = m_totals->totals;
    space(ui, 0.3f);
    std::string line = tr("wo.totals", {{"labour", yuan(t.labourAmountFen)},
                                        {"parts", yuan(t.partsAmountFen)},
                                        {"discount", yuan(t.lineDiscountFen)},
                                        {"tax", yuan(t.taxFen)}});
    shownText(ui, line);
    FontScope f(ui.largeFont());
    const std::string total = tr("wo.total", {{"total", yuan(t.amountFen)}});
    ImGui::TextUnformatted(total.c_str());
    ui.registry().recordLastItem(total, WidgetKind::kOther);
}

// [SECTION] the side: print, findings, history

void WorkOrderScreen::drawPrint(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "print");
    auto save = [&](desk::Document what) {
        auto path = desk::savePdf(m_app, m_s.print, what, m_id);
        if (!path) {
            ui.toasts().show(tr("print.failed", {{"detail", path.error().message}}), ToastKind::kError, 8000);
            return;
        }
        m_lastPdf = *path;
        ui.ensureGlyphs(*path);
        ui.toasts().show(tr("print.saved", {{"path", *path}}), ToastKind::kSuccess, 6000);
    };
    if (button(ui, tr("print.work_order"), {.id = "print-sheet"})) save(desk::Document::kWorkOrderSheet);
    ImGui::SameLine();
    if (button(ui, tr("print.key_tag"), {.id = "print-key-tag"})) save(desk::Document::kKeyTag);
    if (!m_lastPdf.empty()) mutedText(ui, tr("print.last", {{"path", m_lastPdf}}));
    space(ui, 0.5f);
}

void WorkOrderScreen::drawFindings(Ui& ui) {
    const core::WorkOrderView& v = *m_view;
    heading(ui, tr("wo.findings", {{"count", v.job.findings.size()}}));
    if (v.job.findings.empty()) {
        mutedText(ui, tr("wo.no_findings"));
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "findings");
    for (const core::Finding& f : v.job.findings) {
        ImGui::PushID(f.factId.c_str());
        const bool red = f.level == "red";
        ImGui::PushStyleColor(ImGuiCol_Text, red ? ui.colors().danger : ui.colors().warning);
        text(ui, tr(red ? "wo.finding_red" : "wo.finding_yellow", {{"note", f.note}}));
        ImGui::PopStyleColor();
        bool proposed = false;
        for (const core::WorkOrderLine& l : v.lines) proposed |= l.findingEventId == f.factId;
        if (proposed) {
            mutedText(ui, tr("wo.finding_proposed"));
        } else if (button(ui, tr("wo.propose"), {.enabled = editable(), .id = "propose"})) {
            m_findingId = f.factId;
            m_addLabour.open();
        }
        ImGui::PopID();
    }
}

void WorkOrderScreen::drawHistory(Ui& ui) {
    const core::StoreTime& st = m_s.desk.storeTime();
    space(ui, 0.5f);
    heading(ui, tr("wo.history"));
    ScopedWidgetScope scope(ui.registry(), "history");
    if (m_history.orders.empty() && m_history.declined.empty()) {
        mutedText(ui, tr("wo.history_none"));
        return;
    }
    for (const core::DeclinedWork& d : m_history.declined) {
        const std::string finding =
            d.findingNote.empty() ? std::string() : tr("desk.repair.finding", {{"note", d.findingNote}});
        ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().warning);
        text(ui, tr("desk.repair.declined", {{"work", d.description}, {"finding", finding}, {"date", desk::date(st, d.at)}}));
        ImGui::PopStyleColor();
    }
    for (const core::PastWorkOrder& o : m_history.orders) {
        std::string line = desk::date(st, o.openedAt) + "  " + o.number + "  " + workshop::statusLabel(o.status);
        if (!o.work.empty()) line += "  " + desk::joined(o.work);
        if (o.odometerKm) line += "  " + tr("wo.odometer", {{"km", *o.odometerKm}});
        mutedText(ui, line);
    }
}

// [SECTION] dialogs

void WorkOrderScreen::drawLineDialog(Ui& ui) {
    if (!m_lineDialog.begin(ui, "line")) return;
    const core::WorkOrderLine* l = line(m_lineId);
    if (!l || !m_app.staff) {
        m_lineDialog.close();
        m_lineDialog.end();
        return;
    }
    const core::Session& by = *m_app.staff;
    heading(ui, l->description);
    const int64_t gross = core::roundHalfUpDiv(l->quantityMilli, l->unitPriceFen, 1000);
    shownText(ui, tr("wo.line.summary", {{"qty", quantityText(l->quantityMilli)},
                                         {"price", yuan(l->unitPriceFen)},
                                         {"gross", yuan(gross)},
                                         {"rate", l->taxRateBp / 100}}));
    if (!l->approvalNote.empty()) mutedText(ui, tr("wo.line.answered", {{"note", l->approvalNote}}));
    const bool canEdit = editable();
    // The customer's answer to extra work: how they answered, then yes or no.
    if (l->approval == core::LineApproval::kProposed) {
        space(ui, 0.5f);
        shownText(ui, tr("wo.line.ask"));
        ScopedWidgetScope scope(ui.registry(), "answer");
        bool first = true;
        for (const char* how : {"in_person", "phone", "wechat"}) {
            const std::string key = std::string("wo.how.") + how;
            desk::chipRowNext(ui, tr(key.c_str()), m_how == how, first);
            first = false;
            if (desk::chip(ui, tr(key.c_str()), m_how == how, how)) m_how = how;
        }
        const bool ready = canEdit && !m_how.empty();
        if (button(ui, tr("wo.line.approve"), {.kind = ButtonKind::kPrimary, .enabled = ready, .id = "approve"}) &&
            run(ui, m_s.workOrders.answerExtraWork(by, l->id, true, tr(("wo.how." + m_how).c_str()))))
            m_lineDialog.close();
        ImGui::SameLine();
        if (button(ui, tr("wo.line.decline"), {.kind = ButtonKind::kDanger, .enabled = ready, .id = "decline"}) &&
            run(ui, m_s.workOrders.answerExtraWork(by, l->id, false, tr(("wo.how." + m_how).c_str()))))
            m_lineDialog.close();
        if (m_how.empty()) mutedText(ui, tr("wo.line.how_first"));
    }
    // Discount.
    space(ui, 0.5f);
    {
        ScopedWidgetScope scope(ui.registry(), "discount");
        const float w = ui.theme().touch * 4;
        textField(ui, tr("wo.line.discount"), m_discountText, {.hint = "0.00", .maxChars = 12, .width = w});
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
        if (button(ui, tr("wo.line.set_discount"), {.enabled = canEdit, .id = "set-discount"})) {
            const std::string typed(core::trim(m_discountText));
            auto money = typed.empty() ? std::optional(core::Money::fen(0)) : core::Money::parse(typed);
            if (!money || money->fen() < 0) {
                m_lineError = tr("wo.line.bad_discount", {{"text", typed}});
            } else if (auto r = m_s.workOrders.setDiscount(by, l->id, money->fen()); !r) {
                m_lineError = desk::fieldError(r.error());
            } else {
                m_lineError.clear();
                ui.toasts().show(tr("wo.line.discount_set"), ToastKind::kSuccess);
            }
        }
    }
    // Who did the work (labour): shares split evenly for commission.
    if (l->kind == core::LineKind::kLabour) {
        space(ui, 0.5f);
        shownText(ui, tr("wo.line.technicians"));
        ScopedWidgetScope scope(ui.registry(), "technicians");
        // The suggestion, explained in one line; one tap gives them the whole line.
        if (m_advice) {
            if (m_advice->noneQualifiedOnShift)
                desk::errorText(ui, noneQualifiedText(m_advice->skill));
            // The best one as a button; the next two as their one line, for comparison.
            size_t shown = 0;
            for (const core::AssignmentCandidate& c : m_advice->candidates) {
                if (shown == 3) break;
                const std::string why = assignmentReasonText(c.reason);
                if (shown++ > 0 || m_advice->suggested() != &c) {
                    mutedText(ui, why);
                    continue;
                }
                if (button(ui, tr("assign.pick_suggested", {{"reason", why}}),
                           {.kind = ButtonKind::kPrimary, .width = -1, .enabled = canEdit, .id = "suggested"})) {
                    if (auto r = m_s.workOrders.assignTechnicians(by, l->id, {{c.staffId, 100}}); !r) {
                        m_lineError = desk::fieldError(r.error());
                    } else {
                        m_pickedTechs = {c.staffId};
                        m_lineError.clear();
                        ui.toasts().show(tr("wo.line.assigned"), ToastKind::kSuccess);
                    }
                }
            }
            mutedText(ui, tr("assign.or_pick"));
        }
        bool first = true;
        for (const core::StaffMember& m : m_staff) {
            if (!m.active || m.role != core::StaffRole::kTechnician) continue;
            const bool on = std::find(m_pickedTechs.begin(), m_pickedTechs.end(), m.id) != m_pickedTechs.end();
            desk::chipRowNext(ui, m.name, on, first);
            first = false;
            ImGui::PushID(m.id.c_str());
            if (desk::chip(ui, m.name, on, m.id)) {
                if (on) std::erase(m_pickedTechs, m.id);
                else m_pickedTechs.push_back(m.id);
            }
            ImGui::PopID();
        }
        const auto shares = evenShares(m_pickedTechs);
        if (shares.size() > 1) {
            std::vector<std::string> parts;
            for (const auto& s : shares) parts.push_back(staffName(s.staffId) + " " + std::to_string(s.pct) + "%");
            mutedText(ui, tr("wo.line.shares", {{"shares", desk::joined(parts)}}));
        }
        if (button(ui, tr("wo.line.assign"), {.kind = ButtonKind::kPrimary, .enabled = canEdit, .id = "assign"})) {
            if (auto r = m_s.workOrders.assignTechnicians(by, l->id, shares); !r) {
                m_lineError = desk::fieldError(r.error());
            } else {
                m_lineError.clear();
                ui.toasts().show(tr("wo.line.assigned"), ToastKind::kSuccess);
            }
        }
    }
    if (!m_lineError.empty()) desk::errorText(ui, m_lineError);
    space(ui, 0.5f);
    if (button(ui, tr("wo.line.remove"), {.kind = ButtonKind::kDanger, .enabled = canEdit, .id = "remove"}))
        m_removeLine.open({.title = tr("wo.line.remove_q", {{"line", l->description}}), .message = "",
                           .yes = tr("wo.line.remove"), .no = tr("common.cancel"), .danger = true});
    ImGui::SameLine();
    if (button(ui, tr("common.close"), {.id = "close"})) m_lineDialog.close();
    m_lineDialog.end();
}

void WorkOrderScreen::drawAddLabourDialog(Ui& ui) {
    if (!m_addLabour.begin(ui, "add-labour")) return;
    heading(ui, tr(m_findingId.empty() ? "wo.add_labour" : "wo.propose_title"));
    if (!m_findingId.empty()) mutedText(ui, tr("wo.propose_hint"));
    auto menu = m_s.catalog.menu();
    if (!menu) {
        desk::errorText(ui, desk::fieldError(menu.error()));
    } else {
        ScopedWidgetScope scope(ui.registry(), "menu");
        bool first = true;
        for (const core::ServiceItem& item : (*menu)->offered()) {
            const std::string name = desk::english() && !item.nameEn.empty() ? item.nameEn : item.nameZh;
            desk::chipRowNext(ui, name, false, first);
            first = false;
            if (desk::chip(ui, name, false, item.code) && m_app.staff) {
                const auto approval = m_findingId.empty() ? core::LineApproval::kStandard : core::LineApproval::kProposed;
                if (auto r = m_s.workOrders.addLabour(*m_app.staff, m_id, item.code, approval, m_findingId); !r) {
                    ui.toasts().show(desk::fieldError(r.error()), ToastKind::kError, 6000);
                } else {
                    ui.toasts().show(tr("wo.line_added", {{"line", name}}), ToastKind::kSuccess);
                    m_addLabour.close();
                }
            }
        }
    }
    space(ui, 0.5f);
    if (button(ui, tr("common.cancel"), {.width = -1, .id = "cancel"})) m_addLabour.close();
    m_addLabour.end();
}

void WorkOrderScreen::drawAddPartDialog(Ui& ui) {
    if (!m_addPart.begin(ui, "add-part")) return;
    heading(ui, tr("wo.add_part"));
    textField(ui, tr("wo.part.name"), m_partName, {.hint = tr("wo.part.name_hint"), .maxChars = 200});
    const float w = ui.theme().touch * 3.5f;
    textField(ui, tr("wo.part.qty"), m_partQty, {.maxChars = 12, .width = w});
    ImGui::SameLine();
    ImGui::BeginGroup();
    textField(ui, tr("wo.part.price"), m_partPrice, {.hint = "0.00", .maxChars = 14, .width = w});
    ImGui::EndGroup();
    if (!m_partError.empty()) desk::errorText(ui, m_partError);
    if (button(ui, tr("wo.part.add"), {.kind = ButtonKind::kPrimary, .id = "add"}) && m_app.staff) {
        const auto qty = parseQuantity(m_partQty);
        const auto price = core::Money::parse(core::trim(m_partPrice));
        if (core::trim(m_partName).empty()) {
            m_partError = tr("wo.part.name_needed");
        } else if (!qty) {
            m_partError = tr("wo.part.bad_qty", {{"text", m_partQty}});
        } else if (!price || price->fen() < 0) {
            m_partError = tr("wo.part.bad_price", {{"text", m_partPrice}});
        } else if (auto r = m_s.workOrders.addPart(*m_app.staff, m_id, m_partName, *qty, price->fen()); !r) {
            m_partError = desk::fieldError(r.error());
        } else {
            ui.toasts().show(tr("wo.line_added", {{"line", m_partName}}), ToastKind::kSuccess);
            m_addPart.close();
        }
    }
    ImGui::SameLine();
    if (button(ui, tr("common.cancel"), {.id = "cancel"})) m_addPart.close();
    m_addPart.end();
}

void WorkOrderScreen::drawBayDialog(Ui& ui) {
    if (!m_bayDialog.begin(ui, "bay")) return;
    heading(ui, tr("wo.bay_title"));
    bool first = true;
    const std::optional<std::string> now = m_view ? m_view->bayId : std::nullopt;
    for (const core::Bay& b : m_bays) {
        const std::string label = desk::bayLabel(b);
        desk::chipRowNext(ui, label, now == b.id, first);
        first = false;
        if (desk::chip(ui, label, now == b.id, b.id) && m_app.staff &&
            run(ui, m_s.workOrders.edit(*m_app.staff, m_id, {.bayId = std::optional<std::string>(b.id)})))
            m_bayDialog.close();
    }
    desk::chipRowNext(ui, tr("wo.no_bay"), !now, first);
    if (desk::chip(ui, tr("wo.no_bay"), !now, "no-bay") && m_app.staff &&
        run(ui, m_s.workOrders.edit(*m_app.staff, m_id, {.bayId = std::optional<std::string>()})))
        m_bayDialog.close();
    space(ui, 0.5f);
    if (button(ui, tr("common.cancel"), {.width = -1, .id = "cancel"})) m_bayDialog.close();
    m_bayDialog.end();
}

void WorkOrderScreen::drawPromisedDialog(Ui& ui) {
    if (!m_promisedDialog.begin(ui, "promised")) return;
    heading(ui, tr("wo.promised_title"));
    const core::StoreTime& st = m_s.desk.storeTime();
    const int64_t now = ui.nowMs();
    // Half an hour steps from now, and the usual times today and tomorrow.
    struct Choice {
        std::string label;
        int64_t at;
    };
    std::vector<Choice> choices;
    for (int h : {1, 2, 3, 4}) choices.push_back({tr("wo.promise.in_hours", {{"hours", h}}), now + h * 3'600'000LL});
    for (int day : {0, 1})
        for (int hour : {12, 17, 18}) {
            const int64_t at = st.at(now + day * core::StoreTime::kDayMs, hour, 0);
            if (at <= now) continue;
            choices.push_back({tr(day == 0 ? "wo.promise.today" : "wo.promise.tomorrow", {{"time", st.hhmm(at)}}), at});
        }
    bool first = true;
    for (const Choice& c : choices) {
        desk::chipRowNext(ui, c.label, false, first);
        first = false;
        if (desk::chip(ui, c.label, false, c.label) && m_app.staff &&
            run(ui, m_s.workOrders.edit(*m_app.staff, m_id, {.promisedAt = std::optional<int64_t>(c.at)})))
            m_promisedDialog.close();
    }
    space(ui, 0.5f);
    if (button(ui, tr("common.cancel"), {.width = -1, .id = "cancel"})) m_promisedDialog.close();
    m_promisedDialog.end();
}

}  // namespace fc::ui
