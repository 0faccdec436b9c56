#include "kiosk/screens/office/assignment_text.hpp"

#include "kiosk/i18n/i18n.hpp"

namespace fc::ui {

namespace {

std::string skillKey(const char* kind, core::Skill skill) {
    return std::string("assign.") + kind + "." + core::skillName(skill);
}

}  // namespace

std::string skillLabel(core::Skill skill) { return tr(skillKey("skill", skill)); }

std::string assignmentReasonText(const core::AssignmentReason& r) {
    const std::string skill = tr(skillKey(r.hasSkill ? "has" : "lacks", r.skill));
    const std::string load = tr("assign.load", {{"hours", core::loadHoursText(r.loadMinutes)}});
    if (r.shift == core::ShiftState::kOnShift)
        return tr("assign.reason", {{"name", r.name}, {"skill", skill}, {"load", load}});
    const char* shift = r.shift == core::ShiftState::kOffShift ? tr("assign.shift.off") : tr("assign.shift.none");
    return tr("assign.reason_off_shift", {{"name", r.name}, {"skill", skill}, {"shift", shift}, {"load", load}});
}

std::string noneQualifiedText(core::Skill skill) {
    return tr("assign.none_on_shift", {{"skill", tr(skillKey("has", skill))}});
}

}  // namespace fc::ui
