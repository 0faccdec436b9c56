// [SECTION] index
//   looking up     — showPart, showBin, reload, lookUp, onScan
//   drawing        — draw, drawChoices, drawPart, drawPartActions, drawBin, drawLastMove
//   issue to order — startIssueTo, issueOne, drawIssueMode
//   receiving      — drawReceive, receive
#include "kiosk/screens/warehouse/stock_lookup_screen.hpp"

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/money.hpp"
#include "shared/core/barcode.hpp"
#include "shared/stock/tables.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::ui {

using warehouse::partName;

StockLookupScreen::StockLookupScreen(AppContext& app, WarehouseServices services, LookupStart start)
    : m_app(app),
      m_s(services),
      m_start(start),
      m_watch(app.data, {&core::tables::kStockMovements, &core::tables::kParts, &core::tables::kPartBins,
                         &core::tables::kBins, &core::tables::kPartCodes}),
      m_unknownPanel(services),
      m_move(services) {}

std::string StockLookupScreen::title() const {
    switch (m_start) {
        case LookupStart::kIssue: return tr("warehouse.home.issue");
        case LookupStart::kTransfer: return tr("warehouse.home.transfer");
        case LookupStart::kLookup: break;
    }
    return tr("warehouse.lookup.title");
}

// [SECTION] looking up

void StockLookupScreen::showPart(const std::string& partId) {
    m_bin.reset();
    m_choices.clear();
    m_unknown.clear();
    auto p = m_s.parts.get(partId);
    if (!p) {
        m_part.reset();
        return;
    }
    m_part = *p;
    reload();
}

void StockLookupScreen::showBin(const core::Bin& bin) {
    m_part.reset();
    m_choices.clear();
    m_unknown.clear();
    m_bin = bin;
    reload();
}

void StockLookupScreen::reload() {
    if (m_part) {
        if (auto p = m_s.parts.get(m_part->id)) m_part = *p;
        m_figures = m_s.stock.figures(m_part->id).valueOr(core::PartFigures{});
        m_byBin = m_s.stock.stockByBin(m_part->id).valueOr({});
        m_moves = m_s.stock.movements(m_part->id, 12).valueOr({});
    }
    if (m_bin) {
        m_binParts.clear();
        for (const core::Part& p : m_s.parts.partsIn(m_bin->id).valueOr({}))
            m_binParts.emplace_back(p, m_s.stock.onHandIn(p.id, m_bin->id).valueOr(0));
    }
}

void StockLookupScreen::lookUp(Ui& ui, const std::string& typed, bool scanned) {
    const std::string code = core::normalizeUntypedCode(typed);
    if (code.empty()) return;
    m_shortPart.clear();
    auto matches = m_s.parts.findByCode(code);
    if (!matches) {
        ui.toasts().show(warehouse::errorText(matches.error()), ToastKind::kError, 6000);
        return;
    }
    if (matches->size() == 1) {
        partFound(ui, (*matches)[0].partId, scanned);
        return;
    }
    if (matches->size() > 1) {
        m_part.reset();
        m_bin.reset();
        m_unknown.clear();
        m_choices = *matches;
        return;
    }
    if (auto bin = m_s.parts.binByCode(code); bin && *bin) {
        showBin(**bin);
        return;
    }
    // A work order's job sheet: issue to it.
    if (auto order = warehouse::findOrder(m_s, typed); order && *order) {
        startIssueTo(ui, **order);
        return;
    }
    m_part.reset();
    m_bin.reset();
    m_choices.clear();
    m_unknown = code;
    m_unknownPanel.reset(code);
    ui.ensureGlyphs(code);
}

void StockLookupScreen::partFound(Ui& ui, const std::string& partId, bool scanned) {
    showPart(partId);
    if (!m_part) return;
    if (m_issueTo) {
        issueOne(ui, false);
        return;
    }
    if (!scanned) return;
    if (m_start == LookupStart::kIssue) m_move.open(MoveKind::kIssue, *m_part);
    if (m_start == LookupStart::kTransfer) m_move.open(MoveKind::kTransfer, *m_part);
}

