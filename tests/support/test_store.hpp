// Test helpers: a temporary directory removed afterwards, a fresh initialised store in it, and
// the integrity check every storage test ends with.
//
//   TempDir dir; auto store = makeTestStore(dir, clock);
//   ... ; expectIntegrityOk(store->db());
#pragma once

#include <memory>
#include <string>

#include "shared/capture/store.hpp"
#include "shared/core/clock.hpp"
#include "shared/services.hpp"
// The domains' services, for tests that use several (programs include what they use).
#include "shared/bays/bay_service.hpp"
#include "shared/bays/tables.hpp"
#include "shared/catalogue/catalogue_service.hpp"
#include "shared/catalogue/tables.hpp"
#include "shared/conflicts/conflict_service.hpp"
#include "shared/customers/customer_access.hpp"
#include "shared/customers/customer_import.hpp"
#include "shared/customers/customer_search.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/customers/tables.hpp"
#include "shared/readmodel/front_desk.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"
#include "shared/staff/tables.hpp"
#include "shared/stores/store_hours.hpp"
#include "shared/stores/store_record.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/stores/tables.hpp"
#include "shared/visits/appointment_service.hpp"
#include "shared/visits/booking_grid.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/catalogue/service_menu.hpp"
#include "shared/visits/tables.hpp"
#include "shared/visits/visit_service.hpp"

#include <gtest/gtest.h>
#include <string_view>

namespace fc::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// A directory that lives as long as the test process (removed at exit), for process-wide engines
// such as Rime (platform/ime) that keep their files open: processDir("ime").
const std::string& processDir(const std::string& name);

// A new store database "store.db" in `dir` with a reproducible id seed (the store's registry
// schema; no services: tests of the capture layer itself).
std::unique_ptr<core::Store> makeTestStore(const TempDir& dir, const core::Clock& clock,
                                           const std::string& name = "store.db",
                                           uint64_t seed = 42);

// PRAGMA integrity_check = ok and no foreign key violations (gtest assertions).
void expectIntegrityOk(core::Db& db);

// Writes bytes to a file (binary).
void writeFile(const std::string& path, const std::string& bytes);

// Real GB18030 bytes for UTF-8 text, made the way Excel on Chinese Windows saves them (iconv).
std::string toGb18030(std::string_view utf8);

// A fixture with a fresh store and its services; every test ends with the integrity check and
// `verify` finding no problem.
class StoreTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;
    TempDir dir;
    core::ManualClock clock;
    std::unique_ptr<core::StoreServices> s;
};

}  // namespace fc::test
