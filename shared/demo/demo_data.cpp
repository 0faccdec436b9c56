#include "shared/demo/demo_data.hpp"

// Index:
//   [SECTION] Rng                 xoshiro256**, Lemire's uniform
//   [SECTION] Keyed permutation   counters → unique, random-looking serials
//   [SECTION] Tables              names, phone prefixes, plates, regions, vehicles, misc
//   [SECTION] DemoGenerator

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string_view>

#include "shared/customers/normalize.hpp"

namespace fc::core::demo {

namespace {

// The year the demo data is "now": vehicle ages and odometers are measured from it. A constant,
// not the clock, so that a seed gives the same data in every year.
constexpr int kReferenceYear = 2026;
constexpr double kNewEnergyShare = 0.12;

uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t mix64(uint64_t x) {
    uint64_t s = x;
    return splitmix64(s);
}

uint64_t rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

// 64 × 64 → 128-bit product; both branches compute the same value.
inline void mulWide(uint64_t a, uint64_t b, uint64_t& hi, uint64_t& lo) {
#if defined(__SIZEOF_INT128__)
    __extension__ using Uint128 = unsigned __int128;
    const Uint128 p = static_cast<Uint128>(a) * b;
    hi = static_cast<uint64_t>(p >> 64);
    lo = static_cast<uint64_t>(p);
#else
    const uint64_t aLo = a & 0xFFFFFFFFULL, aHi = a >> 32;
    const uint64_t bLo = b & 0xFFFFFFFFULL, bHi = b >> 32;
    const uint64_t p0 = aLo * bLo, p1 = aLo * bHi, p2 = aHi * bLo, p3 = aHi * bHi;
    const uint64_t mid = (p0 >> 32) + (p1 & 0xFFFFFFFFULL) + (p2 & 0xFFFFFFFFULL);
    lo = (mid << 32) | (p0 & 0xFFFFFFFFULL);
    hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
#endif
}

}  // namespace

// [SECTION] Rng ==================================================================================

Rng::Rng(uint64_t seed) {
    uint64_t state = seed;
    for (auto& s : m_s) s = splitmix64(state);
}

uint64_t Rng::next() {
    const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

uint64_t Rng::uniform(uint64_t n) {
    if (n == 0) return 0;
    uint64_t hi = 0, lo = 0;
    mulWide(next(), n, hi, lo);
    if (lo < n) {
        const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
        while (lo < threshold) mulWide(next(), n, hi, lo);
    }
    return hi;
}

bool Rng::chance(double p) {
    const uint64_t bits = next() >> 11;  // 53 bits: exact as a double
    if (!(p > 0.0)) return false;
    if (p >= 1.0) return true;
    // Scaling by a power of two is exact, so this comparison is the same on every IEEE machine.
    return static_cast<double>(bits) < p * 9007199254740992.0;
}

namespace {

// [SECTION] Keyed permutation =====================================================================
// A keyed bijection of [0, hiSize · loSize): a four-round Feistel network on the halves
// x / loSize and x % loSize, each round adding to one half (modulo its size) a keyed hash of the
// other. Subtracting the same hash undoes a round, so distinct counters give distinct outputs,
// yet consecutive counters come out unrelated. Four hashes, no division in the rounds.
constexpr size_t kMaxDigits = 8;

// h's top 32 bits scaled to [0, n): a multiply instead of a modulo.
uint32_t reduce(uint64_t h, uint32_t n) {
    return static_cast<uint32_t>(((h >> 32) * n) >> 32);
}

uint32_t permute(uint32_t x, uint32_t hiSize, uint32_t loSize, uint64_t key) {
    assert(hiSize < (1U << 31) && loSize < (1U << 31) && "halves must not overflow when added");
    assert(x < uint64_t{hiSize} * loSize && uint64_t{hiSize} * loSize <= (1ULL << 32));
    uint32_t hi = x / loSize;
    uint32_t lo = x % loSize;
    for (uint64_t round = 0; round < 4; ++round) {
        if (round % 2 == 0) {
            hi += reduce(mix64(key ^ (round << 56) ^ lo), hiSize);
            if (hi >= hiSize) hi -= hiSize;
        } else {
            lo += reduce(mix64(key ^ (round << 56) ^ hi), loSize);
            if (lo >= loSize) lo -= loSize;
        }
    }
    return hi * loSize + lo;
}

// Writes `value` as mixed-radix digits, most significant first.
void toDigits(uint32_t value, uint8_t* digits, const uint8_t* radix, size_t n) {
    for (size_t i = n; i-- > 0;) {
        digits[i] = static_cast<uint8_t>(value % radix[i]);
        value /= radix[i];
    }
}

void appendInt(std::string& out, uint64_t value) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, res.ptr);
}

// [SECTION] Tables ===============================================================================

class Weighted {
public:
    void add(uint32_t weight) {
        m_total += weight;
        m_cumulative.push_back(m_total);
    }
    size_t pick(Rng& rng) const {
        assert(m_total > 0 && "pick from an empty weighted table");
        const uint64_t r = rng.uniform(m_total);
        return static_cast<size_t>(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), r) -
                                   m_cumulative.begin());
    }

private:
    std::vector<uint64_t> m_cumulative;
    uint64_t m_total = 0;
};

