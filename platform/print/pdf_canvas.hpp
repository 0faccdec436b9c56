// A page of a PDF in millimetres: wrapped text through pango (Noto Sans CJK SC, zh-CN glyphs),
// lines, boxes, table rows and Code 128 barcodes drawn as filled rectangles. The PDF is made in
// memory (finish() returns its bytes); the documents (work_order_sheet.cpp, key_tag.cpp,
// invoice_pdf.cpp) lay themselves out on it.
//
//   PdfCanvas c(210, 297);                                          // A4
//   double h = c.text(15, 20, 100, "维修工单", {.sizePt = 20, .bold = true});
//   FC_TRY(c.barcode(130, 12, 65, 14, "WO1-0042", 0.4));
//   FC_ASSIGN(std::string pdf, c.finish());
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::platform::print {

enum class Align { kLeft, kCenter, kRight };

struct Colour {
    double r = 0, g = 0, b = 0;
    static constexpr Colour grey(double v) { return {v, v, v}; }
};
inline constexpr Colour kBlack{0, 0, 0};
inline constexpr Colour kInk{0.12, 0.12, 0.14};
inline constexpr Colour kMuted{0.38, 0.38, 0.42};
inline constexpr Colour kRule{0.55, 0.55, 0.58};
inline constexpr Colour kShade{0.92, 0.92, 0.94};
inline constexpr Colour kRed{0.75, 0.08, 0.08};

struct TextStyle {
    double sizePt = 9;
    bool bold = false;
    Align align = Align::kLeft;
    Colour colour = kInk;
    bool wrap = true;  // false: one line, ellipsised at the width
};

// One column of a table: its width and how its cells align.
struct Column {
    double widthMm = 20;
    Align align = Align::kLeft;
};

class PdfCanvas {
public:
    PdfCanvas(double widthMm, double heightMm, const std::string& title);
    ~PdfCanvas();
    PdfCanvas(const PdfCanvas&) = delete;
    PdfCanvas& operator=(const PdfCanvas&) = delete;

    double width() const { return m_widthMm; }
    double height() const { return m_heightMm; }
    int page() const { return m_page; }

    // Draws `text` in a box `w` wide whose top is at y; returns its height (mm).
    double text(double x, double y, double w, const std::string& text, const TextStyle& style);
    // The height `text` would take, without drawing it.
    double measure(double w, const std::string& text, const TextStyle& style);

    void line(double x1, double y1, double x2, double y2, double widthPt = 0.5, Colour c = kRule);
    void box(double x, double y, double w, double h, double widthPt = 0.5, Colour c = kRule);
    void fill(double x, double y, double w, double h, Colour c);

    // A table row: cells padded 1.5 mm across and `padY` down, wrapped to their column; the row is
    // as high as its tallest cell. `shade` fills it first; a rule is drawn under it.
    double row(double x, double y, const std::vector<Column>& cols,
               const std::vector<std::string>& cells, const TextStyle& style, bool shade = false,
               double padY = 1.6);
    double measureRow(const std::vector<Column>& cols, const std::vector<std::string>& cells,
                      const TextStyle& style, double padY = 1.6);

    // Code 128 of `content` centred in the box, quiet zones (10 modules) inside it; modules at most
    // `maxModuleMm` wide. kInvalid when the content cannot be encoded or does not fit.
    core::Status barcode(double x, double y, double w, double h, const std::string& content,
                         double maxModuleMm);

    void newPage();
    // Ends the document; its bytes, or what cairo reported.
    core::Result<std::string> finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m;
    double m_widthMm;
    double m_heightMm;
    int m_page = 1;
};

// "1", "4.5", "0.125": a quantity in thousandths.
std::string quantityText(int64_t milli);
// "1,280.50" (no currency sign), "-6.00".
std::string yuanText(int64_t fen);
// "¥1,280.50", "-¥6.00".
std::string moneyText(int64_t fen);
// "13%", "6%".
std::string rateText(int bp);

}  // namespace fc::platform::print
