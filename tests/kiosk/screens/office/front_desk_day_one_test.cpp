// The front desk's day one, driven like an advisor does it (headless, real SQLite store seeded
// with the demo): book an appointment through the day/time × bay picker (a taken cell cannot be
// chosen), move it and cancel it; edit a customer and a vehicle (a bad phone is refused and the
// error shown under the field); check a customer in at the desk from an appointment row; call the
// next ticket and call it again; move a visit only forward; reveal a masked phone with a reason
// (audited); clear the search and select all of it with Ctrl+A.
#include <gtest/gtest.h>

#include "kiosk/screens/office/appointment_editor_screen.hpp"
#include "kiosk/screens/office/customer_edit_screen.hpp"
#include "kiosk/screens/office/desk_check_in_screen.hpp"
#include "kiosk/screens/office/front_desk_screen.hpp"
#include "kiosk/screens/office/work_order_screen.hpp"
#include "shared/customers/normalize.hpp"
#include "shared/demo/seed.hpp"
#include "shared/workorders/work_order_service.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class DeskDayOneTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        seeded = makeDemoStore();
        ASSERT_GT(seeded.customers, 0u);
        ASSERT_GT(seeded.appointments, 3u);
        app = makeApp(Mode::kOffice);
        ASSERT_NE(app, nullptr);
        driver.emplace(driveApp(*app));
        desk = openDesk();
        ASSERT_NE(desk, nullptr);
    }

    HeadlessDriver& d() { return *driver; }
    template <class T>
    T& get() {
        return app->services().get<T>();
    }

    // Signs in the advisor (李娜) and opens the front desk.
    FrontDeskScreen* openDesk() {
        d().frame(3);
        EXPECT_TRUE(d().click("李娜"));
        d().type("314159");
        d().press(ImGuiKey_Enter);
        d().frame(2);
        EXPECT_TRUE(app->staff().has_value());
        advisorId = app->staff() ? app->staff()->staffId() : "";
        EXPECT_TRUE(d().click(tr("office.home.front_desk")));
        d().frame(2);
        return dynamic_cast<FrontDeskScreen*>(app->router().top());
    }

    template <class S>
    S* top() {
        return dynamic_cast<S*>(app->router().top());
    }

    // Ctrl+A in whatever has keyboard focus.
    void selectAll() {
        ImGui::SetCurrentContext(app->imgui());
        ImGui::GetIO().KeyCtrl = true;
        d().press(ImGuiKey_A);
        ImGui::SetCurrentContext(app->imgui());
        ImGui::GetIO().KeyCtrl = false;
        d().frame();
    }

    // Replaces the text of the field labelled `label`.
    void retype(const std::string& label, const std::string& text, std::string_view scope = {}) {
        ASSERT_TRUE(d().click(label, scope)) << label;
        selectAll();
        d().type(text);
    }

    // The first of today's appointments still booked (not checked in), scrolled into view.
    std::optional<core::AppointmentRow> bookedToday() {
        for (const auto& a : desk->appointments())
            if (a.status == core::AppointmentStatus::kBooked && !a.visitId) {
                desk->showAppointment(a.id);
                d().frame(2);
                return a;
            }
        return std::nullopt;
    }

    // Opens a customer's page from their appointment row (its time cell).
    CustomerDetailScreen* openCustomerFromRow(const core::AppointmentRow& a) {
        const auto& st = get<core::FrontDeskQueries>().storeTime();
        EXPECT_TRUE(d().click(st.hhmm(a.scheduledAt), "appointments"));
        d().frame(2);
        return top<CustomerDetailScreen>();
    }

    void back() {
        ASSERT_TRUE(d().click(tr("shell.back"), "header"));
        d().frame(2);
    }

    core::SeedReport seeded;
    std::unique_ptr<App> app;
    std::optional<HeadlessDriver> driver;
    FrontDeskScreen* desk = nullptr;
    std::string advisorId;
};

// A cell's scope in the picker: "[09:30 B1]", "[09:30 -]" for no bay.
std::string cellScope(const core::DaySlot& slot, const std::string& bayCode) {
    return "[" + slot.label + " " + bayCode + "]";
}

