#include "platform/print/page_parts.hpp"

#include <algorithm>

namespace fc::platform::print {

std::string statusName(PrintLang lang, const std::string& key) {
    struct Name {
        const char* key;
        const char* zh;
        const char* en;
    };
    static constexpr Name kNames[] = {
        {"open", "待施工", "Open"},
        {"in_progress", "施工中", "In progress"},
        {"waiting_parts", "待料", "Waiting for parts"},
        {"waiting_approval", "待客户确认", "Waiting for approval"},
        {"ready", "已完工", "Ready"},
        {"closed", "已结算", "Closed"},
        {"cancelled", "已取消", "Cancelled"},
    };
    for (const Name& n : kNames)
        if (key == n.key) return tr(lang, n.zh, n.en);
    return key;
}

std::string paymentMethodName(PrintLang lang, core::PaymentMethod method) {
    switch (method) {
        case core::PaymentMethod::kCash:
            return tr(lang, "现金", "Cash");
        case core::PaymentMethod::kWechat:
            return tr(lang, "微信支付", "WeChat Pay");
        case core::PaymentMethod::kAlipay:
            return tr(lang, "支付宝", "Alipay");
        case core::PaymentMethod::kCard:
            return tr(lang, "银行卡", "Bank card");
    }
    return "";
}

std::string lineKindName(PrintLang lang, core::LineKind kind) {
    return kind == core::LineKind::kPart ? tr(lang, "配件", "Part") : tr(lang, "工时", "Labour");
}

std::string kmText(int64_t km) {
    std::string digits = std::to_string(km < 0 ? -km : km);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (km < 0 ? "-" : "") + out + " km";
}

Flow::Flow(PdfCanvas& canvas, PrintLang l, PageInfo info, int totalPages)
    : c(canvas), lang(l), m_info(std::move(info)), m_total(totalPages) {}

bool Flow::ensure(double h) {
    if (y + h <= kBottom) return false;
    breakPage();
    return true;
}

void Flow::breakPage() {
    footer();
    c.newPage();
    // A continuation page says what it continues.
    const std::string head =
        m_info.title + "  " + m_info.number + tr(lang, "（续）", " (continued)");
    c.text(kLeft, 12, kContentW * 0.6, m_info.storeName,
           {.sizePt = 9, .bold = true, .colour = kMuted});
    c.text(kLeft + kContentW * 0.4, 12, kContentW * 0.6, head,
           {.sizePt = 9, .bold = true, .align = Align::kRight});
    c.line(kLeft, 18.5, kRight, 18.5, 0.8, kInk);
    y = 22;
}

void Flow::footer() {
    c.line(kLeft, 284, kRight, 284, 0.4, kRule);
    const std::string left = std::string(tr(lang, "打印时间 ", "Printed ")) + m_info.printedAt +
                             "   " + m_info.storeName;
    c.text(kLeft, 285.5, kContentW * 0.7, left, {.sizePt = 7.5, .colour = kMuted, .wrap = false});
    std::string page;
    if (lang == PrintLang::kEn)
        page = "Page " + std::to_string(c.page()) +
               (m_total > 0 ? " of " + std::to_string(m_total) : "");
    else
        page = "第 " + std::to_string(c.page()) + " 页" +
               (m_total > 0 ? " / 共 " + std::to_string(m_total) + " 页" : "");
    c.text(kLeft + kContentW * 0.7, 285.5, kContentW * 0.3, page,
           {.sizePt = 7.5, .align = Align::kRight, .colour = kMuted});
}

int Flow::end() {
    footer();
    return c.page();
}

double infoGrid(PdfCanvas& c, double x, double y,
                const std::vector<std::array<std::string, 4>>& rows) {
    const std::vector<Column> cols = {
        {22, Align::kLeft}, {68, Align::kLeft}, {22, Align::kLeft}, {68, Align::kLeft}};
    const TextStyle value{.sizePt = 9.5};
    const TextStyle label{.sizePt = 8.5, .colour = kMuted};
    const double width = 180;
    double cy = y;
    for (size_t r = 0; r < rows.size(); ++r) {
        const auto& cells = rows[r];
        double h = 0;
        for (size_t i = 0; i < 4; ++i)
            h = std::max(h, c.measure(cols[i].widthMm - 3, cells[i], i % 2 ? value : label));
        h = std::max(h, c.measure(20, "国", value)) + 3.4;
        c.fill(x, cy, cols[0].widthMm, h, kShade);
        c.fill(x + cols[0].widthMm + cols[1].widthMm, cy, cols[2].widthMm, h, kShade);
        double cx = x;
        for (size_t i = 0; i < 4; ++i) {
            const TextStyle& s = i % 2 ? value : label;
            // Labels sit on the value's first line.
            const double dy =
                i % 2 ? 1.7 : 1.7 + (c.measure(20, "国", value) - c.measure(20, "国", label)) / 2;
            c.text(cx + 1.8, cy + dy, cols[i].widthMm - 3, cells[i], s);
            cx += cols[i].widthMm;
        }
        cy += h;
        if (r + 1 < rows.size()) c.line(x, cy, x + width, cy, 0.4, kRule);
    }
    c.box(x, y, width, cy - y, 0.6, kRule);
    double cx = x;
    for (size_t i = 0; i + 1 < cols.size(); ++i) {
        cx += cols[i].widthMm;
        c.line(cx, y, cx, cy, 0.4, kRule);
    }
    return cy - y;
}

double sectionTitle(PdfCanvas& c, double x, double y, const std::string& title,
                    const std::string& note) {
    const TextStyle head{.sizePt = 10.5, .bold = true};
    c.fill(x, y + 0.6, 1.2, c.measure(60, title, head) - 1.2, kInk);
    const double h = c.text(x + 2.8, y, 90, title, head);
    if (!note.empty()) {
        const TextStyle small{.sizePt = 8, .colour = kMuted, .wrap = false};
        const double w = 178 - 2.8 - 60;
        c.text(x + 2.8 + 60, y + (h - c.measure(w, note, small)) / 2 + 0.3, w, note,
               {.sizePt = 8, .align = Align::kRight, .colour = kMuted, .wrap = false});
    }
    return h + 1.5;
}

void signatureBoxes(PdfCanvas& c, PrintLang lang, double y, double h, const std::string& left,
                    const std::string& right, const std::string& rightName) {
    const double w = 86;
    const double xs[2] = {kLeft, kRight - w};
    const std::string labels[2] = {left, right};
    for (int i = 0; i < 2; ++i) {
        c.box(xs[i], y, w, h, 0.6, kRule);
        std::string label = labels[i];
        if (i == 1 && !rightName.empty()) label += tr(lang, "：", ": ") + rightName;
        c.text(xs[i] + 2.5, y + 2, w - 5, label, {.sizePt = 9, .bold = true, .colour = kMuted});
        c.text(xs[i] + 2.5, y + h - 6, w - 5,
               tr(lang, "日期：        年      月      日", "Date:  ______________"),
               {.sizePt = 8.5, .align = Align::kRight, .colour = kMuted});
    }
}

}  // namespace fc::platform::print
