// The invoice / receipt (结算单/收据, A4): the store's settlement of a work order — its number and
// date, customer (phone masked) and car, the lines with their VAT rate and discounts, the order
// discount, subtotal, tax and total exactly as stored on the invoice (a fact; nothing recomputed),
// the total in capital numerals, the payments with their method and reference, what is paid and
// what is still owed (待付). A credit note prints as 红字 (冲销) naming the invoice it reverses.
#include <algorithm>
#include <string>
#include <vector>

#include "platform/print/page_parts.hpp"
#include "platform/print/pdf_canvas.hpp"
#include "platform/print/print.hpp"

namespace fc::platform {

using namespace print;

namespace {

std::string carText(const core::PrintVehicle& v) {
    std::string out;
    for (const std::string* p : {&v.make, &v.model, &v.colour}) {
        if (p->empty()) continue;
        if (!out.empty()) out += ' ';
        out += *p;
    }
    return out;
}

std::string orderText(const core::InvoiceDoc& d, PrintLang lang) {
    std::string out = d.workOrderNo;
    if (d.workOrderNumber)
        out += std::string(tr(lang, "（正式编号 ", " (store no. ")) +
               std::to_string(*d.workOrderNumber) + tr(lang, "）", ")");
    return out;
}

core::Result<int> layout(PdfCanvas& c, const core::InvoiceDoc& d, PrintLang lang, int totalPages) {
    const std::string title = d.creditNote
                                  ? tr(lang, "红字结算单（冲销）", "Credit note (reversal)")
                                  : tr(lang, "结算单 / 收据", "Invoice / receipt");
    Flow f(c, lang, {title, d.number, d.storeName, d.printedAt}, totalPages);

    // [SECTION] header
    c.text(kLeft, 12, 110, d.storeName, {.sizePt = 11, .bold = true, .colour = kMuted});
    c.text(kLeft, 17.5, 120, title,
           {.sizePt = 22, .bold = true, .colour = d.creditNote ? kRed : kBlack});
    const double rx = 120, rw = kRight - rx;
    c.text(rx, 13, rw, std::string(tr(lang, "单号  ", "No.  ")) + d.number,
           {.sizePt = 12,
            .bold = true,
            .align = Align::kRight,
            .colour = d.creditNote ? kRed : kBlack});
    c.text(rx, 20.5, rw, std::string(tr(lang, "开票日期  ", "Issued  ")) + d.issuedAt,
           {.sizePt = 9, .align = Align::kRight});
    c.text(rx, 25.5, rw, std::string(tr(lang, "工单号  ", "Work order  ")) + orderText(d, lang),
           {.sizePt = 9, .align = Align::kRight});
    c.line(kLeft, 37.5, kRight, 37.5, 1.2, d.creditNote ? kRed : kInk);
    f.y = 40;
    if (d.creditNote) {
        std::string what = std::string(tr(lang, "冲销原结算单 ", "Reverses invoice ")) +
                           d.creditOfNumber +
                           tr(lang, "，金额以负数列示。", "; amounts are negative.");
        if (!d.creditReason.empty())
            what += std::string(tr(lang, "冲销原因：", " Reason: ")) + d.creditReason;
        f.y +=
            c.text(kLeft, f.y, kContentW, what, {.sizePt = 9.5, .bold = true, .colour = kRed}) + 2;
    } else if (!d.creditedByNumber.empty()) {
        const std::string what = std::string(tr(lang, "本单已由红字结算单 ",
                                                "This invoice was reversed by credit note ")) +
                                 d.creditedByNumber + tr(lang, " 冲销。", ".");
        f.y +=
            c.text(kLeft, f.y, kContentW, what, {.sizePt = 9.5, .bold = true, .colour = kRed}) + 2;
    }

    // [SECTION] customer and car
    f.y += infoGrid(c, kLeft, f.y,
                    {{tr(lang, "客户", "Customer"), d.customer.name, tr(lang, "联系电话", "Phone"),
                      d.customer.maskedPhone},
                     {tr(lang, "车牌号", "Plate"), d.vehicle.plate, tr(lang, "车型", "Vehicle"),
                      carText(d.vehicle)},
                     {tr(lang, "进厂里程", "Odometer"), d.odometerKm ? kmText(*d.odometerKm) : "",
                      tr(lang, "开票人", "Issued by"), d.issuedBy}});
    f.y += 5;

    // [SECTION] lines
    const std::vector<Column> cols = {
        {11, Align::kCenter}, {51, Align::kLeft},  {15, Align::kCenter},
        {14, Align::kRight},  {20, Align::kRight}, {21, Align::kRight},
        {17, Align::kRight},  {12, Align::kRight}, {19, Align::kRight}};
    const std::vector<std::string> head = {
        tr(lang, "序号", "#"),        tr(lang, "项目", "Item"),  tr(lang, "类别", "Type"),
        tr(lang, "数量", "Qty"),      tr(lang, "单价", "Price"), tr(lang, "金额", "Gross"),
        tr(lang, "优惠", "Discount"), tr(lang, "税率", "VAT"),   tr(lang, "小计", "Amount")};
    const TextStyle headStyle{.sizePt = 8.5, .bold = true};
    const TextStyle cellStyle{.sizePt = 9};
    f.ensure(8 + c.measureRow(cols, head, headStyle) + 8);
    f.y += sectionTitle(c, kLeft, f.y, tr(lang, "结算明细", "Lines"),
                        tr(lang, "金额单位：元（含税）", "amounts in yuan, tax included"));
    c.line(kLeft, f.y, kRight, f.y, 0.8, kInk);
    f.y += c.row(kLeft, f.y, cols, head, headStyle, true);
    for (size_t i = 0; i < d.lines.size(); ++i) {
        const core::InvoiceDocLine& l = d.lines[i];
        const std::vector<std::string> cells = {
            std::to_string(i + 1),
            l.description,
            lineKindName(lang, l.kind),
            quantityText(l.quantityMilli),
            yuanText(l.unitPriceFen),
            yuanText(l.grossFen),
            l.lineDiscountFen ? yuanText(l.lineDiscountFen) : "",
            rateText(l.taxRateBp),
            yuanText(l.grossFen - l.lineDiscountFen)};
        if (f.ensure(c.measureRow(cols, cells, cellStyle)))
            f.y += c.row(kLeft, f.y, cols, head, headStyle, true);
        f.y += c.row(kLeft, f.y, cols, cells, cellStyle);
    }

    // [SECTION] totals: the invoice's own numbers
    const double rows = 6 + static_cast<double>(d.byRate.size());
    f.ensure(rows * 5.2 + 14);
    f.y += 2.5;
    const double tx = 105, lw = 55, vw = 35;
    const TextStyle tl{.sizePt = 9, .align = Align::kRight, .colour = kMuted};
    const TextStyle tv{.sizePt = 9.5, .align = Align::kRight};
    const auto totalRow = [&](const std::string& label, const std::string& value) {
        c.text(tx, f.y, lw, label, tl);
        f.y += c.text(tx + lw, f.y, vw, value, tv) + 0.6;
    };
    totalRow(tr(lang, "项目金额", "Gross"), moneyText(d.grossFen));
    if (d.lineDiscountFen)
        totalRow(tr(lang, "项目优惠", "Line discounts"), moneyText(-d.lineDiscountFen));
    totalRow(tr(lang, "小计", "Subtotal"), moneyText(d.subtotalFen));
    if (d.orderDiscountFen)
        totalRow(tr(lang, "整单优惠", "Order discount"), moneyText(-d.orderDiscountFen));
    c.line(tx + 15, f.y + 0.3, kRight, f.y + 0.3, 0.6, kInk);
    f.y += 1.2;
    const double totalY = f.y;
    c.text(tx, f.y + 1.2, lw, tr(lang, "合计（含税）", "Total (tax included)"),
           {.sizePt = 10, .bold = true, .align = Align::kRight});
    f.y += c.text(tx + lw, f.y, vw, moneyText(d.totalFen),
                  {.sizePt = 14,
                   .bold = true,
                   .align = Align::kRight,
                   .colour = d.creditNote ? kRed : kBlack}) +
           0.8;
    if (lang == PrintLang::kZhCn)
        c.text(kLeft, totalY + 1.4, 88, "合计（大写）：" + chineseCapitalAmount(d.totalFen),
               {.sizePt = 9.5, .bold = true});
    if (d.byRate.size() == 1) {
        totalRow(std::string(tr(lang, "其中增值税额（", "of which VAT (")) +
                     rateText(d.byRate[0].taxRateBp) + tr(lang, "）", ")"),
                 moneyText(d.taxFen));
    } else {
        for (const core::InvoiceRateLine& r : d.byRate)
            totalRow(std::string(tr(lang, "其中增值税 ", "of which VAT ")) + rateText(r.taxRateBp),
                     moneyText(r.taxFen));
        totalRow(tr(lang, "增值税额合计", "VAT total"), moneyText(d.taxFen));
    }
    totalRow(tr(lang, "不含税金额", "Excluding VAT"), moneyText(d.netFen));
    f.y += 4;

    // [SECTION] payments
    const std::vector<Column> pcols = {{11, Align::kCenter},
                                       {30, Align::kLeft},
                                       {30, Align::kRight},
                                       {61, Align::kLeft},
                                       {48, Align::kLeft}};
    const std::vector<std::string> phead = {
        tr(lang, "序号", "#"), tr(lang, "付款方式", "Method"), tr(lang, "金额", "Amount"),
        tr(lang, "交易参考号", "Reference"), tr(lang, "收款时间", "Received")};
    if (!d.creditNote) {
        f.ensure(8 + 2 * c.measureRow(pcols, phead, headStyle) + 10);
        f.y += sectionTitle(c, kLeft, f.y, tr(lang, "收款记录", "Payments"));
        c.line(kLeft, f.y, kRight, f.y, 0.8, kInk);
        f.y += c.row(kLeft, f.y, pcols, phead, headStyle, true);
        if (d.payments.empty())
            f.y += c.row(kLeft, f.y, {{kContentW, Align::kCenter}},
                         {tr(lang, "（尚未收款）", "(nothing received yet)")},
                         {.sizePt = 9, .colour = kMuted});
        for (size_t i = 0; i < d.payments.size(); ++i) {
            const core::InvoiceDocPayment& p = d.payments[i];
            const std::vector<std::string> cells = {
                std::to_string(i + 1), paymentMethodName(lang, p.method), yuanText(p.amountFen),
                p.reference.empty() ? "—" : p.reference, p.at};
            if (f.ensure(c.measureRow(pcols, cells, cellStyle)))
                f.y += c.row(kLeft, f.y, pcols, phead, headStyle, true);
            f.y += c.row(kLeft, f.y, pcols, cells, cellStyle);
        }
        f.y += 2.5;
        f.ensure(8);
        const std::string paid = std::string(tr(lang, "已付  ", "Paid  ")) + moneyText(d.paidFen);
        const std::string owed = std::string(tr(lang, "待付  ", "Owed  ")) + moneyText(d.owedFen);
        c.text(tx, f.y, lw, paid, {.sizePt = 10.5, .bold = true, .align = Align::kRight});
        f.y += c.text(tx + lw, f.y, vw, owed,
                      {.sizePt = 10.5,
                       .bold = true,
                       .align = Align::kRight,
                       .colour = d.owedFen > 0 ? kRed : kInk}) +
               4;
    }

    // [SECTION] signatures and the small print, at the foot of the last page
    const double sigH = 22, noteH = 6;
    f.ensure(noteH + sigH + 2);
    const double sy = std::max(f.y, kBottom - sigH - noteH);
    c.text(
        kLeft, sy, kContentW,
        tr(lang, "本结算单为门店收费凭证，不作为增值税发票使用；如需开具发票，请凭本单联系前台。",
           "This receipt is the store's record of payment, not a VAT invoice (fapiao); ask the "
           "front desk for one."),
        {.sizePt = 8, .colour = kMuted});
    signatureBoxes(
        c, lang, sy + noteH, sigH, tr(lang, "客户签字", "Customer's signature"),
        d.creditNote ? tr(lang, "经办人", "Handled by") : tr(lang, "收款人", "Received by"),
        d.issuedBy);
    return f.end();
}

}  // namespace

core::Result<std::string> invoicePdf(const core::InvoiceDoc& doc, PrintLang lang) {
    const std::string title = std::string(doc.creditNote ? tr(lang, "红字结算单 ", "Credit note ")
                                                         : tr(lang, "结算单 ", "Invoice ")) +
                              doc.number;
    int pages = 0;
    {
        PdfCanvas probe(kPageW, kPageH, title);
        FC_ASSIGN(pages, layout(probe, doc, lang, 0));
        FC_TRY(probe.finish());
    }
    PdfCanvas c(kPageW, kPageH, title);
    FC_TRY(layout(c, doc, lang, pages));
    return c.finish();
}

core::Status renderInvoice(const core::InvoiceDoc& doc, const std::string& pdfPath,
                           PrintLang lang) {
    FC_ASSIGN(std::string pdf, invoicePdf(doc, lang));
    return writeFileWhole(pdfPath, pdf);
}

}  // namespace fc::platform
