#include "kiosk/screens/warehouse/count_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <set>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/barcode.hpp"
#include "shared/stock/tables.hpp"

namespace fc::ui {

namespace {

std::string lineName(const core::CountLine& l) {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en" && !l.nameEn.empty() ? l.nameEn : l.nameZh;
}

std::string scopeText(const core::StockCount& c) {
    const std::string scope = tr(std::string("warehouse.count.scope.") + c.scope);
    return c.scopeDetail.empty() ? scope : scope + " " + c.scopeDetail;
}

std::string progressText(const core::CountProgress& p) {
    std::string out = tr("warehouse.count.progress", {{"counted", static_cast<int64_t>(p.counted)},
                                                      {"lines", static_cast<int64_t>(p.lines)}});
    if (p.disagree + p.recount > 0)
        out += " · " + tr("warehouse.count.recounts", {{"count", static_cast<int64_t>(p.disagree + p.recount)}});
    return out;
}

}  // namespace

CountScreen::CountScreen(AppContext& app, WarehouseServices services, core::CountService& counts)
    : m_app(app),
      m_s(services),
      m_counts(counts),
      m_watch(app.data, {&core::tables::kStockCounts, &core::tables::kStockCountEntries, &core::tables::kStockCountLines,
                         &core::tables::kStockMovements, &core::tables::kParts, &core::tables::kBins}) {}

std::string CountScreen::title() const { return tr("warehouse.count.title"); }

void CountScreen::reload() {
    if (!m_count) {
        m_open = m_counts.counts(true).valueOr({});
        m_openProgress.clear();
        for (const core::StockCount& c : m_open) m_openProgress.push_back(m_counts.progress(c.id).valueOr({}));
        return;
    }
    if (auto c = m_counts.get(m_count->id)) m_count = *c;
    m_progress = m_counts.progress(m_count->id).valueOr({});
    m_lines = m_bin ? m_counts.lines(m_count->id, m_bin->id).valueOr({}) : std::vector<core::CountLine>{};
    if (m_leftOpen) m_left = m_counts.uncounted(m_count->id).valueOr({});
    if (m_binsOpen) m_countBins = m_counts.bins(m_count->id).valueOr({});
}

void CountScreen::openCount(const std::string& id) {
    auto c = m_counts.get(id);
    if (!c) return;
    m_count = *c;
    m_bin.reset();
    m_lines.clear();
    m_lastText.clear();
    m_lastKey.clear();
    m_canUndo = false;
    m_serialPart.reset();
    reload();
}

void CountScreen::showError(Ui& ui, const core::Error& e) {
    const std::string& m = e.message;
    std::string text;
    if (m.rfind("serial:", 0) == 0)
        text = tr("warehouse.count.error.serial");
    else if (m.rfind("count:", 0) == 0)
        text = tr("warehouse.count.error.closed");
    else
        text = warehouse::errorText(e);
    ui.toasts().show(text, ToastKind::kError, 6000);
}

// [SECTION] scanning

bool CountScreen::onScan(Ui& ui, const std::string& text) {
    if (!m_count || m_enterOpen || m_newOpen) return false;
    const std::string code = core::normalizeUntypedCode(text);
    if (code.empty()) return true;
    m_choices.clear();
    // A bin's label: count that bin now.
    if (auto bin = m_s.parts.binByCode(code); bin && *bin) {
        m_bin = **bin;
        m_serialPart.reset();
        m_lastKey.clear();
        reload();
        return true;
    }
    auto matches = m_s.parts.findByCode(code);
    if (matches && matches->size() == 1) {
        scanPart(ui, (*matches)[0].partId);
        return true;
    }
    if (matches && matches->size() > 1) {
        m_choices = *matches;
        return true;
    }
    if (m_serialPart) {  // not a part or a bin: the serial of the battery just scanned
        scanPart(ui, *m_serialPart, code);
        return true;
    }
    ui.ensureGlyphs(code);
    ui.toasts().show(tr("warehouse.count.unknown", {{"code", code}}), ToastKind::kError, 6000);
    return true;
}

void CountScreen::scanPart(Ui& ui, const std::string& partId, const std::string& serial) {
    if (!m_app.staff || !m_count) return;
    if (!m_bin) {
        ui.toasts().show(tr("warehouse.count.bin_first"), ToastKind::kError, 6000);
        return;
    }
    auto part = m_s.parts.get(partId);
    if (!part) return showError(ui, part.error());
    if (part->tracking == "serial" && serial.empty()) {
        m_serialPart = partId;  // the serials come next
        ui.toasts().show(tr("warehouse.count.scan_serials", {{"sku", part->sku}}), ToastKind::kInfo, 4000);
        return;
    }
    const std::string key = m_bin->id + "/" + partId;
    // A line the tablets disagree on, scanned fresh (not the line being scanned now): counted
    // again from zero, in a new round.
    auto current = m_counts.line(m_count->id, m_bin->id, partId);
    if (current && current->state == "disagree" && key != m_lastKey && serial.empty()) {
        if (auto r = m_counts.requestRecount(*m_app.staff, m_count->id, m_bin->id, partId); !r)
            return showError(ui, r.error());
    }
    auto saved = m_counts.scan(*m_app.staff, m_count->id, m_bin->id, partId, serial);
    if (!saved) return showError(ui, saved.error());
    if (current && !current->onList && current->state == "uncounted")
        ui.toasts().show(tr("warehouse.count.added", {{"sku", part->sku}}), ToastKind::kInfo, 3000);
    m_lastKey = key;
    lineSaved(ui, *saved);
}

void CountScreen::lineSaved(Ui& ui, const core::CountLine& line) {
    m_canUndo = true;
    m_lastText = tr("warehouse.count.done", {{"name", lineName(line)},
                                             {"qty", core::quantityText(line.mineMilli)},
                                             {"unit", warehouse::unitLabel(line.unit)}});
    ui.ensureGlyphs(m_lastText, true);
    // The line at once (the progress and the rest follow the data news next frame).
    auto it = std::find_if(m_lines.begin(), m_lines.end(), [&](const core::CountLine& l) {
        return l.partId == line.partId && l.binId == line.binId;
    });
    if (it != m_lines.end())
        *it = line;
    else
        m_lines.push_back(line);
}

// [SECTION] drawing

void CountScreen::draw(Ui& ui) {
    if (m_watch.changed()) reload();
    ScopedWidgetScope scope(ui.registry(), "count");
    if (m_count)
        drawCounting(ui);
    else
        drawList(ui);
    drawNew(ui);
    drawEnter(ui);
    drawBins(ui);
    drawUncounted(ui);
}

void CountScreen::drawList(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "list");
    mutedText(ui, tr("warehouse.count.list_prompt"));
    if (button(ui, tr("warehouse.count.new"), {.kind = ButtonKind::kPrimary, .large = true, .id = "new"})) {
        std::set<std::string> zones;
        for (const core::Bin& b : m_s.parts.bins().valueOr({}))
            if (!b.zone.empty()) zones.insert(b.zone);
        m_zones.assign(zones.begin(), zones.end());
        m_zone = m_zones.empty() ? "" : m_zones.front();
        m_scope = m_zones.empty() ? "full" : "zones";
        m_blind = true;
        m_newError.clear();
        m_newOpen = m_newOpening = true;
    }
    space(ui, 0.5f);
    if (m_open.empty()) mutedText(ui, tr("warehouse.count.none"));
    std::optional<std::string> open;
    for (size_t i = 0; i < m_open.size(); ++i) {
        const core::StockCount& c = m_open[i];
        const std::string label = c.number + "  " + scopeText(c) + "  " + progressText(m_openProgress[i]);
        ui.ensureGlyphs(label);
        if (button(ui, label, {.width = -1, .id = c.id})) open = c.id;
    }
    if (open) openCount(*open);
}