TEST_F(DeskDayOneTest, BookThroughThePickerATakenBayCannotBeChosen) {
    // A new customer with a car, found by search and booked from their page.
    auto& customers = get<core::CustomerService>();
    auto cid = customers.createCustomer({.name = "周建国", .phones = {"13912345678"}});
    ASSERT_TRUE(cid.ok()) << cid.error().message;
    auto vid = customers.addVehicle(*cid, {.plate = "粤B6D258", .make = "丰田", .model = "卡罗拉"});
    ASSERT_TRUE(vid.ok()) << vid.error().message;
    d().frame(2);
    ASSERT_TRUE(d().click(tr("desk.search")));
    d().type("13912345678");
    d().frame(2);
    ASSERT_TRUE(d().click("周建国", "hits"));
    d().frame(2);
    ASSERT_NE(top<CustomerDetailScreen>(), nullptr);
    ASSERT_TRUE(d().click(tr("desk.appt.book"), *vid));
    auto* editor = top<AppointmentEditorScreen>();
    ASSERT_NE(editor, nullptr);
    ASSERT_TRUE(editor->day().has_value());
    EXPECT_FALSE(editor->moving());
    const core::DaySlots day = *editor->day();  // a copy: the editor goes once saved
    ASSERT_FALSE(day.bays.empty());
    ASSERT_FALSE(day.slots.empty());
    EXPECT_EQ(day.slots.front().label, "08:30");

    // Nothing to book before a service is chosen.
    const core::ServiceMenu* menu = *get<core::ServiceCatalog>().menu();
    const core::ServiceItem* oil = menu->find("oil_filter");
    ASSERT_NE(oil, nullptr);
    ASSERT_TRUE(d().click(oil->nameZh, "services"));

    // The seeded 08:30 appointment holds a bay: its cell says so and cannot be tapped.
    std::optional<size_t> takenBay;
    for (size_t b = 0; b < day.bays.size() && !takenBay; ++b)
        if (!day.slots[0].free(b)) takenBay = b;
    ASSERT_TRUE(takenBay.has_value()) << "the demo books 08:30 on a lift";
    const std::string takenScope = cellScope(day.slots[0], day.bays[*takenBay].code);
    ASSERT_TRUE(d().visible(tr("desk.appt.cell_taken"), takenScope));
    EXPECT_FALSE(d().click(tr("desk.appt.cell_taken"), takenScope)) << "a taken cell is disabled";
    EXPECT_FALSE(editor->chosen().has_value());
    EXPECT_FALSE(d().click(tr("desk.appt.confirm_book"))) << "no cell chosen: nothing to confirm";

    // A free bay in the same slot is chosen with one tap and booked.
    std::optional<size_t> freeBay;
    for (size_t b = 0; b < day.bays.size() && !freeBay; ++b)
        if (day.slots[0].free(b)) freeBay = b;
    ASSERT_TRUE(freeBay.has_value());
    const core::Bay bay = day.bays[*freeBay];
    const int64_t at = day.slots[0].startsAt;
    ASSERT_TRUE(d().click(tr("desk.appt.cell_free"), cellScope(day.slots[0], bay.code)));
    ASSERT_TRUE(editor->chosen().has_value());
    EXPECT_EQ(editor->chosen()->at, at);
    EXPECT_EQ(editor->chosen()->bayId, bay.id);
    EXPECT_TRUE(d().visible(tr("desk.appt.cell_chosen"), cellScope(day.slots[0], bay.code)));
    ASSERT_TRUE(d().click(tr("desk.appt.confirm_book")));
    d().frame(2);
    EXPECT_EQ(top<AppointmentEditorScreen>(), nullptr) << "the picker closes once booked";

    // The booking is in today's list at that time and bay.
    back();
    ASSERT_EQ(top<FrontDeskScreen>(), desk);
    ASSERT_TRUE(d().click(tr("desk.search_clear")));
    d().frame(2);
    std::optional<core::AppointmentRow> booked;
    for (const auto& a : desk->appointments())
        if (a.customerId == *cid) booked = a;
    ASSERT_TRUE(booked.has_value()) << "the new booking is in today's list";
    EXPECT_EQ(booked->scheduledAt, at);
    EXPECT_EQ(booked->bayCode, bay.code);
    EXPECT_EQ(booked->services, std::vector<std::string>{"oil_filter"});
    EXPECT_EQ(booked->statusKey, "booked");
    EXPECT_TRUE(d().visible("周建国", "appointments"));
}