struct WeightedText {
    std::string_view text;
    uint32_t weight;
};

// --- Names: surname weights are roughly per 10,000 people (2020 census order) -----------------
constexpr WeightedText kSurnames[] = {
    {"王", 710},
    {"李", 700},
    {"张", 660},
    {"刘", 540},
    {"陈", 460},
    {"杨", 310},
    {"黄", 240},
    {"赵", 230},
    {"吴", 200},
    {"周", 190},
    {"徐", 150},
    {"孙", 150},
    {"马", 140},
    {"朱", 130},
    {"胡", 130},
    {"郭", 110},
    {"何", 110},
    {"高", 100},
    {"林", 100},
    {"罗", 90},
    {"郑", 80},
    {"梁", 80},
    {"谢", 70},
    {"宋", 60},
    {"唐", 60},
    {"许", 50},
    {"韩", 50},
    {"冯", 50},
    {"邓", 50},
    {"曹", 50},
    {"彭", 50},
    {"曾", 50},
    {"肖", 50},
    {"田", 40},
    {"董", 40},
    {"袁", 40},
    {"潘", 40},
    {"于", 40},
    {"蒋", 40},
    {"蔡", 40},
    {"余", 40},
    {"杜", 40},
    {"叶", 40},
    {"程", 30},
    {"苏", 30},
    {"魏", 30},
    {"吕", 30},
    {"丁", 30},
    {"任", 30},
    {"沈", 30},
    {"姚", 30},
    {"卢", 30},
    {"姜", 30},
    {"崔", 30},
    {"钟", 30},
    {"谭", 30},
    {"陆", 30},
    {"汪", 20},
    {"范", 20},
    {"金", 20},
    {"石", 20},
    {"廖", 20},
    {"贾", 20},
    {"夏", 20},
    {"韦", 20},
    {"付", 20},
    {"方", 20},
    {"白", 20},
    {"邹", 20},
    {"孟", 20},
    {"熊", 20},
    {"秦", 20},
    {"邱", 20},
    {"江", 20},
    {"尹", 20},
    {"薛", 20},
    {"闫", 20},
    {"段", 20},
    {"雷", 20},
    {"侯", 20},
    {"龙", 20},
    {"史", 20},
    {"陶", 10},
    {"黎", 10},
    {"贺", 10},
    {"顾", 10},
    {"毛", 10},
    {"郝", 10},
    {"龚", 10},
    {"邵", 10},
    {"万", 10},
    {"钱", 10},
    {"严", 10},
    {"覃", 10},
    {"武", 10},
    {"戴", 10},
    {"莫", 10},
    {"孔", 10},
    {"向", 10},
    {"汤", 10},
    {"冼", 4},
    {"佘", 3},
    {"缪", 3},
    {"逄", 2},
    // Compound surnames.
    {"欧阳", 4},
    {"司马", 1},
    {"诸葛", 1},
    {"上官", 1},
    {"东方", 1},
    {"慕容", 1},
    {"司徒", 1},
    // Rare surnames whose glyphs many fonts lack.
    {"鬯", 2},
    {"姞", 2},
    {"亓", 2},
    {"芈", 1},
    {"昝", 2},
    {"禚", 1},
    {"厍", 1},
    {"隗", 1},
    {"郗", 1},
};

constexpr std::string_view kMaleGiven[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
    "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳",
    "建", "国", "文", "志", "永", "海", "峰", "东", "晨", "博", "宏", "亮", "成", "子", "轩",
    "昊", "然", "航", "泽", "锦", "天", "铭", "睿", "诚", "彬", "毅", "振", "家", "金", "德"};
constexpr std::string_view kFemaleGiven[] = {
    "芳", "娜", "敏", "静", "丽", "艳", "燕", "霞", "玲", "桂", "英", "秀", "兰", "萍", "红",
    "琳", "雪", "婷", "慧", "莉", "洁", "佳", "欣", "怡", "梦", "雨", "萱", "晶", "倩", "颖",
    "琴", "云", "莹", "璐", "瑶", "悦", "诗", "涵", "妍", "嘉", "丹", "梅", "华", "月", "蕾",
    "薇", "晓", "思", "婉", "淑", "彤", "可", "馨", "语", "菲", "露", "青", "小", "美", "春"};
// Real given-name characters that stress fonts and input methods.
constexpr std::string_view kRareGiven[] = {"赟", "犇", "淼", "喆", "燚", "昶",
                                           "珺", "頔", "翀", "堃", "婳", "龑"};
constexpr double kRareGivenShare = 0.04;  // per given-name character
constexpr double kSingleGivenShare = 0.34;

// --- Phones -------------------------------------------------------------------------------------
struct PhonePrefix {
    uint16_t prefix;
    uint32_t weight;
};
constexpr PhonePrefix kPhonePrefixes[] = {
    {130, 40}, {131, 40}, {132, 40}, {133, 35}, {134, 35}, {135, 60}, {136, 60}, {137, 60},
    {138, 70}, {139, 70}, {145, 6},  {147, 8},  {150, 35}, {151, 35}, {152, 35}, {153, 25},
    {155, 25}, {156, 25}, {157, 20}, {158, 35}, {159, 35}, {166, 15}, {170, 4},  {171, 4},
    {172, 3},  {173, 12}, {174, 2},  {175, 5},  {176, 12}, {177, 12}, {178, 10}, {180, 25},
    {181, 25}, {182, 25}, {183, 25}, {184, 12}, {185, 25}, {186, 30}, {187, 30}, {188, 30},
    {189, 30}, {191, 12}, {198, 15}, {199, 15},
};

