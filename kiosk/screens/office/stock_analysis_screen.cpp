// [SECTION] index
//   helpers   — translation of the report keys, money and axis labels, nice scales
//   reload    — the chosen analysis into tables (in words), bars and a summary line
//   draw      — the choices, the chart (draw list), the table
//   export    — Excel and PDF into the documents folder
#include "kiosk/screens/office/stock_analysis_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <filesystem>
#include <map>
#include <system_error>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "platform/export/xlsx.hpp"
#include "platform/print/print.hpp"
#include "shared/core/money.hpp"
#include "shared/customers/tables.hpp"
#include "shared/stock/tables.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

namespace {

// [SECTION] helpers

constexpr const char* kTabs[] = {"turnover", "slow", "value", "monthly", "models"};
constexpr int kPeriods[] = {30, 90, 365};
constexpr int kIdleDays[] = {60, 90, 180};

bool english() {
    const I18n* i18n = currentI18n();
    return i18n && i18n->language() == "en";
}

std::string words(const std::string& key) {
    return tr(key);
}

// "¥12,346": whole yuan, for the chart.
std::string yuanWhole(double yuan) {
    std::string s = core::Money::fen(static_cast<int64_t>(std::llround(yuan)) * 100).format();
    if (s.size() > 3 && s.compare(s.size() - 3, 3, ".00") == 0) s.resize(s.size() - 3);
    return s;
}

// A tick of the y axis; `top` (the axis' top) decides how many decimals a ratio gets, the same
// for every tick.
std::string axisText(double v, double top, StockAnalysisScreen::Axis axis) {
    switch (axis) {
        case StockAnalysisScreen::Axis::kMoney:
            return yuanWhole(v);
        case StockAnalysisScreen::Axis::kRatio: {
            char buf[32];
            std::snprintf(buf, sizeof buf, top >= 20 ? "%.0f" : top >= 2 ? "%.1f" : "%.2f", v);
            return buf;
        }
        case StockAnalysisScreen::Axis::kCount:
            return std::to_string(std::llround(v));
    }
    return "";
}

// The smallest "round" number at or above v (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k): the top of
// the y axis, whose quarters are the gridlines.
double niceCeil(double v) {
    if (v <= 0) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (m * p >= v * (1 - 1e-9)) return m * p;
    return 10 * p;
}

// `text` cut to `width` pixels of `font` at `size`, with "…" when cut.
std::string fitText(ImFont* font, float size, const std::string& text, float width) {
    if (font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x <= width) return text;
    std::string out;
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        const std::string next = out + text.substr(i, n);
        if (font->CalcTextSizeA(size, FLT_MAX, 0, (next + "…").c_str()).x > width) break;
        out = next;
        i += n;
    }
    return out + "…";
}

// "7月" / "Jul" under a month's bar.
std::string monthLabel(int yyyymm) {
    return tr(std::string("office.analysis.month.") + std::to_string(yyyymm % 100));
}

}  // namespace

StockAnalysisScreen::StockAnalysisScreen(AppContext& app, core::StockAnalysis& analysis)
    : m_app(app),
      m_service(analysis),
      m_watch(app.data, {&core::tables::kStockMovements, &core::tables::kParts,
                         &core::tables::kWorkOrders, &core::tables::kVehicles}) {}

std::string StockAnalysisScreen::title() const {
    return tr("office.analysis.title");
}

// [SECTION] reload

