// The stock count's report (盘点报告, A4 portrait): what the office files after reviewing a count —
// its number, scope, times and people, every counted line with the books at count time, the
// counted figure, the variance and its value (a loss in red with "−", a gain with "+"), the lines
// over the count's threshold shaded and marked 超限, those counted again marked 复盘, the header
// row repeated on every page; then 盘盈 / 盘亏 / 净额, the lines nobody counted (a posted
// whole-store count: 按 0 过账, with what that wrote off), the lines still waiting for a recount,
// and three signature boxes (盘点人 / 复核 / 仓库主管).
//
// Index: [SECTION] words and signed numbers · the table · layout · entry points
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "platform/print/page_parts.hpp"
#include "platform/print/pdf_canvas.hpp"
#include "platform/print/print.hpp"
#include "shared/readmodel/count_report.hpp"

namespace fc::platform {

using namespace print;

namespace {

// [SECTION] words and signed numbers

constexpr const char* kMinus = "\xE2\x88\x92";  // U+2212 MINUS SIGN: as wide as the plus
constexpr Colour kOverShade{1.0, 0.91, 0.90};

std::string scopeText(const core::CountReportDoc& d, PrintLang lang) {
    const std::string& x = d.scopeDetail;
    if (d.scope == "full") return tr(lang, "全店盘点", "Whole store");
    if (d.scope == "zones") return std::string(tr(lang, "区域 ", "Zones ")) + x;
    if (d.scope == "bins") return std::string(tr(lang, "货位 ", "Bins ")) + x;
    if (d.scope == "fast")
        return lang == PrintLang::kEn
                   ? "Fast movers: the " + x + " parts issued most in the last 30 days"
                   : "快周转件：近 30 天领用最多的 " + x + " 种";
    if (d.scope == "stale")
        return lang == PrintLang::kEn ? "Parts not counted for " + x + " days"
                                      : "超过 " + x + " 天未盘的配件";
    return d.scope;
}

std::string countStatusText(const std::string& status, PrintLang lang) {
    if (status == "open") return tr(lang, "盘点中（未过账）", "Open (not posted)");
    if (status == "posted") return tr(lang, "已过账", "Posted");
    if (status == "cancelled") return tr(lang, "已取消", "Cancelled");
    return status;
}

uint64_t magnitude(int64_t v) {
    return v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
}

// "+2", "−3", "0", "+0.5".
std::string signedQuantity(int64_t milli) {
    if (milli == 0) return "0";
    const std::string abs = quantityText(static_cast<int64_t>(
        std::min<uint64_t>(magnitude(milli), static_cast<uint64_t>(INT64_MAX))));
    return (milli < 0 ? std::string(kMinus) : std::string("+")) + abs;
}

// "+24.00", "−54.00", "0.00" (yuan, in the table); with the ¥: "+¥24.00", "−¥54.00".
std::string signedAmount(int64_t fen, bool currency) {
    const auto abs =
        static_cast<int64_t>(std::min<uint64_t>(magnitude(fen), static_cast<uint64_t>(INT64_MAX)));
    const std::string text = currency ? moneyText(abs) : yuanText(abs);
    if (fen == 0) return text;
    return (fen < 0 ? std::string(kMinus) : std::string("+")) + text;
}

std::string partName(const std::string& zh, const std::string& en, PrintLang lang) {
    return lang == PrintLang::kEn && !en.empty() ? en : zh;
}

// The part's unit as the paper says it: piece litre set metre (个 升 套 米); others as stored.
std::string unitText(const std::string& unit, PrintLang lang) {
    if (unit == "piece") return tr(lang, "个", "pc");
    if (unit == "litre") return tr(lang, "升", "L");
    if (unit == "set") return tr(lang, "套", "set");
    if (unit == "metre") return tr(lang, "米", "m");
    return unit;
}

std::string joinNames(const std::vector<std::string>& names, PrintLang lang) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : tr(lang, "、", ", ")) + n;
    return out;
}

// [SECTION] the table

struct Cell {
    std::string text;
    Colour colour = kInk;
    bool bold = false;
};

const TextStyle kHeadStyle{.sizePt = 8.5, .bold = true};
const TextStyle kCellStyle{.sizePt = 8.5};

