#include "platform/print/pdf_canvas.hpp"

#include <algorithm>
#include <exception>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include "shared/core/money.hpp"

namespace fc::platform::print {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
double pt(double mm) {
    return mm * kPtPerMm;
}
double mmOf(double points) {
    return points / kPtPerMm;
}

// The CJK face every store machine has (fonts-noto-cjk); pango falls back for anything it lacks.
constexpr const char* kFamily = "Noto Sans CJK SC";

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FC_PRINT_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(FC_PRINT_ASAN)
#define FC_PRINT_ASAN 1
#endif
#ifdef FC_PRINT_ASAN
// Leaks that are not ours to free, kept out of LeakSanitizer's report (its documented hook; only in
// sanitizer builds): cairo 1.16.0 (Debian 12) loses a small buffer inside cairo_surface_finish for
// every PDF it embeds a font subset in, and fontconfig one while it parses its configuration. Both
// show in a fast-unwound stack only as their library, hence the names of the libraries. Weak:
// platform/ime defines the hook too (librime), and a program linking both keeps that one — such a
// program should list all three in one place.
extern "C" __attribute__((weak)) const char* __lsan_default_suppressions();
extern "C" __attribute__((weak)) const char* __lsan_default_suppressions() {
    return "leak:libcairo.so.2\nleak:libfontconfig.so.1\n";
}
#endif

struct PdfCanvas::Impl {
    std::string bytes;
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    PangoFontMap* fonts = nullptr;
    PangoContext* pango = nullptr;
    PangoFontDescription* regular = nullptr;
    PangoFontDescription* bold = nullptr;

    void release() {
        if (regular) pango_font_description_free(regular);
        if (bold) pango_font_description_free(bold);
        if (pango) g_object_unref(pango);
        if (fonts) g_object_unref(fonts);
        if (cr) cairo_destroy(cr);
        if (surface) cairo_surface_destroy(surface);
        regular = bold = nullptr;
        pango = nullptr;
        fonts = nullptr;
        cr = nullptr;
        surface = nullptr;
    }

    // A layout of `text` `w` mm wide in `style`; the caller unrefs it.
    PangoLayout* layout(double w, const std::string& text, const TextStyle& style) {
        PangoLayout* l = pango_layout_new(pango);
        PangoFontDescription* fd = pango_font_description_copy(style.bold ? bold : regular);
        pango_font_description_set_size(fd, static_cast<int>(style.sizePt * PANGO_SCALE));
        pango_layout_set_font_description(l, fd);
        pango_font_description_free(fd);
        pango_layout_set_width(l, static_cast<int>(pt(std::max(w, 1.0)) * PANGO_SCALE));
        if (style.wrap) {
            pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        } else {
            pango_layout_set_single_paragraph_mode(l, TRUE);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        }
        pango_layout_set_alignment(l, style.align == Align::kLeft     ? PANGO_ALIGN_LEFT
                                      : style.align == Align::kCenter ? PANGO_ALIGN_CENTER
                                                                      : PANGO_ALIGN_RIGHT);
        pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
        return l;
    }

    // Characters whose glyph cairo 1.16's CFF subsetter embeds blank: 如 in Noto Sans CJK Regular
    // (the only one of the 20,902 in U+4E00–U+9FA5; PrintText.EveryCommonCharacterHasInk checks).
    // The text stays as it is (it is what copying and searching the PDF find) and the glyph is
    // drawn once more on top of it, as its outline from the installed font.
    void outlineBlankGlyphs(PangoLayout* l, const std::string& text, double xPt, double yPt) {
        static constexpr const char* kBlank[] = {"\xE5\xA6\x82"};  // 如 U+5982
        if (pango_layout_is_ellipsized(l)) return;  // one-line cells: values, numbers, names
        for (const char* glyph : kBlank) {
            for (size_t at = text.find(glyph); at != std::string::npos;
                 at = text.find(glyph, at + 1)) {
                PangoRectangle pos;
                pango_layout_index_to_pos(l, static_cast<int>(at), &pos);
                int line = 0, lineX = 0;
                pango_layout_index_to_line_x(l, static_cast<int>(at), FALSE, &line, &lineX);
                PangoLayoutIter* it = pango_layout_get_iter(l);
                for (int i = 0; i < line && pango_layout_iter_next_line(it); ++i) {
                }
                const int baseline = pango_layout_iter_get_baseline(it);
                pango_layout_iter_free(it);
                PangoLayout* one = pango_layout_new(pango);
                pango_layout_set_font_description(one, pango_layout_get_font_description(l));
                pango_layout_set_text(one, glyph, -1);
                cairo_move_to(cr, xPt + static_cast<double>(pos.x) / PANGO_SCALE,
                              yPt + static_cast<double>(baseline - pango_layout_get_baseline(one)) /
                                        PANGO_SCALE);
                pango_cairo_layout_path(cr, one);
                cairo_fill(cr);
                g_object_unref(one);
            }
        }
    }

