// Job photos: a picture a technician takes on purpose for a job step (the old brake pads, the
// dashboard), from the tablet's camera or a picture file, made small and stored as a JPEG with the
// job. Nothing else from the camera is ever kept: a still is taken only when asked for, and the
// frames the scanner looks at stay in memory (frame_source.hpp).
//
//   FC_ASSIGN(Photo p, encodePhoto(frame));                 // ≤ 1280 px on the long edge, JPEG
//   FC_ASSIGN(Photo q, photoFromFileIsolated("/media/usb/IMG_0042.jpg"));   // in a child process
//   orders.addPhoto(session, orderId, "measure_pads", p.jpeg, p.width, p.height);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/scan/frame.hpp"
#include "platform/scan/isolate.hpp"
#include "shared/core/result.hpp"

namespace fc::platform {

struct PhotoOptions {
    int maxEdge = 1280;  // the long edge is scaled down to this (never up)
    int quality = 80;    // JPEG quality
};

struct Photo {
    std::string jpeg;  // the compressed picture (JFIF)
    int width = 0;
    int height = 0;
};

// A grey or RGB frame scaled down (area average) to fit `maxEdge` and compressed as JPEG.
core::Result<Photo> encodePhoto(const Frame& frame, const PhotoOptions& options = {});

// A picture file (PNG, JPEG, …) loaded in colour, scaled and compressed, all in a child process
// (isolate.hpp): the program `forecourt-photo` beside the running one, started with posix_spawn
// (the app asks from a worker thread); a crafted file is an error for that file only. Errors
// name the file.
inline constexpr const char* kPhotoWorker = "forecourt-photo";
core::Result<Photo> photoFromFileIsolated(const std::string& path, const PhotoOptions& options = {},
                                          const IsolationOptions& isolation = {});
// What `forecourt-photo PATH MAX_EDGE QUALITY` writes to its stdout (encodeIsolatedAnswer).
std::string photoWorkerAnswer(const std::string& path, const PhotoOptions& options);
// The same in this process (tests, and the child's work).
core::Result<Photo> photoFromFile(const std::string& path, const PhotoOptions& options = {});

// Picture files a photo can be picked from in `folder` (not its subfolders): names ending in
// .jpg, .jpeg or .png (any case), newest first. A missing folder is an empty list.
struct PictureFile {
    std::string path;
    std::string name;
    int64_t modifiedMs = 0;
    uint64_t bytes = 0;
};
std::vector<PictureFile> listPictureFiles(const std::string& folder);

}  // namespace fc::platform