// --- Plates -------------------------------------------------------------------------------------
// Weights ~ share of the national car population; names must match plateProvinces().
constexpr WeightedText kPlateProvinceWeights[] = {
    {"粤", 120}, {"苏", 80}, {"浙", 80}, {"鲁", 70}, {"京", 70}, {"沪", 70}, {"川", 60}, {"豫", 60},
    {"冀", 35},  {"鄂", 35}, {"湘", 35}, {"闽", 35}, {"皖", 35}, {"辽", 25}, {"陕", 25}, {"渝", 25},
    {"津", 20},  {"桂", 20}, {"云", 20}, {"晋", 20}, {"赣", 20}, {"黑", 15}, {"贵", 15}, {"吉", 12},
    {"蒙", 10},  {"新", 10}, {"甘", 10}, {"琼", 8},  {"宁", 5},  {"青", 5},  {"藏", 3},
};
// City letters (I and O are not used); A is the capital, then the larger cities.
constexpr std::string_view kCityLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr uint32_t kCityLetterWeights[] = {300, 180, 110, 90, 80, 70, 60, 50, 30, 30, 25, 20,
                                           15,  12,  10,  10, 10, 5,  4,  4,  3,  3,  3,  2};
static_assert(std::size(kCityLetterWeights) == kCityLetters.size());

// Serial patterns: '#' digit, '@' letter (no I/O), '*' letter or digit, '%' new-energy letter other
// than D/F; any other character stands for itself.
struct PlatePattern {
    std::string_view spec;
    bool newEnergy;
    uint32_t weight;
};
constexpr PlatePattern kPlatePatterns[] = {
    {"#####", false, 40}, {"@####", false, 15}, {"#@###", false, 8},  {"##@##", false, 5},
    {"###@#", false, 5},  {"####@", false, 10}, {"@@###", false, 6},  {"###@@", false, 5},
    {"@###@", false, 3},  {"#@#@#", false, 3},  {"D*####", true, 55}, {"F*####", true, 30},
    {"%*####", true, 15},
};
constexpr size_t kPlatePatternCount = std::size(kPlatePatterns);
constexpr std::string_view kDigitChars = "0123456789";
constexpr std::string_view kLetterChars = "ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr std::string_view kAlnumChars = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr std::string_view kOtherEnergyChars = "ABCEGHJK";

struct CompiledPattern {
    std::array<std::string_view, kMaxDigits> alphabet{};
    std::array<uint8_t, kMaxDigits> radix{};
    size_t length = 0;
    uint64_t size = 1;    // number of distinct serials
    uint64_t loSize = 1;  // serials of the second half of the positions (the Feistel split)
};

// --- Regions (addresses, and the plate a local car carries) ------------------------------------
struct City {
    std::string_view province;       // empty for the four municipalities
    std::string_view city;           // "深圳市"
    std::string_view plateProvince;  // "粤"
    std::string_view plateLetters;   // local city letters, e.g. "B"
    std::string_view districts;      // space-separated
    uint32_t weight;
};
constexpr City kCities[] = {
    {"广东省", "深圳市", "粤", "B", "南山区 福田区 罗湖区 宝安区 龙岗区 龙华区", 60},
    {"广东省", "广州市", "粤", "A", "天河区 越秀区 海珠区 白云区 番禺区 黄埔区", 55},
    {"广东省", "东莞市", "粤", "S", "东城街道 南城街道 长安镇 虎门镇 松山湖", 20},
    {"广东省", "佛山市", "粤", "E", "禅城区 南海区 顺德区", 20},
    {"", "上海市", "沪", "ABCDEFGHJKLMN",
     "浦东新区 徐汇区 闵行区 静安区 长宁区 普陀区 杨浦区 宝山区", 60},
    {"", "北京市", "京", "ABCEFGHJKLMNPQ",
     "朝阳区 海淀区 丰台区 东城区 西城区 通州区 昌平区 大兴区", 55},
    {"", "天津市", "津", "ABCDEFGH", "和平区 南开区 河西区 滨海新区", 15},
    {"", "重庆市", "渝", "ABCDFGH", "渝中区 江北区 渝北区 南岸区 沙坪坝区", 20},
    {"江苏省", "南京市", "苏", "A", "鼓楼区 玄武区 秦淮区 建邺区 江宁区", 25},
    {"江苏省", "苏州市", "苏", "E", "姑苏区 吴中区 相城区 虎丘区 吴江区", 25},
    {"江苏省", "无锡市", "苏", "B", "梁溪区 滨湖区 新吴区", 12},
    {"浙江省", "杭州市", "浙", "A", "西湖区 上城区 拱墅区 滨江区 余杭区 萧山区", 30},
    {"浙江省", "宁波市", "浙", "B", "海曙区 鄞州区 江北区 北仑区", 15},
    {"浙江省", "温州市", "浙", "C", "鹿城区 瓯海区 龙湾区", 10},
    {"四川省", "成都市", "川", "A", "武侯区 锦江区 青羊区 金牛区 成华区 双流区", 35},
    {"山东省", "济南市", "鲁", "A", "历下区 市中区 槐荫区 历城区", 15},
    {"山东省", "青岛市", "鲁", "B", "市南区 市北区 黄岛区 崂山区", 18},
    {"河南省", "郑州市", "豫", "A", "金水区 二七区 中原区 管城回族区", 20},
    {"湖北省", "武汉市", "鄂", "A", "武昌区 江汉区 江岸区 洪山区 汉阳区", 20},
    {"湖南省", "长沙市", "湘", "A", "岳麓区 芙蓉区 天心区 雨花区 开福区", 18},
    {"福建省", "厦门市", "闽", "D", "思明区 湖里区 集美区", 10},
    {"福建省", "福州市", "闽", "A", "鼓楼区 台江区 仓山区", 10},
    {"陕西省", "西安市", "陕", "A", "雁塔区 碑林区 未央区 新城区 莲湖区", 15},
    {"河北省", "石家庄市", "冀", "A", "长安区 桥西区 裕华区", 10},
    {"安徽省", "合肥市", "皖", "A", "蜀山区 包河区 庐阳区 瑶海区", 12},
    {"辽宁省", "沈阳市", "辽", "A", "和平区 沈河区 皇姑区 浑南区", 10},
    {"广西壮族自治区", "南宁市", "桂", "A", "青秀区 兴宁区 西乡塘区", 8},
    {"云南省", "昆明市", "云", "A", "五华区 盘龙区 官渡区", 8},
    {"江西省", "南昌市", "赣", "A", "东湖区 西湖区 红谷滩区", 7},
    {"山西省", "太原市", "晋", "A", "小店区 迎泽区 杏花岭区", 6},
    {"海南省", "海口市", "琼", "A", "龙华区 美兰区 秀英区", 4},
};
constexpr double kLocalPlateShare = 0.75;

