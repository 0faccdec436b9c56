#include "shared/db/migrations.hpp"

#include <gtest/gtest.h>

#include "shared/services.hpp"
#include "shared/verify.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using test::expectIntegrityOk;
using test::TempDir;

TEST(Migrations, VersionsAreNumberedWithoutGaps) {
    int expected = 1;
    const auto& migrations = storeRegistry().schema().migrations();
    for (const auto& m : migrations) EXPECT_EQ(m.version, expected++) << m.name;
    EXPECT_EQ(storeRegistry().schema().version(), static_cast<int>(migrations.size()));
}

// Build a database at every earlier version, put data in it that was valid at that version, and
// migrate it to the current one: the data survives and the store works.
TEST(Migrations, EveryEarlierVersionMigratesToTheCurrentOne) {
    for (int from = 0; from < storeRegistry().schema().version(); ++from) {
        SCOPED_TRACE("from version " + std::to_string(from));
        TempDir dir;
        const std::string path = dir.file("old.db");
        {
            auto db = Db::open(path);
            ASSERT_TRUE(db.ok());
            if (from > 0) {
                ASSERT_TRUE(migrate(*db, storeRegistry().schema().migrations(), from).ok());
            }
            EXPECT_EQ(schemaVersion(*db).value(), from);
            WriteModeScope mode(*db, WriteMode::kMigrate);
            if (from >= 1) {
                ASSERT_TRUE(db->exec("INSERT INTO local_device VALUES (1, 'store-1', 'dev-1', "
                                     "'old tablet', 'office', 'D1', 1700000000000);"
                                     "INSERT INTO stores VALUES ('store-1', 'store-1', '老店', "
                                     "'Asia/Shanghai', 1700000000000, NULL, 1, 'dev-1');")
                                .ok());
            }
            if (from >= 2) {
                ASSERT_TRUE(db->exec("INSERT INTO customers(id, store_id, name, phones, created_at, "
                                     "_hlc, _dev) VALUES ('c-1', 'store-1', '赟鬯犇', "
                                     "'13800138000', 1700000000000, 2, 'dev-1');")
                                .ok());
            }
        }
        ManualClock clock;
        if (from == 0) {
            auto s = StoreServices::init(path, clock, {});
            ASSERT_TRUE(s.ok()) << s.error().message;
            continue;
        }
        auto s = StoreServices::open(path, clock);
        ASSERT_TRUE(s.ok()) << s.error().message;
        EXPECT_EQ(schemaVersion((*s)->db()).value(), storeRegistry().schema().version());
        EXPECT_EQ((*s)->store().storeId(), "store-1");
        if (from == 2) {
            // Rows written before the search index existed are indexed on rebuild.
            ASSERT_TRUE((*s)->rebuildIndexes().ok());
            auto hits = (*s)->get<CustomerSearch>().search("赟鬯");
            ASSERT_TRUE(hits.ok());
            ASSERT_EQ(hits->size(), 1u);
            EXPECT_EQ((*hits)[0].customerId, "c-1");
        }
        auto id = (*s)->get<CustomerService>().createCustomer({.name = "新客户", .phones = {"13900139000"}});
        ASSERT_TRUE(id.ok()) << id.error().message;
        expectIntegrityOk((*s)->db());
    }
}

