// Runs the real forecourtctl binary the way an administrator would.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>

#include "shared/db/sqlite.hpp"
#include "tests/support/test_store.hpp"

namespace {

struct Run {
    int status = -1;
    std::string out;  // stdout and stderr together
};

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

Run ctl(const std::string& args) {
    Run r;
    const std::string cmd = std::string(FC_CTL_PATH) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

class Forecourtctl : public ::testing::Test {
protected:
    std::string db() const { return quote(dir.file("store.db")); }
    fc::test::TempDir dir;
};

TEST_F(Forecourtctl, UsageErrorsAreClearAndExitWithTwo) {
    auto none = ctl("");
    EXPECT_EQ(none.status, 2);
    EXPECT_NE(none.out.find("usage: forecourtctl"), std::string::npos);
    auto unknown = ctl("--db " + db() + " frobnicate");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.out.find("unknown command 'frobnicate'"), std::string::npos);
    auto badFlag = ctl("--db " + db() + " search --bogus x");
    EXPECT_EQ(badFlag.status, 2);
    EXPECT_NE(badFlag.out.find("unknown option --bogus"), std::string::npos);
    auto noDb = ctl("stats");
    EXPECT_EQ(noDb.status, 2);
    EXPECT_NE(noDb.out.find("--db PATH is required"), std::string::npos);
    auto missingValue = ctl("--db " + db() + " seed-demo --customers");
    EXPECT_EQ(missingValue.status, 2);
    EXPECT_NE(missingValue.out.find("--customers needs a value"), std::string::npos);
    auto badNumber = ctl("--db " + db() + " seed-demo --customers lots");
    EXPECT_EQ(badNumber.status, 2);
    EXPECT_NE(badNumber.out.find("whole number"), std::string::npos);
    auto badImport = ctl("--db " + db() + " import suppliers x.csv");
    EXPECT_EQ(badImport.status, 2);
    auto help = ctl("--help");
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.out.find("seed-demo"), std::string::npos);
}

TEST_F(Forecourtctl, CommandsOnAMissingDatabaseSayHowToCreateIt) {
    auto r = ctl("--db " + db() + " stats");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("does not exist"), std::string::npos);
    EXPECT_NE(r.out.find("init"), std::string::npos);
}

TEST_F(Forecourtctl, InitSeedSearchStatsVerify) {
    auto init = ctl("--db " + db() + " init --store-name 南山店 --device-name 前台");
    ASSERT_EQ(init.status, 0) << init.out;
    EXPECT_NE(init.out.find("南山店"), std::string::npos);
    auto again = ctl("--db " + db() + " init");
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.out.find("already initialised"), std::string::npos);

    auto seed = ctl("--db " + db() + " seed-demo --seed 7 --customers 300 --parts 200");
    ASSERT_EQ(seed.status, 0) << seed.out;
    EXPECT_NE(seed.out.find("300 customers"), std::string::npos);
    EXPECT_NE(seed.out.find("200 parts in 240 bins"), std::string::npos) << seed.out;

    auto stats = ctl("--db " + db() + " stats");
    ASSERT_EQ(stats.status, 0);
    EXPECT_NE(stats.out.find("customers   300"), std::string::npos) << stats.out;

    auto verify = ctl("--db " + db() + " verify");
    EXPECT_EQ(verify.status, 0) << verify.out;
    EXPECT_NE(verify.out.find("integrity_check: ok"), std::string::npos);
    EXPECT_NE(verify.out.find("verify: ok"), std::string::npos);

    auto search = ctl("--db " + db() + " search 王 --limit 3");
    ASSERT_EQ(search.status, 0);
    // Three hits, personal data masked unless asked for.
    size_t lines = 0;
    for (char c : search.out) lines += c == '\n';
    EXPECT_EQ(lines, 3u) << search.out;
    EXPECT_NE(search.out.find("****"), std::string::npos);
}