TEST_F(DeskDayOneTest, MoveAnAppointmentThenCancelIt) {
    const auto a = bookedToday();
    ASSERT_TRUE(a.has_value());
    ASSERT_TRUE(d().click(tr("desk.appt.move"), a->id));
    auto* editor = top<AppointmentEditorScreen>();
    ASSERT_NE(editor, nullptr);
    ASSERT_TRUE(editor->moving());
    ASSERT_TRUE(editor->day().has_value());
    const core::DaySlots day = *editor->day();  // a copy: the editor goes once saved
    // Where it is now is marked; the first free bay cell in another early slot is the new place.
    const auto& hours = get<core::BookingGrid>().hours();
    const auto& st = get<core::FrontDeskQueries>().storeTime();
    const int64_t nowSlot = hours.slotStart(st, a->scheduledAt);
    std::optional<std::pair<size_t, size_t>> target;
    for (size_t s = 0; s < 4 && !target; ++s) {
        if (day.slots[s].startsAt == nowSlot) continue;
        for (size_t b = 0; b < day.bays.size() && !target; ++b)
            if (day.slots[s].free(b) && day.bays[b].code != a->bayCode) target = {s, b};
    }
    ASSERT_TRUE(target.has_value());
    const core::DaySlot& slot = day.slots[target->first];
    const core::Bay& bay = day.bays[target->second];
    ASSERT_TRUE(d().click(tr("desk.appt.cell_free"), cellScope(slot, bay.code)));
    ASSERT_TRUE(d().click(tr("desk.appt.confirm_move")));
    d().frame(2);
    EXPECT_EQ(top<FrontDeskScreen>(), desk) << "back on the desk";
    auto moved = get<core::AppointmentService>().get(a->id);
    ASSERT_TRUE(moved.ok());
    EXPECT_EQ(moved->scheduledAt, slot.startsAt);
    EXPECT_EQ(moved->bayId, bay.id);
    EXPECT_EQ(moved->statusKey, "booked");
    bool listed = false;
    for (const auto& row : desk->appointments())
        if (row.id == a->id) listed = row.scheduledAt == slot.startsAt && row.bayCode == bay.code;
    EXPECT_TRUE(listed) << "the list shows the new time and bay";

    // Cancel: asked first; "keep it" changes nothing, yes cancels.
    desk->showAppointment(a->id);
    d().frame(2);
    ASSERT_TRUE(d().click(tr("desk.appt.cancel"), a->id));
    ASSERT_TRUE(d().click(tr("desk.appt.cancel_no"), "confirm"));
    EXPECT_EQ(get<core::AppointmentService>().get(a->id)->statusKey, "booked");
    ASSERT_TRUE(d().click(tr("desk.appt.cancel"), a->id));
    ASSERT_TRUE(d().click(tr("desk.appt.cancel_yes"), "confirm"));
    d().frame(2);
    EXPECT_EQ(get<core::AppointmentService>().get(a->id)->statusKey, "cancelled");
    EXPECT_FALSE(d().visible(tr("desk.appt.cancel"), a->id)) << "a cancelled appointment cannot be cancelled again";
    EXPECT_FALSE(d().visible(tr("desk.appt.check_in"), a->id)) << "nor checked in";
    EXPECT_TRUE(d().visible(tr("desk.status.cancelled"), "appointments"));
}

