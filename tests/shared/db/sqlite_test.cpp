#include "shared/db/sqlite.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

using test::expectIntegrityOk;
using test::TempDir;

TEST(Sqlite, OpenSetsWalForeignKeysAndBusyTimeout) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok()) << db.error().message;
    EXPECT_EQ(db->queryText("PRAGMA journal_mode")->value(), "wal");
    EXPECT_EQ(db->queryInt("PRAGMA foreign_keys")->value(), 1);
    EXPECT_EQ(db->queryInt("PRAGMA synchronous")->value(), 1);  // NORMAL
    EXPECT_EQ(db->queryInt("PRAGMA busy_timeout")->value(), 5000);
    expectIntegrityOk(*db);
}

mode_t modeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
}

TEST(Sqlite, DatabasesAndTheirWalAreTheOwnersAlone) {
    TempDir dir;
    const mode_t old = ::umask(022);  // the usual umask: files would be 0644
    {
        auto db = Db::open(dir.file("a.db"));
        ASSERT_TRUE(db.ok()) << db.error().message;
        ASSERT_TRUE(db->exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)").ok());
        EXPECT_EQ(modeOf(dir.file("a.db")), 0600u);
        EXPECT_EQ(modeOf(dir.file("a.db-wal")), 0600u) << "the WAL holds the same personal data";
        EXPECT_EQ(modeOf(dir.file("a.db-shm")), 0600u);
    }
    // A database an older version left readable by others is tightened when opened.
    ASSERT_EQ(::chmod(dir.file("a.db").c_str(), 0644), 0);
    {
        auto db = Db::open(dir.file("a.db"));
        ASSERT_TRUE(db.ok()) << db.error().message;
        EXPECT_EQ(modeOf(dir.file("a.db")), 0600u);
    }
    ::umask(old);
}

TEST(Sqlite, ErrorsNameTheOperationAndTheCause) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok());
    auto bad = db->prepare("SELECT nope FROM nowhere");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("prepare 'SELECT nope FROM nowhere'"), std::string::npos);
    EXPECT_NE(bad.error().message.find("no such table: nowhere"), std::string::npos);

    ASSERT_TRUE(db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT UNIQUE)").ok());
    ASSERT_TRUE(db->exec("INSERT INTO t(v) VALUES ('a')").ok());
    auto dup = db->exec("INSERT INTO t(v) VALUES ('a')");
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, Errc::kConflict);
    EXPECT_NE(dup.error().message.find("UNIQUE constraint failed: t.v"), std::string::npos);
    expectIntegrityOk(*db);
}

TEST(Sqlite, OpeningSomethingThatIsNotADatabaseFails) {
    TempDir dir;
    test::writeFile(dir.file("x.db"), std::string(4096, 'x'));
    auto db = Db::open(dir.file("x.db"));
    ASSERT_FALSE(db.ok());
    EXPECT_NE(db.error().message.find("x.db"), std::string::npos);
    EXPECT_NE(db.error().message.find("not a database"), std::string::npos) << db.error().message;

    Db::Options noCreate;
    noCreate.create = false;
    auto missing = Db::open(dir.file("missing.db"), noCreate);
    ASSERT_FALSE(missing.ok());
}

TEST(Sqlite, StatementsBindAndReadEveryType) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("CREATE TABLE t(a INTEGER, b TEXT, c TEXT)").ok());
    auto ins = db->prepare("INSERT INTO t VALUES (?, ?, ?)");
    ASSERT_TRUE(ins.ok());
    ins->bindAll(int64_t{1} << 40, std::string("王芳\x1f鬯"), nullptr);
    ASSERT_TRUE(ins->run().ok());
    auto sel = db->prepare("SELECT a, b, c FROM t");
    ASSERT_TRUE(sel->step().value());
    EXPECT_EQ(sel->getInt(0), int64_t{1} << 40);
    EXPECT_EQ(sel->getText(1), "王芳\x1f鬯");
    EXPECT_TRUE(sel->isNull(2));
    EXPECT_EQ(sel->getOptText(2), std::nullopt);
    EXPECT_EQ(sel->getValue(0), SqlValue::integer(int64_t{1} << 40));
    EXPECT_FALSE(sel->step().value());
    expectIntegrityOk(*db);
}

TEST(Sqlite, CachedStatementsAreReusedAndReset) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok());
    auto a = db->cached("SELECT 1");
    auto b = db->cached("SELECT 1");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b);
    ASSERT_TRUE((*a)->step().value());
    // Asking again mid-iteration hands back a reset statement.
    auto c = db->cached("SELECT 1");
    ASSERT_TRUE((*c)->step().value());
    EXPECT_EQ((*c)->getInt(0), 1);
    expectIntegrityOk(*db);
}

TEST(Sqlite, TransactionsRollBackUnlessCommittedAndNestAsSavepoints) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("CREATE TABLE t(v INTEGER)").ok());
    {
        Tx tx(*db);
        ASSERT_TRUE(tx.begin().ok());
        ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)").ok());
    }
    EXPECT_EQ(db->queryInt("SELECT count(*) FROM t")->value(), 0);
    {
        Tx outer(*db);
        ASSERT_TRUE(outer.begin().ok());
        ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)").ok());
        {
            Tx inner(*db);
            ASSERT_TRUE(inner.begin().ok());
            EXPECT_EQ(db->txDepth(), 2);
            ASSERT_TRUE(db->exec("INSERT INTO t VALUES (2)").ok());
        }  // inner rolled back
        {
            Tx inner(*db);
            ASSERT_TRUE(inner.begin().ok());
            ASSERT_TRUE(db->exec("INSERT INTO t VALUES (3)").ok());
            ASSERT_TRUE(inner.commit().ok());
        }
        ASSERT_TRUE(outer.commit().ok());
    }
    EXPECT_EQ(db->queryInt("SELECT sum(v) FROM t")->value(), 4);
    EXPECT_EQ(db->txDepth(), 0);
    expectIntegrityOk(*db);
}

TEST(Sqlite, PreCommitHookFailureRollsBack) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("CREATE TABLE t(v INTEGER)").ok());
    bool fail = true;
    bool rolledBack = false;
    db->addPreCommitHook([&]() -> Status {
        if (fail) return internal("hook says no");
        return {};
    });
    db->addRollbackHook([&] { rolledBack = true; });
    Tx tx(*db);
    ASSERT_TRUE(tx.begin().ok());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)").ok());
    auto r = tx.commit();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("hook says no"), std::string::npos);
    EXPECT_TRUE(rolledBack);
    EXPECT_EQ(db->queryInt("SELECT count(*) FROM t")->value(), 0);
    expectIntegrityOk(*db);
}

TEST(Sqlite, WriteModeIsVisibleToSqlAndRestoredByScope) {
    TempDir dir;
    auto db = Db::open(dir.file("a.db"));
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(db->queryInt("SELECT fc_write_mode()")->value(), 0);
    {
        WriteModeScope capture(*db, WriteMode::kCapture);
        EXPECT_EQ(db->queryInt("SELECT fc_write_mode()")->value(), 1);
        {
            WriteModeScope apply(*db, WriteMode::kApply);
            EXPECT_EQ(db->queryInt("SELECT fc_write_mode()")->value(), 2);
        }
        EXPECT_EQ(db->queryInt("SELECT fc_write_mode()")->value(), 1);
    }
    EXPECT_EQ(db->queryInt("SELECT fc_write_mode()")->value(), 0);
    expectIntegrityOk(*db);
}

}  // namespace
}  // namespace fc::core
