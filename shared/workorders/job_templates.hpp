// Job templates (assets/jobs/*.json): the standard steps a technician works through for one
// service of the service menu — each step with its checklist, the readings to type (unit and
// allowed range), whether a photo is required and its standard minutes — and the skill the job
// needs. Loaded once, checked strictly: a template with a mistake is refused naming the file, the
// step and the field, and every mistake in every file is reported at once.
//
//   FC_ASSIGN(ServiceMenu menu, ServiceMenu::load(ServiceMenu::defaultPath()));
//   FC_ASSIGN(JobTemplates jobs, loadJobTemplates(defaultJobTemplatesDir(), serviceCodes(menu)));
//   const JobTemplate* brakes = jobs.find("brake_pads");          // 刹车片更换, 5 steps, general
//   const ReadingSpec* pad = brakes->findReading("measure_pads", "front_left_mm");
//   FC_ASSIGN(ReadingValue v, readingCheck(*pad, "２,5"));        // 25 (×10^-1 mm), in range
//
// The file (one service per file; fields not listed here are refused, so typos cannot pass):
//   {"version": 1, "service": "brake_pads", "skill": "general",
//    "steps": [
//      {"key": "measure_pads", "title_zh": "测量刹车片厚度", "title_en": "Measure pad thickness",
//       "minutes": 10,
//       "checklist": [{"zh": "检查刹车盘有无沟槽", "en": "Check the discs for scoring"}],
//       "readings": [{"key": "front_left_mm", "label_zh": "左前刹车片", "label_en": "Front left
//       pad",
//                     "unit": "mm", "min": 2, "max": 12, "decimals": 1, "attention_below": 3}],
//       "photo_required": true}, …]}
//   - keys (step, reading): 1–40 of a–z 0–9 '_', unique within the template / within the step;
//     they are stored with the job's facts, so never rename a shipped one.
//   - skill: general | electrical | ac | ev_high_voltage | alignment | body_paint.
//   - minutes: whole minutes 1–1440. checklist and readings may be empty or left out;
//     photo_required defaults to false.
//   - unit: one of kReadingUnits (mm, V, mV, °C, kPa, %, km, N·m, MΩ, °, g).
//   - decimals 0–3; min <= max, |min|, |max| <= 10^9, neither with more decimals than `decimals`.
//     attention_below / attention_above (optional, inside [min, max]) mark a value that is
//     plausible but calls for a yellow finding (pads under 3 mm, pack health under 80 %).
//     A typed value outside [min, max] is not refused: the screen asks to confirm and flags it.
// Messages: "brake_pads.json: step 2 (measure_pads): reading 'front_left_mm': max (1.5) is below
// min (2)". Steps are numbered from 1. Several problems come back as one kInvalid Error whose
// message holds one problem per line ('\n'-separated), each line complete on its own.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/staff/skills.hpp"  // Skill: what a job needs (staff skills use the same names)

namespace fc::core {

class ServiceMenu;

// The closed set of units a reading may use; the JSON holds the symbol as written here.
enum class ReadingUnit {
    kMm,
    kVolt,
    kMillivolt,
    kCelsius,
    kKpa,
    kPercent,
    kKm,
    kNewtonMetre,
    kMegohm,
    kDegree,
    kGram
};
inline constexpr std::array<ReadingUnit, 11> kReadingUnits = {
    ReadingUnit::kMm,     ReadingUnit::kVolt,    ReadingUnit::kMillivolt, ReadingUnit::kCelsius,
    ReadingUnit::kKpa,    ReadingUnit::kPercent, ReadingUnit::kKm,        ReadingUnit::kNewtonMetre,
    ReadingUnit::kMegohm, ReadingUnit::kDegree,  ReadingUnit::kGram};
// "mm", "V", "mV", "°C", "kPa", "%", "km", "N·m", "MΩ", "°", "g"
const char* readingUnitSymbol(ReadingUnit unit);
std::optional<ReadingUnit> parseReadingUnit(std::string_view symbol);

struct ReadingSpec {
    std::string key;  // "front_left_mm"
    std::string labelZh;
    std::string labelEn;
    ReadingUnit unit = ReadingUnit::kMm;
    int decimals = 0;  // 0–3; every value below is scaled by 10^decimals
    int64_t minScaled = 0;
    int64_t maxScaled = 0;
    std::optional<int64_t> attentionBelowScaled;
    std::optional<int64_t> attentionAboveScaled;
};

struct ChecklistItem {
    std::string zh;
    std::string en;
};

struct JobStep {
    std::string key;
    std::string titleZh;
    std::string titleEn;
    int minutes = 0;
    std::vector<ChecklistItem> checklist;
    std::vector<ReadingSpec> readings;
    bool photoRequired = false;

    const ReadingSpec* findReading(std::string_view key) const;
};

struct JobTemplate {
    std::string service;  // a service menu code
    Skill skill = Skill::kGeneral;
    std::vector<JobStep> steps;  // in the order they are done
    std::string file;            // where it came from ("brake_pads.json"), for messages

    const JobStep* findStep(std::string_view key) const;
    const ReadingSpec* findReading(std::string_view stepKey, std::string_view readingKey) const;
    int totalMinutes() const;
};

class JobTemplates {
public:
    JobTemplates() = default;
    explicit JobTemplates(std::vector<JobTemplate> templates) : m_templates(std::move(templates)) {}
    const std::vector<JobTemplate>& all() const { return m_templates; }
    const JobTemplate* find(std::string_view service) const;

private:
    std::vector<JobTemplate> m_templates;  // sorted by file name
};

// FC_ASSETS_DIR "/jobs"
std::string defaultJobTemplatesDir();
// The codes of a menu, the usual `knownServices` argument.
std::set<std::string> serviceCodes(const ServiceMenu& menu);

// One template from its text; `file` names it in messages. Every problem found is reported (one
// per line of the error message), not just the first.
Result<JobTemplate> parseJobTemplate(std::string_view text, const std::string& file,
                                     const std::set<std::string>& knownServices);
// Every *.json in `dir`, in file-name order. Problems across all files (including a second
// template for a service that already has one) are collected into one error, one per line; an
// unreadable or missing directory is kIo.
Result<JobTemplates> loadJobTemplates(const std::string& dir,
                                      const std::set<std::string>& knownServices);

// A typed reading, checked against its spec.
struct ReadingValue {
    int64_t scaled = 0;  // value × 10^decimals: "2.5" mm with 1 decimal → 25
    int decimals = 0;
    bool inRange = true;     // within [min, max]; outside → confirm and flag
    bool attention = false;  // in range but beyond attention_below / attention_above
};
// Accepts what a tablet keypad or an IME gives: full-width digits and signs, '.', '。' or ','
// as the decimal point, a leading '-', '−' or '+', surrounding spaces and the spec's own unit
// symbol after the number ("2.5mm"). Trailing zeros past `decimals` are fine ("2.50" for one
// decimal); a non-zero digit past it is refused. Refusals name the reading:
// "reading 'front_left_mm' (左前刹车片): 'abc' is not a number".
Result<ReadingValue> readingCheck(const ReadingSpec& spec, std::string_view typed);
// "2.5 mm", "-35°C", "12.60 V", "98%", "0.15°" (no space before %, ° and °C).
std::string formatReading(const ReadingSpec& spec, int64_t scaled);

}  // namespace fc::core