    static double heightOf(PangoLayout* l) {
        int w = 0, h = 0;
        pango_layout_get_size(l, &w, &h);
        return mmOf(static_cast<double>(h) / PANGO_SCALE);
    }
};

PdfCanvas::PdfCanvas(double widthMm, double heightMm, const std::string& title)
    : m(std::make_unique<Impl>()), m_widthMm(widthMm), m_heightMm(heightMm) {
    m->surface =
        cairo_pdf_surface_create_for_stream(appendBytes, &m->bytes, pt(widthMm), pt(heightMm));
    cairo_pdf_surface_set_metadata(m->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(m->surface, CAIRO_PDF_METADATA_CREATOR, "Forecourt");
    m->cr = cairo_create(m->surface);
    // A font map of its own, released with the document: pango's per-thread default one keeps
    // fontconfig's patterns and cairo's faces for the life of the thread.
    m->fonts = pango_cairo_font_map_new();
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(m->fonts), 72.0);
    m->pango = pango_font_map_create_context(m->fonts);
    pango_cairo_update_context(m->cr, m->pango);
    // Points as the unit, metrics unhinted: the layout is the same at every zoom and resolution.
    pango_cairo_context_set_resolution(m->pango, 72.0);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(m->pango, options);
    cairo_font_options_destroy(options);
    pango_context_set_language(m->pango, pango_language_from_string("zh-cn"));
    m->regular = pango_font_description_new();
    pango_font_description_set_family(m->regular, kFamily);
    pango_font_description_set_weight(m->regular, PANGO_WEIGHT_NORMAL);
    m->bold = pango_font_description_copy(m->regular);
    pango_font_description_set_weight(m->bold, PANGO_WEIGHT_BOLD);
}

PdfCanvas::~PdfCanvas() {
    m->release();
}

double PdfCanvas::text(double x, double y, double w, const std::string& text,
                       const TextStyle& style) {
    if (text.empty()) return 0;
    PangoLayout* l = m->layout(w, text, style);
    cairo_set_source_rgb(m->cr, style.colour.r, style.colour.g, style.colour.b);
    cairo_move_to(m->cr, pt(x), pt(y));
    pango_cairo_show_layout(m->cr, l);
    m->outlineBlankGlyphs(l, text, pt(x), pt(y));
    const double h = Impl::heightOf(l);
    g_object_unref(l);
    return h;
}

double PdfCanvas::measure(double w, const std::string& text, const TextStyle& style) {
    if (text.empty()) return 0;
    PangoLayout* l = m->layout(w, text, style);
    const double h = Impl::heightOf(l);
    g_object_unref(l);
    return h;
}

void PdfCanvas::line(double x1, double y1, double x2, double y2, double widthPt, Colour c) {
    cairo_set_source_rgb(m->cr, c.r, c.g, c.b);
    cairo_set_line_width(m->cr, widthPt);
    cairo_move_to(m->cr, pt(x1), pt(y1));
    cairo_line_to(m->cr, pt(x2), pt(y2));
    cairo_stroke(m->cr);
}

void PdfCanvas::box(double x, double y, double w, double h, double widthPt, Colour c) {
    cairo_set_source_rgb(m->cr, c.r, c.g, c.b);
    cairo_set_line_width(m->cr, widthPt);
    cairo_rectangle(m->cr, pt(x), pt(y), pt(w), pt(h));
    cairo_stroke(m->cr);
}

void PdfCanvas::fill(double x, double y, double w, double h, Colour c) {
    cairo_set_source_rgb(m->cr, c.r, c.g, c.b);
    cairo_rectangle(m->cr, pt(x), pt(y), pt(w), pt(h));
    cairo_fill(m->cr);
}

double PdfCanvas::measureRow(const std::vector<Column>& cols, const std::vector<std::string>& cells,
                             const TextStyle& style, double padY) {
    double h = measure(10, "国", style);  // an empty row is one line high
    for (size_t i = 0; i < cols.size() && i < cells.size(); ++i)
        h = std::max(h, measure(cols[i].widthMm - 3, cells[i], style));
    return h + 2 * padY;
}

double PdfCanvas::row(double x, double y, const std::vector<Column>& cols,
                      const std::vector<std::string>& cells, const TextStyle& style, bool shade,
                      double padY) {
    const double h = measureRow(cols, cells, style, padY);
    double width = 0;
    for (const Column& c : cols) width += c.widthMm;
    if (shade) fill(x, y, width, h, kShade);
    double cx = x;
    for (size_t i = 0; i < cols.size(); ++i) {
        if (i < cells.size()) {
            TextStyle s = style;
            s.align = cols[i].align;
            text(cx + 1.5, y + padY, cols[i].widthMm - 3, cells[i], s);
        }
        cx += cols[i].widthMm;
    }
    line(x, y + h, x + width, y + h, 0.4, kRule);
    return h;
}

core::Status PdfCanvas::barcode(double x, double y, double w, double h, const std::string& content,
                                double maxModuleMm) {
    if (content.empty()) return core::invalid("barcode: nothing to encode");
    ZXing::BitMatrix bits;
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::Code128);
        writer.setMargin(0);
        bits = writer.encode(content, 0, 0);  // the natural size: one unit per module
    } catch (const std::exception& e) {
        return core::invalid("barcode: cannot encode '" + content + "' as Code 128: " + e.what());
    }
    const int modules = bits.width();
    if (modules <= 0 || bits.height() <= 0)
        return core::invalid("barcode: '" + content + "' encoded to nothing");
    // Ten modules of quiet zone either side, as ISO/IEC 15417 asks.
    const double module = std::min(maxModuleMm, w / (modules + 20));
    if (module < 0.19)
        return core::invalid("barcode: '" + content + "' is too long for a " + std::to_string(w) +
                             " mm label");
    const double x0 = x + (w - modules * module) / 2;
    cairo_set_source_rgb(m->cr, 0, 0, 0);
    for (int i = 0; i < modules;) {
        if (!bits.get(i, 0)) {
            ++i;
            continue;
        }
        int j = i;
        while (j < modules && bits.get(j, 0)) ++j;
        cairo_rectangle(m->cr, pt(x0 + i * module), pt(y), pt((j - i) * module), pt(h));
        i = j;
    }
    cairo_fill(m->cr);
    return {};
}

