// Barcode decoding with ZXing-cpp, restricted to what stores use (Code 128, Code 39, EAN-13,
// EAN-8, UPC-A, UPC-E, QR, DataMatrix), in two strengths:
//
//   fast pass      live camera frames: downscaled so the long side is at most 640 px, ZXing's
//                  try-harder and rotation off; a couple of milliseconds on a 1280x720 frame.
//   thorough pass  still images, and steady live frames the fast pass found nothing in: the
//                  full-size picture with try-harder, 90/180/270 degree rotations and ZXing's own
//                  downscaling, then a 2x enlargement with a quiet zone for small pictures.
//
// These run ZXing in the calling process. Outside pictures (files, photos) should go through
// isolate.hpp, which runs the thorough pass in a child process so a ZXing crash cannot take the
// app down.
//
//   std::vector<Code> codes = decodeFast(frame);
//   for (const Code& c : codes) use(symbologyName(c.symbology), c.text);
#pragma once

#include <vector>

#include "platform/scan/codes.hpp"
#include "platform/scan/frame.hpp"

namespace fc::platform {

enum class Pass : uint8_t { kFast, kThorough };

// Long side of the picture the fast pass decodes (frames are box-downscaled by whole factors).
inline constexpr int kFastPassMaxSide = 640;

// Both return at most one code per picture today (ZXing's single-result ReadBarcode; see the
// .cpp for why not ReadBarcodes). Malformed frames give no codes.
std::vector<Code> decodeFast(const Frame& frame);
std::vector<Code> decodeThorough(const Frame& frame);
std::vector<Code> decode(const Frame& frame, Pass pass);

// Reads ZXing once so its lazily built tables exist before any fork() (see isolate.hpp).
void warmUpDecoder();

}  // namespace fc::platform