TEST_F(DeskDayOneTest, EditACustomerAndAVehicleABadPhoneIsRefusedUnderTheField) {
    const auto a = bookedToday();
    ASSERT_TRUE(a.has_value());
    auto* page = openCustomerFromRow(*a);
    ASSERT_NE(page, nullptr);
    ASSERT_TRUE(page->detail().has_value());
    const core::Customer before = page->detail()->customer;

    // A phone that is not a mobile number: refused, the error under it, nothing saved.
    ASSERT_TRUE(d().click(tr("desk.edit.customer")));
    auto* edit = top<CustomerEditScreen>();
    ASSERT_NE(edit, nullptr);
    retype(tr("desk.edit.phone_n", {{"n", 1}}), "12345");
    ASSERT_TRUE(d().click(tr("desk.edit.save")));
    ASSERT_EQ(top<CustomerEditScreen>(), edit) << "still editing";
    const std::string error = edit->fieldError("phone");
    ASSERT_FALSE(error.empty());
    EXPECT_TRUE(d().visible(error, "customer-edit")) << error;
    EXPECT_EQ(get<core::CustomerService>().getCustomer(a->customerId)->phones, before.phones);

    // The phone put back and the name changed: saved.
    retype(tr("desk.edit.phone_n", {{"n", 1}}), before.phones.front());
    retype(tr("desk.edit.name"), "王小明");
    ASSERT_TRUE(d().click(tr("desk.edit.save")));
    d().frame(2);
    EXPECT_EQ(top<CustomerEditScreen>(), nullptr) << "closed after saving";
    auto after = get<core::CustomerService>().getCustomer(a->customerId);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->name, "王小明");
    EXPECT_EQ(after->phones, before.phones);
    ASSERT_EQ(top<CustomerDetailScreen>(), page);
    EXPECT_EQ(page->detail()->customer.name, "王小明") << "the page shows the new name";

    // The vehicle's colour.
    ASSERT_TRUE(d().click(tr("desk.edit.vehicle"), a->vehicleId));
    auto* car = top<VehicleEditScreen>();
    ASSERT_NE(car, nullptr);
    retype(tr("desk.edit.colour"), "珍珠白");
    ASSERT_TRUE(d().click(tr("desk.edit.save")));
    d().frame(2);
    EXPECT_EQ(top<CustomerDetailScreen>(), page);
    EXPECT_EQ(get<core::CustomerService>().getVehicle(a->vehicleId)->colour, "珍珠白");
}

TEST_F(DeskDayOneTest, AnInvalidPlateIsShownUnderThePlateField) {
    const auto a = bookedToday();
    ASSERT_TRUE(a.has_value());
    ASSERT_NE(openCustomerFromRow(*a), nullptr);
    ASSERT_TRUE(d().click(tr("desk.edit.vehicle"), a->vehicleId));
    auto* car = top<VehicleEditScreen>();
    ASSERT_NE(car, nullptr);
    const std::string plate = get<core::CustomerService>().getVehicle(a->vehicleId)->plate;
    retype(tr("desk.edit.plate"), "XYZ");
    ASSERT_TRUE(d().click(tr("desk.edit.save")));
    ASSERT_EQ(top<VehicleEditScreen>(), car);
    EXPECT_FALSE(car->fieldError("plate").empty());
    EXPECT_TRUE(car->fieldError("colour").empty());
    EXPECT_TRUE(d().visible(car->fieldError("plate"), "vehicle-edit"));
    EXPECT_EQ(get<core::CustomerService>().getVehicle(a->vehicleId)->plate, plate);
}

