// Index
//   [SECTION] header mapping
//   [SECTION] value parsing
//   [SECTION] validation pass
//   [SECTION] import pass
//   [SECTION] public entry points
#include "shared/stock/part_import.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "shared/capture/change_writer.hpp"
#include "shared/capture/store.hpp"
#include "shared/core/barcode.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/core/money.hpp"
#include "shared/core/text.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/io/csv.hpp"
#include "shared/staff/session_types.hpp"

namespace fc::core {

namespace {

// [SECTION] header mapping

enum Field { kSku, kNameZh, kNameEn, kBrand, kCategory, kUnit, kOe, kCost, kPrice, kTax, kSafety, kReorder,
             kSupplier, kTracking, kBarcodes, kBins, kFitment, kFieldCount };

struct FieldInfo {
    Field field;
    const char* key;                 // PartService's field name ("name_zh"), as its errors start
    std::vector<std::string> names;  // header keys (headerKey: lower case, no spaces, '_' or '-')
};

const std::vector<FieldInfo>& fieldInfos() {
    static const std::vector<FieldInfo> k = {
        {kSku, "sku", {"编码", "配件编码", "商品编码", "货号", "sku", "partno", "partnumber"}},
        {kNameZh, "name_zh", {"名称", "配件名称", "中文名称", "商品名称", "品名", "name", "namezh"}},
        {kNameEn, "name_en", {"英文名称", "英文名", "nameen", "englishname"}},
        {kBrand, "brand", {"品牌", "brand"}},
        {kCategory, "category", {"类别", "分类", "配件类别", "category"}},
        {kUnit, "unit", {"单位", "unit", "uom"}},
        {kOe, "oe_numbers", {"oe号", "oe", "oe码", "oe号码", "原厂号", "原厂编号", "oenumbers", "oenumber"}},
        {kCost, "cost", {"进价", "成本价", "成本", "采购价", "cost", "costprice"}},
        {kPrice, "price", {"售价", "销售价", "零售价", "价格", "price", "saleprice", "retailprice"}},
        {kTax, "tax_rate", {"税率", "增值税率", "taxrate", "tax", "vat"}},
        {kSafety, "safety", {"安全库存", "safety", "safetystock"}},
        {kReorder, "reorder", {"补货量", "订货量", "补货数量", "reorder", "reorderqty", "reorderquantity"}},
        {kSupplier, "supplier", {"供应商", "supplier"}},
        {kTracking, "tracking", {"跟踪", "跟踪方式", "追溯", "tracking"}},
        {kBarcodes, "", {"条码", "条形码", "条码号", "barcode", "barcodes", "codes"}},
        {kBins, "", {"库位", "货位", "库位号", "bin", "bins", "location"}},
        {kFitment, "", {"适用车型", "车型", "fitment", "fits"}},
    };
    return k;
}

std::string headerKey(const std::string& h) {
    // Lower case, no spaces, '_', '-' or '*', a trailing remark in brackets dropped: "售价(元)" → "售价".
    std::string s = toLowerAscii(cleanText(h));
    for (const char* open : {"(", "（", "["}) {
        const size_t p = s.find(open);
        if (p != std::string::npos && p > 0) s.erase(p);
    }
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '*' && c != '_' && c != '-') out += c;
    return out;
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// [SECTION] value parsing — each answers the value or why not, for the cell's message.

struct Parsed {
    int64_t value = 0;
    std::string why;  // empty: ok
};

// "45.50", "¥1,280", "45.5元" → fen, exactly.
Parsed parseYuan(const std::string& raw) {
    std::string s = cleanText(raw);
    if (endsWith(s, "元")) s.erase(s.size() - std::string("元").size());
    auto m = Money::parse(s);
    if (!m) return {0, "'" + cleanText(raw) + "' is not an amount in yuan (45.50: at most 2 decimals)"};
    if (m->fen() < 0) return {0, "'" + cleanText(raw) + "' is negative"};
    return {m->fen(), ""};
}

// "13%", "13", "0.13", "9 %" → basis points (1300).
Parsed parseTaxRate(const std::string& raw) {
    std::string s = cleanText(raw);
    const bool percent = endsWith(s, "%");
    if (percent) s.pop_back();
    s = trim(s);
    int64_t tenThousandths = 0;  // the number × 10000
    int decimals = -1;
    bool any = false;
    for (char c : s) {
        if (c == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (c < '0' || c > '9' || decimals >= 4 || tenThousandths > 1'000'000'000) {
            any = false;
            break;
        }
        any = true;
        tenThousandths = tenThousandths * 10 + (c - '0');
        if (decimals >= 0) ++decimals;
    }
    const std::string bad = "'" + cleanText(raw) + "' is not a VAT rate (0%, 3%, 6%, 9% or 13%)";
    if (!any) return {0, bad};
    for (int d = std::max(decimals, 0); d < 4; ++d) tenThousandths *= 10;
    // "0.13" without a % sign is a fraction; anything else counts in percent.
    const bool fraction = !percent && decimals > 0 && tenThousandths < 10'000;
    int64_t bp = 0;
    if (fraction) bp = tenThousandths;
    else if (tenThousandths % 100 == 0) bp = tenThousandths / 100;
    else return {0, bad};
    if (bp > 10'000 || !isAllowedTaxRate(static_cast<int>(bp))) return {0, bad};
    return {bp, ""};
}

// "20", "2.5", "1,000" → thousandths; whole units only for pieces and sets.
Parsed parseQuantity(const std::string& raw, const std::string& unit) {
    const std::string shown = cleanText(raw);
    int64_t whole = 0;
    int64_t frac = 0;
    int decimals = -1;
    bool any = false;
    bool ok = true;
    for (char c : shown) {
        if (c == ',' && decimals < 0) continue;
        if (c == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (c < '0' || c > '9' || decimals >= 3 || whole > 1'000'000) {
            ok = false;
            break;
        }
        any = true;
        if (decimals >= 0) {
            frac = frac * 10 + (c - '0');
            ++decimals;
        } else {
            whole = whole * 10 + (c - '0');
        }
    }
    if (!ok || !any)
        return {0, "'" + shown + "' is not a quantity (20, or 2.5 for litres: at most 3 decimals)"};
    if (whole > 1'000'000) return {0, "'" + shown + "' is more than 1,000,000"};
    for (int d = std::max(decimals, 0); d < 3; ++d) frac *= 10;
    const int64_t milli = whole * 1000 + frac;
    if (milli % 1000 != 0 && (unit == "piece" || unit == "set"))
        return {0, "'" + shown + "': a part counted in " + (unit == "piece" ? std::string("个 (pieces)") : "套 (sets)") +
                       " is stocked in whole units"};
    return {milli, ""};
}

std::optional<std::string> mapKey(std::string_view raw,
                                  const std::vector<std::pair<const char*, const char*>>& table) {
    const std::string v = toLowerAscii(cleanText(raw));
    for (const auto& [from, to] : table)
        if (v == from) return std::string(to);
    return std::nullopt;
}

std::optional<std::string> parseTracking(const std::string& raw) {
    return mapKey(raw, {{"none", "none"}, {"无", "none"}, {"不跟踪", "none"}, {"否", "none"}, {"no", "none"},
                        {"serial", "serial"}, {"序列号", "serial"}, {"串号", "serial"}, {"sn", "serial"},
                        {"batch", "batch"}, {"批次", "batch"}, {"批号", "batch"}, {"lot", "batch"}});
}

// One entry of a list cell: several separated by | ; , and their full-width forms (， ； 、).
std::vector<std::string> listOf(const std::string& cell) { return splitList(cell, "|;,", true); }

// A code as the part will carry it, and its kind.
struct CodeEntry {
    std::string code;
    std::string kind;
    std::string why;  // empty: ok
};

CodeEntry parseCode(const std::string& raw) {
    std::string text = cleanText(raw);
    std::string kind;
    for (const auto& [prefix, k] : std::vector<std::pair<std::string, const char*>>{
             {"label:", "label"}, {"标签:", "label"}, {"supplier:", "supplier"}, {"供应商:", "supplier"},
             {"gtin:", "gtin"}, {"ean:", "gtin"}}) {
        if (toLowerAscii(text.substr(0, prefix.size())) == prefix) {
            kind = k;
            text = trim(text.substr(prefix.size()));
            break;
        }
    }
    CodeEntry e;
    e.code = normalizeUntypedCode(text);  // a right UPC-A becomes its GTIN-13, as a scanner reports it
    bool printable = !e.code.empty() && e.code.size() <= 64;
    for (char c : e.code) printable = printable && c > ' ' && c < 127;
    if (!printable) {
        e.why = "code '" + text + "': 1 to 64 letters, digits and marks, no spaces";
        return e;
    }
    const bool digits = allDigits(e.code);
    const size_t n = e.code.size();
    const bool gtinLength = n == 8 || n == 12 || n == 13 || n == 14;
    if (kind.empty()) {
        if (digits && (n == 12 || n == 13)) kind = "gtin";  // UPC-A / EAN-13: the check digit must be right
        else if (digits && gtinLength && gtinValid(e.code)) kind = "gtin";
        else kind = "supplier";
    }
    if (kind == "gtin") {
        if (!digits || !gtinLength) {
            e.why = "GTIN '" + e.code + "' is not 8, 12, 13 or 14 digits";
        } else if (!gtinValid(e.code)) {
            e.why = "GTIN " + e.code + ": check digit '" + e.code.back() + "', expected '" +
                    gtinCheckDigit(std::string_view(e.code).substr(0, n - 1)) +
                    "' (mistyped? a supplier's own number is written supplier:" + e.code + ")";
        }
    }
    e.kind = kind;
    return e;
}

// "丰田 卡罗拉 2014-2018", "本田 思域 2016-", "大众 朗逸", "大众", "标致 3008 -2019".
struct FitmentEntry {
    Fitment fitment;
    std::string why;
};

bool isYear(const std::string& s) { return s.size() == 4 && allDigits(s); }

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

FitmentEntry parseFitment(const std::string& raw) {
    const std::string shown = cleanText(raw);
    std::string text = shown;
    for (const char* dash : {"–", "—", "~", "～", "至", "到"}) replaceAll(text, dash, "-");
    // "2014年-2018年", "2016款": the word after a year goes.
    for (const std::string unit : {"年款", "年", "款"}) {
        for (size_t p = text.find(unit); p != std::string::npos; p = text.find(unit, p)) {
            if (p > 0 && text[p - 1] >= '0' && text[p - 1] <= '9') text.erase(p, unit.size());
            else p += unit.size();
        }
    }
    std::vector<std::string> words = splitList(text, " ", false);
    // Years written with spaces: "2014 - 2018", "2016 -", "2014 -2018" (but "标致 3008 -2019").
    auto year = [](const std::string& w) { return isYear(w) && std::stoi(w) >= 1950 && std::stoi(w) <= 2100; };
    const size_t n = words.size();
    if (n >= 3 && words[n - 2] == "-" && year(words[n - 3]) && year(words[n - 1])) {
        words[n - 3] += "-" + words[n - 1];
        words.resize(n - 2);
    } else if (n >= 2 && words[n - 1] == "-" && year(words[n - 2])) {
        words[n - 2] += "-";
        words.pop_back();
    } else if (n >= 2 && words[n - 1].size() == 5 && words[n - 1][0] == '-' && year(words[n - 2]) &&
               year(words[n - 1].substr(1))) {
        words[n - 2] += words[n - 1];
        words.pop_back();
    } else if (n >= 2 && words[n - 2].size() == 5 && words[n - 2][4] == '-' && year(words[n - 2].substr(0, 4)) &&
               year(words[n - 1])) {
        words[n - 2] += words[n - 1];
        words.pop_back();
    }
    FitmentEntry e;
    if (words.empty()) {
        e.why = "an empty fitment entry";
        return e;
    }
    // The last word is the years when it looks like them: 2014-2018, 2016-, -2019, 2018.
    const std::string last = words.back();
    const size_t dash = last.find('-');
    bool years = false;
    if (dash == std::string::npos) {
        // A lone number outside the years cars are made in is part of the model ("标致 3008").
        if (isYear(last) && std::stoi(last) >= 1950 && std::stoi(last) <= 2100) {
            years = true;
            e.fitment.yearFrom = e.fitment.yearTo = std::stoi(last);
        }
    } else if (last.find('-', dash + 1) == std::string::npos) {
        const std::string from = last.substr(0, dash);
        const std::string to = last.substr(dash + 1);
        if ((from.empty() || isYear(from)) && (to.empty() || isYear(to)) && !(from.empty() && to.empty())) {
            years = true;
            e.fitment.yearFrom = from.empty() ? 0 : std::stoi(from);
            e.fitment.yearTo = to.empty() ? 0 : std::stoi(to);
        }
    }
    const bool numeric = last.find_first_not_of("0123456789-") == std::string::npos;
    if (!years && numeric && dash != std::string::npos) {
        e.why = "'" + shown + "': years are written 2014-2018, 2016- or -2019";
        return e;
    }
    if (years) {
        words.pop_back();
        for (int y : {e.fitment.yearFrom, e.fitment.yearTo})
            if (y != 0 && (y < 1950 || y > 2100)) e.why = "'" + shown + "': years are 1950 to 2100";
        if (e.why.empty() && e.fitment.yearFrom && e.fitment.yearTo && e.fitment.yearFrom > e.fitment.yearTo)
            e.why = "'" + shown + "': the first year is after the last";
        if (!e.why.empty()) return e;
    }
    if (words.empty()) {
        e.why = "'" + shown + "' names no make (丰田 卡罗拉 2014-2018)";
        return e;
    }
    e.fitment.make = words.front();
    for (size_t i = 1; i < words.size(); ++i) e.fitment.model += (i > 1 ? " " : "") + words[i];
    if (hasHiddenCharacters(e.fitment.make) || hasHiddenCharacters(e.fitment.model))
        e.why = "'" + shown + "' has characters that cannot be shown";
    else if (utf8Length(e.fitment.make) > 20) e.why = "make '" + e.fitment.make + "': at most 20 characters";
    else if (utf8Length(e.fitment.model) > 40) e.why = "model '" + e.fitment.model + "': at most 40 characters";
    return e;
}

// "code: at most 20 characters" → "at most 20 characters".
std::string withoutField(const std::string& message) {
    const size_t p = message.find(": ");
    return p == std::string::npos ? message : message.substr(p + 2);
}

bool sameFitment(const Fitment& a, const Fitment& b) {
    return a.make == b.make && a.model == b.model && a.yearFrom == b.yearFrom && a.yearTo == b.yearTo;
}

bool samePart(const PartInput& a, const PartInput& b) {
    return a.sku == b.sku && a.nameZh == b.nameZh && a.nameEn == b.nameEn && a.brand == b.brand &&
           a.category == b.category && a.unit == b.unit && a.oeNumbers == b.oeNumbers && a.costFen == b.costFen &&
           a.priceFen == b.priceFen && a.taxRateBp == b.taxRateBp && a.safetyMilli == b.safetyMilli &&
           a.reorderMilli == b.reorderMilli && a.supplier == b.supplier && a.tracking == b.tracking;
}

// [SECTION] validation pass

struct PlannedRow {
    size_t line = 0;
    std::string partId;  // an existing part ("" for a new one)
    PartInput input;     // validated
    bool changed = false;
    std::vector<PartCodeInput> codes;   // to add
    std::vector<std::string> binCodes;  // to place it in (normalised codes)
    std::vector<Fitment> fitments;      // to add
};

struct CodeOwner {
    std::string partId;
    std::string sku;
};

// One import: reads the header, checks every row (collecting every problem), then writes all the
// rows in one transaction or none.
class PartImportRun {
public:
    PartImportRun(Store& store, PartService& parts, const Session* by, const std::string& sourceName,
                  const PartImportOptions& options)
        : m_store(store), m_parts(parts), m_by(by), m_source(sourceName), m_options(options) {
        m_report.file = sourceName;
        m_col.fill(-1);
    }

    Result<PartImportReport> run(std::string_view bytes) {
        if (m_by) FC_TRY(requireCapability(*m_by, Capability::kManageInventory));
        FC_ASSIGN(DecodedText text, decodeToUtf8(bytes, m_source));
        m_report.encoding = text.encoding;
        FC_ASSIGN(m_table, parseCsv(text.utf8, m_source));
        FC_TRY(mapHeader());
        FC_TRY(loadExisting());
        for (const CsvRecord& r : m_table.rows) FC_TRY(planRow(r));
        if (m_report.rows == 0) m_report.errors.push_back({0, "", "the file has a header but no data rows"});
        m_report.binsCreated = m_newBins.size();
        if (!m_report.errors.empty() || m_options.dryRun || !m_by) return m_report;
        FC_ASSIGN(m_report.imported, importPlan());
        return m_report;
    }

private:
    Status mapHeader() {
        for (size_t i = 0; i < m_table.header.size(); ++i) {
            const std::string key = headerKey(m_table.header[i]);
            bool known = false;
            for (const auto& info : fieldInfos()) {
                if (std::find(info.names.begin(), info.names.end(), key) == info.names.end()) continue;
                known = true;
                if (m_col[info.field] >= 0)
                    return invalid(m_source + ": line 1: columns '" +
                                   m_table.header[static_cast<size_t>(m_col[info.field])] + "' and '" +
                                   m_table.header[i] + "' mean the same (" + info.names.back() + ")");
                m_col[info.field] = static_cast<int>(i);
            }
            if (!known && !key.empty())
                m_report.warnings.push_back({1, m_table.header[i], "unknown column, ignored (expected e.g. 编码, "
                                                                   "名称, 单位, 进价, 售价, 条码, 库位)"});
        }
        if (m_col[kSku] < 0) {
            std::string found;
            for (const auto& h : m_table.header) found += (found.empty() ? "" : ", ") + h;
            return invalid(m_source + ": line 1: required column 编码 (SKU) is missing; the header has: " + found);
        }
        return {};
    }

    // What the store has: parts by SKU, codes with the parts carrying them, bins by code. Read
    // once, so a file of 10,000 rows costs a lookup per row, not a query.
    Status loadExisting() {
        FC_ASSIGN(std::vector<Part> all, m_parts.search("", 2'000'000'000));
        for (Part& p : all) m_existing.emplace(p.sku, std::move(p));
        FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT c.code, c.part_id, p.sku FROM part_codes c JOIN parts p ON "
                                                "p.id = c.part_id WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL"));
        FC_TRY(s->each([&](Stmt& r) { m_codeOwners[r.getText(0)].push_back({r.getText(1), r.getText(2)}); }));
        FC_ASSIGN(std::vector<Bin> bins, m_parts.bins());
        for (const Bin& b : bins) m_bins.emplace(b.code, b.id);
        return {};
    }

    std::string cell(const CsvRecord& r, Field f) const {
        const int c = m_col[f];
        if (c < 0 || static_cast<size_t>(c) >= r.fields.size()) return {};
        return r.fields[static_cast<size_t>(c)];
    }
    bool given(const CsvRecord& r, Field f) const { return !trim(cell(r, f)).empty(); }
    std::string header(Field f) const {
        return f < kFieldCount && m_col[f] >= 0 ? m_table.header[static_cast<size_t>(m_col[f])] : "";
    }
    void fail(const CsvRecord& r, Field f, std::string reason) {
        m_report.errors.push_back({r.line, header(f), std::move(reason)});
    }

    Status planRow(const CsvRecord& r) {
        bool blank = true;
        for (const auto& f : r.fields) blank &= trim(f).empty();
        if (blank) return {};  // Excel saves empty rows as ",,,,"
        ++m_report.rows;
        const size_t before = m_report.errors.size();
        if (r.fields.size() != m_table.header.size())
            fail(r, kFieldCount, "row has " + std::to_string(r.fields.size()) + " fields, the header has " +
                                     std::to_string(m_table.header.size()));
        PlannedRow row;
        row.line = r.line;
        const std::string sku = toUpperAscii(cleanText(cell(r, kSku)));
        const Part* existing = nullptr;
        if (sku.empty()) {
            fail(r, kSku, "SKU is empty: every row needs the part's SKU");
        } else {
            auto [it, fresh] = m_skuLine.emplace(sku, r.line);
            if (!fresh) fail(r, kSku, "SKU " + sku + " is also on line " + std::to_string(it->second));
            if (auto e = m_existing.find(sku); e != m_existing.end()) existing = &e->second;
        }
        PartInput in = existing ? static_cast<const PartInput&>(*existing) : PartInput{};
        if (existing) row.partId = existing->id;
        in.sku = sku;
        planValues(r, in, existing != nullptr);
        planCodes(r, row, sku);
        FC_TRY(planBins(r, row));
        FC_TRY(planFitment(r, row));
        if (m_report.errors.size() == before) {
            // What the service will check again, so an import cannot pass here and fail later.
            auto v = PartService::validate(in);
            if (!v) {
                const std::string field = PartService::fieldOf(v.error());
                Field f = kFieldCount;
                for (const auto& info : fieldInfos())
                    if (!field.empty() && field == info.key) f = info.field;
                std::string why = v.error().message;
                if (!field.empty() && why.rfind(field + ": ", 0) == 0) why.erase(0, field.size() + 2);
                fail(r, f, why);
            } else {
                row.input = std::move(*v);
                row.changed = existing && !samePart(row.input, *existing);
            }
        }
        if (m_report.errors.size() == before) {
            if (!existing) ++m_report.created;
            else if (row.changed || !row.codes.empty() || !row.binCodes.empty() || !row.fitments.empty())
                ++m_report.updated;
            else ++m_report.unchanged;
            m_report.codes += row.codes.size();
            m_report.placements += row.binCodes.size();
            m_report.fitments += row.fitments.size();
        }
        m_plan.push_back(std::move(row));
        return {};
    }

    // The part's own values; for an existing part an empty cell keeps what it has.
    void planValues(const CsvRecord& r, PartInput& in, bool existing) {
        if (given(r, kNameZh)) in.nameZh = cell(r, kNameZh);
        else if (!existing) fail(r, kNameZh, "a new part needs its name (名称)");
        if (given(r, kNameEn)) in.nameEn = cell(r, kNameEn);
        if (given(r, kBrand)) in.brand = cell(r, kBrand);
        if (given(r, kSupplier)) in.supplier = cell(r, kSupplier);
        if (given(r, kCategory)) {
            const std::string key = partCategoryFromText(cell(r, kCategory));
            if (key.empty())
                fail(r, kCategory, "unknown category '" + cleanText(cell(r, kCategory)) +
                                       "' (滤清器, 刹车, 机油, 轮胎, 蓄电池, 雨刮, 灯泡, 冷却液, 空调, 点火, 皮带, "
                                       "悬挂, 油液, 车身, 附件, 其他)");
            else in.category = key;
        }
        bool unitOk = true;
        if (given(r, kUnit)) {
            const std::string key = partUnitFromText(cell(r, kUnit));
            if (key.empty()) {
                unitOk = false;
                fail(r, kUnit, "unknown unit '" + cleanText(cell(r, kUnit)) + "' (个 升 套 米 or piece litre set metre)");
            } else {
                in.unit = key;
            }
        }
        if (given(r, kOe)) {
            std::string oe;
            for (const std::string& n : listOf(cell(r, kOe))) oe += (oe.empty() ? "" : ",") + n;
            in.oeNumbers = oe;
        }
        auto number = [&](Field f, int64_t& out, const Parsed& p) {
            if (!p.why.empty()) fail(r, f, p.why);
            else out = p.value;
        };
        if (given(r, kCost)) number(kCost, in.costFen, parseYuan(cell(r, kCost)));
        if (given(r, kPrice)) number(kPrice, in.priceFen, parseYuan(cell(r, kPrice)));
        if (given(r, kTax)) {
            const Parsed p = parseTaxRate(cell(r, kTax));
            if (!p.why.empty()) fail(r, kTax, p.why);
            else in.taxRateBp = static_cast<int>(p.value);
        }
        if (unitOk) {
            if (given(r, kSafety)) number(kSafety, in.safetyMilli, parseQuantity(cell(r, kSafety), in.unit));
            if (given(r, kReorder)) number(kReorder, in.reorderMilli, parseQuantity(cell(r, kReorder), in.unit));
        }
        if (given(r, kTracking)) {
            if (auto t = parseTracking(cell(r, kTracking))) in.tracking = *t;
            else fail(r, kTracking, "unknown tracking '" + cleanText(cell(r, kTracking)) + "' (无, 序列号, 批次 or none, serial, batch)");
        }
    }

    void planCodes(const CsvRecord& r, PlannedRow& row, const std::string& sku) {
        for (const std::string& raw : listOf(cell(r, kBarcodes))) {
            const CodeEntry e = parseCode(raw);
            if (!e.why.empty()) {
                fail(r, kBarcodes, e.why);
                continue;
            }
            if (std::any_of(row.codes.begin(), row.codes.end(), [&](const PartCodeInput& c) { return c.code == e.code; }))
                continue;  // the same code twice in one cell
            auto [it, fresh] = m_codeLine.emplace(e.code, r.line);
            if (!fresh && it->second != r.line) {
                fail(r, kBarcodes, "code " + e.code + " is also on line " + std::to_string(it->second));
                continue;
            }
            bool alreadyThis = false;
            if (auto o = m_codeOwners.find(e.code); o != m_codeOwners.end()) {
                bool other = false;
                for (const CodeOwner& owner : o->second) {
                    if (!row.partId.empty() && owner.partId == row.partId) alreadyThis = true;
                    else if (!other) {
                        other = true;
                        fail(r, kBarcodes, "code " + e.code + " is already on part " + owner.sku +
                                               (owner.sku == sku ? " (a part of this SKU)" : ""));
                    }
                }
            }
            if (!alreadyThis) row.codes.push_back({e.code, e.kind});
        }
    }

    Status planBins(const CsvRecord& r, PlannedRow& row) {
        const std::vector<std::string> wanted = listOf(cell(r, kBins));
        if (wanted.empty()) return {};
        std::vector<Bin> current;
        if (!row.partId.empty()) {
            FC_ASSIGN(current, m_parts.binsOf(row.partId));
        }
        for (const std::string& raw : wanted) {
            const std::string code = toUpperAscii(cleanText(raw));
            if (std::find(row.binCodes.begin(), row.binCodes.end(), code) != row.binCodes.end()) continue;
            if (std::any_of(current.begin(), current.end(), [&](const Bin& b) { return b.code == code; })) continue;
            if (m_bins.find(code) == m_bins.end() && m_newBins.find(code) == m_newBins.end()) {
                if (!m_options.createMissingBins) {
                    fail(r, kBins, "no bin " + code + " in this store: create it first, or let the import create "
                                                      "missing bins (--create-bins)");
                    continue;
                }
                auto v = PartService::validateBin({.code = code, .zone = zoneOf(code)});
                if (!v) {
                    fail(r, kBins, "bin '" + cleanText(raw) + "': " + withoutField(v.error().message));
                    continue;
                }
                m_newBins.emplace(code, m_newBinOrder.size());
                m_newBinOrder.push_back(code);
            }
            row.binCodes.push_back(code);
        }
        return {};
    }

    static std::string zoneOf(const std::string& binCode) {
        const size_t dash = binCode.find('-');
        const std::string zone = dash == std::string::npos ? "" : binCode.substr(0, dash);
        return zone.size() <= 10 ? zone : "";
    }

    Status planFitment(const CsvRecord& r, PlannedRow& row) {
        const std::vector<std::string> entries = listOf(cell(r, kFitment));
        if (entries.empty()) return {};
        std::vector<Fitment> current;
        if (!row.partId.empty()) {
            FC_ASSIGN(current, m_parts.fitmentOf(row.partId));
        }
        for (const std::string& raw : entries) {
            const FitmentEntry e = parseFitment(raw);
            if (!e.why.empty()) {
                fail(r, kFitment, e.why);
                continue;
            }
            auto same = [&](const Fitment& f) { return sameFitment(f, e.fitment); };
            if (std::any_of(current.begin(), current.end(), same) ||
                std::any_of(row.fitments.begin(), row.fitments.end(), same))
                continue;
            row.fitments.push_back(e.fitment);
        }
        return {};
    }

    // [SECTION] import pass: one transaction; derived indexes told once at the end. False (and
    // nothing written) when a write is refused after every row passed: a device role that may not
    // change prices, a part another program added meanwhile — reported like a bad row.
    Result<bool> importPlan() {
        Tx tx(m_store.db());
        FC_TRY(tx.begin());
        DeferredScope bulk(m_store.writer());
        const Session& by = *m_by;
        auto refused = [&](size_t line, Field f, const Error& e) {
            m_report.errors.push_back({line, header(f), e.message});
            return false;
        };
        for (const std::string& code : m_newBinOrder) {
            auto id = m_parts.createBin(by, {.code = code, .zone = zoneOf(code)});
            if (!id) return refused(0, kBins, id.error());
            m_bins[code] = *id;
        }
        for (const PlannedRow& row : m_plan) {
            std::vector<std::string> binIds;
            for (const std::string& code : row.binCodes) binIds.push_back(m_bins.at(code));
            std::string id = row.partId;
            if (id.empty()) {
                auto created = m_parts.create(by, row.input, row.codes, binIds);
                if (!created) return refused(row.line, kFieldCount, created.error());
                id = *created;
            } else {
                if (row.changed)
                    if (auto u = m_parts.update(by, id, row.input); !u) return refused(row.line, kFieldCount, u.error());
                for (const PartCodeInput& c : row.codes)
                    if (auto a = m_parts.addCode(by, id, c); !a) return refused(row.line, kBarcodes, a.error());
                for (const std::string& bin : binIds)
                    if (auto p = m_parts.placeInBin(by, id, bin); !p) return refused(row.line, kBins, p.error());
            }
            for (const Fitment& f : row.fitments)
                if (auto a = m_parts.addFitment(by, id, f); !a) return refused(row.line, kFitment, a.error());
        }
        FC_TRY(bulk.finish());
        FC_TRY(tx.commit());
        return true;
    }

    Store& m_store;
    PartService& m_parts;
    const Session* m_by;
    std::string m_source;
    const PartImportOptions& m_options;
    PartImportReport m_report;
    CsvTable m_table;
    std::array<int, kFieldCount> m_col{};
    std::vector<PlannedRow> m_plan;
    std::unordered_map<std::string, Part> m_existing;                     // by SKU
    std::unordered_map<std::string, std::vector<CodeOwner>> m_codeOwners;  // by code
    std::unordered_map<std::string, std::string> m_bins;                  // bin id by code
    std::unordered_map<std::string, size_t> m_newBins;                    // bins to make
    std::vector<std::string> m_newBinOrder;
    std::unordered_map<std::string, size_t> m_skuLine;
    std::unordered_map<std::string, size_t> m_codeLine;
};

}  // namespace

// [SECTION] public entry points

std::string partCategoryFromText(std::string_view text) {
    static const std::vector<std::pair<const char*, const char*>> kNames = {
        {"滤清器", "filter"}, {"滤芯", "filter"}, {"三滤", "filter"}, {"刹车", "brake"}, {"制动", "brake"},
        {"刹车系统", "brake"}, {"制动系统", "brake"}, {"机油", "oil"}, {"润滑油", "oil"}, {"油品", "oil"},
        {"轮胎", "tyre"}, {"tire", "tyre"}, {"蓄电池", "battery"}, {"电瓶", "battery"}, {"电池", "battery"},
        {"雨刮", "wiper"}, {"雨刷", "wiper"}, {"雨刮器", "wiper"}, {"灯泡", "bulb"}, {"车灯", "bulb"},
        {"冷却液", "coolant"}, {"防冻液", "coolant"}, {"空调", "ac"}, {"a/c", "ac"}, {"点火", "ignition"},
        {"火花塞", "ignition"}, {"皮带", "belt"}, {"悬挂", "suspension"}, {"悬架", "suspension"},
        {"减震", "suspension"}, {"油液", "fluid"}, {"车身", "body"}, {"钣金", "body"}, {"附件", "accessory"},
        {"精品", "accessory"}, {"配饰", "accessory"}, {"其他", "other"}, {"其它", "other"}};
    const std::string v = toLowerAscii(cleanText(text));
    if (std::find(partCategories().begin(), partCategories().end(), v) != partCategories().end()) return v;
    for (const auto& [from, to] : kNames)
        if (v == from) return to;
    return "";
}

std::string partUnitFromText(std::string_view text) {
    static const std::vector<std::pair<const char*, const char*>> kNames = {
        {"个", "piece"}, {"件", "piece"}, {"只", "piece"}, {"pcs", "piece"}, {"pc", "piece"}, {"ea", "piece"},
        {"升", "litre"}, {"l", "litre"}, {"liter", "litre"}, {"公升", "litre"}, {"套", "set"},
        {"米", "metre"}, {"m", "metre"}, {"meter", "metre"}};
    const std::string v = toLowerAscii(cleanText(text));
    if (std::find(partUnits().begin(), partUnits().end(), v) != partUnits().end()) return v;
    for (const auto& [from, to] : kNames)
        if (v == from) return to;
    return "";
}

std::string formatPartIssue(const std::string& file, const ImportIssue& issue) {
    std::string out = file;
    if (issue.line) out += ":" + std::to_string(issue.line);
    if (!issue.column.empty()) out += ": " + issue.column;
    return out + ": " + issue.reason;
}

Result<std::string> PartImport::readBounded(const std::string& path) {
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxFileBytes)
        return invalid(path + ": " + std::to_string(size >> 20) + " MiB is more than one import takes (" +
                       std::to_string(kMaxFileBytes >> 20) + " MiB); split the list into smaller files");
    return readFileBytes(path);
}

Result<PartImportReport> PartImport::run(const Session* by, std::string_view bytes, const std::string& sourceName,
                                         const PartImportOptions& options) {
    return PartImportRun(m_store, m_parts, by, sourceName, options).run(bytes);
}

Result<PartImportReport> PartImport::importCsv(const Session& by, const std::string& path,
                                               const PartImportOptions& options) {
    FC_ASSIGN(std::string bytes, readBounded(path));
    return run(&by, bytes, path, options);
}

Result<PartImportReport> PartImport::importCsvBytes(const Session& by, std::string_view bytes,
                                                    const std::string& sourceName, const PartImportOptions& options) {
    return run(&by, bytes, sourceName, options);
}

Result<PartImportReport> PartImport::checkCsv(const std::string& path, const PartImportOptions& options) {
    FC_ASSIGN(std::string bytes, readBounded(path));
    return checkCsvBytes(bytes, path, options);
}

Result<PartImportReport> PartImport::checkCsvBytes(std::string_view bytes, const std::string& sourceName,
                                                   const PartImportOptions& options) {
    PartImportOptions dry = options;
    dry.dryRun = true;
    return run(nullptr, bytes, sourceName, dry);
}

}  // namespace fc::core
