// A picture to scan: grey or RGB pixels with their size, row stride and capture time, plus the
// few pixel operations the decoder needs (to grey, box downscale, 2x upscale with a quiet zone,
// a tiny thumbnail for steadiness). Frames live in memory only; nothing here writes them anywhere.
//
//   Frame f = Frame::grey(1280, 720);          // all black, stride 1280
//   Frame small = downscaleBox(toGrey(f), 2);  // 640x360
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fc::platform {

enum class PixelFormat : uint8_t {
    kGrey = 1,  // 1 byte per pixel
    kRgb = 3,   // 3 bytes per pixel, R G B
};

inline int bytesPerPixel(PixelFormat f) {
    return static_cast<int>(f);
}

struct Frame {
    int width = 0;
    int height = 0;
    int stride = 0;  // bytes from one row to the next (>= width * bytesPerPixel)
    PixelFormat format = PixelFormat::kGrey;
    std::vector<uint8_t> pixels;  // height * stride bytes
    int64_t timestampMs = 0;      // when it was captured, on the source's clock

    static Frame grey(int w, int h, uint8_t fill = 0);
    static Frame rgb(int w, int h, uint8_t fill = 0);

    bool empty() const { return width <= 0 || height <= 0; }
    // True when the size, stride and pixel count agree (checked before decoding).
    bool wellFormed() const;
    uint8_t* row(int y) { return pixels.data() + static_cast<size_t>(y) * stride; }
    const uint8_t* row(int y) const { return pixels.data() + static_cast<size_t>(y) * stride; }
};

// Grey copy with stride == width (a grey, already compact frame is copied as is).
Frame toGrey(const Frame& frame);

// Averages factor x factor blocks of a grey frame (factor >= 1; 1 copies).
Frame downscaleBox(const Frame& grey, int factor);

// Bilinear 2x enlargement of a grey frame surrounded by `pad` white pixels (a quiet zone), for
// small pictures whose modules are one or two pixels wide.
Frame upscale2x(const Frame& grey, int pad);

// Turned by `degrees` (counter-clockwise), bilinear, on a canvas grown to hold all of it; the
// corners are white. For 1D codes tilted more than their scan lines tolerate.
Frame rotateGrey(const Frame& grey, double degrees);

// Mean grey level of a cols x rows grid of blocks: a cheap fingerprint to compare frames.
std::vector<uint8_t> thumbnail(const Frame& grey, int cols, int rows);

}  // namespace fc::platform
