// Technicians' skills and shifts (issue 9): the stored forms and what a manager may type, the
// store's local time, who may change them (managers and admins, on an office device), the row
// rule that keeps a hostile or buggy writer from storing anything else, and the v11 migration
// that adds them to a store with staff, sign-ins and customer access records.
#include <gtest/gtest.h>

#include "shared/db/migrations.hpp"
#include "shared/registry.hpp"
#include "shared/staff/shift.hpp"
#include "shared/staff/skills.hpp"
#include "shared/verify.hpp"
#include "tests/shared/staff/staff_fixture.hpp"

namespace fc::core {
namespace {

// [SECTION] skills

TEST(Skills, StoredOnceEachInCanonicalOrderAndReadBack) {
    EXPECT_EQ(encodeSkills({Skill::kEvHighVoltage, Skill::kGeneral, Skill::kEvHighVoltage}),
              R"(["general","ev_high_voltage"])");
    EXPECT_EQ(encodeSkills({}), "[]");
    auto back = decodeSkills(R"(["general","ev_high_voltage"])");
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, (std::vector<Skill>{Skill::kGeneral, Skill::kEvHighVoltage}));
    EXPECT_TRUE(decodeSkills("")->empty()) << "no text: no skills";
    for (Skill s : kSkills) EXPECT_EQ(parseSkill(skillName(s)), s);
}

TEST(Skills, UnknownNamesRepeatsAndOtherShapesAreRefusedNamingTheField) {
    auto unknown = decodeSkills(R"(["general","welding"])");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, Errc::kInvalid);
    EXPECT_EQ(unknown.error().message,
              "skills: 'welding' is not a skill (general, electrical, ac, ev_high_voltage, alignment, body_paint)");
    EXPECT_EQ(decodeSkills(R"(["ac","ac"])").error().message, "skills: 'ac' is listed twice");
    EXPECT_EQ(decodeSkills(R"({"ac":1})").error().message, "skills: not a JSON array of skill names");
    EXPECT_EQ(decodeSkills("[1]").error().message, "skills: not a JSON array of skill names");
}

// [SECTION] shifts

TEST(WorkShift, ReadsWhatAManagerTypesAndStoresOneCanonicalText) {
    const std::pair<const char*, const char*> cases[] = {
        {"1-5 08:30-17:30", "1-5 08:30-17:30"},
        {"１－５　８：３０～１７：３０", "1-5 08:30-17:30"},  // full width, as an IME gives it
        {"1,2,3,4,5 8:30-17:30", "1-5 08:30-17:30"},
        {"1、3、5 13:00 - 21:00", "1,3,5 13:00-21:00"},
        {"6 09:00-12:00; 1-5 08:30-17:30", "1-5 08:30-17:30; 6 09:00-12:00"},
        {"1-5 22:00-24:00；2-6 00:00-06:00", "1-5 22:00-24:00; 2-6 00:00-06:00"},
        {"1-3,6 9:00-18:00;", "1-3,6 09:00-18:00"},
        {"  ", ""},
    };
    for (const auto& [typed, stored] : cases) {
        auto s = WorkShift::parse(typed);
        ASSERT_TRUE(s.ok()) << typed << ": " << s.error().message;
        EXPECT_EQ(s->text(), stored) << typed;
        EXPECT_EQ(WorkShift::parse(s->text())->text(), stored) << "canonical text reads back as itself";
    }
    auto two = WorkShift::parse("1-5 08:30-17:30; 6 09:00-12:00");
    ASSERT_TRUE(two.ok());
    ASSERT_EQ(two->blocks.size(), 2u);
    EXPECT_EQ(two->blocks[0], (ShiftBlock{0b0011111, 8 * 60 + 30, 17 * 60 + 30}));
    EXPECT_EQ(two->minutesOn(1), 540);
    EXPECT_EQ(two->minutesOn(6), 180);
    EXPECT_EQ(two->minutesOn(7), 0);
    EXPECT_TRUE(WorkShift::parse("")->empty());
}

