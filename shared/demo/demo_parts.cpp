#include "shared/demo/demo_parts.hpp"

#include <algorithm>
#include <map>

#include "shared/core/barcode.hpp"
#include "shared/demo/demo_data.hpp"
#include "shared/services.hpp"
#include "shared/stock/stock_service.hpp"

namespace fc::core {

namespace {

struct Brand {
    const char* zh;
    const char* code;  // in the SKU
};

constexpr Brand kFilterBrands[] = {{"曼牌", "MANN"}, {"马勒", "MAHLE"}, {"博世", "BOSCH"}, {"汉格斯特", "HENG"}};
constexpr Brand kBrakeBrands[] = {{"博世", "BOSCH"}, {"布雷博", "BREM"}, {"天合", "TRW"}, {"菲罗多", "FERO"}};
constexpr Brand kPlugBrands[] = {{"NGK", "NGK"}, {"电装", "DENSO"}, {"博世", "BOSCH"}};
constexpr Brand kWiperBrands[] = {{"博世", "BOSCH"}, {"法雷奥", "VALEO"}, {"3M", "3M"}};
constexpr Brand kOilBrands[] = {{"美孚", "MOBIL"}, {"壳牌", "SHELL"}, {"嘉实多", "CASTROL"}, {"长城", "GW"}};
constexpr Brand kTyreBrands[] = {{"米其林", "MICH"}, {"普利司通", "BRID"}, {"固特异", "GOOD"},
                                 {"马牌", "CONTI"},  {"韩泰", "HANK"},     {"玲珑", "LING"}};
constexpr Brand kBatteryBrands[] = {{"瓦尔塔", "VARTA"}, {"风帆", "SAIL"}, {"骆驼", "CAMEL"}};
constexpr Brand kBulbBrands[] = {{"欧司朗", "OSRAM"}, {"飞利浦", "PHIL"}};

// A model-specific kind of part: how many brands, its category, name, cost range, bin zone.
struct ModelPartKind {
    const char* prefix;
    const char* category;
    const char* nameZh;
    const char* nameEn;
    const Brand* brands;
    size_t brandCount;
    int64_t costLo, costHi;  // fen
    const char* zone;
    bool combustionOnly;
    int64_t safety;   // pieces
    const char* unit;
};

constexpr ModelPartKind kModelKinds[] = {
    {"OF", "filter", "机油滤清器", "Oil filter", kFilterBrands, 4, 1500, 4500, "A", true, 4, "piece"},
    {"AF", "filter", "空气滤清器", "Air filter", kFilterBrands, 3, 2500, 8000, "A", true, 2, "piece"},
    {"CF", "filter", "空调滤清器", "Cabin filter", kFilterBrands, 3, 2000, 7000, "A", false, 2, "piece"},
    {"BPF", "brake", "前刹车片", "Front brake pads", kBrakeBrands, 3, 12000, 42000, "B", false, 2, "set"},
    {"BPR", "brake", "后刹车片", "Rear brake pads", kBrakeBrands, 2, 10000, 36000, "B", false, 1, "set"},
    {"BDF", "brake", "前刹车盘", "Front brake disc", kBrakeBrands, 2, 18000, 65000, "B", false, 0, "piece"},
    {"BDR", "brake", "后刹车盘", "Rear brake disc", kBrakeBrands, 1, 15000, 52000, "B", false, 0, "piece"},
    {"SP", "ignition", "火花塞", "Spark plug", kPlugBrands, 2, 2500, 9000, "D", true, 8, "piece"},
    {"WB", "wiper", "雨刮片（一对）", "Wiper blades (pair)", kWiperBrands, 2, 3000, 12000, "F", false, 2, "set"},
};

struct Gen {
    int from, to;
};

// Model generations of about six years (the years a part fits).
std::vector<Gen> generations(const demo::DemoModel& m) {
    std::vector<Gen> out;
    for (int y = m.yearFrom; y <= m.yearTo; y += 6) out.push_back({y, std::min(y + 5, m.yearTo)});
    return out;
}

std::string gtin(uint64_t serial) {
    std::string body = "69" + std::to_string(1'000'000'000ULL + serial % 1'000'000'000ULL).substr(0, 10);
    return body + gtinCheckDigit(body);
}

std::string pad(uint64_t n, size_t width) {
    std::string s = std::to_string(n);
    return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
}

int64_t roundTo(int64_t fen, int64_t step) { return std::max<int64_t>(step, (fen + step / 2) / step * step); }

class Maker {
public:
    explicit Maker(uint64_t seed) : m_rng(seed ^ 0x5eedba5eULL) {}
    demo::Rng& rng() { return m_rng; }

