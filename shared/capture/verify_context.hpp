// What `verify` checks report into, and the context a domain's checks run in. Each domain
// declares its checks (Domain::checks); shared/verify.cpp runs the generic ones and then every
// domain's.
//
//   FC_TRY(v.expectZero("SELECT count(*) FROM staff WHERE role NOT IN (…)",
//                       "staff with an unknown role", "staff roles valid"));
#pragma once

#include <string>
#include <vector>

#include "shared/db/sqlite.hpp"

namespace fc::core {

struct VerifyReport {
    std::vector<std::string> checks;    // what was checked and passed
    std::vector<std::string> problems;  // each one makes verify fail
    std::vector<std::string> warnings;  // worth a look, not corruption (e.g. duplicate phones from sync)
    bool ok() const { return problems.empty(); }
};

class VerifyContext {
public:
    enum class Severity { kProblem, kWarning };

    VerifyContext(Db& db, std::string storeId, bool everSynced, VerifyReport& report)
        : m_db(db), m_storeId(std::move(storeId)), m_everSynced(everSynced), m_report(report) {}

    Db& db() { return m_db; }
    const std::string& storeId() const { return m_storeId; }
    // Whether this replica has pulled from a hub (some rows arrive only with the first sync).
    bool everSynced() const { return m_everSynced; }

    void pass(std::string what) { m_report.checks.push_back(std::move(what)); }
    void problem(std::string what) { m_report.problems.push_back(std::move(what)); }
    void warn(std::string what) { m_report.warnings.push_back(std::move(what)); }

    // Runs a count query: zero passes as `passed`; otherwise `what (count)` is a problem (or a
    // warning).
    Status expectZero(const std::string& sql, const std::string& what, const std::string& passed,
                      Severity severity = Severity::kProblem);

private:
    Db& m_db;
    std::string m_storeId;
    bool m_everSynced;
    VerifyReport& m_report;
};

}  // namespace fc::core
