#include "kiosk/screens/warehouse/stock_lookup_screen.hpp"

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/capture/service_set.hpp"
#include "shared/core/barcode.hpp"
#include "shared/stock/tables.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::ui {

WarehouseServices WarehouseServices::from(core::ServiceSet& set) {
    return WarehouseServices{set.get<core::PartService>(), set.get<core::StockService>(), set.get<core::StoreTime>()};
}

namespace warehouse {

std::string unitLabel(const std::string& unit) { return tr(std::string("warehouse.unit.") + unit); }

std::string errorText(const core::Error& e) {
    const std::string& m = e.message;
    if (e.code == core::Errc::kPermission) return tr("warehouse.error.permission");
    if (m.rfind("qty: only", 0) == 0) return tr("warehouse.error.short", {{"detail", m.substr(10)}});
    if (m.rfind("qty:", 0) == 0) return tr("warehouse.error.qty");
    if (m.rfind("serial:", 0) == 0) return tr("warehouse.error.serial");
    if (m.rfind("group: already undone", 0) == 0) return tr("warehouse.error.undone");
    return tr("warehouse.error.failed", {{"detail", m}});
}

}  // namespace warehouse

namespace {

std::string partName(const core::Part& p) {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en" && !p.nameEn.empty() ? p.nameEn : p.nameZh;
}

}  // namespace

StockLookupScreen::StockLookupScreen(AppContext& app, WarehouseServices services)
    : m_app(app),
      m_s(services),
      m_watch(app.data, {&core::tables::kStockMovements, &core::tables::kParts, &core::tables::kPartBins,
                         &core::tables::kBins}) {}

std::string StockLookupScreen::title() const { return tr("warehouse.lookup.title"); }

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

void StockLookupScreen::lookUp(Ui& ui, const std::string& typed) {
    const std::string code = core::normalizeUntypedCode(typed);
    if (code.empty()) return;
    auto matches = m_s.parts.findByCode(code);
    if (!matches) {
        ui.toasts().show(warehouse::errorText(matches.error()), ToastKind::kError, 6000);
        return;
    }
    if (matches->size() == 1) {
        showPart((*matches)[0].partId);
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
    m_part.reset();
    m_bin.reset();
    m_choices.clear();
    m_unknown = code;
    ui.ensureGlyphs(code);
}

bool StockLookupScreen::onScan(Ui& ui, const std::string& text) {
    if (m_receiveOpen) return false;
    m_query = text;
    lookUp(ui, text);
    return true;
}

void StockLookupScreen::draw(Ui& ui) {
    if (m_watch.changed()) reload();
    ScopedWidgetScope scope(ui.registry(), "lookup");
    mutedText(ui, tr("warehouse.lookup.prompt"));
    const float findW = textSize(ui.bodyFont(), tr("warehouse.lookup.find")).x + ui.theme().pad * 3;
    textField(ui, tr("warehouse.lookup.field"), m_query,
              {.hint = "6901234567892", .maxChars = 64, .width = ImGui::GetContentRegionAvail().x - findW - ui.theme().gap});
    ImGui::SameLine();
    if (button(ui, tr("warehouse.lookup.find"), {.kind = ButtonKind::kPrimary, .enabled = !m_query.empty(), .id = "find"}))
        lookUp(ui, m_query);
    drawLastMove(ui);
    space(ui, 0.5f);
    ImGui::BeginChild("##lookup-result", ImVec2(0, 0), false);
    if (!m_unknown.empty()) colouredText(ui, ui.colors().warning, tr("warehouse.lookup.unknown", {{"code", m_unknown}}));
    drawChoices(ui);
    drawPart(ui);
    drawBin(ui);
    dragToScroll(ui);
    ImGui::EndChild();
    drawReceive(ui);
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
    if (picked) showPart(*picked);
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
    if (button(ui, tr("warehouse.part.receive"), {.kind = ButtonKind::kPrimary, .large = true, .id = "receive"})) {
        m_binChoices = m_s.parts.binsOf(p.id).valueOr({});
        if (m_binChoices.empty()) m_binChoices = m_s.parts.bins().valueOr({});
        m_binChoice = 0;
        m_qty.clear();
        m_receiveError.clear();
        m_receiveOpen = m_receiveOpening = true;
    }
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
    auto r = m_s.stock.receive(*m_app.staff, m_part->id, bin.id, units * 1000, {.reference = ""});
    if (!r) {
        m_receiveError = warehouse::errorText(r.error());
        return;
    }
    m_last = *r;
    m_lastText = tr("warehouse.done.receipt", {{"name", partName(*m_part)},
                                               {"qty", std::to_string(units)},
                                               {"unit", warehouse::unitLabel(m_part->unit)},
                                               {"bin", bin.code}});
    ui.ensureGlyphs(m_lastText, true);
    m_receiveOpen = false;
    reload();
}

}  // namespace fc::ui
