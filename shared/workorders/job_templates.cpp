// Index:
//   [SECTION] Names (skills, units)
//   [SECTION] Field checks (one problem per mistake, collected)
//   [SECTION] Parsing one template
//   [SECTION] Loading a directory
//   [SECTION] Typed readings
#include "shared/workorders/job_templates.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "shared/core/text.hpp"
#include "shared/visits/service_menu.hpp"

namespace fc::core {

namespace {

using nlohmann::json;

constexpr int kMaxDecimals = 3;
constexpr double kMaxReadingMagnitude = 1e9;
constexpr int kMaxStepMinutes = 24 * 60;
constexpr size_t kMaxSteps = 60;
constexpr size_t kMaxChecklistItems = 40;
constexpr size_t kMaxReadings = 30;

int64_t pow10(int n) {
    int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

bool validKey(std::string_view k, size_t minLen, size_t maxLen) {
    if (k.size() < minLen || k.size() > maxLen) return false;
    for (char ch : k)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
    return true;
}

}  // namespace

// [SECTION] Names (skills, units) ----------------------------------------------------------------

// skillName and parseSkill: shared/staff/skills.cpp.

const char* readingUnitSymbol(ReadingUnit unit) {
    switch (unit) {
        case ReadingUnit::kMm:
            return "mm";
        case ReadingUnit::kVolt:
            return "V";
        case ReadingUnit::kMillivolt:
            return "mV";
        case ReadingUnit::kCelsius:
            return "\xC2\xB0"
                   "C";  // °C
        case ReadingUnit::kKpa:
            return "kPa";
        case ReadingUnit::kPercent:
            return "%";
        case ReadingUnit::kKm:
            return "km";
        case ReadingUnit::kNewtonMetre:
            return "N\xC2\xB7m";  // N·m
        case ReadingUnit::kMegohm:
            return "M\xCE\xA9";  // MΩ
        case ReadingUnit::kDegree:
            return "\xC2\xB0";  // °
        case ReadingUnit::kGram:
            return "g";
    }
    return "?";
}

std::optional<ReadingUnit> parseReadingUnit(std::string_view symbol) {
    for (ReadingUnit u : kReadingUnits)
        if (symbol == readingUnitSymbol(u)) return u;
    return std::nullopt;
}

// [SECTION] Field checks (one problem per mistake, collected) ------------------------------------

namespace {

size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min(
                {prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

std::string unitList() {
    std::vector<std::string> names;
    for (ReadingUnit u : kReadingUnits) names.emplace_back(readingUnitSymbol(u));
    return joinNames(names);
}

std::string skillList() {
    std::vector<std::string> names;
    for (Skill s : kSkills) names.emplace_back(skillName(s));
    return joinNames(names);
}

// What a JSON value looks like in a message: numbers as written, text quoted.
std::string shown(const json& v) {
    if (v.is_string()) return "'" + v.get<std::string>() + "'";
    return v.dump();
}

// Collects problems for one file; `where` is the path inside the file ("step 2 (measure_pads)").
class Checker {
public:
    Checker(std::string file, std::vector<std::string>& problems)
        : m_file(std::move(file)), m_problems(problems) {}

    void problem(const std::string& where, const std::string& what) {
        m_problems.push_back(m_file + ": " + (where.empty() ? "" : where + ": ") + what);
    }
    size_t count() const { return m_problems.size(); }

    static std::string join(const std::string& where, const std::string& field) {
        return where.empty() ? field : where + ": " + field;
    }

    // Every field of `obj` must be one of `allowed`.
    void onlyFields(const json& obj, const std::string& where,
                    std::initializer_list<const char*> allowed) {
        for (const auto& [name, value] : obj.items()) {
            (void)value;
            bool known = false;
            for (const char* a : allowed) known |= name == a;
            if (known) continue;
            std::string hint;
            // A near miss (at most one edit per three characters) is named as the likely typo.
            size_t best = std::max<size_t>(1, name.size() / 3) + 1;
            for (const char* a : allowed) {
                const size_t d = editDistance(name, a);
                if (d < best) best = d, hint = std::string(" (did you mean '") + a + "'?)";
            }
            std::vector<std::string> names(allowed.begin(), allowed.end());
            problem(where, "unknown field '" + name + "'" +
                               (hint.empty() ? " (fields here: " + joinNames(names) + ")" : hint));
        }
    }

    std::optional<std::string> text(const json& obj, const std::string& where, const char* key,
                                    size_t maxChars) {
        const std::string field = join(where, key);
        if (!obj.contains(key)) {
            problem(field, "missing");
            return std::nullopt;
        }
        if (!obj[key].is_string()) {
            problem(field, "must be text, not " + shown(obj[key]));
            return std::nullopt;
        }
        const std::string raw = obj[key].get<std::string>();
        if (!isValidUtf8(raw)) {
            problem(field, "is not valid UTF-8");
            return std::nullopt;
        }
        // trim, not cleanText: cleanText folds full-width forms, and '（）：，' are the right
        // punctuation in Chinese text shown on the tablet.
        std::string v = trim(raw);
        if (v.empty()) {
            problem(field, "is empty");
            return std::nullopt;
        }
        if (hasHiddenCharacters(v)) {
            problem(field, "holds a control or invisible character");
            return std::nullopt;
        }
        if (utf8Length(v) > maxChars) {
            problem(field, "is longer than " + std::to_string(maxChars) + " characters");
            return std::nullopt;
        }
        return v;
    }

    std::optional<std::string> key(const json& obj, const std::string& where, const char* name) {
        const std::string field = join(where, name);
        if (!obj.contains(name)) {
            problem(field, "missing");
            return std::nullopt;
        }
        if (!obj[name].is_string() || !validKey(obj[name].get<std::string>(), 1, 40)) {
            problem(field, shown(obj[name]) +
                               " must be 1–40 of a–z, 0–9 and '_' (it is stored with the job)");
            return std::nullopt;
        }
        return obj[name].get<std::string>();
    }

    std::optional<int64_t> integer(const json& obj, const std::string& where, const char* name,
                                   int64_t lo, int64_t hi, const char* what) {
        const std::string field = join(where, name);
        if (!obj.contains(name)) {
            problem(field, "missing");
            return std::nullopt;
        }
        const json& v = obj[name];
        if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
            problem(field, shown(v) + " must be a whole number " + what + " from " +
                               std::to_string(lo) + " to " + std::to_string(hi));
            return std::nullopt;
        }
        return v.get<int64_t>();
    }

    // A number with at most `decimals` decimals, scaled by 10^decimals ("min: 2.05 has more
    // decimals than 'decimals' (1)").
    std::optional<int64_t> decimal(const json& v, const std::string& where, const char* name,
                                   int decimals) {
        const std::string field = join(where, name);
        if (!v.is_number()) {
            problem(field, shown(v) + " must be a number");
            return std::nullopt;
        }
        const double d = v.get<double>();
        if (!std::isfinite(d) || std::fabs(d) > kMaxReadingMagnitude) {
            problem(field, shown(v) + " is out of range (at most 10^9 either way)");
            return std::nullopt;
        }
        if (v.is_number_integer()) return v.get<int64_t>() * pow10(decimals);
        const double scaled = d * static_cast<double>(pow10(decimals));
        const double rounded = std::round(scaled);
        if (std::fabs(scaled - rounded) > 1e-6 * std::max(1.0, std::fabs(rounded))) {
            problem(field, shown(v) + " has more decimals than 'decimals' (" +
                               std::to_string(decimals) + ")");
            return std::nullopt;
        }
        return static_cast<int64_t>(rounded);
    }

    const std::string& file() const { return m_file; }

private:
    std::string m_file;
    std::vector<std::string>& m_problems;
};

// A first pass over the text with nlohmann's SAX interface, which reports errors by value (no
// exceptions): where the syntax breaks, and every key written twice in one object (the DOM parser
// keeps the last one silently, so a typo'd copy would pass).
class JsonSyntaxCheck : public nlohmann::json_sax<json> {
public:
    std::optional<size_t> errorByte;
    std::vector<std::string> duplicates;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        m_open.emplace_back();
        return true;
    }
    bool key(string_t& k) override {
        if (!m_open.empty() && !m_open.back().insert(k).second) duplicates.push_back(k);
        return true;
    }
    bool end_object() override {
        if (!m_open.empty()) m_open.pop_back();
        return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&, const json::exception&) override {
        errorByte = position;
        return false;
    }

private:
    std::vector<std::set<std::string>> m_open;
};

std::optional<ReadingSpec> parseReading(Checker& c, const json& r, const std::string& stepWhere,
                                        size_t index) {
    std::string where = Checker::join(stepWhere, "reading " + std::to_string(index + 1));
    if (!r.is_object()) {
        c.problem(where, "must be an object");
        return std::nullopt;
    }
    const size_t before = c.count();
    ReadingSpec spec;
    if (auto k = c.key(r, where, "key")) {
        spec.key = *k;
        where = Checker::join(stepWhere, "reading '" + spec.key + "'");
    }
    c.onlyFields(r, where,
                 {"key", "label_zh", "label_en", "unit", "min", "max", "decimals",
                  "attention_below", "attention_above"});
    if (auto t = c.text(r, where, "label_zh", 40)) spec.labelZh = *t;
    if (auto t = c.text(r, where, "label_en", 80)) spec.labelEn = *t;
    if (!r.contains("unit")) {
        c.problem(Checker::join(where, "unit"), "missing (one of " + unitList() + ")");
    } else if (auto u = r["unit"].is_string() ? parseReadingUnit(r["unit"].get<std::string>())
                                              : std::nullopt) {
        spec.unit = *u;
    } else {
        std::string hint;
        if (r["unit"] == "\xE2\x84\x83" || r["unit"] == "C") hint = " (write '°C')";  // ℃
        c.problem(Checker::join(where, "unit"),
                  shown(r["unit"]) + " is not one of " + unitList() + hint);
    }
    bool decimalsOk = true;
    if (r.contains("decimals")) {
        if (auto d = c.integer(r, where, "decimals", 0, kMaxDecimals, "of decimals"))
            spec.decimals = static_cast<int>(*d);
        else
            decimalsOk = false;
    }
    std::optional<int64_t> lo, hi, below, above;
    if (!r.contains("min")) c.problem(Checker::join(where, "min"), "missing");
    if (!r.contains("max")) c.problem(Checker::join(where, "max"), "missing");
    if (decimalsOk) {
        if (r.contains("min")) lo = c.decimal(r["min"], where, "min", spec.decimals);
        if (r.contains("max")) hi = c.decimal(r["max"], where, "max", spec.decimals);
        if (r.contains("attention_below"))
            below = c.decimal(r["attention_below"], where, "attention_below", spec.decimals);
        if (r.contains("attention_above"))
            above = c.decimal(r["attention_above"], where, "attention_above", spec.decimals);
    }
    if (lo && hi && *hi < *lo)
        c.problem(where, "max (" + r["max"].dump() + ") is below min (" + r["min"].dump() + ")");
    auto inside = [&](const std::optional<int64_t>& v, const char* name) {
        if (v && lo && hi && *lo <= *hi && (*v < *lo || *v > *hi))
            c.problem(where, std::string(name) + " (" + r[name].dump() + ") is outside min (" +
                                 r["min"].dump() + ") and max (" + r["max"].dump() + ")");
    };
    inside(below, "attention_below");
    inside(above, "attention_above");
    if (below && above && *below > *above)
        c.problem(where, "attention_below (" + r["attention_below"].dump() +
                             ") is above attention_above (" + r["attention_above"].dump() + ")");
    if (c.count() != before) return std::nullopt;
    spec.minScaled = *lo;
    spec.maxScaled = *hi;
    spec.attentionBelowScaled = below;
    spec.attentionAboveScaled = above;
    return spec;
}

std::optional<JobStep> parseStep(Checker& c, const json& s, size_t index) {
    std::string where = "step " + std::to_string(index + 1);
    if (!s.is_object()) {
        c.problem(where, "must be an object");
        return std::nullopt;
    }
    const size_t before = c.count();
    JobStep step;
    if (auto k = c.key(s, where, "key")) {
        step.key = *k;
        where += " (" + step.key + ")";
    }
    c.onlyFields(
        s, where,
        {"key", "title_zh", "title_en", "minutes", "checklist", "readings", "photo_required"});
    if (auto t = c.text(s, where, "title_zh", 40)) step.titleZh = *t;
    if (auto t = c.text(s, where, "title_en", 80)) step.titleEn = *t;
    if (auto m = c.integer(s, where, "minutes", 1, kMaxStepMinutes, "of minutes"))
        step.minutes = static_cast<int>(*m);
    if (s.contains("photo_required")) {
        if (s["photo_required"].is_boolean())
            step.photoRequired = s["photo_required"].get<bool>();
        else
            c.problem(Checker::join(where, "photo_required"),
                      shown(s["photo_required"]) + " must be true or false");
    }
    if (s.contains("checklist")) {
        const json& list = s["checklist"];
        if (!list.is_array()) {
            c.problem(Checker::join(where, "checklist"), "must be a list");
        } else if (list.size() > kMaxChecklistItems) {
            c.problem(Checker::join(where, "checklist"),
                      "has more than " + std::to_string(kMaxChecklistItems) + " items");
        } else {
            for (size_t i = 0; i < list.size(); ++i) {
                const std::string itemWhere =
                    Checker::join(where, "checklist item " + std::to_string(i + 1));
                if (!list[i].is_object()) {
                    c.problem(itemWhere, "must be an object with zh and en");
                    continue;
                }
                c.onlyFields(list[i], itemWhere, {"zh", "en"});
                auto zh = c.text(list[i], itemWhere, "zh", 80);
                auto en = c.text(list[i], itemWhere, "en", 160);
                if (zh && en) step.checklist.push_back({*zh, *en});
            }
        }
    }
    if (s.contains("readings")) {
        const json& list = s["readings"];
        if (!list.is_array()) {
            c.problem(Checker::join(where, "readings"), "must be a list");
        } else if (list.size() > kMaxReadings) {
            c.problem(Checker::join(where, "readings"),
                      "has more than " + std::to_string(kMaxReadings) + " readings");
        } else {
            for (size_t i = 0; i < list.size(); ++i) {
                auto spec = parseReading(c, list[i], where, i);
                if (!spec) continue;
                if (step.findReading(spec->key))
                    c.problem(Checker::join(where, "reading '" + spec->key + "'"),
                              "key appears twice in this step");
                else
                    step.readings.push_back(std::move(*spec));
            }
        }
    }
    if (c.count() != before) return std::nullopt;
    return step;
}

// [SECTION] Parsing one template ------------------------------------------------------------------

std::optional<JobTemplate> parseInto(std::string_view text, const std::string& file,
                                     const std::set<std::string>& knownServices,
                                     std::vector<std::string>& problems) {
    Checker c(file, problems);
    const size_t before = c.count();
    JsonSyntaxCheck syntax;
    const bool wellFormed = json::sax_parse(text.begin(), text.end(), &syntax);
    if (!wellFormed || syntax.errorByte) {
        size_t line = 1;
        const size_t upTo = std::min(syntax.errorByte.value_or(text.size()), text.size());
        for (size_t i = 0; i + 1 < upTo; ++i) line += text[i] == '\n';
        c.problem("", "not valid JSON near line " + std::to_string(line));
        return std::nullopt;
    }
    const json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) {
        c.problem("", "not valid JSON");
        return std::nullopt;
    }
    for (const auto& k : syntax.duplicates)
        c.problem("", "field '" + k + "' is written twice in one object");
    if (!doc.is_object()) {
        c.problem("", "expected a JSON object at the top");
        return std::nullopt;
    }
    c.onlyFields(doc, "", {"version", "service", "skill", "steps"});
    if (!doc.contains("version") || !doc["version"].is_number_integer() ||
        doc["version"].get<int64_t>() != 1)
        c.problem("version", "must be 1 (the only format this program reads)");