    DemoPart make(const std::string& sku, const std::string& nameZh, const std::string& nameEn, const Brand& brand,
                  const char* category, const char* unit, int64_t costLo, int64_t costHi, const char* zone,
                  int64_t safetyUnits) {
        DemoPart p;
        p.part.sku = sku;
        p.part.nameZh = nameZh;
        p.part.nameEn = nameEn;
        p.part.brand = brand.zh;
        p.part.category = category;
        p.part.unit = unit;
        p.part.costFen = roundTo(costLo + static_cast<int64_t>(m_rng.uniform(static_cast<uint64_t>(costHi - costLo + 1))), 10);
        p.part.priceFen = roundTo(p.part.costFen * (160 + static_cast<int64_t>(m_rng.uniform(60))) / 100, 100);
        p.part.safetyMilli = safetyUnits * 1000;
        p.part.reorderMilli = safetyUnits > 0 ? safetyUnits * 3000 : 0;
        p.part.supplier = std::string(brand.zh) + "华南总代理";
        ++m_serial;
        p.codes = {{gtin(m_serial * 7919 + 1237), "gtin"}, {"FC-P-" + pad(m_serial, 5), "label"}};
        const size_t bins = 40;
        p.binCode = std::string(zone) + "-" + pad(1 + (m_serial % bins) / 4, 2) + "-" + pad(1 + m_serial % 4, 2);
        const int64_t opening = safetyUnits > 0 ? safetyUnits + static_cast<int64_t>(m_rng.uniform(static_cast<uint64_t>(safetyUnits * 3 + 1)))
                                                : static_cast<int64_t>(m_rng.uniform(3));
        p.openingMilli = (std::string(unit) == "litre" ? opening * 4 : opening) * 1000;
        return p;
    }

private:
    demo::Rng m_rng;
    uint64_t m_serial = 0;
};

}  // namespace

std::vector<DemoBin> demoBins() {
    static const std::map<std::string, const char*> kZones = {{"A", "滤清器"}, {"B", "刹车"},      {"C", "油液"},
                                                              {"D", "电器"},   {"E", "轮胎"},      {"F", "雨刮与附件"}};
    std::vector<DemoBin> out;
    for (const auto& [zone, name] : kZones)
        for (int shelf = 1; shelf <= 10; ++shelf)
            for (int level = 1; level <= 4; ++level)
                out.push_back({zone + "-" + pad(static_cast<uint64_t>(shelf), 2) + "-" + pad(static_cast<uint64_t>(level), 2),
                               zone, std::string(name) + " " + std::to_string(shelf) + " 号架第 " + std::to_string(level) + " 层"});
    return out;
}

std::vector<DemoPart> demoParts(uint64_t seed, size_t count) {
    Maker mk(seed);
    std::vector<DemoPart> out;
    // Generic stock first (every store keeps it), then what fits each model generation.
    const char* const viscosities[] = {"0W-20", "0W-30", "5W-30", "5W-40", "10W-40"};
    for (const Brand& b : kOilBrands)
        for (const char* v : viscosities)
            for (int litres : {1, 4}) {
                DemoPart p = mk.make(std::string("OIL-") + b.code + "-" + v + "-" + std::to_string(litres) + "L",
                                     std::string(b.zh) + " 全合成机油 " + v + " " + std::to_string(litres) + "L",
                                     std::string("Full synthetic engine oil ") + v + " " + std::to_string(litres) + " L",
                                     b, "oil", "litre", litres * 4000, litres * 9000, "C", 2);
                out.push_back(std::move(p));
            }
    const int widths[] = {185, 195, 205, 215, 225, 235, 245};
    const int ratios[] = {55, 60, 65};
    const int rims[] = {15, 16, 17, 18, 19};
    for (const Brand& b : kTyreBrands)
        for (int w : widths)
            for (int r : ratios)
                for (int rim : rims) {
                    if ((w < 205 && rim > 17) || (w > 225 && rim < 17) || (r == 65 && rim > 17)) continue;
                    const std::string size = std::to_string(w) + "/" + std::to_string(r) + "R" + std::to_string(rim);
                    DemoPart p = mk.make(std::string("TYR-") + b.code + "-" + std::to_string(w) + std::to_string(r) + "R" +
                                             std::to_string(rim),
                                         std::string(b.zh) + " 轮胎 " + size, "Tyre " + size, b, "tyre", "piece", 30000,
                                         90000, "E", 0);
                    p.part.tracking = "batch";  // by DOT week
                    out.push_back(std::move(p));
                }
    const char* const batteries[] = {"L2-400", "L2-500", "L3-600", "L4-700", "L5-850", "H6-70Ah", "H7-80Ah", "H8-95Ah"};
    for (const Brand& b : kBatteryBrands)
        for (const char* size : batteries) {
            DemoPart p = mk.make(std::string("BAT-") + b.code + "-" + size, std::string(b.zh) + " 免维护蓄电池 " + size,
                                 std::string("Maintenance-free battery ") + size, b, "battery", "piece", 35000, 120000, "D", 1);
            p.part.tracking = "serial";
            out.push_back(std::move(p));
        }
    const char* const bulbs[] = {"H1", "H4", "H7", "H11", "HB3", "HB4", "W5W", "P21W", "PY21W", "D1S"};
    for (const Brand& b : kBulbBrands)
        for (const char* t : bulbs)
            out.push_back(mk.make(std::string("BLB-") + b.code + "-" + t, std::string(b.zh) + " 灯泡 " + t,
                                  std::string("Bulb ") + t, b, "bulb", "piece", 800, 30000, "D", 4));
    const Brand fluids[] = {{"长城", "GW"}, {"蓝星", "BLUE"}};
    for (const Brand& b : fluids)
        for (const char* grade : {"-25°C", "-35°C", "-45°C"})
            out.push_back(mk.make(std::string("COOL-") + b.code + "-" + std::to_string(out.size() % 1000), std::string(b.zh) +
                                  " 长效防冻冷却液 " + grade + " 4L", std::string("Long-life coolant ") + grade + " 4 L", b,
                                  "coolant", "litre", 3000, 9000, "C", 2));
    out.push_back(mk.make("AC-R134A-13KG", "R134a 空调制冷剂 13.6kg", "R134a refrigerant 13.6 kg", {"巨化", "JUHUA"}, "ac",
                          "piece", 45000, 70000, "C", 1));
    out.push_back(mk.make("AC-R1234YF-5KG", "R1234yf 空调制冷剂 5kg", "R1234yf refrigerant 5 kg", {"霍尼韦尔", "HONEY"}, "ac",
                          "piece", 180000, 260000, "C", 1));
    for (int len : {14, 16, 18, 19, 20, 21, 22, 24, 26, 28})
        for (const Brand& b : kWiperBrands)
            out.push_back(mk.make(std::string("WIP-") + b.code + "-" + std::to_string(len), std::string(b.zh) + " 无骨雨刮 " +
                                  std::to_string(len) + " 寸", "Flat wiper blade " + std::to_string(len) + "\"", b, "wiper",
                                  "piece", 1500, 6000, "F", 2));

    const auto& models = demo::demoModels();
    for (size_t mi = 0; mi < models.size() && out.size() < count; ++mi) {
        const demo::DemoModel& m = models[mi];
        const std::vector<Gen> gens = generations(m);
        for (size_t gi = 0; gi < gens.size(); ++gi) {
            for (const ModelPartKind& k : kModelKinds) {
                if (k.combustionOnly && m.newEnergy) continue;
                const std::string oe = std::string(k.prefix) + pad(mi * 10 + gi, 4) + static_cast<char>('A' + mk.rng().uniform(26)) +
                                       pad(mk.rng().uniform(1000), 3);
                for (size_t bi = 0; bi < k.brandCount; ++bi) {
                    const Brand& b = k.brands[bi];
                    const std::string sku = std::string(k.prefix) + "-" + pad(mi + 1, 3) + pad(gi + 1, 1) + "-" + b.code;
                    const std::string years = std::to_string(gens[gi].from) + "–" + std::to_string(gens[gi].to);
                    DemoPart p = mk.make(sku, std::string(b.zh) + " " + k.nameZh + "（" + m.make + m.model + " " + years + "）",
                                         std::string(k.nameEn) + " (" + m.model + " " + years + ")", b, k.category, k.unit,
                                         k.costLo, k.costHi, k.zone, bi == 0 ? k.safety : 0);
                    p.part.oeNumbers = oe;
                    p.fitment.push_back({m.make, m.model, gens[gi].from, gens[gi].to});
                    out.push_back(std::move(p));
                }
            }
        }
    }
    if (out.size() > count) out.resize(count);
    return out;
}

Result<DemoPartsReport> seedDemoParts(StoreServices& services, const Session& by, const DemoPartsOptions& options) {
    DemoPartsReport report;
    FC_ASSIGN(auto existing, services.db().queryInt("SELECT count(*) FROM parts"));
    if (existing.value_or(0) > 0) return report;
    auto& parts = services.get<PartService>();
    auto& stock = services.get<StockService>();
    std::map<std::string, std::string> binIds;
    FC_ASSIGN(auto have, parts.bins());
    for (const Bin& b : have) binIds[b.code] = b.id;
    for (const DemoBin& b : demoBins()) {
        if (binIds.count(b.code)) continue;
        FC_ASSIGN(std::string id, parts.createBin(by, {.code = b.code, .zone = b.zone, .name = b.name}));
        binIds[b.code] = id;
        ++report.bins;
    }
    size_t serial = 0;
    for (const DemoPart& p : demoParts(options.seed, options.parts)) {
        const std::string& bin = binIds.at(p.binCode);
        auto id = parts.create(by, p.part, p.codes, {bin});
        if (!id) return id.error().context("seed-demo: part " + p.part.sku);
        for (const Fitment& f : p.fitment) FC_TRY(parts.addFitment(by, *id, f));
        ++report.parts;
        // Opening stock at cost; a part kept by serial number comes in one at a time, each numbered.
        const bool bySerial = p.part.tracking == "serial";
        for (int64_t left = p.openingMilli; left > 0; left -= bySerial ? 1000 : left) {
            ReceiptDetail d{.unitCostFen = p.part.costFen, .reference = "期初库存"};
            if (p.part.tracking != "none") d.serial = bySerial ? "SN" + pad(++serial, 8) : "DOT 2326";
            auto in = stock.receive(by, *id, bin, bySerial ? 1000 : left, d);
            if (!in) return in.error().context("seed-demo: opening stock of " + p.part.sku);
            ++report.movements;
        }
    }
    return report;
}

}  // namespace fc::core
