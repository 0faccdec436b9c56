// The store hub as a child process and device replicas enrolled with it over HTTP, for the
// end-to-end tests (sync_e2e_test, workshop_e2e_test, hub_tls_test).
//
//   TempDir dir;
//   HubProcess hub(dir, dir.file("hub.db"));
//   FC_TRY(hub.start());                                      // a free port of 127.0.0.1
//   FC_ASSIGN(auto office, makeDevice(dir, "office", hub.storeId(), "office", "F1"));
//   FC_TRY(enrol(dir, *office, hub, "office"));               // `forecourtctl hub-code` + /v1/enroll
//   office->client->exchange();
//   office->disconnect();  FC_ASSIGN(ExitStatus st, hub.stop());  // SIGTERM: st.code == 0
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "shared/core/clock.hpp"
#include "shared/core/result.hpp"
#include "shared/services.hpp"
#include "sync/client.hpp"
#include "sync/net/curl_transport.hpp"
#include "tests/e2e/support/process.hpp"
#include "tests/support/test_store.hpp"

// A Result that must be ok, its error message shown when it is not.
#define ASSERT_OK(expr)                                                      \
    do {                                                                     \
        const auto& fc_ok_ = (expr);                                         \
        ASSERT_TRUE(fc_ok_.ok()) << #expr << ": " << fc_ok_.error().message; \
    } while (0)

namespace fc::test {

const core::SystemClock& systemClock();
// Without trailing newlines, carriage returns and spaces.
std::string trimLine(std::string s);

// forecourt-hub (FC_HUB_PATH) as a child process.
class HubProcess {
public:
    HubProcess(const TempDir& dir, std::string db) : m_dir(dir), m_db(std::move(db)) {}

    // Starts the hub on 127.0.0.1 (a free port unless told) with the extra arguments (--cert and
    // --key make it https) and waits until it prints "forecourt-hub listening on URL (store ID,
    // hub_seq N)"; with a certificate, the fingerprint it printed before that line is kept.
    core::Status start(const std::vector<std::string>& extra = {}, int port = 0);
    // SIGTERM: the hub stops cleanly and exits 0 (devices hang up first: the hub waits out
    // idle keep-alive connections).
    core::Result<ExitStatus> stop();

    const std::string& url() const { return m_url; }
    int port() const { return m_port; }
    const std::string& storeId() const { return m_storeId; }
    int64_t startSeq() const { return m_startSeq; }
    const std::string& fingerprint() const { return m_fingerprint; }
    const std::string& db() const { return m_db; }
    ChildProcess& process() { return *m_proc; }
    std::string log() const { return m_proc ? m_proc->stderrText() : ""; }

private:
    const TempDir& m_dir;
    std::string m_db;
    std::unique_ptr<ChildProcess> m_proc;
    int m_runs = 0;
    std::string m_url;
    int m_port = 0;
    std::string m_storeId;
    int64_t m_startSeq = 0;
    std::string m_fingerprint;
};

// Runs forecourtctl (FC_CTL_PATH) to completion.
core::Result<RunResult> ctl(const TempDir& dir, const std::vector<std::string>& args);
// A one-time enrolment code made by `forecourtctl hub-code` on the (running) hub's database.
core::Result<std::string> makeCode(const TempDir& dir, const std::string& hubDb, const std::string& role);

// A device replica in this process, talking to the hub (or a proxy) over HTTP.
struct Device {
    std::string name;
    std::string path;
    std::unique_ptr<core::StoreServices> services;
    std::unique_ptr<sync::CurlTransport> http;
    std::unique_ptr<sync::SyncClient> client;

    const std::string& id() const { return services->store().device().deviceId; }
    core::Db& db() { return services->db(); }
    template <typename Service>
    Service& get() {
        return services->get<Service>();
    }
    // A new transport and client (as after a restart); the client reloads its state.
    void connect(const std::string& url, size_t batchSize, long timeoutMs = 60'000);
    // Closes the keep-alive connection. cpp-httplib 0.11 waits out an idle keep-alive connection
    // (the hub allows 60 s) before a stopping server returns, so tests hang up before SIGTERM.
    void disconnect();
    // The newest outbox sequence number on this device.
    int64_t lastSeq();
};

// A new, unenrolled replica of the store `storeId` with the given role and number prefix.
core::Result<std::unique_ptr<Device>> makeDevice(const TempDir& dir, const std::string& name,
                                                 const std::string& storeId, const std::string& role,
                                                 const std::string& prefix);
// Enrols over HTTP with a code from `forecourtctl hub-code` and stores the token and the
// store's badge key (as enrolDevice does); the device is connected to the hub afterwards.
core::Status enrol(const TempDir& dir, Device& d, HubProcess& hub, const std::string& role);

// Opens a database the hub (or forecourtctl) may be writing: WAL lets a second connection read.
core::Result<core::Db> openForReading(const std::string& path);
// A count or number from `sql` (0 for NULL); a failed query fails the test and gives -1.
int64_t queryInt(core::Db& db, const std::string& sql);

}  // namespace fc::test
