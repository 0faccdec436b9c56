#include "shared/visits/check_in_service.hpp"

#include <gtest/gtest.h>

#include "shared/visits/signature.hpp"
#include "tests/shared/visits/visits_fixture.hpp"

namespace fc::core {
namespace {

class CheckInTest : public test::VisitsTest {
protected:
    Result<CheckInResult> checkInCar(const std::string& vehicleId, std::optional<int64_t> km = {},
                                     std::vector<std::string> services = {"oil_filter"}) {
        CheckInRequest r = kiosk();
        r.vehicleId = vehicleId;
        r.odometerKm = km;
        r.services = std::move(services);
        return s->get<CheckInService>().checkIn(r);
    }
};

// [SECTION] finding the car

TEST_F(CheckInTest, AnAppointmentQrFindsTheCarWithMaskedDetails) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    const std::string id = book(car, clock.nowMs() + kHour, {"oil_filter", "wash_detail"});
    const std::string qr = AppointmentService::qrPayload(s->get<AppointmentService>().get(id)->qrToken);
    auto found = s->get<CheckInService>().findByAppointmentToken(qr);
    ASSERT_TRUE(found.ok()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    const CheckInCandidate& c = **found;
    EXPECT_EQ(c.customerId, car.customer);
    EXPECT_EQ(c.vehicleId, car.vehicle);
    EXPECT_EQ(c.appointmentId, id);
    EXPECT_EQ(c.maskedPlate, "京A·***45");
    EXPECT_EQ(c.maskedPhone, "138****1234");
    EXPECT_EQ(c.maskedName, "王*");
    EXPECT_EQ(c.vehicleLabel, "大众 朗逸 白");
    EXPECT_EQ(c.appointmentAt, clock.nowMs() + kHour);
    EXPECT_EQ(c.appointmentServices, (std::vector<std::string>{"oil_filter", "wash_detail"}));
    EXPECT_EQ(c.lastOdometerKm, 50'000);
    // Nothing on a customer-facing candidate shows the full number, plate or name.
    for (const std::string& shown : {c.maskedName, c.maskedPhone, c.maskedPlate, c.vehicleLabel}) {
        EXPECT_EQ(shown.find("13812341234"), std::string::npos);
        EXPECT_EQ(shown.find("12345"), std::string::npos);
        EXPECT_EQ(shown.find("王芳"), std::string::npos);
    }
    // A cancelled appointment's code no longer works; an unknown one finds nothing.
    ASSERT_TRUE(s->get<AppointmentService>().cancel(id).ok());
    EXPECT_FALSE(s->get<CheckInService>().findByAppointmentToken(qr)->has_value());
    EXPECT_FALSE(s->get<CheckInService>().findByAppointmentToken("FCAPPT:AAAAAAAAAAAAAAAAAAAAAAAA")->has_value());
}

TEST_F(CheckInTest, APlateIsNormalisedAndTodaysBookingIsAttached) {
    const Car car = customerWithCar("欧阳娜娜", "13912345678", "沪AD12345");
    auto none = s->get<CheckInService>().findByPlate("沪AD12345");
    ASSERT_TRUE(none.ok());
    ASSERT_EQ(none->size(), 1u);
    EXPECT_FALSE((*none)[0].appointmentId.has_value());
    EXPECT_EQ((*none)[0].maskedName, "欧**");
    EXPECT_EQ((*none)[0].maskedPlate, "沪A·****45");

    // Tomorrow's booking is not today's; today's is attached.
    book(car, clock.nowMs() + 30 * kHour);
    EXPECT_FALSE((*s->get<CheckInService>().findByPlate("沪AD12345"))[0].appointmentId.has_value());
    const std::string today = book(car, clock.nowMs() + 2 * kHour);
    for (const char* typed : {"沪ad12345", " 沪AD·12345 ", "沪ＡＤ１２３４５"}) {
        auto r = s->get<CheckInService>().findByPlate(typed);
        ASSERT_TRUE(r.ok());
        ASSERT_EQ(r->size(), 1u) << typed;
        EXPECT_EQ((*r)[0].appointmentId, today) << typed;
    }
    EXPECT_TRUE(s->get<CheckInService>().findByPlate("沪AD99999")->empty());
    EXPECT_TRUE(s->get<CheckInService>().findByPlate("not a plate")->empty());
}

TEST_F(CheckInTest, APhoneFindsEveryCarOfTheCustomer) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    auto second = s->get<CustomerService>().addVehicle(car.customer, {.plate = "京B67890"});
    ASSERT_TRUE(second.ok());
    auto r = s->get<CheckInService>().findByPhone("+86 138-1234-1234");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ((*r)[0].maskedPlate, "京A·***45");
    EXPECT_EQ((*r)[1].maskedPlate, "京B·***90");
    EXPECT_EQ((*r)[1].maskedPhone, "138****1234");
    // A customer without a car still comes back, to add one.
    auto bare = s->get<CustomerService>().createCustomer({.name = "李雷", .phones = {"13900139000"}});
    ASSERT_TRUE(bare.ok());
    auto b = s->get<CheckInService>().findByPhone("13900139000");
    ASSERT_EQ(b->size(), 1u);
    EXPECT_EQ((*b)[0].customerId, *bare);
    EXPECT_TRUE((*b)[0].vehicleId.empty());
    EXPECT_TRUE(s->get<CheckInService>().findByPhone("13700000000")->empty());
    EXPECT_TRUE(s->get<CheckInService>().findByPhone("12")->empty());
}

// [SECTION] checking in

TEST_F(CheckInTest, CheckingInAnAppointmentRecordsEverythingInOneVisit) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    const std::string appt = book(car, clock.nowMs() + 30 * kMinute, {"routine_service"});
    clock.advance(20 * kMinute);
    CheckInRequest r = kiosk();
    r.appointmentId = appt;
    r.odometerKm = 52'300;
    r.serviceNotes = "顺便检查雨刮";
    r.complaint = "刹车有异响";
    auto done = s->get<CheckInService>().checkIn(r);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done->ticket, "D1-0001");
    EXPECT_EQ(done->appointmentId, appt);
    EXPECT_EQ(done->customerId, car.customer);
    EXPECT_EQ(done->vehicleId, car.vehicle);
    EXPECT_FALSE(done->newCustomer);
    EXPECT_EQ(done->statusToken.size(), 24u);

