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

// A new store database "store.db" in `dir` with a reproducible id seed.
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
