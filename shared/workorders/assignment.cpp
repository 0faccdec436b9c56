// Index
//   [SECTION] helpers
//   [SECTION] load
//   [SECTION] advice
#include "shared/workorders/assignment.hpp"

#include <algorithm>
#include <tuple>

#include "shared/staff/shift.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/workorders/job_templates.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

// [SECTION] helpers

namespace {

constexpr int64_t kMinuteMs = 60'000;
// Clock-ons this long before the local midnight are still looked at (a shift that began the
// evening before); older ones are not.
constexpr int64_t kLookBackMs = 12 * 3'600'000LL;

bool countsAsWork(const WorkOrderLine& line) {
    return line.kind == LineKind::kLabour &&
           (line.approval == LineApproval::kStandard || line.approval == LineApproval::kApproved);
}

}  // namespace

std::string loadHoursText(int64_t minutes) {
    if (minutes < 0) minutes = 0;
    const int64_t tenths = (minutes * 10 + 30) / 60;  // half up
    std::string out = std::to_string(tenths / 10);
    if (tenths % 10) out += "." + std::to_string(tenths % 10);
    return out;
}

std::vector<Skill> inNamingOrder(std::vector<Skill> skills) {
    std::vector<Skill> out;
    auto take = [&](Skill s) {
        if (hasSkill(skills, s) && !hasSkill(out, s)) out.push_back(s);
    };
    take(Skill::kEvHighVoltage);
    for (Skill s : kSkills)
        if (s != Skill::kGeneral) take(s);
    take(Skill::kGeneral);
    return out;
}

const AssignmentCandidate* AssignmentAdvice::suggested() const {
    if (candidates.empty() || noneQualifiedOnShift) return nullptr;
    const AssignmentCandidate& c = candidates.front();
    return c.onShift() && c.qualified ? &c : nullptr;
}

AssignmentAdvisor::AssignmentAdvisor(Store& store, const StoreTime& time, StaffService& staff,
                                     WorkOrderService& orders, const JobTemplates& templates)
    : m_store(store), m_time(time), m_staff(staff), m_orders(orders), m_templates(templates) {}

Skill AssignmentAdvisor::skillFor(std::string_view serviceCode) const {
    const JobTemplate* t = m_templates.find(serviceCode);
    return t ? t->skill : Skill::kGeneral;
}

// [SECTION] load

// Per person, the time clocked on within today (local) up to now: each clock-on to an order
// runs until the next clock-off of that person from that order (or now), in the order the job's
// state reads facts (HLC, then time, then id).
Result<std::map<std::string, int64_t>> AssignmentAdvisor::clockedTodayMs(int64_t nowMs) {
    const int64_t dayStart = m_time.dayStart(nowMs);
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT staff_id, work_order_id, kind, at FROM time_entries WHERE at >= ? AND at <= ? "
                            "ORDER BY _hlc, at, id"));
    s->bindAll(dayStart - kLookBackMs, nowMs);
    std::map<std::pair<std::string, std::string>, int64_t> openSince;  // (staff, order) → on at
    std::map<std::string, int64_t> out;
    auto add = [&](const std::string& staff, int64_t from, int64_t to) {
        from = std::max(from, dayStart);
        to = std::min(to, nowMs);
        if (to > from) out[staff] += to - from;
    };
    FC_TRY(s->each([&](Stmt& r) {
        std::pair<std::string, std::string> key{r.getText(0), r.getText(1)};
        const bool on = r.getTextView(2) == "on";
        const int64_t at = r.getInt(3);
        auto open = openSince.find(key);
        if (on) {
            if (open == openSince.end()) openSince.emplace(std::move(key), at);
        } else if (open != openSince.end()) {
            add(open->first.first, open->second, at);
            openSince.erase(open);
        }
    }));
    for (const auto& [key, since] : openSince) add(key.first, since, nowMs);
    return out;
}

Result<std::map<std::string, AssignmentAdvisor::Load>> AssignmentAdvisor::loads(
    int64_t nowMs, const std::set<std::string>& excludeLines) {
    std::map<std::string, Load> out;
    FC_ASSIGN(auto clocked, clockedTodayMs(nowMs));
    for (const auto& [staff, ms] : clocked) out[staff].clockedTodayMinutes = ms / kMinuteMs;
    FC_ASSIGN(std::vector<std::string> open, m_orders.openOrders());
    for (const std::string& orderId : open) {
        FC_ASSIGN(WorkOrderView order, m_orders.get(orderId));
        if (order.job.status == WorkOrderStatus::kReady || isFinal(order.job.status)) continue;
        // Standard minutes × share, in hundredths of a minute until the end (shares are %).
        std::map<std::string, int64_t> standard;
        for (const WorkOrderLine& line : order.lines) {
            if (!countsAsWork(line) || excludeLines.count(line.id)) continue;
            for (const TechnicianShare& share : line.technicians)
                standard[share.staffId] += static_cast<int64_t>(line.minutes) * share.pct;
        }
        for (const auto& [staff, hundredths] : standard) {
            const auto worked = order.job.workedMs.find(staff);
            const int64_t workedMinutes = worked == order.job.workedMs.end() ? 0 : worked->second / kMinuteMs;
            const int64_t remaining = (hundredths + 50) / 100 - workedMinutes;
            if (remaining > 0) out[staff].queuedMinutes += remaining;
        }
    }
    return out;
}

