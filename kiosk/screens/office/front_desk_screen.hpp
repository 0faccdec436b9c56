// The front desk (office mode, signed in): today's appointments and today's check-ins in time
// order, reloaded whenever data changes under it (sync applied a kiosk check-in, a local save);
// a search box over customers and vehicles (CustomerSearch) with the hits in a VirtualTable; and
// a customer's page with vehicles, visits, appointments and consent history. Phones are partly
// masked in the lists and shown in full on the customer's page. No SQL: FrontDeskQueries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/ui/table.hpp"
#include "shared/customers/customer_search.hpp"
#include "shared/readmodel/front_desk.hpp"

namespace fc::ui {

class FrontDeskScreen final : public Screen {
public:
    explicit FrontDeskScreen(AppContext& app) : m_app(app) {}
    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(const std::string& text) override;  // a scanned plate/phone/VIN: searched

    // Tests: what is loaded.
    const std::vector<core::AppointmentRow>& appointments() const { return m_appointments; }
    const std::vector<core::VisitRow>& visits() const { return m_visits; }
    const std::vector<core::SearchHit>& hits() const { return m_hits; }
    uint64_t reloads() const { return m_reloads; }

private:
    void reload(Ui& ui);
    void runSearch(Ui& ui);

    AppContext& m_app;
    std::optional<uint64_t> m_loadedVersion;
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
    CustomerDetailScreen(AppContext& app, std::string customerId) : m_app(app), m_id(std::move(customerId)) {}
    std::string title() const override;
    void draw(Ui& ui) override;
    const std::optional<core::CustomerDetail>& detail() const { return m_detail; }

private:
    AppContext& m_app;
    std::string m_id;
    std::optional<uint64_t> m_loadedVersion;
    std::optional<core::CustomerDetail> m_detail;
    std::string m_error;
};

}  // namespace fc::ui