constexpr std::string_view kRoads[] = {
    "人民路", "中山路", "解放路",   "建设路",   "和平路",   "新华路",   "胜利路", "文化路",
    "长江路", "黄河路", "朝阳路",   "光明路",   "幸福路",   "东风路",   "青年路", "学府路",
    "花园路", "湖滨路", "工业大道", "世纪大道", "迎宾大道", "科技园路", "创业路", "发展大道",
    "府前路", "滨江路", "环城东路", "金融街",   "商业街",   "振兴路",   "团结路", "育才路"};
constexpr std::string_view kEstates[] = {
    "阳光花园", "翠苑小区", "锦绣家园", "幸福里",   "御景湾",   "碧桂园", "万科城",   "金地花园",
    "桂花苑",   "时代广场", "世纪新城", "滨江华府", "龙湖春江", "绿地城", "保利花园", "紫荆苑"};
constexpr double kEstateShare = 0.35;

// --- Vehicles -----------------------------------------------------------------------------------
struct Model {
    std::string_view make;
    std::string_view model;
    std::string_view wmi;     // world manufacturer identifier (VIN positions 1–3)
    std::string_view vds;     // VIN positions 4–6, unique among the models of one WMI
    std::string_view plants;  // VIN position 11 candidates
    int yearFrom;
    int yearTo;
    uint32_t weight;
    bool newEnergy;
    bool premium;
};
constexpr Model kModels[] = {
    {"大众", "朗逸", "LSV", "AB4", "CDN", 2008, 2026, 60, false, false},
    {"大众", "帕萨特", "LSV", "AE6", "CN", 2011, 2026, 25, false, false},
    {"大众", "途观L", "LSV", "UA6", "AN", 2017, 2026, 20, false, false},
    {"大众", "速腾", "LFV", "2A2", "3C", 2008, 2026, 40, false, false},
    {"大众", "迈腾", "LFV", "3A2", "3C", 2008, 2026, 25, false, false},
    {"大众", "宝来", "LFV", "2B2", "3F", 2008, 2026, 25, false, false},
    {"奥迪", "A4L", "LFV", "3B8", "2", 2009, 2026, 12, false, true},
    {"奥迪", "A6L", "LFV", "4B8", "2", 2008, 2026, 12, false, true},
    {"奥迪", "Q5L", "LFV", "5F8", "2", 2018, 2026, 8, false, true},
    {"丰田", "卡罗拉", "LFM", "A1E", "1J", 2008, 2026, 40, false, false},
    {"丰田", "RAV4荣放", "LFM", "J4B", "1J", 2009, 2026, 25, false, false},
    {"丰田", "凯美瑞", "LVG", "B1F", "G", 2008, 2026, 30, false, false},
    {"丰田", "汉兰达", "LVG", "D4F", "G", 2009, 2026, 10, false, false},
    {"本田", "思域", "LVH", "FC1", "W", 2008, 2026, 25, false, false},
    {"本田", "CR-V", "LVH", "RW1", "W", 2008, 2026, 25, false, false},
    {"本田", "雅阁", "LHG", "CV1", "ZG", 2008, 2026, 30, false, false},
    {"本田", "飞度", "LHG", "GK5", "ZG", 2008, 2024, 10, false, false},
    {"日产", "轩逸", "LGB", "H52", "ZX", 2008, 2026, 50, false, false},
    {"日产", "天籁", "LGB", "L32", "ZX", 2008, 2026, 15, false, false},
    {"日产", "奇骏", "LGB", "T32", "Z", 2008, 2026, 10, false, false},
    {"比亚迪", "F3", "LGX", "A2F", "S", 2008, 2014, 8, false, false},
    {"比亚迪", "秦PLUS", "LGX", "C16", "SX", 2021, 2026, 30, true, false},
    {"比亚迪", "汉", "LGX", "E1A", "SX", 2020, 2026, 15, true, false},
    {"比亚迪", "宋PLUS", "LGX", "F4J", "SXW", 2020, 2026, 20, true, false},
    {"比亚迪", "海豚", "LC0", "C7E", "CS", 2021, 2026, 15, true, false},
    {"比亚迪", "元PLUS", "LC0", "CA8", "CS", 2022, 2026, 15, true, false},
    {"特斯拉", "Model 3", "LRW", "3E7", "C", 2019, 2026, 15, true, true},
    {"特斯拉", "Model Y", "LRW", "YGE", "C", 2021, 2026, 18, true, true},
    {"宝马", "3系", "LBV", "8P2", "S", 2008, 2026, 15, false, true},
    {"宝马", "5系", "LBV", "5U3", "S", 2010, 2026, 12, false, true},
    {"宝马", "X3", "LBV", "TY9", "S", 2018, 2026, 8, false, true},
    {"奔驰", "C级", "LE4", "ZG8", "B", 2008, 2026, 15, false, true},
    {"奔驰", "E级", "LE4", "ZF4", "B", 2010, 2026, 12, false, true},
    {"奔驰", "GLC", "LE4", "GG4", "B", 2016, 2026, 10, false, true},
    {"别克", "英朗", "LSG", "PC5", "S", 2010, 2026, 25, false, false},
    {"别克", "君威", "LSG", "ZC5", "S", 2009, 2026, 10, false, false},
    {"雪佛兰", "科鲁兹", "LSG", "JA5", "S", 2009, 2023, 10, false, false},
    {"吉利", "帝豪", "L6T", "758", "N", 2009, 2026, 25, false, false},
    {"吉利", "博越", "L6T", "782", "N", 2016, 2026, 18, false, false},
    {"长安", "CS75", "LS5", "A3D", "B", 2014, 2026, 20, false, false},
    {"长安", "逸动", "LS5", "A2D", "B", 2012, 2026, 20, false, false},
    {"哈弗", "H6", "LGW", "EF5", "B", 2011, 2026, 35, false, false},
    {"蔚来", "ES6", "LJ1", "EKS", "H", 2019, 2026, 6, true, true},
    {"蔚来", "ET5", "LJ1", "ER5", "H", 2022, 2026, 4, true, true},
    {"理想", "理想ONE", "LW4", "33A", "C", 2019, 2022, 4, true, true},
    {"理想", "L7", "LW4", "33B", "C", 2023, 2026, 5, true, true},
    {"理想", "L9", "LW4", "33C", "C", 2022, 2026, 4, true, true},
    {"小鹏", "P7", "L1N", "NSG", "Z", 2020, 2026, 5, true, false},
    {"五菱", "宏光MINIEV", "LZW", "ACA", "L", 2020, 2026, 12, true, false},
    {"五菱", "宏光", "LZW", "CAG", "L", 2010, 2026, 10, false, false},
    {"现代", "伊兰特", "LBE", "LM4", "B", 2008, 2026, 15, false, false},
    {"福特", "福克斯", "LVS", "HFA", "C", 2008, 2022, 12, false, false},
    {"奇瑞", "瑞虎8", "LVV", "DB2", "W", 2018, 2026, 10, false, false},
    {"荣威", "i5", "LSJ", "A24", "N", 2019, 2026, 8, false, false},
    {"广汽埃安", "AION S", "LMG", "AB1", "G", 2019, 2026, 8, true, false},
    {"传祺", "GS4", "LMG", "AA1", "G", 2015, 2026, 8, false, false},
};
constexpr size_t kModelCount = std::size(kModels);
// Legal VIN characters (no I, O, Q).
constexpr std::string_view kVinChars = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
constexpr uint64_t kVinSerials = 1'000'000;  // positions 12–17
constexpr double kNevModelOnBluePlate = 0.04;
// Relative share of cars coming in for service by age in years (0 = built in kReferenceYear):
// few brand-new cars (still at the dealer), most 2–8 years old, a long tail to 18.
constexpr uint32_t kAgeWeights[] = {4, 8, 10, 11, 11, 11, 10, 9, 8, 7, 6, 5, 4, 3, 3, 2, 2, 1, 1};
[[maybe_unused]] constexpr int kOldestYear = kReferenceYear - static_cast<int>(std::size(kAgeWeights)) + 1;

