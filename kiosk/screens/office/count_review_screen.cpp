#include "kiosk/screens/office/count_review_screen.hpp"

#include <imgui.h>

#include <cstdlib>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/money.hpp"
#include "shared/stock/stock_service.hpp"
#include "shared/stock/tables.hpp"

namespace fc::ui {

namespace {

// "+¥12.00", "−¥5.40", "¥0.00": the sign a variance has.
std::string signedYuan(int64_t fen) {
    const std::string v = core::Money::fen(std::llabs(fen)).format();
    return fen > 0 ? "+" + v : fen < 0 ? "−" + v : v;
}

std::string signedQty(int64_t milli) {
    const std::string v = core::quantityText(std::llabs(milli));
    return milli > 0 ? "+" + v : milli < 0 ? "−" + v : v;
}

std::string nameOf(const core::CountLine& l) {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en" && !l.nameEn.empty() ? l.nameEn : l.nameZh;
}

}  // namespace

CountReviewScreen::CountReviewScreen(AppContext& app, core::CountService& counts)
    : m_app(app),
      m_service(counts),
      m_watch(app.data, {&core::tables::kStockCounts, &core::tables::kStockCountEntries,
                         &core::tables::kStockMovements}) {}

std::string CountReviewScreen::title() const { return tr("office.count.title"); }

void CountReviewScreen::reload() {
    m_counts = m_service.counts(false).valueOr({});
    if (m_selected) select(*m_selected);
}

void CountReviewScreen::select(const std::string& id) {
    m_selected = id;
    m_error.clear();
    auto r = m_service.review(id);
    if (!r) {
        m_review.reset();
        m_rows.clear();
        m_error = r.error().message;
        return;
    }
    m_review = std::move(r).value();
    m_rows = m_review->lines;
    for (const core::CountLine& l : m_review->recounts) m_rows.push_back({.line = l});
}

void CountReviewScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (m_watch.changed()) reload();
    ScopedWidgetScope scope(ui.registry(), "count-review");
    const float listW = ImGui::GetContentRegionAvail().x * 0.26f;
    ImGui::BeginChild("##counts", ImVec2(listW, 0), false);
    drawList(ui);
    dragToScroll(ui);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##review", ImVec2(0, 0), false);
    drawReview(ui);
    ImGui::EndChild();
    drawConfirm(ui);
}

void CountReviewScreen::drawList(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "list");
    heading(ui, tr("office.count.list"));
    if (m_counts.empty()) mutedText(ui, tr("office.count.none"));
    std::optional<std::string> picked;
    for (const core::StockCount& c : m_counts) {
        const std::string label = c.number + "  " + tr(std::string("office.count.status.") + c.status);
        ui.ensureGlyphs(label);
        if (button(ui, label, {.kind = m_selected == c.id ? ButtonKind::kPrimary : ButtonKind::kSecondary,
                               .width = -1, .id = c.id}))
            picked = c.id;
    }
    if (picked) {
        m_confirmUncounted = m_approve = false;
        select(*picked);
    }
}

