#include "kiosk/screens/office/close_out_screen.hpp"

#include <map>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/screens/office/issued_parts_notice.hpp"
#include "kiosk/screens/office/printing.hpp"
#include "kiosk/screens/workshop/job_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/money.hpp"
#include "shared/core/text.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/invoicing/tables.hpp"
#include "shared/stock/tables.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

using desk::can;
using desk::shownText;

namespace {

std::string yuan(int64_t fen) { return core::Money::fen(fen).format(); }

// "128.50" for a text field (no currency sign).
std::string plainYuan(int64_t fen) {
    std::string s = std::to_string(fen / 100) + ".";
    const int64_t f = fen % 100;
    s += std::to_string(f / 10) + std::to_string(f % 10);
    return s;
}

std::string quantityText(int64_t milli) {
    std::string s = std::to_string(milli / 1000);
    if (int64_t frac = milli % 1000; frac != 0) {
        std::string f = std::to_string(1000 + frac).substr(1);
        while (!f.empty() && f.back() == '0') f.pop_back();
        s += "." + f;
    }
    return s;
}

std::string rateText(int bp) { return std::to_string(bp / 100) + "%"; }

const char* const kMethods[] = {"wechat", "alipay", "cash", "card"};

}  // namespace

CloseOutScreen::CloseOutScreen(AppContext& app, DeskServices services, std::string orderId)
    : m_app(app),
      m_s(services),
      m_id(std::move(orderId)),
      m_watch(app.data, {&core::tables::kWorkOrders, &core::tables::kWorkOrderLines, &core::tables::kJobEvents,
                         &core::tables::kTimeEntries, &core::tables::kInvoices, &core::tables::kPayments,
                         &core::tables::kStockMovements, &core::tables::kParts}) {}

std::string CloseOutScreen::title() const { return tr("close.title"); }

void CloseOutScreen::reload(Ui& ui) {
    m_error.clear();
    auto order = m_s.workOrders.get(m_id);
    if (!order) {
        m_error = desk::fieldError(order.error());
        return;
    }
    m_order = std::move(order).value();
    if (auto car = m_s.customers.getVehicle(m_order->vehicleId)) m_plate = core::displayPlate(car->plate);
    m_invoice.reset();
    m_draft.reset();
    m_unbilled.clear();
    auto invoiceId = m_s.invoices.invoiceOf(m_id);
    if (!invoiceId) {
        m_error = desk::fieldError(invoiceId.error());
        return;
    }
    std::string glyphs = m_plate;
    if (*invoiceId) {
        auto inv = m_s.invoices.get(**invoiceId);
        if (!inv) {
            m_error = desk::fieldError(inv.error());
            return;
        }
        m_invoice = std::move(inv).value();
        for (const auto& l : m_invoice->lines) glyphs += l.description;
        for (const auto& p : m_invoice->payments) glyphs += p.reference;
        if (m_amount.empty() && m_invoice->owedFen > 0) m_amount = plainYuan(m_invoice->owedFen);
    } else {
        auto draft = m_s.invoices.draft(m_id, m_orderDiscountFen);
        if (!draft) {
            m_discountError = desk::fieldError(draft.error());
            m_orderDiscountFen = 0;
            draft = m_s.invoices.draft(m_id, 0);
        }
        if (draft) {
            m_draft = std::move(draft).value();
            for (const auto& l : m_draft->lines) glyphs += l.description;
        } else {
            m_error = desk::fieldError(draft.error());
        }
        if (auto parts = m_s.invoices.unbilledParts(m_id)) m_unbilled = std::move(parts).value();
        else m_error = desk::fieldError(parts.error());
        glyphs += desk::issuedPartsGlyphs(m_unbilled);
    }
    ui.ensureGlyphs(glyphs);
}

bool CloseOutScreen::onScan(Ui& ui, const std::string& text) {
    if (!m_invoice) return false;
    m_reference = text;
    ui.ensureGlyphs(text);
    return true;
}

void CloseOutScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!can(m_app, core::Capability::kManageWorkOrders)) {
        text(ui, tr("wo.not_allowed"));
        return;
    }
    if (m_watch.changed()) reload(ui);
    if (!m_order) {
        desk::errorText(ui, m_error);
        return;
    }
    {
        FontScope f(ui.largeFont());
        const std::string top = (m_invoice ? tr("close.invoice_no", {{"number", m_invoice->number}})
                                           : tr("close.draft")) +
                                "    " + workshop::numberText(*m_order) + "    " + m_plate;
        ImGui::TextUnformatted(top.c_str());
        ui.registry().recordLastItem(top, WidgetKind::kOther);
    }
    if (!m_error.empty()) desk::errorText(ui, m_error);
    const core::InvoiceView* v = m_invoice ? &*m_invoice : m_draft ? &*m_draft : nullptr;
    if (!v) return;
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool wide = avail > ui.theme().touch * 18;
    if (wide && ImGui::BeginTable("close-layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("lines", ImGuiTableColumnFlags_WidthStretch, 0.62f);
        ImGui::TableSetupColumn("pay", ImGuiTableColumnFlags_WidthStretch, 0.38f);
        ImGui::TableNextColumn();
        drawLines(ui, *v);
        drawTotals(ui, *v);
        ImGui::TableNextColumn();
        if (m_invoice) drawPayments(ui);
        else drawClose(ui);
        ImGui::EndTable();
    } else {
        drawLines(ui, *v);
        drawTotals(ui, *v);
        if (m_invoice) drawPayments(ui);
        else drawClose(ui);
    }
    if (auto a = m_freeParts.draw(ui, "free-parts"); a && *a && !m_invoice)
        closeOut(ui, {.unbilledPartsReason = tr("close.parts_free_reason")});
    if (auto a = m_credit.draw(ui, "credit"); a && *a && m_invoice && m_app.staff) {
        if (auto r = m_s.invoices.creditNote(*m_app.staff, m_invoice->id, tr("close.credit_reason")); !r)
            ui.toasts().show(desk::fieldError(r.error()), ToastKind::kError, 6000);
        else
            ui.toasts().show(tr("close.credited"), ToastKind::kSuccess);
    }
}

void CloseOutScreen::drawLines(Ui& ui, const core::InvoiceView& v) {
    const std::vector<TableColumn> cols = {{tr("wo.col.item"), 2.2f},   {tr("wo.col.qty"), 0.6f},
                                           {tr("wo.col.price"), 1.0f},  {tr("wo.col.discount"), 1.0f},
                                           {tr("close.col.rate"), 0.6f}, {tr("wo.col.amount"), 1.0f},
                                           {tr("close.col.tax"), 0.9f}};
    TableOptions options;
    options.height = std::max(ui.theme().touch * 3,
                              std::min(ImGui::GetContentRegionAvail().y * 0.6f,
                                       ui.theme().touch * (static_cast<float>(v.lines.size()) + 1.3f)));
    m_table.draw(ui, "invoice-lines", cols, static_cast<int>(v.lines.size()),
                 [&](int r, int c, std::string& scratch) -> std::string_view {
                     const core::InvoiceLineView& l = v.lines[static_cast<size_t>(r)];
                     switch (c) {
                         case 0: return scratch = (l.kind == "part" ? tr("wo.part_prefix") : std::string()) + l.description;
                         case 1: return scratch = quantityText(l.quantityMilli);
                         case 2: return scratch = yuan(l.unitPriceFen);
                         case 3: {
                             const int64_t d = l.lineDiscountFen + l.orderDiscountFen;
                             return scratch = d ? yuan(d) : "—";
                         }
                         case 4: return scratch = rateText(l.taxRateBp);
                         case 5: return scratch = yuan(l.amountFen);
                         default: return scratch = yuan(l.taxFen);
                     }
                 },
                 options);
}

