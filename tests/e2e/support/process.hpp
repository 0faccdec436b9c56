// Child programs for end-to-end tests: start one with its stdout and stderr captured to files,
// wait (bounded) for a line it prints when ready, signal it, and reap it with its exit status.
//
//   ChildProcess hub;
//   FC_TRY(hub.start({FC_HUB_PATH, "--db", db, "--listen", "127.0.0.1:0"}, dir.file("hub")));
//   FC_ASSIGN(std::string line, hub.waitForLine("forecourt-hub listening on "));
//   hub.signal(SIGTERM);  FC_ASSIGN(ExitStatus st, hub.wait());  // st.code == 0
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::test {

// How a child ended: an exit code, or the signal that killed it.
struct ExitStatus {
    int code = -1;   // exit code when it exited, -1 when a signal ended it
    int signal = 0;  // the terminating signal, 0 when it exited
    bool exitedWith(int c) const { return signal == 0 && code == c; }
    bool killedBy(int sig) const { return signal == sig; }
    std::string describe() const;
};

class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess();  // a child still running is killed (SIGKILL) and reaped
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Starts args[0] with the arguments; stdout goes to `logPrefix`.out, stderr to .err.
    core::Status start(const std::vector<std::string>& args, const std::string& logPrefix);

    // Polls the captured stdout for a line starting with `prefix` and returns it. A readiness
    // wait: fails when the child exits first or nothing comes within `timeoutMs`.
    core::Result<std::string> waitForLine(const std::string& prefix, int64_t timeoutMs = 10'000);

    // Sends a signal (no-op once reaped). Safe to call from another thread while one waits.
    void signal(int sig);
    // Waits for the child to end and reaps it. After `timeoutMs` it is killed and an error
    // returned, so a hung child cannot hang the test.
    core::Result<ExitStatus> wait(int64_t timeoutMs = 60'000);

    // True once the child has ended (it stays unreaped: wait() still returns its status).
    bool exited() const;
    bool started() const { return m_pid > 0; }
    pid_t pid() const { return m_pid; }
    std::string stdoutText() const;
    std::string stderrText() const;

private:
    std::atomic<pid_t> m_pid{0};
    std::atomic<bool> m_reaped{false};
    std::string m_outPath;
    std::string m_errPath;
    std::string m_name;
};

// Runs a program to completion (bounded by `timeoutMs`) and returns its status and output.
struct RunResult {
    ExitStatus status;
    std::string out;
    std::string err;
};
core::Result<RunResult> runProcess(const std::vector<std::string>& args,
                                   const std::string& logPrefix, int64_t timeoutMs = 120'000);

}  // namespace fc::test
