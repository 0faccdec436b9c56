#include "shared/stock/part_service.hpp"

#include <algorithm>

#include "shared/capture/row.hpp"
#include "shared/capture/store.hpp"
#include "shared/core/barcode.hpp"
#include "shared/core/invoice_math.hpp"
#include "shared/core/text.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/staff/session_types.hpp"
#include "shared/stock/tables.hpp"

namespace fc::core {

namespace {

constexpr const char* kPartColumns =
    "id, sku, name_zh, name_en, brand, category, unit, oe_numbers, cost_fen, price_fen, tax_rate_bp, safety_milli, "
    "reorder_milli, supplier, tracking, active";
constexpr int64_t kMaxMoneyFen = 10'000'000'000;     // ¥100,000,000.00
constexpr int64_t kMaxStockMilli = 1'000'000'000;  // a million units

Result<std::string> cleanName(const std::string& raw, const char* field, size_t maxChars, bool required,
                              const char* example) {
    std::string v = cleanText(raw);
    if (hasHiddenCharacters(v)) return invalid(std::string(field) + ": has characters that cannot be shown");
    if (required && v.empty()) return invalid(std::string(field) + ": required (" + example + ")");
    if (utf8Length(v) > maxChars) return invalid(std::string(field) + ": at most " + std::to_string(maxChars) + " characters");
    return v;
}

Status requireInventory(const Session& by) { return requireCapability(by, Capability::kManageInventory); }

Bin binFromRow(Stmt& r) {
    Bin b;
    b.id = r.getText(0);
    b.code = r.getText(1);
    b.zone = r.getText(2);
    b.name = r.getText(3);
    b.active = r.getInt(4) != 0;
    return b;
}

}  // namespace

const std::vector<std::string>& partUnits() {
    static const std::vector<std::string> k = {"piece", "litre", "set", "metre"};
    return k;
}

const std::vector<std::string>& partCategories() {
    static const std::vector<std::string> k = {"filter", "brake", "oil",     "tyre",       "battery", "wiper",
                                               "bulb",   "coolant", "ac",    "ignition",   "belt",    "suspension",
                                               "fluid",  "body",   "accessory", "other"};
    return k;
}

const std::vector<std::string>& movementKinds() {
    static const std::vector<std::string> k = {"receipt", "issue", "return", "transfer", "adjust", "count", "undo"};
    return k;
}

Part partFromRow(Stmt& r) {
    Part p;
    p.id = r.getText(0);
    p.sku = r.getText(1);
    p.nameZh = r.getText(2);
    p.nameEn = r.getText(3);
    p.brand = r.getText(4);
    p.category = r.getText(5);
    p.unit = r.getText(6);
    p.oeNumbers = r.getText(7);
    p.costFen = r.getInt(8);
    p.priceFen = r.getInt(9);
    p.taxRateBp = static_cast<int>(r.getInt(10));
    p.safetyMilli = r.getInt(11);
    p.reorderMilli = r.getInt(12);
    p.supplier = r.getText(13);
    p.tracking = r.getText(14);
    p.active = r.getInt(15) != 0;
    return p;
}

// [SECTION] validation

Result<PartInput> PartService::validate(const PartInput& in) {
    PartInput v = in;
    v.sku = toUpperAscii(cleanText(in.sku));
    if (v.sku.empty()) return invalid("sku: required (FLT-OIL-0042)");
    if (v.sku.size() > 40 || hasHiddenCharacters(v.sku) || v.sku.find(' ') != std::string::npos)
        return invalid("sku: at most 40 characters, no spaces");
    FC_ASSIGN(v.nameZh, cleanName(in.nameZh, "name_zh", 80, true, "机油滤清器"));
    FC_ASSIGN(v.nameEn, cleanName(in.nameEn, "name_en", 120, false, ""));
    FC_ASSIGN(v.brand, cleanName(in.brand, "brand", 40, false, ""));
    FC_ASSIGN(v.supplier, cleanName(in.supplier, "supplier", 80, false, ""));
    std::string oe;
    for (const std::string& n : splitList(in.oeNumbers)) {
        const std::string one = toUpperAscii(cleanText(n));
        if (one.size() > 40 || hasHiddenCharacters(one)) return invalid("oe_numbers: each at most 40 characters");
        oe += (oe.empty() ? "" : ",") + one;
    }
    if (oe.size() > 400) return invalid("oe_numbers: at most 400 characters in all");
    v.oeNumbers = oe;
    v.category = toLowerAscii(trim(in.category));
    if (std::find(partCategories().begin(), partCategories().end(), v.category) == partCategories().end())
        return invalid("category: not a part category");
    v.unit = toLowerAscii(trim(in.unit));
    if (std::find(partUnits().begin(), partUnits().end(), v.unit) == partUnits().end())
        return invalid("unit: one of piece, litre, set, metre (个 升 套 米)");
    if (in.costFen < 0 || in.costFen > kMaxMoneyFen) return invalid("cost: 0 to ¥100,000,000.00");
    if (in.priceFen < 0 || in.priceFen > kMaxMoneyFen) return invalid("price: 0 to ¥100,000,000.00");
    if (!isAllowedTaxRate(in.taxRateBp)) return invalid("tax_rate: one of 0, 3, 6, 9 or 13 %");
    if (in.safetyMilli < 0 || in.safetyMilli > kMaxStockMilli) return invalid("safety: 0 to 1,000,000");
    if (in.reorderMilli < 0 || in.reorderMilli > kMaxStockMilli) return invalid("reorder: 0 to 1,000,000");
    v.tracking = toLowerAscii(trim(in.tracking));
    if (v.tracking != "none" && v.tracking != "serial" && v.tracking != "batch")
        return invalid("tracking: none, serial or batch");
    return v;
}

Result<BinInput> PartService::validateBin(const BinInput& in) {
    BinInput v;
    v.code = toUpperAscii(cleanText(in.code));
    if (v.code.empty()) return invalid("code: required (A-01-03)");
    if (v.code.size() > 20) return invalid("code: at most 20 characters (A-01-03)");
    for (char c : v.code)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return invalid("code: letters, digits, '-', '_' and '.' only (A-01-03)");
    v.zone = toUpperAscii(cleanText(in.zone));
    if (v.zone.size() > 10 || hasHiddenCharacters(v.zone)) return invalid("zone: at most 10 characters");
    FC_ASSIGN(v.name, cleanName(in.name, "name", 40, false, ""));
    return v;
}

std::string PartService::fieldOf(const Error& error) {
    static const char* const kFields[] = {"sku",   "name_zh",  "name_en", "brand",   "category", "unit",
                                          "oe_numbers", "cost", "price", "tax_rate", "safety",   "reorder",
                                          "supplier", "tracking", "code",  "zone",    "name",     "kind"};
    for (const char* f : kFields)
        if (error.message.rfind(std::string(f) + ":", 0) == 0) return f;
    return "";
}

Status PartService::checkSkuFree(const std::string& sku, const std::string& exceptId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT name_zh FROM parts WHERE sku = ? AND id <> ? AND deleted_at IS NULL LIMIT 1"));
    s->bind(1, sku);
    s->bind(2, exceptId);
    FC_ASSIGN(bool row, s->step());
    const std::string other = row ? s->getText(0) : "";
    s->reset();
    if (row) return conflict("sku: " + sku + " is already " + other);
    return {};
}

// [SECTION] parts

Result<std::string> PartService::create(const Session& by, const PartInput& input, const std::vector<PartCodeInput>& codes,
                                        const std::vector<std::string>& binIds) {
    FC_TRY(requireInventory(by));
    FC_ASSIGN(PartInput v, validate(input));
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_TRY(checkSkuFree(v.sku, ""));
        const std::string id = m_store.ids().next();
        FC_ASSIGN(Row row, RowBuilder(tables::kParts)
                               .set("store_id", m_store.storeId())
                               .set("sku", v.sku)
                               .set("name_zh", v.nameZh)
                               .set("name_en", v.nameEn)
                               .set("brand", v.brand)
                               .set("category", v.category)
                               .set("unit", v.unit)
                               .set("oe_numbers", v.oeNumbers)
                               .set("cost_fen", v.costFen)
                               .set("price_fen", v.priceFen)
                               .set("tax_rate_bp", v.taxRateBp)
                               .set("safety_milli", v.safetyMilli)
                               .set("reorder_milli", v.reorderMilli)
                               .set("supplier", v.supplier)
                               .set("tracking", v.tracking)
                               .set("active", true)
                               .build());
        FC_TRY(m_store.writer().insert(tables::kParts, id, row));
        for (const PartCodeInput& c : codes) FC_TRY(insertCode(id, c));
        for (const std::string& b : binIds) FC_TRY(insertPartBin(id, b));
        return id;
    });
}

