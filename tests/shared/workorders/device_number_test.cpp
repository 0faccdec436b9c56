// Device numbers: the counter runs on; with no counter (new device, lost local tables) numbering
// starts after the highest number already in the table; a number already taken while the counter
// lagged (a restored older copy) is skipped.
#include <gtest/gtest.h>

#include "shared/workorders/device_number.hpp"
#include "tests/support/test_store.hpp"

namespace fc::core {
namespace {

class DeviceNumberTest : public fc::test::StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSERT_TRUE(s->db().exec("CREATE TABLE numbered(no TEXT); CREATE INDEX numbered_no ON numbered(no)").ok());
    }
    std::string next() {
        auto r = nextDeviceNumber(s->db(), "test", "T1-", "numbered", "no");
        EXPECT_TRUE(r.ok());
        return r.ok() ? *r : "";
    }
};

TEST_F(DeviceNumberTest, WithoutACounterStartsAfterTheHighestThenCountsOnAndSkipsTakenNumbers) {
    ASSERT_TRUE(s->db().exec("INSERT INTO numbered VALUES ('T1-0007'), ('T1-0012'), ('T2-0099'), ('T1-x')").ok());
    EXPECT_EQ(next(), "T1-0013") << "after the highest with this prefix";
    EXPECT_EQ(next(), "T1-0014");
    // Numbers arrive that this counter did not give (an older copy of this device's file).
    ASSERT_TRUE(s->db().exec("INSERT INTO numbered VALUES ('T1-0015'), ('T1-0016')").ok());
    EXPECT_EQ(next(), "T1-0017");
    EXPECT_EQ(next(), "T1-0018");
}

TEST_F(DeviceNumberTest, AFreshDeviceStartsAtOne) { EXPECT_EQ(next(), "T1-0001"); }

}  // namespace
}  // namespace fc::core