void StockAnalysisScreen::reload(int64_t nowMs) {
    m_error.clear();
    m_summary.clear();
    m_bars.clear();
    std::vector<core::ReportTable> keyed;
    const core::StoreTime& time = m_service.time();
    auto money = [](int64_t fen) { return core::cellText(core::ReportCell::fen(fen)); };
    auto failed = [&](const core::Error& e) {
        m_error = tr("office.analysis.load_failed", {{"error", e.message}});
    };
    switch (m_analysis) {
        case Analysis::kTurnover: {
            auto r = m_service.turnover(core::lastDays(time, nowMs, days()));
            if (!r) {
                failed(r.error());
                break;
            }
            keyed = core::reportTables(*r, time);
            for (const core::CategoryTurnover& c : r->categories)
                if (c.turnoverCenti)
                    m_bars.push_back({words(core::categoryKey(c.category)),
                                      static_cast<double>(*c.turnoverCenti) / 100.0,
                                      core::cellText(core::ReportCell::ratio(*c.turnoverCenti))});
            m_axis = Axis::kRatio;
            m_chartTitle = tr("office.analysis.chart.turnover");
            m_summary = tr(
                "office.analysis.summary.turnover",
                {{"cogs", money(r->total.cogsFen)},
                 {"stock", money(r->total.avgStockFen)},
                 {"turnover", r->total.turnoverCenti
                                  ? core::cellText(core::ReportCell::ratio(*r->total.turnoverCenti))
                                  : std::string("—")}});
            break;
        }
        case Analysis::kSlow: {
            auto r = m_service.slowMovers(days(), nowMs);
            if (!r) {
                failed(r.error());
                break;
            }
            keyed = core::reportTables(*r, time);
            std::map<std::string, int64_t> byCategory;
            for (const core::SlowMover& p : r->parts) byCategory[p.category] += p.valueFen;
            std::vector<std::pair<std::string, int64_t>> sorted(byCategory.begin(),
                                                                byCategory.end());
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
            for (const auto& [c, v] : sorted)
                m_bars.push_back({words(core::categoryKey(c)), static_cast<double>(v) / 100.0,
                                  yuanWhole(static_cast<double>(v) / 100.0)});
            m_axis = Axis::kMoney;
            m_chartTitle = tr("office.analysis.chart.slow");
            m_summary = tr("office.analysis.summary.slow",
                           {{"count", static_cast<int64_t>(r->parts.size())},
                            {"days", days()},
                            {"value", money(r->valueFen)}});
            break;
        }
        case Analysis::kValue: {
            auto r = m_service.valueByCategory();
            if (!r) {
                failed(r.error());
                break;
            }
            keyed = core::reportTables(*r);
            for (const core::CategoryValue& c : r->categories)
                m_bars.push_back({words(core::categoryKey(c.category)),
                                  static_cast<double>(c.valueFen) / 100.0,
                                  yuanWhole(static_cast<double>(c.valueFen) / 100.0)});
            m_axis = Axis::kMoney;
            m_chartTitle = tr("office.analysis.chart.value");
            m_summary = tr("office.analysis.summary.value",
                           {{"value", money(r->valueFen)}, {"count", r->parts}});
            break;
        }
        case Analysis::kMonthly: {
            auto r = m_service.monthlyDemand(nowMs, 12);
            if (!r) {
                failed(r.error());
                break;
            }
            keyed = core::reportTables(*r);
            for (const core::MonthDemand& m : r->months)
                m_bars.push_back({monthLabel(m.month), static_cast<double>(m.cogsFen) / 100.0,
                                  yuanWhole(static_cast<double>(m.cogsFen) / 100.0)});
            m_axis = Axis::kMoney;
            m_chartTitle = tr("office.analysis.chart.monthly");
            m_summary = tr("office.analysis.summary.monthly", {{"value", money(r->cogsFen)}});
            break;
        }
        case Analysis::kModels: {
            auto r = m_service.partsByModel(core::lastDays(time, nowMs, days()), 10);
            if (!r) {
                failed(r.error());
                break;
            }
            keyed = core::reportTables(*r, time);
            for (const core::ModelParts& m : r->models) {
                if (m_bars.size() == 12) break;
                std::string name =
                    m.make + (m.make.empty() || m.model.empty() ? "" : " ") + m.model;
                if (name.empty()) name = tr("office.analysis.model_unknown");
                m_bars.push_back({name, static_cast<double>(m.orders), std::to_string(m.orders)});
            }
            m_axis = Axis::kCount;
            m_chartTitle = tr("office.analysis.chart.models");
            m_summary = tr("office.analysis.summary.models",
                           {{"count", static_cast<int64_t>(r->models.size())}});
            break;
        }
    }
    m_tables.clear();
    for (const core::ReportTable& t : keyed)
        m_tables.push_back(core::localize(t, words, english()));
    if (m_shown >= m_tables.size()) m_shown = 0;
    m_table.setSelected(std::nullopt);
    m_table.scrollTo(0);
}