void CountScreen::drawNew(Ui& ui) {
    if (!m_newOpen) return;
    if (!beginModal(ui, "##new-count", m_newOpening)) {
        m_newOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "new");
    heading(ui, tr("warehouse.count.new"));
    text(ui, tr("warehouse.count.scope"));
    for (const char* s : {"zones", "full", "fast", "stale"}) {
        if (std::string(s) != "zones") ImGui::SameLine();
        if (button(ui, tr(std::string("warehouse.count.scope.") + s),
                   {.kind = m_scope == s ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = s}))
            m_scope = s;
    }
    if (m_scope == "zones") {
        text(ui, tr("warehouse.count.zone"));
        ScopedWidgetScope zones(ui.registry(), "zones");
        for (size_t i = 0; i < m_zones.size(); ++i) {
            if (i % 6) ImGui::SameLine();
            if (button(ui, m_zones[i], {.kind = m_zones[i] == m_zone ? ButtonKind::kPrimary : ButtonKind::kSecondary,
                                        .id = m_zones[i]}))
                m_zone = m_zones[i];
        }
    }
    checkbox(ui, tr("warehouse.count.blind"), m_blind);
    if (!m_newError.empty()) colouredText(ui, ui.colors().danger, m_newError);
    space(ui, 0.5f);
    const float half = (ImGui::GetContentRegionAvail().x - ui.theme().gap) * 0.5f;
    bool close = false;
    if (button(ui, tr("warehouse.receive.cancel"), {.width = half, .id = "cancel"})) close = true;
    ImGui::SameLine();
    if (button(ui, tr("warehouse.count.start"), {.kind = ButtonKind::kPrimary, .width = half, .large = true, .id = "start"}) &&
        m_app.staff) {
        core::CountSpec spec{.scope = m_scope, .blind = m_blind};
        if (m_scope == "zones") spec.zones = {m_zone};
        auto id = m_counts.open(*m_app.staff, spec);
        if (!id) {
            m_newError = tr("warehouse.error.failed", {{"detail", id.error().message}});
        } else {
            close = true;
            openCount(*id);
        }
    }
    if (close) {
        ImGui::CloseCurrentPopup();
        m_newOpen = false;
    }
    ImGui::EndPopup();
}

