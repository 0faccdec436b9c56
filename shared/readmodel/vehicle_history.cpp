#include "shared/readmodel/vehicle_history.hpp"

#include <algorithm>

#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

Result<VehicleHistory> VehicleHistoryQueries::forVehicle(const std::string& vehicleId, size_t limit) {
    Db& db = m_store.db();
    VehicleHistory h;
    FC_ASSIGN(Stmt * o, db.cached(
                            "SELECT id, coalesce(CAST(number AS TEXT), provisional_no), opened_at, odometer_km, "
                            "concerns FROM work_orders WHERE vehicle_id = ? AND deleted_at IS NULL ORDER BY "
                            "opened_at DESC, id DESC LIMIT ?"));
    o->bindAll(vehicleId, static_cast<int64_t>(limit));
    FC_TRY(o->each([&](Stmt& r) {
        PastWorkOrder p;
        p.id = r.getText(0);
        p.number = r.getText(1);
        p.openedAt = r.getInt(2);
        p.odometerKm = r.getOptInt(3);
        p.concerns = r.getText(4);
        h.orders.push_back(std::move(p));
    }));
    FC_ASSIGN(Stmt * l, db.cached(
                            "SELECT l.description, l.approval, coalesce(e.note, '') FROM work_order_lines l LEFT JOIN "
                            "job_events e ON e.id = l.finding_event_id WHERE l.work_order_id = ? AND l.deleted_at IS "
                            "NULL ORDER BY l.sort, l.id"));
    for (PastWorkOrder& p : h.orders) {
        FC_ASSIGN(std::vector<JobFact> facts, WorkOrderService::factsOf(db, p.id));
        const DerivedJob job = deriveJob(std::move(facts));
        p.status = job.status;
        for (const Finding& f : job.findings) h.findings.push_back({p.id, f.level, f.note, f.at});
        l->bind(1, p.id);
        FC_TRY(l->each([&](Stmt& r) {
            const std::string approval = r.getText(1);
            if (approval == "declined")
                h.declined.push_back({p.id, r.getText(0), r.getText(2), p.openedAt});
            else if (approval == "standard" || approval == "approved")
                p.work.push_back(r.getText(0));
        }));
    }
    std::stable_sort(h.findings.begin(), h.findings.end(), [](const PastFinding& a, const PastFinding& b) { return a.at > b.at; });
    return h;
}

}  // namespace fc::core
