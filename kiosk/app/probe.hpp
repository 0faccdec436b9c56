// The test probe: what the last drawn frame showed, as JSON, for tests that drive the real binary
// in a real window (`forecourt --test-state FILE`). It describes the frame that is on the screen —
// written after each frame is rendered, never because someone asked — so a test that taps with
// xdotool and waits for the result sees exactly what a person would see, lag included.
//
//   {"frame": 41, "width": 1280, "height": 800, "mode": "kiosk", "language": "zh-CN",
//    "screen": "自助签到", "depth": 2,
//    "widgets": [{"label": "确定", "scope": "checkin/plate", "kind": "button", "enabled": true,
//                 "x0": …, "y0": …, "x1": …, "y1": …, "full": true}, …]}
//
// Labels are what is on screen: customer-facing screens show only masked personal data, and the
// file is written only when the flag is given (tests).
#pragma once

#include <string>

#include "shared/core/result.hpp"

namespace fc::ui {

class App;

// The last frame as JSON (see above).
std::string probeJson(App& app);
// Writes probeJson() to `path` atomically (a temporary file renamed over it).
core::Status writeProbe(App& app, const std::string& path);

}  // namespace fc::ui