    auto v = s->get<VisitService>().get(done->visitId);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->status, VisitStatus::kWaiting);
    EXPECT_EQ(v->checkedInAt, clock.nowMs());
    EXPECT_EQ(v->odometerKm, 52'300);
    EXPECT_EQ(v->services, (std::vector<std::string>{"routine_service"})) << "the appointment's";
    EXPECT_EQ(v->serviceNotes, "顺便检查雨刮");
    EXPECT_EQ(v->complaint, "刹车有异响");
    EXPECT_EQ(v->appointmentId, appt);
    EXPECT_EQ(v->channel, "kiosk");
    EXPECT_FALSE(v->checkedInBy.has_value());
    EXPECT_EQ(v->consentTextVersion, "pipl-2026-01");
    EXPECT_TRUE(v->hasSignature);
    auto sig = s->get<VisitService>().signature(done->visitId);
    ASSERT_TRUE(sig.ok());
    auto strokes = decodeSignature(*sig);
    ASSERT_TRUE(strokes.ok()) << *sig;
    EXPECT_EQ(strokes->strokes.size(), 2u);

    EXPECT_EQ(s->get<AppointmentService>().get(appt)->status, AppointmentStatus::kCheckedIn);
    // The odometer went through the readings.
    auto readings = s->get<CustomerService>().odometerHistory(car.vehicle);
    ASSERT_EQ(readings->size(), 2u);
    EXPECT_EQ(readings->back().km, 52'300);
    EXPECT_EQ(readings->back().source, "check-in");
    EXPECT_EQ(s->get<CustomerService>().getVehicle(car.vehicle)->odometerKm, 52'300);
    // Consent: what was agreed, to which text, when and where.
    auto history = s->get<CustomerService>().consentHistory(car.customer);
    ASSERT_EQ(history->size(), 2u);
    for (const auto& e : *history) {
        EXPECT_TRUE(e.granted);
        EXPECT_EQ(e.textVersion, "pipl-2026-01");
        EXPECT_EQ(e.at, clock.nowMs());
        EXPECT_EQ(e.channel, "kiosk");
    }
    auto c = s->get<CustomerService>().getCustomer(car.customer);
    EXPECT_TRUE(c->consentContact && c->consentData);
    EXPECT_EQ(c->consentDataAt, clock.nowMs());
    // The status page finds the visit by its token.
    auto byToken = s->get<VisitService>().findByStatusToken(done->statusToken);
    ASSERT_TRUE(byToken.ok() && byToken->has_value());
    EXPECT_EQ((*byToken)->id, done->visitId);

    // The same appointment cannot be checked in twice.
    auto twice = s->get<CheckInService>().checkIn(r);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, Errc::kConflict);
    EXPECT_NE(twice.error().message.find("already checked in"), std::string::npos);
}

TEST_F(CheckInTest, CheckingInByPlateLinksTodaysAppointment) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    const std::string appt = book(car, clock.nowMs() + 3 * kHour, {"brake_pads"});
    const auto found = s->get<CheckInService>().findByPlate("京A12345");
    ASSERT_EQ(found->size(), 1u);
    CheckInRequest r = kiosk();
    r.vehicleId = (*found)[0].vehicleId;  // the kiosk did not pass the appointment along
    auto done = s->get<CheckInService>().checkIn(r);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done->appointmentId, appt);
    EXPECT_EQ(s->get<VisitService>().get(done->visitId)->services, (std::vector<std::string>{"brake_pads"}));
    EXPECT_EQ(s->get<AppointmentService>().get(appt)->status, AppointmentStatus::kCheckedIn);
    // Without a booking, a visit needs something to do.
    const Car other = customerWithCar("李雷", "13900139000", "京B54321");
    CheckInRequest empty = kiosk();
    empty.vehicleId = other.vehicle;
    auto refused = s->get<CheckInService>().checkIn(empty);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("choose at least one service or describe"),
              std::string::npos);
    empty.complaint = "发动机抖动";
    EXPECT_TRUE(s->get<CheckInService>().checkIn(empty).ok()) << "a complaint is enough";
}

