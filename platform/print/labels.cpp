// Part and bin labels (标签) as PDF: a 50 × 30 mm roll (one page per label) or A4 sheets of 3 × 8
// labels of 70 × 37.1 mm. A part's label carries its Chinese name (or English), its SKU, brand and
// bin, and its code as Code 128 bars or a QR code beside the text; a bin's label its code large and
// its name. Every text is fitted to its place — one line, or two for a name beside a QR code — and
// ellipsised when it is longer, so nothing runs into the code or the next label.
//
// [SECTION] index: sheets · fitting text · QR code · one label · the sheet
#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include "platform/print/page_parts.hpp"
#include "platform/print/pdf_canvas.hpp"
#include "platform/print/print.hpp"

namespace fc::platform {

using namespace print;

// [SECTION] sheets

std::optional<LabelSheet> parseLabelSheet(std::string_view key) {
    std::string k;
    for (char c : key) k += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (k == "roll50x30" || k == "50x30" || k == "roll-50x30") return LabelSheet::kRoll50x30;
    if (k == "a4-3x8" || k == "a4_3x8" || k == "a4") return LabelSheet::kA4_3x8;
    return std::nullopt;
}

const char* labelSheetKey(LabelSheet sheet) {
    return sheet == LabelSheet::kRoll50x30 ? "roll50x30" : "a4-3x8";
}

LabelSheetLayout labelSheetLayout(LabelSheet sheet) {
    if (sheet == LabelSheet::kRoll50x30)
        return {.pageW = 50, .pageH = 30, .columns = 1, .rows = 1, .cellW = 50, .cellH = 30};
    // The common A4 sheet of 24 (70 × 37.1 mm, edge to edge: 3 × 70 = 210, 8 × 37.1 = 296.8).
    return {.pageW = 210, .pageH = 297, .columns = 3, .rows = 8, .cellW = 70, .cellH = 37.1};
}

namespace {

// [SECTION] fitting text

// Where each UTF-8 character of `s` starts, and s.size() at the end.
std::vector<size_t> charStarts(const std::string& s) {
    std::vector<size_t> out;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
    out.push_back(s.size());
    return out;
}

bool isWordChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// The height of one line of `style`.
double lineHeight(PdfCanvas& c, const TextStyle& style) {
    TextStyle s = style;
    s.wrap = true;
    return c.measure(50, "国Ag", s);
}

// `text` in at most `maxLines` lines `w` mm wide: each line but the last is the longest start of
// what is left that stays on one line (broken at a space between Latin words where there is one);
// the last takes the rest and is ellipsised by pango when it is longer than the width.
std::vector<std::string> fitLines(PdfCanvas& c, double w, const std::string& text,
                                  const TextStyle& style, int maxLines) {
    std::vector<std::string> lines;
    TextStyle wrapped = style;
    wrapped.wrap = true;
    const double one = lineHeight(c, style) * 1.2;  // a second line makes it about twice as high
    std::string rest = text;
    while (!rest.empty()) {
        if (static_cast<int>(lines.size()) + 1 >= maxLines || c.measure(w, rest, wrapped) <= one) {
            lines.push_back(rest);
            break;
        }
        const std::vector<size_t> at = charStarts(rest);
        // Characters that fit on one line: at least one, fewer than all (all did not fit).
        size_t lo = 1, hi = at.size() - 2;
        while (lo < hi) {
            const size_t mid = (lo + hi + 1) / 2;
            if (c.measure(w, rest.substr(0, at[mid]), wrapped) <= one)
                lo = mid;
            else
                hi = mid - 1;
        }
        size_t cut = at[lo];
        if (isWordChar(rest[cut - 1]) && isWordChar(rest[cut])) {
            const size_t space = rest.rfind(' ', cut);
            if (space != std::string::npos && space > 0) cut = space;
        }
        std::string line = rest.substr(0, cut);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines.push_back(line);
        rest = rest.substr(cut);
        while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    }
    return lines;
}

// Draws the fitted lines from y down; returns how far down they go.
double drawLines(PdfCanvas& c, double x, double y, double w, const std::string& text,
                 TextStyle style, int maxLines) {
    const double h = lineHeight(c, style);
    style.wrap = false;
    double at = y;
    for (const std::string& line : fitLines(c, w, text, style, maxLines)) {
        c.text(x, at, w, line, style);
        at += h;
    }
    return at;
}

// The largest size from `style.sizePt` down to `minPt` (half a point at a time) at which `text`
// stays on one line `w` mm wide; `minPt` when none does (the line is then ellipsised).
TextStyle shrinkToFit(PdfCanvas& c, double w, const std::string& text, TextStyle style,
                      double minPt) {
    TextStyle wrapped = style;
    wrapped.wrap = true;
    for (; wrapped.sizePt > minPt; wrapped.sizePt -= 0.5)
        if (c.measure(w, text, wrapped) <= lineHeight(c, wrapped) * 1.2) break;
    style.sizePt = std::max(wrapped.sizePt, minPt);
    return style;
}

// [SECTION] QR code

// A QR code of `content` (UTF-8) centred in a `side` mm square, its quiet zone (4 modules) inside
// the square, the dark modules as filled squares (each row's runs as one rectangle, reaching a
// hair into the row below so no seam shows between rows).
core::Status qrCode(PdfCanvas& c, double x, double y, double side, const std::string& content) {
    if (content.empty()) return core::invalid("QR code: nothing to encode");
    ZXing::BitMatrix bits;
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setMargin(0).setEccLevel(4);  // level M
        bits = writer.encode(content, 0, 0);  // one unit per module
    } catch (const std::exception& e) {
        return core::invalid("QR code: cannot encode '" + content + "': " + e.what());
    }
    const int n = bits.width();
    if (n <= 0 || bits.height() != n)
        return core::invalid("QR code: '" + content + "' encoded to nothing");
    const double module = side / (n + 8);
    if (module < 0.3)
        return core::invalid("QR code: '" + content + "' is too long for a " +
                             std::to_string(static_cast<int>(side)) + " mm square");
    const double x0 = x + (side - n * module) / 2;
    const double y0 = y + (side - n * module) / 2;
    const double overlap = std::min(0.03, module * 0.1);
    for (int row = 0; row < n; ++row) {
        for (int i = 0; i < n;) {
            if (!bits.get(i, row)) {
                ++i;
                continue;
            }
            int j = i;
            while (j < n && bits.get(j, row)) ++j;
            c.fill(x0 + i * module, y0 + row * module, (j - i) * module,
                   module + (row + 1 < n ? overlap : 0), kBlack);
            i = j;
        }
    }
    return {};
}

// [SECTION] one label

// Sizes of one sheet's labels: padding, fonts (points), how wide the bars may be.
struct Look {
    double padX, padY;
    double titlePt, infoPt, binPt;
    double maxModule;  // Code 128
};

Look lookOf(LabelSheet sheet) {
    if (sheet == LabelSheet::kRoll50x30)
        return {
            .padX = 2, .padY = 1.6, .titlePt = 8.5, .infoPt = 6.5, .binPt = 15, .maxModule = 0.5};
    return {.padX = 4, .padY = 3, .titlePt = 10, .infoPt = 7.5, .binPt = 18, .maxModule = 0.5};
}

std::string titleOf(const core::LabelDoc& l, PrintLang lang) {
    return lang == PrintLang::kEn && !l.titleEn.empty() ? l.titleEn : l.title;
}

std::string joined(const std::vector<std::string>& lines, const char* sep) {
    std::string out;
    for (const std::string& s : lines) {
        if (s.empty()) continue;
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

// Whether the code is already one of the label's lines (a part whose code is its SKU).
bool codeShown(const core::LabelDoc& l) {
    return l.kind == core::LabelKind::kBin ||
           std::find(l.lines.begin(), l.lines.end(), l.code) != l.lines.end();
}

// Code 128: the title and a line of facts across the top, the bars below across the whole label
// (their quiet zones inside it), the code in plain text under them.
core::Status code128Label(PdfCanvas& c, double x, double y, double w, double h,
                          const core::LabelDoc& l, const Look& k, PrintLang lang) {
    const double tx = x + k.padX, tw = w - 2 * k.padX;
    const TextStyle info{.sizePt = k.infoPt, .colour = kInk, .wrap = false};
    double at = y + k.padY;
    if (l.kind == core::LabelKind::kBin) {
        const TextStyle big = shrinkToFit(
            c, tw, l.title, {.sizePt = k.binPt, .bold = true, .colour = kBlack, .wrap = false},
            k.titlePt);
        at = drawLines(c, tx, at, tw, l.title, big, 1);
    } else {
        at = drawLines(c, tx, at, tw, titleOf(l, lang),
                       {.sizePt = k.titlePt, .bold = true, .colour = kBlack, .wrap = false}, 1);
    }
    const std::string facts = joined(l.lines, "  ");
    if (!facts.empty()) at = drawLines(c, tx, at, tw, facts, info, 1);
    at += 0.6;
    double bottom = y + h - k.padY;
    const bool under = !codeShown(l);
    if (under) bottom -= lineHeight(c, info) + 0.3;
    if (bottom - at < 5) return core::invalid("labels: no room for the bars of '" + l.code + "'");
    FC_TRY(c.barcode(x + 1, at, w - 2, bottom - at, l.code, k.maxModule));
    if (under)
        c.text(tx, bottom + 0.3, tw, l.code,
               {.sizePt = k.infoPt, .align = Align::kCenter, .colour = kInk, .wrap = false});
    return {};
}

// QR: the square on the left, as high as the label allows; the title (two lines) and the facts
// (a line each) beside it, the code in plain text at the bottom.
core::Status qrLabel(PdfCanvas& c, double x, double y, double w, double h, const core::LabelDoc& l,
                     const Look& k, PrintLang lang) {
    // As high as the label allows, but not more than a little under half its width (the roll's
    // text needs the room; a version 1–3 code still has modules of 0.6 mm and more).
    const double side = std::min(h - 2 * k.padY * 0.75, w * 0.46);
    const double top = y + (h - side) / 2;
    FC_TRY(qrCode(c, x + k.padY * 0.75, top, side, l.code));
    const double tx = x + k.padY * 0.75 + side + 0.8;
    const double tw = x + w - k.padX * 0.75 - tx;
    const TextStyle info{.sizePt = k.infoPt, .colour = kInk, .wrap = false};
    double at = y + k.padY + 0.6;
    if (l.kind == core::LabelKind::kBin) {
        const TextStyle big = shrinkToFit(
            c, tw, l.title, {.sizePt = k.binPt, .bold = true, .colour = kBlack, .wrap = false},
            k.titlePt);
        at = drawLines(c, tx, at, tw, l.title, big, 1);
        for (const std::string& line : l.lines) at = drawLines(c, tx, at, tw, line, info, 2);
        return {};
    }
    at = drawLines(c, tx, at, tw, titleOf(l, lang),
                   {.sizePt = k.titlePt, .bold = true, .colour = kBlack, .wrap = false}, 2);
    at += 0.5;
    const double bottom = y + h - k.padY - (codeShown(l) ? 0 : lineHeight(c, info));
    for (const std::string& line : l.lines) {
        if (at + lineHeight(c, info) > bottom + 0.01) break;  // no room: the code says the rest
        at = drawLines(c, tx, at, tw, line, info, 1);
    }
    if (!codeShown(l))
        c.text(tx, bottom, tw, l.code, {.sizePt = k.infoPt, .colour = kMuted, .wrap = false});
    return {};
}

core::Status label(PdfCanvas& c, double x, double y, LabelSheet sheet, const core::LabelDoc& l,
                   PrintLang lang) {
    const LabelSheetLayout s = labelSheetLayout(sheet);
    const Look k = lookOf(sheet);
    if (l.symbology == core::LabelSymbology::kQr)
        return qrLabel(c, x, y, s.cellW, s.cellH, l, k, lang);
    return code128Label(c, x, y, s.cellW, s.cellH, l, k, lang);
}

}  // namespace

// [SECTION] the sheet

core::Result<std::string> labelSheetPdf(const core::LabelSheetDoc& doc, LabelSheet sheet,
                                        PrintLang lang) {
    const int64_t count = doc.count();
    if (count == 0) return core::invalid("labels: none to print");
    if (count > kMaxLabelsPerSheet)
        return core::invalid("labels: " + std::to_string(count) + " labels are more than " +
                             std::to_string(kMaxLabelsPerSheet) + " in one PDF");
    for (const core::LabelDoc& l : doc.labels) {
        if (l.copies < 0)
            return core::invalid("labels: '" + l.code + "' has a negative number of copies");
        if (l.copies > 0 && l.code.empty())
            return core::invalid("labels: '" + l.title + "' has no code to print");
    }
    const LabelSheetLayout s = labelSheetLayout(sheet);
    PdfCanvas c(s.pageW, s.pageH,
                std::string(tr(lang, "标签 ", "Labels ")) + std::to_string(count));
    int64_t i = 0;
    for (const core::LabelDoc& l : doc.labels) {
        for (int copy = 0; copy < l.copies; ++copy, ++i) {
            const int onPage = static_cast<int>(i % s.perPage());
            if (i > 0 && onPage == 0) c.newPage();
            const double x = s.left + (onPage % s.columns) * s.cellW;
            const double y = s.top + static_cast<double>(onPage / s.columns) * s.cellH;
            if (auto r = label(c, x, y, sheet, l, lang); !r) return r.error();
        }
    }
    return c.finish();
}

core::Status renderLabelSheet(const core::LabelSheetDoc& doc, LabelSheet sheet,
                              const std::string& pdfPath, PrintLang lang) {
    FC_ASSIGN(std::string pdf, labelSheetPdf(doc, sheet, lang));
    return writeFileWhole(pdfPath, pdf);
}

}  // namespace fc::platform
