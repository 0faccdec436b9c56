#include "tests/e2e/support/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace fc::test {

namespace {

using Steady = std::chrono::steady_clock;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

ExitStatus fromWaitStatus(int st) {
    ExitStatus s;
    if (WIFEXITED(st)) s.code = WEXITSTATUS(st);
    if (WIFSIGNALED(st)) s.signal = WTERMSIG(st);
    return s;
}

}  // namespace

std::string ExitStatus::describe() const {
    if (signal != 0)
        return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
    return "exit code " + std::to_string(code);
}

ChildProcess::~ChildProcess() {
    if (m_pid > 0 && !m_reaped) {
        ::kill(m_pid, SIGKILL);
        int st = 0;
        ::waitpid(m_pid, &st, 0);
    }
}

core::Status ChildProcess::start(const std::vector<std::string>& args,
                                 const std::string& logPrefix) {
    if (m_pid > 0) return core::internal("ChildProcess::start called twice");
    if (args.empty()) return core::invalid("no program to start");
    m_name = args[0];
    m_outPath = logPrefix + ".out";
    m_errPath = logPrefix + ".err";

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, m_outPath.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&files, STDERR_FILENO, m_errPath.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    // The child starts with no blocked signals and default dispositions, whatever the test
    // process (gtest, a sanitizer runtime, a helper thread) has set up.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int sig : {SIGTERM, SIGINT, SIGPIPE, SIGHUP}) sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &files, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        return core::Error(core::Errc::kIo, "cannot start " + m_name + ": " + std::strerror(rc));
    m_pid = pid;
    return {};
}

core::Result<std::string> ChildProcess::waitForLine(const std::string& prefix, int64_t timeoutMs) {
    if (m_pid <= 0) return core::internal("waitForLine before start");
    const auto deadline = Steady::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        std::istringstream lines(readFile(m_outPath));
        for (std::string line; std::getline(lines, line);)
            if (line.rfind(prefix, 0) == 0) return line;
        if (!m_reaped) {
            int st = 0;
            if (::waitpid(m_pid, &st, WNOHANG) == m_pid) {
                m_reaped = true;
                return core::Error(core::Errc::kIo,
                                   m_name + " ended (" + fromWaitStatus(st).describe() +
                                       ") before printing '" + prefix + "': " + stderrText());
            }
        }
        if (Steady::now() >= deadline)
            return core::Error(core::Errc::kIo, m_name + " printed no line starting with '" +
                                                    prefix + "' within " +
                                                    std::to_string(timeoutMs) + " ms");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void ChildProcess::signal(int sig) {
    const pid_t pid = m_pid;
    if (pid > 0 && !m_reaped) ::kill(pid, sig);
}

core::Result<ExitStatus> ChildProcess::wait(int64_t timeoutMs) {
    if (m_pid <= 0) return core::internal("wait before start");
    if (m_reaped) return core::internal("the child was already reaped");
    const auto deadline = Steady::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        int st = 0;
        const pid_t r = ::waitpid(m_pid, &st, WNOHANG);
        if (r == m_pid) {
            m_reaped = true;
            return fromWaitStatus(st);
        }
        if (r < 0 && errno != EINTR)
            return core::Error(core::Errc::kIo, std::string("waitpid: ") + std::strerror(errno));
        if (Steady::now() >= deadline) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &st, 0);
            m_reaped = true;
            return core::Error(core::Errc::kIo, m_name + " did not end within " +
                                                    std::to_string(timeoutMs) + " ms; killed it");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

bool ChildProcess::exited() const {
    if (m_pid <= 0) return false;
    if (m_reaped) return true;
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(m_pid.load()), &info, WEXITED | WNOHANG | WNOWAIT) != 0)
        return false;
    return info.si_pid == m_pid;
}

std::string ChildProcess::stdoutText() const {
    return readFile(m_outPath);
}
std::string ChildProcess::stderrText() const {
    return readFile(m_errPath);
}

core::Result<RunResult> runProcess(const std::vector<std::string>& args,
                                   const std::string& logPrefix, int64_t timeoutMs) {
    ChildProcess child;
    FC_TRY(child.start(args, logPrefix));
    FC_ASSIGN(ExitStatus st, child.wait(timeoutMs));
    return RunResult{st, child.stdoutText(), child.stderrText()};
}

}  // namespace fc::test