TEST_F(CheckInTest, AWalkInWithAnUnknownPlateBecomesACustomerAndACar) {
    CheckInRequest r = kiosk();
    r.walkIn = WalkInInput{.plate = "粤b·88a88", .phone = "137 0000 1111", .name = "陈"};
    r.odometerKm = 12'000;
    r.services = {"wash_detail"};
    auto done = s->get<CheckInService>().checkIn(r);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_TRUE(done->newCustomer);
    EXPECT_TRUE(done->newVehicle);
    auto c = s->get<CustomerService>().getCustomer(done->customerId);
    EXPECT_EQ(c->name, "陈");
    EXPECT_EQ(c->phones, (std::vector<std::string>{"13700001111"}));
    EXPECT_EQ(c->source, "kiosk");
    EXPECT_TRUE(c->consentData);
    auto v = s->get<CustomerService>().getVehicle(done->vehicleId);
    EXPECT_EQ(v->plate, "粤B88A88");
    EXPECT_EQ(v->ownerId, done->customerId);
    EXPECT_EQ(v->odometerKm, 12'000);
    // Found by search and by phone like any customer.
    EXPECT_EQ(s->get<CustomerSearch>().search("粤B88A88")->at(0).customerId, done->customerId);
    EXPECT_EQ(s->get<CheckInService>().findByPhone("13700001111")->size(), 1u);

    // Without a name: "散客" until the desk asks.
    CheckInRequest anon = kiosk();
    anon.walkIn = WalkInInput{.plate = "粤B66666", .phone = "13700002222"};
    anon.services = {"diagnosis"};
    auto a = s->get<CheckInService>().checkIn(anon);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(s->get<CustomerService>().getCustomer(a->customerId)->name, "散客");

    // A known phone with a new car: the car is added to that customer, not a second customer.
    CheckInRequest more = kiosk();
    more.walkIn = WalkInInput{.plate = "粤B77777", .phone = "13700001111"};
    more.services = {"diagnosis"};
    auto m = s->get<CheckInService>().checkIn(more);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_FALSE(m->newCustomer);
    EXPECT_TRUE(m->newVehicle);
    EXPECT_EQ(m->customerId, done->customerId);
    EXPECT_EQ(s->get<CustomerService>().vehiclesOf(done->customerId)->size(), 2u);

    // A plate already on record is checked in by plate, not registered twice.
    CheckInRequest dup = kiosk();
    dup.walkIn = WalkInInput{.plate = "粤B88A88", .phone = "13700003333"};
    dup.services = {"diagnosis"};
    auto d = s->get<CheckInService>().checkIn(dup);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, Errc::kConflict);
    EXPECT_NE(d.error().message.find("粤B·***88"), std::string::npos)
        << "masked: " << d.error().message;
    for (const WalkInInput& bad : {WalkInInput{.plate = "88A88", .phone = "13700004444"},
                                   WalkInInput{.plate = "粤B12312", .phone = "1234"}}) {
        CheckInRequest b = kiosk();
        b.walkIn = bad;
        b.services = {"diagnosis"};
        auto e = s->get<CheckInService>().checkIn(b);
        ASSERT_FALSE(e.ok());
        EXPECT_EQ(e.error().code, Errc::kInvalid);
    }
}