    JobTemplate tpl;
    tpl.file = file;
    if (auto code = c.key(doc, "", "service")) {
        if (!knownServices.count(*code))
            c.problem("service", "'" + *code + "' is not on the service menu");
        tpl.service = *code;
    }
    if (!doc.contains("skill")) {
        c.problem("skill", "missing (one of " + skillList() + ")");
    } else if (auto sk = doc["skill"].is_string() ? parseSkill(doc["skill"].get<std::string>())
                                                  : std::nullopt) {
        tpl.skill = *sk;
    } else {
        c.problem("skill", shown(doc["skill"]) + " is not one of " + skillList());
    }
    if (!doc.contains("steps") || !doc["steps"].is_array()) {
        c.problem("steps", "must be a list of steps");
    } else if (doc["steps"].empty()) {
        c.problem("steps", "a template needs at least one step");
    } else if (doc["steps"].size() > kMaxSteps) {
        c.problem("steps", "more than " + std::to_string(kMaxSteps) + " steps");
    } else {
        const json& steps = doc["steps"];
        std::map<std::string, size_t> seen;  // step key → 1-based index
        for (size_t i = 0; i < steps.size(); ++i) {
            // A duplicate key is reported even when the step has other mistakes.
            if (steps[i].is_object() && steps[i].contains("key") && steps[i]["key"].is_string()) {
                const std::string k = steps[i]["key"].get<std::string>();
                auto [it, fresh] = seen.emplace(k, i + 1);
                if (!fresh)
                    c.problem(
                        "step " + std::to_string(i + 1) + " (" + k + ")",
                        "key: '" + k + "' is already used by step " + std::to_string(it->second));
            }
            if (auto step = parseStep(c, steps[i], i)) tpl.steps.push_back(std::move(*step));
        }
    }
    if (c.count() != before) return std::nullopt;
    return tpl;
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        if (!out.empty()) out += '\n';
        out += l;
    }
    return out;
}

}  // namespace

