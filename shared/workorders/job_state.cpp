#include "shared/workorders/job_state.hpp"

#include <algorithm>

namespace fc::core {

namespace {

using S = WorkOrderStatus;

struct StatusName {
    S status;
    const char* key;
};
constexpr StatusName kStatusNames[] = {
    {S::kOpen, "open"},     {S::kInProgress, "in_progress"}, {S::kWaitingParts, "waiting_parts"},
    {S::kWaitingApproval, "waiting_approval"}, {S::kReady, "ready"}, {S::kClosed, "closed"},
    {S::kCancelled, "cancelled"}};

}  // namespace

const char* workOrderStatusKey(WorkOrderStatus s) {
    for (const auto& n : kStatusNames)
        if (n.status == s) return n.key;
    return "";
}

std::optional<WorkOrderStatus> parseWorkOrderStatus(std::string_view key) {
    for (const auto& n : kStatusNames)
        if (key == n.key) return n.status;
    return std::nullopt;
}

const std::vector<std::string>& workOrderStatusKeys() {
    static const std::vector<std::string> k = [] {
        std::vector<std::string> out;
        for (const auto& n : kStatusNames) out.emplace_back(n.key);
        return out;
    }();
    return k;
}

bool isFinal(WorkOrderStatus s) { return s == S::kClosed || s == S::kCancelled; }

bool canMove(WorkOrderStatus from, WorkOrderStatus to) {
    if (from == to || isFinal(from)) return false;
    switch (from) {
        case S::kOpen:
            return to == S::kInProgress || to == S::kWaitingParts || to == S::kWaitingApproval || to == S::kCancelled;
        case S::kInProgress:
            return to == S::kWaitingParts || to == S::kWaitingApproval || to == S::kReady || to == S::kCancelled;
        case S::kWaitingParts:
        case S::kWaitingApproval:
            return to == S::kInProgress || to == S::kWaitingParts || to == S::kWaitingApproval || to == S::kCancelled;
        case S::kReady:
            return to == S::kInProgress || to == S::kClosed;
        case S::kClosed:
        case S::kCancelled:
            return false;
    }
    return false;
}

DerivedJob deriveJob(std::vector<JobFact> facts, int64_t nowMs) {
    std::sort(facts.begin(), facts.end(), [](const JobFact& a, const JobFact& b) {
        if (a.hlc != 0 && b.hlc != 0 && a.hlc != b.hlc) return a.hlc < b.hlc;
        return a.at != b.at ? a.at < b.at : a.id < b.id;
    });
    DerivedJob job;
    auto illegal = [&](const JobFact& f, std::string why) { job.illegal.push_back({f.id, std::move(why)}); };
    auto clockOff = [&](const std::string& staff, int64_t at) {
        auto since = job.clockedOnSince.find(staff);
        if (since != job.clockedOnSince.end()) {
            job.workedMs[staff] += std::max<int64_t>(0, at - since->second);
            job.clockedOnSince.erase(since);
        }
        job.clockedOn.erase(staff);
    };
    for (const JobFact& f : facts) {
        job.lastAt = std::max(job.lastAt, f.at);
        if (f.source == JobFact::Source::kTime) {
            if (f.kind == "on") {
                if (isFinal(job.status)) {
                    illegal(f, std::string("clocked on to a ") + workOrderStatusKey(job.status) + " order");
                    continue;
                }
                if (job.clockedOn.insert(f.staffId).second) job.clockedOnSince[f.staffId] = f.at;
                // Work starts when someone clocks on.
                if (job.status == S::kOpen) job.status = S::kInProgress;
            } else if (f.kind == "off") {
                clockOff(f.staffId, f.at);
            }
            continue;
        }
        if (f.kind == "status") {
            const auto to = parseWorkOrderStatus(f.value);
            if (!to) {
                illegal(f, "unknown status '" + f.value + "'");
                continue;
            }
            if (!canMove(job.status, *to)) {
                illegal(f, std::string("cannot go from ") + workOrderStatusKey(job.status) + " to " + f.value);
                continue;
            }
            if (*to == S::kClosed && !job.clockedOn.empty()) {
                std::string who;
                for (const auto& s : job.clockedOn) who += (who.empty() ? "" : ", ") + s;
                // The close stands (it is a fact), but a person must look: the time is open.
                illegal(f, "closed while clocked on: " + who);
            }
            job.status = *to;
            continue;
        }
        if (isFinal(job.status) && f.kind != "note") {
            illegal(f, std::string(f.kind) + " recorded on a " + workOrderStatusKey(job.status) + " order");
            continue;
        }
        if (f.kind == "step") {
            job.stepsDone.insert(f.stepKey);
        } else if (f.kind == "check") {
            job.checksDone.insert(f.stepKey + "/" + f.item);
        } else if (f.kind == "reading") {
            job.readings[f.stepKey + "/" + f.item] = f.value;
        } else if (f.kind == "finding") {
            if (f.value == "yellow" || f.value == "red")
                job.findings.push_back({f.id, f.stepKey, f.value, f.note, f.at});
        }
    }
    for (const auto& [staff, since] : job.clockedOnSince)
        if (nowMs > since) job.workedMs[staff] += nowMs - since;
    return job;
}

}  // namespace fc::core
