// Who should do a job: for a work order's labour line (or the whole order), the store's
// technicians ranked by skill, shift and today's load, each with the facts of a one-line reason
// the screen puts into words ("王强：有新能源高压证，今日已排 2.5 小时" — kiosk's
// assignment_text.hpp). When nobody on shift has the skill, the advice says so
// (noneQualifiedOnShift) and names the skill ("没有在班的技师有新能源高压证"). Accepting a
// suggestion (or overriding it with one tap on another name) is the existing
// WorkOrderService::assignTechnicians(by, lineId, {{staffId, 100}}).
//
//   AssignmentAdvisor advisor(store, services.get<StoreTime>(), staff, orders, templates);
//   FC_ASSIGN(AssignmentAdvice a, advisor.forLine(lineId, clock.nowMs()));
//   if (const AssignmentCandidate* best = a.suggested()) … best->reason …
//   else … a.skill (nobody on shift has it) …
//
// Definitions (everything from the replica; nothing is stored):
//   - Candidates: active staff who are technicians or have at least one skill recorded.
//   - Skill needed: a labour line's service's job template's skill (assets/jobs); general for a
//     service without a template. An order needs every skill of its live labour lines (declined
//     extra work left out); `skill` is the one to name: ev_high_voltage before the others, then
//     kSkills order, general last.
//   - On shift: their shift (staff.shift) covers `now` in the store's local time; no shift
//     recorded is never on shift.
//   - Today's load, in minutes = clocked today + queued:
//       clocked today: time clocked on to any order within the store's local day up to `now`
//       (a clock-on still open counts until `now`; clock-ons older than 12 h before midnight are
//       not looked at);
//       queued: on each unfinished order they are on (not ready, closed or cancelled), the standard
//       minutes of its live labour lines (standard or approved) × their share, less the time they
//       have clocked on that order so far, never below 0. The line (or order) being assigned is
//       left out: it is what is being decided.
//   - Ranking: on shift before off shift; then qualified (has every needed skill) first; then the
//     least load; then name; then id.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/staff/skills.hpp"
#include "shared/stores/store_time.hpp"

namespace fc::core {

class JobTemplates;
class StaffService;
class WorkOrderService;

enum class ShiftState { kOnShift, kOffShift, kNoShift };

// What a candidate's one line says, for a screen to word in its language:
//   qualified, on shift:  "王强：有新能源高压证，今日已排 2.5 小时"
//   lacking the skill:    "李四：没有新能源高压证，今日已排 1 小时"
//   off shift:            "赵六：会空调维修，现在不在班，今日已排 0 小时"
struct AssignmentReason {
    std::string name;
    Skill skill = Skill::kGeneral;  // the advice's skill if they have every needed one, else the first they lack
    bool hasSkill = false;
    ShiftState shift = ShiftState::kNoShift;
    int64_t loadMinutes = 0;
    bool operator==(const AssignmentReason&) const = default;
};

struct AssignmentCandidate {
    std::string staffId;
    std::string name;
    std::vector<Skill> skills;   // everything they can do
    bool qualified = false;      // has every needed skill
    std::vector<Skill> missing;  // the needed skills they lack, in naming order
    ShiftState shift = ShiftState::kNoShift;
    int64_t clockedTodayMinutes = 0;
    int64_t queuedMinutes = 0;
    int64_t loadMinutes = 0;  // clockedTodayMinutes + queuedMinutes
    AssignmentReason reason;

    bool onShift() const { return shift == ShiftState::kOnShift; }
};

struct AssignmentAdvice {
    std::string orderId;
    std::optional<std::string> lineId;  // empty: advice for the whole order
    std::vector<Skill> skillsNeeded;    // naming order (see above)
    Skill skill = Skill::kGeneral;      // the one to name: skillsNeeded.front()
    std::vector<AssignmentCandidate> candidates;  // best first
    // Nobody who is on shift now has every needed skill: the screen says so, naming `skill`
    // (candidates are still listed, best first, for an override).
    bool noneQualifiedOnShift = true;

    // The suggestion: the first candidate when they are on shift and qualified, else null.
    const AssignmentCandidate* suggested() const;
};

// Minutes as hours with at most one decimal, rounded half up: 150 → "2.5", 120 → "2", 0 → "0",
// 44 → "0.7". What the line's "今日已排 {hours} 小时" shows.
std::string loadHoursText(int64_t minutes);

// The skills to name first: ev_high_voltage, then the others in kSkills order, general last.
std::vector<Skill> inNamingOrder(std::vector<Skill> skills);

class AssignmentAdvisor {
public:
    AssignmentAdvisor(Store& store, const StoreTime& time, StaffService& staff, WorkOrderService& orders,
                      const JobTemplates& templates);

    // A labour line of a live order (kNotFound otherwise; a part line is kInvalid).
    Result<AssignmentAdvice> forLine(const std::string& lineId, int64_t nowMs);
    // Every live labour line of the order (declined extra work left out).
    Result<AssignmentAdvice> forOrder(const std::string& orderId, int64_t nowMs);

    // The skill a service needs: its template's, general without one.
    Skill skillFor(std::string_view serviceCode) const;

    struct Load {
        int64_t clockedTodayMinutes = 0;
        int64_t queuedMinutes = 0;
    };
    // Today's load per staff id (anyone with any), leaving out the lines in `excludeLines`.
    Result<std::map<std::string, Load>> loads(int64_t nowMs, const std::set<std::string>& excludeLines = {});

private:
    Result<AssignmentAdvice> advise(AssignmentAdvice advice, const std::set<std::string>& lines, int64_t nowMs);
    Result<std::map<std::string, int64_t>> clockedTodayMs(int64_t nowMs);

    Store& m_store;
    const StoreTime& m_time;
    StaffService& m_staff;
    WorkOrderService& m_orders;
    const JobTemplates& m_templates;
};

}  // namespace fc::core
