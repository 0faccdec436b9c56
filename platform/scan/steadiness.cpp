#include "platform/scan/steadiness.hpp"

#include <cstdlib>

namespace fc::platform {

bool SteadinessMeter::update(const Frame& grey) {
    std::vector<uint8_t> thumb = thumbnail(grey, m_options.cols, m_options.rows);
    if (m_previous.size() != thumb.size()) {
        m_previous = std::move(thumb);
        m_lastDifference = -1;
        m_steadyFrames = 0;
        return false;
    }
    uint64_t sum = 0;
    for (size_t i = 0; i < thumb.size(); ++i)
        sum += static_cast<uint64_t>(std::abs(int(thumb[i]) - int(m_previous[i])));
    m_lastDifference = static_cast<double>(sum) / static_cast<double>(thumb.size());
    m_previous = std::move(thumb);
    if (m_lastDifference <= m_options.maxMeanDifference)
        ++m_steadyFrames;
    else
        m_steadyFrames = 0;
    return m_steadyFrames >= m_options.minSteadyFrames;
}

void SteadinessMeter::reset() {
    m_previous.clear();
    m_lastDifference = -1;
    m_steadyFrames = 0;
}

}  // namespace fc::platform