bool StockLookupScreen::onScan(Ui& ui, const std::string& text) {
    if (m_receiveOpen) return false;
    if (m_move.isOpen()) return m_move.onScan(ui, text);
    m_query = text;
    lookUp(ui, text, true);
    return true;
}

void StockLookupScreen::done(Ui& ui, const core::StockMove& move, const std::string& text) {
    m_last = move;
    m_lastText = text;
    ui.ensureGlyphs(m_lastText, true);
    reload();
}

// [SECTION] drawing

void StockLookupScreen::draw(Ui& ui) {
    if (m_watch.changed()) reload();
    ScopedWidgetScope scope(ui.registry(), "lookup");
    const char* prompt = m_start == LookupStart::kIssue      ? "warehouse.issue.start_prompt"
                         : m_start == LookupStart::kTransfer ? "warehouse.transfer.start_prompt"
                                                             : "warehouse.lookup.prompt";
    mutedText(ui, tr(prompt));
    const float findW = textSize(ui.bodyFont(), tr("warehouse.lookup.find")).x + ui.theme().pad * 3;
    textField(ui, tr("warehouse.lookup.field"), m_query,
              {.hint = "6901234567892", .maxChars = 64, .width = ImGui::GetContentRegionAvail().x - findW - ui.theme().gap});
    ImGui::SameLine();
    if (button(ui, tr("warehouse.lookup.find"), {.kind = ButtonKind::kPrimary, .enabled = !m_query.empty(), .id = "find"}))
        lookUp(ui, m_query, false);
    drawIssueMode(ui);
    drawLastMove(ui);
    space(ui, 0.5f);
    ImGui::BeginChild("##lookup-result", ImVec2(0, 0), false);
    if (!m_unknown.empty())
        if (auto partId = m_unknownPanel.draw(ui, m_app.staff)) showPart(*partId);
    drawChoices(ui);
    drawPart(ui);
    drawBin(ui);
    dragToScroll(ui);
    ImGui::EndChild();
    drawReceive(ui);
    if (auto moved = m_move.draw(ui, m_app.staff)) done(ui, moved->move, moved->text);
}

void StockLookupScreen::drawChoices(Ui& ui) {
    if (m_choices.empty()) return;
    ScopedWidgetScope scope(ui.registry(), "choices");
    text(ui, tr("warehouse.lookup.choose", {{"count", static_cast<int64_t>(m_choices.size())}}));
    std::optional<std::string> picked;
    for (const core::PartMatch& m : m_choices) {
        ui.ensureGlyphs(m.nameZh);
        if (button(ui, m.sku + "  " + m.nameZh, {.width = -1, .id = m.partId})) picked = m.partId;
    }
    if (picked) partFound(ui, *picked, true);  // the scan asked which: carry on as for one part
}

void StockLookupScreen::drawPart(Ui& ui) {
    if (!m_part) return;
    ScopedWidgetScope scope(ui.registry(), "part");
    const core::Part& p = *m_part;
    const std::string unit = warehouse::unitLabel(p.unit);
    ui.ensureGlyphs(p.nameZh + p.brand);
    ui.ensureGlyphs(partName(p), true);  // the heading's large font has its own glyphs
    heading(ui, partName(p));
    mutedText(ui, tr("warehouse.part.sku", {{"sku", p.sku}, {"brand", p.brand}}));
    colouredText(ui, m_figures.qtyMilli < 0 ? ui.colors().danger : ui.colors().text,
                 tr("warehouse.part.on_hand", {{"qty", core::quantityText(m_figures.qtyMilli)}, {"unit", unit}}));
    if (p.safetyMilli > 0 && m_figures.qtyMilli <= p.safetyMilli)
        colouredText(ui, ui.colors().warning,
                     tr("warehouse.part.low", {{"safety", core::quantityText(p.safetyMilli)}, {"unit", unit}}));
    drawPartActions(ui);
    space(ui, 0.5f);
    text(ui, tr("warehouse.part.bins"));
    if (m_byBin.empty()) mutedText(ui, tr("warehouse.part.no_bins"));
    for (const core::BinStock& b : m_byBin) {
        ScopedWidgetScope row(ui.registry(), b.binCode);
        text(ui, tr("warehouse.part.bin_line", {{"bin", b.binCode}, {"qty", core::quantityText(b.qtyMilli)}, {"unit", unit}}));
    }
    space(ui, 0.5f);
    text(ui, tr("warehouse.part.movements"));
    for (const core::MovementView& m : m_moves) {
        const std::string qty = (m.qtyMilli > 0 ? "+" : "") + core::quantityText(m.qtyMilli);
        mutedText(ui, tr("warehouse.part.move_line", {{"time", m_s.time.hhmm(m.at)},
                                                      {"kind", tr(std::string("warehouse.move.") + m.kind)},
                                                      {"qty", qty},
                                                      {"unit", unit},
                                                      {"bin", m.binCode}}) +
                          (m.undone ? tr("warehouse.part.undone_mark") : ""));
    }
}

