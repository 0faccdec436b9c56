// Running a command line from a test (pdftotext, pdftoppm, unzip, forecourtctl): its exit status,
// what it printed, and — given a file for it — what it printed on standard error.
//
//   auto r = fc::test::runCommand("pdftotext " + fc::test::shellQuote(pdf) + " -");
//   auto c = fc::test::runCommand(ctl + " labels …", dir.file("stderr.txt"));   // c.err too
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace fc::test {

// Single-quotes for the shell.
inline std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct CommandResult {
    int status = -1;  // the exit status; -1 when it did not run or did not exit
    std::string out;
    std::string err;  // with an error file only
};

// `command` through /bin/sh; its standard error to `errFile` (read back into err) when given,
// otherwise where the command line sends it.
inline CommandResult runCommand(const std::string& command, const std::string& errFile = "") {
    CommandResult r;
    FILE* p = popen((errFile.empty() ? command : command + " 2>" + shellQuote(errFile)).c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    if (!errFile.empty()) {
        std::ifstream e(errFile, std::ios::binary);
        std::stringstream ss;
        ss << e.rdbuf();
        r.err = ss.str();
    }
    return r;
}

}  // namespace fc::test
