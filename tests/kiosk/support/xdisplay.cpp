#include "tests/kiosk/support/xdisplay.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace fc::test {

int runShell(const std::string& cmd) {
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

bool XDisplay::haveXvfb() { return runShell("command -v Xvfb >/dev/null 2>&1") == 0; }
bool XDisplay::haveXdotool() { return runShell("command -v xdotool >/dev/null 2>&1") == 0; }

XDisplay::XDisplay(int width, int height) {
    if (!haveXvfb()) {
        error_ = "Xvfb is not installed (apt-get install xvfb)";
        return;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        error_ = "pipe failed";
        return;
    }
    const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    const std::string fd = std::to_string(fds[1]);
    pid_ = fork();
    if (pid_ == 0) {
        close(fds[0]);
        // Quiet: Xvfb prints font-path and xkb warnings nobody needs in a test log.
        const int null = open("/dev/null", O_WRONLY);
        if (null >= 0) dup2(null, 2);
        execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", screen.c_str(), "-nolisten", "tcp",
               "-noreset", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    if (pid_ < 0) {
        close(fds[0]);
        error_ = "fork failed";
        return;
    }
    // Xvfb writes the display number and a newline once it accepts connections.
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    while (number.find('\n') == std::string::npos && poll(&p, 1, 20000) > 0) {
        char buf[32];
        const ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        number.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    if (number.find('\n') == std::string::npos) {
        error_ = "Xvfb did not report a display within 20 s";
        return;
    }
    number.erase(number.find('\n'));
    name_ = ":" + number;
}

XDisplay::~XDisplay() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
}

int XDisplay::run(const std::string& cmd) const { return runShell(env() + cmd); }

}  // namespace fc::test