void CloseOutScreen::drawTotals(Ui& ui, const core::InvoiceView& v) {
    // VAT by rate, from the lines (they add up to the totals exactly).
    std::map<int, std::pair<int64_t, int64_t>> byRate;  // rate → amount, tax
    int64_t discounts = 0;
    for (const core::InvoiceLineView& l : v.lines) {
        byRate[l.taxRateBp].first += l.amountFen;
        byRate[l.taxRateBp].second += l.taxFen;
        discounts += l.lineDiscountFen + l.orderDiscountFen;
    }
    for (const auto& [rate, sums] : byRate)
        shownText(ui, tr("close.by_rate", {{"rate", rateText(rate)}, {"amount", yuan(sums.first)}, {"tax", yuan(sums.second)}}));
    if (discounts) shownText(ui, tr("close.discounts", {{"amount", yuan(discounts)}}));
    shownText(ui, tr("close.net_tax", {{"net", yuan(v.netFen)}, {"tax", yuan(v.taxFen)}}));
    FontScope f(ui.largeFont());
    const std::string total = tr("wo.total", {{"total", yuan(v.totalFen)}});
    ImGui::TextUnformatted(total.c_str());
    ui.registry().recordLastItem(total, WidgetKind::kOther);
}

void CloseOutScreen::drawClose(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "close");
    heading(ui, tr("close.order_discount"));
    textField(ui, tr("close.order_discount_label"), m_orderDiscount, {.hint = "0.00", .maxChars = 14});
    if (button(ui, tr("close.apply_discount"), {.id = "apply-discount"})) {
        const std::string typed(core::trim(m_orderDiscount));
        auto money = typed.empty() ? std::optional(core::Money::fen(0)) : core::Money::parse(typed);
        if (!money || money->fen() < 0) {
            m_discountError = tr("wo.line.bad_discount", {{"text", typed}});
        } else if (auto d = m_s.invoices.draft(m_id, money->fen()); !d) {
            m_discountError = desk::fieldError(d.error());
        } else {
            m_discountError.clear();
            m_orderDiscountFen = money->fen();
            m_draft = std::move(d).value();
        }
    }
    if (!m_discountError.empty()) desk::errorText(ui, m_discountError);
    space(ui, 0.5f);
    const core::DerivedJob& j = m_order->job;
    const bool ready = j.status == core::WorkOrderStatus::kReady && j.clockedOn.empty();
    if (j.status != core::WorkOrderStatus::kReady)
        mutedText(ui, tr("close.not_ready", {{"status", workshop::statusLabel(j.status)}}));
    else if (!j.clockedOn.empty())
        desk::errorText(ui, tr("close.clocked_on"));
    // Nothing taken from the shelf for this job leaves unbilled: one tap puts it on the order.
    if (desk::issuedPartsNotice(ui, m_app, m_s.invoices, m_id, m_unbilled, !core::isFinal(j.status)))
        m_watch.invalidate();
    if (!m_unbilled.empty()) mutedText(ui, tr("close.parts_first"));
    if (button(ui, tr("close.issue"), {.kind = ButtonKind::kPrimary, .width = -1, .enabled = ready && m_unbilled.empty(),
                                       .large = true, .id = "issue"}))
        closeOut(ui, {});
    if (!m_unbilled.empty() && button(ui, tr("close.parts_free"), {.enabled = ready, .id = "parts-free"}))
        m_freeParts.open({.title = tr("close.parts_free_q"),
                          .message = tr("close.parts_free_msg", {{"parts", core::unbilledPartsText(m_unbilled)}}),
                          .yes = tr("close.parts_free_yes"), .no = tr("common.cancel"), .danger = true});
}

void CloseOutScreen::closeOut(Ui& ui, const core::CloseOutOptions& options) {
    if (!m_app.staff) return;
    if (auto r = m_s.invoices.closeOut(*m_app.staff, m_id, m_orderDiscountFen, options); !r) {
        ui.toasts().show(desk::fieldError(r.error()), ToastKind::kError, 6000);
    } else {
        ui.toasts().show(tr("close.issued"), ToastKind::kSuccess);
        m_amount.clear();
        m_watch.invalidate();
    }
}