// Body rows are a little tighter than the other documents' (a count runs to hundreds of lines).
constexpr double kPadY = 1.25;

double measureCells(PdfCanvas& c, const std::vector<Column>& cols, const std::vector<Cell>& cells) {
    std::vector<std::string> texts;
    for (const Cell& cell : cells) texts.push_back(cell.text);
    return c.measureRow(cols, texts, {.sizePt = kCellStyle.sizePt, .bold = true}, kPadY);
}

// A row whose cells each have their colour; `shade` fills it first. Returns its height.
double cellRow(PdfCanvas& c, double y, const std::vector<Column>& cols,
               const std::vector<Cell>& cells, const Colour* shade) {
    const double h = measureCells(c, cols, cells);
    if (shade) c.fill(kLeft, y, kContentW, h, *shade);
    double cx = kLeft;
    for (size_t i = 0; i < cols.size() && i < cells.size(); ++i) {
        c.text(cx + 1.5, y + kPadY, cols[i].widthMm - 3, cells[i].text,
               {.sizePt = kCellStyle.sizePt,
                .bold = cells[i].bold,
                .align = cols[i].align,
                .colour = cells[i].colour});
        cx += cols[i].widthMm;
    }
    c.line(kLeft, y + h, kRight, y + h, 0.4, kRule);
    return h;
}

// A table under a section title: the header row again at the top of every page it runs onto.
class Table {
public:
    Table(Flow& f, std::vector<Column> cols, std::vector<std::string> head)
        : m_f(f), m_cols(std::move(cols)), m_head(std::move(head)) {}

    // The title, its note and the header row, kept on the page with the first `firstRowH` mm.
    void start(const std::string& title, const std::string& note, double firstRowH) {
        PdfCanvas& c = m_f.c;
        m_f.ensure(8 + c.measureRow(m_cols, m_head, kHeadStyle) + firstRowH);
        m_f.y += sectionTitle(c, kLeft, m_f.y, title, note);
        headRow();
    }
    void add(const std::vector<Cell>& cells, const Colour* shade = nullptr) {
        if (m_f.ensure(measureCells(m_f.c, m_cols, cells))) headRow();
        m_f.y += cellRow(m_f.c, m_f.y, m_cols, cells, shade);
    }
    // One muted line across the table ("（无）").
    void note(const std::string& text) {
        m_f.y += m_f.c.row(kLeft, m_f.y, {{kContentW, Align::kCenter}}, {text},
                           {.sizePt = 8.5, .colour = kMuted});
    }

private:
    void headRow() {
        m_f.c.line(kLeft, m_f.y, kRight, m_f.y, 0.8, kInk);
        m_f.y += m_f.c.row(kLeft, m_f.y, m_cols, m_head, kHeadStyle, true);
    }
    Flow& m_f;
    std::vector<Column> m_cols;
    std::vector<std::string> m_head;
};

// Three signature boxes side by side (盘点人 / 复核 / 仓库主管), each with a printed name when
// known.
void threeSignatures(PdfCanvas& c, PrintLang lang, double y, double h,
                     const std::array<std::string, 3>& labels,
                     const std::array<std::string, 3>& names) {
    constexpr double gap = 5;
    const double w = (kContentW - 2 * gap) / 3;
    for (size_t i = 0; i < 3; ++i) {
        const double x = kLeft + static_cast<double>(i) * (w + gap);
        c.box(x, y, w, h, 0.6, kRule);
        c.text(x + 2.5, y + 2, w - 5, labels[i], {.sizePt = 9, .bold = true, .colour = kMuted});
        if (!names[i].empty())
            c.text(x + 2.5, y + 7, w - 5, names[i], {.sizePt = 8, .colour = kMuted, .wrap = false});
        c.text(x + 2.5, y + h - 6, w - 5,
               tr(lang, "日期：      年    月    日", "Date: ____________"),
               {.sizePt = 8, .align = Align::kRight, .colour = kMuted});
    }
}

// [SECTION] layout

