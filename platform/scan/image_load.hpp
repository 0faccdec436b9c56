// Loading a picture file as a grey frame in this process (stb_image): PNG and JPEG, with a size
// limit against decompression bombs. Files from outside go through loadImageIsolated
// (isolate.hpp), which runs this in a child process.
//
//   FC_ASSIGN(Frame f, loadImageFile("label.png"));
#pragma once

#include <cstdint>
#include <string>

#include "platform/scan/frame.hpp"
#include "shared/core/result.hpp"

namespace fc::platform {

// Largest picture accepted from a file (width x height), to refuse decompression bombs.
inline constexpr int64_t kMaxImagePixels = 50'000'000;

// Loads an image file as a grey frame in this process (stb_image). Prefer loadImageIsolated
// (isolate.hpp) for files from outside: a crafted file could crash an image decoder.
core::Result<Frame> loadImageFile(const std::string& path, int64_t timestampMs = 0);
// The same from bytes in memory; `name` is used in messages. `colour`: an RGB frame (photos).
core::Result<Frame> loadImageBytes(const std::string& bytes, const std::string& name,
                                   int64_t timestampMs = 0, bool colour = false);

}  // namespace fc::platform
