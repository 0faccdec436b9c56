// Where pictures to scan come from: a V4L2 camera (/dev/videoN, YUYV or MJPEG, delivered as grey)
// or image files (PNG, JPEG; also BMP, GIF, TGA, PNM). Both give Frames; the scan pipeline does
// not care which. Camera frames stay in memory and are never written anywhere.
//
//   auto camera = makeV4l2Camera("/dev/video0");
//   if (auto s = camera->open(); !s) show(s.error());        // "camera /dev/video0 not found ..."
//   while (auto f = camera->next()) { if (!*f) break; pipeline.submitLive(std::move(**f)); }
//
//   ImageFileSource files({"a.png", "b.jpg"}, clock);
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/scan/frame.hpp"
#include "platform/scan/isolate.hpp"
#include "shared/core/clock.hpp"
#include "shared/core/result.hpp"

namespace fc::platform {

class FrameSource {
public:
    virtual ~FrameSource() = default;

    // For messages: "/dev/video0", "image files".
    virtual std::string name() const = 0;
    // Live sources (cameras) are scanned latest-frame-wins with the fast pass first; still
    // sources (files) are queued and scanned thoroughly.
    virtual bool live() const = 0;

    virtual core::Status open() = 0;
    // The next frame, blocking up to the source's timeout. nullopt: no more frames (the end of
    // the files, or a closed camera). An error concerns one frame (an unreadable file, a camera
    // that gave no picture in time): call next() again to go on.
    virtual core::Result<std::optional<Frame>> next() = 0;
    virtual void close() = 0;
    // Frames from now on in colour (RGB) where the source can give them: a camera while a photo
    // is being taken. Off again: grey, which is all the scanner needs. Any thread.
    virtual void setColour(bool) {}
};

// [SECTION] camera (V4L2)

struct CameraOptions {
    int width = 1280;  // asked for; the driver may choose a nearby size
    int height = 720;
    int buffers = 4;
    int frameTimeoutMs = 2000;
};

// Always compiled. open() fails with a clear error when the device does not exist, is not a
// camera, is busy or offers neither YUYV nor MJPEG.
std::unique_ptr<FrameSource> makeV4l2Camera(std::string device, CameraOptions options = {});

// One MJPEG camera frame → grey (or RGB when `colour`). UVC cameras leave out the JPEG Huffman
// tables (they use the standard ones); they are put back before decoding. Exposed for tests.
core::Result<Frame> decodeMjpeg(const uint8_t* data, size_t size, int64_t timestampMs, bool colour = false);

// One YUYV (YUV 4:2:2) camera frame → grey: the Y bytes.
Frame yuyvToGrey(const uint8_t* data, int width, int height, int bytesPerLine, int64_t timestampMs);
// The same in colour (BT.601, full range as UVC cameras send it), for photos.
Frame yuyvToRgb(const uint8_t* data, int width, int height, int bytesPerLine, int64_t timestampMs);

// [SECTION] image files

// Image files in order, each loaded in a child process (isolate.hpp) so a bad file is an error
// for that file only. Frames are stamped with `clock`.
class ImageFileSource final : public FrameSource {
public:
    ImageFileSource(std::vector<std::string> paths, const core::Clock& clock,
                    IsolationOptions isolation = {});

    std::string name() const override { return "image files"; }
    bool live() const override { return false; }
    core::Status open() override;
    core::Result<std::optional<Frame>> next() override;
    void close() override { m_next = m_paths.size(); }
    // The file the last next() was about.
    const std::string& currentPath() const { return m_current; }

private:
    std::vector<std::string> m_paths;
    const core::Clock& m_clock;
    IsolationOptions m_isolation;
    size_t m_next = 0;
    std::string m_current;
};

}  // namespace fc::platform
