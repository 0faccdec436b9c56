// A private X display for tests that run the real `forecourt` binary: one Xvfb server per
// fixture, started with -displayfd so parallel tests never race for a display number (xvfb-run -a
// does, and its cleanup can fail with exit 5 when several run at once). Also drives input with
// xdotool and grabs the screen, for the real-window walk-throughs.
#pragma once

#include <string>
#include <sys/types.h>

#include "tests/support/command.hpp"

namespace fc::test {

class XDisplay {
public:
    // Starts Xvfb with one screen of width × height × 24. ok() says whether it came up; error()
    // says why not (missing package named).
    XDisplay(int width, int height);
    ~XDisplay();
    XDisplay(const XDisplay&) = delete;
    XDisplay& operator=(const XDisplay&) = delete;

    bool ok() const { return pid_ > 0 && !name_.empty(); }
    const std::string& error() const { return error_; }
    // ":N"
    const std::string& name() const { return name_; }
    // "DISPLAY=:N " to prefix shell commands with.
    std::string env() const { return "DISPLAY=" + name_ + " "; }

    // Runs a shell command with DISPLAY set; returns its exit status (or -1 when it did not exit).
    int run(const std::string& cmd) const;

    static bool haveXvfb();
    static bool haveXdotool();

private:
    pid_t pid_ = -1;
    std::string name_;
    std::string error_;
};

// Runs a shell command; returns its exit status (or -1).
int runShell(const std::string& cmd);

}  // namespace fc::test
