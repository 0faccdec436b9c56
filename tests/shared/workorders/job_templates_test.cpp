#include "shared/workorders/job_templates.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "shared/visits/service_menu.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using nlohmann::json;

const std::set<std::string> kKnown = {"brake_pads", "oil_filter", "ev_hv_check"};

// A correct template; each test breaks one thing.
json goodTemplate() {
    return json::parse(R"({
      "version": 1, "service": "brake_pads", "skill": "general",
      "steps": [
        {"key": "road_test", "title_zh": "试车", "title_en": "Road test", "minutes": 5,
         "checklist": [{"zh": "确认异响", "en": "Confirm the noise"}]},
        {"key": "measure_pads", "title_zh": "测量刹车片", "title_en": "Measure pads", "minutes": 10,
         "photo_required": true,
         "readings": [
           {"key": "front_left_mm", "label_zh": "左前刹车片", "label_en": "Front left pad",
            "unit": "mm", "min": 2, "max": 12, "decimals": 1, "attention_below": 3},
           {"key": "front_right_mm", "label_zh": "右前刹车片", "label_en": "Front right pad",
            "unit": "mm", "min": 2, "max": 12, "decimals": 1}]}
      ]})");
}

std::vector<std::string> lines(const std::string& message) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= message.size()) {
        const size_t end = message.find('\n', start);
        out.push_back(
            message.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

std::string problemsOf(const json& doc, const std::string& file = "brake_pads.json") {
    auto r = parseJobTemplate(doc.dump(), file, kKnown);
    EXPECT_FALSE(r.ok()) << doc.dump(2);
    if (r.ok()) return "";
    EXPECT_EQ(r.error().code, Errc::kInvalid);
    return r.error().message;
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
}

TEST(JobTemplates, TheShippedTemplatesLoadAndCoverTheWorkshopServices) {
    auto menu = ServiceMenu::load(ServiceMenu::defaultPath());
    ASSERT_TRUE(menu.ok()) << menu.error().message;
    auto jobs = loadJobTemplates(defaultJobTemplatesDir(), serviceCodes(*menu));
    ASSERT_TRUE(jobs.ok()) << jobs.error().message;
    for (const char* code : {"routine_service", "oil_filter", "brake_pads", "tyre_replace",
                             "wheel_alignment", "ac_service", "diagnosis", "ev_hv_check",
                             "body_paint"}) {
        const JobTemplate* t = jobs->find(code);
        ASSERT_NE(t, nullptr) << code;
        EXPECT_GE(t->steps.size(), 3u) << code;
        // The steps add up to the menu's standard time, so the bay board's plan is honest.
        EXPECT_EQ(t->totalMinutes(), menu->find(code)->minutes) << code;
        bool anyPhoto = false;
        for (const auto& step : t->steps) {
            EXPECT_FALSE(step.checklist.empty()) << code << "/" << step.key;
            anyPhoto |= step.photoRequired;
        }
        EXPECT_TRUE(anyPhoto) << code;
    }
    EXPECT_EQ(jobs->find("ev_hv_check")->skill, Skill::kEvHighVoltage);
    EXPECT_EQ(jobs->find("wheel_alignment")->skill, Skill::kAlignment);
    EXPECT_EQ(jobs->find("ac_service")->skill, Skill::kAc);
    EXPECT_EQ(jobs->find("brake_pads")->skill, Skill::kGeneral);
    EXPECT_EQ(jobs->find("body_paint")->skill, Skill::kBodyPaint);
    EXPECT_EQ(menu->find("ev_hv_check")->nameZh, "新能源车三电检测");

    // The readings a store expects, with their real limits.
    const ReadingSpec* pad = jobs->find("brake_pads")->findReading("measure_pads", "front_left_mm");
    ASSERT_NE(pad, nullptr);
    EXPECT_EQ(pad->unit, ReadingUnit::kMm);
    EXPECT_EQ(pad->decimals, 1);
    EXPECT_EQ(pad->minScaled, 20);
    EXPECT_EQ(pad->maxScaled, 120);
    EXPECT_EQ(pad->attentionBelowScaled.value_or(-1), 30);
    const ReadingSpec* tread =
        jobs->find("tyre_replace")->findReading("check_tyres", "old_tread_mm");
    ASSERT_NE(tread, nullptr);
    EXPECT_EQ(tread->minScaled, 16);  // 1.6 mm, the legal minimum
    const ReadingSpec* soh = jobs->find("ev_hv_check")->findReading("bms_data", "pack_soh_pct");
    ASSERT_NE(soh, nullptr);
    EXPECT_EQ(soh->unit, ReadingUnit::kPercent);
    EXPECT_EQ(soh->minScaled, 70);
    EXPECT_EQ(soh->maxScaled, 100);
    const ReadingSpec* freeze =
        jobs->find("routine_service")->findReading("fluids_check", "coolant_freezing_c");
    ASSERT_NE(freeze, nullptr);
    EXPECT_EQ(freeze->minScaled, -45);
    EXPECT_EQ(freeze->maxScaled, -25);
    const ReadingSpec* batt =
        jobs->find("routine_service")->findReading("battery_lights", "battery_v");
    ASSERT_NE(batt, nullptr);
    EXPECT_EQ(batt->minScaled, 1180);
    EXPECT_EQ(batt->maxScaled, 1280);
    ASSERT_NE(jobs->find("ev_hv_check")->findReading("insulation_test", "insulation_pos_mohm"),
              nullptr);
    ASSERT_NE(jobs->find("tyre_replace")->findReading("inflate_fit", "pressure_fl_kpa"), nullptr);
    // 钣金喷漆: the booth's temperature in °C and the film thickness in μm, typed as mm with three
    // decimals (0.001 mm = 1 μm; there is no μm unit).
    const JobTemplate* paint = jobs->find("body_paint");
    const ReadingSpec* booth = paint->findReading("paint_clear", "booth_temp_c");
    ASSERT_NE(booth, nullptr);
    EXPECT_EQ(booth->unit, ReadingUnit::kCelsius);
    const ReadingSpec* film = paint->findReading("paint_clear", "film_total_mm");
    ASSERT_NE(film, nullptr);
    EXPECT_EQ(film->unit, ReadingUnit::kMm);
    EXPECT_EQ(film->decimals, 3);
    EXPECT_EQ(film->minScaled, 80);   // 80 μm
    EXPECT_EQ(film->maxScaled, 400);  // 400 μm
    auto typed = readingCheck(*film, "0.125");
    ASSERT_TRUE(typed.ok()) << typed.error().message;
    EXPECT_EQ(typed->scaled, 125);
    EXPECT_TRUE(typed->inRange);
    EXPECT_TRUE(paint->steps.front().photoRequired) << "the damage is photographed first";
    EXPECT_TRUE(paint->steps.back().photoRequired) << "and the finished panel last";
    // Chinese punctuation is kept as written (not folded to ASCII).
    EXPECT_EQ(jobs->find("brake_pads")->steps[0].checklist[0].zh,
              "铺好座椅套、方向盘套、脚垫（三件套）");
}

TEST(JobTemplates, AGoodTemplateParses) {
    auto t = parseJobTemplate(goodTemplate().dump(), "brake_pads.json", kKnown);
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->service, "brake_pads");
    EXPECT_EQ(t->file, "brake_pads.json");
    ASSERT_EQ(t->steps.size(), 2u);
    EXPECT_FALSE(t->steps[0].photoRequired);
    EXPECT_TRUE(t->steps[1].photoRequired);
    EXPECT_EQ(t->steps[0].checklist[0].en, "Confirm the noise");
    EXPECT_EQ(t->totalMinutes(), 15);
    EXPECT_FALSE(t->findReading("measure_pads", "front_right_mm")->attentionBelowScaled);
}

TEST(JobTemplates, EachKindOfMistakeIsRefusedNamingFileStepAndField) {
    struct Case {
        const char* what;
        std::function<void(json&)> breakIt;
        const char* expected;
    };
    const Case cases[] = {
        {"max below min", [](json& d) { d["steps"][1]["readings"][0]["max"] = 1.5; },
         "brake_pads.json: step 2 (measure_pads): reading 'front_left_mm': max (1.5) is below "
         "min (2)"},
        {"unknown step field (typo)", [](json& d) { d["steps"][1]["photo_requried"] = true; },
         "brake_pads.json: step 2 (measure_pads): unknown field 'photo_requried' (did you mean "
         "'photo_required'?)"},
        {"unknown top-level field", [](json& d) { d["author"] = "王强"; },
         "brake_pads.json: unknown field 'author'"},
        {"unknown reading field", [](json& d) { d["steps"][1]["readings"][1]["maximum"] = 3; },
         "brake_pads.json: step 2 (measure_pads): reading 'front_right_mm': unknown field "
         "'maximum'"},
        {"unknown checklist field", [](json& d) { d["steps"][0]["checklist"][0]["jp"] = "x"; },
         "brake_pads.json: step 1 (road_test): checklist item 1: unknown field 'jp'"},
        {"duplicate step key", [](json& d) { d["steps"][1]["key"] = "road_test"; },
         "brake_pads.json: step 2 (road_test): key: 'road_test' is already used by step 1"},
        {"duplicate reading key",
         [](json& d) { d["steps"][1]["readings"][1]["key"] = "front_left_mm"; },
         "brake_pads.json: step 2 (measure_pads): reading 'front_left_mm': key appears twice in "
         "this step"},
        {"empty title", [](json& d) { d["steps"][0]["title_zh"] = "  "; },
         "brake_pads.json: step 1 (road_test): title_zh: is empty"},
        {"missing title", [](json& d) { d["steps"][0].erase("title_en"); },
         "brake_pads.json: step 1 (road_test): title_en: missing"},
        {"minutes 0", [](json& d) { d["steps"][0]["minutes"] = 0; },
         "brake_pads.json: step 1 (road_test): minutes: 0 must be a whole number of minutes from "
         "1 to 1440"},
        {"minutes over a day", [](json& d) { d["steps"][1]["minutes"] = 24 * 60 + 1; },
         "brake_pads.json: step 2 (measure_pads): minutes: 1441"},
        {"minutes not whole", [](json& d) { d["steps"][1]["minutes"] = 2.5; },
         "brake_pads.json: step 2 (measure_pads): minutes: 2.5"},
        {"unknown service", [](json& d) { d["service"] = "brake_pad"; },
         "brake_pads.json: service: 'brake_pad' is not on the service menu"},
        {"unknown skill", [](json& d) { d["skill"] = "hv"; },
         "brake_pads.json: skill: 'hv' is not one of general, electrical, ac, ev_high_voltage, "
         "alignment, body_paint"},
        {"bad unit", [](json& d) { d["steps"][1]["readings"][0]["unit"] = "cm"; },
         "brake_pads.json: step 2 (measure_pads): reading 'front_left_mm': unit: 'cm' is not one "
         "of mm, V, mV, °C, kPa, %, km, N·m, MΩ, °, g"},
        {"too many decimals in a limit",
         [](json& d) { d["steps"][1]["readings"][0]["min"] = 2.05; },
         "brake_pads.json: step 2 (measure_pads): reading 'front_left_mm': min: 2.05 has more "
         "decimals than 'decimals' (1)"},
        {"attention outside the range",
         [](json& d) { d["steps"][1]["readings"][0]["attention_below"] = 1; },
         "reading 'front_left_mm': attention_below (1) is outside min (2) and max (12)"},
        {"bad step key", [](json& d) { d["steps"][0]["key"] = "Road Test"; },
         "brake_pads.json: step 1: key: 'Road Test' must be 1–40 of a–z, 0–9 and '_'"},
        {"bad reading key", [](json& d) { d["steps"][1]["readings"][0].erase("key"); },
         "brake_pads.json: step 2 (measure_pads): reading 1: key: missing"},
        {"photo flag not a bool", [](json& d) { d["steps"][1]["photo_required"] = "yes"; },
         "brake_pads.json: step 2 (measure_pads): photo_required: 'yes' must be true or false"},
        {"no steps", [](json& d) { d["steps"] = json::array(); },
         "brake_pads.json: steps: a template needs at least one step"},
        {"wrong version", [](json& d) { d["version"] = 2; }, "brake_pads.json: version: must be 1"},
        {"decimals out of range", [](json& d) { d["steps"][1]["readings"][0]["decimals"] = 4; },
         "reading 'front_left_mm': decimals: 4 must be a whole number of decimals from 0 to 3"},
    };
    for (const auto& c : cases) {
        json doc = goodTemplate();
        c.breakIt(doc);
        const std::string msg = problemsOf(doc);
        EXPECT_NE(msg.find(c.expected), std::string::npos)
            << c.what << "\n  got:    " << msg << "\n  wanted: " << c.expected;
        EXPECT_EQ(lines(msg).size(), 1u) << c.what << ": one problem, one line\n" << msg;
    }
}

TEST(JobTemplates, TextThatIsNotJsonOrRepeatsAFieldIsRefused) {
    auto bad = parseJobTemplate("{\n \"version\": 1,\n \"service\": \"brake_pads\"\n oops}",
                                "brake_pads.json", kKnown);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("brake_pads.json: not valid JSON near line 4"),
              std::string::npos)
        << bad.error().message;

    std::string twice = goodTemplate().dump();
    twice.insert(twice.find("\"minutes\":5"), "\"minutes\":50,");
    auto dup = parseJobTemplate(twice, "brake_pads.json", kKnown);
    ASSERT_FALSE(dup.ok());
    EXPECT_NE(dup.error().message.find("field 'minutes' is written twice"), std::string::npos)
        << dup.error().message;
}