TEST_F(DeskDayOneTest, CheckInAtTheDeskFromAnAppointmentRow) {
    const auto a = bookedToday();
    ASSERT_TRUE(a.has_value());
    const size_t visitsBefore = desk->visits().size();
    ASSERT_TRUE(d().click(tr("desk.appt.check_in"), a->id));
    auto* screen = top<DeskCheckInScreen>();
    ASSERT_NE(screen, nullptr);
    ASSERT_TRUE(d().click(tr("desk.checkin.odometer")));
    d().type("999999");
    ASSERT_TRUE(d().click(tr("checkin.problem.noise"), "problems"));
    ASSERT_TRUE(d().click(tr("desk.checkin.complaint")));
    d().type("冷车启动");
    ASSERT_TRUE(d().click(tr("desk.checkin.confirm")));
    ASSERT_TRUE(screen->result().has_value()) << screen->error();
    const core::CheckInResult r = *screen->result();
    EXPECT_FALSE(r.ticket.empty());
    EXPECT_TRUE(d().visible(r.ticket, "desk-checkin")) << "the ticket is shown";

    auto v = get<core::VisitService>().get(r.visitId);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->channel, "office");
    EXPECT_EQ(v->checkedInBy, advisorId);
    EXPECT_EQ(v->appointmentId, a->id);
    EXPECT_EQ(v->ticket, r.ticket);
    EXPECT_EQ(v->odometerKm, 999999);
    EXPECT_EQ(v->services, a->services) << "the appointment's services";
    EXPECT_NE(v->complaint.find(tr("checkin.problem.noise")), std::string::npos) << v->complaint;
    EXPECT_NE(v->complaint.find("冷车启动"), std::string::npos) << v->complaint;
    EXPECT_EQ(get<core::AppointmentService>().get(a->id)->statusKey, "checked_in");

    ASSERT_TRUE(d().click(tr("desk.checkin.finish")));
    d().frame(2);
    ASSERT_EQ(top<FrontDeskScreen>(), desk);
    EXPECT_EQ(desk->visits().size(), visitsBefore + 1);
    desk->showVisit(r.visitId);
    d().frame(2);
    // The visits list shows the services and the complaint.
    EXPECT_TRUE(d().visible(r.ticket, "visits"));
    EXPECT_TRUE(d().visible(v->complaint, "visits")) << v->complaint;
    const auto names = get<core::ServiceCatalog>().displayNames(v->services, "zh-CN");
    EXPECT_TRUE(d().visible(names, "visits")) << names;
    EXPECT_FALSE(d().visible(tr("desk.appt.check_in"), a->id)) << "checked in: no second check-in";
}

TEST_F(DeskDayOneTest, WalkInCheckInFromTheCustomerPage) {
    // A car with no appointment today, checked in from its owner's page.
    auto& customers = get<core::CustomerService>();
    auto cid = customers.createCustomer({.name = "吴敏", .phones = {"13700001111"}});
    ASSERT_TRUE(cid.ok());
    auto vid = customers.addVehicle(*cid, {.plate = "粤B3K777", .odometerKm = 40000});
    ASSERT_TRUE(vid.ok());
    d().frame(2);
    ASSERT_TRUE(d().click(tr("desk.search")));
    d().type("13700001111");
    d().frame(2);
    ASSERT_TRUE(d().click("吴敏", "hits"));
    d().frame(2);
    ASSERT_TRUE(d().click(tr("desk.appt.check_in"), *vid));
    auto* screen = top<DeskCheckInScreen>();
    ASSERT_NE(screen, nullptr);
    EXPECT_FALSE(d().click(tr("desk.checkin.confirm"))) << "nothing asked for yet";
    // A reading below the last one asks first.
    ASSERT_TRUE(d().click(tr("desk.checkin.odometer")));
    d().type("39000");
    const core::ServiceMenu* menu = *get<core::ServiceCatalog>().menu();
    ASSERT_TRUE(d().click(menu->find("oil_filter")->nameZh, "services"));
    ASSERT_TRUE(d().click(tr("desk.checkin.confirm")));
    EXPECT_FALSE(screen->result().has_value()) << "asked before a lower reading is saved";
    ASSERT_TRUE(d().click(tr("desk.checkin.lower_yes"), "confirm"));
    ASSERT_TRUE(screen->result().has_value()) << screen->error();
    auto v = get<core::VisitService>().get(screen->result()->visitId);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->channel, "office");
    EXPECT_FALSE(v->appointmentId.has_value());
    EXPECT_EQ(v->odometerKm, 39000);
    EXPECT_EQ(v->services, std::vector<std::string>{"oil_filter"});
}