Result<bool> PartService::update(const Session& by, const std::string& id, const PartInput& input) {
    FC_TRY(requireInventory(by));
    FC_ASSIGN(PartInput v, validate(input));
    return inTx(m_store.db(), [&]() -> Result<bool> {
        FC_ASSIGN(Part current, get(id));
        if (v.sku != current.sku) FC_TRY(checkSkuFree(v.sku, id));
        const TableDef& t = tables::kParts;
        std::vector<ColumnChange> changes;
        auto text = [&](const char* col, const std::string& now, const std::string& was) {
            if (now != was) changes.push_back({t.columnIndex(col), SqlValue::text(now)});
        };
        auto num = [&](const char* col, int64_t now, int64_t was) {
            if (now != was) changes.push_back({t.columnIndex(col), SqlValue::integer(now)});
        };
        text("sku", v.sku, current.sku);
        text("name_zh", v.nameZh, current.nameZh);
        text("name_en", v.nameEn, current.nameEn);
        text("brand", v.brand, current.brand);
        text("category", v.category, current.category);
        text("unit", v.unit, current.unit);
        text("oe_numbers", v.oeNumbers, current.oeNumbers);
        num("cost_fen", v.costFen, current.costFen);
        num("price_fen", v.priceFen, current.priceFen);
        num("tax_rate_bp", v.taxRateBp, current.taxRateBp);
        num("safety_milli", v.safetyMilli, current.safetyMilli);
        num("reorder_milli", v.reorderMilli, current.reorderMilli);
        text("supplier", v.supplier, current.supplier);
        text("tracking", v.tracking, current.tracking);
        if (changes.empty()) return false;
        return m_store.writer().update(t, id, changes);
    });
}