TEST(JobTemplates, EveryMistakeInAFileIsReported) {
    json doc = goodTemplate();
    doc["skill"] = "painter";
    doc["steps"][0]["minutes"] = -5;
    doc["steps"][1]["readings"][0]["max"] = 1.5;
    doc["steps"][1]["readings"][1]["unit"] = "inch";
    const auto got = lines(problemsOf(doc));
    ASSERT_EQ(got.size(), 4u);
    EXPECT_NE(got[0].find("skill: 'painter'"), std::string::npos) << got[0];
    EXPECT_NE(got[1].find("step 1 (road_test): minutes"), std::string::npos) << got[1];
    EXPECT_NE(got[2].find("reading 'front_left_mm': max (1.5)"), std::string::npos) << got[2];
    EXPECT_NE(got[3].find("reading 'front_right_mm': unit: 'inch'"), std::string::npos) << got[3];
    for (const auto& l : got) EXPECT_EQ(l.rfind("brake_pads.json: ", 0), 0u) << l;
}

TEST(JobTemplates, MistakesInSeveralFilesAreAllReported) {
    test::TempDir dir;
    json good = goodTemplate();
    json oil = goodTemplate();
    oil["service"] = "oil_filter";
    oil["steps"][0]["title_en"] = "";                         // problem 1 (b_oil.json)
    oil["steps"][1]["readings"][0]["unit"] = "\xE2\x84\x83";  // problem 2: ℃ is not a unit symbol
    json ev = goodTemplate();
    ev["service"] = "ev_hv_check";
    ev["skill"] = "ev_high_voltage";
    ev["steps"][1]["minutes"] = 0;  // problem 3 (d_ev.json)
    json again = goodTemplate();    // problem 4: brake_pads a second time (e_brakes_again.json)
    writeFile(dir.file("a_brakes.json"), good.dump(2));
    writeFile(dir.file("b_oil.json"), oil.dump(2));
    writeFile(dir.file("c_notes.txt"), "not a template, not read");
    writeFile(dir.file("d_ev.json"), ev.dump(2));
    writeFile(dir.file("e_brakes_again.json"), again.dump(2));
    writeFile(dir.file("f_unknown.json"),
              R"({"version": 1, "service": "car_wash", "skill": "general",
        "steps": [{"key": "wash", "title_zh": "洗车", "title_en": "Wash", "minutes": 10}]})");

    auto r = loadJobTemplates(dir.path(), kKnown);
    ASSERT_FALSE(r.ok());
    const auto got = lines(r.error().message);
    ASSERT_EQ(got.size(), 5u) << r.error().message;
    EXPECT_EQ(got[0], "b_oil.json: step 1 (road_test): title_en: is empty");
    EXPECT_NE(got[1].find("b_oil.json: step 2 (measure_pads): reading 'front_left_mm': unit: "
                          "'℃' is not one of"),
              std::string::npos)
        << got[1];
    EXPECT_NE(got[1].find("(write '°C')"), std::string::npos) << got[1];
    EXPECT_NE(got[2].find("d_ev.json: step 2 (measure_pads): minutes: 0"), std::string::npos)
        << got[2];
    EXPECT_EQ(got[3],
              "e_brakes_again.json: service: 'brake_pads' already has a template in a_brakes.json");
    EXPECT_EQ(got[4], "f_unknown.json: service: 'car_wash' is not on the service menu");

    // Fixed, the folder loads, in file-name order.
    std::filesystem::remove(dir.file("b_oil.json"));
    std::filesystem::remove(dir.file("d_ev.json"));
    std::filesystem::remove(dir.file("e_brakes_again.json"));
    std::filesystem::remove(dir.file("f_unknown.json"));
    writeFile(dir.file("z_ev.json"),
              ev.dump().replace(ev.dump().find("\"minutes\":0"), 11, "\"minutes\":9"));
    auto fixed = loadJobTemplates(dir.path(), kKnown);
    ASSERT_TRUE(fixed.ok()) << fixed.error().message;
    ASSERT_EQ(fixed->all().size(), 2u);
    EXPECT_EQ(fixed->all()[0].file, "a_brakes.json");
    EXPECT_EQ(fixed->find("ev_hv_check")->file, "z_ev.json");
    EXPECT_EQ(fixed->find("car_wash"), nullptr);

    auto missing = loadJobTemplates(dir.file("no-such-folder"), kKnown);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, Errc::kIo);
}

