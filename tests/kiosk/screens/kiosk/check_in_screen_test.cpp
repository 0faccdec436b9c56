// The kiosk's self check-in driven like a customer would, headless on a real store: the welcome
// screen, a scanned appointment QR, plate and phone look-ups, a walk-in, the idle wipe and a bad
// code. Labels are the translated ones; the clock is a ManualClock.
#include "kiosk/screens/kiosk/check_in_screen.hpp"

#include <gtest/gtest.h>

#include "kiosk/screens/kiosk/status_link.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

constexpr int64_t kHour = 3'600'000;

class CheckInFlowTest : public fc::test::KioskTest {
protected:
    void SetUp() override {
        KioskTest::SetUp();
        makeStore("深圳南山店");
        app = makeApp(Mode::kKiosk);
        ASSERT_NE(app, nullptr);
        core::StoreServices& s = app->services();
        auto c = s.get<core::CustomerService>().createCustomer({.name = "王芳", .phones = {"13812341234"}});
        ASSERT_TRUE(c.ok()) << c.error().message;
        customer = *c;
        auto v = s.get<core::CustomerService>().addVehicle(customer, {.plate = "京A12345", .make = "大众", .model = "朗逸",
                                                   .colour = "白", .odometerKm = 50'000});
        ASSERT_TRUE(v.ok()) << v.error().message;
        vehicle = *v;
        auto a = s.get<core::AppointmentService>().book({.customerId = customer, .vehicleId = vehicle,
                                      .scheduledAt = clock.nowMs() + 2 * kHour, .services = {"oil_filter"}});
        ASSERT_TRUE(a.ok()) << a.error().message;
        appointment = *a;
        // The kiosk window's default size (kiosk/main.cpp).
        driver = std::make_unique<HeadlessDriver>(driveApp(*app, {.displaySize = ImVec2(1280, 960)}));
        driver->frame(3);
    }

    HeadlessDriver& d() { return *driver; }
    CheckInScreen* flow() { return dynamic_cast<CheckInScreen*>(app->router().top()); }

    void scan(const std::string& text) {
        ASSERT_NE(app->router().top(), nullptr);
        EXPECT_TRUE(app->router().top()->onScan(app->ui(), text));
        d().frame(2);
    }

    void typePlate(const std::vector<std::string>& keys) {
        ASSERT_TRUE(d().click(keys[0], "provinces")) << keys[0];
        for (size_t i = 1; i < keys.size(); ++i) ASSERT_TRUE(d().click(keys[i], "serial")) << keys[i];
    }
    void typeDigits(const std::string& digits, const std::string& scope) {
        for (char c : digits) ASSERT_TRUE(d().click(std::string(1, c), scope)) << c << " in " << scope;
    }

    // Consent (contact yes, data use as given), signature, submit: the ticket shows.
    void consentSignAndSubmit(bool dataUse = false) {
        ASSERT_TRUE(d().visible(tr("checkin.consent.heading"))) << "on the consent step";
        EXPECT_TRUE(d().visible(tr("checkin.consent.version_line", {{"version", tr("checkin.consent.version")}})));
        ASSERT_TRUE(d().click(tr("checkin.consent.contact")));
        if (dataUse) {
            ASSERT_TRUE(d().click(tr("checkin.consent.data_use")));
        }
        ASSERT_TRUE(d().visible(tr("checkin.sign.pad"))) << "the signature is on the notice's page";
        const WidgetRecord* submit = d().find(tr("checkin.sign.submit"));
        ASSERT_NE(submit, nullptr);
        EXPECT_FALSE(submit->enabled) << "not before signing";
        ASSERT_TRUE(d().drag(tr("checkin.sign.pad"), ImVec2(0.1f, 0.6f), ImVec2(0.8f, 0.4f)));
        ASSERT_TRUE(d().drag(tr("checkin.sign.pad"), ImVec2(0.3f, 0.2f), ImVec2(0.5f, 0.8f)));
        ASSERT_TRUE(d().click(tr("checkin.sign.submit")));
        ASSERT_NE(flow(), nullptr);
        ASSERT_EQ(flow()->step(), CheckInScreen::Step::kTicket);
        ASSERT_TRUE(flow()->result().has_value());
        EXPECT_TRUE(d().visible(tr("checkin.ticket.your_number")));
        EXPECT_TRUE(d().visible(flow()->result()->ticket)) << "the queue number is on screen";
        EXPECT_TRUE(d().visible(tr("checkin.ticket.qr"))) << "the status QR code";
    }

    // Nothing personal in full anywhere in the last frame.
    void expectNothingUnmasked() {
        for (const WidgetRecord& r : d().registry().lastFrame()) {
            for (const char* raw : {"13812341234", "138 1234 1234", "京A12345", "A12345", "王芳"})
                EXPECT_EQ(r.label.find(raw), std::string::npos) << "'" << r.label << "' shows " << raw;
        }
    }

    std::unique_ptr<App> app;
    std::unique_ptr<HeadlessDriver> driver;
    std::string customer, vehicle, appointment;
};

TEST_F(CheckInFlowTest, AScannedAppointmentQrChecksInWithEverythingRecorded) {
    core::StoreServices& s = app->services();
    const std::string qr = core::AppointmentService::qrPayload(s.get<core::AppointmentService>().get(appointment)->qrToken);
    scan(qr);  // on the welcome screen: straight to the appointment's car
    ASSERT_NE(flow(), nullptr);
    EXPECT_EQ(flow()->step(), CheckInScreen::Step::kConfirm);
    EXPECT_TRUE(d().visible("京A·***45"));
    EXPECT_TRUE(d().visible(tr("checkin.confirm.owner", {{"name", "王*"}, {"phone", "138****1234"}})));
    EXPECT_TRUE(d().visible(tr("checkin.confirm.appointment", {{"time", "10:00"}})));
    expectNothingUnmasked();
    ASSERT_TRUE(d().click(tr("checkin.confirm.yes")));

    typeDigits("52300", "odometer");
    EXPECT_TRUE(d().visible(tr("checkin.odometer.value", {{"km", "52300"}})));
    ASSERT_TRUE(d().click(tr("keypad.ok"), "odometer"));

    ASSERT_TRUE(d().visible(tr("checkin.services.heading")));
    ASSERT_TRUE(d().click("四轮定位"));  // the booked oil change is already ticked
    ASSERT_TRUE(d().click(tr("checkin.services.other")));
    d().type("brakes squeak");
    d().press(ImGuiKey_Enter);
    ASSERT_TRUE(d().click(tr("checkin.next")));
    consentSignAndSubmit();

    const core::CheckInResult r = *flow()->result();
    EXPECT_EQ(r.appointmentId, appointment);
    auto visit = s.get<core::VisitService>().get(r.visitId);
    ASSERT_TRUE(visit.ok()) << visit.error().message;
    EXPECT_EQ(visit->vehicleId, vehicle);
    EXPECT_EQ(visit->odometerKm, 52'300);
    EXPECT_EQ(visit->services, (std::vector<std::string>{"oil_filter", "wheel_alignment"}));
    EXPECT_EQ(visit->complaint, "brakes squeak");
    EXPECT_EQ(visit->channel, "kiosk");
    EXPECT_EQ(visit->consentTextVersion, std::string(tr("checkin.consent.version")));
    EXPECT_TRUE(visit->hasSignature);
    EXPECT_FALSE(s.get<core::VisitService>().signature(r.visitId)->empty());
    EXPECT_EQ(s.get<core::AppointmentService>().get(appointment)->status, core::AppointmentStatus::kCheckedIn);
    auto consent = s.get<core::CustomerService>().consentHistory(customer);
    ASSERT_TRUE(consent.ok());
    bool contact = false, dataUseRecorded = false;
    for (const auto& e : *consent) {
        if (e.textVersion != tr("checkin.consent.version")) continue;
        EXPECT_EQ(e.at, clock.nowMs());
        EXPECT_EQ(e.channel, "kiosk");
        if (e.kind == "contact") contact = e.granted;
        if (e.kind == "data_use") dataUseRecorded = true;
    }
    EXPECT_TRUE(contact);
    EXPECT_FALSE(dataUseRecorded) << "left unticked: not answered, so nothing is recorded";
    // The QR code links to the status page by token only.
    EXPECT_EQ(statusLink(app->storeInfo().hubUrl, r.statusToken), "http://forecourt.local/v/" + r.statusToken);

    ASSERT_TRUE(d().click(tr("checkin.ticket.finish")));
    EXPECT_EQ(app->router().depth(), 1u);
    EXPECT_TRUE(d().visible(tr("kiosk.home.scan_qr")));
}

TEST_F(CheckInFlowTest, APlateFindsTheCarShownMaskedOnly) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    ASSERT_TRUE(d().visible(tr("checkin.plate.heading")));
    typePlate({"京", "A", "1", "2", "3", "4", "5"});
    ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
    ASSERT_EQ(flow()->step(), CheckInScreen::Step::kConfirm);
    EXPECT_TRUE(d().visible("京A·***45"));
    EXPECT_TRUE(d().visible("大众 朗逸 白"));
    EXPECT_TRUE(d().visible(tr("checkin.confirm.owner", {{"name", "王*"}, {"phone", "138****1234"}})));
    expectNothingUnmasked();
    ASSERT_TRUE(d().click(tr("checkin.confirm.yes")));
    ASSERT_TRUE(d().click(tr("checkin.odometer.skip")));
    ASSERT_TRUE(d().click(tr("checkin.next")));  // today's booked oil change is ticked
    consentSignAndSubmit(true);
    auto visit = app->services().get<core::VisitService>().get(flow()->result()->visitId);
    ASSERT_TRUE(visit.ok());
    EXPECT_EQ(visit->vehicleId, vehicle);
    EXPECT_EQ(visit->appointmentId, appointment) << "today's booking is linked";
    EXPECT_FALSE(visit->odometerKm.has_value());
    EXPECT_EQ(app->services().get<core::AppointmentService>().get(appointment)->status, core::AppointmentStatus::kCheckedIn);
}

TEST_F(CheckInFlowTest, AnOdometerBelowTheLastReadingIsConfirmedFirst) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    typePlate({"京", "A", "1", "2", "3", "4", "5"});
    ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
    ASSERT_TRUE(d().click(tr("checkin.confirm.yes")));
    typeDigits("4000", "odometer");
    ASSERT_TRUE(d().click(tr("keypad.ok"), "odometer"));
    d().frame(2);
    ASSERT_TRUE(d().visible(tr("checkin.odometer.lower_yes")));
    ASSERT_TRUE(d().click(tr("checkin.odometer.lower_yes")));
    d().frame();
    ASSERT_TRUE(d().click(tr("checkin.next")));
    consentSignAndSubmit();
    EXPECT_EQ(app->services().get<core::VisitService>().get(flow()->result()->visitId)->odometerKm, 4000);
}

TEST_F(CheckInFlowTest, APhoneFindsTheCustomersCarsToPickFrom) {
    ASSERT_TRUE(app->services().get<core::CustomerService>().addVehicle(customer, {.plate = "京B67890"}).ok());
    ASSERT_TRUE(d().click(tr("kiosk.home.by_phone")));
    typeDigits("13812341234", "phone");
    ASSERT_TRUE(d().click(tr("keypad.ok"), "phone"));
    ASSERT_EQ(flow()->step(), CheckInScreen::Step::kPick);
    EXPECT_TRUE(d().visible("京A·***45  大众 朗逸 白"));
    EXPECT_TRUE(d().visible("京B·***90"));
    ASSERT_TRUE(d().click("京B·***90"));
    EXPECT_EQ(flow()->step(), CheckInScreen::Step::kConfirm);
    EXPECT_TRUE(d().visible(tr("checkin.confirm.owner", {{"name", "王*"}, {"phone", "138****1234"}})));
    // The keypad still holds the typed number, but the confirm step shows it masked only.
    expectNothingUnmasked();
}

TEST_F(CheckInFlowTest, AWalkInWithAnUnknownPlateCreatesCustomerAndCar) {
    core::StoreServices& s = app->services();
    ASSERT_TRUE(d().click(tr("kiosk.home.walk_in")));
    typePlate({"粤", "B", "D", "1", "2", "3", "4", "5"});
    ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
    ASSERT_EQ(flow()->step(), CheckInScreen::Step::kNotFound);
    EXPECT_TRUE(d().visible(tr("checkin.not_found.plate")));
    ASSERT_TRUE(d().click(tr("checkin.not_found.register")));
    ASSERT_EQ(flow()->step(), CheckInScreen::Step::kRegister);
    EXPECT_TRUE(d().visible(tr("checkin.register.plate", {{"plate", "粤BD12345"}})))
        << "the customer's own entry, shown whole so a typo is caught";
    EXPECT_FALSE(d().find(tr("checkin.next"))->enabled) << "a phone number is needed";
    typeDigits("13900139000", "phone");
    // The surname on the on-screen keyboard, in pinyin.
    ASSERT_TRUE(d().click(tr("checkin.register.surname")));
    ASSERT_TRUE(d().visible(tr("osk.done"), "osk")) << "a touch kiosk types on its own keyboard";
    ASSERT_TRUE(d().click("l", "osk"));
    ASSERT_TRUE(d().click("i", "osk"));
    ASSERT_TRUE(d().click("李", "osk"));
    ASSERT_TRUE(d().click(tr("osk.done"), "osk"));
    ASSERT_TRUE(d().click(tr("checkin.next")));
    typeDigits("12000", "odometer");
    ASSERT_TRUE(d().click(tr("keypad.ok"), "odometer"));
    EXPECT_FALSE(d().find(tr("checkin.next"))->enabled) << "say what the visit is for";
    ASSERT_TRUE(d().click("补胎"));
    ASSERT_TRUE(d().click(tr("checkin.next")));
    consentSignAndSubmit();

    const core::CheckInResult r = *flow()->result();
    EXPECT_TRUE(r.newCustomer);
    EXPECT_TRUE(r.newVehicle);
    auto car = s.get<core::CustomerService>().findVehicleByPlate("粤BD12345");
    ASSERT_TRUE(car.ok());
    ASSERT_TRUE(car->has_value());
    EXPECT_EQ(s.get<core::CustomerService>().getVehicle(r.vehicleId)->plate, "粤BD12345");
    auto owner = s.get<core::CustomerService>().findCustomerByPhone("13900139000");
    ASSERT_TRUE(owner.ok());
    ASSERT_TRUE(owner->has_value());
    EXPECT_EQ(**owner, r.customerId);
    EXPECT_EQ(s.get<core::CustomerService>().getCustomer(r.customerId)->name, "李");
    auto visit = s.get<core::VisitService>().get(r.visitId);
    ASSERT_TRUE(visit.ok());
    EXPECT_EQ(visit->services, (std::vector<std::string>{"tyre_repair"}));
    EXPECT_EQ(visit->odometerKm, 12'000);
}

TEST_F(CheckInFlowTest, AWalkInTapsTheirSurnameAndTypesTheComplaintInPinyin) {
    ASSERT_TRUE(d().click(tr("kiosk.home.walk_in")));
    typePlate({"粤", "B", "D", "5", "4", "3", "2", "1"});
    ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
    ASSERT_TRUE(d().click(tr("checkin.not_found.register")));
    typeDigits("13900139001", "phone");
    ASSERT_TRUE(d().click("王"));
    EXPECT_TRUE(d().visible("✓ 王")) << "the tapped surname is shown chosen";
    ASSERT_TRUE(d().click("✓ 王"));
    EXPECT_TRUE(d().visible("王")) << "tapping it again takes it back";
    ASSERT_TRUE(d().click("张"));
    ASSERT_TRUE(d().click(tr("checkin.next")));
    typeDigits("8000", "odometer");
    ASSERT_TRUE(d().click(tr("keypad.ok"), "odometer"));
    ASSERT_TRUE(d().click(tr("checkin.services.other")));
    for (const char* k : {"l", "o", "u", "y", "o", "u"}) ASSERT_TRUE(d().click(k, "osk")) << k;
    ASSERT_TRUE(d().click("漏油", "osk")) << "the trade's word is offered";
    ASSERT_TRUE(d().click(tr("osk.done"), "osk"));
    EXPECT_TRUE(d().visible(tr("checkin.next")));
    ASSERT_TRUE(d().click(tr("checkin.next")));
    consentSignAndSubmit();

    const core::CheckInResult r = *flow()->result();
    core::StoreServices& s = app->services();
    EXPECT_EQ(s.get<core::CustomerService>().getCustomer(r.customerId)->name, "张");
    auto visit = s.get<core::VisitService>().get(r.visitId);
    ASSERT_TRUE(visit.ok());
    EXPECT_EQ(visit->complaint, "漏油");
}

TEST_F(CheckInFlowTest, IdleResetGoesBackToWelcomeAndWipesWhatWasTyped) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    typePlate({"京", "A", "1"});
    EXPECT_FALSE(d().visible("京", "provinces")) << "past the province";
    ASSERT_EQ(app->router().depth(), 2u);
    const int64_t idle = app->config().kioskIdleResetMs;
    ASSERT_GT(idle, 0);
    clock.advance(idle - 1);
    d().frame();
    EXPECT_EQ(app->router().depth(), 2u) << "not yet";
    clock.advance(2);
    d().frame(2);
    EXPECT_EQ(app->router().depth(), 1u);
    EXPECT_TRUE(d().visible(tr("kiosk.home.scan_qr")));
    EXPECT_FALSE(d().visible(tr("checkin.plate.heading")));
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    EXPECT_TRUE(d().visible("京", "provinces")) << "an empty plate starts at the provinces";
    const WidgetRecord* ok = d().find(tr("keypad.ok"), "plate");
    ASSERT_NE(ok, nullptr);
    EXPECT_FALSE(ok->enabled);
    EXPECT_FALSE(d().find(tr("keypad.clear"), "plate")->enabled) << "nothing typed";
}

TEST_F(CheckInFlowTest, IdleWarnsWithACountdownAndContinueKeepsTheEntry) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    typePlate({"京", "A"});
    const int64_t idle = app->config().kioskIdleResetMs;
    clock.advance(idle - 16'000);
    d().frame(2);
    EXPECT_FALSE(d().visible(tr("app.idle.title"))) << "no warning yet";
    clock.advance(2'000);
    d().frame(2);
    ASSERT_TRUE(d().visible(tr("app.idle.title")));
    EXPECT_TRUE(d().visible(tr("app.idle.message", {{"seconds", "14"}})));
    ASSERT_TRUE(d().click(tr("app.idle.continue")));
    EXPECT_FALSE(d().visible(tr("app.idle.title")));
    EXPECT_EQ(app->router().depth(), 2u);
    EXPECT_FALSE(d().visible("京", "provinces")) << "what was typed is still there";
    clock.advance(idle + 1);
    d().frame(2);
    EXPECT_EQ(app->router().depth(), 1u) << "and without an answer, back to the welcome screen";
}

TEST_F(CheckInFlowTest, TheOdometerStepAllowsTimeToWalkToTheCar) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    typePlate({"京", "A", "1", "2", "3", "4", "5"});
    ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
    ASSERT_TRUE(d().click(tr("checkin.confirm.yes")));
    ASSERT_EQ(flow()->step(), CheckInScreen::Step::kOdometer);
    clock.advance(app->config().kioskIdleResetMs * 2);
    d().frame(2);
    EXPECT_EQ(app->router().depth(), 2u) << "reading the dashboard takes a while";
    clock.advance(app->config().kioskIdleResetMs + 1);
    d().frame(2);
    EXPECT_EQ(app->router().depth(), 1u);
}

TEST_F(CheckInFlowTest, TheNextCustomerStartsAfreshInTheStoresLanguage) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    ASSERT_TRUE(d().click(tr("shell.language_toggle")));
    d().frame(2);
    EXPECT_EQ(app->i18n().language(), "en");
    ASSERT_TRUE(d().click(tr("checkin.cancel")));
    d().frame(2);
    EXPECT_EQ(app->router().depth(), 1u);
    EXPECT_EQ(app->i18n().language(), "zh-CN") << "English does not stay on for the next customer";
}

