// The front desk (office mode, signed in): today's appointments and today's check-ins in time
// order, reloaded when a table they show changes (sync applied a kiosk check-in, a local save);
// a search box over customers and vehicles (CustomerSearch) with the hits in a VirtualTable; and
// a customer's page with vehicles, visits, appointments and consent history. Phones are partly
// masked in the lists and shown in full on the customer's page; services, statuses, segments and
// channels by their names. No SQL: FrontDeskQueries, CustomerSearch and the ServiceCatalog.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/ui/table.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/customers/customer_search.hpp"
#include "shared/readmodel/front_desk.hpp"

namespace fc::ui {

class FrontDeskScreen final : public Screen {
public:
    FrontDeskScreen(AppContext& app, core::FrontDeskQueries& desk, core::CustomerSearch& search,
                    core::ServiceCatalog& catalog);
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;  // a scanned plate/phone/VIN: searched

    // Tests: what is loaded.
    const std::vector<core::AppointmentRow>& appointments() const { return m_appointments; }
    const std::vector<core::VisitRow>& visits() const { return m_visits; }
    const std::vector<core::SearchHit>& hits() const { return m_hits; }
    uint64_t reloads() const { return m_reloads; }

private:
    void reload(Ui& ui);
    void runSearch(Ui& ui);
    void drawHits(Ui& ui);
    void drawAppointments(Ui& ui, float height);
    void drawVisits(Ui& ui);

    AppContext& m_app;
    core::FrontDeskQueries& m_desk;
    core::CustomerSearch& m_search;
    core::ServiceCatalog& m_catalog;
    DataWatch m_watch;
    uint64_t m_reloads = 0;
    std::vector<core::AppointmentRow> m_appointments;
    std::vector<core::VisitRow> m_visits;
    std::string m_query;
    std::string m_searched;
    std::vector<core::SearchHit> m_hits;
    VirtualTable m_appointmentTable;
    VirtualTable m_visitTable;
    VirtualTable m_hitTable;
};

class CustomerDetailScreen final : public Screen {
public:
    CustomerDetailScreen(AppContext& app, core::FrontDeskQueries& desk, core::ServiceCatalog& catalog,
                         std::string customerId);
    std::string title() const override;
    void draw(Ui& ui) override;
    const std::optional<core::CustomerDetail>& detail() const { return m_detail; }

private:
    AppContext& m_app;
    core::FrontDeskQueries& m_desk;
    core::ServiceCatalog& m_catalog;
    std::string m_id;
    DataWatch m_watch;
    std::optional<core::CustomerDetail> m_detail;
    std::string m_error;
};

}  // namespace fc::ui
