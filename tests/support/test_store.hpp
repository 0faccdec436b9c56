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

}  // namespace fc::test
