// What the hub does after merging a change: the generic concurrent-edit rule for sensitive
// master columns (two devices changed a phone, a VIN, an odometer without seeing each other's
// change), and every rule the domains declare for the table (shared/<domain>/domain.cpp). A rule
// never drops data; it writes a conflict for a person (ConflictService).
#include <nlohmann/json.hpp>

#include "shared/conflicts/conflict_service.hpp"
#include "sync/hub.hpp"

namespace fc::sync {

using core::Stmt;
using nlohmann::json;

Status Hub::runRules(const Change& c, const ApplyOutcome& outcome, int64_t hubSeq) {
    if (c.table->isMaster()) {
        FC_TRY(ruleConcurrentEdit(c, outcome));
        FC_TRY(recordColumnSeqs(c, outcome, hubSeq));
    }
    return runDomainRules(c, outcome);
}

Status Hub::runDomainRules(const Change& c, const ApplyOutcome& outcome) {
    std::vector<core::MergedColumn> columns;
    bool any = false;
    for (const core::Domain* d : m_services->registry().domains())
        for (const core::HubRule& rule : d->hubRules) {
            if (rule.table != c.table) continue;
            if (!any) {
                columns.reserve(outcome.columns.size());
                for (const auto& co : outcome.columns) columns.push_back({co.column, co.won, co.previous, co.incoming});
                any = true;
            }
            const core::MergedChange merged{*c.table, c.id, c.op, c.device,
                                            outcome.result == ApplyResult::kApplied, outcome.rowExisted, columns};
            if (auto r = rule.run(merged, m_services->services()); !r)
                return r.error().context("hub rule '" + rule.name + "' (" + d->name + ")");
        }
    return {};
}

// The hub sequence that last set each sensitive column: tells a concurrent edit (its author had
// not pulled that change) from a later one.
Status Hub::recordColumnSeqs(const Change& c, const ApplyOutcome& outcome, int64_t hubSeq) {
    FC_ASSIGN(Stmt * s, m_services->db().cached(
                            "INSERT INTO hub_col_seq(tbl, row_id, col, hub_seq, device) VALUES (?,?,?,?,?) "
                            "ON CONFLICT(tbl, row_id, col) DO UPDATE SET hub_seq = excluded.hub_seq, "
                            "device = excluded.device"));
    for (const auto& co : outcome.columns) {
        if (!co.won) continue;
        const auto& col = c.table->columns[static_cast<size_t>(co.column)];
        if (!col.sensitive) continue;  // only sensitive columns are checked for concurrency
        s->bindAll(c.table->name, c.id, col.name, hubSeq, c.device);
        FC_TRY(s->run());
    }
    return {};
}

Status Hub::ruleConcurrentEdit(const Change& c, const ApplyOutcome& outcome) {
    if (!outcome.rowExisted) return {};
    for (const auto& co : outcome.columns) {
        const auto& col = c.table->columns[static_cast<size_t>(co.column)];
        if (!col.sensitive || co.previous == co.incoming) continue;
        FC_ASSIGN(Stmt * s, m_services->db().cached(
                                "SELECT hub_seq, device FROM hub_col_seq WHERE tbl = ? AND row_id = ? AND col = ?"));
        s->bindAll(c.table->name, c.id, col.name);
        FC_ASSIGN(bool found, s->step());
        const int64_t priorSeq = found ? s->getInt(0) : 0;
        const std::string priorDevice = found ? s->getText(1) : co.previousVersion.device;
        s->reset();
        // Concurrent: another device set the value and this author had not pulled it yet.
        const bool concurrent = priorDevice != c.device && (found ? priorSeq > c.knownSeq : false);
        if (!concurrent) continue;
        const bool incomingWon = co.won;
        json detail = {{"kept", sqlToJson(incomingWon ? co.incoming : co.previous)},
                       {"other", sqlToJson(incomingWon ? co.previous : co.incoming)},
                       {"kept_device", incomingWon ? c.device : priorDevice},
                       {"other_device", incomingWon ? priorDevice : c.device},
                       {"kept_hlc", incomingWon ? c.hlc.value : co.previousVersion.hlc.value},
                       {"other_hlc", incomingWon ? co.previousVersion.hlc.value : c.hlc.value}};
        auto raised = m_services->get<core::ConflictService>().raise(
            {.rule = "concurrent-edit",
             .table = c.table->name,
             .rowId = c.id,
             .column = col.name,
             .detail = detail.dump(),
             .suggestion = "Two devices changed " + col.name +
                           " at the same time; the later change is in place. Check which value is "
                           "right and correct it if needed."});
        if (!raised) return raised.error();
    }
    return {};
}

}  // namespace fc::sync