// A model year in [from, to], distributed like kAgeWeights restricted to that range.
int pickYear(Rng& rng, int from, int to) {
    assert(from >= kOldestYear && from <= to && to <= kReferenceYear);
    const auto minAge = static_cast<size_t>(kReferenceYear - to);
    const auto maxAge = static_cast<size_t>(kReferenceYear - from);
    uint64_t total = 0;
    for (size_t age = minAge; age <= maxAge; ++age) total += kAgeWeights[age];
    uint64_t r = rng.uniform(total);
    for (size_t age = minAge; age < maxAge; ++age) {
        if (r < kAgeWeights[age]) return kReferenceYear - static_cast<int>(age);
        r -= kAgeWeights[age];
    }
    return from;
}

constexpr WeightedText kColours[] = {
    {"白", 38}, {"黑", 20}, {"灰", 12}, {"银", 10}, {"蓝", 8}, {"红", 5},
    {"棕", 2},  {"绿", 2},  {"金", 1},  {"橙", 1},  {"黄", 1},
};

// --- Customers ----------------------------------------------------------------------------------
constexpr WeightedText kSources[] = {
    {"walk-in", 40}, {"referral", 20}, {"campaign", 10}, {"online", 20}, {"phone", 10}};
constexpr std::string_view kNotes[] = {
    "喜欢周末保养", "对价格敏感",       "只用原厂配件",          "需提前电话预约",
    "喜欢微信沟通", "老客户介绍来的",   "车辆常跑长途",          "公司用车，需开专票",
    "保险下月到期", "对轮胎品牌有要求", "家里有两辆车",          "习惯下班后取车",
    "要求旧件返还", "车上有儿童座椅",   "上次等待较久，注意安抚"};
