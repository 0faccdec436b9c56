#include "shared/readmodel/front_desk.hpp"

#include "shared/customers/normalize.hpp"
#include "shared/catalogue/service_menu.hpp"

namespace fc::core {

namespace {

// The customer's and the car's columns every row carries, joined by id (masters have no SQL
// foreign keys: a row whose customer has not arrived yet still shows, with blanks).
constexpr const char* kPeopleColumns = "c.name, c.phones, v.plate, v.make, v.model, v.colour";

void readPeople(Stmt& s, int first, std::string& name, std::string& phone, std::string& plate,
                std::string& label) {
    name = s.getText(first);
    const auto phones = splitPhones(s.getTextView(first + 1));
    phone = phones.empty() ? "" : phones.front();
    plate = s.isNull(first + 2) ? "" : displayPlate(s.getTextView(first + 2));
    label.clear();
    for (int k = first + 3; k <= first + 5; ++k) {
        const std::string part = s.getText(k);
        if (part.empty()) continue;
        if (!label.empty()) label += ' ';
        label += part;
    }
}

}  // namespace

FrontDeskQueries::FrontDeskQueries(Store& store, CustomerService& customers,
                                   AppointmentService& appointments, const StoreTime& time)
    : m_store(store), m_customers(customers), m_appointments(appointments), m_time(time) {}

Result<std::vector<AppointmentRow>> FrontDeskQueries::appointmentsOn(int64_t anyMsOfDay) {
    FC_ASSIGN(
        Stmt * s,
        m_store.db().cached(
            std::string("SELECT a.id, a.scheduled_at, a.status, a.channel, a.services, a.notes, "
                        "a.customer_id, a.vehicle_id, ") +
            kPeopleColumns +
            ", (SELECT x.id FROM visits x WHERE x.appointment_id = a.id AND x.deleted_at IS "
            "NULL ORDER BY x.checked_in_at LIMIT 1), (SELECT x.ticket FROM visits x WHERE "
            "x.appointment_id = a.id AND x.deleted_at IS NULL ORDER BY x.checked_in_at LIMIT 1), "
            "a.bay_id, b.code, b.name_zh, b.name_en "
            "FROM appointments a LEFT JOIN customers c ON c.id = a.customer_id "
            "LEFT JOIN vehicles v ON v.id = a.vehicle_id LEFT JOIN bays b ON b.id = a.bay_id "
            "WHERE a.scheduled_at >= ? AND a.scheduled_at < ? AND a.deleted_at IS NULL "
            "ORDER BY a.scheduled_at, a.id"));
    s->bindAll(m_time.dayStart(anyMsOfDay), m_time.dayEnd(anyMsOfDay));
    std::vector<AppointmentRow> out;
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        AppointmentRow r;
        r.id = s->getText(0);
        r.scheduledAt = s->getInt(1);
        r.statusKey = s->getText(2);
        r.status = parseAppointmentStatus(r.statusKey);
        r.channel = s->getText(3);
        r.services = decodeServiceCodes(s->getTextView(4));
        r.notes = s->getText(5);
        r.customerId = s->getText(6);
        r.vehicleId = s->getText(7);
        readPeople(*s, 8, r.customerName, r.phone, r.plate, r.vehicleLabel);
        r.visitId = s->getOptText(14);
        r.ticket = s->getText(15);
        r.bayId = s->getOptText(16);
        r.bayCode = s->getText(17);
        r.bayNameZh = s->getText(18);
        r.bayNameEn = s->getText(19);
        out.push_back(std::move(r));
    }
    s->reset();
    return out;
}

