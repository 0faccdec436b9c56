// `forecourtctl import-parts` run the way an administrator would: a dry run needs nobody signed in;
// a bad file is reported as file:line: column: reason and exits 1 with nothing imported; a good
// one is imported as the staff member named, whose PIN comes from $FORECOURT_PIN.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

#include "shared/core/clock.hpp"
#include "shared/db/sqlite.hpp"
#include "shared/services.hpp"
#include "shared/staff/staff_service.hpp"
#include "tests/support/test_store.hpp"
#include "tests/support/command.hpp"

namespace {

using Run = fc::test::CommandResult;  // out: stdout and stderr together

// `env` goes before the program ("FORECOURT_PIN=246810"); standard input is empty.
Run ctl(const std::string& args, const std::string& env = "") {
    return fc::test::runCommand(env + (env.empty() ? "" : " ") + std::string(FC_CTL_PATH) + " " + args +
                                " </dev/null 2>&1");
}

class ImportPartsCli : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(ctl("--db " + db() + " init").status, 0);
        // The store's first admin, as the app's first start makes them (PIN hashed at the
        // minimum cost so the test stays quick).
        fc::core::ManualClock clock;
        auto s = fc::core::StoreServices::open(dir.file("store.db"), clock);
        ASSERT_TRUE(s.ok()) << s.error().message;
        (*s)->get<fc::core::StaffService>().setHashLimits(fc::core::PinHashLimits::minimum());
        auto admin = (*s)->get<fc::core::StaffService>().bootstrapAdmin("赵敏", "246810");
        ASSERT_TRUE(admin.ok()) << admin.error().message;
    }
    std::string db() const { return fc::test::shellQuote(dir.file("store.db")); }
    int64_t parts() {
        auto d = fc::core::Db::open(dir.file("store.db"));
        return d.ok() ? d->queryInt("SELECT count(*) FROM parts")->value_or(-1) : -1;
    }
    fc::test::TempDir dir;
};

TEST_F(ImportPartsCli, ABadFileIsReportedByLineAndColumnAndImportsNothing) {
    fc::test::writeFile(dir.file("bad.csv"), "编码,名称,售价,库位\n"
                                             "FLT-001,机油滤清器,45.50,\n"
                                             "FLT-002,空气滤清器,4x,\n"
                                             "FLT-003,空调滤清器,20,Z-99-99\n");
    auto bad = ctl("--db " + db() + " import-parts " + fc::test::shellQuote(dir.file("bad.csv")) + " --staff 赵敏",
                   "FORECOURT_PIN=246810");
    EXPECT_EQ(bad.status, 1) << bad.out;
    EXPECT_NE(bad.out.find("bad.csv:3: 售价: '4x' is not an amount in yuan"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("bad.csv:4: 库位: no bin Z-99-99"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("2 problem(s) in 3 rows"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("nothing was imported"), std::string::npos) << bad.out;
    EXPECT_EQ(parts(), 0);
}

TEST_F(ImportPartsCli, ADryRunNeedsNobodyAndAnImportIsMadeAsTheStaffMemberNamed) {
    fc::test::writeFile(dir.file("parts.csv"), "编码,名称,单位,进价,售价,安全库存,库位\n"
                                               "FLT-001,机油滤清器,个,18,45.50,5,A-01-01\n"
                                               "OIL-001,机油 5W-30,升,40,98,12.5,C-01-02\n");
    auto dry = ctl("--db " + db() + " import-parts " + fc::test::shellQuote(dir.file("parts.csv")) + " --dry-run --create-bins");
    EXPECT_EQ(dry.status, 0) << dry.out;
    EXPECT_NE(dry.out.find("2 rows (UTF-8) are valid and would give 2 created"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("2 new bins"), std::string::npos) << dry.out;
    EXPECT_EQ(parts(), 0);

    auto noStaff = ctl("--db " + db() + " import-parts " + fc::test::shellQuote(dir.file("parts.csv")));
    EXPECT_EQ(noStaff.status, 2) << noStaff.out;
    EXPECT_NE(noStaff.out.find("--staff NAME"), std::string::npos) << noStaff.out;

    auto noBins = ctl("--db " + db() + " import-parts " + fc::test::shellQuote(dir.file("parts.csv")) + " --staff 赵敏",
                      "FORECOURT_PIN=246810");
    EXPECT_EQ(noBins.status, 1) << noBins.out;
    EXPECT_NE(noBins.out.find("parts.csv:2: 库位: no bin A-01-01"), std::string::npos) << noBins.out;

    auto wrongPin = ctl("--db " + db() + " import-parts " + fc::test::shellQuote(dir.file("parts.csv")) + " --staff 赵敏 --create-bins",
                        "FORECOURT_PIN=135790");
    EXPECT_EQ(wrongPin.status, 1) << wrongPin.out;
    EXPECT_EQ(parts(), 0);

    auto good = ctl("--db " + db() + " import-parts " + fc::test::shellQuote(dir.file("parts.csv")) + " --staff 赵敏 --create-bins",
                    "FORECOURT_PIN=246810");
    EXPECT_EQ(good.status, 0) << good.out;
    EXPECT_NE(good.out.find("2 created, 0 updated, 0 unchanged"), std::string::npos) << good.out;
    EXPECT_EQ(parts(), 2);

    // The shipped template, through the command line.
    auto tpl = ctl("--db " + db() + " import-parts " + fc::test::shellQuote(std::string(FC_SOURCE_DIR) +
                                                               "/assets/templates/parts-import-template.csv") +
                       " --staff 赵敏 --create-bins",
                   "FORECOURT_PIN=246810");
    EXPECT_EQ(tpl.status, 0) << tpl.out;
    EXPECT_EQ(parts(), 5);
    EXPECT_EQ(ctl("--db " + db() + " verify").status, 0);
}

}  // namespace
