// The hub's record of the certificate forecourt-hub serves: its fingerprint, written at every
// start (cleared when it starts without TLS) and read by `forecourtctl hub-code`, which prints the
// enrolment code as CODE@FINGERPRINT. One row in hub_tls, a local table of the hub's database.
#include "sync/hub.hpp"

namespace fc::sync {

using core::Stmt;

namespace {

constexpr const char* kHubTlsSchema = R"SQL(
CREATE TABLE IF NOT EXISTS hub_tls(
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
)SQL";

Status createTable(core::Db& db) {
    core::WriteModeScope mode(db, core::WriteMode::kMigrate);
    return db.exec(kHubTlsSchema);
}

}  // namespace

Status Hub::setTlsFingerprint(const std::string& fingerprint) {
    std::lock_guard lock(m_mutex);
    core::Db& db = m_services->db();
    FC_TRY(createTable(db));
    FC_ASSIGN(Stmt s, db.prepare("INSERT INTO hub_tls(id, fingerprint, recorded_at) VALUES (1, ?, ?) "
                                 "ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, "
                                 "recorded_at = excluded.recorded_at"));
    s.bindAll(fingerprint, nowMs());
    return s.run();
}

Result<std::string> Hub::tlsFingerprint() {
    std::lock_guard lock(m_mutex);
    core::Db& db = m_services->db();
    FC_TRY(createTable(db));
    FC_ASSIGN(auto fingerprint, db.queryText("SELECT fingerprint FROM hub_tls WHERE id = 1"));
    return fingerprint.value_or("");
}

}  // namespace fc::sync