const ReadingSpec* JobStep::findReading(std::string_view k) const {
    for (const auto& r : readings)
        if (r.key == k) return &r;
    return nullptr;
}

const JobStep* JobTemplate::findStep(std::string_view k) const {
    for (const auto& s : steps)
        if (s.key == k) return &s;
    return nullptr;
}

const ReadingSpec* JobTemplate::findReading(std::string_view stepKey,
                                            std::string_view readingKey) const {
    const JobStep* s = findStep(stepKey);
    return s ? s->findReading(readingKey) : nullptr;
}

int JobTemplate::totalMinutes() const {
    int total = 0;
    for (const auto& s : steps) total += s.minutes;
    return total;
}

const JobTemplate* JobTemplates::find(std::string_view service) const {
    for (const auto& t : m_templates)
        if (t.service == service) return &t;
    return nullptr;
}

std::string defaultJobTemplatesDir() {
    return std::string(FC_ASSETS_DIR) + "/jobs";
}

std::set<std::string> serviceCodes(const ServiceMenu& menu) {
    std::set<std::string> codes;
    for (const auto& item : menu.items()) codes.insert(item.code);
    return codes;
}

Result<JobTemplate> parseJobTemplate(std::string_view text, const std::string& file,
                                     const std::set<std::string>& knownServices) {
    std::vector<std::string> problems;
    auto tpl = parseInto(text, file, knownServices, problems);
    if (!tpl) return invalid(joinLines(problems));
    return std::move(*tpl);
}