TEST_F(DeskDayOneTest, CallTheNextTicketThenRecallIt) {
    ASSERT_FALSE(desk->visits().empty()) << "the demo checks some in";
    EXPECT_TRUE(d().visible(tr("desk.queue.none_called"), "queue"));
    EXPECT_FALSE(d().click(tr("desk.queue.recall"), "queue")) << "nothing called yet";
    // The oldest waiting visit not called yet.
    std::optional<core::VisitRow> oldest;
    for (const auto& v : desk->visits())
        if (v.status == core::VisitStatus::kWaiting && !v.calledAt) {
            oldest = v;
            break;
        }
    ASSERT_TRUE(oldest.has_value());
    ASSERT_TRUE(d().click(tr("desk.queue.call_next"), "queue"));
    d().frame(2);
    const auto called = desk->calledVisit();
    ASSERT_TRUE(called.has_value());
    EXPECT_EQ(called->id, oldest->id);
    EXPECT_TRUE(d().visible(oldest->ticket, "queue")) << "the called ticket, big";
    auto v = get<core::VisitService>().get(oldest->id);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->calledBy, advisorId);
    EXPECT_EQ(v->calledDesk, std::string(tr("desk.queue.default_desk")));
    const int64_t firstCall = *v->calledAt;
    EXPECT_TRUE(d().visible(tr("desk.queue.called_to", {{"desk", tr("desk.queue.default_desk")}}), "visits"));

    // Called again a minute later: the same ticket, a new time.
    clock.advance(60'000);
    ASSERT_TRUE(d().click(tr("desk.queue.recall"), "queue"));
    d().frame(2);
    auto again = get<core::VisitService>().get(oldest->id);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again->calledAt, firstCall + 60'000);
    EXPECT_EQ(again->calledBy, advisorId);
    EXPECT_EQ(desk->calledVisit()->id, oldest->id);

    // The next call takes the next ticket.
    ASSERT_TRUE(d().click(tr("desk.queue.call_next"), "queue"));
    d().frame(2);
    ASSERT_TRUE(desk->calledVisit().has_value());
    EXPECT_NE(desk->calledVisit()->id, oldest->id);
}

TEST_F(DeskDayOneTest, OneTapOpensAWorkOrderFromACheckIn) {
    ASSERT_GE(desk->visits().size(), 1u);
    const core::VisitRow first = desk->visits()[0];
    ASSERT_FALSE(first.workOrderId);
    auto& orders = app->services().get<core::WorkOrderService>();
    ASSERT_TRUE(d().click(tr("desk.visit.open_work_order"), first.id));
    d().frame(3);
    auto id = orders.findByVisit(first.id);
    ASSERT_TRUE(id.ok() && id->has_value()) << "the tap opened the visit's work order";
    auto order = orders.get(**id);
    ASSERT_TRUE(order.ok()) << order.error().message;
    EXPECT_EQ(order->vehicleId, first.vehicleId);
    EXPECT_EQ(order->advisorId, app->staff()->staffId());
    ASSERT_EQ(order->lines.size(), first.services.size()) << "each service the customer chose is a labour line";
    // The editor opened on it; back at the desk, the row shows the order's number instead of the
    // button, and the number opens the order again.
    auto* editor = dynamic_cast<WorkOrderScreen*>(app->router().top());
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->order()->id, **id);
    ASSERT_TRUE(d().click(tr("shell.back")));
    d().frame(3);
    ASSERT_EQ(app->router().top(), desk);
    const core::VisitRow* row = nullptr;
    for (const auto& v : desk->visits())
        if (v.id == first.id) row = &v;
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row->workOrderId, **id);
    EXPECT_EQ(row->workOrderNo, order->provisionalNo);
    EXPECT_TRUE(d().visible(order->provisionalNo, first.id));
    EXPECT_FALSE(d().visible(tr("desk.visit.open_work_order"), first.id));
    ASSERT_TRUE(d().click(order->provisionalNo, first.id));
    d().frame(2);
    editor = dynamic_cast<WorkOrderScreen*>(app->router().top());
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->order()->id, **id);
}

TEST_F(DeskDayOneTest, TheCustomerPageShowsEachCarsRepairsAndTheWorkPutOff) {
    ASSERT_GE(desk->visits().size(), 1u);
    const core::VisitRow first = desk->visits()[0];
    auto& orders = app->services().get<core::WorkOrderService>();
    const core::Session by = *app->staff();
    auto id = orders.openFromVisit(by, first.id);
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto extra = orders.addLabour(by, *id, "brake_pads", core::LineApproval::kProposed);
    ASSERT_TRUE(extra.ok());
    ASSERT_TRUE(orders.answerExtraWork(by, *extra, false, "电话").ok());
    d().frame(2);
    ASSERT_TRUE(d().click(first.ticket, "visits"));
    d().frame(3);
    const std::string declined =
        first.plate + "  " +
        tr("desk.repair.declined", {{"work", "刹车片更换"}, {"finding", ""},
                                    {"date", desk::date(app->services().get<core::StoreTime>(), orders.get(*id)->openedAt)}});
    // The work put off stands under the cars, in view; the orders are listed further down the page.
    EXPECT_TRUE(d().visible(declined)) << declined;
}