// 收货 出库 退回 移库, one row of large buttons.
void StockLookupScreen::drawPartActions(Ui& ui) {
    const core::Part& p = *m_part;
    const float w = (ImGui::GetContentRegionAvail().x - 3 * ui.theme().gap) / 4;
    if (button(ui, tr("warehouse.part.receive"), {.kind = ButtonKind::kPrimary, .width = w, .large = true, .id = "receive"})) {
        m_binChoices = m_s.parts.binsOf(p.id).valueOr({});
        if (m_binChoices.empty()) m_binChoices = m_s.parts.bins().valueOr({});
        m_binChoice = 0;
        m_qty.clear();
        m_receiveError.clear();
        m_receiveCost.clear();
        m_receiveReference.clear();
        m_receiveSerial.clear();
        m_receiveOpen = m_receiveOpening = true;
    }
    ImGui::SameLine();
    if (button(ui, tr("warehouse.issue.button"), {.width = w, .large = true, .id = "issue"}))
        m_move.open(MoveKind::kIssue, p, m_issueTo);
    ImGui::SameLine();
    if (button(ui, tr("warehouse.return.button"), {.width = w, .large = true, .id = "return"}))
        m_move.open(MoveKind::kReturn, p, m_issueTo);
    ImGui::SameLine();
    if (button(ui, tr("warehouse.transfer.button"), {.width = w, .large = true, .id = "transfer"}))
        m_move.open(MoveKind::kTransfer, p);
}

void StockLookupScreen::drawBin(Ui& ui) {
    if (!m_bin) return;
    ScopedWidgetScope scope(ui.registry(), "bin");
    heading(ui, tr("warehouse.bin.title", {{"code", m_bin->code}}));
    if (!m_bin->name.empty()) {
        ui.ensureGlyphs(m_bin->name);
        mutedText(ui, m_bin->name);
    }
    if (m_binParts.empty()) text(ui, tr("warehouse.bin.empty"));
    std::optional<std::string> open;
    for (const auto& [p, qty] : m_binParts) {
        ui.ensureGlyphs(p.nameZh);
        const std::string label = p.sku + "  " + partName(p) + "  " +
                                  tr("warehouse.bin.qty", {{"qty", core::quantityText(qty)}, {"unit", warehouse::unitLabel(p.unit)}});
        if (button(ui, label, {.width = -1, .id = p.id})) open = p.id;
    }
    if (open) showPart(*open);
}

void StockLookupScreen::drawLastMove(Ui& ui) {
    if (!m_last) return;
    ScopedWidgetScope scope(ui.registry(), "done");
    const Theme& t = ui.theme();
    ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().success);
    ImGui::PushFont(ui.largeFont());
    text(ui, m_lastText);
    ImGui::PopFont();
    ImGui::PopStyleColor();
    if (button(ui, tr("warehouse.undo"), {.kind = ButtonKind::kDanger, .height = t.touch, .id = "undo"})) {
        if (!m_app.staff) return;
        auto r = m_s.stock.undo(*m_app.staff, m_last->groupId);
        if (!r) {
            ui.toasts().show(warehouse::errorText(r.error()), ToastKind::kError, 6000);
            return;
        }
        m_last.reset();
        ui.toasts().show(tr("warehouse.undone"), ToastKind::kSuccess);
        reload();
    }
}

