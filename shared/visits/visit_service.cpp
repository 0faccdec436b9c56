#include "shared/visits/visit_service.hpp"

#include "shared/core/text.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/catalogue/service_menu.hpp"
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
    "consent_text_version, channel, checked_in_by, deleted_at, called_at, called_by, called_desk";

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
    v.calledAt = s.getOptInt(17);
    v.calledBy = s.getOptText(18);
    v.calledDesk = s.getOptText(19);
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
            return conflict("status: visit " + v.ticket + " is " + v.statusKey +
                            "; it cannot go back to " + visitStatusKey(to));
        const TableDef& t = tables::kVisits;
        auto r = m_store.writer().update(
            t, id, {{t.columnIndex("status"), SqlValue::text(visitStatusKey(to))}});
        if (!r) return r.error();
        return {};
    });
}

// [SECTION] the queue

Result<std::string> VisitService::validateDesk(std::string_view desk) {
    FC_ASSIGN(std::string clean, cleanField(std::string(desk), "desk", 16));
    if (clean.empty()) return invalid("desk: say where the customer should go (e.g. 2号台)");
    return clean;
}

Status VisitService::checkStaff(const std::string& staffId) {
    if (staffId.empty()) return invalid("staff: sign in to call the queue");
    FC_ASSIGN(StaffMember m, m_staff.get(staffId));
    if (m.deletedAt || !m.active) return invalid("staff: " + m.name + " is not active");
    return {};
}

Status VisitService::markCalled(const std::string& id, const std::string& staffId,
                                const std::string& desk) {
    const TableDef& t = tables::kVisits;
    auto r = m_store.writer().update(t, id,
                                     {{t.columnIndex("called_at"), SqlValue::integer(m_store.nowMs())},
                                      {t.columnIndex("called_by"), SqlValue::text(staffId)},
                                      {t.columnIndex("called_desk"), SqlValue::text(desk)}});
    if (!r) return r.error();
    return {};
}

Result<std::optional<std::string>> VisitService::nextUncalled() {
    const int64_t now = m_store.nowMs();
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT id FROM visits WHERE checked_in_at >= ? AND checked_in_at < ? AND "
                            "status = 'waiting' AND called_at IS NULL AND deleted_at IS NULL "
                            "ORDER BY checked_in_at, id LIMIT 1"));
    s->bindAll(m_time.dayStart(now), m_time.dayEnd(now));
    FC_ASSIGN(bool row, s->step());
    std::optional<std::string> out;
    if (row) out = s->getText(0);
    s->reset();
    return out;
}

Result<std::optional<Visit>> VisitService::callNext(const std::string& staffId, std::string_view desk) {
    FC_ASSIGN(std::string where, validateDesk(desk));
    return inTx(m_store.db(), [&]() -> Result<std::optional<Visit>> {
        FC_TRY(checkStaff(staffId));
        FC_ASSIGN(std::optional<std::string> id, nextUncalled());
        if (!id) return std::optional<Visit>{};
        FC_TRY(markCalled(*id, staffId, where));
        FC_ASSIGN(Visit v, get(*id));
        return std::optional<Visit>(std::move(v));
    });
}

Result<Visit> VisitService::recall(const std::string& visitId, const std::string& staffId) {
    return inTx(m_store.db(), [&]() -> Result<Visit> {
        FC_TRY(checkStaff(staffId));
        FC_ASSIGN(Visit v, get(visitId));
        if (v.deletedAt) return conflict("visit " + v.ticket + " was deleted");
        if (v.status != VisitStatus::kWaiting)
            return conflict("visit " + v.ticket + " is " + v.statusKey + ", not waiting: no need to call it");
        if (!v.calledAt) return conflict("visit " + v.ticket + " has not been called yet: call the next ticket");
        FC_TRY(markCalled(v.id, staffId, v.calledDesk.value_or("")));
        return get(visitId);
    });
}

}  // namespace fc::core