TEST_F(Forecourtctl, TheDatabaseItCreatesIsTheOwnersAlone) {
    // Started with the usual umask 022: without care the files would be readable by every user.
    const mode_t old = ::umask(022);
    auto init = ctl("--db " + db() + " init --store-name 南山店");
    ::umask(old);
    ASSERT_EQ(init.status, 0) << init.out;
    auto seed = ctl("--db " + db() + " seed-demo --customers 20 --parts 0");
    ASSERT_EQ(seed.status, 0) << seed.out;
    for (const std::string& f : {dir.file("store.db"), dir.file("store.db") + "-wal", dir.file("store.db") + "-shm"}) {
        struct stat st {};
        if (::stat(f.c_str(), &st) != 0) continue;  // a checkpointed WAL may be gone
        EXPECT_EQ(st.st_mode & 0777, 0600u) << f << " holds personal data";
    }
    struct stat db {};
    ASSERT_EQ(::stat(dir.file("store.db").c_str(), &db), 0);
    EXPECT_EQ(db.st_mode & 0777, 0600u);
}

TEST_F(Forecourtctl, VerifyFailsWhenAnInvariantIsBroken) {
    ASSERT_EQ(ctl("--db " + db() + " seed-demo --customers 30 --parts 0").status, 0);
    ASSERT_EQ(ctl("--db " + db() + " verify").status, 0);
    // Damage a derived index behind the store's back (it is local, so no guard stops this).
    {
        auto raw = fc::core::Db::open(dir.file("store.db"));
        ASSERT_TRUE(raw.ok());
        ASSERT_TRUE(raw->exec("DELETE FROM customer_phone_idx WHERE phone = "
                              "(SELECT min(phone) FROM customer_phone_idx)").ok());
    }
    auto r = ctl("--db " + db() + " verify");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("PROBLEM  phones missing from the phone index (1)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("verify: FAILED"), std::string::npos);
}

TEST_F(Forecourtctl, SeedIsDeterministicForASeed) {
    const std::string a = quote(dir.file("a.db"));
    const std::string b = quote(dir.file("b.db"));
    ASSERT_EQ(ctl("--db " + a + " seed-demo --seed 11 --customers 50 --parts 0").status, 0);
    ASSERT_EQ(ctl("--db " + b + " seed-demo --seed 11 --customers 50 --parts 0").status, 0);
    auto sa = ctl("--db " + a + " search 1 --limit 50 --show-personal");
    auto sb = ctl("--db " + b + " search 1 --limit 50 --show-personal");
    // Same people, phones and plates; only the generated ids differ.
    auto strip = [](const std::string& s) {
        std::string out;
        size_t start = 0;
        while (start < s.size()) {
            size_t end = s.find('\n', start);
            std::string line = s.substr(start, end - start);
            out += line.substr(0, line.rfind('\t')) + "\n";
            start = end == std::string::npos ? s.size() : end + 1;
        }
        return out;
    };
    EXPECT_EQ(strip(sa.out), strip(sb.out));
    EXPECT_FALSE(sa.out.empty());
}

TEST_F(Forecourtctl, ImportReportsEveryBadRowAndExitsNonZero) {
    ASSERT_EQ(ctl("--db " + db() + " init").status, 0);
    fc::test::writeFile(dir.file("bad.csv"),
                        "姓名,手机,车牌\n王芳,13800138000,粤B12345\n,13900139000,\n李雷,123,\n");
    auto bad = ctl("--db " + db() + " import customers " + quote(dir.file("bad.csv")));
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.out.find("bad.csv: line 3, column 姓名: name is empty"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("line 4, column 手机"), std::string::npos);
    EXPECT_NE(bad.out.find("nothing was imported"), std::string::npos);
    EXPECT_EQ(bad.out.find("13900139000"), std::string::npos) << "phones are not printed in full";

    fc::test::writeFile(dir.file("good.csv"), "姓名,手机,车牌\n王芳,13800138000,粤B12345\n");
    auto good = ctl("--db " + db() + " import customers " + quote(dir.file("good.csv")));
    EXPECT_EQ(good.status, 0) << good.out;
    EXPECT_NE(good.out.find("1 customers, 1 vehicles"), std::string::npos) << good.out;
}

}  // namespace
