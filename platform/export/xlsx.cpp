#include "platform/export/xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <unistd.h>

namespace fc::platform {

namespace {

using core::CellFormat;

// UTF-8 code points of `s`, each as its bytes.
std::vector<std::string> codePoints(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

// How wide a text shows in a spreadsheet column: Chinese characters take two.
double displayWidth(const std::string& s) {
    double w = 0;
    for (const std::string& cp : codePoints(s)) w += cp.size() >= 3 ? 2.0 : 1.0;
    return w;
}

struct Formats {
    lxw_format* title = nullptr;
    lxw_format* header = nullptr;
    lxw_format* headerRight = nullptr;
    // Per cell format, plain and bold (total rows).
    lxw_format* cell[2][7] = {};
};

lxw_format* numberFormat(lxw_workbook* wb, CellFormat f, bool bold) {
    lxw_format* x = workbook_add_format(wb);
    if (bold) format_set_bold(x);
    switch (f) {
        case CellFormat::kCount:
            format_set_num_format(x, "#,##0");
            break;
        case CellFormat::kFen:
            format_set_num_format(x, "¥#,##0.00");
            break;
        case CellFormat::kPercent:
            format_set_num_format(x, "0.0%");
            break;
        case CellFormat::kRatio:
            format_set_num_format(x, "0.00");
            break;
        case CellFormat::kQuantity:  // General: 12, 4.5, 0.125
        case CellFormat::kText:
        case CellFormat::kKey:
            break;
    }
    return x;
}

// The number a cell holds, in the unit a person reads: yuan, units, a fraction for percentages.
double numberOf(const core::ReportCell& c) {
    const auto v = static_cast<double>(c.value);
    switch (c.format) {
        case CellFormat::kQuantity:
            return v / 1000.0;
        case CellFormat::kFen:
            return v / 100.0;
        case CellFormat::kPercent:
            return v / 10'000.0;
        case CellFormat::kRatio:
            return v / 100.0;
        default:
            return v;
    }
}

bool numeric(CellFormat f) {
    return f != CellFormat::kText && f != CellFormat::kKey;
}

lxw_error writeSheet(lxw_worksheet* ws, const Formats& fm, const core::ReportTable& t) {
    lxw_error err = LXW_NO_ERROR;
    auto keep = [&](lxw_error e) {
        if (err == LXW_NO_ERROR) err = e;
    };
    const std::string heading = t.subtitle.empty() ? t.title : t.title + "  " + t.subtitle;
    keep(worksheet_write_string(ws, 0, 0, heading.c_str(), fm.title));
    const lxw_row_t headerRow = 2;
    std::vector<double> widths(t.columns.size(), 6);
    for (size_t c = 0; c < t.columns.size(); ++c) {
        const core::ReportColumn& col = t.columns[c];
        keep(worksheet_write_string(ws, headerRow, static_cast<lxw_col_t>(c), col.header.c_str(),
                                    numeric(col.format) ? fm.headerRight : fm.header));
        widths[c] = std::max(widths[c], displayWidth(col.header) + 2);
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const bool bold = r + t.totalRows >= t.rows.size();
        const auto row = static_cast<lxw_row_t>(headerRow + 1 + r);
        for (size_t c = 0; c < t.rows[r].size() && c < t.columns.size(); ++c) {
            const core::ReportCell& cell = t.rows[r][c];
            lxw_format* f = fm.cell[bold ? 1 : 0][static_cast<int>(cell.format)];
            const auto col = static_cast<lxw_col_t>(c);
            if (cell.blank) continue;
            if (cell.isNumber()) {
                keep(worksheet_write_number(ws, row, col, numberOf(cell), f));
                widths[c] = std::max(widths[c], displayWidth(core::cellText(cell)) + 2);
            } else {
                keep(worksheet_write_string(ws, row, col, cell.text.c_str(), f));
                widths[c] = std::max(widths[c], displayWidth(cell.text) + 2);
            }
        }
    }
    for (size_t c = 0; c < widths.size(); ++c)
        keep(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                  std::min(widths[c], 60.0), nullptr));
    worksheet_freeze_panes(ws, headerRow + 1, 0);
    if (t.columns.size() > 7) worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    return err;
}

}  // namespace

std::string xlsxSheetName(const std::string& title) {
    std::string out;
    size_t n = 0;
    for (const std::string& cp : codePoints(title)) {
        if (cp.size() == 1 && std::strchr("[]:*?/\\", cp[0])) continue;
        if (n == 31) break;
        out += cp;
        ++n;
    }
    while (!out.empty() && out.front() == '\'') out.erase(0, 1);
    while (!out.empty() && out.back() == '\'') out.pop_back();
    return out.empty() ? "Sheet" : out;
}

core::Status writeXlsx(const std::vector<core::ReportTable>& tables, const std::string& path) {
    if (path.empty()) return core::invalid("no file to write the workbook to");
    if (tables.empty()) return core::invalid("'" + path + "': no tables to write");
    const auto failed = [&](const std::string& why) {
        return core::Error(core::Errc::kIo, "cannot write '" + path + "': " + why);
    };
    // Beside the target, so the rename stays on one file system and nobody opens half a file.
    const std::string part = path + ".part-" + std::to_string(::getpid());
    if (FILE* probe = std::fopen(part.c_str(), "wb"))
        std::fclose(probe);
    else
        return failed(std::strerror(errno));

    lxw_workbook* wb = workbook_new(part.c_str());
    if (!wb) {
        std::remove(part.c_str());
        return failed("the workbook could not be made");
    }
    Formats fm;
    fm.title = workbook_add_format(wb);
    format_set_bold(fm.title);
    format_set_font_size(fm.title, 14);
    fm.header = workbook_add_format(wb);
    format_set_bold(fm.header);
    format_set_bottom(fm.header, LXW_BORDER_THIN);
    fm.headerRight = workbook_add_format(wb);
    format_set_bold(fm.headerRight);
    format_set_bottom(fm.headerRight, LXW_BORDER_THIN);
    format_set_align(fm.headerRight, LXW_ALIGN_RIGHT);
    for (int bold = 0; bold < 2; ++bold)
        for (int f = 0; f < 7; ++f)
            fm.cell[bold][f] = numberFormat(wb, static_cast<CellFormat>(f), bold == 1);
    lxw_doc_properties props = {};
    std::string docTitle = tables.front().title;
    props.title = docTitle.data();
    workbook_set_properties(wb, &props);

    lxw_error err = LXW_NO_ERROR;
    std::set<std::string> names;
    for (const core::ReportTable& t : tables) {
        // Unique names: "库存周转（按配件）", then "库存周转（按配件） 2".
        const std::string base = xlsxSheetName(t.title);
        std::string name = base;
        for (int k = 2; names.count(name); ++k) {
            const std::string suffix = " " + std::to_string(k);
            std::vector<std::string> cps = codePoints(base);
            while (!cps.empty() && cps.size() + suffix.size() > 31) cps.pop_back();
            name.clear();
            for (const std::string& cp : cps) name += cp;
            name += suffix;
        }
        names.insert(name);
        lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
        if (!ws) {
            err = LXW_ERROR_SHEETNAME_ALREADY_USED;
            break;
        }
        err = writeSheet(ws, fm, t);
        if (err != LXW_NO_ERROR) break;
    }
    const lxw_error closed = workbook_close(wb);  // frees the workbook, writes the file
    if (err == LXW_NO_ERROR) err = closed;
    if (err != LXW_NO_ERROR) {
        const int saved = errno;
        std::remove(part.c_str());
        std::string why = lxw_strerror(err);
        if (err == LXW_ERROR_CREATING_XLSX_FILE && saved)
            why += std::string(" (") + std::strerror(saved) + ")";
        return failed(why);
    }
    // On the disk before it takes the target's name.
    if (const int fd = ::open(part.c_str(), O_RDONLY); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (std::rename(part.c_str(), path.c_str()) != 0) {
        const int e = errno;
        std::remove(part.c_str());
        return failed(std::strerror(e));
    }
    return {};
}

}  // namespace fc::platform
