// Crash-proof decoding of outside pictures. Debian's ZXing is built with assertions on and image
// decoders have had crashes on crafted files, so loading a file and the thorough decode run in a
// forked child process: the child gets a copy of the frame for free (copy-on-write), decodes, and
// writes the codes back through a pipe. If it aborts, segfaults, hangs past the timeout or
// answers garbage, the caller gets an Error and carries on; the child is killed and reaped.
//
//   auto codes = decodeIsolated(frame, Pass::kThorough);
//   if (!codes) banner = codes.error().message;   // "the barcode decoder crashed (signal 6 ...)"
//
// Rules for the child (it is a fork of a possibly multi-threaded process): it only decodes in
// memory, writes to its pipe and leaves with _exit(). warmUpDecoder() runs ZXing once in the
// parent first so no lazily built table is half-initialised by another thread at fork time; the
// timeout covers whatever else could still block it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/scan/codes.hpp"
#include "platform/scan/decoder.hpp"
#include "platform/scan/frame.hpp"
#include "shared/core/result.hpp"

namespace fc::platform {

// Test hooks: make the child misbehave the way a crashing decoder would. Never set in the app.
enum class ChildFault : uint8_t {
    kNone,
    kAbort,     // abort(), like a failed ZXing assertion
    kSegfault,  // SIGSEGV
    kHang,      // never answers (the timeout must stop it)
    kGarbage,   // answers bytes that are not an answer
};

struct IsolationOptions {
    int timeoutMs = 20'000;  // a 12-megapixel photo takes well under a second
    // When set and it becomes true, the child is stopped and the call returns an error (checked
    // every 100 ms); the pipeline uses it to shut down promptly.
    const std::atomic<bool>* cancel = nullptr;
    ChildFault testFault = ChildFault::kNone;
    // Who the child is, in error messages ("the barcode decoder took longer than 20 s …").
    std::string name = "the barcode decoder";
};

// Runs `work` in a forked child and returns the bytes it produced (or the Error it returned).
// A crash, a timeout or a malformed answer is an Error with Errc::kInternal naming what happened.
core::Result<std::string> runIsolated(const std::function<core::Result<std::string>()>& work,
                                      const IsolationOptions& options = {});

// The same for a separate program (argv[0] a path): started with posix_spawn, which is safe in a
// multi-threaded process where a fork that goes on running our code is not (a lock another thread
// held at the fork — the sanitizers' allocator, for one — stays held in the child for ever). The
// program writes one answer (encodeIsolatedAnswer) to its stdout; the same timeout, crash and
// garbage handling apply. What the app does on its worker threads goes this way.
core::Result<std::string> runProgramIsolated(const std::vector<std::string>& argv,
                                             const IsolationOptions& options = {});
// What such a program writes to stdout: its result (bytes, or an error) as the parent reads it.
std::string encodeIsolatedAnswer(const core::Result<std::string>& result);
// A program installed beside the running one (build/bin/forecourt-photo beside build/bin/forecourt).
std::string siblingProgram(const std::string& name);

// decode(frame, pass) in a child.
core::Result<std::vector<Code>> decodeIsolated(const Frame& frame, Pass pass,
                                               const IsolationOptions& options = {});
// loadImageFile(path) in a child; the pixels come back through the pipe.
core::Result<Frame> loadImageIsolated(const std::string& path, int64_t timestampMs = 0,
                                      const IsolationOptions& options = {});
// Load + thorough decode of an image file, both in one child (what `forecourtctl scan` does).
core::Result<std::vector<Code>> scanImageFileIsolated(const std::string& path,
                                                      const IsolationOptions& options = {});

// The wire format between child and parent, exposed for tests.
std::string encodeCodes(const std::vector<Code>& codes);
core::Result<std::vector<Code>> decodeCodes(const std::string& bytes);
std::string encodeFrame(const Frame& frame);
core::Result<Frame> decodeFrame(const std::string& bytes);

}  // namespace fc::platform
