// The parts every printed A4 document shares: the words in both languages, the label/value grid,
// section titles, the page footer ("第 1 页 / 共 2 页"), signature boxes, and the flow that starts
// a new page when the next block does not fit. Internal to platform/print.
//
//   Flow f(c, lang, {.title = "维修工单", .number = "WO1-0042", …}, totalPages);
//   f.ensure(h);  y = f.y;  …  f.end();
#pragma once

#include <array>
#include <string>
#include <vector>

#include "platform/print/pdf_canvas.hpp"
#include "platform/print/print.hpp"

namespace fc::platform::print {

// A4, portrait: 15 mm either side, the footer in the bottom 15 mm.
inline constexpr double kPageW = 210;
inline constexpr double kPageH = 297;
inline constexpr double kLeft = 15;
inline constexpr double kRight = 195;
inline constexpr double kContentW = kRight - kLeft;
inline constexpr double kBottom = 280;

inline const char* tr(PrintLang lang, const char* zh, const char* en) {
    return lang == PrintLang::kEn ? en : zh;
}

std::string statusName(PrintLang lang, const std::string& statusKey);
std::string paymentMethodName(PrintLang lang, core::PaymentMethod method);
std::string lineKindName(PrintLang lang, core::LineKind kind);
std::string kmText(int64_t km);  // "45,210 km"

struct PageInfo {
    std::string title;   // "维修工单"
    std::string number;  // shown on continuation pages
    std::string storeName;
    std::string printedAt;
};

// Lays blocks down a page and breaks to a new one (footer, then a short header) when one does not
// fit above the footer.
class Flow {
public:
    Flow(PdfCanvas& c, PrintLang lang, PageInfo info, int totalPages);
    PdfCanvas& c;
    PrintLang lang;
    double y = 12;
    // Starts a new page unless `h` mm fit below y; true when it did.
    bool ensure(double h);
    void breakPage();
    // The last page's footer; returns how many pages there were.
    int end();

private:
    void footer();
    PageInfo m_info;
    int m_total;
};

// Label / value pairs, two per row, in a ruled box with shaded label cells. Returns its height.
double infoGrid(PdfCanvas& c, double x, double y,
                const std::vector<std::array<std::string, 4>>& rows);
// A bold section heading with a muted note after it; returns its height (with the gap below).
double sectionTitle(PdfCanvas& c, double x, double y, const std::string& title,
                    const std::string& note = "");
// Two signature boxes side by side, `h` high; the second may carry a printed name.
void signatureBoxes(PdfCanvas& c, PrintLang lang, double y, double h, const std::string& left,
                    const std::string& right, const std::string& rightName);

}  // namespace fc::platform::print