Status PartService::setActive(const Session& by, const std::string& id, bool active) {
    FC_TRY(requireInventory(by));
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(Part current, get(id));
        if (current.active == active) return {};
        const TableDef& t = tables::kParts;
        auto r = m_store.writer().update(t, id, {{t.columnIndex("active"), SqlValue::integer(active ? 1 : 0)}});
        if (!r) return r.error();
        return {};
    });
}

Result<Part> PartService::get(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kPartColumns +
                                            " FROM parts WHERE id = ? AND deleted_at IS NULL"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) {
        s->reset();
        return notFound("part: no part " + id);
    }
    Part p = partFromRow(*s);
    s->reset();
    return p;
}

Result<std::vector<Part>> PartService::search(const std::string& text, size_t limit) {
    const std::string t = cleanText(text);
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kPartColumns +
                                            " FROM parts WHERE deleted_at IS NULL AND (?1 = '' OR instr(upper(sku), "
                                            "upper(?1)) > 0 OR instr(name_zh, ?1) > 0 OR instr(upper(name_en), "
                                            "upper(?1)) > 0 OR instr(brand, ?1) > 0 OR instr(oe_numbers, upper(?1)) > 0) "
                                            "ORDER BY sku LIMIT ?2"));
    s->bind(1, t);
    s->bind(2, static_cast<int64_t>(limit));
    std::vector<Part> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(partFromRow(r)); }));
    return out;
}

// [SECTION] codes

Result<std::string> PartService::insertCode(const std::string& partId, const PartCodeInput& in) {
    const std::string code = normalizeUntypedCode(in.code);
    if (code.empty() || code.size() > 64) return invalid("code: 1 to 64 characters");
    for (char c : code)
        if (c <= ' ' || c >= 127) return invalid("code: letters, digits and marks only, no spaces");
    const std::string kind = toLowerAscii(trim(in.kind));
    if (kind != "gtin" && kind != "label" && kind != "supplier") return invalid("kind: gtin, label or supplier");
    FC_ASSIGN(Stmt * dup, m_store.db().cached(
                              "SELECT 1 FROM part_codes WHERE part_id = ? AND code = ? AND deleted_at IS NULL LIMIT 1"));
    dup->bind(1, partId);
    dup->bind(2, code);
    FC_ASSIGN(bool exists, dup->step());
    dup->reset();
    if (exists) return conflict("code: " + code + " is already this part's");
    const std::string id = m_store.ids().next();
    FC_ASSIGN(Row row, RowBuilder(tables::kPartCodes)
                           .set("store_id", m_store.storeId())
                           .set("part_id", partId)
                           .set("code", code)
                           .set("kind", kind)
                           .build());
    FC_TRY(m_store.writer().insert(tables::kPartCodes, id, row));
    return id;
}

