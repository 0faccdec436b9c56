#include "shared/db/checkpointer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

TEST(Checkpointer, CommitsNoLongerCheckpointAndTheThreadDoes) {
    fc::test::TempDir dir;
    const std::string path = dir.file("cp.db");
    auto db = Db::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("CREATE TABLE t(x BLOB)").ok());
    auto cp = Checkpointer::start(path, 50);
    ASSERT_TRUE(cp.ok()) << cp.error().message;
    (*cp)->attach(*db);
    // 200 commits of ~8 KiB each: ~400 WAL pages, far past the 50-page mark.
    auto ins = db->prepare("INSERT INTO t(x) VALUES (zeroblob(8000))");
    for (int i = 0; i < 200; ++i) {
        ASSERT_TRUE(ins->run().ok());
    }
    // The thread has been told; wait for it (bounded) rather than for a time.
    for (int i = 0; i < 500 && (*cp)->checkpoints() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_GE((*cp)->checkpoints(), 1u);
    (*cp)->detach(*db);
    cp->reset();
    EXPECT_EQ(db->queryInt("SELECT count(*) FROM t")->value_or(0), 200);
    fc::test::expectIntegrityOk(*db);
}

}  // namespace
}  // namespace fc::core
