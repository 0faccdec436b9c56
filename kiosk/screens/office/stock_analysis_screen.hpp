// 库存分析 / Stock analysis (office): five analyses of the stock ledger chosen by buttons —
// turnover (per part, per category), slow movers, stock value by category, monthly demand and the
// parts used per make and model — each with its period (or the days without an issue), a bar
// chart drawn with ImGui's draw list (axis, gridlines, the value over each bar, the label under
// it) and the table below it (VirtualTable). 导出 Excel / 导出 PDF write the analysis' tables into
// the device's documents folder (where printed documents go) and a toast names the file. The
// figures come from core::StockAnalysis (shared/readmodel/stock_analysis.hpp): no SQL here.
//
//   app.router.push(std::make_unique<StockAnalysisScreen>(app,
//   services.get<core::StockAnalysis>()));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/data_versions.hpp"
#include "kiosk/app/screen.hpp"
#include "kiosk/ui/table.hpp"
#include "shared/readmodel/stock_analysis.hpp"

namespace fc::ui {

class StockAnalysisScreen final : public Screen {
public:
    enum class Analysis { kTurnover, kSlow, kValue, kMonthly, kModels };

    // One bar of the chart: its label under it, its height, the figure over it.
    struct Bar {
        std::string label;
        double value = 0;
        std::string valueText;
    };
    enum class Axis { kMoney, kRatio, kCount };  // how the y axis is labelled

    StockAnalysisScreen(AppContext& app, core::StockAnalysis& analysis);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: what is shown.
    Analysis analysis() const { return m_analysis; }
    int days() const { return m_days[static_cast<size_t>(m_analysis)]; }
    const std::vector<core::ReportTable>& tables() const { return m_tables; }  // in words
    size_t shownTable() const { return m_shown; }
    const std::vector<Bar>& bars() const { return m_bars; }
    const std::string& summary() const { return m_summary; }
    const std::string& lastExport() const { return m_lastExport; }  // the last file written

private:
    void reload(int64_t nowMs);
    void drawChoices(Ui& ui);
    void drawChart(Ui& ui, float height);
    void drawTable(Ui& ui);
    void exportTables(Ui& ui, bool pdf);

    AppContext& m_app;
    core::StockAnalysis& m_service;
    DataWatch m_watch;
    Analysis m_analysis = Analysis::kTurnover;
    int m_days[5] = {90, 90, 0, 0, 365};  // per analysis: its period, or days without an issue
    bool m_stale = true;
    std::string m_language;  // the tables are in it
    std::vector<core::ReportTable> m_tables;
    size_t m_shown = 0;
    std::vector<Bar> m_bars;
    std::string m_chartTitle;
    Axis m_axis = Axis::kMoney;
    std::string m_summary;
    std::string m_error;
    std::string m_lastExport;
    VirtualTable m_table;
};

}  // namespace fc::ui