constexpr std::string_view kWechatChars = "abcdefghijklmnopqrstuvwxyz0123456789";

struct Tables {
    Weighted surnames;
    Weighted phonePrefixes;
    Weighted provinces;                      // index into plateProvinces()
    Weighted cityLetters;                    // index into kCityLetters
    Weighted ordinaryPatterns, nevPatterns;  // index into the lists below
    std::vector<size_t> ordinaryPatternIds, nevPatternIds;
    std::array<CompiledPattern, kPlatePatternCount> patterns;
    Weighted cities;
    std::vector<size_t> cityProvince;                      // per city: index into plateProvinces()
    std::vector<std::vector<std::string_view>> districts;  // per city
    Weighted iceModels, nevModels;
    std::vector<size_t> iceModelIds, nevModelIds;
    Weighted colours;
    Weighted sources;

    Tables() {
        for (const auto& s : kSurnames) surnames.add(s.weight);
        for (const auto& p : kPhonePrefixes) phonePrefixes.add(p.weight);

        const auto& names = plateProvinces();
        for (const auto& province : names) {
            uint32_t weight = 0;
            for (const auto& w : kPlateProvinceWeights)
                if (w.text == province) weight = w.weight;
            assert(weight > 0 && "every plate province needs a weight");
            provinces.add(weight);
        }
        for (uint32_t w : kCityLetterWeights) cityLetters.add(w);

        for (size_t i = 0; i < kPlatePatternCount; ++i) {
            const PlatePattern& p = kPlatePatterns[i];
            CompiledPattern& c = patterns[i];
            c.length = p.spec.size();
            assert(c.length <= kMaxDigits);
            for (size_t k = 0; k < c.length; ++k) {
                switch (p.spec[k]) {
                    case '#':
                        c.alphabet[k] = kDigitChars;
                        break;
                    case '@':
                        c.alphabet[k] = kLetterChars;
                        break;
                    case '*':
                        c.alphabet[k] = kAlnumChars;
                        break;
                    case '%':
                        c.alphabet[k] = kOtherEnergyChars;
                        break;
                    default:
                        c.alphabet[k] = p.spec.substr(k, 1);
                        break;
                }
                c.radix[k] = static_cast<uint8_t>(c.alphabet[k].size());
                c.size *= c.radix[k];
                if (k >= c.length / 2) c.loSize *= c.radix[k];
            }
            assert(c.size < (1ULL << 32) && "plate serial space must fit 32 bits");
            (p.newEnergy ? nevPatternIds : ordinaryPatternIds).push_back(i);
            (p.newEnergy ? nevPatterns : ordinaryPatterns).add(p.weight);
        }

        for (const City& city : kCities) {
            cities.add(city.weight);
            const auto it = std::find(names.begin(), names.end(), city.plateProvince);
            assert(it != names.end() && "city plate province must be a plate province");
            cityProvince.push_back(static_cast<size_t>(it - names.begin()));
            std::vector<std::string_view> list;
            std::string_view rest = city.districts;
            while (!rest.empty()) {
                const size_t space = rest.find(' ');
                list.push_back(rest.substr(0, space));
                rest =
                    space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
            }
            districts.push_back(std::move(list));
        }

        for (size_t i = 0; i < kModelCount; ++i) {
            const Model& m = kModels[i];
            (m.newEnergy ? nevModels : iceModels).add(m.weight);
            (m.newEnergy ? nevModelIds : iceModelIds).push_back(i);
            // VIN uniqueness rests on WMI + positions 4–6 naming one model.
            for (size_t j = 0; j < i; ++j)
                assert(!(kModels[j].wmi == m.wmi && kModels[j].vds == m.vds) &&
                       "two models share WMI and VDS");
        }
        for (const auto& c : kColours) colours.add(c.weight);
        for (const auto& s : kSources) sources.add(s.weight);
    }
};

const Tables& tables() {
    static const Tables kTables;
    return kTables;
}

constexpr size_t kProvinceCount = 31;
constexpr size_t kLetterCount = kCityLetters.size();

}  // namespace

// [SECTION] DemoGenerator ========================================================================