// [SECTION] draw

void StockAnalysisScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    const I18n* i18n = currentI18n();
    const std::string language = i18n ? i18n->language() : "";
    if (m_watch.changed() || m_stale || language != m_language) {
        m_language = language;
        m_stale = false;
        reload(ui.nowMs());
    }
    ScopedWidgetScope scope(ui.registry(), "stock-analysis");
    drawChoices(ui);
    if (!m_error.empty()) colouredText(ui, ui.colors().danger, m_error);
    const float chartH = std::max(ui.theme().touch * 4.0f, ImGui::GetContentRegionAvail().y * 0.4f);
    drawChart(ui, chartH);
    space(ui, 0.5f);
    drawTable(ui);
}

void StockAnalysisScreen::drawChoices(Ui& ui) {
    const Theme& t = ui.theme();
    {
        ScopedWidgetScope tabs(ui.registry(), "tabs");
        for (size_t i = 0; i < std::size(kTabs); ++i) {
            if (i > 0) ImGui::SameLine();
            const auto a = static_cast<Analysis>(i);
            if (button(ui, tr(std::string("office.analysis.tab.") + kTabs[i]),
                       {.kind = a == m_analysis ? ButtonKind::kPrimary : ButtonKind::kSecondary}) &&
                a != m_analysis) {
                m_analysis = a;
                m_shown = 0;
                m_stale = true;
            }
        }
    }
    // The exports at the right of the same row.
    {
        ScopedWidgetScope actions(ui.registry(), "export");
        const std::string xlsx = tr("office.analysis.export_xlsx"),
                          pdf = tr("office.analysis.export_pdf");
        const float w =
            textSize(ui.bodyFont(), xlsx).x + textSize(ui.bodyFont(), pdf).x + t.pad * 4 + t.gap;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
        const bool any = !m_tables.empty();
        if (button(ui, xlsx, {.enabled = any, .id = "xlsx"})) exportTables(ui, false);
        ImGui::SameLine();
        if (button(ui, pdf, {.enabled = any, .id = "pdf"})) exportTables(ui, true);
    }
    // The period (or the days without an issue), and what it comes to.
    ScopedWidgetScope period(ui.registry(), "period");
    int& chosen = m_days[static_cast<size_t>(m_analysis)];
    const bool periods = m_analysis == Analysis::kTurnover || m_analysis == Analysis::kModels;
    if (periods || m_analysis == Analysis::kSlow) {
        const std::string prefix = periods ? "office.analysis.period." : "office.analysis.idle.";
        const int* choices = periods ? kPeriods : kIdleDays;
        for (size_t i = 0; i < 3; ++i) {
            if (i > 0) ImGui::SameLine();
            if (button(
                    ui, tr(prefix + std::to_string(choices[i])),
                    {.kind = chosen == choices[i] ? ButtonKind::kPrimary : ButtonKind::kQuiet}) &&
                chosen != choices[i]) {
                chosen = choices[i];
                m_stale = true;
            }
        }
        // On the buttons' line, centred on their height.
        ImGui::SameLine(0, t.gap * 2);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                             std::max(0.0f, (t.touch - ImGui::GetTextLineHeight()) * 0.5f));
    }
    ui.ensureGlyphs(m_summary);
    text(ui, m_summary);
}

