#include "tests/platform/scan/support/synth.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <stb_image_write.h>

namespace fc::test {
namespace {

ZXing::BarcodeFormat toZXing(Symbology s) {
    switch (s) {
        case Symbology::kCode128:
            return ZXing::BarcodeFormat::Code128;
        case Symbology::kCode39:
            return ZXing::BarcodeFormat::Code39;
        case Symbology::kEan13:
            return ZXing::BarcodeFormat::EAN13;
        case Symbology::kEan8:
            return ZXing::BarcodeFormat::EAN8;
        case Symbology::kUpcA:
            return ZXing::BarcodeFormat::UPCA;
        case Symbology::kUpcE:
            return ZXing::BarcodeFormat::UPCE;
        case Symbology::kQrCode:
            return ZXing::BarcodeFormat::QRCode;
        case Symbology::kDataMatrix:
            return ZXing::BarcodeFormat::DataMatrix;
    }
    return ZXing::BarcodeFormat::None;
}

bool linear(Symbology s) {
    return s != Symbology::kQrCode && s != Symbology::kDataMatrix;
}

uint8_t clampByte(double v) {
    return static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L));
}

}  // namespace

Frame makeCode(Symbology symbology, const std::string& content, int module, int barHeight) {
    ZXing::MultiFormatWriter writer(toZXing(symbology));
    writer.setMargin(0);
    if (symbology == Symbology::kQrCode || symbology == Symbology::kDataMatrix)
        writer.setEncoding(ZXing::CharacterSet::UTF8);
    // width/height 0: the writer's natural size, one pixel per module.
    const ZXing::BitMatrix bits = writer.encode(content, 0, 0);
    // The white label around the code: the quiet zone the standards ask for (10 modules beside
    // a 1D code, 4 around a QR / DataMatrix) and a little above and below a 1D code.
    const bool oneD = linear(symbology);
    const int qx = oneD ? 10 : 4;
    const int qy = oneD ? 2 : 4;
    const int mw = bits.width();
    const int mh = oneD ? 1 : bits.height();
    const int w = (mw + 2 * qx) * module;
    // Bars at least 15% of the symbol's length, as ISO/IEC 16388 recommends for Code 39.
    const int bars = barHeight > 0 ? barHeight : std::max(60, (mw + 2 * qx) * module * 15 / 100);
    const int h = oneD ? bars + 2 * qy * module : (mh + 2 * qy) * module;
    Frame f = Frame::grey(w, h, 255);
    for (int y = qy * module; y < h - qy * module; ++y) {
        const int my = oneD ? 0 : y / module - qy;
        for (int x = qx * module; x < w - qx * module; ++x)
            if (bits.get(x / module - qx, my)) f.row(y)[x] = 0;
    }
    return f;
}

Frame blur(const Frame& g, int radius) {
    Frame tmp = g;
    Frame out = g;
    const int n = 2 * radius + 1;
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) {
            int s = 0;
            for (int d = -radius; d <= radius; ++d)
                s += g.row(y)[std::clamp(x + d, 0, g.width - 1)];
            tmp.row(y)[x] = static_cast<uint8_t>(s / n);
        }
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) {
            int s = 0;
            for (int d = -radius; d <= radius; ++d)
                s += tmp.row(std::clamp(y + d, 0, g.height - 1))[x];
            out.row(y)[x] = static_cast<uint8_t>(s / n);
        }
    return out;
}

Frame addNoise(const Frame& g, int amplitude, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> dist(-amplitude, amplitude);
    Frame out = g;
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x)
            out.row(y)[x] = static_cast<uint8_t>(std::clamp(g.row(y)[x] + dist(rng), 0, 255));
    return out;
}

Frame contrast(const Frame& g, uint8_t dark, uint8_t light) {
    Frame out = g;
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x)
            out.row(y)[x] = static_cast<uint8_t>(dark + (light - dark) * g.row(y)[x] / 255);
    return out;
}