void CountScreen::drawCounting(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "counting");
    const core::StockCount& c = *m_count;
    const std::string head = tr("warehouse.count.heading", {{"number", c.number}, {"scope", scopeText(c)}});
    ui.ensureGlyphs(head, true);
    heading(ui, head);
    mutedText(ui, progressText(m_progress) + (c.blind ? std::string(" · ") + tr("warehouse.count.blind_mark") : std::string()));
    if (c.status != "open") colouredText(ui, ui.colors().warning, tr("warehouse.count.closed"));
    // Where the counter is.
    const std::string where =
        m_bin ? tr("warehouse.count.bin", {{"code", m_bin->code}}) : tr("warehouse.count.scan_bin");
    ui.ensureGlyphs(where, true);
    ImGui::PushFont(ui.largeFont());
    text(ui, where);
    ImGui::PopFont();
    if (m_serialPart) colouredText(ui, ui.colors().warning, tr("warehouse.count.serial_mode"));
    if (!m_lastText.empty()) {
        ScopedWidgetScope done(ui.registry(), "done");
        ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().success);
        ImGui::PushFont(ui.largeFont());
        text(ui, m_lastText);
        ImGui::PopFont();
        ImGui::PopStyleColor();
    }
    {
        ScopedWidgetScope actions(ui.registry(), "actions");
        if (button(ui, tr("warehouse.undo"), {.kind = ButtonKind::kDanger, .enabled = m_canUndo && m_app.staff, .id = "undo"})) {
            auto r = m_counts.undoLast(*m_app.staff, c.id);
            if (!r) {
                showError(ui, r.error());
            } else {
                if (*r) lineSaved(ui, **r);
                m_canUndo = false;
                m_lastText.clear();
                ui.toasts().show(tr("warehouse.undone"), ToastKind::kSuccess);
            }
        }
        ImGui::SameLine();
        if (button(ui, tr("warehouse.count.bins", {{"count", static_cast<int64_t>(m_progress.lines)}}), {.id = "bins"})) {
            m_countBins = m_counts.bins(c.id).valueOr({});
            m_binsOpen = m_binsOpening = true;
        }
        ImGui::SameLine();
        if (button(ui, tr("warehouse.count.left", {{"count", static_cast<int64_t>(m_progress.uncounted())}}), {.id = "left"})) {
            m_left = m_counts.uncounted(c.id).valueOr({});
            m_leftOpen = m_leftOpening = true;
        }
        ImGui::SameLine();
        if (button(ui, tr("warehouse.count.pause"), {.id = "pause"})) {
            m_count.reset();
            reload();
            return;
        }
    }
    drawChoices(ui);
    space(ui, 0.5f);
    ImGui::BeginChild("##count-lines", ImVec2(0, 0), false);
    {
        ScopedWidgetScope lines(ui.registry(), "lines");
        if (m_bin && m_lines.empty()) mutedText(ui, tr("warehouse.count.bin_empty"));
        for (const core::CountLine& l : m_lines) drawLine(ui, l);
    }
    dragToScroll(ui);
    ImGui::EndChild();
}