Result<std::string> PartService::addCode(const Session& by, const std::string& partId, const PartCodeInput& code) {
    FC_TRY(requireInventory(by));
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_TRY(get(partId));
        return insertCode(partId, code);
    });
}

Status PartService::removeCode(const Session& by, const std::string& codeId) {
    FC_TRY(requireInventory(by));
    return inTx(m_store.db(), [&]() -> Status { return m_store.writer().tombstone(tables::kPartCodes, codeId); });
}

Result<std::vector<PartCode>> PartService::codesOf(const std::string& partId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT id, part_id, code, kind FROM part_codes WHERE part_id = ? AND "
                                            "deleted_at IS NULL ORDER BY kind, code"));
    s->bind(1, partId);
    std::vector<PartCode> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back({r.getText(0), r.getText(1), r.getText(2), r.getText(3)}); }));
    return out;
}

Result<std::vector<PartMatch>> PartService::findByCode(const std::string& scanned) {
    const std::string code = normalizeUntypedCode(scanned);
    std::vector<PartMatch> out;
    if (code.empty()) return out;
    auto add = [&](PartMatch m) {
        for (const PartMatch& o : out)
            if (o.partId == m.partId) return;
        out.push_back(std::move(m));
    };
    FC_ASSIGN(Stmt * c, m_store.db().cached("SELECT p.id, p.sku, p.name_zh, c.kind FROM part_codes c JOIN parts p ON "
                                            "p.id = c.part_id WHERE c.code = ? AND c.deleted_at IS NULL AND "
                                            "p.deleted_at IS NULL ORDER BY p.sku"));
    c->bind(1, code);
    FC_TRY(c->each([&](Stmt& r) { add({r.getText(0), r.getText(1), r.getText(2), r.getText(3)}); }));
    const std::string upper = toUpperAscii(code);
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT id, sku, name_zh FROM parts WHERE sku = ? AND deleted_at IS NULL"));
    s->bind(1, upper);
    FC_TRY(s->each([&](Stmt& r) { add({r.getText(0), r.getText(1), r.getText(2), "sku"}); }));
    if (out.empty()) {
        // An OE number typed or scanned: whole entries of the comma-separated list only.
        FC_ASSIGN(Stmt * o, m_store.db().cached("SELECT id, sku, name_zh FROM parts WHERE deleted_at IS NULL AND "
                                                "instr(',' || oe_numbers || ',', ',' || ? || ',') > 0 ORDER BY sku LIMIT 20"));
        o->bind(1, upper);
        FC_TRY(o->each([&](Stmt& r) { add({r.getText(0), r.getText(1), r.getText(2), "oe"}); }));
    }
    return out;
}

// [SECTION] bins

Result<std::string> PartService::createBin(const Session& by, const BinInput& input) {
    FC_TRY(requireInventory(by));
    FC_ASSIGN(BinInput v, validateBin(input));
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_ASSIGN(auto existing, binByCode(v.code));
        if (existing) return conflict("code: bin " + v.code + " already exists");
        FC_ASSIGN(auto last, m_store.db().queryInt("SELECT coalesce(max(sort), 0) FROM bins"));
        const std::string id = m_store.ids().next();
        FC_ASSIGN(Row row, RowBuilder(tables::kBins)
                               .set("store_id", m_store.storeId())
                               .set("code", v.code)
                               .set("zone", v.zone)
                               .set("name", v.name)
                               .set("active", true)
                               .set("sort", std::min<int64_t>(last.value_or(0) + 10, 99'999))
                               .build());
        FC_TRY(m_store.writer().insert(tables::kBins, id, row));
        return id;
    });
}

Result<std::vector<Bin>> PartService::bins() {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT id, code, zone, name, active FROM bins WHERE deleted_at IS NULL "
                                            "ORDER BY sort, code"));
    std::vector<Bin> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(binFromRow(r)); }));
    return out;
}

Result<std::optional<Bin>> PartService::binByCode(const std::string& code) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT id, code, zone, name, active FROM bins WHERE code = ? AND "
                                            "deleted_at IS NULL ORDER BY id LIMIT 1"));
    s->bind(1, toUpperAscii(trim(code)));
    FC_ASSIGN(bool row, s->step());
    std::optional<Bin> out;
    if (row) out = binFromRow(*s);
    s->reset();
    return out;
}