TEST_F(CheckInTest, AnOdometerBelowTheLastReadingNeedsConfirmation) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345", 80'000);
    const std::string before = footprint();
    auto lower = checkInCar(car.vehicle, 8'000);
    ASSERT_FALSE(lower.ok());
    EXPECT_EQ(lower.error().code, Errc::kNeedsConfirmation);
    EXPECT_NE(lower.error().message.find("lower than the last reading"), std::string::npos);
    EXPECT_EQ(footprint(), before) << "nothing of the check-in was written";
    CheckInRequest r = kiosk();
    r.vehicleId = car.vehicle;
    r.odometerKm = 8'000;
    r.confirmOdometerDecrease = true;
    r.services = {"diagnosis"};
    auto ok = s->get<CheckInService>().checkIn(r);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(s->get<CustomerService>().getVehicle(car.vehicle)->odometerKm, 8'000);
    EXPECT_EQ(ok->ticket, "D1-0001") << "the refused attempt used no ticket";
    EXPECT_FALSE(checkInCar(car.vehicle, 9'000'000).ok());
}

TEST_F(CheckInTest, TheKioskNeedsConsentAndASignatureTheDeskMayNot) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    CheckInRequest r = kiosk();
    r.vehicleId = car.vehicle;
    r.services = {"diagnosis"};
    r.consent.reset();
    EXPECT_NE(s->get<CheckInService>().checkIn(r).error().message.find("consent"), std::string::npos);
    r = kiosk();
    r.vehicleId = car.vehicle;
    r.services = {"diagnosis"};
    r.consent->textVersion = " ";
    EXPECT_NE(s->get<CheckInService>().checkIn(r).error().message.find("version of the text"), std::string::npos);
    r = kiosk();
    r.vehicleId = car.vehicle;
    r.services = {"diagnosis"};
    r.signature.reset();
    EXPECT_NE(s->get<CheckInService>().checkIn(r).error().message.find("signature"), std::string::npos);
    r.signature = SignatureInput{.width = 800, .height = 300, .strokes = {{{5, 5}}}};
    EXPECT_NE(s->get<CheckInService>().checkIn(r).error().message.find("nothing was drawn"), std::string::npos);
    r.signature.reset();
    r.channel = "lobby";
    EXPECT_NE(s->get<CheckInService>().checkIn(r).error().message.find("channel"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM visits"), 0);

    // At the desk, an advisor checks the customer in: no pad, no consent screen needed.
    auto admin = s->get<StaffService>().bootstrapAdmin("赵敏", "246810");
    ASSERT_TRUE(admin.ok());
    CheckInRequest desk;
    desk.channel = "office";
    desk.vehicleId = car.vehicle;
    desk.services = {"diagnosis"};
    desk.staffId = *admin;
    auto done = s->get<CheckInService>().checkIn(desk);
    ASSERT_TRUE(done.ok()) << done.error().message;
    auto v = s->get<VisitService>().get(done->visitId);
    EXPECT_EQ(v->channel, "office");
    EXPECT_EQ(v->checkedInBy, *admin);
    EXPECT_FALSE(v->hasSignature);
    EXPECT_EQ(v->consentTextVersion, "");
    EXPECT_TRUE(s->get<CustomerService>().consentHistory(car.customer)->empty())
        << "nothing asked, nothing recorded";
    desk.staffId = "nobody";
    EXPECT_NE(s->get<CheckInService>().checkIn(desk).error().message.find("not an active member of staff"),
              std::string::npos);
}

TEST_F(CheckInTest, RefusedConsentIsRecordedAsRefused) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    CheckInRequest r = kiosk();
    r.vehicleId = car.vehicle;
    r.services = {"diagnosis"};
    r.consent = ConsentAnswers{ConsentAnswer::kWithdrawn, ConsentAnswer::kGranted, "pipl-2026-02"};
    ASSERT_TRUE(s->get<CheckInService>().checkIn(r).ok());
    auto c = s->get<CustomerService>().getCustomer(car.customer);
    EXPECT_FALSE(c->consentContact);
    EXPECT_EQ(c->consentContactAt, clock.nowMs()) << "the answer and its time, even a no";
    EXPECT_TRUE(c->consentData);
    auto h = s->get<CustomerService>().consentHistory(car.customer);
    ASSERT_EQ(h->size(), 2u);
    EXPECT_EQ(
        count("SELECT count(*) FROM consent_events WHERE kind = 'contact' AND granted = 0 AND "
              "text_version = 'pipl-2026-02'"),
        1);
}

TEST_F(CheckInTest, AQuestionLeftUnansweredKeepsWhatIsOnRecord) {
    // Consented at import; at the kiosk the boxes are left alone: nothing is withdrawn.
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    ASSERT_TRUE(s->get<CustomerService>().setConsent(car.customer, ConsentKind::kContact, true, "import", "v1").ok());
    ASSERT_TRUE(s->get<CustomerService>().setConsent(car.customer, ConsentKind::kDataUse, true, "import", "v1").ok());
    auto found = s->get<CheckInService>().findByPlate("京A12345");
    ASSERT_TRUE(found.ok() && found->size() == 1u);
    EXPECT_TRUE(found->front().consentContact && found->front().consentDataUse) << "the kiosk shows what is on record";
    CheckInRequest r = kiosk();
    r.vehicleId = car.vehicle;
    r.services = {"diagnosis"};
    r.consent = ConsentAnswers{ConsentAnswer::kUnanswered, ConsentAnswer::kUnanswered, "pipl-2026-02"};
    auto first = s->get<CheckInService>().checkIn(r);
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto c = s->get<CustomerService>().getCustomer(car.customer);
    EXPECT_TRUE(c->consentContact);
    EXPECT_TRUE(c->consentData);
    EXPECT_EQ(s->get<CustomerService>().consentHistory(car.customer)->size(), 2u) << "no new event";
    // Next visit: withdrawing one is recorded; the other, unanswered, stays granted.
    r.consent = ConsentAnswers{ConsentAnswer::kWithdrawn, ConsentAnswer::kUnanswered, "pipl-2026-02"};
    clock.advance(60'000);
    ASSERT_TRUE(s->get<CheckInService>().checkIn(r).ok());
    c = s->get<CustomerService>().getCustomer(car.customer);
    EXPECT_FALSE(c->consentContact);
    EXPECT_TRUE(c->consentData);
}

TEST_F(CheckInTest, AFoundByPhoneCandidateShowsTheNumberTyped) {
    const Car car = customerWithCar("王芳", "15912343471", "京A12345");
    ASSERT_TRUE(s->get<CustomerService>().addPhone(car.customer, "13312340000").ok());
    auto found = s->get<CheckInService>().findByPhone("13312340000");
    ASSERT_TRUE(found.ok() && found->size() == 1u);
    EXPECT_EQ(found->front().maskedPhone, maskPhone("13312340000")) << "the number the customer typed, masked";
}

TEST_F(CheckInTest, TicketsCountUpPerDeviceAndStartAgainEachStoreDay) {
    const Car a = customerWithCar("王芳", "13812341234", "京A12345");
    const Car b = customerWithCar("李雷", "13900139000", "京B54321");
    EXPECT_EQ(*s->get<CheckInService>().peekNextTicket(), "D1-0001");
    EXPECT_EQ(checkInCar(a.vehicle)->ticket, "D1-0001");
    EXPECT_EQ(*s->get<CheckInService>().peekNextTicket(), "D1-0002");
    EXPECT_EQ(checkInCar(b.vehicle)->ticket, "D1-0002");
    EXPECT_EQ(checkInCar(a.vehicle)->ticket, "D1-0003");
    // 23:59 local the same day, then the next store day (00:00 Shanghai = 16:00 UTC).
    clock.set(StoreTime{}.dayEnd(clock.nowMs()) - kMinute);
    EXPECT_EQ(checkInCar(b.vehicle)->ticket, "D1-0004");
    clock.advance(kMinute);
    EXPECT_EQ(checkInCar(a.vehicle)->ticket, "D1-0001");
    EXPECT_EQ(count("SELECT count(*) FROM local_counters"), 1) << "old days are dropped";
    // A lost counter (restored database) does not reissue today's numbers.
    {
        WriteModeScope mode(s->db(), WriteMode::kMigrate);
        ASSERT_TRUE(s->db().exec("DELETE FROM local_counters").ok());
    }
    EXPECT_EQ(checkInCar(b.vehicle)->ticket, "D1-0002");
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'local_counters'"), 0);
}

TEST_F(CheckInTest, ATicketUsesTheDevicePrefix) {
    test::TempDir other;
    InitOptions opt;
    opt.role = DeviceRole::kKiosk;
    opt.prefix = "K1";
    opt.deviceName = "前台自助机";
    auto kioskStore = StoreServices::init(other.file("kiosk.db"), clock, opt);
    ASSERT_TRUE(kioskStore.ok());
    auto& k = **kioskStore;
    auto c = k.get<CustomerService>().createCustomer({.name = "王芳", .phones = {"13812341234"}});
    auto v = k.get<CustomerService>().addVehicle(*c, {.plate = "京A12345"});
    CheckInRequest r = kiosk();
    r.vehicleId = *v;
    r.services = {"diagnosis"};
    EXPECT_EQ(k.get<CheckInService>().checkIn(r)->ticket, "K1-0001");
    test::expectIntegrityOk(k.db());
}

// Every table a check-in writes is made to refuse in turn: whatever fails, nothing is left
// half-written (no customer without a visit, no appointment marked without one, no ticket used).
TEST_F(CheckInTest, AFailureAnywhereLeavesNothingBehind) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    const std::string appt = book(car, clock.nowMs() + kHour);
    using Step = std::pair<const char*, const char*>;  // table, statement
    // What each path writes, in the order it writes it.
    const std::vector<Step> byAppointment = {
        {"odometer_readings", "INSERT"}, {"vehicles", "UPDATE"},       {"customers", "UPDATE"},
        {"consent_events", "INSERT"},    {"local_counters", "INSERT"}, {"visits", "INSERT"},
        {"appointments", "UPDATE"},      {"outbox", "INSERT"},         {"col_versions", "INSERT"}};
    const std::vector<Step> walkIn = {{"customers", "INSERT"},
                                      {"vehicles", "INSERT"},
                                      {"vehicle_ownerships", "INSERT"},
                                      {"odometer_readings", "INSERT"},
                                      {"vehicles", "UPDATE"},
                                      {"customers", "UPDATE"},
                                      {"consent_events", "INSERT"},
                                      {"local_counters", "INSERT"},
                                      {"visits", "INSERT"},
                                      {"outbox", "INSERT"}};
    for (const bool isWalkIn : {false, true}) {
        for (const auto& [table, op] : isWalkIn ? walkIn : byAppointment) {
            SCOPED_TRACE(std::string(isWalkIn ? "walk-in: " : "appointment: ") + op + " " + table);
            const std::string trigger = std::string("fail_") + table + "_" + op;
            ASSERT_TRUE(s->db()
                            .exec("CREATE TEMP TRIGGER " + trigger + " BEFORE " + op + " ON main." +
                                  table + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
                            .ok());
            const std::string before = footprint();
            CheckInRequest r = kiosk();
            if (isWalkIn) {
                r.walkIn = WalkInInput{.plate = "粤B88A88", .phone = "13700001111", .name = "陈"};
                r.services = {"wash_detail"};
            } else {
                r.appointmentId = appt;
            }
            r.odometerKm = 60'000;
            auto done = s->get<CheckInService>().checkIn(r);
            ASSERT_TRUE(s->db().exec("DROP TRIGGER temp." + trigger).ok());
            ASSERT_FALSE(done.ok()) << "the check-in did not write " << table;
            EXPECT_NE(done.error().message.find("injected failure"), std::string::npos)
                << done.error().message;
            EXPECT_EQ(footprint(), before);
        }
    }
    // Then both work, once each, and the first ticket of the day is still free.
    CheckInRequest r = kiosk();
    r.appointmentId = appt;
    r.odometerKm = 60'000;
    auto ok = s->get<CheckInService>().checkIn(r);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->ticket, "D1-0001");
    CheckInRequest w = kiosk();
    w.walkIn = WalkInInput{.plate = "粤B88A88", .phone = "13700001111", .name = "陈"};
    w.services = {"wash_detail"};
    auto ok2 = s->get<CheckInService>().checkIn(w);
    ASSERT_TRUE(ok2.ok()) << ok2.error().message;
    EXPECT_EQ(ok2->ticket, "D1-0002");
}

TEST_F(CheckInTest, RequestsThatNameNoCarOrTwoAreRefused) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    CheckInRequest none = kiosk();
    none.services = {"diagnosis"};
    EXPECT_EQ(s->get<CheckInService>().checkIn(none).error().code, Errc::kInvalid);
    CheckInRequest both = kiosk();
    both.vehicleId = car.vehicle;
    both.walkIn = WalkInInput{.plate = "粤B88A88", .phone = "13700001111"};
    both.services = {"diagnosis"};
    EXPECT_EQ(s->get<CheckInService>().checkIn(both).error().code, Errc::kInvalid);
    const Car other = customerWithCar("李雷", "13900139000", "京B54321");
    CheckInRequest mismatch = kiosk();
    mismatch.appointmentId = book(car, clock.nowMs() + kHour);
    mismatch.vehicleId = other.vehicle;
    EXPECT_NE(s->get<CheckInService>().checkIn(mismatch).error().message.find("not the one on the appointment"),
              std::string::npos);
    CheckInRequest unknownService = kiosk();
    unknownService.vehicleId = car.vehicle;
    unknownService.services = {"teleport"};
    EXPECT_NE(s->get<CheckInService>().checkIn(unknownService).error().message.find("teleport"),
              std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM visits"), 0);
}

TEST_F(CheckInTest, VisitsMoveForwardOnly) {
    const Car car = customerWithCar("王芳", "13812341234", "京A12345");
    auto done = checkInCar(car.vehicle);
    ASSERT_TRUE(done.ok());
    const std::string id = done->visitId;
    ASSERT_TRUE(s->get<VisitService>().setStatus(id, VisitStatus::kInService).ok());
    ASSERT_TRUE(s->get<VisitService>().setStatus(id, VisitStatus::kInService).ok()) << "idempotent";
    auto back = s->get<VisitService>().setStatus(id, VisitStatus::kWaiting);
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.error().code, Errc::kConflict);
    EXPECT_EQ(back.error().message, "status: visit " + done->ticket +
                                        " is in_service; it cannot go back to waiting");
    ASSERT_TRUE(s->get<VisitService>().setStatus(id, VisitStatus::kCollected).ok()) << "ready may be skipped";
    EXPECT_FALSE(s->get<VisitService>().setStatus(id, VisitStatus::kReady).ok());
    EXPECT_EQ(s->get<VisitService>().get(id)->status, VisitStatus::kCollected);
    EXPECT_EQ(s->get<VisitService>().get(id)->statusKey, "collected");
    EXPECT_EQ(s->get<VisitService>().forCustomer(car.customer)->size(), 1u);
    EXPECT_FALSE(s->get<VisitService>().findByStatusToken("")->has_value());
    EXPECT_FALSE(s->get<VisitService>().findByStatusToken("no-such-token-xxxxxxxxxx")->has_value());
}

}  // namespace
}  // namespace fc::core
