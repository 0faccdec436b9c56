// The key tag (钥匙牌): a 60 × 40 mm label that hangs on the customer's keys in the lot — the
// work order's number and the car's plate large, the car and the promised time small, and the same
// Code 128 as the sheet, as big as the label allows. Nothing personal: no name, no phone (PIPL).
#include <string>

#include "platform/print/page_parts.hpp"
#include "platform/print/pdf_canvas.hpp"
#include "platform/print/print.hpp"

namespace fc::platform {

using namespace print;

namespace {

constexpr double kTagW = 60;
constexpr double kTagH = 40;

core::Status layout(PdfCanvas& c, const core::KeyTagDoc& d, PrintLang lang) {
    const double m = 3;
    const double w = kTagW - 2 * m;
    c.text(m, 2.2, w * 0.55, d.provisionalNo,
           {.sizePt = 12.5, .bold = true, .colour = kBlack, .wrap = false});
    c.text(m + w * 0.4, 2.2, w * 0.6, d.plate,
           {.sizePt = 12.5, .bold = true, .align = Align::kRight, .colour = kBlack, .wrap = false});
    // "2026-01-15 17:30" → "01-15 17:30": the year is this one.
    std::string promised = d.promisedAt.size() == 16 ? d.promisedAt.substr(5) : d.promisedAt;
    if (!promised.empty()) promised = std::string(tr(lang, "交车 ", "Due ")) + promised;
    c.text(m, 9.4, w * 0.52, d.vehicle, {.sizePt = 7, .colour = kMuted, .wrap = false});
    c.text(m + w * 0.48, 9.4, w * 0.52, promised,
           {.sizePt = 7, .bold = true, .align = Align::kRight, .wrap = false});
    c.line(m, 13.3, kTagW - m, 13.3, 0.4, kRule);
    // The code across the whole label (its quiet zones inside), bars 17 mm high.
    FC_TRY(c.barcode(1, 14.8, kTagW - 2, 17, d.barcode, 0.5));
    std::string foot = d.barcode;
    if (d.number)
        foot += std::string(tr(lang, "  正式编号 ", "  Store no. ")) + std::to_string(*d.number);
    if (!d.storeName.empty()) foot += "  " + d.storeName;
    c.text(m, 33, w, foot,
           {.sizePt = 6.5, .align = Align::kCenter, .colour = kMuted, .wrap = false});
    return {};
}

}  // namespace

core::Result<std::string> keyTagPdf(const core::KeyTagDoc& doc, PrintLang lang) {
    PdfCanvas c(kTagW, kTagH, std::string(tr(lang, "钥匙牌 ", "Key tag ")) + doc.provisionalNo);
    FC_TRY(layout(c, doc, lang));
    return c.finish();
}

core::Status renderKeyTag(const core::KeyTagDoc& doc, const std::string& pdfPath, PrintLang lang) {
    FC_ASSIGN(std::string pdf, keyTagPdf(doc, lang));
    return writeFileWhole(pdfPath, pdf);
}

}  // namespace fc::platform