TEST_F(DeskDayOneTest, AVisitStatusMovesOnlyForward) {
    ASSERT_GE(desk->visits().size(), 2u);
    const core::VisitRow first = desk->visits()[0];
    const core::VisitRow second = desk->visits()[1];
    ASSERT_EQ(first.statusKey, "waiting");

    // From waiting: every later status is offered, waiting itself is not.
    ASSERT_TRUE(d().click(tr("desk.visit.change_status"), first.id));
    EXPECT_TRUE(d().visible(tr("desk.status.in_service"), "modal/status"));
    EXPECT_TRUE(d().visible(tr("desk.status.ready"), "modal/status"));
    EXPECT_TRUE(d().visible(tr("desk.status.collected"), "modal/status"));
    EXPECT_FALSE(d().visible(tr("desk.status.waiting"), "modal/status"));
    ASSERT_TRUE(d().click(tr("desk.status.ready"), "modal/status"));
    d().frame(2);
    EXPECT_EQ(get<core::VisitService>().get(first.id)->statusKey, "ready");

    // From ready: only collected; nothing earlier.
    ASSERT_TRUE(d().click(tr("desk.visit.change_status"), first.id));
    EXPECT_FALSE(d().visible(tr("desk.status.waiting"), "modal/status"));
    EXPECT_FALSE(d().visible(tr("desk.status.in_service"), "modal/status"));
    EXPECT_TRUE(d().visible(tr("desk.status.collected"), "modal/status"));
    ASSERT_TRUE(d().click(tr("desk.visit.status_close"), "modal/status"));
    EXPECT_EQ(get<core::VisitService>().get(first.id)->statusKey, "ready") << "closing changes nothing";

    // Collected is the end: no button any more.
    ASSERT_TRUE(d().click(tr("desk.visit.change_status"), first.id));
    ASSERT_TRUE(d().click(tr("desk.status.collected"), "modal/status"));
    d().frame(2);
    EXPECT_EQ(get<core::VisitService>().get(first.id)->statusKey, "collected");
    EXPECT_FALSE(d().visible(tr("desk.visit.change_status"), first.id));
    EXPECT_TRUE(d().visible(tr("desk.visit.change_status"), second.id)) << "the others keep theirs";
}

