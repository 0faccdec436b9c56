// Synthetic pictures for scanning tests and benchmarks: codes written by ZXing's own writer
// (MultiFormatWriter), then degraded the way a camera degrades them. Everything is deterministic
// (seeded noise).
//
//   Frame code = makeCode(Symbology::kCode128, "FC-0042");            // black on white
//   Frame f = placeCentred(blur(code, 1), 1280, 720, /*noiseSeed=*/7);
#pragma once

#include <cstdint>
#include <string>

#include "platform/scan/codes.hpp"
#include "platform/scan/frame.hpp"

namespace fc::test {

using platform::Frame;
using platform::Symbology;

// The code alone on a white label with its quiet zone, `module` pixels per module; 1D bars
// `barHeight` tall (0: 15% of the symbol's length, at least 60 px). Throws when ZXing's writer
// refuses the content.
Frame makeCode(Symbology symbology, const std::string& content, int module = 3, int barHeight = 0);

// Box blur with the given radius (1 → 3x3).
Frame blur(const Frame& grey, int radius);
// Adds uniform noise in [-amplitude, amplitude], clamped.
Frame addNoise(const Frame& grey, int amplitude, uint32_t seed);
// Maps black/white to dark/light (low contrast: e.g. 90 and 150).
Frame contrast(const Frame& grey, uint8_t dark, uint8_t light);
// Quarter turns clockwise (exact).
Frame rotateQuarter(const Frame& grey, int quarterTurns);
// Any angle (degrees, counter-clockwise), bilinear, canvas grown to fit, corners `background`.
Frame rotate(const Frame& grey, double degrees, uint8_t background = 255);
// `picture` pasted at (x, y) in a width x height grey scene: a mid-grey textured background
// (gentle gradient) plus optional noise (noiseSeed 0: none).
Frame place(const Frame& picture, int width, int height, int x, int y, uint32_t noiseSeed = 0);
Frame placeCentred(const Frame& picture, int width, int height, uint32_t noiseSeed = 0);
// A scene with no code: gradient and noise (noiseSeed 0: plain gradient).
Frame emptyScene(int width, int height, uint32_t noiseSeed);

// Writes a frame as PNG (grey or RGB) / a grey frame as JPEG (stb_image_write); false on failure.
bool writePng(const Frame& grey, const std::string& path);
bool writeJpeg(const Frame& grey, const std::string& path, int quality = 90);
// The same JPEG bytes in memory.
std::string encodeJpeg(const Frame& grey, int quality = 90);

}  // namespace fc::test