// [SECTION] Loading a directory
// --------------------------------------------------------------------

Result<JobTemplates> loadJobTemplates(const std::string& dir,
                                      const std::set<std::string>& knownServices) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeEc;
        if (it->path().extension() == ".json" && it->is_regular_file(typeEc))
            files.push_back(it->path());
    }
    if (ec)
        return Error(Errc::kIo,
                     dir + ": cannot read the job templates folder (" + ec.message() + ")");
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });

    std::vector<std::string> problems;
    std::vector<JobTemplate> templates;
    std::map<std::string, std::string> owner;  // service → file that has its template
    for (const auto& path : files) {
        const std::string name = path.filename().string();
        std::ifstream f(path, std::ios::binary);
        if (!f) {
            problems.push_back(name + ": cannot open");
            continue;
        }
        std::ostringstream ss;
        ss << f.rdbuf();
        auto tpl = parseInto(ss.str(), name, knownServices, problems);
        if (!tpl) continue;
        auto [it, fresh] = owner.emplace(tpl->service, name);
        if (!fresh) {
            problems.push_back(name + ": service: '" + tpl->service +
                               "' already has a template in " + it->second);
            continue;
        }
        templates.push_back(std::move(*tpl));
    }
    if (!problems.empty()) return invalid(joinLines(problems));
    return JobTemplates(std::move(templates));
}