void StockAnalysisScreen::drawChart(Ui& ui, float height) {
    const Theme& t = ui.theme();
    const Palette& c = ui.colors();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ui.bodyFont();
    const float fs = ImGui::GetFontSize(), small = fs * 0.8f;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(width, height));
    dl->AddRectFilled(o, ImVec2(o.x + width, o.y + height), c.surface, t.rounding);
    dl->AddRect(o, ImVec2(o.x + width, o.y + height), c.border, t.rounding);
    ui.ensureGlyphs(m_chartTitle);
    const ImVec2 titleAt(o.x + t.pad, o.y + t.pad * 0.6f);
    dl->AddText(font, fs, titleAt, c.text, m_chartTitle.c_str());
    ui.registry().record(
        m_chartTitle, WidgetKind::kOther, titleAt,
        ImVec2(titleAt.x + font->CalcTextSizeA(fs, FLT_MAX, 0, m_chartTitle.c_str()).x,
               titleAt.y + fs),
        true);
    if (m_analysis == Analysis::kTurnover) {
        // How the figure is made, at the right of the title.
        const std::string how = tr("office.analysis.how");
        ui.ensureGlyphs(how);
        const float titleW = font->CalcTextSizeA(fs, FLT_MAX, 0, m_chartTitle.c_str()).x;
        const std::string shown = fitText(font, small, how, width - titleW - t.pad * 3);
        const float hw = font->CalcTextSizeA(small, FLT_MAX, 0, shown.c_str()).x;
        const ImVec2 at(o.x + width - t.pad - hw, o.y + t.pad * 0.6f + (fs - small) * 0.5f);
        dl->AddText(font, small, at, c.textMuted, shown.c_str());
        ui.registry().record(how, WidgetKind::kOther, at, ImVec2(at.x + hw, at.y + small), true);
    }
    if (m_bars.empty()) {
        const std::string none = tr("office.analysis.chart.none");
        const ImVec2 sz = font->CalcTextSizeA(fs, FLT_MAX, 0, none.c_str());
        dl->AddText(font, fs, ImVec2(o.x + (width - sz.x) * 0.5f, o.y + (height - sz.y) * 0.5f),
                    c.textMuted, none.c_str());
        return;
    }

    // The scale: a round top, four gridlines, their values on the left.
    double top = 0;
    for (const Bar& b : m_bars) top = std::max(top, b.value);
    top = niceCeil(top);
    float axisW = 0;
    for (int k = 0; k <= 4; ++k)
        axisW = std::max(
            axisW,
            font->CalcTextSizeA(small, FLT_MAX, 0, axisText(top * k / 4, top, m_axis).c_str()).x);
    const float left = o.x + t.pad + axisW + t.gap, right = o.x + width - t.pad;
    const float plotTop = o.y + t.pad * 0.6f + fs * 1.3f + small * 1.4f;
    const float bottom = o.y + height - t.pad * 0.5f - small * 1.5f;
    if (bottom <= plotTop + 4) return;
    for (int k = 0; k <= 4; ++k) {
        const float y = bottom - (bottom - plotTop) * static_cast<float>(k) / 4.0f;
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), k == 0 ? c.textMuted : c.border,
                    k == 0 ? 1.5f : 1.0f);
        const std::string label = axisText(top * k / 4, top, m_axis);
        const float lw = font->CalcTextSizeA(small, FLT_MAX, 0, label.c_str()).x;
        dl->AddText(font, small, ImVec2(left - t.gap - lw, y - small * 0.5f), c.textMuted,
                    label.c_str());
    }
    dl->AddLine(ImVec2(left, plotTop), ImVec2(left, bottom), c.textMuted, 1.5f);

    // The bars, their values over them and their labels under them.
    const float slot = (right - left) / static_cast<float>(m_bars.size());
    const float barW = std::min(slot * 0.62f, t.touch * 1.6f);
    for (size_t i = 0; i < m_bars.size(); ++i) {
        const Bar& b = m_bars[i];
        const float cx = left + slot * (static_cast<float>(i) + 0.5f);
        const float h = static_cast<float>(b.value / top) * (bottom - plotTop);
        const ImVec2 p0(cx - barW * 0.5f, bottom - h), p1(cx + barW * 0.5f, bottom);
        if (h > 0.5f) dl->AddRectFilled(p0, p1, c.primary, 3.0f, ImDrawFlags_RoundCornersTop);
        ui.ensureGlyphs(b.label);
        const std::string value = fitText(font, small, b.valueText, slot - 2);
        const float vw = font->CalcTextSizeA(small, FLT_MAX, 0, value.c_str()).x;
        dl->AddText(font, small, ImVec2(cx - vw * 0.5f, p0.y - small * 1.25f), c.text,
                    value.c_str());
        const std::string label = fitText(font, small, b.label, slot - 4);
        const float lw = font->CalcTextSizeA(small, FLT_MAX, 0, label.c_str()).x;
        dl->AddText(font, small, ImVec2(cx - lw * 0.5f, bottom + small * 0.3f), c.textMuted,
                    label.c_str());
    }
}

