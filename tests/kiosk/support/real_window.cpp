#include "tests/kiosk/support/real_window.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

extern char** environ;

namespace fc::test {

// [SECTION] the probe

const ProbeWidget* Probe::find(const std::string& label, const std::string& scope) const {
    const ProbeWidget* found = nullptr;
    for (const auto& w : widgets)
        if (w.label == label && w.scope.find(scope) != std::string::npos) found = &w;
    return found;
}

std::vector<std::string> Probe::clipped() const {
    std::vector<std::string> out;
    for (const auto& w : widgets) {
        const bool offScreen = w.x0 < 0 || w.y0 < 0 || w.x1 > static_cast<float>(width) + 0.5f ||
                               w.y1 > static_cast<float>(height) + 0.5f;
        if (!w.full || offScreen) out.push_back(w.label + " (" + w.scope + ")");
    }
    return out;
}

namespace {

std::optional<Probe> readProbe(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    Probe p;
    p.frame = j.value("frame", int64_t{-1});
    p.width = j.value("width", 0);
    p.height = j.value("height", 0);
    p.mode = j.value("mode", "");
    p.language = j.value("language", "");
    p.screen = j.value("screen", "");
    p.depth = j.value("depth", size_t{0});
    p.signedIn = j.value("signed_in", false);
    for (const auto& w : j.value("widgets", nlohmann::json::array())) {
        p.widgets.push_back(ProbeWidget{w.value("label", ""), w.value("scope", ""), w.value("kind", ""),
                                        w.value("enabled", true), w.value("full", true), w.value("x0", 0.0f),
                                        w.value("y0", 0.0f), w.value("x1", 0.0f), w.value("y1", 0.0f)});
    }
    return p;
}

// Runs a command and returns what it printed (first line), or "" when it failed.
std::string firstLineOf(const std::string& cmd) {
    FILE* f = popen(cmd.c_str(), "r");
    if (!f) return "";
    char buf[256] = {};
    std::string out;
    if (std::fgets(buf, sizeof buf, f)) out = buf;
    const int rc = pclose(f);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return rc == 0 ? out : "";
}

}  // namespace

bool haveRealWindowTools(std::string& missing) {
    missing.clear();
    if (!XDisplay::haveXvfb()) missing += " xvfb";
    if (!XDisplay::haveXdotool()) missing += " xdotool";
    if (runShell("command -v import >/dev/null 2>&1") != 0) missing += " imagemagick";
    return missing.empty();
}

// [SECTION] the process

RealWindow::RealWindow(const XDisplay& display, Options o, const std::string& workDir) : m_display(display) {
    if (!display.ok()) {
        m_error = "no X display: " + display.error();
        return;
    }
    m_stateFile = workDir + "/state-" + o.mode + "-" + std::to_string(o.width) + "x" + std::to_string(o.height) + ".json";
    m_logFile = m_stateFile + ".log";
    std::remove(m_stateFile.c_str());
    std::vector<std::string> args = {FC_FORECOURT_PATH, "--db", o.db, "--mode", o.mode,
                                     "--size", std::to_string(o.width) + "x" + std::to_string(o.height),
                                     "--test-state", m_stateFile};
    args.insert(args.end(), o.extra.begin(), o.extra.end());
    // The child's environment: ours, on the private display, with software GL; Mesa and GLFW
    // keep allocations until exit that LeakSanitizer reports without a stack, so leak checking is
    // off for this child only (address errors still abort).
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string kv = *e;
        if (kv.rfind("DISPLAY=", 0) == 0 || kv.rfind("ASAN_OPTIONS=", 0) == 0) continue;
        env.push_back(kv);
    }
    env.push_back("DISPLAY=" + display.name());
    env.push_back("ASAN_OPTIONS=detect_leaks=0:abort_on_error=1");
    env.push_back("LIBGL_ALWAYS_SOFTWARE=1");
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int logFd = open(m_logFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    m_pid = fork();
    if (m_pid == 0) {
        if (logFd >= 0) {
            dup2(logFd, 1);
            dup2(logFd, 2);
        }
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    if (logFd >= 0) close(logFd);
    if (m_pid < 0) {
        m_error = "fork failed";
        return;
    }
    if (!waitFor([](const Probe& p) { return p.frame >= 0; }, 60000)) {
        m_error = "the app drew no frame within 60 s:\n" + log();
        return;
    }
    m_window = firstLineOf(m_display.env() + "timeout 20 xdotool search --sync --onlyvisible --name '^Forecourt$'");
    if (m_window.empty()) m_error = "the app's window was not found with xdotool";
}

RealWindow::~RealWindow() {
    if (m_pid <= 0) return;
    kill(m_pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
        if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
}

bool RealWindow::running() const { return m_pid > 0 && waitpid(m_pid, nullptr, WNOHANG) == 0; }

std::string RealWindow::log() const {
    std::ifstream in(m_logFile);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

Probe RealWindow::probe() const { return readProbe(m_stateFile).value_or(Probe{}); }

std::optional<Probe> RealWindow::waitFor(const std::function<bool(const Probe&)>& pred, int timeoutMs) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    do {
        if (auto p = readProbe(m_stateFile); p && pred(*p)) return p;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    } while (std::chrono::steady_clock::now() < deadline && running());
    return std::nullopt;
}

std::optional<Probe> RealWindow::waitForLabel(const std::string& label, const std::string& scope, int timeoutMs) const {
    return waitFor([&](const Probe& p) { return p.has(label, scope); }, timeoutMs);
}

// [SECTION] input

bool RealWindow::xdotool(const std::string& args) const {
    return m_display.run("xdotool " + args + " >/dev/null 2>&1") == 0;
}

bool RealWindow::tap(const std::string& label, const std::string& scope) {
    m_why.clear();
    auto p = waitForLabel(label, scope);
    if (!p) {
        m_why = "'" + label + "' never showed";
        return false;
    }
    const ProbeWidget* w = p->find(label, scope);
    if (!w->full) {
        m_why = "'" + label + "' is cut off";
        return false;
    }
    if (!w->enabled) {
        m_why = "'" + label + "' is disabled";
        return false;
    }
    const int x = static_cast<int>((w->x0 + w->x1) / 2), y = static_cast<int>((w->y0 + w->y1) / 2);
    ++m_touches;
    const int64_t before = probe().frame;
    // `mousemove --sync` waits for the pointer to move: a second tap on the same spot (the 0 of
    // "00") must not ask it to.
    const std::string move = (x == m_pointerX && y == m_pointerY)
                                 ? std::string()
                                 : "mousemove --window " + m_window + " --sync " + std::to_string(x) + " " +
                                       std::to_string(y) + " ";
    m_pointerX = x;
    m_pointerY = y;
    if (!xdotool(move + "click 1")) {
        m_why = "xdotool failed";
        return false;
    }
    const auto t0 = std::chrono::steady_clock::now();
    settleAfter(before);
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (waited > 3) std::fprintf(stderr, "[harness] the app took %.1f s to settle after tapping %s\n", waited,
                                 label.c_str());
    return true;
}

bool RealWindow::wheel(const std::string& label, int clicks, const std::string& scope) {
    auto p = waitForLabel(label, scope);
    if (!p) return false;
    const ProbeWidget* w = p->find(label, scope);
    const int x = static_cast<int>((w->x0 + w->x1) / 2), y = static_cast<int>((w->y0 + w->y1) / 2);
    m_pointerX = x;
    m_pointerY = y;
    const int64_t before = probe().frame;
    const std::string button = clicks >= 0 ? "5" : "4";  // X11: 4 scrolls up, 5 down
    std::string cmd = "mousemove --window " + m_window + " --sync " + std::to_string(x) + " " + std::to_string(y);
    for (int i = 0; i < (clicks >= 0 ? clicks : -clicks); ++i) cmd += " click " + button;
    if (!xdotool(cmd)) return false;
    settleAfter(before);
    return true;
}

void RealWindow::settleAfter(int64_t frameBefore) const {
    // A person looks before the next touch: wait until the app has drawn since the input and
    // then stopped drawing (it draws until the picture settles, then sleeps). What it shows then
    // is what a person would see; a result it never drew stays unseen.
    if (!waitFor([&](const Probe& p) { return p.frame > frameBefore; }, 20000)) return;
    int64_t last = probe().frame;
    auto stableSince = std::chrono::steady_clock::now();
    const auto deadline = stableSince + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        const int64_t now = probe().frame;
        if (now != last) {
            last = now;
            stableSince = std::chrono::steady_clock::now();
        } else if (std::chrono::steady_clock::now() - stableSince > std::chrono::milliseconds(kQuietMs)) {
            return;
        }
    }
}

bool RealWindow::stroke(const std::string& label, float fromX, float fromY, float toX, float toY,
                        const std::string& scope) {
    auto p = waitForLabel(label, scope);
    if (!p) return false;
    const ProbeWidget* w = p->find(label, scope);
    auto at = [&](float fx, float fy) {
        return std::to_string(static_cast<int>(w->x0 + (w->x1 - w->x0) * fx)) + " " +
               std::to_string(static_cast<int>(w->y0 + (w->y1 - w->y0) * fy));
    };
    ++m_touches;
    m_pointerX = m_pointerY = -1;
    std::string cmd = "mousemove --window " + m_window + " --sync " + at(fromX, fromY) + " mousedown 1";
    for (int i = 1; i <= 12; ++i) {
        const float k = static_cast<float>(i) / 12.0f;
        cmd += " sleep 0.02 mousemove --window " + m_window + " " +
               at(fromX + (toX - fromX) * k, fromY + (toY - fromY) * k + (i % 2 ? 0.05f : -0.05f));
    }
    cmd += " mouseup 1";
    const int64_t before = probe().frame;
    if (!xdotool(cmd)) return false;
    settleAfter(before);
    return true;
}

void RealWindow::scanBurst(const std::string& code) {
    // One xdotool run: the keys 4 ms apart and Return right after, as a scanner sends them (a
    // typed "\n" would be Linefeed, which no scanner sends).
    const int64_t before = probe().frame;
    xdotool("type --delay 4 --terminator @@ " + shellQuote(code) + " @@ key Return");
    settleAfter(before);
}

void RealWindow::scanBursts(const std::vector<std::string>& codes, int gapMs) {
    const int64_t before = probe().frame;
    std::string args;
    char sleep[32];
    std::snprintf(sleep, sizeof sleep, " sleep %.3f ", gapMs / 1000.0);
    for (size_t i = 0; i < codes.size(); ++i)
        args += (i ? std::string(sleep) : std::string()) + "type --delay 4 --terminator @@ " + shellQuote(codes[i]) +
                " @@ key Return";
    const std::string nice = ::geteuid() == 0 ? "nice -n -10 " : "";
    m_display.run(nice + "xdotool " + args + " >/dev/null 2>&1");
    settleAfter(before);
}

bool RealWindow::screenshot(const std::string& png) const {
    return m_display.run("import -window root " + shellQuote(png) + " >/dev/null 2>&1") == 0;
}

}  // namespace fc::test
