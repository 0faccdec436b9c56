#include "kiosk/screens/office/count_review_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/screens/office/printing.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/core/money.hpp"
#include "shared/capture/service_set.hpp"
#include "shared/stock/part_service.hpp"
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

CountReviewScreen::CountReviewScreen(AppContext& app, core::ServiceSet& services, core::CountService& counts)
    : m_app(app),
      m_services(services),
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
    drawNew(ui);
}

void CountReviewScreen::drawList(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "list");
    heading(ui, tr("office.count.list"));
    if (button(ui, tr("warehouse.count.new"), {.width = -1, .id = "new"})) {
        std::set<std::string> zones;
        for (const core::Bin& b : m_services.get<core::PartService>().bins().valueOr({}))
            if (!b.zone.empty()) zones.insert(b.zone);
        m_zones.assign(zones.begin(), zones.end());
        m_spec = core::CountSpec{};
        m_spec.scope = m_zones.empty() ? "full" : "zones";
        if (!m_zones.empty()) m_spec.zones = {m_zones.front()};
        m_newError.clear();
        m_newOpen = m_newOpening = true;
    }
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
        ImGui::SameLine();
    }
    if (button(ui, tr("office.count.print"), {.id = "print"})) printReport(ui);
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
    options.rowHeight = ui.theme().touch * 1.15f;
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

void CountReviewScreen::drawNew(Ui& ui) {
    if (!m_newOpen) return;
    if (!beginModal(ui, "##office-new-count", m_newOpening)) {
        m_newOpen = false;
        return;
    }
    ScopedWidgetScope scope(ui.registry(), "new");
    heading(ui, tr("warehouse.count.new"));
    text(ui, tr("warehouse.count.scope"));
    {
        ScopedWidgetScope scopes(ui.registry(), "scopes");
        bool first = true;
        for (const char* s : {"full", "zones", "fast", "stale"}) {
            if (!first) ImGui::SameLine();
            first = false;
            if (button(ui, tr(std::string("warehouse.count.scope.") + s),
                       {.kind = m_spec.scope == s ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = s}))
                m_spec.scope = s;
        }
    }
    if (m_spec.scope == "zones") {
        ScopedWidgetScope zones(ui.registry(), "zones");
        for (size_t i = 0; i < m_zones.size(); ++i) {
            if (i % 8) ImGui::SameLine();
            const bool on = std::find(m_spec.zones.begin(), m_spec.zones.end(), m_zones[i]) != m_spec.zones.end();
            if (button(ui, m_zones[i], {.kind = on ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = m_zones[i]})) {
                if (on)
                    m_spec.zones.erase(std::find(m_spec.zones.begin(), m_spec.zones.end(), m_zones[i]));
                else
                    m_spec.zones.push_back(m_zones[i]);
            }
        }
    }
    if (m_spec.scope == "stale") {
        ScopedWidgetScope days(ui.registry(), "days");
        text(ui, tr("office.count.days"));
        bool first = true;
        for (int d : {30, 60, 90, 180}) {
            if (!first) ImGui::SameLine();
            first = false;
            if (button(ui, tr("office.count.days_n", {{"days", static_cast<int64_t>(d)}}),
                       {.kind = m_spec.days == d ? ButtonKind::kPrimary : ButtonKind::kSecondary,
                        .id = std::to_string(d)}))
                m_spec.days = d;
        }
    }
    if (m_spec.scope == "fast") {
        ScopedWidgetScope top(ui.registry(), "top");
        text(ui, tr("office.count.top"));
        bool first = true;
        for (int n : {50, 100, 200, 500}) {
            if (!first) ImGui::SameLine();
            first = false;
            if (button(ui, std::to_string(n), {.kind = m_spec.top == n ? ButtonKind::kPrimary : ButtonKind::kSecondary,
                                               .id = std::to_string(n)}))
                m_spec.top = n;
        }
    }
    {
        ScopedWidgetScope threshold(ui.registry(), "threshold");
        text(ui, tr("office.count.threshold"));
        bool first = true;
        for (int64_t fen : {int64_t{10'000}, int64_t{20'000}, int64_t{50'000}, int64_t{100'000}}) {
            if (!first) ImGui::SameLine();
            first = false;
            if (button(ui, core::Money::fen(fen).format(),
                       {.kind = m_spec.thresholdFen == fen ? ButtonKind::kPrimary : ButtonKind::kSecondary,
                        .id = std::to_string(fen)}))
                m_spec.thresholdFen = fen;
        }
    }
    checkbox(ui, tr("warehouse.count.blind"), m_spec.blind);
    if (!m_newError.empty()) colouredText(ui, ui.colors().danger, m_newError);
    space(ui, 0.5f);
    const float half = (ImGui::GetContentRegionAvail().x - ui.theme().gap) * 0.5f;
    bool close = false;
    if (button(ui, tr("warehouse.receive.cancel"), {.width = half, .id = "cancel"})) close = true;
    ImGui::SameLine();
    if (button(ui, tr("office.count.open"), {.kind = ButtonKind::kPrimary, .width = half, .id = "open"}) && m_app.staff) {
        auto id = m_service.open(*m_app.staff, m_spec);
        if (!id) {
            m_newError = id.error().message;
        } else {
            close = true;
            m_counts = m_service.counts(false).valueOr({});
            select(*id);
            ui.toasts().show(tr("office.count.opened", {{"number", m_review ? m_review->count.number : ""}}),
                             ToastKind::kSuccess);
        }
    }
    if (close) {
        ImGui::CloseCurrentPopup();
        m_newOpen = false;
    }
    ImGui::EndPopup();
}

void CountReviewScreen::printReport(Ui& ui) {
    if (!m_review) return;
    auto path = desk::saveCountReport(m_app, m_services, m_review->count.id);
    if (!path) {
        ui.toasts().show(tr("office.count.print_failed", {{"detail", path.error().message}}), ToastKind::kError, 8000);
        return;
    }
    ui.ensureGlyphs(*path);
    ui.toasts().show(tr("office.count.printed", {{"path", *path}}), ToastKind::kSuccess, 8000);
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