void CountScreen::drawLine(Ui& ui, const core::CountLine& l) {
    const bool blind = m_count && m_count->blind;
    const std::string unit = warehouse::unitLabel(l.unit);
    std::string label = l.sku + "  " + lineName(l) + "    " +
                        tr("warehouse.count.mine", {{"qty", core::quantityText(l.mineMilli)}, {"unit", unit}});
    if (l.state == "disagree" || l.state == "recount")
        label += std::string("  ") + tr("warehouse.count.state.recount");
    else if (l.state == "counted")
        label += std::string("  ") + tr("warehouse.count.state.counted");
    if (!blind) label += std::string("  ") + tr("warehouse.count.books", {{"qty", core::quantityText(l.expectedNowMilli)}});
    if (!l.onList) label += std::string("  ") + tr("warehouse.count.not_listed");
    ui.ensureGlyphs(label);
    // One row, one tap target: the part on the left, this tablet's figure large on the right, the
    // line's state beside it (the whole label is what tests and the probe see).
    const Theme& t = ui.theme();
    const bool recount = l.state == "disagree" || l.state == "recount";
    const float rowH = t.touch * 1.4f;
    ImGui::PushID(l.partId.c_str());
    const bool tapped = ImGui::InvisibleButton("##line", ImVec2(ImGui::GetContentRegionAvail().x, rowH));
    ui.registry().recordLastItem(label, WidgetKind::kButton, true);
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, held ? ui.colors().secondaryActive : recount ? IM_COL32(253, 236, 234, 255) : ui.colors().surface,
                      t.rounding);
    dl->AddRect(a, b, recount ? ui.colors().danger : ui.colors().border, t.rounding, 0, recount ? 2.0f : 1.0f);
    ImFont* body = ui.bodyFont();
    ImFont* large = ui.largeFont();
    const std::string name = lineName(l) + (l.onList ? "" : std::string(" ") + tr("warehouse.count.not_listed"));
    const std::string figure = core::quantityText(l.mineMilli) + " " + unit;
    std::string state = recount ? tr("warehouse.count.state.recount")
                                : l.state == "counted" ? tr("warehouse.count.state.counted") : "";
    if (!blind) state += (state.empty() ? "" : "  ") + tr("warehouse.count.books", {{"qty", core::quantityText(l.expectedNowMilli)}});
    ui.ensureGlyphs(figure, true);
    const float figW = textSize(large, figure).x, stateW = textSize(body, state).x;
    const float right = b.x - t.pad;
    dl->AddText(large, large->FontSize, ImVec2(right - figW, (a.y + b.y - large->FontSize) * 0.5f), ui.colors().text,
                figure.c_str());
    dl->AddText(body, body->FontSize, ImVec2(right - figW - t.gap * 2 - stateW, (a.y + b.y - body->FontSize) * 0.5f),
                recount ? ui.colors().danger : ui.colors().success, state.c_str());
    const float textW = right - figW - stateW - t.gap * 4 - (a.x + t.pad);
    ImGui::PushClipRect(a, ImVec2(a.x + t.pad + std::max(textW, 0.0f), b.y), true);
    dl->AddText(body, body->FontSize * 0.85f, ImVec2(a.x + t.pad, a.y + rowH * 0.12f), ui.colors().textMuted, l.sku.c_str());
    dl->AddText(body, body->FontSize, ImVec2(a.x + t.pad, a.y + rowH * 0.46f), ui.colors().text, name.c_str());
    ImGui::PopClipRect();
    ImGui::Dummy(ImVec2(0, t.gap * 0.5f));
    if (tapped) {
        if (l.tracking == "serial") {
            m_serialPart = l.partId;
            ui.toasts().show(tr("warehouse.count.scan_serials", {{"sku", l.sku}}), ToastKind::kInfo, 4000);
            return;
        }
        m_entering = l;
        m_qty.clear();
        m_enterError.clear();
        m_enterOpen = m_enterOpening = true;
    }
}