TEST_F(DeskDayOneTest, RevealingAPhoneAsksWhyAndIsRecorded) {
    const auto a = bookedToday();
    ASSERT_TRUE(a.has_value());
    auto* page = openCustomerFromRow(*a);
    ASSERT_NE(page, nullptr);
    ASSERT_TRUE(page->detail().has_value());
    const std::vector<std::string> phones = page->detail()->customer.phones;
    ASSERT_FALSE(phones.empty());
    std::string full, masked;
    for (const auto& p : phones) {
        full += (full.empty() ? "" : "、") + p;
        masked += (masked.empty() ? "" : "、") + core::maskPhone(p);
    }
    const size_t eventsBefore = page->detail()->accessEvents.size();

    // Masked at first.
    EXPECT_TRUE(d().visible(tr("desk.phones", {{"phones", masked}}), "phones"));
    EXPECT_FALSE(d().visible(tr("desk.phones", {{"phones", full}}))) << "not in full before a reason";
    for (const auto& w : d().registry().lastFrame())
        EXPECT_EQ(w.label.find(phones.front()), std::string::npos) << "nowhere on screen: " << w.label;

    // The reason is asked for; without one, nothing is shown; cancelling shows nothing.
    ASSERT_TRUE(d().click(tr("desk.reveal.button"), "phones"));
    EXPECT_TRUE(d().visible(tr("desk.reveal.title"), "modal/reveal"));
    EXPECT_FALSE(d().click(tr("desk.reveal.confirm"), "modal/reveal")) << "no reason chosen";
    ASSERT_TRUE(d().click(tr("desk.reveal.cancel"), "modal/reveal"));
    EXPECT_TRUE(page->revealedPhones().empty());
    auto log = get<core::CustomerAccessLog>().forCustomer(a->customerId);
    ASSERT_TRUE(log.ok());
    EXPECT_EQ(log->size(), eventsBefore) << "nothing recorded without a reveal";

    ASSERT_TRUE(d().click(tr("desk.reveal.button"), "phones"));
    ASSERT_TRUE(d().click(tr("desk.reveal.reason.callback"), "modal/reveal"));
    ASSERT_TRUE(d().click(tr("desk.reveal.confirm"), "modal/reveal"));
    d().frame(2);
    EXPECT_EQ(page->revealedPhones(), phones);
    EXPECT_TRUE(d().visible(tr("desk.phones", {{"phones", full}}), "phones")) << "in full after the reason";
    log = get<core::CustomerAccessLog>().forCustomer(a->customerId);
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), eventsBefore + 1);
    EXPECT_EQ(log->front().reason, tr("desk.reveal.reason.callback"));
    EXPECT_EQ(log->front().staffId, advisorId);
    EXPECT_EQ(log->front().what, "phone");
    // The page lists it.
    ASSERT_EQ(page->detail()->accessEvents.size(), eventsBefore + 1);
    EXPECT_EQ(page->detail()->accessEvents.front().reason, tr("desk.reveal.reason.callback"));
    EXPECT_TRUE(d().visible(tr("desk.access.heading", {{"count", eventsBefore + 1}})));
}

TEST_F(DeskDayOneTest, TheOtherReasonIsTyped) {
    const auto a = bookedToday();
    ASSERT_TRUE(a.has_value());
    auto* page = openCustomerFromRow(*a);
    ASSERT_NE(page, nullptr);
    ASSERT_TRUE(d().click(tr("desk.reveal.button"), "phones"));
    ASSERT_TRUE(d().click(tr("desk.reveal.reason.other"), "modal/reveal"));
    EXPECT_FALSE(d().click(tr("desk.reveal.confirm"), "modal/reveal")) << "other: the reason is typed";
    ASSERT_TRUE(d().click(tr("desk.reveal.other"), "modal/reveal"));
    d().type("核对保险信息");
    ASSERT_TRUE(d().click(tr("desk.reveal.confirm"), "modal/reveal"));
    d().frame(2);
    EXPECT_FALSE(page->revealedPhones().empty());
    auto log = get<core::CustomerAccessLog>().forCustomer(a->customerId);
    ASSERT_TRUE(log.ok());
    ASSERT_FALSE(log->empty());
    EXPECT_EQ(log->front().reason, "核对保险信息");
}

TEST_F(DeskDayOneTest, TheClearButtonEmptiesTheSearchAndCtrlASelectsAll) {
    EXPECT_FALSE(d().click(tr("desk.search_clear"))) << "nothing to clear";
    ASSERT_FALSE(desk->appointments().empty());
    const std::string name = desk->appointments()[0].customerName;
    ASSERT_TRUE(d().click(tr("desk.search")));
    d().type(name);
    d().frame(2);
    EXPECT_EQ(desk->query(), name);
    ASSERT_FALSE(desk->hits().empty());
    EXPECT_FALSE(d().visible(tr("desk.appointments", {{"count", desk->appointments().size()}})));

    ASSERT_TRUE(d().click(tr("desk.search_clear")));
    d().frame(2);
    EXPECT_TRUE(desk->query().empty());
    EXPECT_TRUE(desk->hits().empty());
    EXPECT_TRUE(d().visible(tr("desk.appointments", {{"count", desk->appointments().size()}})))
        << "today's lists are back";

    // The field keeps the focus: the next search is typed at once.
    d().type("粤B");
    EXPECT_EQ(desk->query(), "粤B");
    // Ctrl+A selects everything typed: what is typed next replaces it.
    selectAll();
    d().type("138");
    EXPECT_EQ(desk->query(), "138");
}

}  // namespace
}  // namespace fc::ui
