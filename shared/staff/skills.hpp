// What a technician can do, and what a job needs: the same six names for a staff member's skills
// (staff.skills) and a job template's "skill" (assets/jobs/*.json). Stored as a JSON array of
// names in the order of kSkills, each once: ["general","ev_high_voltage"].
//
//   std::string stored = encodeSkills({Skill::kEvHighVoltage, Skill::kGeneral});
//   // "[\"general\",\"ev_high_voltage\"]"
//   FC_ASSIGN(std::vector<Skill> skills, decodeSkills(stored));   // general, ev_high_voltage
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

// general: routine service and mechanical repair; electrical: wiring, diagnosis of electrics;
// ac: air conditioning (refrigerant handling); ev_high_voltage: certified to work on a new-energy
// vehicle's high-voltage system (新能源高压证); alignment: wheel alignment; body_paint: 钣金喷漆.
enum class Skill { kGeneral, kElectrical, kAc, kEvHighVoltage, kAlignment, kBodyPaint };
inline constexpr std::array<Skill, 6> kSkills = {Skill::kGeneral,   Skill::kElectrical,
                                                 Skill::kAc,        Skill::kEvHighVoltage,
                                                 Skill::kAlignment, Skill::kBodyPaint};
const char* skillName(Skill skill);  // "ev_high_voltage"
std::optional<Skill> parseSkill(std::string_view name);

// Each skill once, in kSkills order (what encodeSkills stores).
std::vector<Skill> canonicalSkills(std::vector<Skill> skills);
// The stored form: a JSON array of names, canonical order. {} → "[]".
std::string encodeSkills(const std::vector<Skill>& skills);
// The stored form back. An empty text reads as no skills. Refused (kInvalid, naming the field):
// "skills: 'welding' is not a skill (general, electrical, ac, ev_high_voltage, alignment,
// body_paint)", "skills: not a JSON array of skill names", "skills: 'ac' is listed twice".
Result<std::vector<Skill>> decodeSkills(std::string_view stored);
bool hasSkill(const std::vector<Skill>& skills, Skill skill);

}  // namespace fc::core