void CountReviewScreen::drawReview(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "review");
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    if (!m_review) {
        mutedText(ui, tr("office.count.pick"));
        return;
    }
    const core::CountReview& r = *m_review;
    const core::StockCount& c = r.count;
    const std::string head = tr("office.count.heading", {{"number", c.number},
                                                         {"scope", tr(std::string("warehouse.count.scope.") + c.scope) +
                                                                       (c.scopeDetail.empty() ? "" : " " + c.scopeDetail)}});
    ui.ensureGlyphs(head, true);
    heading(ui, head);
    mutedText(ui, tr("office.count.summary", {{"status", tr(std::string("office.count.status.") + c.status)},
                                              {"counted", static_cast<int64_t>(r.progress.counted)},
                                              {"lines", static_cast<int64_t>(r.progress.lines)},
                                              {"threshold", core::Money::fen(c.thresholdFen).format()}}));
    // The totals, with their signs.
    colouredText(ui, ui.colors().success, tr("office.count.gain", {{"value", signedYuan(r.gainFen)}}));
    ImGui::SameLine(0, ui.theme().gap * 2);
    colouredText(ui, ui.colors().danger, tr("office.count.loss", {{"value", signedYuan(r.lossFen)}}));
    ImGui::SameLine(0, ui.theme().gap * 2);
    text(ui, tr("office.count.net", {{"value", signedYuan(r.netFen)}}));
    if (!r.recounts.empty())
        colouredText(ui, ui.colors().warning, tr("office.count.recounts", {{"count", static_cast<int64_t>(r.recounts.size())}}));
    if (r.overThreshold > 0)
        colouredText(ui, ui.colors().warning,
                     tr("office.count.over", {{"count", static_cast<int64_t>(r.overThreshold)},
                                              {"threshold", core::Money::fen(c.thresholdFen).format()}}));

    const bool open = c.status == "open";
    if (open) {
        ScopedWidgetScope actions(ui.registry(), "actions");
        if (c.scope == "full" && !r.uncounted.empty()) {
            std::string names;
            for (size_t i = 0; i < r.uncounted.size() && i < 6; ++i)
                names += (i ? "、" : "") + r.uncounted[i].binCode + " " + r.uncounted[i].sku;
            if (r.uncounted.size() > 6) names += "…";
            ui.ensureGlyphs(names);
            colouredText(ui, ui.colors().warning,
                         tr("office.count.uncounted", {{"count", static_cast<int64_t>(r.uncounted.size())}, {"lines", names}}));
            checkbox(ui, tr("office.count.confirm_uncounted"), m_confirmUncounted);
        }
        const bool manager = m_app.staff && m_app.staff->can(core::Capability::kResolveConflicts);
        if (r.overThreshold > 0) {
            if (manager)
                checkbox(ui, tr("office.count.approve"), m_approve);
            else
                mutedText(ui, tr("office.count.needs_manager"));
        }
        const bool ready = r.recounts.empty() && (c.scope != "full" || r.uncounted.empty() || m_confirmUncounted) &&
                           (r.overThreshold == 0 || m_approve);
        if (button(ui, tr("office.count.post"), {.kind = ButtonKind::kPrimary, .enabled = ready && m_app.staff, .id = "post"}))
            m_confirmOpen = m_confirmOpening = true;
    }
    space(ui, 0.5f);

    // The lines: variances (the largest value first), then those waiting for a recount.
    const std::string h[] = {tr("office.count.col.bin"),     tr("office.count.col.sku"),    tr("office.count.col.name"),
                             tr("office.count.col.books"),   tr("office.count.col.counted"), tr("office.count.col.diff"),
                             tr("office.count.col.value"),   tr("office.count.col.state")};
    auto cell = [&](int row, int col, std::string& scratch) -> std::string_view {
        const core::VarianceLine& v = m_rows[static_cast<size_t>(row)];
        const bool waiting = v.line.state != "counted";
        switch (col) {
            case 0: return v.line.binCode;
            case 1: return v.line.sku;
            case 2:
                scratch = nameOf(v.line);
                ui.ensureGlyphs(scratch);
                return scratch;
            case 3: return scratch = waiting ? "" : core::quantityText(v.expectedMilli);
            case 4: return scratch = waiting ? v.line.figures : core::quantityText(v.line.figureMilli);
            case 5: return scratch = waiting ? "" : signedQty(v.varianceMilli);
            case 6: return scratch = waiting ? "" : signedYuan(v.valueFen);
            default:
                scratch = waiting ? tr("office.count.state.recount")
                                  : v.overThreshold ? tr("office.count.state.over") : "";
                return scratch;
        }
    };
    std::optional<std::string> recountBin, recountPart;
    TableOptions options;
    if (open) {
        options.actionsWidth = textSize(ui.bodyFont(), tr("office.count.ask_recount")).x + ui.theme().pad * 3;
        options.actionsHeader = "";
        options.actions = [&](int row) {
            const core::VarianceLine& v = m_rows[static_cast<size_t>(row)];
            if (v.line.state == "counted" && v.line.tracking != "serial" && v.varianceMilli != 0 &&
                button(ui, tr("office.count.ask_recount"), {.id = "recount"})) {
                recountBin = v.line.binId;
                recountPart = v.line.partId;
            }
        };
    }
    m_table.draw(ui, "lines",
                 {{h[0].c_str(), 1}, {h[1].c_str(), 1.3f}, {h[2].c_str(), 2}, {h[3].c_str(), 0.8f},
                  {h[4].c_str(), 0.8f}, {h[5].c_str(), 0.8f}, {h[6].c_str(), 1.1f}, {h[7].c_str(), 0.9f}},
                 static_cast<int>(m_rows.size()), cell, options);
    if (recountBin && m_app.staff) {
        if (auto s = m_service.requestRecount(*m_app.staff, c.id, *recountBin, *recountPart); !s)
            ui.toasts().show(s.error().message, ToastKind::kError, 6000);
        else
            ui.toasts().show(tr("office.count.recount_asked"), ToastKind::kSuccess);
    }
}

void CountReviewScreen::drawConfirm(Ui& ui) {
    if (!m_confirmOpen || !m_review) return;
    if (!beginModal(ui, "##post-count", m_confirmOpening)) {
        m_confirmOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "confirm");
    size_t moves = 0;
    for (const core::VarianceLine& v : m_review->lines) moves += v.varianceMilli != 0;
    heading(ui, tr("office.count.confirm_title", {{"number", m_review->count.number}}));
    text(ui, tr("office.count.confirm_body", {{"count", static_cast<int64_t>(moves)},
                                              {"net", signedYuan(m_review->netFen)}}));
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    const float half = (ImGui::GetContentRegionAvail().x - ui.theme().gap) * 0.5f;
    bool close = false;
    if (button(ui, tr("warehouse.receive.cancel"), {.width = half, .id = "cancel"})) close = true;
    ImGui::SameLine();
    if (button(ui, tr("office.count.post"), {.kind = ButtonKind::kPrimary, .width = half, .id = "ok"})) {
        post(ui);
        close = m_error.empty();
    }
    if (close) {
        ImGui::CloseCurrentPopup();
        m_confirmOpen = false;
    }
    ImGui::EndPopup();
}

void CountReviewScreen::post(Ui& ui) {
    if (!m_app.staff || !m_review) return;
    auto r = m_service.post(*m_app.staff, m_review->count.id,
                            {.confirmUncounted = m_confirmUncounted, .approve = m_approve});
    if (!r) {
        m_error = r.error().message;
        return;
    }
    ui.toasts().show(tr("office.count.posted", {{"count", static_cast<int64_t>(r->movements)}}), ToastKind::kSuccess);
    select(m_review->count.id);
}

}  // namespace fc::ui
