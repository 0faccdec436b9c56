// Words for the auto-assignment suggestions (shared/workorders/assignment.hpp) in the current
// language, from assets/i18n ("assign.*"): one line per candidate, the line for a job nobody on
// shift can do, and skill names for a staff editor's chips.
//
//   AssignmentAdvice a = …;                       // AssignmentAdvisor::forLine(lineId, now)
//   if (a.noneQualifiedOnShift) banner(noneQualifiedText(a.skill));   // 没有在班的技师有新能源高压证
//   for (const auto& c : a.candidates) row(assignmentReasonText(c.reason));
//   // 王强：有新能源高压证，今日已排 2.5 小时 / 王强: EV high-voltage certified, 2.5 h booked today
#pragma once

#include <string>

#include "shared/workorders/assignment.hpp"

namespace fc::ui {

// "新能源高压证" / "EV high-voltage certificate".
std::string skillLabel(core::Skill skill);
// "王强：有新能源高压证，今日已排 2.5 小时"; off shift: "张伟：会空调维修，现在不在班，今日已排 0 小时";
// lacking the skill: "刘波：没有新能源高压证，今日已排 1 小时".
std::string assignmentReasonText(const core::AssignmentReason& reason);
// "没有在班的技师有新能源高压证" / "Nobody on shift is EV high-voltage certified".
std::string noneQualifiedText(core::Skill skill);

}  // namespace fc::ui