Frame rotateQuarter(const Frame& g, int quarterTurns) {
    const int q = ((quarterTurns % 4) + 4) % 4;
    if (q == 0) return g;
    Frame out = q == 2 ? Frame::grey(g.width, g.height) : Frame::grey(g.height, g.width);
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) {
            const uint8_t v = g.row(y)[x];
            if (q == 1) out.row(x)[g.height - 1 - y] = v;
            if (q == 2) out.row(g.height - 1 - y)[g.width - 1 - x] = v;
            if (q == 3) out.row(g.width - 1 - x)[y] = v;
        }
    return out;
}

Frame rotate(const Frame& g, double degrees, uint8_t background) {
    const double a = degrees * std::numbers::pi / 180.0;
    const double c = std::cos(a);
    const double s = std::sin(a);
    const int w = static_cast<int>(std::ceil(std::abs(g.width * c) + std::abs(g.height * s)));
    const int h = static_cast<int>(std::ceil(std::abs(g.width * s) + std::abs(g.height * c)));
    Frame out = Frame::grey(w, h, background);
    const double cx = g.width / 2.0, cy = g.height / 2.0, ox = w / 2.0, oy = h / 2.0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            // Inverse rotation of the output pixel centre into the source.
            const double dx = x + 0.5 - ox, dy = y + 0.5 - oy;
            const double sx = c * dx - s * dy + cx - 0.5;
            const double sy = s * dx + c * dy + cy - 0.5;
            if (sx < -0.5 || sy < -0.5 || sx > g.width - 0.5 || sy > g.height - 0.5) continue;
            const int x0 = std::clamp(static_cast<int>(std::floor(sx)), 0, g.width - 1);
            const int y0 = std::clamp(static_cast<int>(std::floor(sy)), 0, g.height - 1);
            const int x1 = std::min(x0 + 1, g.width - 1), y1 = std::min(y0 + 1, g.height - 1);
            const double fx = std::clamp(sx - x0, 0.0, 1.0), fy = std::clamp(sy - y0, 0.0, 1.0);
            const double v = (1 - fy) * ((1 - fx) * g.row(y0)[x0] + fx * g.row(y0)[x1]) +
                             fy * ((1 - fx) * g.row(y1)[x0] + fx * g.row(y1)[x1]);
            out.row(y)[x] = clampByte(v);
        }
    return out;
}

Frame emptyScene(int width, int height, uint32_t noiseSeed) {
    Frame f = Frame::grey(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            f.row(y)[x] = static_cast<uint8_t>(70 + 60 * x / width + 40 * y / height);
    return noiseSeed ? addNoise(f, 12, noiseSeed) : f;
}

Frame place(const Frame& picture, int width, int height, int x, int y, uint32_t noiseSeed) {
    Frame f = emptyScene(width, height, 0);
    for (int py = 0; py < picture.height; ++py) {
        const int ty = y + py;
        if (ty < 0 || ty >= height) continue;
        for (int px = 0; px < picture.width; ++px) {
            const int tx = x + px;
            if (tx >= 0 && tx < width) f.row(ty)[tx] = picture.row(py)[px];
        }
    }
    return noiseSeed ? addNoise(f, 12, noiseSeed) : f;
}

Frame placeCentred(const Frame& picture, int width, int height, uint32_t noiseSeed) {
    return place(picture, width, height, (width - picture.width) / 2, (height - picture.height) / 2,
                 noiseSeed);
}

bool writePng(const Frame& g, const std::string& path) {
    return stbi_write_png(path.c_str(), g.width, g.height, fc::platform::bytesPerPixel(g.format), g.pixels.data(),
                          g.stride) != 0;
}

bool writeJpeg(const Frame& g, const std::string& path, int quality) {
    return stbi_write_jpg(path.c_str(), g.width, g.height, 1, g.pixels.data(), quality) != 0;
}

std::string encodeJpeg(const Frame& g, int quality) {
    std::string out;
    stbi_write_jpg_to_func(
        [](void* ctx, void* data, int size) {
            static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                                   static_cast<size_t>(size));
        },
        &out, g.width, g.height, 1, g.pixels.data(), quality);
    return out;
}

}  // namespace fc::test