ReadingSpec padSpec() {
    ReadingSpec s;
    s.key = "front_left_mm";
    s.labelZh = "左前刹车片";
    s.labelEn = "Front left pad";
    s.unit = ReadingUnit::kMm;
    s.decimals = 1;
    s.minScaled = 20;
    s.maxScaled = 120;
    s.attentionBelowScaled = 30;
    return s;
}

TEST(JobTemplates, ReadingsAreParsedAsTyped) {
    const ReadingSpec pad = padSpec();
    struct Row {
        const char* typed;
        int64_t scaled;
        bool inRange;
        bool attention;
    };
    const Row rows[] = {
        {"8", 80, true, false},      {"8.5", 85, true, false},    {" 8.5 ", 85, true, false},
        {"8,5", 85, true, false},                                  // comma as decimal point
        {"８．５", 85, true, false}, {"８，５", 85, true, false},  // full-width
        {"8。5", 85, true, false},                                 // an IME's full stop
        {"8.50", 85, true, false},  // trailing zero past the decimals is fine
        {"2.5", 25, true, true},    // worn: in range but under 3 mm
        {"3", 30, true, false},      {"2", 20, true, true},       {"12", 120, true, false},
        {"12.1", 121, false, false},  // out of range: confirm
        {"1.5", 15, false, false},   {"0", 0, false, false},      {"-1", -10, false, false},
        {"＋4", 40, true, false},    {".5", 5, false, false},     {"5.", 50, true, false},
        {"6mm", 60, true, false},    {"6 ＭＭ", 60, true, false}, {"007.0", 70, true, false},
    };
    for (const auto& row : rows) {
        auto v = readingCheck(pad, row.typed);
        ASSERT_TRUE(v.ok()) << row.typed << ": " << v.error().message;
        EXPECT_EQ(v->scaled, row.scaled) << row.typed;
        EXPECT_EQ(v->decimals, 1) << row.typed;
        EXPECT_EQ(v->inRange, row.inRange) << row.typed;
        EXPECT_EQ(v->attention, row.attention) << row.typed;
    }
}