// A store from before staff and visits (v4, with customers and cars) gains them on upgrade and
// can book, check in and sign in at once.
TEST(Migrations, AVersion4StoreGainsStaffAppointmentsAndVisits) {
    TempDir dir;
    const std::string path = dir.file("v4.db");
    {
        auto db = Db::open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(migrate(*db, storeRegistry().schema().migrations(), 4).ok());
        WriteModeScope mode(*db, WriteMode::kMigrate);
        ASSERT_TRUE(
            db->exec(
                  "INSERT INTO local_device VALUES (1, 'store-1', 'dev-1', 'old pc', "
                  "'office', 'D1', 1700000000000);"
                  "INSERT INTO stores VALUES ('store-1', 'store-1', '老店', "
                  "'Asia/Shanghai', 1700000000000, NULL, 1, 'dev-1');"
                  "INSERT INTO customers(id, store_id, name, phones, created_at, _hlc, _dev) "
                  "VALUES ('c-1', 'store-1', '王芳', '13812341234', 1700000000000, 2, 'dev-1');"
                  "INSERT INTO vehicles(id, store_id, plate, odometer_km, created_at, _hlc, _dev) "
                  "VALUES ('v-1', 'store-1', '京A12345', 30000, 1700000000000, 3, 'dev-1');"
                  "INSERT INTO vehicle_ownerships VALUES ('o-1', 'store-1', 'v-1', 'c-1', "
                  "1700000000000, '', 4, 'dev-1');")
                .ok());
    }
    ManualClock clock;
    auto s = StoreServices::open(path, clock);
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto& svc = **s;
    EXPECT_EQ(schemaVersion(svc.db()).value(), storeRegistry().schema().version());
    ASSERT_TRUE(svc.rebuildIndexes().ok());
    svc.get<StaffService>().setHashLimits(PinHashLimits::minimum());
    auto admin = svc.get<StaffService>().bootstrapAdmin("赵敏", "246810");
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    EXPECT_TRUE(svc.get<SessionManager>().signInByPin(*admin, "246810").ok());
    auto found = svc.get<CheckInService>().findByPhone("13812341234");
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ((*found)[0].maskedPlate, "京A·***45");
    auto appt = svc.get<AppointmentService>().book({.customerId = "c-1",
                                       .vehicleId = "v-1",
                                       .scheduledAt = clock.nowMs() + 3'600'000,
                                       .services = {"routine_service"}});
    ASSERT_TRUE(appt.ok()) << appt.error().message;
    CheckInRequest r;
    r.appointmentId = *appt;
    r.channel = "office";
    r.odometerKm = 31'000;
    auto visit = svc.get<CheckInService>().checkIn(r);
    ASSERT_TRUE(visit.ok()) << visit.error().message;
    EXPECT_EQ(visit->ticket, "D1-0001");
    // The new synced tables refuse writes that bypass capture, like the old ones.
    for (const char* sql : {"DELETE FROM visits", "UPDATE appointments SET status = 'booked'",
                            "UPDATE staff SET role = 'admin'"})
        EXPECT_FALSE(svc.db().exec(sql).ok()) << sql;
    auto v = verifyStore(svc);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->problems.empty()) << v->problems[0];
    expectIntegrityOk(svc.db());
}

// A store from before bays and queue calls (v5, with an appointment and a visit) keeps both on
// upgrade: the tables are rebuilt with the new columns in place (null), their indexes and capture
// guards; bays, bookings on them and the queue work at once.
TEST(Migrations, AVersion5StoreKeepsItsAppointmentsAndVisitsAndGainsBaysAndCalls) {
    TempDir dir;
    const std::string path = dir.file("v5.db");
    ManualClock clock;
    const int64_t now = clock.nowMs();
    {
        auto db = Db::open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(migrate(*db, storeRegistry().schema().migrations(), 5).ok());
        WriteModeScope mode(*db, WriteMode::kMigrate);
        const std::string t = std::to_string(now);
        ASSERT_TRUE(
            db->exec("INSERT INTO local_device VALUES (1, 'store-1', 'dev-1', 'old pc', 'office', "
                     "'D1', 1700000000000);"
                     "INSERT INTO stores VALUES ('store-1', 'store-1', '老店', 'Asia/Shanghai', "
                     "1700000000000, NULL, 1, 'dev-1');"
                     "INSERT INTO customers(id, store_id, name, phones, created_at, _hlc, _dev) "
                     "VALUES ('c-1', 'store-1', '王芳', '13812341234', 1700000000000, 2, 'dev-1');"
                     "INSERT INTO vehicles(id, store_id, plate, created_at, _hlc, _dev) VALUES "
                     "('v-1', 'store-1', '京A12345', 1700000000000, 3, 'dev-1');"
                     "INSERT INTO vehicle_ownerships VALUES ('o-1', 'store-1', 'v-1', 'c-1', "
                     "1700000000000, '', 4, 'dev-1');"
                     "INSERT INTO appointments VALUES ('a-1', 'store-1', 'c-1', 'v-1', " + t +
                     " + 3600000, '[\"oil_filter\"]', 'booked', 'phone', "
                     "'AAAAAAAAAAAAAAAAAAAAAAAA', '老预约', " + t + ", NULL, 5, 'dev-1');"
                     "INSERT INTO visits VALUES ('x-1', 'store-1', 'c-1', 'v-1', NULL, " + t +
                     ", 30000, '[\"diagnosis\"]', '', '异响', 'waiting', 'D1-0001', "
                     "'BBBBBBBBBBBBBBBBBBBBBBBB', '', '', 'office', NULL, NULL, 6, 'dev-1');")
                .ok());
    }
    auto s = StoreServices::open(path, clock);
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto& svc = **s;
    EXPECT_EQ(schemaVersion(svc.db()).value(), storeRegistry().schema().version());
    ASSERT_TRUE(svc.rebuildIndexes().ok());
    auto a = svc.get<AppointmentService>().get("a-1");
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->notes, "老预约");
    EXPECT_EQ(a->scheduledAt, now + 3'600'000);
    EXPECT_FALSE(a->bayId.has_value());
    auto x = svc.get<VisitService>().get("x-1");
    ASSERT_TRUE(x.ok()) << x.error().message;
    EXPECT_EQ(x->complaint, "异响");
    EXPECT_EQ(x->ticket, "D1-0001");
    EXPECT_FALSE(x->calledAt.has_value());
    for (const char* index : {"appointments_time", "appointments_token", "appointments_bay",
                              "visits_time", "visits_token", "customer_phone_tail"})
        EXPECT_EQ(svc.db().queryInt(std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") +
                                    index + "'")->value(), 1) << index;
    for (const char* sql : {"DELETE FROM visits", "UPDATE appointments SET bay_id = 'b'",
                            "INSERT INTO bays(id, store_id, code, name_zh, created_at, _hlc, _dev) "
                            "VALUES ('b', 's', 'B1', 'x', 0, 0, 'd')"})
        EXPECT_FALSE(svc.db().exec(sql).ok()) << sql << " bypassed capture";

    svc.get<StaffService>().setHashLimits(PinHashLimits::minimum());
    auto admin = svc.get<StaffService>().bootstrapAdmin("赵敏", "246810");
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    auto bay = svc.get<BayService>().create({.code = "B1", .nameZh = "1号举升位", .kind = BayKind::kLift});
    ASSERT_TRUE(bay.ok()) << bay.error().message;
    ASSERT_TRUE(svc.get<AppointmentService>().moveTo("a-1", now + 3'600'000, *bay).ok());
    auto called = svc.get<VisitService>().callNext(*admin, "1号台");
    ASSERT_TRUE(called.ok()) << called.error().message;
    ASSERT_TRUE(called->has_value());
    EXPECT_EQ((*called)->id, "x-1");
    auto v = verifyStore(svc);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->problems.empty()) << v->problems[0];
    expectIntegrityOk(svc.db());
}

