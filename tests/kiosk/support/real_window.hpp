// The real `forecourt` binary in a real window on a private Xvfb display, driven as a person
// would: taps and drags with xdotool, a USB scanner's burst as fast key presses, screenshots of
// the screen. What is on screen is read from the app's test probe (`--test-state`, written after
// each drawn frame), so a test sees exactly the last picture drawn: a result that is not drawn
// until the next input is a result the test never sees.
//
//   XDisplay x(1280, 800);
//   RealWindow app(x, {.db = db, .mode = "kiosk", .width = 1280, .height = 800}, dir.path());
//   ASSERT_TRUE(app.ok()) << app.error();
//   ASSERT_TRUE(app.tap("输入车牌号"));
//   ASSERT_TRUE(app.waitForLabel("京", "provinces"));
#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tests/kiosk/support/xdisplay.hpp"

namespace fc::test {

struct ProbeWidget {
    std::string label, scope, kind;
    bool enabled = true;
    bool full = true;  // not clipped by its window or the screen
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// One drawn frame, as the app's probe describes it (kiosk/app/probe.hpp).
struct Probe {
    int64_t frame = -1;
    int width = 0, height = 0;
    std::string mode, language, screen;
    size_t depth = 0;
    bool signedIn = false;
    std::vector<ProbeWidget> widgets;

    // The last drawn widget with this label whose scope contains `scope`.
    const ProbeWidget* find(const std::string& label, const std::string& scope = "") const;
    bool has(const std::string& label, const std::string& scope = "") const { return find(label, scope); }
    // Widgets not wholly on screen (cut off by the window or a panel), as "label (scope)".
    std::vector<std::string> clipped() const;
};

class RealWindow {
public:
    struct Options {
        std::string db;
        std::string mode = "kiosk";
        int width = 1280;
        int height = 800;
        std::vector<std::string> extra;  // more command-line arguments
    };

    // Starts the app and waits for its first frame (ok() tells).
    RealWindow(const XDisplay& display, Options options, const std::string& workDir);
    ~RealWindow();
    RealWindow(const RealWindow&) = delete;
    RealWindow& operator=(const RealWindow&) = delete;

    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    // The last frame drawn (an empty probe before the first).
    Probe probe() const;
    // Polls the probe until `pred` holds; the probe that satisfied it, or nothing after
    // `timeoutMs` (generous: the app runs under sanitizers and software GL).
    std::optional<Probe> waitFor(const std::function<bool(const Probe&)>& pred, int timeoutMs = 20000) const;
    std::optional<Probe> waitForLabel(const std::string& label, const std::string& scope = "",
                                      int timeoutMs = 20000) const;
    // Waits for the widget, then taps its centre with the mouse (move, press, release). False
    // when it never showed, is cut off or is disabled (`why()` says which).
    bool tap(const std::string& label, const std::string& scope = "");
    // Draws a stroke across a widget, from and to fractions of its rectangle.
    bool stroke(const std::string& label, float fromX, float fromY, float toX, float toY,
                const std::string& scope = "");
    // The mouse wheel over a widget: `clicks` notches down (negative: up), as a mouse user
    // scrolls a pane that is taller than the screen.
    bool wheel(const std::string& label, int clicks, const std::string& scope = "");
    // A keyboard-wedge scanner: the code as fast key presses, then Enter.
    void scanBurst(const std::string& code);
    // Several scans `gapMs` apart from one xdotool run, at a raised priority when the tests run
    // as root (CI): a scanner is hardware and never pauses mid-code, while xdotool on a machine
    // busy with sanitizer builds can be descheduled for longer than the wedge's 30 ms gap.
    void scanBursts(const std::vector<std::string>& codes, int gapMs);
    // Writes the whole screen as a PNG (ImageMagick's import).
    bool screenshot(const std::string& png) const;
    // Taps and strokes so far (a person's touches).
    int touches() const { return m_touches; }
    const std::string& why() const { return m_why; }
    std::string log() const;
    // The app's process is still running.
    bool running() const;

private:
    bool xdotool(const std::string& args) const;
    // After an input: until the app has drawn and then drawn nothing for kQuietMs.
    void settleAfter(int64_t frameBefore) const;
    static constexpr int kQuietMs = 250;
    const XDisplay& m_display;
    std::string m_stateFile;
    std::string m_logFile;
    pid_t m_pid = -1;
    std::string m_window;  // X window id
    std::string m_error;
    std::string m_why;
    int m_touches = 0;
    int m_pointerX = -1, m_pointerY = -1;  // where the last tap left the pointer
};

// Whether ImageMagick's `import` and xdotool are installed (the harness needs both).
bool haveRealWindowTools(std::string& missing);

}  // namespace fc::test
