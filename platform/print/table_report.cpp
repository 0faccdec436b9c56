// Report tables as a simple A4 report (库存分析 and any other report table): the store, the
// report's title and when it was printed at the top; each table with its title and period, its
// column headers shaded and repeated on every page it runs onto, numbers aligned right, total rows
// bold; the footer with the page ("第 1 页 / 共 3 页"). Portrait, or landscape when a table has
// more than seven columns. The tables come already in words (core::localize).
#include <algorithm>
#include <string>
#include <vector>

#include "platform/print/pdf_canvas.hpp"
#include "platform/print/print.hpp"
#include "shared/readmodel/report_table.hpp"

namespace fc::platform {

using namespace print;

namespace {

const char* word(PrintLang lang, const char* zh, const char* en) {
    return lang == PrintLang::kEn ? en : zh;
}

class Report {
public:
    Report(PdfCanvas& c, const TableReportInfo& info, PrintLang lang, int totalPages)
        : m_c(c),
          m_info(info),
          m_lang(lang),
          m_total(totalPages),
          m_right(c.width() - kMargin),
          m_bottom(c.height() - 18) {}

    static constexpr double kMargin = 15;

    void header() {
        m_c.text(kMargin, 10, width() * 0.6, m_info.storeName,
                 {.sizePt = 9, .bold = true, .colour = kMuted});
        m_c.text(kMargin + width() * 0.5, 10, width() * 0.5,
                 std::string(word(m_lang, "打印时间 ", "Printed ")) + m_info.printedAt,
                 {.sizePt = 8.5, .align = Align::kRight, .colour = kMuted});
        m_c.text(kMargin, 15, width(), m_info.title,
                 {.sizePt = 18, .bold = true, .colour = kBlack});
        m_c.line(kMargin, 26, m_right, 26, 1.0, kInk);
        y = 30;
    }

    void table(const core::ReportTable& t) {
        std::vector<Column> cols;
        float weights = 0;
        for (const core::ReportColumn& c : t.columns) weights += std::max(c.weight, 0.1f);
        for (const core::ReportColumn& c : t.columns)
            cols.push_back(
                {width() * std::max(c.weight, 0.1f) / weights,
                 c.format == core::CellFormat::kText || c.format == core::CellFormat::kKey
                     ? Align::kLeft
                     : Align::kRight});
        std::vector<std::string> head;
        for (const core::ReportColumn& c : t.columns) head.push_back(c.header);
        const TextStyle headStyle{.sizePt = 8.5, .bold = true};
        const TextStyle cellStyle{.sizePt = 8.5};
        const TextStyle totalStyle{.sizePt = 8.5, .bold = true};

        // The title, and the header with at least one row under it, on one page.
        const double titleH = m_c.measure(width(), t.title, {.sizePt = 12, .bold = true}) + 2;
        ensure(titleH + 2 * m_c.measureRow(cols, head, headStyle) + 4);
        m_c.text(kMargin, y, width() * 0.65, t.title,
                 {.sizePt = 12, .bold = true, .colour = kBlack});
        if (!t.subtitle.empty())
            m_c.text(kMargin + width() * 0.35, y + 0.8, width() * 0.65, t.subtitle,
                     {.sizePt = 9, .align = Align::kRight, .colour = kMuted});
        y += titleH;
        m_c.line(kMargin, y, m_right, y, 0.8, kInk);
        y += m_c.row(kMargin, y, cols, head, headStyle, true);
        if (t.rows.empty())
            y += m_c.row(kMargin, y, {{width(), Align::kCenter}},
                         {word(m_lang, "（无数据）", "(nothing to show)")},
                         {.sizePt = 9, .colour = kMuted});
        for (size_t r = 0; r < t.rows.size(); ++r) {
            std::vector<std::string> cells;
            for (size_t c = 0; c < t.columns.size(); ++c)
                cells.push_back(c < t.rows[r].size() ? core::cellText(t.rows[r][c]) : "");
            const bool total = r + t.totalRows >= t.rows.size();
            const TextStyle& style = total ? totalStyle : cellStyle;
            if (ensure(m_c.measureRow(cols, cells, style))) {
                m_c.text(kMargin, y, width(), t.title + word(m_lang, "（续）", " (continued)"),
                         {.sizePt = 9, .bold = true, .colour = kMuted});
                y += 5;
                y += m_c.row(kMargin, y, cols, head, headStyle, true);
            }
            y += m_c.row(kMargin, y, cols, cells, style, total);
        }
        y += 8;
    }

    int end() {
        footer();
        return m_c.page();
    }

    double y = 30;

private:
    double width() const { return m_right - kMargin; }

    // Starts a new page unless `h` mm fit; true when it did.
    bool ensure(double h) {
        if (y + h <= m_bottom) return false;
        footer();
        m_c.newPage();
        m_c.text(kMargin, 10, width() * 0.6, m_info.storeName,
                 {.sizePt = 9, .bold = true, .colour = kMuted});
        m_c.text(kMargin + width() * 0.4, 10, width() * 0.6, m_info.title,
                 {.sizePt = 9, .bold = true, .align = Align::kRight});
        m_c.line(kMargin, 16, m_right, 16, 0.8, kInk);
        y = 20;
        return true;
    }

    void footer() {
        const double fy = m_c.height() - 12;
        m_c.line(kMargin, fy - 1.5, m_right, fy - 1.5, 0.4, kRule);
        std::string page;
        if (m_lang == PrintLang::kEn)
            page = "Page " + std::to_string(m_c.page()) +
                   (m_total > 0 ? " of " + std::to_string(m_total) : "");
        else
            page = "第 " + std::to_string(m_c.page()) + " 页" +
                   (m_total > 0 ? " / 共 " + std::to_string(m_total) + " 页" : "");
        m_c.text(kMargin, fy, width() * 0.7, m_info.title,
                 {.sizePt = 7.5, .colour = kMuted, .wrap = false});
        m_c.text(kMargin + width() * 0.7, fy, width() * 0.3, page,
                 {.sizePt = 7.5, .align = Align::kRight, .colour = kMuted});
    }

    PdfCanvas& m_c;
    const TableReportInfo& m_info;
    PrintLang m_lang;
    int m_total;
    double m_right;
    double m_bottom;
};

int layout(PdfCanvas& c, const std::vector<core::ReportTable>& tables, const TableReportInfo& info,
           PrintLang lang, int totalPages) {
    Report r(c, info, lang, totalPages);
    r.header();
    for (const core::ReportTable& t : tables) r.table(t);
    return r.end();
}

}  // namespace

core::Result<std::string> tableReportPdf(const std::vector<core::ReportTable>& tables,
                                         const TableReportInfo& info, PrintLang lang) {
    if (tables.empty()) return core::invalid("report: no tables to print");
    bool wide = false;
    for (const core::ReportTable& t : tables) wide = wide || t.columns.size() > 7;
    const double w = wide ? 297 : 210, h = wide ? 210 : 297;
    int pages = 0;
    {
        PdfCanvas probe(w, h, info.title);
        pages = layout(probe, tables, info, lang, 0);
        FC_TRY(probe.finish());
    }
    PdfCanvas c(w, h, info.title);
    layout(c, tables, info, lang, pages);
    return c.finish();
}

core::Status renderTableReport(const std::vector<core::ReportTable>& tables,
                               const TableReportInfo& info, const std::string& pdfPath,
                               PrintLang lang) {
    FC_ASSIGN(std::string pdf, tableReportPdf(tables, info, lang));
    return writeFileWhole(pdfPath, pdf);
}

}  // namespace fc::platform