TEST_F(CheckInFlowTest, ConsentOnRecordIsShownAndKeptUnlessWithdrawn) {
    core::CustomerService& customers = app->services().get<core::CustomerService>();
    ASSERT_TRUE(customers.setConsent(customer, core::ConsentKind::kContact, true, "import", "v1").ok());
    ASSERT_TRUE(customers.setConsent(customer, core::ConsentKind::kDataUse, true, "import", "v1").ok());
    auto walkToConsent = [&] {
        ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
        typePlate({"京", "A", "1", "2", "3", "4", "5"});
        ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
        ASSERT_TRUE(d().click(tr("checkin.confirm.yes")));
        ASSERT_TRUE(d().click(tr("checkin.odometer.skip")));
        ASSERT_TRUE(d().click(tr("checkin.problem.noise")));
        ASSERT_TRUE(d().click(tr("checkin.next")));
        ASSERT_TRUE(d().visible(tr("checkin.consent.heading")));
    };
    auto signAndSubmit = [&] {
        ASSERT_TRUE(d().drag(tr("checkin.sign.pad"), ImVec2(0.1f, 0.6f), ImVec2(0.8f, 0.4f)));
        ASSERT_TRUE(d().click(tr("checkin.sign.submit")));
        ASSERT_TRUE(flow()->result().has_value());
        ASSERT_TRUE(d().click(tr("checkin.ticket.finish")));
    };
    walkToConsent();
    const std::string contactOnRecord = tr("checkin.consent.on_record", {{"purpose", tr("checkin.consent.contact")}});
    EXPECT_TRUE(d().visible(contactOnRecord)) << "what is on record is shown";
    EXPECT_FALSE(d().visible(tr("checkin.consent.contact"))) << "no empty box that looks like a no";
    signAndSubmit();
    EXPECT_TRUE(customers.getCustomer(customer)->consentContact) << "not answering is not withdrawing";
    EXPECT_TRUE(customers.getCustomer(customer)->consentData);
    EXPECT_EQ(customers.consentHistory(customer)->size(), 2u);

    // Visit done; next time the customer withdraws one on purpose.
    ASSERT_TRUE(app->services().get<core::VisitService>().setStatus(
                                  app->services().get<core::VisitService>().forCustomer(customer)->front().id,
                                  core::VisitStatus::kInService)
                    .ok());
    clock.advance(3'600'000);
    walkToConsent();
    d().settle();
    ASSERT_EQ(d().registry().count(tr("checkin.consent.withdraw")), 2u);
    const WidgetRecord* first = d().find(tr("checkin.consent.withdraw"), "contact");
    ASSERT_NE(first, nullptr);
    d().clickAt(first->center());
    d().frame(2);
    EXPECT_TRUE(d().visible(tr("checkin.consent.will_withdraw", {{"purpose", tr("checkin.consent.contact")}})));
    signAndSubmit();
    EXPECT_FALSE(customers.getCustomer(customer)->consentContact) << "withdrawn when the person withdrew";
    EXPECT_TRUE(customers.getCustomer(customer)->consentData);
}