// [SECTION] advice

Result<AssignmentAdvice> AssignmentAdvisor::forLine(const std::string& lineId, int64_t nowMs) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT work_order_id FROM work_order_lines WHERE id = ? AND deleted_at IS NULL"));
    s->bind(1, lineId);
    FC_ASSIGN(bool row, s->step());
    const std::string orderId = row ? s->getText(0) : "";
    s->reset();
    if (!row) return notFound("work order line " + lineId + " does not exist");
    FC_ASSIGN(WorkOrderView order, m_orders.get(orderId));
    const auto line = std::find_if(order.lines.begin(), order.lines.end(),
                                   [&](const WorkOrderLine& l) { return l.id == lineId; });
    if (line == order.lines.end()) return notFound("work order line " + lineId + " does not exist");
    if (line->kind != LineKind::kLabour) return invalid("line: a part needs no technician");
    AssignmentAdvice advice;
    advice.orderId = orderId;
    advice.lineId = lineId;
    advice.skillsNeeded = {skillFor(line->serviceCode)};
    return advise(std::move(advice), {lineId}, nowMs);
}

Result<AssignmentAdvice> AssignmentAdvisor::forOrder(const std::string& orderId, int64_t nowMs) {
    FC_ASSIGN(WorkOrderView order, m_orders.get(orderId));
    AssignmentAdvice advice;
    advice.orderId = orderId;
    std::set<std::string> lines;
    for (const WorkOrderLine& line : order.lines) {
        if (line.kind != LineKind::kLabour || line.approval == LineApproval::kDeclined) continue;
        lines.insert(line.id);
        advice.skillsNeeded.push_back(skillFor(line.serviceCode));
    }
    if (advice.skillsNeeded.empty()) advice.skillsNeeded.push_back(Skill::kGeneral);
    return advise(std::move(advice), lines, nowMs);
}

Result<AssignmentAdvice> AssignmentAdvisor::advise(AssignmentAdvice advice, const std::set<std::string>& lines,
                                                   int64_t nowMs) {
    advice.skillsNeeded = inNamingOrder(std::move(advice.skillsNeeded));
    advice.skill = advice.skillsNeeded.front();
    FC_ASSIGN(auto load, loads(nowMs, lines));
    FC_ASSIGN(std::vector<StaffMember> staff, m_staff.list());
    for (const StaffMember& m : staff) {
        if (m.role != StaffRole::kTechnician && m.skills.empty()) continue;
        AssignmentCandidate c;
        c.staffId = m.id;
        c.name = m.name;
        c.skills = m.skills;
        for (Skill need : advice.skillsNeeded)
            if (!hasSkill(m.skills, need)) c.missing.push_back(need);
        c.qualified = c.missing.empty();
        c.shift = m.shift.empty()                    ? ShiftState::kNoShift
                  : m.shift.coversAt(m_time, nowMs) ? ShiftState::kOnShift
                                                     : ShiftState::kOffShift;
        if (auto l = load.find(m.id); l != load.end()) {
            c.clockedTodayMinutes = l->second.clockedTodayMinutes;
            c.queuedMinutes = l->second.queuedMinutes;
        }
        c.loadMinutes = c.clockedTodayMinutes + c.queuedMinutes;
        c.reason = {.name = c.name,
                    .skill = c.qualified ? advice.skill : c.missing.front(),
                    .hasSkill = c.qualified,
                    .shift = c.shift,
                    .loadMinutes = c.loadMinutes};
        advice.candidates.push_back(std::move(c));
    }
    std::sort(advice.candidates.begin(), advice.candidates.end(),
              [](const AssignmentCandidate& a, const AssignmentCandidate& b) {
                  const bool offA = !a.onShift(), offB = !b.onShift();
                  const bool lacksA = !a.qualified, lacksB = !b.qualified;
                  return std::tie(offA, lacksA, a.loadMinutes, a.name, a.staffId) <
                         std::tie(offB, lacksB, b.loadMinutes, b.name, b.staffId);
              });
    advice.noneQualifiedOnShift = std::none_of(advice.candidates.begin(), advice.candidates.end(),
                                               [](const AssignmentCandidate& c) { return c.onShift() && c.qualified; });
    return advice;
}

}  // namespace fc::core
