#include "platform/scan/frame.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <numbers>

namespace fc::platform {

Frame Frame::grey(int w, int h, uint8_t fill) {
    Frame f;
    f.width = w;
    f.height = h;
    f.stride = w;
    f.format = PixelFormat::kGrey;
    f.pixels.assign(static_cast<size_t>(w) * static_cast<size_t>(h), fill);
    return f;
}

Frame Frame::rgb(int w, int h, uint8_t fill) {
    Frame f;
    f.width = w;
    f.height = h;
    f.stride = w * 3;
    f.format = PixelFormat::kRgb;
    f.pixels.assign(static_cast<size_t>(f.stride) * static_cast<size_t>(h), fill);
    return f;
}

bool Frame::wellFormed() const {
    if (width <= 0 || height <= 0) return false;
    if (format != PixelFormat::kGrey && format != PixelFormat::kRgb) return false;
    const int64_t minStride = static_cast<int64_t>(width) * bytesPerPixel(format);
    if (stride < minStride) return false;
    return pixels.size() >= static_cast<size_t>(stride) * static_cast<size_t>(height - 1) +
                                static_cast<size_t>(minStride);
}

Frame toGrey(const Frame& frame) {
    assert(frame.wellFormed() && "toGrey on a malformed frame");
    Frame out = Frame::grey(frame.width, frame.height);
    out.timestampMs = frame.timestampMs;
    for (int y = 0; y < frame.height; ++y) {
        const uint8_t* src = frame.row(y);
        uint8_t* dst = out.row(y);
        if (frame.format == PixelFormat::kGrey) {
            std::memcpy(dst, src, static_cast<size_t>(frame.width));
            continue;
        }
        for (int x = 0; x < frame.width; ++x, src += 3) {
            // ITU-R BT.601 luma, the weights ZXing uses.
            dst[x] =
                static_cast<uint8_t>((306u * src[0] + 601u * src[1] + 117u * src[2] + 512u) >> 10);
        }
    }
    return out;
}

Frame downscaleBox(const Frame& grey, int factor) {
    assert(grey.format == PixelFormat::kGrey && factor >= 1 &&
           "downscaleBox needs grey, factor >= 1");
    if (factor <= 1) return grey;
    const int w = grey.width / factor;
    const int h = grey.height / factor;
    Frame out = Frame::grey(std::max(w, 1), std::max(h, 1));
    out.timestampMs = grey.timestampMs;
    if (w == 0 || h == 0) return out;
    const uint32_t area = static_cast<uint32_t>(factor * factor);
    std::vector<uint32_t> sums(static_cast<size_t>(w));
    for (int oy = 0; oy < h; ++oy) {
        std::fill(sums.begin(), sums.end(), 0u);
        for (int dy = 0; dy < factor; ++dy) {
            const uint8_t* src = grey.row(oy * factor + dy);
            if (factor == 2) {
                for (size_t ox = 0; ox < sums.size(); ++ox)
                    sums[ox] += src[2 * ox] + src[2 * ox + 1];
            } else {
                for (int ox = 0; ox < w; ++ox) {
                    const uint8_t* p = src + static_cast<ptrdiff_t>(ox) * factor;
                    uint32_t s = 0;
                    for (int dx = 0; dx < factor; ++dx) s += p[dx];
                    sums[ox] += s;
                }
            }
        }
        uint8_t* dst = out.row(oy);
        for (int ox = 0; ox < w; ++ox) dst[ox] = static_cast<uint8_t>((sums[ox] + area / 2) / area);
    }
    return out;
}

Frame upscale2x(const Frame& grey, int pad) {
    assert(grey.format == PixelFormat::kGrey && pad >= 0 && "upscale2x needs grey");
    const int w = grey.width * 2;
    const int h = grey.height * 2;
    Frame out = Frame::grey(w + 2 * pad, h + 2 * pad, 255);
    out.timestampMs = grey.timestampMs;
    // Output pixel centre (x + 0.5) / 2 - 0.5 in source coordinates: alternating quarter offsets.
    for (int y = 0; y < h; ++y) {
        const int sy0 = std::clamp((y - 1) / 2, 0, grey.height - 1);
        const int sy1 = std::clamp(sy0 + 1, 0, grey.height - 1);
        const int wy1 = (y == 0 || y == h - 1) ? 0 : (y % 2 == 1 ? 1 : 3);  // weight of sy1 in 1/4
        const uint8_t* r0 = grey.row(sy0);
        const uint8_t* r1 = grey.row(sy1);
        uint8_t* dst = out.row(y + pad) + pad;
        for (int x = 0; x < w; ++x) {
            const int sx0 = std::clamp((x - 1) / 2, 0, grey.width - 1);
            const int sx1 = std::clamp(sx0 + 1, 0, grey.width - 1);
            const int wx1 = (x == 0 || x == w - 1) ? 0 : (x % 2 == 1 ? 1 : 3);
            const int top = r0[sx0] * (4 - wx1) + r0[sx1] * wx1;
            const int bottom = r1[sx0] * (4 - wx1) + r1[sx1] * wx1;
            dst[x] = static_cast<uint8_t>((top * (4 - wy1) + bottom * wy1 + 8) / 16);
        }
    }
    return out;
}

Frame rotateGrey(const Frame& grey, double degrees) {
    assert(grey.format == PixelFormat::kGrey && "rotateGrey needs grey");
    const double a = degrees * std::numbers::pi / 180.0;
    const double c = std::cos(a);
    const double s = std::sin(a);
    const int w = static_cast<int>(std::ceil(std::abs(grey.width * c) + std::abs(grey.height * s)));
    const int h = static_cast<int>(std::ceil(std::abs(grey.width * s) + std::abs(grey.height * c)));
    Frame out = Frame::grey(w, h, 255);
    out.timestampMs = grey.timestampMs;
    // Fixed point (16.16) walk along each output row through the source.
    const double cx = grey.width / 2.0, cy = grey.height / 2.0, ox = w / 2.0, oy = h / 2.0;
    const int64_t maxX = static_cast<int64_t>(grey.width - 1) << 16;
    const int64_t maxY = static_cast<int64_t>(grey.height - 1) << 16;
    const auto stepX = static_cast<int64_t>(std::llround(c * 65536.0));
    const auto stepY = static_cast<int64_t>(std::llround(s * 65536.0));
    for (int y = 0; y < h; ++y) {
        const double dy = y + 0.5 - oy;
        const double dx0 = 0.5 - ox;
        auto sx = static_cast<int64_t>(std::llround((c * dx0 - s * dy + cx - 0.5) * 65536.0));
        auto sy = static_cast<int64_t>(std::llround((s * dx0 + c * dy + cy - 0.5) * 65536.0));
        uint8_t* dst = out.row(y);
        for (int x = 0; x < w; ++x, sx += stepX, sy += stepY) {
            if (sx < 0 || sy < 0 || sx > maxX || sy > maxY) continue;
            const int x0 = static_cast<int>(sx >> 16), y0 = static_cast<int>(sy >> 16);
            const int x1 = std::min(x0 + 1, grey.width - 1), y1 = std::min(y0 + 1, grey.height - 1);
            const auto fx = static_cast<uint32_t>(sx & 0xffff) >> 8;  // 0..255
            const auto fy = static_cast<uint32_t>(sy & 0xffff) >> 8;
            const uint8_t* r0 = grey.row(y0);
            const uint8_t* r1 = grey.row(y1);
            const uint32_t top = r0[x0] * (256 - fx) + r0[x1] * fx;
            const uint32_t bottom = r1[x0] * (256 - fx) + r1[x1] * fx;
            dst[x] = static_cast<uint8_t>((top * (256 - fy) + bottom * fy + (1u << 15)) >> 16);
        }
    }
    return out;
}

std::vector<uint8_t> thumbnail(const Frame& grey, int cols, int rows) {
    assert(grey.format == PixelFormat::kGrey && cols > 0 && rows > 0);
    std::vector<uint8_t> out(static_cast<size_t>(cols) * static_cast<size_t>(rows), 0);
    if (grey.empty()) return out;
    // Sample every 4th pixel in each direction inside each block: plenty for a fingerprint.
    for (int by = 0; by < rows; ++by) {
        const int y0 = by * grey.height / rows;
        const int y1 = std::max(y0 + 1, (by + 1) * grey.height / rows);
        for (int bx = 0; bx < cols; ++bx) {
            const int x0 = bx * grey.width / cols;
            const int x1 = std::max(x0 + 1, (bx + 1) * grey.width / cols);
            uint32_t sum = 0;
            uint32_t n = 0;
            for (int y = y0; y < y1; y += 4) {
                const uint8_t* r = grey.row(y);
                for (int x = x0; x < x1; x += 4) {
                    sum += r[x];
                    ++n;
                }
            }
            out[static_cast<size_t>(by) * cols + bx] = static_cast<uint8_t>(n ? sum / n : 0);
        }
    }
    return out;
}

}  // namespace fc::platform