TEST_F(CheckInFlowTest, TappedProblemsBecomeTheComplaint) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    typePlate({"京", "A", "1", "2", "3", "4", "5"});
    ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
    ASSERT_TRUE(d().click(tr("checkin.confirm.yes")));
    ASSERT_TRUE(d().click(tr("checkin.odometer.skip")));
    ASSERT_TRUE(d().click(tr("checkin.problem.vibration")));
    ASSERT_TRUE(d().click(tr("checkin.problem.noise")));
    EXPECT_TRUE(d().visible(std::string("✓ ") + tr("checkin.problem.noise"))) << "a tapped chip shows it is on";
    ASSERT_TRUE(d().click(tr("checkin.next")));
    consentSignAndSubmit();
    auto visit = app->services().get<core::VisitService>().get(flow()->result()->visitId);
    ASSERT_TRUE(visit.ok());
    EXPECT_EQ(visit->complaint, std::string(tr("checkin.problem.noise")) + "、" + tr("checkin.problem.vibration"))
        << "in the list's order";
}

TEST_F(CheckInFlowTest, NotFoundShowsWhatWasSearchedAndGoesBackWithTheEntryKept) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    typePlate({"京", "A", "1", "2", "3", "4", "6"});
    ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
    ASSERT_EQ(flow()->step(), CheckInScreen::Step::kNotFound);
    EXPECT_TRUE(d().visible(tr("checkin.not_found.searched", {{"text", "京A12346"}})));
    ASSERT_TRUE(d().click(tr("checkin.not_found.retry")));
    ASSERT_EQ(flow()->step(), CheckInScreen::Step::kPlate);
    ASSERT_NE(d().find(tr("keypad.ok"), "plate"), nullptr);
    EXPECT_TRUE(d().find(tr("keypad.ok"), "plate")->enabled) << "the plate is still there to correct";
    ASSERT_TRUE(d().click(tr("keypad.backspace"), "plate"));
    ASSERT_TRUE(d().click("5", "serial"));
    ASSERT_TRUE(d().click(tr("keypad.ok"), "plate"));
    EXPECT_EQ(flow()->step(), CheckInScreen::Step::kConfirm);
}