TEST(WorkShift, RefusalsNameTheFieldAndWhatIsWrong) {
    const std::pair<const char*, const char*> cases[] = {
        {"1-8 08:00-17:00", "shift: '1-8' is not a day (1 = Monday … 7 = Sunday)"},
        {"5-1 08:00-17:00", "shift: '5-1' runs backwards (write 1-5 for Monday to Friday)"},
        {"1-5 25:00-26:00", "shift: '25:00' is not a time (00:00 to 24:00)"},
        {"1-5 08:00-17:60", "shift: '17:60' is not a time (00:00 to 24:00)"},
        {"1-5 8-17", "shift: '8' is not a time (00:00 to 24:00)"},
        {"1-5", "shift: '1-5' needs days and hours, like 1-5 08:30-17:30"},
        {"周一到周五 08:00-17:00", "shift: '周一到周五' is not a day (1 = Monday … 7 = Sunday)"},
        {"1-5 17:30-08:30",
         "shift: '1-5 17:30-08:30' ends before it starts (a night shift is two blocks: 1-5 22:00-24:00; 2-6 "
         "00:00-06:00)"},
        {"1-5 08:00-12:00; 5 11:00-14:00", "shift: '1-5 08:00-12:00' and '5 11:00-14:00' overlap on day 5"},
    };
    for (const auto& [typed, message] : cases) {
        auto s = WorkShift::parse(typed);
        ASSERT_FALSE(s.ok()) << typed;
        EXPECT_EQ(s.error().code, Errc::kInvalid);
        EXPECT_EQ(s.error().message, message) << typed;
    }
}