void CountScreen::drawEnter(Ui& ui) {
    if (!m_enterOpen || !m_entering || !m_count) return;
    if (!beginModal(ui, "##count-enter", m_enterOpening)) {
        m_enterOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "enter");
    const core::CountLine& l = *m_entering;
    const std::string title = tr("warehouse.count.enter_title", {{"name", lineName(l)}, {"bin", l.binCode}});
    ui.ensureGlyphs(title, true);
    heading(ui, title);
    if (l.state == "disagree") colouredText(ui, ui.colors().warning, tr("warehouse.count.recount_hint"));
    text(ui, tr("warehouse.receive.qty", {{"unit", warehouse::unitLabel(l.unit)}}));
    bool submit = m_qty.draw(ui, "count-qty", ImGui::GetMainViewport()->WorkSize.y * 0.45f) == KeypadEvent::kSubmitted;
    if (!m_enterError.empty()) colouredText(ui, ui.colors().danger, m_enterError);
    const float half = (ImGui::GetContentRegionAvail().x - ui.theme().gap) * 0.5f;
    bool close = false;
    if (button(ui, tr("warehouse.receive.cancel"), {.width = half, .id = "cancel"})) close = true;
    ImGui::SameLine();
    if (button(ui, tr("warehouse.count.save"),
               {.kind = ButtonKind::kPrimary, .width = half, .enabled = m_qty.canSubmit(), .large = true, .id = "ok"}))
        submit = true;
    if (submit && m_app.staff && m_qty.canSubmit()) {
        const int64_t units = std::stoll(m_qty.value());
        if (l.state == "disagree")  // typed after counting again: a new round with this figure
            (void)m_counts.requestRecount(*m_app.staff, m_count->id, l.binId, l.partId);
        auto saved = m_counts.setCounted(*m_app.staff, m_count->id, l.binId, l.partId, units * 1000);
        if (!saved) {
            m_enterError = warehouse::errorText(saved.error());
        } else {
            m_lastKey = l.binId + "/" + l.partId;
            lineSaved(ui, *saved);
            close = true;
        }
    }
    if (close) {
        ImGui::CloseCurrentPopup();
        m_enterOpen = false;
    }
    ImGui::EndPopup();
}