TEST(Migrations, ANewerDatabaseIsRefusedUntouched) {
    TempDir dir;
    auto db = Db::open(dir.file("new.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("PRAGMA user_version = 999").ok());
    auto r = migrate(*db, storeRegistry().schema().migrations());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::kUnsupported);
    EXPECT_NE(r.error().message.find("newer than this program"), std::string::npos);
    EXPECT_EQ(schemaVersion(*db).value(), 999);
}

TEST(Migrations, MigratingBackwardsIsRefused) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(migrate(*db, storeRegistry().schema().migrations()).ok());
    auto r = migrate(*db, storeRegistry().schema().migrations(), 1);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("only go forward"), std::string::npos);
}

TEST(Migrations, AFailingMigrationLeavesTheDatabaseAtItsOldVersion) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(migrate(*db, storeRegistry().schema().migrations(), 1).ok());
    // Sabotage: a table v2 wants to create already exists.
    {
        WriteModeScope mode(*db, WriteMode::kMigrate);
        ASSERT_TRUE(db->exec("CREATE TABLE customers(x)").ok());
    }
    auto r = migrate(*db, storeRegistry().schema().migrations());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("migration 2"), std::string::npos) << r.error().message;
    EXPECT_EQ(schemaVersion(*db).value(), 1);
    EXPECT_EQ(db->queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'vehicles'")->value(), 0);
    expectIntegrityOk(*db);
}

TEST(Store, ClockStaysMonotonicAcrossRestartsWhenTheWallClockGoesBack) {
    TempDir dir;
    ManualClock clock(1'800'000'000'000);
    uint64_t lastHlc = 0;
    {
        auto s = StoreServices::init(dir.file("s.db"), clock, {});
        ASSERT_TRUE(s.ok());
        ASSERT_TRUE((*s)->get<CustomerService>().createCustomer({.name = "甲乙", .phones = {"13800000001"}}).ok());
        lastHlc = static_cast<uint64_t>((*s)->db().queryInt("SELECT max(hlc) FROM outbox")->value());
    }
    clock.set(1'700'000'000'000);  // the tablet's clock was reset to an older date
    auto s = StoreServices::open(dir.file("s.db"), clock);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->get<CustomerService>().createCustomer({.name = "丙丁", .phones = {"13800000002"}}).ok());
    const auto newHlc = static_cast<uint64_t>((*s)->db().queryInt("SELECT max(hlc) FROM outbox")->value());
    EXPECT_GT(newHlc, lastHlc);
    auto v = verifyStore(**s);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->ok());
}

TEST(Store, InitRefusesAnInitialisedDatabaseAndOpenRefusesAnEmptyOne) {
    TempDir dir;
    ManualClock clock;
    ASSERT_TRUE(StoreServices::init(dir.file("s.db"), clock, {}).ok());
    auto again = StoreServices::init(dir.file("s.db"), clock, {});
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("already initialised"), std::string::npos);
    {
        auto empty = Db::open(dir.file("empty.db"));
        ASSERT_TRUE(empty.ok());
    }
    auto open = StoreServices::open(dir.file("empty.db"), clock);
    ASSERT_FALSE(open.ok());
    EXPECT_NE(open.error().message.find("init"), std::string::npos);
}

}  // namespace
}  // namespace fc::core