// [SECTION] issue to order

void StockLookupScreen::startIssueTo(Ui& ui, const warehouse::OrderRef& order) {
    if (order.closed) {
        const std::string why = tr("warehouse.issue.order_closed", {{"number", order.number}});
        ui.ensureGlyphs(why);
        ui.toasts().show(why, ToastKind::kError, 6000);
        return;
    }
    m_issueTo = order;
    m_shortPart.clear();
    ui.ensureGlyphs(order.summary);
    ui.ensureGlyphs(tr("warehouse.issue.mode_title", {{"number", order.number}}), true);
}

// One of the shown part to the order, from its first bin with a whole unit in it. None on the
// books: say so and wait for 仍然出库 (the shelf is the truth).
void StockLookupScreen::issueOne(Ui& ui, bool anyway) {
    if (!m_app.staff || !m_part || !m_issueTo) return;
    std::string binId, binCode;
    if (anyway) {
        if (m_shortPart != m_part->id) return;
        binId = m_shortBin;
        for (const core::BinStock& b : m_byBin)
            if (b.binId == binId) binCode = b.binCode;
    } else {
        for (const core::BinStock& b : m_byBin)
            if (b.qtyMilli >= 1000) {
                binId = b.binId;
                binCode = b.binCode;
                break;
            }
    }
    m_shortPart.clear();
    if (binId.empty()) {
        if (m_byBin.empty()) {
            ui.toasts().show(tr("warehouse.issue.no_bins"), ToastKind::kError, 6000);
            return;
        }
        m_shortPart = m_part->id;
        m_shortBin = m_byBin.front().binId;
        m_shortText = tr("warehouse.issue.mode_short", {{"name", partName(*m_part)}, {"bin", m_byBin.front().binCode}});
        ui.ensureGlyphs(m_shortText);
        return;
    }
    auto r = m_s.stock.issue(*m_app.staff, m_part->id, binId, 1000,
                             {.workOrderId = m_issueTo->id, .allowBelowZero = anyway});
    if (!r) {
        const std::string why = r.error().message.rfind("work_order:", 0) == 0
                                    ? tr("warehouse.issue.order_closed", {{"number", m_issueTo->number}})
                                    : warehouse::errorText(r.error());
        ui.ensureGlyphs(why);
        ui.toasts().show(why, ToastKind::kError, 6000);
        return;
    }
    done(ui, *r,
         tr("warehouse.issue.done_order", {{"name", partName(*m_part)},
                                           {"qty", "1"},
                                           {"unit", warehouse::unitLabel(m_part->unit)},
                                           {"bin", binCode},
                                           {"order", m_issueTo->number}}));
}

void StockLookupScreen::drawIssueMode(Ui& ui) {
    if (!m_issueTo) return;
    ScopedWidgetScope scope(ui.registry(), "issue-to");
    {
        const std::string title = tr("warehouse.issue.mode_title", {{"number", m_issueTo->number}});
        ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().primary);
        heading(ui, title);
        ImGui::PopStyleColor();
    }
    mutedText(ui, m_issueTo->summary + "  ·  " + tr("warehouse.issue.mode_hint"));
    if (!m_shortPart.empty()) {
        colouredText(ui, ui.colors().danger, m_shortText);
        if (button(ui, tr("warehouse.issue.take_anyway"), {.kind = ButtonKind::kDanger, .id = "anyway"})) issueOne(ui, true);
        ImGui::SameLine();
    }
    if (button(ui, tr("warehouse.issue.finish"), {.kind = ButtonKind::kPrimary, .id = "finish"})) {
        m_issueTo.reset();
        m_shortPart.clear();
    }
}

// [SECTION] receiving

