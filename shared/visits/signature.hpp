// A customer's signature from the kiosk's signature pad, stored compactly in the visit record:
// the strokes scaled to a box 1000 wide (height keeps the pad's aspect), as integer SVG path data
// with relative line segments. It is personal data: keep it in the visit, never log it.
//
//   SignatureInput pad{.width = 800, .height = 300, .strokes = {{{10, 20}, {15, 24}, …}}};
//   FC_ASSIGN(std::string stored, encodeSignature(pad));
//     // {"v":1,"w":1000,"h":375,"d":"M13 25l6 5 …"}
//   FC_ASSIGN(SignatureStrokes s, decodeSignature(stored));   // for drawing it again
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace fc::core {

struct PadPoint {
    float x = 0;  // pad pixels, origin top left
    float y = 0;
};

struct SignatureInput {
    float width = 0;  // the pad's size in the same units as the points
    float height = 0;
    std::vector<std::vector<PadPoint>> strokes;  // pen down … pen up
};

struct SignatureStrokes {
    int width = 1000;
    int height = 0;
    std::vector<std::vector<std::pair<int, int>>> strokes;  // in the stored box
};

constexpr int kSignatureBox = 1000;
constexpr size_t kMaxSignaturePoints = 6000;
constexpr size_t kMaxSignatureBytes = 48 * 1024;

// Errors: no pad size, not a number, nothing drawn (fewer than two distinct points), too many
// points. Points outside the pad are clamped to its edge.
Result<std::string> encodeSignature(const SignatureInput& input);
Result<SignatureStrokes> decodeSignature(std::string_view stored);

}  // namespace fc::core