DemoGenerator::DemoGenerator(uint64_t seed)
    : m_rng(seed),
      m_key(m_rng.next()),
      m_plateCounts(kProvinceCount * kLetterCount * kPlatePatternCount, 0),
      m_vinCounts(kModelCount, 0) {
    assert(plateProvinces().size() == kProvinceCount);
}

std::string DemoGenerator::name() {
    const Tables& t = tables();
    const bool male = m_rng.chance(0.62);
    const std::string_view surname = kSurnames[t.surnames.pick(m_rng)].text;
    const bool compound = surname.size() > 3;  // two CJK characters
    const int given = m_rng.chance(compound ? 0.5 : kSingleGivenShare) ? 1 : 2;
    std::string out(surname);
    for (int i = 0; i < given; ++i) {
        if (m_rng.chance(kRareGivenShare)) {
            out += kRareGiven[m_rng.uniform(std::size(kRareGiven))];
        } else if (male) {
            out += kMaleGiven[m_rng.uniform(std::size(kMaleGiven))];
        } else {
            out += kFemaleGiven[m_rng.uniform(std::size(kFemaleGiven))];
        }
    }
    return out;
}

std::string DemoGenerator::phone() {
    const Tables& t = tables();
    const uint16_t prefix = kPhonePrefixes[t.phonePrefixes.pick(m_rng)].prefix;
    // The 8 trailing digits alone are unique: a counter through a keyed bijection of [0, 10^8).
    assert(m_phones < 100'000'000 && "one generator can make at most 10^8 distinct phones");
    uint32_t tail = permute(static_cast<uint32_t>(m_phones++), 10'000, 10'000, m_key ^ 0x5048ULL);
    char buf[11];
    buf[0] = static_cast<char>('0' + prefix / 100);
    buf[1] = static_cast<char>('0' + prefix / 10 % 10);
    buf[2] = static_cast<char>('0' + prefix % 10);
    for (size_t i = sizeof buf; i-- > 3; tail /= 10) buf[i] = static_cast<char>('0' + tail % 10);
    return std::string(buf, sizeof buf);
}

std::string DemoGenerator::plateIn(size_t province, size_t cityLetter, bool newEnergy) {
    const Tables& t = tables();
    const auto& ids = newEnergy ? t.nevPatternIds : t.ordinaryPatternIds;
    const size_t first = (newEnergy ? t.nevPatterns : t.ordinaryPatterns).pick(m_rng);
    const size_t cell = province * kLetterCount + cityLetter;
    // Each (province, letter, pattern) bucket counts its plates; a counter goes through a keyed
    // bijection of the pattern's serials. A full bucket (10^5 plates for "#####") spills to the
    // next pattern, then to the next city letter.
    for (size_t step = 0; step < kProvinceCount * kLetterCount * ids.size(); ++step) {
        const size_t patternId = ids[(first + step) % ids.size()];
        const size_t c = (cell + step / ids.size()) % (kProvinceCount * kLetterCount);
        const size_t bucket = c * kPlatePatternCount + patternId;
        const CompiledPattern& p = t.patterns[patternId];
        if (m_plateCounts[bucket] >= p.size) continue;
        std::array<uint8_t, kMaxDigits> digits{};
        const uint32_t serial =
            permute(m_plateCounts[bucket]++, static_cast<uint32_t>(p.size / p.loSize),
                    static_cast<uint32_t>(p.loSize), m_key ^ (bucket << 20) ^ 0x504C);
        toDigits(serial, digits.data(), p.radix.data(), p.length);
        // Built in a buffer: at most 3 + 1 + 6 bytes, so the string stays in its inline storage.
        const std::string& provinceText = plateProvinces()[c / kLetterCount];
        char buf[16];
        size_t n = provinceText.copy(buf, 4);
        buf[n++] = kCityLetters[c % kLetterCount];
        for (size_t i = 0; i < p.length; ++i) buf[n++] = p.alphabet[i][digits[i]];
        return std::string(buf, n);
    }
    assert(false && "every plate of every province is taken");
    return {};
}

std::string DemoGenerator::plate(bool newEnergy) {
    const Tables& t = tables();
    const size_t province = t.provinces.pick(m_rng);
    const size_t letter = t.cityLetters.pick(m_rng);
    return plateIn(province, letter, newEnergy);
}

std::string DemoGenerator::vinFor(size_t model, int year) {
    const Model& m = kModels[model];
    const uint64_t k = m_vinCounts[model]++;
    const uint64_t round = k / kVinSerials;
    assert(round < kVinChars.size() && "VIN serials of this model are exhausted");
    char v[17];
    for (size_t i = 0; i < 3; ++i) v[i] = m.wmi[i];
    for (size_t i = 0; i < 3; ++i) v[3 + i] = m.vds[i];
    v[6] = kVinChars[m_rng.uniform(kVinChars.size())];  // engine / restraint code
    v[7] = kVinChars[(model * 7 + round) % kVinChars.size()];
    v[8] = '0';
    v[9] = vinYearCode(year);
    v[10] = m.plants[m_rng.uniform(m.plants.size())];
    uint32_t serial =
        permute(static_cast<uint32_t>(k % kVinSerials), 1000, 1000, m_key ^ (model << 24) ^ 0x5649);
    for (size_t i = 17; i-- > 11; serial /= 10) v[i] = static_cast<char>('0' + serial % 10);
    v[8] = vinCheckDigit(std::string_view(v, sizeof v));
    assert(v[8] != 0 && v[9] != 0);
    return std::string(v, sizeof v);
}

