// forecourtctl scan FILE... — reads the barcodes in picture files with the pipeline the app uses
// for still images: the thorough pass, each file loaded and decoded in a child process, so a
// picture that crashes the decoder is reported and skipped while the other files go on.
//
//   forecourtctl scan label.png shelf.jpg
//   label.png: EAN-13 6901234567892
//   shelf.jpg: none
#include <chrono>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "platform/scan/pipeline.hpp"
#include "tools/forecourtctl/cli.hpp"

namespace fc::ctl {

int cmdScan(Args& args);

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

int scanUsageError(const std::string& message) {
    std::cerr << "forecourtctl: " << message << "\n"
              << "Try 'forecourtctl --help'.\n";
    return kExitUsage;
}

// One line per code: control characters (QR codes may hold line breaks) are written as \n, \r,
// \t or \xHH and a backslash as \\; UTF-8 text is written as it is.
std::string printable(const std::string& text) {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += ch;
        }
    }
    return out;
}

}  // namespace

int cmdScan(Args& args) {
    const bool raw = args.flag("--raw");
    std::vector<std::string> files;
    while (auto f = args.next()) files.push_back(*f);
    if (auto e = args.leftoverError()) return scanUsageError(*e);
    if (files.empty()) return scanUsageError("scan needs at least one picture file");

    try {
        platform::ScanPipeline pipeline(platform::ScanPipeline::Options{});
        for (const std::string& f : files) pipeline.submitImageFile(f);
        pipeline.waitIdle(std::chrono::hours(24));
        std::vector<platform::ScanEvent> events = pipeline.drain();
        // One event per file, in the order submitted (the worker keeps the order).
        int status = kExitOk;
        for (const platform::ScanEvent& e : events) {
            if (e.error) {
                std::cerr << "forecourtctl: " << e.error->message << "\n";
                status = kExitFailed;
                continue;
            }
            if (e.codes.empty()) {
                std::cout << e.source << ": none\n";
                continue;
            }
            for (const platform::Code& c : e.codes)
                std::cout << e.source << ": " << platform::symbologyName(c.symbology) << " "
                          << printable(raw ? c.raw : c.text) << "\n";
        }
        if (events.size() != files.size()) {
            std::cerr << "forecourtctl: scan: " << files.size() - events.size()
                      << " file(s) got no answer\n";
            status = kExitFailed;
        }
        return status;
    } catch (const std::exception& e) {
        std::cerr << "forecourtctl: internal error: " << e.what() << "\n";
        return kExitFailed;
    }
}

}  // namespace fc::ctl