Result<Bin> PartService::bin(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT id, code, zone, name, active FROM bins WHERE id = ? AND deleted_at IS NULL"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) {
        s->reset();
        return notFound("bin: no bin " + id);
    }
    Bin b = binFromRow(*s);
    s->reset();
    return b;
}

Status PartService::insertPartBin(const std::string& partId, const std::string& binId) {
    FC_TRY(bin(binId));
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT count(*), coalesce(max(bin_id = ?2), 0) FROM part_bins WHERE part_id = ?1 "
                                            "AND deleted_at IS NULL"));
    s->bind(1, partId);
    s->bind(2, binId);
    FC_ASSIGN(bool row, s->step());
    const int64_t count = row ? s->getInt(0) : 0;
    const bool already = row && s->getInt(1) != 0;
    s->reset();
    if (already) return {};
    FC_ASSIGN(Row r, RowBuilder(tables::kPartBins)
                         .set("store_id", m_store.storeId())
                         .set("part_id", partId)
                         .set("bin_id", binId)
                         .set("sort", std::min<int64_t>(count, 999))
                         .build());
    return m_store.writer().insert(tables::kPartBins, m_store.ids().next(), r);
}

Status PartService::placeInBin(const Session& by, const std::string& partId, const std::string& binId) {
    FC_TRY(requireInventory(by));
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(get(partId));
        return insertPartBin(partId, binId);
    });
}

Result<std::vector<Bin>> PartService::binsOf(const std::string& partId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT b.id, b.code, b.zone, b.name, b.active FROM part_bins pb JOIN bins b ON "
                                            "b.id = pb.bin_id WHERE pb.part_id = ? AND pb.deleted_at IS NULL AND "
                                            "b.deleted_at IS NULL ORDER BY pb.sort, b.code"));
    s->bind(1, partId);
    std::vector<Bin> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(binFromRow(r)); }));
    return out;
}

Result<std::vector<Part>> PartService::partsIn(const std::string& binId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kPartColumns +
                                            " FROM parts WHERE deleted_at IS NULL AND id IN (SELECT part_id FROM "
                                            "part_bins WHERE bin_id = ?1 AND deleted_at IS NULL UNION SELECT part_id "
                                            "FROM local_stock WHERE bin_id = ?1 AND qty_milli <> 0) ORDER BY sku"));
    s->bind(1, binId);
    std::vector<Part> out;
    FC_TRY(s->each([&](Stmt& r) { out.push_back(partFromRow(r)); }));
    return out;
}

// [SECTION] fitment

Status PartService::addFitment(const Session& by, const std::string& partId, const Fitment& f) {
    FC_TRY(requireInventory(by));
    FC_ASSIGN(std::string make, cleanName(f.make, "make", 20, true, "大众"));
    FC_ASSIGN(std::string model, cleanName(f.model, "model", 40, false, ""));
    for (int y : {f.yearFrom, f.yearTo})
        if (y != 0 && (y < 1950 || y > 2100)) return invalid("years: 1950 to 2100 (0: open)");
    if (f.yearFrom && f.yearTo && f.yearFrom > f.yearTo) return invalid("years: the first year is after the last");
    return inTx(m_store.db(), [&]() -> Status {
        FC_TRY(get(partId));
        FC_ASSIGN(Row row, RowBuilder(tables::kPartFitments)
                               .set("store_id", m_store.storeId())
                               .set("part_id", partId)
                               .set("make", make)
                               .set("model", model)
                               .set("year_from", f.yearFrom)
                               .set("year_to", f.yearTo)
                               .build());
        return m_store.writer().insert(tables::kPartFitments, m_store.ids().next(), row);
    });
}

Result<std::vector<Fitment>> PartService::fitmentOf(const std::string& partId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT make, model, year_from, year_to FROM part_fitments WHERE part_id = ? "
                                            "AND deleted_at IS NULL ORDER BY make, model, year_from"));
    s->bind(1, partId);
    std::vector<Fitment> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back({r.getText(0), r.getText(1), static_cast<int>(r.getInt(2)), static_cast<int>(r.getInt(3))});
    }));
    return out;
}

}  // namespace fc::core