DemoVehicle DemoGenerator::vehicleIn(size_t province, size_t cityLetter, size_t* modelOut) {
    const Tables& t = tables();
    const bool newEnergy = m_rng.chance(kNewEnergyShare);
    size_t model = 0;
    if (newEnergy || m_rng.chance(kNevModelOnBluePlate)) {
        model = t.nevModelIds[t.nevModels.pick(m_rng)];
    } else {
        model = t.iceModelIds[t.iceModels.pick(m_rng)];
    }
    if (modelOut) *modelOut = model;
    const Model& m = kModels[model];
    DemoVehicle v;
    v.year = pickYear(m_rng, m.yearFrom, m.yearTo);
    v.make = m.make;
    v.model = m.model;
    v.colour = kColours[t.colours.pick(m_rng)].text;
    const int64_t age = kReferenceYear - v.year;
    if (age <= 0) {
        v.odometerKm = 200 + static_cast<int64_t>(m_rng.uniform(9000));
    } else {
        const int64_t perYear = 7000 + static_cast<int64_t>(m_rng.uniform(15000));
        v.odometerKm = age * perYear + static_cast<int64_t>(m_rng.uniform(perYear));
    }
    v.vin = vinFor(model, v.year);
    v.plate = plateIn(province, cityLetter, newEnergy);
    return v;
}

DemoVehicle DemoGenerator::vehicle() {
    const Tables& t = tables();
    const size_t province = t.provinces.pick(m_rng);
    const size_t letter = t.cityLetters.pick(m_rng);
    return vehicleIn(province, letter, nullptr);
}

std::string DemoGenerator::address(size_t city) {
    const Tables& t = tables();
    const City& c = kCities[city];
    std::string out;
    out.reserve(96);
    out += c.province;
    out += c.city;
    out += m_rng.pick(t.districts[city]);
    out += kRoads[m_rng.uniform(std::size(kRoads))];
    appendInt(out, m_rng.chance(0.8) ? 1 + m_rng.uniform(200) : 200 + m_rng.uniform(800));
    out += "号";
    if (m_rng.chance(kEstateShare)) {
        out += kEstates[m_rng.uniform(std::size(kEstates))];
        appendInt(out, 1 + m_rng.uniform(30));
        out += "栋";
        appendInt(out, 1 + m_rng.uniform(4));
        out += "单元";
        const uint64_t floor = 1 + m_rng.uniform(33);
        const uint64_t room = 1 + m_rng.uniform(4);
        appendInt(out, floor * 100 + room);  // 1502
        out += "室";
    }
    return out;
}

std::string DemoGenerator::wechatId() {
    std::string out = "wxid_";
    for (int i = 0; i < 8; ++i) out += kWechatChars[m_rng.uniform(kWechatChars.size())];
    return out;
}

DemoCustomer DemoGenerator::customer() {
    const Tables& t = tables();
    DemoCustomer c;
    c.name = name();
    c.phones.reserve(2);
    c.phones.push_back(phone());
    if (m_rng.chance(0.15)) c.phones.push_back(phone());

    const size_t city = t.cities.pick(m_rng);
    c.address = address(city);
    if (m_rng.chance(0.5)) c.wechatId = wechatId();
    c.source = kSources[t.sources.pick(m_rng)].text;

    const uint64_t roll = m_rng.uniform(100);
    const size_t count = roll < 8 ? 0 : roll < 88 ? 1 : roll < 98 ? 2 : 3;
    c.vehicles.reserve(count);
    bool premium = false;
    for (size_t i = 0; i < count; ++i) {
        size_t province = t.cityProvince[city];
        size_t letter = 0;
        if (m_rng.chance(kLocalPlateShare)) {
            const std::string_view letters = kCities[city].plateLetters;
            letter = kCityLetters.find(letters[m_rng.uniform(letters.size())]);
        } else {
            province = t.provinces.pick(m_rng);
            letter = t.cityLetters.pick(m_rng);
        }
        size_t model = 0;
        c.vehicles.push_back(vehicleIn(province, letter, &model));
        premium |= kModels[model].premium;
    }

    if (count == 0) {
        c.segment = "prospect";
    } else {
        // One draw per statement: the order of draws must not depend on the compiler.
        bool high = premium && m_rng.chance(0.5);
        if (!high) high = count >= 2 && m_rng.chance(0.35);
        if (!high) high = m_rng.chance(0.06);
        c.segment = high ? "high-value" : "owner";
    }
    c.consentContact = m_rng.chance(0.9);
    c.consentData = m_rng.chance(0.95);
    if (m_rng.chance(0.15)) c.notes = kNotes[m_rng.uniform(std::size(kNotes))];
    return c;
}

const std::vector<DemoModel>& demoModels() {
    static const std::vector<DemoModel> k = [] {
        std::vector<DemoModel> out;
        for (const Model& m : kModels)
            out.push_back({std::string(m.make), std::string(m.model), m.yearFrom, m.yearTo, m.newEnergy, m.premium});
        return out;
    }();
    return k;
}

}  // namespace fc::core::demo
