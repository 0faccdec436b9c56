#include "shared/visits/visit_service.hpp"

#include "shared/core/text.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/visits/tables.hpp"

namespace fc::core {

const char* visitStatusKey(VisitStatus s) {
    switch (s) {
        case VisitStatus::kWaiting:
            return "waiting";
        case VisitStatus::kInService:
            return "in_service";
        case VisitStatus::kReady:
            return "ready";
        case VisitStatus::kCollected:
            return "collected";
    }
    return "";
}

std::optional<VisitStatus> parseVisitStatus(std::string_view key) {
    for (auto s : {VisitStatus::kWaiting, VisitStatus::kInService, VisitStatus::kReady,
                   VisitStatus::kCollected})
        if (key == visitStatusKey(s)) return s;
    return std::nullopt;
}

namespace {

constexpr const char* kVisitColumns =
    "id, customer_id, vehicle_id, appointment_id, checked_in_at, odometer_km, services, "
    "service_notes, complaint, status, ticket, status_token, signature <> '', "
    "consent_text_version, channel, checked_in_by, deleted_at";

Visit readVisit(Stmt& s) {
    Visit v;
    v.id = s.getText(0);
    v.customerId = s.getText(1);
    v.vehicleId = s.getText(2);
    v.appointmentId = s.getOptText(3);
    v.checkedInAt = s.getInt(4);
    v.odometerKm = s.getOptInt(5);
    v.services = decodeServiceCodes(s.getTextView(6));
    v.serviceNotes = s.getText(7);
    v.complaint = s.getText(8);
    v.statusKey = s.getText(9);
    v.status = parseVisitStatus(v.statusKey);
    v.ticket = s.getText(10);
    v.statusToken = s.getText(11);
    v.hasSignature = s.getInt(12) != 0;
    v.consentTextVersion = s.getText(13);
    v.channel = s.getText(14);
    v.checkedInBy = s.getOptText(15);
    v.deletedAt = s.getOptInt(16);
    return v;
}

}  // namespace

Result<Visit> VisitService::get(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kVisitColumns +
                                            " FROM visits WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) return notFound("visit " + id + " does not exist");
    Visit v = readVisit(*s);
    s->reset();
    return v;
}

Result<std::string> VisitService::signature(const std::string& id) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT signature FROM visits WHERE id = ?"));
    s->bind(1, id);
    FC_ASSIGN(bool row, s->step());
    if (!row) return notFound("visit " + id + " does not exist");
    std::string out = s->getText(0);
    s->reset();
    return out;
}

Result<std::optional<Visit>> VisitService::findByStatusToken(std::string_view token) {
    const std::string t = trim(token);
    if (t.empty()) return std::optional<Visit>{};
    FC_ASSIGN(auto ids, idsWithToken(m_store.db(), "visits", "status_token", t));
    if (ids.empty()) return std::optional<Visit>{};
    FC_ASSIGN(Visit v, get(ids.front()));
    return std::optional<Visit>(std::move(v));
}

Result<std::vector<Visit>> VisitService::forCustomer(const std::string& customerId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(std::string("SELECT ") + kVisitColumns +
                                            " FROM visits WHERE customer_id = ? AND deleted_at IS "
                                            "NULL ORDER BY checked_in_at DESC, id"));
    s->bind(1, customerId);
    std::vector<Visit> out;
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        out.push_back(readVisit(*s));
    }
    s->reset();
    return out;
}

Status VisitService::setStatus(const std::string& id, VisitStatus to) {
    return inTx(m_store.db(), [&]() -> Status {
        FC_ASSIGN(Visit v, get(id));
        if (v.deletedAt) return conflict("visit " + v.ticket + " was deleted");
        if (v.status == to) return {};
        if (!v.status || static_cast<int>(*v.status) > static_cast<int>(to))
            return conflict("visit " + v.ticket + " is " + v.statusKey + ": it cannot go back to " +
                            visitStatusKey(to));
        const TableDef& t = tables::kVisits;
        auto r = m_store.writer().update(
            t, id, {{t.columnIndex("status"), SqlValue::text(visitStatusKey(to))}});
        if (!r) return r.error();
        return {};
    });
}

}  // namespace fc::core
