#include "shared/readmodel/workshop_board.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "shared/customers/normalize.hpp"

namespace fc::core {

namespace {

std::vector<std::string> splitIds(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        const size_t comma = s.find(',');
        const std::string_view part = s.substr(0, comma);
        if (!part.empty()) out.emplace_back(part);
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return out;
}

void addPerson(std::vector<BoardPerson>& to, const std::string& id, const std::map<std::string, std::string>& names) {
    for (const BoardPerson& p : to)
        if (p.id == id) return;
    auto n = names.find(id);
    to.push_back({id, n == names.end() ? std::string() : n->second});
}

}  // namespace

bool BoardJob::hasTechnician(const std::string& staffId) const {
    for (const BoardPerson& p : technicians)
        if (p.id == staffId) return true;
    for (const BoardPerson& p : clockedOn)
        if (p.id == staffId) return true;
    return false;
}

Result<std::vector<BoardJob>> WorkshopBoardQueries::openJobs(int64_t nowMs) {
    Db& db = m_store.db();
    // Everyone who may appear (a store has tens of people, not thousands).
    std::map<std::string, std::string> names;
    FC_ASSIGN(Stmt * staff, db.cached("SELECT id, name FROM staff"));
    FC_TRY(staff->each([&](Stmt& r) { names.emplace(r.getText(0), r.getText(1)); }));

    FC_ASSIGN(Stmt * s, db.cached(
                            "SELECT w.id, w.provisional_no, w.number, w.vehicle_id, v.plate, v.make, v.model, "
                            "w.bay_id, b.code, b.name_zh, b.name_en, b.sort_order, j.status, w.promised_at, "
                            "w.opened_at, w.advisor_id, j.clocked_on, j.steps_done, j.findings, j.illegal, j.last_at "
                            "FROM local_job_state j JOIN work_orders w ON w.id = j.work_order_id "
                            "LEFT JOIN vehicles v ON v.id = w.vehicle_id "
                            "LEFT JOIN bays b ON b.id = w.bay_id AND b.deleted_at IS NULL "
                            "WHERE j.final = 0 AND w.deleted_at IS NULL"));
    std::vector<BoardJob> jobs;
    std::map<std::string, size_t> at;  // order id → index in jobs
    FC_TRY(s->each([&](Stmt& r) {
        BoardJob j;
        j.id = r.getText(0);
        j.provisionalNo = r.getText(1);
        j.number = r.getOptInt(2);
        j.vehicleId = r.getText(3);
        j.plate = r.isNull(4) ? "" : displayPlate(r.getTextView(4));
        for (int k : {5, 6}) {
            const std::string part = r.getText(k);
            if (part.empty()) continue;
            if (!j.vehicleLabel.empty()) j.vehicleLabel += ' ';
            j.vehicleLabel += part;
        }
        j.bayId = r.getOptText(7);
        j.bayCode = r.getText(8);
        j.bayNameZh = r.getText(9);
        j.bayNameEn = r.getText(10);
        j.baySort = static_cast<int>(r.getInt(11));
        j.status = parseWorkOrderStatus(r.getTextView(12)).value_or(WorkOrderStatus::kOpen);
        j.promisedAt = r.getOptInt(13);
        j.openedAt = r.getInt(14);
        j.advisorId = r.getOptText(15);
        if (j.advisorId) {
            auto n = names.find(*j.advisorId);
            if (n != names.end()) j.advisorName = n->second;
        }
        for (const std::string& id : splitIds(r.getTextView(16))) addPerson(j.clockedOn, id, names);
        j.stepsDone = static_cast<int>(r.getInt(17));
        j.findings = static_cast<int>(r.getInt(18));
        j.illegal = static_cast<int>(r.getInt(19));
        j.lastAt = r.getInt(20);
        j.overdue = j.promisedAt && *j.promisedAt < nowMs && j.status != WorkOrderStatus::kReady;
        at.emplace(j.id, jobs.size());
        jobs.push_back(std::move(j));
    }));
    if (jobs.empty()) return jobs;

    FC_ASSIGN(Stmt * lines, db.cached(
                                "SELECT l.work_order_id, l.kind, l.service_code, l.minutes, l.technicians, l.approval "
                                "FROM local_job_state j JOIN work_order_lines l ON l.work_order_id = j.work_order_id "
                                "WHERE j.final = 0 AND l.deleted_at IS NULL ORDER BY l.work_order_id, l.sort, l.id"));
    FC_TRY(lines->each([&](Stmt& r) {
        auto it = at.find(std::string(r.getTextView(0)));
        if (it == at.end()) return;
        BoardJob& j = jobs[it->second];
        const std::string_view approval = r.getTextView(5);
        if (approval == "proposed") ++j.proposedLines;
        if (r.getTextView(1) != "labour" || approval == "proposed" || approval == "declined") return;
        const std::string code = r.getText(2);
        if (!code.empty()) j.serviceCodes.push_back(code);
        j.standardMinutes += static_cast<int>(r.getInt(3));
        const auto shares = nlohmann::json::parse(r.getTextView(4), nullptr, false);
        if (!shares.is_array()) return;
        for (const auto& share : shares)
            if (share.is_object() && share.contains("staff") && share["staff"].is_string())
                addPerson(j.technicians, share["staff"].get<std::string>(), names);
    }));

    std::sort(jobs.begin(), jobs.end(), [](const BoardJob& a, const BoardJob& b) {
        const bool aBay = !a.bayCode.empty(), bBay = !b.bayCode.empty();
        if (aBay != bBay) return aBay;
        if (a.baySort != b.baySort) return a.baySort < b.baySort;
        if (a.bayCode != b.bayCode) return a.bayCode < b.bayCode;
        if (a.promisedAt.has_value() != b.promisedAt.has_value()) return a.promisedAt.has_value();
        if (a.promisedAt && *a.promisedAt != *b.promisedAt) return *a.promisedAt < *b.promisedAt;
        if (a.openedAt != b.openedAt) return a.openedAt < b.openedAt;
        return a.id < b.id;
    });
    return jobs;
}

}  // namespace fc::core
