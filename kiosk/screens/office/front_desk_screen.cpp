#include "kiosk/screens/office/front_desk_screen.hpp"

#include <cstdio>

#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/customers/tables.hpp"
#include "shared/visits/tables.hpp"

namespace fc::ui {

namespace {

std::string joined(const std::vector<std::string>& parts, const char* sep = "、") {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

// "2026-01-01 09:30" in store time.
std::string dateTime(const core::StoreTime& t, int64_t ms) {
    const int day = t.dayNumber(ms);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d ", day / 10000, day / 100 % 100, day % 100);
    return buf + t.hhmm(ms);
}

// The translated name of a stored key ("desk.status.booked" for "booked"); the key itself when
// this version has no name for it (a newer device wrote it).
std::string labelOf(const char* prefix, const std::string& key) {
    const std::string k = std::string(prefix) + key;
    const I18n* i18n = currentI18n();
    return i18n && i18n->has(k) ? std::string(tr(k)) : key;
}

std::string statusLabel(const std::string& key) { return labelOf("desk.status.", key); }

std::string language() {
    const I18n* i18n = currentI18n();
    return i18n ? i18n->language() : "zh-CN";
}

std::string serviceNames(core::ServiceCatalog& catalog, const std::vector<std::string>& codes) {
    const std::string lang = language();
    return catalog.displayNames(codes, lang, lang == "en" ? ", " : "、");
}

void shownText(Ui& ui, std::string_view s) {
    text(ui, s);
    ui.registry().recordLastItem(s, WidgetKind::kOther);
}

}  // namespace

// [SECTION] FrontDeskScreen

FrontDeskScreen::FrontDeskScreen(AppContext& app, core::FrontDeskQueries& desk, core::CustomerSearch& search,
                                 core::ServiceCatalog& catalog)
    : m_app(app),
      m_desk(desk),
      m_search(search),
      m_catalog(catalog),
      m_watch(app.data, {&core::tables::kAppointments, &core::tables::kVisits, &core::tables::kCustomers,
                         &core::tables::kVehicles, &core::tables::kVehicleOwnerships}) {}

std::string FrontDeskScreen::title() const { return tr("desk.title"); }

void FrontDeskScreen::reload(Ui& ui) {
    ++m_reloads;
    if (auto a = m_desk.todaysAppointments()) m_appointments = std::move(a).value();
    else ui.toasts().show(a.error().message, ToastKind::kError);
    if (auto v = m_desk.todaysVisits()) m_visits = std::move(v).value();
    else ui.toasts().show(v.error().message, ToastKind::kError);
    for (const auto& a : m_appointments) ui.ensureGlyphs(a.customerName + a.plate + a.vehicleLabel);
    for (const auto& v : m_visits) ui.ensureGlyphs(v.customerName + v.plate + v.vehicleLabel);
    if (!m_searched.empty()) runSearch(ui);
}

void FrontDeskScreen::runSearch(Ui& ui) {
    m_searched = m_query;
    m_hits.clear();
    m_hitTable.setSelected(std::nullopt);
    if (m_query.empty()) return;
    auto hits = m_search.search(m_query, 200);
    if (!hits) {
        ui.toasts().show(hits.error().message, ToastKind::kError);
        return;
    }
    m_hits = std::move(hits).value();
    for (const auto& h : m_hits) ui.ensureGlyphs(h.name);
}

bool FrontDeskScreen::onScan(Ui&, const std::string& code) {
    m_query = code;
    m_searched.clear();  // searched at the next draw
    return true;
}

void FrontDeskScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    if (!m_app.staff || !m_app.staff->can(core::Capability::kViewFrontDesk)) {
        shownText(ui, tr("desk.not_allowed"));
        return;
    }
    if (m_watch.changed()) reload(ui);

    textField(ui, tr("desk.search"), m_query, {.hint = tr("desk.search_hint"), .maxChars = 40});
    if (m_query != m_searched) runSearch(ui);
    space(ui, 0.5f);

