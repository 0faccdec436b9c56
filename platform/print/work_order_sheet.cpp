// The work-order sheet (维修工单, A4): what the workshop works from and the customer signs — the
// order's numbers and its Code 128 (what the workshop tablet scans), customer (phone masked) and
// car, times, advisor and bay, the concerns in the customer's words, the work with its estimated
// amounts, the extra work declined or still waiting for an answer, and the signatures.
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
    for (const std::string* p : {&v.make, &v.model}) {
        if (p->empty()) continue;
        if (!out.empty()) out += ' ';
        out += *p;
    }
    if (v.year) out += (out.empty() ? "" : " ") + std::to_string(*v.year);
    if (!v.colour.empty()) out += (out.empty() ? "" : " · ") + v.colour;
    return out;
}

std::string bayText(const core::WorkOrderSheetDoc& d, PrintLang lang) {
    if (d.bayCode.empty()) return "";
    const std::string& name =
        lang == PrintLang::kEn && !d.bayNameEn.empty() ? d.bayNameEn : d.bayNameZh;
    return name.empty() ? d.bayCode : d.bayCode + " " + name;
}

core::Result<int> layout(PdfCanvas& c, const core::WorkOrderSheetDoc& d, PrintLang lang,
                         int totalPages) {
    const std::string title = tr(lang, "维修工单", "Work order");
    Flow f(c, lang, {title, d.provisionalNo, d.storeName, d.printedAt}, totalPages);

    // [SECTION] header: store, title, numbers; the barcode on the right
    c.text(kLeft, 12, 105, d.storeName, {.sizePt = 11, .bold = true, .colour = kMuted});
    c.text(kLeft, 17.5, 105, title, {.sizePt = 22, .bold = true, .colour = kBlack});
    std::string numbers =
        std::string(tr(lang, "工单号  ", "No.  ")) + d.provisionalNo + "      " +
        tr(lang, "正式编号  ", "Store no.  ") +
        (d.number ? std::to_string(*d.number) : std::string(tr(lang, "待同步", "not synced yet")));
    c.text(kLeft, 30, 110, numbers, {.sizePt = 9.5});
    FC_TRY(c.barcode(128, 11.5, 67, 15, d.barcode, 0.42));
    c.text(128, 27.3, 67, d.barcode,
           {.sizePt = 9, .bold = true, .align = Align::kCenter, .colour = kBlack});
    c.text(128, 31.6, 67,
           std::string(tr(lang, "状态：", "Status: ")) + statusName(lang, d.statusKey),
           {.sizePt = 8, .align = Align::kCenter, .colour = kMuted});
    c.line(kLeft, 37.5, kRight, 37.5, 1.2, kInk);
    f.y = 41;

    // [SECTION] customer, car, times, people
    const std::string odometer = d.odometerKm ? kmText(*d.odometerKm) : "";
    f.y += infoGrid(
        c, kLeft, f.y,
        {{tr(lang, "客户", "Customer"), d.customer.name, tr(lang, "联系电话", "Phone"),
          d.customer.maskedPhone},
         {tr(lang, "车牌号", "Plate"), d.vehicle.plate, tr(lang, "车型", "Vehicle"),
          carText(d.vehicle)},
         {tr(lang, "车架号", "VIN"), d.vehicle.vin, tr(lang, "进厂里程", "Odometer"), odometer},
         {tr(lang, "开单时间", "Opened"), d.openedAt, tr(lang, "预计交车", "Promised"),
          d.promisedAt},
         {tr(lang, "服务顾问", "Advisor"), d.advisor, tr(lang, "工位", "Bay"), bayText(d, lang)}});
    f.y += 5;

    // [SECTION] the concerns, in the customer's words
    const TextStyle concernStyle{.sizePt = 10};
    const std::string concerns = d.concerns.empty() ? tr(lang, "（无）", "(none)") : d.concerns;
    const double concernH = std::max(12.0, c.measure(kContentW - 5, concerns, concernStyle) + 4);
    f.ensure(concernH + 8);
    f.y += sectionTitle(c, kLeft, f.y, tr(lang, "客户描述（故障现象）", "Customer's concerns"),
                        tr(lang, "按客户原话记录", "in the customer's words"));
    c.box(kLeft, f.y, kContentW, concernH, 0.6, kRule);
    c.text(kLeft + 2.5, f.y + 2, kContentW - 5, concerns,
           {.sizePt = 10, .colour = d.concerns.empty() ? kMuted : kInk});
    f.y += concernH + 5;

    // [SECTION] the work
    const std::vector<Column> cols = {
        {11, Align::kCenter}, {15, Align::kCenter}, {54, Align::kLeft},  {26, Align::kLeft},
        {14, Align::kRight},  {20, Align::kRight},  {18, Align::kRight}, {22, Align::kRight}};
    const std::vector<std::string> head = {
        tr(lang, "序号", "#"),          tr(lang, "类别", "Type"),  tr(lang, "维修项目", "Work"),
        tr(lang, "技师", "Technician"), tr(lang, "数量", "Qty"),   tr(lang, "单价", "Price"),
        tr(lang, "优惠", "Discount"),   tr(lang, "金额", "Amount")};
    const TextStyle headStyle{.sizePt = 8.5, .bold = true};
    const TextStyle cellStyle{.sizePt = 9};
    f.ensure(8 + c.measureRow(cols, head, headStyle) + 8);
    f.y += sectionTitle(c, kLeft, f.y, tr(lang, "维修项目", "Work"),
                        tr(lang, "金额单位：元（含税）", "amounts in yuan, tax included"));
    c.line(kLeft, f.y, kRight, f.y, 0.8, kInk);
    f.y += c.row(kLeft, f.y, cols, head, headStyle, true);
    if (d.lines.empty()) {
        f.y += c.row(kLeft, f.y, {{kContentW, Align::kCenter}},
                     {tr(lang, "（暂无项目）", "(no work yet)")}, {.sizePt = 9, .colour = kMuted});
    }
    for (size_t i = 0; i < d.lines.size(); ++i) {
        const core::SheetLine& l = d.lines[i];
        std::string what = l.description;
        if (l.extraWork) what += tr(lang, "（追加）", " (added)");
        const std::vector<std::string> cells = {std::to_string(i + 1),
                                                lineKindName(lang, l.kind),
                                                what,
                                                l.technicians,
                                                quantityText(l.quantityMilli),
                                                yuanText(l.unitPriceFen),
                                                l.discountFen ? yuanText(l.discountFen) : "",
                                                yuanText(l.amountFen)};
        if (f.ensure(c.measureRow(cols, cells, cellStyle))) {
            f.y += c.row(kLeft, f.y, cols, head, headStyle, true);
        }
        f.y += c.row(kLeft, f.y, cols, cells, cellStyle);
    }

    // [SECTION] the estimate
    f.ensure(30);
    f.y += 2.5;
    const double tx = 120, lw = 45, vw = 30;
    const TextStyle tl{.sizePt = 9, .align = Align::kRight, .colour = kMuted};
    const TextStyle tv{.sizePt = 9.5, .align = Align::kRight};
    const auto totalRow = [&](const std::string& label, const std::string& value) {
        c.text(tx, f.y, lw, label, tl);
        f.y += c.text(tx + lw, f.y, vw, value, tv) + 0.6;
    };
    const double noteY = f.y;
    totalRow(tr(lang, "工时费", "Labour"), moneyText(d.labourFen));
    totalRow(tr(lang, "配件费", "Parts"), moneyText(d.partsFen));
    if (d.discountFen) totalRow(tr(lang, "优惠", "Discounts"), moneyText(-d.discountFen));
    c.line(tx + 10, f.y + 0.3, kRight, f.y + 0.3, 0.6, kInk);
    f.y += 1.2;
    c.text(tx, f.y + 1.0, lw, tr(lang, "预估合计", "Estimated total"),
           {.sizePt = 10, .bold = true, .align = Align::kRight});
    f.y += c.text(tx + lw, f.y, vw, moneyText(d.totalFen),
                  {.sizePt = 13, .bold = true, .align = Align::kRight, .colour = kBlack});
    c.text(kLeft, noteY, 100,
           tr(lang,
              "以上为预估金额（含税），最终以结算单为准。施工中如发现需追加的项目，须经客户确认后方"
              "可施工。",
              "Estimated amounts, tax included; the invoice is final. Extra work found during the "
              "job is done only "
              "once the customer agrees."),
           {.sizePt = 8, .colour = kMuted});
    f.y += 5;

    // [SECTION] extra work: declined, and waiting for an answer
    const std::vector<Column> xcols = {{11, Align::kCenter},
                                       {44, Align::kLeft},
                                       {60, Align::kLeft},
                                       {22, Align::kRight},
                                       {43, Align::kLeft}};
    const auto extraTable = [&](const std::vector<core::ExtraWorkLine>& lines,
                                const std::string& heading, const std::string& note,
                                bool declined) {
        if (lines.empty()) return;
        const std::vector<std::string> xhead = {
            tr(lang, "序号", "#"), tr(lang, "项目", "Work"), tr(lang, "检查发现", "Found"),
            tr(lang, "参考金额", "Amount"), tr(lang, "客户答复", "Answer")};
        f.ensure(8 + c.measureRow(xcols, xhead, headStyle) + 8);
        f.y += sectionTitle(c, kLeft, f.y, heading, note);
        c.line(kLeft, f.y, kRight, f.y, 0.8, kInk);
        f.y += c.row(kLeft, f.y, xcols, xhead, headStyle, true);
        for (size_t i = 0; i < lines.size(); ++i) {
            const core::ExtraWorkLine& l = lines[i];
            std::string answer = declined ? std::string(tr(lang, "暂不维修", "declined"))
                                          : tr(lang, "待确认", "waiting");
            if (!l.answer.empty())
                answer += "（" + l.answer + (l.answeredAt.empty() ? "" : " " + l.answeredAt) + "）";
            const std::vector<std::string> cells = {std::to_string(i + 1), l.description,
                                                    l.findingNote, yuanText(l.amountFen), answer};
            if (f.ensure(c.measureRow(xcols, cells, cellStyle)))
                f.y += c.row(kLeft, f.y, xcols, xhead, headStyle, true);
            f.y += c.row(kLeft, f.y, xcols, cells, cellStyle);
        }
        f.y += 5;
    };
    extraTable(d.declined, tr(lang, "客户暂不维修的项目", "Work the customer declined"),
               tr(lang, "已告知客户，建议尽快处理", "the customer was told; best done soon"), true);
    extraTable(d.proposed,
               tr(lang, "待客户确认的追加项目", "Extra work waiting for the customer's answer"), "",
               false);

    // [SECTION] signatures, at the foot of the last page
    const double sigH = 24;
    const double statementH = 6;
    f.ensure(statementH + sigH + 2);
    const double sy = std::max(f.y, kBottom - sigH - statementH);
    c.text(
        kLeft, sy, kContentW,
        tr(lang,
           "本人已核对车辆信息、维修项目及预估费用，同意按上述项目施工。车内贵重物品请自行带走。",
           "I have checked the vehicle, the work and the estimate and agree to the work above. "
           "Please take "
           "valuables out of the car."),
        {.sizePt = 8.5, .colour = kMuted});
    signatureBoxes(c, lang, sy + statementH, sigH, tr(lang, "客户签字", "Customer's signature"),
                   tr(lang, "服务顾问", "Service advisor"), d.advisor);
    return f.end();
}

}  // namespace

core::Result<std::string> workOrderSheetPdf(const core::WorkOrderSheetDoc& doc, PrintLang lang) {
    const std::string title = std::string(tr(lang, "维修工单 ", "Work order ")) + doc.provisionalNo;
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

core::Status renderWorkOrderSheet(const core::WorkOrderSheetDoc& doc, const std::string& pdfPath,
                                  PrintLang lang) {
    FC_ASSIGN(std::string pdf, workOrderSheetPdf(doc, lang));
    return writeFileWhole(pdfPath, pdf);
}

}  // namespace fc::platform