TEST(JobTemplates, ReadingsThatAreNotNumbersAreRefusedNamingTheReading) {
    const ReadingSpec pad = padSpec();
    struct Row {
        const char* typed;
        const char* expected;
    };
    const Row rows[] = {
        {"abc", "reading 'front_left_mm' (左前刹车片): 'abc' is not a number"},
        {"", "reading 'front_left_mm' (左前刹车片): nothing typed"},
        {"  ", "nothing typed"},
        {"2.55", "reading 'front_left_mm' (左前刹车片): '2.55' has more than 1 decimal"},
        {"2.5.1", "'2.5.1' is not a number"},
        {"2,5.1", "is not a number"},
        {"1,280.5", "is not a number"},
        {"-", "is not a number"},
        {"3 V", "'3 V' is not a number"},  // another unit than the reading's
        {"1e3", "is not a number"},
        {"9999999999999", "is far too large"},
    };
    for (const auto& row : rows) {
        auto v = readingCheck(pad, row.typed);
        ASSERT_FALSE(v.ok()) << row.typed;
        EXPECT_EQ(v.error().code, Errc::kInvalid);
        EXPECT_NE(v.error().message.find(row.expected), std::string::npos)
            << row.typed << ": " << v.error().message;
    }
    ReadingSpec kpa = pad;
    kpa.key = "pressure_fl_kpa";
    kpa.labelZh = "左前胎压";
    kpa.unit = ReadingUnit::kKpa;
    kpa.decimals = 0;
    kpa.minScaled = 200;
    kpa.maxScaled = 280;
    kpa.attentionBelowScaled.reset();
    auto whole = readingCheck(kpa, "250.5");
    ASSERT_FALSE(whole.ok());
    EXPECT_NE(whole.error().message.find("'250.5' must be a whole number"), std::string::npos);
    EXPECT_TRUE(readingCheck(kpa, "250.0")->inRange);
    EXPECT_TRUE(readingCheck(kpa, "２５０kPa")->inRange);
}