    if (!m_query.empty()) {
        drawHits(ui);
        return;
    }
    const float half = std::max(ui.theme().touch * 3, (ImGui::GetContentRegionAvail().y - ui.theme().touch * 2.5f) * 0.5f);
    drawAppointments(ui, half);
    space(ui, 0.5f);
    drawVisits(ui);
}

void FrontDeskScreen::drawHits(Ui& ui) {
    shownText(ui, tr("desk.results", {{"count", m_hits.size()}}));
    const std::vector<TableColumn> cols = {{tr("desk.col.name"), 1.2f}, {tr("desk.col.phone"), 1.2f},
                                           {tr("desk.col.plates"), 2.0f}};
    if (auto row = m_hitTable.draw(ui, "hits", cols, static_cast<int>(m_hits.size()),
                                   [&](int r, int c, std::string& scratch) -> std::string_view {
                                       const core::SearchHit& h = m_hits[static_cast<size_t>(r)];
                                       switch (c) {
                                           case 0: return h.name;
                                           case 1: return scratch = h.phones.empty() ? "" : core::maskPhone(h.phones[0]);
                                           default: {
                                               std::vector<std::string> p;
                                               for (const auto& pl : h.plates) p.push_back(core::displayPlate(pl));
                                               return scratch = joined(p);
                                           }
                                       }
                                   }))
        m_app.router.push(std::make_unique<CustomerDetailScreen>(m_app, m_desk, m_catalog,
                                                                 m_hits[static_cast<size_t>(*row)].customerId));
}

void FrontDeskScreen::drawAppointments(Ui& ui, float height) {
    const core::StoreTime& st = m_desk.storeTime();
    heading(ui, tr("desk.appointments", {{"count", m_appointments.size()}}));
    const std::vector<TableColumn> cols = {{tr("desk.col.time"), 0.6f},  {tr("desk.col.name"), 1.0f},
                                           {tr("desk.col.phone"), 1.1f}, {tr("desk.col.plate"), 1.0f},
                                           {tr("desk.col.services"), 1.6f}, {tr("desk.col.status"), 0.8f}};
    if (auto row = m_appointmentTable.draw(
            ui, "appointments", cols, static_cast<int>(m_appointments.size()),
            [&](int r, int c, std::string& scratch) -> std::string_view {
                const core::AppointmentRow& a = m_appointments[static_cast<size_t>(r)];
                switch (c) {
                    case 0: return scratch = st.hhmm(a.scheduledAt);
                    case 1: return a.customerName;
                    case 2: return scratch = core::maskPhone(a.phone);
                    case 3: return a.plate;
                    case 4: return scratch = serviceNames(m_catalog, a.services);
                    default: return scratch = a.visitId ? std::string(tr("desk.checked_in_ticket", {{"ticket", a.ticket}})) : statusLabel(a.statusKey);
                }
            },
            {.height = height}))
        m_app.router.push(std::make_unique<CustomerDetailScreen>(m_app, m_desk, m_catalog,
                                                                 m_appointments[static_cast<size_t>(*row)].customerId));
}

void FrontDeskScreen::drawVisits(Ui& ui) {
    const core::StoreTime& st = m_desk.storeTime();
    heading(ui, tr("desk.visits", {{"count", m_visits.size()}}));
    const std::vector<TableColumn> cols = {{tr("desk.col.time"), 0.6f},   {tr("desk.col.ticket"), 0.7f},
                                           {tr("desk.col.name"), 1.0f},   {tr("desk.col.phone"), 1.1f},
                                           {tr("desk.col.plate"), 1.0f},  {tr("desk.col.services"), 1.4f},
                                           {tr("desk.col.status"), 0.8f}};
    if (auto row = m_visitTable.draw(ui, "visits", cols, static_cast<int>(m_visits.size()),
                                     [&](int r, int c, std::string& scratch) -> std::string_view {
                                         const core::VisitRow& v = m_visits[static_cast<size_t>(r)];
                                         switch (c) {
                                             case 0: return scratch = st.hhmm(v.checkedInAt);
                                             case 1: return v.ticket;
                                             case 2: return v.customerName;
                                             case 3: return scratch = core::maskPhone(v.phone);
                                             case 4: return v.plate;
                                             case 5: return scratch = serviceNames(m_catalog, v.services);
                                             default: return scratch = statusLabel(v.statusKey);
                                         }
                                     }))
        m_app.router.push(std::make_unique<CustomerDetailScreen>(m_app, m_desk, m_catalog,
                                                                 m_visits[static_cast<size_t>(*row)].customerId));
}

// [SECTION] CustomerDetailScreen

CustomerDetailScreen::CustomerDetailScreen(AppContext& app, core::FrontDeskQueries& desk,
                                           core::ServiceCatalog& catalog, std::string customerId)
    : m_app(app),
      m_desk(desk),
      m_catalog(catalog),
      m_id(std::move(customerId)),
      m_watch(app.data, {&core::tables::kCustomers, &core::tables::kVehicles, &core::tables::kVehicleOwnerships,
                         &core::tables::kOdometerReadings, &core::tables::kConsentEvents, &core::tables::kVisits,
                         &core::tables::kAppointments}) {}

std::string CustomerDetailScreen::title() const {
    return m_detail ? m_detail->customer.name : std::string(tr("desk.customer"));
}

void CustomerDetailScreen::draw(Ui& ui) {
    if (m_watch.changed()) {
        auto d = m_desk.customerDetail(m_id);
        if (d) {
            m_detail = std::move(d).value();
            m_error.clear();
        } else {
            m_error = d.error().message;
        }
    }
    staffBar(ui, m_app);
    if (!m_detail) {
        shownText(ui, m_error);
        return;
    }
    const core::CustomerDetail& d = *m_detail;
    const core::StoreTime& st = m_desk.storeTime();
    ui.ensureGlyphs(d.customer.name, true);
    heading(ui, d.customer.name);
    shownText(ui, tr("desk.phones", {{"phones", joined(d.customer.phones)}}));  // in full: staff opened it
    if (!d.customer.segment.empty())
        mutedText(ui, tr("desk.segment", {{"segment", labelOf("desk.segment.", d.customer.segment)}}));
    ImGui::BeginChild("##detail", ImVec2(0, 0), false);
    space(ui, 0.5f);
    heading(ui, tr("desk.vehicles", {{"count", d.vehicles.size()}}));
    for (const core::Vehicle& v : d.vehicles) {
        std::string line = core::displayPlate(v.plate) + "  " + v.make + " " + v.model;
        if (!v.colour.empty()) line += " " + v.colour;
        if (v.odometerKm) line += "  " + tr("desk.odometer", {{"km", *v.odometerKm}});
        ui.ensureGlyphs(line);
        shownText(ui, line);
    }
    space(ui, 0.5f);
    heading(ui, tr("desk.visit_history", {{"count", d.visits.size()}}));
    for (const core::VisitRow& v : d.visits)
        shownText(ui, dateTime(st, v.checkedInAt) + "  " + v.ticket + "  " + v.plate + "  " +
                          serviceNames(m_catalog, v.services) + "  " + statusLabel(v.statusKey));
    space(ui, 0.5f);
    heading(ui, tr("desk.appointment_history", {{"count", d.appointments.size()}}));
    for (const core::Appointment& a : d.appointments)
        shownText(ui, dateTime(st, a.scheduledAt) + "  " + serviceNames(m_catalog, a.services) + "  " +
                          statusLabel(a.statusKey));
    space(ui, 0.5f);
    heading(ui, tr("desk.consents", {{"count", d.consents.size()}}));
    for (const core::ConsentEvent& c : d.consents)
        shownText(ui, dateTime(st, c.at) + "  " + labelOf("desk.consent_kind.", c.kind) + "  " +
                          (c.granted ? tr("desk.consent_granted") : tr("desk.consent_withdrawn")) + "  " +
                          labelOf("desk.channel.", c.channel) + (c.textVersion.empty() ? "" : "  " + c.textVersion));
    ImGui::EndChild();
}

}  // namespace fc::ui