void StockLookupScreen::drawReceive(Ui& ui) {
    if (!m_receiveOpen || !m_part) return;
    if (!beginModal(ui, "##receive", m_receiveOpening)) {
        m_receiveOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "receive");
    const std::string unit = warehouse::unitLabel(m_part->unit);
    const std::string title = tr("warehouse.receive.title", {{"name", partName(*m_part)}});
    ui.ensureGlyphs(title, true);
    heading(ui, title);
    text(ui, tr("warehouse.receive.qty", {{"unit", unit}}));
    if (m_qty.draw(ui, "receive-qty", ImGui::GetMainViewport()->WorkSize.y * 0.42f) == KeypadEvent::kSubmitted) receive(ui);
    {
        // Optional: the unit cost and the delivery note; a tracked part's serial or batch.
        const float third = (ImGui::GetContentRegionAvail().x - 2 * ui.theme().gap) / 3.0f;
        const bool tracked = m_part->tracking != "none";
        textField(ui, tr("warehouse.receive.cost"), m_receiveCost, {.hint = "18.50", .maxChars = 12, .width = third});
        ImGui::SameLine();
        textField(ui, tr("warehouse.receive.reference"), m_receiveReference,
                  {.hint = "DN-0042", .maxChars = 40, .width = tracked ? third : -1});
        if (tracked) {
            ImGui::SameLine();
            textField(ui, tr(m_part->tracking == "serial" ? "warehouse.receive.serial" : "warehouse.receive.batch"),
                      m_receiveSerial, {.maxChars = 64});
        }
    }
    text(ui, tr("warehouse.receive.bin"));
    {
        ScopedWidgetScope bins(ui.registry(), "bins");
        for (size_t i = 0; i < m_binChoices.size() && i < 8; ++i) {
            if (i % 4) ImGui::SameLine();
            if (button(ui, m_binChoices[i].code,
                       {.kind = i == m_binChoice ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = m_binChoices[i].id}))
                m_binChoice = i;
        }
    }
    if (!m_receiveError.empty()) colouredText(ui, ui.colors().danger, m_receiveError);
    space(ui, 0.5f);
    const float half = (ImGui::GetContentRegionAvail().x - ui.theme().gap) * 0.5f;
    bool close = false;
    if (button(ui, tr("warehouse.receive.cancel"), {.width = half, .id = "cancel"})) close = true;
    ImGui::SameLine();
    if (button(ui, tr("warehouse.receive.ok"),
               {.kind = ButtonKind::kPrimary, .width = half, .enabled = m_qty.canSubmit() && !m_binChoices.empty(),
                .large = true, .id = "ok"}))
        receive(ui);
    if (close || !m_receiveOpen) {
        ImGui::CloseCurrentPopup();
        m_receiveOpen = false;
    }
    ImGui::EndPopup();
}

void StockLookupScreen::receive(Ui& ui) {
    if (!m_app.staff || !m_part || m_binChoices.empty()) return;
    const int64_t units = m_qty.value().empty() ? 0 : std::stoll(m_qty.value());
    const core::Bin& bin = m_binChoices[std::min(m_binChoice, m_binChoices.size() - 1)];
    core::ReceiptDetail detail{.reference = m_receiveReference, .serial = m_receiveSerial};
    if (!m_receiveCost.empty()) {
        const auto cost = core::Money::parse(m_receiveCost);
        if (!cost || cost->fen() < 0) {
            m_receiveError = tr("warehouse.receive.bad_cost", {{"text", m_receiveCost}});
            return;
        }
        detail.unitCostFen = cost->fen();
    }
    auto r = m_s.stock.receive(*m_app.staff, m_part->id, bin.id, units * 1000, detail);
    if (!r) {
        m_receiveError = warehouse::errorText(r.error());
        return;
    }
    m_receiveOpen = false;
    done(ui, *r,
         tr("warehouse.done.receipt", {{"name", partName(*m_part)},
                                       {"qty", std::to_string(units)},
                                       {"unit", warehouse::unitLabel(m_part->unit)},
                                       {"bin", bin.code}}));
}

}  // namespace fc::ui