TEST(JobTemplates, NegativeAndCelsiusReadings) {
    ReadingSpec freeze;
    freeze.key = "coolant_freezing_c";
    freeze.labelZh = "防冻液冰点";
    freeze.unit = ReadingUnit::kCelsius;
    freeze.minScaled = -45;
    freeze.maxScaled = -25;
    freeze.attentionAboveScaled = -30;
    EXPECT_EQ(readingCheck(freeze, "-35")->scaled, -35);
    EXPECT_FALSE(readingCheck(freeze, "-35")->attention);
    EXPECT_EQ(readingCheck(freeze, "－35℃")->scaled, -35);  // full-width minus, ℃
    EXPECT_EQ(readingCheck(freeze,
                           "\xE2\x88\x92"
                           "28°C")
                  ->scaled,
              -28);  // − U+2212
    EXPECT_TRUE(readingCheck(freeze, "-28")->attention);
    EXPECT_FALSE(readingCheck(freeze, "-20")->inRange);
    EXPECT_EQ(formatReading(freeze, -35), "-35°C");
    EXPECT_EQ(formatReading(padSpec(), 25), "2.5 mm");
    EXPECT_EQ(formatReading(padSpec(), -5), "-0.5 mm");
    ReadingSpec volts;
    volts.unit = ReadingUnit::kVolt;
    volts.decimals = 2;
    EXPECT_EQ(formatReading(volts, 1260), "12.60 V");
    EXPECT_EQ(formatReading(volts, 1205), "12.05 V");
}

TEST(JobTemplates, NamesRoundTrip) {
    for (Skill s : kSkills) EXPECT_TRUE(parseSkill(skillName(s)) == s) << skillName(s);
    for (ReadingUnit u : kReadingUnits)
        EXPECT_TRUE(parseReadingUnit(readingUnitSymbol(u)) == u) << readingUnitSymbol(u);
    EXPECT_FALSE(parseSkill("EV").has_value());
    EXPECT_FALSE(parseReadingUnit("MM").has_value());
}

}  // namespace
}  // namespace fc::core