core::Result<int> layout(PdfCanvas& c, const core::CountReportDoc& d, PrintLang lang,
                         int totalPages) {
    const std::string title = tr(lang, "盘点报告", "Stock count report");
    Flow f(c, lang, {title, d.number, d.storeName, d.printedAt}, totalPages);
    const bool posted = d.status == "posted";
    const bool full = d.scope == "full";

    // The header: store, title; the number and the status on the right.
    c.text(kLeft, 12, 105, d.storeName, {.sizePt = 11, .bold = true, .colour = kMuted});
    c.text(kLeft, 17.5, 110, title, {.sizePt = 22, .bold = true, .colour = kBlack});
    const double rx = 110, rw = kRight - rx;
    c.text(rx, 13, rw, std::string(tr(lang, "盘点单号  ", "Count  ")) + d.number,
           {.sizePt = 12, .bold = true, .align = Align::kRight, .colour = kBlack});
    c.text(rx, 20.5, rw,
           std::string(tr(lang, "状态：", "Status: ")) + countStatusText(d.status, lang),
           {.sizePt = 9, .align = Align::kRight, .colour = posted ? kInk : kRed});
    c.text(rx, 25.5, rw, scopeText(d, lang),
           {.sizePt = 9, .align = Align::kRight, .colour = kMuted, .wrap = false});
    c.line(kLeft, 37.5, kRight, 37.5, 1.2, kInk);
    f.y = 41;

    // The count: scope, how, when, who.
    std::vector<std::array<std::string, 4>> info = {
        {tr(lang, "盘点范围", "Scope"), scopeText(d, lang), tr(lang, "盘点方式", "Method"),
         d.blind ? tr(lang, "盲盘（不显示账面数）", "Blind (books not shown)")
                 : tr(lang, "明盘（显示账面数）", "Books shown")},
        {tr(lang, "开单时间", "Opened"), d.openedAt, tr(lang, "过账时间", "Posted"),
         posted ? d.postedAt : std::string(tr(lang, "未过账", "not posted"))},
        {tr(lang, "开单人", "Opened by"), d.openedBy, tr(lang, "过账人", "Posted by"), d.postedBy},
        {tr(lang, "盘点人", "Counted by"), joinNames(d.countedBy, lang),
         tr(lang, "审批阈值", "Threshold"),
         moneyText(d.thresholdFen) + tr(lang, " / 行", " a line")},
        {tr(lang, "进度", "Progress"),
         lang == PrintLang::kEn
             ? std::to_string(d.counted) + " of " + std::to_string(d.listed) + " lines counted"
             : "已盘 " + std::to_string(d.counted) + " / " + std::to_string(d.listed) + " 行",
         tr(lang, "超过阈值", "Over limit"),
         lang == PrintLang::kEn
             ? std::to_string(d.overThreshold) + (d.overThreshold == 1 ? " line" : " lines")
             : std::to_string(d.overThreshold) + " 行"}};
    if (!d.note.empty()) info.push_back({tr(lang, "备注", "Note"), d.note, "", ""});
    f.y += infoGrid(c, kLeft, f.y, info);
    f.y += 5;

    // [SECTION] the counted lines
    const std::vector<Column> cols = {
        {20, Align::kLeft},   {28, Align::kLeft},  {38, Align::kLeft},
        {10, Align::kCenter}, {16, Align::kRight}, {16, Align::kRight},
        {16, Align::kRight},  {20, Align::kRight}, {16, Align::kCenter}};
    const std::vector<std::string> head = {
        tr(lang, "货位", "Bin"),  tr(lang, "SKU", "SKU"),    tr(lang, "名称", "Name"),
        tr(lang, "单位", "Unit"), tr(lang, "账面", "Books"), tr(lang, "实盘", "Counted"),
        tr(lang, "差异", "Var."), tr(lang, "金额", "Value"), tr(lang, "标记", "Flag")};
    Table lines(f, cols, head);
    lines.start(tr(lang, "盘点差异明细", "Counted lines"),
                tr(lang, "差异 = 实盘 − 账面；金额按移动平均成本，单位：元",
                   "variance = counted − books; value at average cost, in yuan"),
                10);
    if (d.lines.empty()) lines.note(tr(lang, "（尚无已盘的行）", "(no line counted yet)"));
    for (const core::CountReportLine& l : d.lines) {
        std::string flags;
        const auto flag = [&](const char* zh, const char* en) {
            flags += (flags.empty() ? "" : " ") + std::string(tr(lang, zh, en));
        };
        if (l.overThreshold) flag("超限", "over");
        if (l.recounted) flag("复盘", "recount");
        if (l.added) flag("新增", "added");
        const Colour sign = l.varianceMilli < 0 ? kRed : kInk;
        const Colour valueSign = l.valueFen < 0 ? kRed : kInk;
        lines.add({{l.binCode},
                   {l.sku},
                   {partName(l.nameZh, l.nameEn, lang)},
                   {unitText(l.unit, lang), kMuted},
                   {quantityText(l.expectedMilli)},
                   {quantityText(l.countedMilli)},
                   {signedQuantity(l.varianceMilli), sign, l.varianceMilli != 0},
                   {signedAmount(l.valueFen, false), valueSign, l.valueFen != 0},
                   {flags, l.overThreshold ? kRed : kMuted, l.overThreshold}},
                  l.overThreshold ? &kOverShade : nullptr);
    }

    // [SECTION] the totals
    const bool uncountedValue = full && d.uncountedFen != 0;
    f.ensure((uncountedValue ? 6 : 4) * 5.4 + 8);
    f.y += 2.5;
    const double tx = 100, lw = 55, vw = 40;
    const TextStyle tl{.sizePt = 9, .align = Align::kRight, .colour = kMuted};
    const auto totalRow = [&](const std::string& label, int64_t fen, double sizePt, bool bold) {
        c.text(tx, f.y + (sizePt > 10 ? 0.8 : 0), lw, label,
               bold ? TextStyle{.sizePt = 10, .bold = true, .align = Align::kRight} : tl);
        f.y += c.text(tx + lw, f.y, vw, signedAmount(fen, true),
                      {.sizePt = sizePt,
                       .bold = bold,
                       .align = Align::kRight,
                       .colour = fen < 0 ? kRed : (bold ? kBlack : kInk)}) +
               0.6;
    };
    const double summaryY = f.y;
    totalRow(tr(lang, "盘盈", "Gains"), d.gainFen, 9.5, false);
    totalRow(tr(lang, "盘亏", "Losses"), d.lossFen, 9.5, false);
    c.line(tx + 15, f.y + 0.3, kRight, f.y + 0.3, 0.6, kInk);
    f.y += 1.2;
    totalRow(tr(lang, "净额", "Net"), d.netFen, 13, true);
    if (uncountedValue) {
        totalRow(posted ? tr(lang, "未盘行按 0 过账", "Uncounted, posted as zero")
                        : tr(lang, "未盘行（过账时按 0 计）", "Uncounted (zero when posted)"),
                 d.uncountedFen, 9.5, false);
        totalRow(posted ? tr(lang, "过账合计", "Total posted")
                        : tr(lang, "预计过账合计", "Total when posted"),
                 d.netFen + d.uncountedFen, 10.5, true);
    }
    std::string summary =
        lang == PrintLang::kEn
            ? "Counted: " + std::to_string(d.lines.size()) +
                  "; not counted: " + std::to_string(d.uncounted.size()) +
                  (d.recounts.empty()
                       ? ""
                       : "; waiting for a recount: " + std::to_string(d.recounts.size())) +
                  ". Lines worth more than " + moneyText(d.thresholdFen) +
                  " need a manager's approval."
            : "已盘 " + std::to_string(d.lines.size()) + " 行，未盘 " +
                  std::to_string(d.uncounted.size()) + " 行" +
                  (d.recounts.empty() ? ""
                                      : "，待复盘 " + std::to_string(d.recounts.size()) + " 行") +
                  "。差异金额超过 " + moneyText(d.thresholdFen) + " 的行须经理批准。";
    c.text(kLeft, summaryY, 82, summary, {.sizePt = 8, .colour = kMuted});
    f.y += 5;

    // [SECTION] the lines nobody counted, and those waiting for a recount
    const std::vector<Column> ucols = {
        {20, Align::kLeft},  {28, Align::kLeft},  {52, Align::kLeft}, {10, Align::kCenter},
        {18, Align::kRight}, {22, Align::kRight}, {30, Align::kLeft}};
    const std::vector<std::string> uhead = {tr(lang, "货位", "Bin"),    tr(lang, "SKU", "SKU"),
                                            tr(lang, "名称", "Name"),   tr(lang, "单位", "Unit"),
                                            tr(lang, "账面", "Books"),  tr(lang, "金额", "Value"),
                                            tr(lang, "处理", "Outcome")};
    if (!d.uncounted.empty()) {
        const std::string note =
            !full ? tr(lang, "不在全店盘点中：不过账，账面不变",
                       "not a whole-store count: left as they are")
            : posted
                ? tr(lang, "全店盘点：已按 0 过账", "whole-store count: posted as zero")
                : tr(lang, "全店盘点：确认后按 0 过账", "whole-store count: zero once confirmed");
        Table un(f, ucols, uhead);
        un.start(tr(lang, "未盘清单", "Not counted"), note, 8);
        for (const core::CountReportPending& p : d.uncounted) {
            std::string outcome;
            if (p.postedAsZero)
                outcome = tr(lang, "按 0 过账", "posted as zero");
            else if (full)
                outcome = tr(lang, "过账时按 0 计", "zero when posted");
            else
                outcome = tr(lang, "未盘，不调整", "not adjusted");
            un.add({{p.binCode},
                    {p.sku},
                    {partName(p.nameZh, p.nameEn, lang)},
                    {unitText(p.unit, lang), kMuted},
                    {quantityText(p.expectedMilli)},
                    {full ? signedAmount(p.valueFen, false) : "", p.valueFen < 0 ? kRed : kInk},
                    {outcome, p.postedAsZero ? kInk : kMuted}});
        }
        f.y += 5;
    }
    if (!d.recounts.empty()) {
        Table re(f, ucols, uhead);
        re.start(tr(lang, "待复盘", "Waiting for a recount"),
                 tr(lang, "过账前须重新清点", "to count again before posting"), 8);
        for (const core::CountReportPending& p : d.recounts) {
            const std::string state = p.state == "disagree"
                                          ? tr(lang, "多台设备数量不一致", "devices disagree")
                                          : tr(lang, "已要求复盘", "recount asked for");
            re.add({{p.binCode},
                    {p.sku},
                    {partName(p.nameZh, p.nameEn, lang)},
                    {unitText(p.unit, lang), kMuted},
                    {quantityText(p.expectedMilli)},
                    {""},
                    {state, kRed}});
        }
        f.y += 5;
    }

    // [SECTION] signatures, at the foot of the last page
    const double sigH = 24, noteH = 6;
    f.ensure(noteH + sigH + 2);
    const double sy = std::max(f.y, kBottom - sigH - noteH);
    c.text(kLeft, sy, kContentW,
           tr(lang, "以上数量已逐行清点核对，差异原因已查明。",
              "The quantities above were counted line by line and the differences looked into."),
           {.sizePt = 8.5, .colour = kMuted});
    threeSignatures(c, lang, sy + noteH, sigH,
                    {tr(lang, "盘点人", "Counted by"), tr(lang, "复核", "Checked by"),
                     tr(lang, "仓库主管", "Warehouse manager")},
                    {joinNames(d.countedBy, lang), "", ""});
    return f.end();
}

}  // namespace

// [SECTION] entry points

core::Result<std::string> countReportPdf(const core::CountReportDoc& doc, PrintLang lang) {
    const std::string title =
        std::string(tr(lang, "盘点报告 ", "Stock count report ")) + doc.number;
    int pages = 0;
    {
        PdfCanvas probe(kPageW, kPageH, title);  // the first pass counts the pages
        FC_ASSIGN(pages, layout(probe, doc, lang, 0));
        FC_TRY(probe.finish());
    }
    PdfCanvas c(kPageW, kPageH, title);
    FC_TRY(layout(c, doc, lang, pages));
    return c.finish();
}

core::Status renderCountReport(const core::CountReportDoc& doc, const std::string& pdfPath,
                               PrintLang lang) {
    FC_ASSIGN(std::string pdf, countReportPdf(doc, lang));
    return writeFileWhole(pdfPath, pdf);
}

}  // namespace fc::platform
