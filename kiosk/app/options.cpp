#include "kiosk/app/options.hpp"

#include <charconv>

#include "kiosk/i18n/i18n.hpp"

namespace fc::ui {

namespace {

ParsedArgs usageError(std::string message) {
    ParsedArgs p;
    p.action = ParsedArgs::kUsageError;
    p.message = std::move(message);
    return p;
}

bool parseInt(const std::string& s, int& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

ParsedArgs parseArgs(const std::vector<std::string>& args) {
    ParsedArgs p;
    AppOptions& o = p.options;
    bool haveMode = false;
    bool haveFrames = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) -> bool {
            if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) return false;
            out = args[++i];
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            p.action = ParsedArgs::kHelp;
            return p;
        } else if (a == "--db") {
            if (!value(o.dbPath)) return usageError("--db needs a path");
        } else if (a == "--mode") {
            if (!value(v)) return usageError("--mode needs one of kiosk, workshop, warehouse, office");
            auto m = parseMode(v);
            if (!m) return usageError("unknown mode '" + v + "' (kiosk, workshop, warehouse or office)");
            o.mode = *m;
            haveMode = true;
        } else if (a == "--hub") {
            if (!value(v)) return usageError("--hub needs a URL such as http://192.168.1.10:8787");
            if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
                return usageError("--hub needs an http:// or https:// URL, not '" + v + "'");
            o.hubUrl = v;
        } else if (a == "--camera") {
            if (!value(v)) return usageError("--camera needs a V4L2 device such as /dev/video0");
            o.camera = v;
        } else if (a == "--photos") {
            if (!value(v)) return usageError("--photos needs a folder of picture files");
            o.photosDir = v;
        } else if (a == "--lang") {
            if (!value(v)) return usageError("--lang needs zh-CN or en");
            bool known = false;
            for (const auto& l : supportedLanguages()) known = known || l == v;
            if (!known) return usageError("unknown language '" + v + "' (zh-CN or en)");
            o.language = v;
        } else if (a == "--fullscreen") {
            o.fullscreen = true;
        } else if (a == "--size") {
            if (!value(v)) return usageError("--size needs WIDTHxHEIGHT, e.g. 1280x800");
            const size_t x = v.find('x');
            if (x == std::string::npos || !parseInt(v.substr(0, x), o.width) ||
                !parseInt(v.substr(x + 1), o.height) || o.width < 320 || o.height < 240 ||
                o.width > 16384 || o.height > 16384)
                return usageError("--size needs WIDTHxHEIGHT between 320x240 and 16384x16384, not '" + v + "'");
        } else if (a == "--screen") {
            static const char* const kScreens[] = {"home", "gallery", "gallery:basics", "gallery:keypad",
                                                   "gallery:plate", "gallery:signature", "gallery:table"};
            bool known = false;
            if (value(o.screen))
                for (const char* s : kScreens) known = known || o.screen == s;
            if (!known)
                return usageError("--screen needs home or gallery[:basics|keypad|plate|signature|table]");
        } else if (a == "--screenshot") {
            if (!value(v)) return usageError("--screenshot needs a file name ending in .png");
            if (v.size() < 5 || v.substr(v.size() - 4) != ".png")
                return usageError("--screenshot writes PNG: the file name must end in .png");
            o.screenshot = v;
        } else if (a == "--frames") {
            if (!value(v) || !parseInt(v, o.frames) || o.frames < 1 || o.frames > 100000)
                return usageError("--frames needs a number of frames from 1 to 100000");
            haveFrames = true;
        } else if (a == "--idle-reset") {
            int seconds = 0;
            if (!value(v) || !parseInt(v, seconds) || seconds < 5 || seconds > 3600)
                return usageError("--idle-reset needs a number of seconds from 5 to 3600");
            o.idleResetSeconds = seconds;
        } else if (a == "--scanner-gap") {
            int ms = 0;
            if (!value(v) || !parseInt(v, ms) || ms < 15 || ms > 60)
                return usageError("--scanner-gap needs a number of milliseconds from 15 to 60");
            o.scannerGapMs = ms;
        } else if (a == "--keyboard") {
            if (!value(v) || (v != "on" && v != "off")) return usageError("--keyboard needs on or off");
            o.keyboard = v == "on";
        } else if (a == "--test-state") {
            if (!value(o.testState)) return usageError("--test-state needs a file name");
        } else if (a == "--assets") {
            if (!value(o.assetsDir)) return usageError("--assets needs a directory");
        } else {
            return usageError("unknown argument '" + a + "'");
        }
    }
    if (o.dbPath.empty()) return usageError("--db PATH is required");
    if (!haveMode) return usageError("--mode is required (kiosk, workshop, warehouse or office)");
    if (haveFrames && !o.screenshot) return usageError("--frames goes with --screenshot FILE.png");
    if (o.screenshot && !haveFrames) o.frames = 5;
    return p;
}

ParsedArgs parseArgs(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    return parseArgs(args);
}

}  // namespace fc::ui