TEST_F(CheckInFlowTest, AnImpossiblePhoneIsRefusedAtEntry) {
    ASSERT_TRUE(d().click(tr("kiosk.home.by_phone")));
    typeDigits("12345678901", "phone");
    EXPECT_TRUE(d().visible(tr("checkin.register.phone_invalid"))) << "said at once, before any search";
    ASSERT_TRUE(d().click(tr("keypad.ok"), "phone"));
    EXPECT_EQ(flow()->step(), CheckInScreen::Step::kPhone);
    EXPECT_FALSE(d().visible(tr("checkin.not_found.phone")));
}

TEST_F(CheckInFlowTest, ABadQrCodeIsAFriendlyMessage) {
    scan("FCAPPT:AAAAAAAAAAAAAAAAAAAAAAAA");
    EXPECT_EQ(app->router().depth(), 1u);
    EXPECT_TRUE(d().visible(tr("checkin.scan.unknown"))) << "a toast on the welcome screen";
    scan("not a booking at all");
    EXPECT_TRUE(d().visible(tr("kiosk.home.scan_qr")));

    // On the scan step: the message, and the other ways stay offered.
    ASSERT_TRUE(d().click(tr("kiosk.home.scan_qr")));
    ASSERT_EQ(flow()->step(), CheckInScreen::Step::kScan);
    ASSERT_TRUE(app->services().get<core::AppointmentService>().cancel(appointment).ok());
    const std::string cancelled =
        core::AppointmentService::qrPayload(app->services().get<core::AppointmentService>().get(appointment)->qrToken);
    scan(cancelled);
    EXPECT_EQ(flow()->step(), CheckInScreen::Step::kScan);
    EXPECT_TRUE(d().visible(tr("checkin.scan.unknown")));
    EXPECT_TRUE(d().visible(tr("kiosk.home.by_plate")));
    ASSERT_TRUE(d().click(tr("kiosk.home.by_plate")));
    EXPECT_EQ(flow()->step(), CheckInScreen::Step::kPlate);
}

TEST(StatusLink, TokenOnlyOnTheHubOrTheStore) {
    EXPECT_EQ(statusLink("http://hub.local:8443/", "tok"), "http://hub.local:8443/v/tok");
    EXPECT_EQ(statusLink("", "tok"), "http://forecourt.local/v/tok");
}

}  // namespace
}  // namespace fc::ui
