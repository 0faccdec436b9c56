// A work order's state, derived from its facts (job events and time entries) and nothing else:
// the status, who is clocked on, which steps are done, the latest reading of each item and the
// findings. Facts are read in the order they happened — by HLC, which respects cause and effect
// across devices (a close written after its device saw "ready" comes after it, even within one
// millisecond), then `at`, then id — whatever order they arrived in, so every replica derives the same state from the same facts. A fact that was not
// legal at its place in that order — a close while a technician was clocked on, a clock-on to a
// closed order, a status change the order could not make — is listed in `illegal`: the hub raises
// a conflict for each (a person decides), and the state never lets it win silently.
//
//   DerivedJob job = deriveJob(facts);
//   if (job.status == WorkOrderStatus::kReady && job.clockedOn.empty()) …
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fc::core {

enum class WorkOrderStatus { kOpen, kInProgress, kWaitingParts, kWaitingApproval, kReady, kClosed, kCancelled };

const char* workOrderStatusKey(WorkOrderStatus s);  // "open", "in_progress", "waiting_parts", …
std::optional<WorkOrderStatus> parseWorkOrderStatus(std::string_view key);
const std::vector<std::string>& workOrderStatusKeys();
bool isFinal(WorkOrderStatus s);  // closed or cancelled
// open → in progress / waiting / cancelled; in progress → waiting / ready / cancelled; waiting →
// in progress / cancelled; ready → in progress (rework) / closed; closed and cancelled are final.
bool canMove(WorkOrderStatus from, WorkOrderStatus to);

// One job event or time entry as the derivation reads it.
struct JobFact {
    enum class Source { kEvent, kTime };
    Source source = Source::kEvent;
    std::string id;
    std::string kind;     // event: status, step, check, reading, finding, note; time: on, off
    std::string stepKey;  // events
    std::string item;     // check: the checklist index; reading: the reading key
    std::string value;    // status: the new status; reading: scaled value; finding: green|yellow|red
    std::string note;
    std::string staffId;
    int64_t at = 0;
    uint64_t hlc = 0;  // the fact's HLC (_hlc); 0 (tests): ordered by `at`
};

struct IllegalFact {
    std::string factId;
    std::string reason;  // "closed while 王强 was clocked on" (staff ids; the UI names them)
};

struct Finding {
    std::string factId;
    std::string stepKey;
    std::string level;  // yellow, red (green findings are recorded, not listed)
    std::string note;
    int64_t at = 0;
};

struct DerivedJob {
    WorkOrderStatus status = WorkOrderStatus::kOpen;
    std::set<std::string> clockedOn;                      // staff ids clocked on now
    std::map<std::string, int64_t> workedMs;              // per staff: clocked-on time so far
    std::map<std::string, int64_t> clockedOnSince;        // per staff clocked on now: since when
    std::set<std::string> stepsDone;
    std::set<std::string> checksDone;                     // "step_key/index"
    std::map<std::string, std::string> readings;          // "step_key/reading_key" → scaled value
    std::vector<Finding> findings;                        // yellow and red, in order
    std::vector<IllegalFact> illegal;
    int64_t lastAt = 0;                                   // the newest fact
};

// `facts` in any order. `nowMs` closes the time of people still clocked on (workedMs).
DerivedJob deriveJob(std::vector<JobFact> facts, int64_t nowMs = 0);

}  // namespace fc::core