void PdfCanvas::newPage() {
    cairo_show_page(m->cr);
    ++m_page;
}

core::Result<std::string> PdfCanvas::finish() {
    if (!m->surface) return core::internal("PDF already finished");
    cairo_surface_t* surface = cairo_surface_reference(m->surface);
    m->release();  // the context first: it holds the page
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return core::Error(core::Errc::kInternal,
                           std::string("PDF: ") + cairo_status_to_string(status));
    return std::move(m->bytes);
}

std::string quantityText(int64_t milli) {
    const bool neg = milli < 0;
    const uint64_t a = neg ? static_cast<uint64_t>(-(milli + 1)) + 1 : static_cast<uint64_t>(milli);
    std::string out = (neg ? "-" : "") + std::to_string(a / 1000);
    uint64_t frac = a % 1000;
    if (frac != 0) {
        std::string f = std::to_string(frac);
        f = std::string(3 - f.size(), '0') + f;
        while (!f.empty() && f.back() == '0') f.pop_back();
        out += "." + f;
    }
    return out;
}

std::string moneyText(int64_t fen) {
    return core::Money::fen(fen).format();
}

std::string yuanText(int64_t fen) {
    std::string s = moneyText(fen);
    const std::string yen = "\xC2\xA5";
    if (const size_t at = s.find(yen); at != std::string::npos) s.erase(at, yen.size());
    return s;
}

std::string rateText(int bp) {
    std::string out = std::to_string(bp / 100);
    if (bp % 100 != 0) {
        const int frac = bp % 100;
        out += "." + std::string(frac < 10 ? "0" : "") + std::to_string(frac);
        while (out.back() == '0') out.pop_back();
    }
    return out + "%";
}

}  // namespace fc::platform::print
