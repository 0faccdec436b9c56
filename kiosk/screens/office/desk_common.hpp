// What the front desk's screens share: the services they are given (DeskServices, made once by
// the feature's factory), how stored keys and times are shown, and the small touch pieces they
// all draw (toggle chips that wrap, a service picker from the menu, an error line in the error
// colour). No SQL: everything goes through the services in shared/.
//
//   DeskServices s = DeskServices::from(env.services);
//   if (desk::chip(ui, tr("desk.reason.callback"), m_reason == "callback")) m_reason = "callback";
//   m_services.draw(ui, s.catalog);      // the menu as chips; m_services.codes() in menu order
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "shared/bays/bay_service.hpp"
#include "shared/capture/service_set.hpp"
#include "shared/customers/customer_access.hpp"
#include "shared/customers/customer_search.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/readmodel/front_desk.hpp"
#include "shared/readmodel/print_documents.hpp"
#include "shared/invoicing/invoice_service.hpp"
#include "shared/readmodel/vehicle_history.hpp"
#include "shared/readmodel/workshop_board.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/visits/booking_grid.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "shared/visits/visit_service.hpp"
#include "shared/workorders/assignment.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::ui {

// The services the front desk's screens use (all owned by the store's ServiceSet).
struct DeskServices {
    core::FrontDeskQueries& desk;
    core::CustomerSearch& search;
    core::ServiceCatalog& catalog;
    core::CustomerService& customers;
    core::AppointmentService& appointments;
    core::BookingGrid& grid;
    core::VisitService& visits;
    core::CheckInService& checkIn;
    core::CustomerAccessLog& access;
    core::WorkOrderService& workOrders;
    core::VehicleHistoryQueries& history;
    core::InvoiceService& invoices;
    core::StaffService& staff;
    core::BayService& bays;
    core::WorkshopBoardQueries& board;
    core::PrintDocuments& print;
    // Who should do a labour line (skill, load, shift); owns the job templates it reads.
    std::shared_ptr<core::AssignmentAdvisor> assignment;

    static DeskServices from(core::ServiceSet& set);
};

namespace desk {

std::string joined(const std::vector<std::string>& parts, const char* sep = "、");
// "2026-01-01" / "2026-01-01 09:30" in store time.
std::string date(const core::StoreTime& t, int64_t ms);
std::string dateTime(const core::StoreTime& t, int64_t ms);
// "1月3日 周六" / "Sat 1/3": a day chip's text; "周六" / "Sat".
std::string dayLabel(const core::StoreTime& t, int64_t ms);
std::string weekday(const core::StoreTime& t, int64_t ms);
// The translated name of a stored key ("desk.status." + "booked"); the key itself when this
// version has no name for it (a newer device wrote it).
std::string labelOf(const char* prefix, const std::string& key);
std::string statusLabel(const std::string& key);
std::string language();
bool english();
std::string serviceNames(core::ServiceCatalog& catalog, const std::vector<std::string>& codes);
// "B1 1号举升位" (the name in the shown language).
std::string bayLabel(const core::Bay& bay);
// Whether the signed-in person may do `c`.
bool can(const AppContext& app, core::Capability c);

// Text recorded in the widget registry (tests look for it).
void shownText(Ui& ui, std::string_view s);
// An error line, in the error colour, wrapped.
void errorText(Ui& ui, std::string_view s);
// The service's message about a field, led by a translated "please check".
std::string fieldError(const core::Error& e);
// The errors a form shows under its fields, by field name ("name", "phone", "plate", …).
struct FieldErrors {
    std::map<std::string, std::string> byField;
    std::string of(const std::string& field) const;        // "" when the field has none
    void drawUnder(Ui& ui, const std::string& field) const;  // its error line, if any
};
// A toggle chip: primary with a tick when on. `width` 0: fits the label.
bool chip(Ui& ui, std::string_view label, bool on, std::string_view id = {}, float width = 0);
// Before the next chip of a wrapping row: stays on the line when `label` still fits.
void chipRowNext(Ui& ui, std::string_view label, bool on, bool first);

// A modal window for a choice that needs more than yes/no (a reason, a status): open() it, and
// each frame `if (m.begin(ui, "status")) { …widgets…; if (done) m.close(); m.end(); }`.
// Everything behind it is blocked; Escape closes it.
class Modal {
public:
    void open() { m_state = State::kOpening; }
    bool isOpen() const { return m_state != State::kClosed; }
    bool begin(Ui& ui, std::string_view id);
    void close() { m_closing = true; }
    void end();

private:
    enum class State { kClosed, kOpening, kOpen };
    State m_state = State::kClosed;
    bool m_closing = false;
    Ui* m_ui = nullptr;
};

// The service menu as wrapping chips; the chosen codes kept in the menu's order.
class ServicePicker {
public:
    void set(const std::vector<std::string>& codes) { m_chosen = std::set<std::string>(codes.begin(), codes.end()); }
    // Draws the chips; false when the menu cannot be read (a line says so).
    bool draw(Ui& ui, core::ServiceCatalog& catalog);
    std::vector<std::string> codes() const;
    bool empty() const { return m_chosen.empty(); }

private:
    std::vector<core::ServiceItem> m_menu;
    std::set<std::string> m_chosen;
};

}  // namespace desk
}  // namespace fc::ui