Result<std::vector<VisitRow>> FrontDeskQueries::visitRows(const std::string& where,
                                                          const std::string& order,
                                                          const std::vector<SqlValue>& args) {
    FC_ASSIGN(Stmt * s,
              m_store.db().cached(
                  std::string("SELECT x.id, x.ticket, x.checked_in_at, x.status, x.services, "
                              "x.service_notes, x.complaint, x.odometer_km, x.appointment_id, "
                              "x.channel, x.customer_id, x.vehicle_id, ") +
                  kPeopleColumns +
                  ", x.called_at, x.called_by, st.name, x.called_desk, w.id, "
                  "coalesce(CAST(w.number AS TEXT), w.provisional_no)"
                  " FROM visits x LEFT JOIN work_orders w ON w.id = (SELECT w2.id FROM work_orders w2 WHERE "
                  "w2.visit_id = x.id AND w2.deleted_at IS NULL ORDER BY w2.opened_at, w2.id LIMIT 1) LEFT JOIN customers c ON c.id = x.customer_id "
                  "LEFT JOIN vehicles v ON v.id = x.vehicle_id LEFT JOIN staff st ON st.id = "
                  "x.called_by WHERE x.deleted_at IS NULL AND " +
                  where + " ORDER BY " + order));
    int i = 1;
    for (const auto& a : args) s->bind(i++, a);
    std::vector<VisitRow> out;
    while (true) {
        FC_ASSIGN(bool row, s->step());
        if (!row) break;
        VisitRow r;
        r.id = s->getText(0);
        r.ticket = s->getText(1);
        r.checkedInAt = s->getInt(2);
        r.statusKey = s->getText(3);
        r.status = parseVisitStatus(r.statusKey);
        r.services = decodeServiceCodes(s->getTextView(4));
        r.serviceNotes = s->getText(5);
        r.complaint = s->getText(6);
        r.odometerKm = s->getOptInt(7);
        r.appointmentId = s->getOptText(8);
        r.channel = s->getText(9);
        r.customerId = s->getText(10);
        r.vehicleId = s->getText(11);
        readPeople(*s, 12, r.customerName, r.phone, r.plate, r.vehicleLabel);
        r.calledAt = s->getOptInt(18);
        r.calledBy = s->getOptText(19);
        r.calledByName = s->getText(20);
        r.calledDesk = s->getText(21);
        r.workOrderId = s->getOptText(22);
        r.workOrderNo = s->isNull(23) ? "" : s->getText(23);
        out.push_back(std::move(r));
    }
    s->reset();
    return out;
}

Result<std::vector<VisitRow>> FrontDeskQueries::visitsOn(int64_t anyMsOfDay) {
    return visitRows("x.checked_in_at >= ? AND x.checked_in_at < ?", "x.checked_in_at, x.id",
                     {SqlValue::integer(m_time.dayStart(anyMsOfDay)),
                      SqlValue::integer(m_time.dayEnd(anyMsOfDay))});
}

Result<CustomerDetail> FrontDeskQueries::customerDetail(const std::string& customerId) {
    CustomerDetail d;
    FC_ASSIGN(d.customer, m_customers.getCustomer(customerId));
    FC_ASSIGN(d.vehicles, m_customers.vehiclesOf(customerId));
    FC_ASSIGN(d.visits, visitRows("x.customer_id = ?", "x.checked_in_at DESC, x.id",
                                  {SqlValue::text(customerId)}));
    FC_ASSIGN(d.appointments, m_appointments.forCustomer(customerId));
    FC_ASSIGN(d.consents, m_customers.consentHistory(customerId));
    FC_ASSIGN(d.accessEvents, accessEvents(customerId));
    return d;
}

Result<std::vector<AccessEventRow>> FrontDeskQueries::accessEvents(const std::string& customerId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT e.id, e.at, e.what, e.reason, e.staff_id, st.name, e.device_id "
                            "FROM customer_access_events e LEFT JOIN staff st ON st.id = e.staff_id "
                            "WHERE e.customer_id = ? ORDER BY e.at DESC, e.id DESC"));
    s->bind(1, customerId);
    std::vector<AccessEventRow> out;
    FC_TRY(s->each([&](Stmt& r) {
        out.push_back({r.getText(0), r.getInt(1), r.getText(2), r.getText(3), r.getText(4),
                       r.getText(5), r.getText(6)});
    }));
    return out;
}

}  // namespace fc::core
