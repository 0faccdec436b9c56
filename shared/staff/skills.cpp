#include "shared/staff/skills.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace fc::core {

const char* skillName(Skill skill) {
    switch (skill) {
        case Skill::kGeneral:
            return "general";
        case Skill::kElectrical:
            return "electrical";
        case Skill::kAc:
            return "ac";
        case Skill::kEvHighVoltage:
            return "ev_high_voltage";
        case Skill::kAlignment:
            return "alignment";
        case Skill::kBodyPaint:
            return "body_paint";
    }
    return "?";
}

std::optional<Skill> parseSkill(std::string_view name) {
    for (Skill s : kSkills)
        if (name == skillName(s)) return s;
    return std::nullopt;
}

std::vector<Skill> canonicalSkills(std::vector<Skill> skills) {
    std::vector<Skill> out;
    for (Skill s : kSkills)
        if (std::find(skills.begin(), skills.end(), s) != skills.end()) out.push_back(s);
    return out;
}

std::string encodeSkills(const std::vector<Skill>& skills) {
    nlohmann::json j = nlohmann::json::array();
    for (Skill s : canonicalSkills(skills)) j.push_back(skillName(s));
    return j.dump();
}

Result<std::vector<Skill>> decodeSkills(std::string_view stored) {
    if (stored.empty()) return std::vector<Skill>{};
    const auto j = nlohmann::json::parse(stored, nullptr, false);
    if (!j.is_array() || j.size() > 64) return invalid("skills: not a JSON array of skill names");
    std::vector<Skill> out;
    for (const auto& e : j) {
        if (!e.is_string()) return invalid("skills: not a JSON array of skill names");
        const std::string name = e.get<std::string>();
        const auto skill = parseSkill(name);
        if (!skill) {
            std::string known;
            for (Skill s : kSkills) known += (known.empty() ? "" : ", ") + std::string(skillName(s));
            return invalid("skills: '" + name + "' is not a skill (" + known + ")");
        }
        if (hasSkill(out, *skill)) return invalid("skills: '" + name + "' is listed twice");
        out.push_back(*skill);
    }
    return out;
}

bool hasSkill(const std::vector<Skill>& skills, Skill skill) {
    return std::find(skills.begin(), skills.end(), skill) != skills.end();
}

}  // namespace fc::core