void CountScreen::drawChoices(Ui& ui) {
    if (m_choices.empty()) return;
    ScopedWidgetScope scope(ui.registry(), "choices");
    text(ui, tr("warehouse.lookup.choose", {{"count", static_cast<int64_t>(m_choices.size())}}));
    std::optional<std::string> picked;
    for (const core::PartMatch& m : m_choices) {
        ui.ensureGlyphs(m.nameZh);
        if (button(ui, m.sku + "  " + m.nameZh, {.width = -1, .id = m.partId})) picked = m.partId;
    }
    if (picked) {
        m_choices.clear();
        scanPart(ui, *picked);
    }
}

void CountScreen::drawBins(Ui& ui) {
    if (!m_binsOpen || !m_count) return;
    if (!beginModal(ui, "##count-bins", m_binsOpening)) {
        m_binsOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "bins");
    heading(ui, tr("warehouse.count.bins_title"));
    std::optional<std::string> picked;
    ImGui::BeginChild("##bins", ImVec2(0, ImGui::GetMainViewport()->WorkSize.y * 0.6f), false);
    for (size_t i = 0; i < m_countBins.size(); ++i) {
        const core::CountBin& b = m_countBins[i];
        if (i % 3) ImGui::SameLine();
        const std::string label = b.code + "  " + std::to_string(b.counted) + "/" + std::to_string(b.lines);
        if (button(ui, label, {.kind = b.counted == b.lines ? ButtonKind::kSecondary : ButtonKind::kPrimary,
                               .width = columnWidth(ui, 3), .id = b.binId}))
            picked = b.binId;
    }
    dragToScroll(ui);
    ImGui::EndChild();
    bool close = button(ui, tr("warehouse.count.close"), {.width = -1, .id = "close"});
    if (picked) {
        if (auto b = m_s.parts.bin(*picked)) {
            m_bin = *b;
            m_lastKey.clear();
            m_serialPart.reset();
            reload();
        }
        close = true;
    }
    if (close) {
        ImGui::CloseCurrentPopup();
        m_binsOpen = false;
    }
    ImGui::EndPopup();
}

void CountScreen::drawUncounted(Ui& ui) {
    if (!m_leftOpen || !m_count) return;
    if (!beginModal(ui, "##count-left", m_leftOpening)) {
        m_leftOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "left");
    heading(ui, tr("warehouse.count.left_title", {{"count", static_cast<int64_t>(m_left.size())}}));
    if (m_left.empty()) text(ui, tr("warehouse.count.all_counted"));
    const std::string binHeader = tr("warehouse.count.col.bin"), skuHeader = tr("warehouse.count.col.sku"),
                      nameHeader = tr("warehouse.count.col.name");
    auto cell = [&](int row, int col, std::string& scratch) -> std::string_view {
        const core::CountLine& l = m_left[static_cast<size_t>(row)];
        if (col == 0) return l.binCode;
        if (col == 1) return l.sku;
        scratch = lineName(l);
        ui.ensureGlyphs(scratch);
        return scratch;
    };
    std::optional<int> row;
    if (!m_left.empty())
        row = m_leftTable.draw(ui, "uncounted", {{binHeader.c_str(), 1}, {skuHeader.c_str(), 1.4f}, {nameHeader.c_str(), 2}},
                               static_cast<int>(m_left.size()), cell,
                               {.height = ImGui::GetMainViewport()->WorkSize.y * 0.6f});
    bool close = button(ui, tr("warehouse.count.close"), {.width = -1, .id = "close"});
    if (row) {
        if (auto b = m_s.parts.bin(m_left[static_cast<size_t>(*row)].binId)) {
            m_bin = *b;
            m_lastKey.clear();
            m_serialPart.reset();
            reload();
        }
        close = true;
    }
    if (close) {
        ImGui::CloseCurrentPopup();
        m_leftOpen = false;
    }
    ImGui::EndPopup();
}

}  // namespace fc::ui