void StockAnalysisScreen::drawTable(Ui& ui) {
    if (m_tables.empty()) return;
    if (m_tables.size() > 1) {
        ScopedWidgetScope pick(ui.registry(), "tables");
        for (size_t i = 0; i < m_tables.size(); ++i) {
            if (i > 0) ImGui::SameLine();
            ui.ensureGlyphs(m_tables[i].title);
            if (button(ui, m_tables[i].title,
                       {.kind = i == m_shown ? ButtonKind::kPrimary : ButtonKind::kQuiet,
                        .id = m_tables[i].title}))
                m_shown = i;
        }
    }
    const core::ReportTable& t = m_tables[m_shown];
    std::vector<TableColumn> columns;
    for (const core::ReportColumn& col : t.columns) {
        ui.ensureGlyphs(col.header);
        columns.push_back({col.header.c_str(), col.weight});
    }
    auto cell = [&](int row, int col, std::string& scratch) -> std::string_view {
        const auto& cells = t.rows[static_cast<size_t>(row)];
        if (static_cast<size_t>(col) >= cells.size()) return {};
        scratch = core::cellText(cells[static_cast<size_t>(col)]);
        ui.ensureGlyphs(scratch);
        return scratch;
    };
    m_table.draw(ui, "table", columns, static_cast<int>(t.rows.size()), cell);
}

// [SECTION] export

void StockAnalysisScreen::exportTables(Ui& ui, bool pdf) {
    if (m_tables.empty()) return;
    auto fail = [&](const std::string& why) {
        ui.toasts().show(tr("office.analysis.export_failed", {{"error", why}}), ToastKind::kError,
                         6000);
    };
    std::error_code ec;
    std::filesystem::create_directories(m_app.documentsDir, ec);
    if (ec) return fail("cannot make the folder '" + m_app.documentsDir + "': " + ec.message());
    const int64_t now = ui.nowMs();
    const core::StoreTime& time = m_service.time();
    std::string hhmm = time.hhmm(now);
    hhmm.erase(std::remove(hhmm.begin(), hhmm.end(), ':'), hhmm.end());
    const std::string name =
        words(std::string("office.analysis.file.") + kTabs[static_cast<size_t>(m_analysis)]) + "-" +
        std::to_string(time.dayNumber(now)) + "-" + hhmm + (pdf ? ".pdf" : ".xlsx");
    const std::string path = m_app.documentsDir + "/" + name;
    core::Status s;
    if (pdf) {
        const std::string day = std::to_string(time.dayNumber(now));
        const platform::TableReportInfo info{tr("office.analysis.title"), m_app.store.storeName,
                                             day.substr(0, 4) + "-" + day.substr(4, 2) + "-" +
                                                 day.substr(6, 2) + " " + time.hhmm(now)};
        s = platform::renderTableReport(
            m_tables, info, path,
            english() ? platform::PrintLang::kEn : platform::PrintLang::kZhCn);
    } else {
        s = platform::writeXlsx(m_tables, path);
    }
    if (!s) return fail(s.error().message);
    m_lastExport = path;
    const std::string shown = tr("office.analysis.exported", {{"file", path}});
    ui.ensureGlyphs(shown);
    ui.toasts().show(shown, ToastKind::kSuccess, 6000);
}

}  // namespace fc::ui