// [SECTION] Typed readings ----------------------------------------------------------------------

namespace {

std::string replaceAll(std::string s, std::string_view from, std::string_view to) {
    for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
        s.replace(pos, from.size(), to);
    return s;
}

bool endsWithFolded(const std::string& s, std::string_view suffix) {
    if (suffix.empty() || s.size() < suffix.size()) return false;
    return toLowerAscii(s.substr(s.size() - suffix.size())) == toLowerAscii(suffix);
}

}  // namespace

Result<ReadingValue> readingCheck(const ReadingSpec& spec, std::string_view typed) {
    const std::string who = "reading '" + spec.key + "' (" + spec.labelZh + ")";
    std::string s = foldWidth(typed);
    s = replaceAll(std::move(s), "\xE3\x80\x82", ".");  // 。 (an IME's full stop)
    s = replaceAll(std::move(s), "\xE2\x88\x92", "-");  // − minus sign
    s = trim(s);
    // The spec's own unit after the number, as a person might type it ("2.5mm", "-35℃").
    const std::string symbol = readingUnitSymbol(spec.unit);
    if (endsWithFolded(s, symbol)) {
        s = trim(s.substr(0, s.size() - symbol.size()));
    } else if (spec.unit == ReadingUnit::kCelsius && endsWithFolded(s, "\xE2\x84\x83")) {  // ℃
        s = trim(s.substr(0, s.size() - 3));
    }
    if (s.empty()) return invalid(who + ": nothing typed");
    const std::string shownTyped = "'" + trim(typed) + "'";

    size_t i = 0;
    bool negative = false;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        ++i;
    }
    std::string whole, frac;
    bool point = false;
    for (; i < s.size(); ++i) {
        const char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            (point ? frac : whole) += ch;
        } else if ((ch == '.' || ch == ',') && !point) {
            point = true;
        } else {
            return invalid(who + ": " + shownTyped + " is not a number");
        }
    }
    if (whole.empty() && frac.empty()) return invalid(who + ": " + shownTyped + " is not a number");
    // Digits past `decimals` may only be zeros.
    while (frac.size() > static_cast<size_t>(spec.decimals) && frac.back() == '0') frac.pop_back();
    if (frac.size() > static_cast<size_t>(spec.decimals)) {
        if (spec.decimals == 0) return invalid(who + ": " + shownTyped + " must be a whole number");
        return invalid(who + ": " + shownTyped + " has more than " + std::to_string(spec.decimals) +
                       (spec.decimals == 1 ? " decimal" : " decimals"));
    }
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
    if (whole.size() > 12) return invalid(who + ": " + shownTyped + " is far too large");
    frac.resize(static_cast<size_t>(spec.decimals), '0');
    int64_t v = 0;
    for (char ch : whole + frac) v = v * 10 + (ch - '0');
    ReadingValue out;
    out.scaled = negative ? -v : v;
    out.decimals = spec.decimals;
    out.inRange = out.scaled >= spec.minScaled && out.scaled <= spec.maxScaled;
    out.attention =
        out.inRange && ((spec.attentionBelowScaled && out.scaled < *spec.attentionBelowScaled) ||
                        (spec.attentionAboveScaled && out.scaled > *spec.attentionAboveScaled));
    return out;
}

std::string formatReading(const ReadingSpec& spec, int64_t scaled) {
    const int64_t p = pow10(spec.decimals);
    const bool negative = scaled < 0;
    const uint64_t a = negative ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
    std::string out = negative ? "-" : "";
    out += std::to_string(a / static_cast<uint64_t>(p));
    if (spec.decimals > 0) {
        std::string f = std::to_string(a % static_cast<uint64_t>(p));
        out += "." + std::string(static_cast<size_t>(spec.decimals) - f.size(), '0') + f;
    }
    const bool tight = spec.unit == ReadingUnit::kPercent || spec.unit == ReadingUnit::kDegree ||
                       spec.unit == ReadingUnit::kCelsius;
    return out + (tight ? "" : " ") + readingUnitSymbol(spec.unit);
}

}  // namespace fc::core