TEST(WorkShift, CoversTheStoresLocalTimeNotUtc) {
    const StoreTime shanghai;  // UTC+8
    ManualClock clock;         // 2026-01-01 00:00 UTC: Thursday 08:00 in the store
    const int64_t thursday0800 = clock.nowMs();
    EXPECT_EQ(isoWeekday(shanghai, thursday0800), 4);
    EXPECT_EQ(minuteOfDay(shanghai, thursday0800), 8 * 60);
    auto s = WorkShift::parse("1-5 08:30-17:30");
    ASSERT_TRUE(s.ok());
    EXPECT_FALSE(s->coversAt(shanghai, thursday0800)) << "08:00 is before the shift";
    EXPECT_TRUE(s->coversAt(shanghai, thursday0800 + 30 * 60'000)) << "08:30 is its first minute";
    EXPECT_TRUE(s->coversAt(shanghai, thursday0800 + (9 * 60 + 29) * 60'000)) << "17:29";
    EXPECT_FALSE(s->coversAt(shanghai, thursday0800 + (9 * 60 + 30) * 60'000)) << "17:30 is after it";
    // Sunday 2026-01-04 23:30 UTC is Monday 07:30 in the store; Friday 2026-01-02 10:00 UTC is
    // 18:00 Friday; Saturday 02:00 UTC is 10:00 Saturday.
    const int64_t day = StoreTime::kDayMs;
    EXPECT_EQ(isoWeekday(shanghai, thursday0800 + 3 * day + 23 * 3'600'000LL + 30 * 60'000), 1);
    EXPECT_TRUE(s->coversAt(shanghai, thursday0800 + 4 * day + 30 * 60'000)) << "Monday 08:30";
    EXPECT_FALSE(s->coversAt(shanghai, thursday0800 + 2 * day + 2 * 3'600'000LL)) << "Saturday 10:00";
    StoreTime utc{.offsetMinutes = 0};
    EXPECT_TRUE(s->coversAt(utc, thursday0800 + 9 * 3'600'000LL)) << "09:00 Thursday in a UTC store";
}

// [SECTION] the staff service

class StaffRosterTest : public test::StaffTest {
protected:
    StaffService& staff() { return s->get<StaffService>(); }
};

TEST_F(StaffRosterTest, AManagerOrAdminSetsSkillsAndShiftsAnAdvisorOrTechnicianMayNot) {
    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828");
    const std::string manager = addStaff("陈建国", StaffRole::kManager, "135790");
    const std::string advisor = addStaff("李娜", StaffRole::kAdvisor, "314159");
    const Session boss = signIn(manager, "135790");
    ASSERT_TRUE(staff().setSkills(boss, tech, {Skill::kEvHighVoltage, Skill::kGeneral}).ok());
    ASSERT_TRUE(staff().setShift(boss, tech, "１－６ 8:30~17:30").ok());
    auto m = staff().get(tech);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->skills, (std::vector<Skill>{Skill::kGeneral, Skill::kEvHighVoltage}));
    EXPECT_EQ(m->shift.text(), "1-6 08:30-17:30");
    EXPECT_EQ(s->db().queryText("SELECT skills || ' | ' || shift FROM staff WHERE id = '" + tech + "'")->value(),
              R"(["general","ev_high_voltage"] | 1-6 08:30-17:30)");
    EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE tbl = 'staff' AND row_id = '" + tech +
                    "' AND payload LIKE '%ev_high_voltage%'"),
              1)
        << "captured for sync";
    // The roster is the manager's; the rest of the record stays the admin's.
    auto renamed = staff().updateStaff(boss, tech, {.name = "王小强"});
    ASSERT_FALSE(renamed.ok());
    EXPECT_EQ(renamed.error().code, Errc::kPermission);
    EXPECT_TRUE(staff().updateStaff(admin(), tech, {.name = "王小强", .shift = ""}).ok());
    EXPECT_TRUE(staff().get(tech)->shift.empty()) << "an empty text removes the shift";
    for (const auto& [who, pin] : {std::pair{advisor, "314159"}, std::pair{tech, "271828"}}) {
        const Session by = signIn(who, pin);
        auto r = staff().setSkills(by, tech, {Skill::kAc});
        ASSERT_FALSE(r.ok()) << who;
        EXPECT_EQ(r.error().code, Errc::kPermission);
        EXPECT_FALSE(staff().setShift(by, tech, "1-5 08:00-17:00").ok());
    }
    EXPECT_EQ(staff().get(tech)->skills, (std::vector<Skill>{Skill::kGeneral, Skill::kEvHighVoltage}));
    // A typo is refused with the field named, and nothing changes.
    auto bad = staff().setShift(boss, tech, "1-5 08:30-25:00");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, Errc::kInvalid);
    EXPECT_EQ(bad.error().message, "shift: '25:00' is not a time (00:00 to 24:00)");
    EXPECT_TRUE(roleCan(StaffRole::kManager, Capability::kManageRoster));
    EXPECT_FALSE(roleCan(StaffRole::kAdvisor, Capability::kManageRoster));
    EXPECT_FALSE(roleCan(StaffRole::kTechnician, Capability::kManageRoster));
}

TEST_F(StaffRosterTest, NewStaffMayBeGivenSkillsAndAShiftAndAPersonWithoutThemHasNone) {
    auto id = staff().createStaff(admin(), {.name = "张伟",
                                            .role = StaffRole::kTechnician,
                                            .pin = "173205",
                                            .skills = {Skill::kAc, Skill::kElectrical},
                                            .shift = "1-5 08:30-17:30; 6 09:00-13:00"});
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto m = staff().get(*id);
    EXPECT_EQ(m->skills, (std::vector<Skill>{Skill::kElectrical, Skill::kAc}));
    EXPECT_EQ(m->shift.text(), "1-5 08:30-17:30; 6 09:00-13:00");
    auto bad = staff().createStaff(admin(), {.name = "黄磊", .role = StaffRole::kTechnician, .shift = "every day"});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message.rfind("shift: ", 0), 0u) << bad.error().message;
    auto plain = staff().get(adminId);
    EXPECT_TRUE(plain->skills.empty());
    EXPECT_TRUE(plain->shift.empty());
}

// The same row rule the hub applies to pushed changes refuses, on the device, a value the services
// would never write, naming the column (and never quoting the value).
TEST_F(StaffRosterTest, TheRowRuleRefusesUnknownSkillsAndBadShiftsNamingTheColumn) {
    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828");
    const TableDef& t = tables::kStaff;
    auto attempt = [&](const char* column, const std::string& value) -> std::string {
        Tx tx(s->db());
        EXPECT_TRUE(tx.begin().ok());
        auto r = s->store().writer().update(t, tech, {{t.columnIndex(column), SqlValue::text(value)}});
        EXPECT_FALSE(r.ok()) << column << " = " << value;
        return r.ok() ? "" : r.error().message;
    };
    const int64_t outbox = count("SELECT count(*) FROM outbox");
    const std::string skills = "staff " + tech +
                               ": skills is not a JSON array of known skills, each once, in this order: general, "
                               "electrical, ac, ev_high_voltage, alignment, body_paint";
    EXPECT_EQ(attempt("skills", R"(["general","welding"])"), skills);
    EXPECT_EQ(attempt("skills", "ac"), skills);
    EXPECT_EQ(attempt("skills", R"(["ac","general"])"), skills) << "not in order";
    EXPECT_EQ(attempt("skills", R"(["ac","ac"])"), skills);
    const std::string shift = "staff " + tech +
                              ": shift is not a shift as the store writes it (days 1-7 and hours, like 1-5 "
                              "08:30-17:30; 6 09:00-12:00)";
    EXPECT_EQ(attempt("shift", "Mon-Fri 9-5"), shift);
    EXPECT_EQ(attempt("shift", "1-5 8:30-17:30"), shift) << "not the canonical text";
    EXPECT_EQ(attempt("shift", "1-5 08:00-12:00; 5 11:00-14:00"), shift) << "overlapping";
    EXPECT_EQ(count("SELECT count(*) FROM outbox"), outbox) << "nothing captured";
    EXPECT_EQ(s->db().queryText("SELECT skills FROM staff WHERE id = '" + tech + "'")->value(), "[]");
}

// Staff records, skills and shifts included, are written on office devices only: a workshop
// tablet or a kiosk refuses before saving, whoever is signed in (the hub checks the same grant).
TEST_F(StaffRosterTest, AWorkshopOrKioskDeviceMayNotChangeSkillsOrShifts) {
    const std::string tech = addStaff("王强", StaffRole::kTechnician, "271828");
    const Session boss = admin();
    for (DeviceRole role : {DeviceRole::kWorkshop, DeviceRole::kKiosk}) {
        ASSERT_TRUE(s->setIdentity(role, "device").ok());
        auto r = staff().setSkills(boss, tech, {Skill::kEvHighVoltage});
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, Errc::kPermission);
        EXPECT_EQ(r.error().message, std::string(deviceRoleKey(role)) + " devices may not write staff");
        EXPECT_FALSE(staff().setShift(boss, tech, "1-5 08:30-17:30").ok());
        EXPECT_EQ(storeRegistry().checkWrite(role, tables::kStaff, ChangeOp::kUpdate, {"skills"}),
                  std::string(deviceRoleKey(role)) + " devices may not write staff");
    }
    EXPECT_TRUE(staff().get(tech)->skills.empty());
    ASSERT_TRUE(s->setIdentity(DeviceRole::kOffice, "office").ok());
    EXPECT_TRUE(staff().setSkills(boss, tech, {Skill::kEvHighVoltage}).ok()) << "the office may";
    EXPECT_EQ(storeRegistry().checkWrite(DeviceRole::kOffice, tables::kStaff, ChangeOp::kUpdate, {"skills", "shift"}),
              "");
}

// [SECTION] migration

// A store at v10 — staff with sign-ins and a record of who saw a customer's phone, both pointing
// at staff — keeps all of it on upgrade; the staff table is rebuilt with skills and shift before
// deleted_at, guarded as before, and everyone starts with no skills and no shift.
TEST(StaffMigration, AVersion10StoreKeepsItsStaffAndWhatPointsAtThemAndGainsSkillsAndShifts) {
    test::TempDir dir;
    const std::string path = dir.file("v10.db");
    {
        auto db = Db::open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(migrate(*db, storeRegistry().schema().migrations(), 10).ok());
        WriteModeScope mode(*db, WriteMode::kMigrate);
        ASSERT_TRUE(db->exec("INSERT INTO local_device VALUES (1, 'store-1', 'dev-1', 'old pc', 'office', 'D1', "
                             "1700000000000);"
                             "INSERT INTO stores VALUES ('store-1', 'store-1', '老店', 'Asia/Shanghai', "
                             "1700000000000, NULL, 1, 'dev-1');"
                             "INSERT INTO customers(id, store_id, name, phones, created_at, _hlc, _dev) VALUES "
                             "('c-1', 'store-1', '王芳', '13812341234', 1700000000000, 2, 'dev-1');"
                             "INSERT INTO staff VALUES ('s-1', 'store-1', '王强', 'technician', 1, '', '', NULL, "
                             "1700000000000, NULL, 3, 'dev-1');"
                             "INSERT INTO staff VALUES ('s-2', 'store-1', '李娜', 'advisor', 1, '', '', NULL, "
                             "1700000000000, NULL, 4, 'dev-1');"
                             "INSERT INTO staff_session_events VALUES ('e-1', 'store-1', 's-1', 'sess', 'sign_in', "
                             "'pin', 1700000000000, 'dev-1', 5, 'dev-1');"
                             "INSERT INTO customer_access_events VALUES ('a-1', 'store-1', 'c-1', 's-2', 'dev-1', "
                             "1700000000000, 'phone', '回电', 6, 'dev-1');")
                        .ok());
    }
    ManualClock clock;
    auto s = StoreServices::open(path, clock);
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto& svc = **s;
    EXPECT_EQ(schemaVersion(svc.db()).value(), storeRegistry().schema().version());
    ASSERT_TRUE(svc.rebuildIndexes().ok());  // the customer was written without the services
    EXPECT_EQ(svc.db().queryText("SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('staff') "
                                 "ORDER BY cid)")->value(),
              "id,store_id,name,role,active,badge_code,pin_hash,pin_set_at,created_at,skills,shift,deleted_at,_hlc,_dev");
    auto tech = svc.get<StaffService>().get("s-1");
    ASSERT_TRUE(tech.ok()) << tech.error().message;
    EXPECT_EQ(tech->name, "王强");
    EXPECT_TRUE(tech->skills.empty());
    EXPECT_TRUE(tech->shift.empty());
    EXPECT_EQ(svc.db().queryInt("SELECT count(*) FROM staff_session_events WHERE staff_id = 's-1'")->value(), 1);
    EXPECT_EQ(svc.db().queryInt("SELECT count(*) FROM customer_access_events WHERE staff_id = 's-2'")->value(), 1);
    EXPECT_EQ(svc.db().queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'staff_badge'")->value(), 1);
    EXPECT_EQ(svc.db().queryInt("SELECT count(*) FROM sqlite_temp_schema WHERE name = 'staff_v10'")->value(), 0) << "the copy is gone";
    EXPECT_FALSE(svc.db().exec("UPDATE staff SET skills = '[\"ac\"]'").ok()) << "the capture guard is back";
    // A manager can plan the roster at once.
    svc.get<StaffService>().setHashLimits(PinHashLimits::minimum());
    auto admin = svc.get<StaffService>().bootstrapAdmin("赵敏", "246810");
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    auto by = svc.get<SessionManager>().signInByPin(*admin, "246810");
    ASSERT_TRUE(by.ok()) << by.error().message;
    ASSERT_TRUE(svc.get<StaffService>().setSkills(*by, "s-1", {Skill::kEvHighVoltage}).ok());
    ASSERT_TRUE(svc.get<StaffService>().setShift(*by, "s-1", "1-5 08:30-17:30").ok());
    auto v = verifyStore(svc);
    ASSERT_TRUE(v.ok()) << v.error().message;
    for (const auto& p : v->problems) ADD_FAILURE() << "verify: " << p;
    test::expectIntegrityOk(svc.db());
}

}  // namespace
}  // namespace fc::core
