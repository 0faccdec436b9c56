// Is the camera picture holding still? Compares a 32x18 block-average thumbnail of each frame with
// the previous one; when the mean difference stays small for a few frames, the picture is steady
// and worth a thorough decode. Costs a fraction of a millisecond on a 1280x720 frame.
//
//   SteadinessMeter steady;
//   if (codes.empty() && steady.update(grey)) codes = thorough(grey);
#pragma once

#include <cstdint>
#include <vector>

#include "platform/scan/frame.hpp"

namespace fc::platform {

class SteadinessMeter {
public:
    struct Options {
        int cols = 32;
        int rows = 18;
        double maxMeanDifference = 3.0;  // grey levels (of 255), averaged over the thumbnail
        int minSteadyFrames = 2;         // consecutive small differences needed
    };

    SteadinessMeter() : SteadinessMeter(Options{}) {}
    explicit SteadinessMeter(Options options) : m_options(options) {}

    // Feeds the next grey frame; true when the picture has been steady long enough.
    bool update(const Frame& grey);
    // Mean absolute difference to the previous frame's thumbnail (-1 before the second frame).
    double lastDifference() const { return m_lastDifference; }
    void reset();

private:
    Options m_options;
    std::vector<uint8_t> m_previous;
    double m_lastDifference = -1;
    int m_steadyFrames = 0;
};

}  // namespace fc::platform