void CloseOutScreen::drawPayments(Ui& ui) {
    const core::InvoiceView& v = *m_invoice;
    const core::StoreTime& st = m_s.desk.storeTime();
    ScopedWidgetScope scope(ui.registry(), "payments");
    heading(ui, tr("close.payments"));
    if (v.kind == "credit_note" || v.credited) mutedText(ui, tr("close.credited_note"));
    for (const core::PaymentView& p : v.payments) {
        const std::string line = desk::dateTime(st, p.at) + "  " +
                                 tr(("close.method." + std::string(core::paymentMethodKey(p.method))).c_str()) + "  " +
                                 yuan(p.amountFen) + (p.reference.empty() ? "" : "  " + p.reference);
        shownText(ui, line);
    }
    if (v.payments.empty()) mutedText(ui, tr("close.no_payments"));
    {
        FontScope f(ui.largeFont());
        const std::string owed = v.owedFen > 0 ? tr("close.owed", {{"amount", yuan(v.owedFen)}}) : tr("close.paid_in_full");
        ImGui::PushStyleColor(ImGuiCol_Text, v.owedFen > 0 ? ui.colors().danger : ui.colors().success);
        ImGui::TextUnformatted(owed.c_str());
        ImGui::PopStyleColor();
        ui.registry().recordLastItem(owed, WidgetKind::kOther);
    }
    if (v.owedFen > 0) {
        space(ui, 0.5f);
        bool first = true;
        for (const char* m : kMethods) {
            const std::string label = tr((std::string("close.method.") + m).c_str());
            desk::chipRowNext(ui, label, m_method == m, first);
            first = false;
            if (desk::chip(ui, label, m_method == m, m)) m_method = m;
        }
        textField(ui, tr("close.amount"), m_amount, {.hint = "0.00", .maxChars = 14});
        if (m_method != "cash")
            textField(ui, tr("close.reference"), m_reference, {.hint = tr("close.reference_hint"), .maxChars = 64});
        if (!m_payError.empty()) desk::errorText(ui, m_payError);
        if (button(ui, tr("close.take_payment"), {.kind = ButtonKind::kPrimary, .width = -1, .large = true,
                                                  .id = "take-payment"}) &&
            m_app.staff) {
            const std::string typed(core::trim(m_amount));
            auto money = core::Money::parse(typed);
            auto method = core::parsePaymentMethod(m_method);
            if (!money || money->fen() <= 0) {
                m_payError = tr("close.bad_amount", {{"text", typed}});
            } else if (auto r = m_s.invoices.recordPayment(*m_app.staff, v.id, method.value_or(core::PaymentMethod::kCash),
                                                           money->fen(), m_method == "cash" ? "" : m_reference);
                       !r) {
                m_payError = desk::fieldError(r.error());
            } else {
                m_payError.clear();
                m_reference.clear();
                m_amount.clear();
                ui.toasts().show(tr("close.payment_taken", {{"amount", yuan(money->fen())}}), ToastKind::kSuccess);
            }
        }
    }
    space(ui, 0.5f);
    if (button(ui, tr("print.invoice"), {.width = -1, .id = "print-invoice"})) {
        auto path = desk::savePdf(m_app, m_s.print, desk::Document::kInvoice, v.id);
        if (!path) {
            ui.toasts().show(tr("print.failed", {{"detail", path.error().message}}), ToastKind::kError, 8000);
        } else {
            m_lastPdf = *path;
            ui.ensureGlyphs(*path);
            ui.toasts().show(tr("print.saved", {{"path", *path}}), ToastKind::kSuccess, 6000);
        }
    }
    if (!m_lastPdf.empty()) mutedText(ui, tr("print.last", {{"path", m_lastPdf}}));
    if (v.kind == "invoice" && !v.credited && can(m_app, core::Capability::kManageFinance)) {
        space(ui);
        if (button(ui, tr("close.credit"), {.kind = ButtonKind::kDanger, .id = "credit"}))
            m_credit.open({.title = tr("close.credit_q", {{"number", v.number}}), .message = tr("close.credit_msg"),
                           .yes = tr("close.credit"), .no = tr("common.cancel"), .danger = true});
    }
}

}  // namespace fc::ui
