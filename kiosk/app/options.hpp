// The command line of `forecourt`. Usage errors exit 2 with the usage text.
//
//   ParsedArgs a = parseArgs(argc, argv);
//   if (a.action == ParsedArgs::kUsageError) { std::cerr << a.message; return 2; }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/theme.hpp"

namespace fc::ui {

inline constexpr const char* kUsage =
    "usage: forecourt --db PATH --mode kiosk|workshop|warehouse|office [options]\n"
    "\n"
    "  --db PATH            the store database (create one with `forecourtctl --db PATH init`)\n"
    "  --mode MODE          kiosk (reception, customers), workshop (technicians),\n"
    "                       warehouse (stock), office (back office)\n"
    "  --hub URL            sync with this store hub (default: the hub the device enrolled with)\n"
    "  --camera /dev/videoN read barcodes from this camera (frames are never stored; a\n"
    "                       technician's photo of a job step is the one still kept)\n"
    "  --photos DIR         workshop: pick job photos from picture files in DIR (default:\n"
    "                       <db>.photos beside the store file)\n"
    "  --lang zh-CN|en      the language at start (default zh-CN; the header toggles it)\n"
    "  --fullscreen         use the whole primary monitor\n"
    "  --idle-reset SECONDS kiosk: back to the welcome screen after this long untouched\n"
    "                       (default 60; a countdown shows for the last 15 s)\n"
    "  --scanner-gap MS     the longest pause between a barcode scanner's keys (default 30;\n"
    "                       up to 60 for wireless scanners that stutter — people type slower)\n"
    "  --keyboard on|off    the on-screen keyboard (with pinyin) for text fields\n"
    "                       (default: on in kiosk, workshop and warehouse, off in office)\n"
    "  --size WxH           window size in pixels (default depends on the mode)\n"
    "  --screen home|gallery[:SECTION]\n"
    "                       the first screen; gallery shows every widget of the touch kit\n"
    "                       (sections: basics, keypad, plate, signature, table)\n"
    "  --screenshot FILE.png --frames N\n"
    "                       render N frames, save the last as a PNG and exit\n"
    "  --assets DIR         translations and other assets (default: $FC_ASSETS_DIR or the build's)\n"
    "  --test-state FILE    tests: after each frame, write what it showed (widgets, labels,\n"
    "                       rectangles) to FILE as JSON\n"
    "  --help               this text\n";

struct AppOptions {
    std::string dbPath;
    Mode mode = Mode::kOffice;
    std::optional<std::string> hubUrl;
    std::string language = "zh-CN";
    bool fullscreen = false;
    int width = 0;   // 0: per mode
    int height = 0;
    std::string screen = "home";
    std::optional<std::string> screenshot;
    int frames = 0;
    std::string assetsDir;  // empty: assetsDir()
    std::string camera;     // a V4L2 device for scanning; empty: none
    std::string photosDir;  // picture files to pick job photos from; empty: <db>.photos
    std::string testState;  // tests: the probe file written after each frame (app/probe.hpp)
    std::optional<int> idleResetSeconds;
    std::optional<int> scannerGapMs;
    std::optional<bool> keyboard;  // --keyboard on|off
};

struct ParsedArgs {
    enum Action { kRun, kHelp, kUsageError };
    Action action = kRun;
    AppOptions options;
    std::string message;  // what was wrong (kUsageError)
};

ParsedArgs parseArgs(const std::vector<std::string>& args);  // without argv[0]
ParsedArgs parseArgs(int argc, char** argv);

}  // namespace fc::ui
