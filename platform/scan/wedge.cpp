#include "platform/scan/wedge.hpp"

namespace fc::platform {

void WedgeDetector::release() {
    for (const KeyInput& k : m_held)
        m_out.push_back(WedgeOutput{WedgeOutput::Kind::kKey, k, {}, k.timeMs});
    m_held.clear();
}

void WedgeDetector::feed(const KeyInput& in) {
    // A key that comes too long after the held ones: those were typed by a person.
    if (!m_held.empty() && in.timeMs - m_held.back().timeMs > m_options.maxGapMs) release();

    const bool ends =
        in.kind == KeyInput::Kind::kEnter || (in.kind == KeyInput::Kind::kTab && m_options.tabEnds);
    if (ends) {
        if (m_held.size() >= m_options.minLength) {
            WedgeOutput scan{WedgeOutput::Kind::kScan, {}, {}, in.timeMs};
            scan.scan.reserve(m_held.size());
            for (const KeyInput& k : m_held) scan.scan += static_cast<char>(k.ch);
            m_held.clear();
            m_out.push_back(std::move(scan));
            return;
        }
        release();
        m_out.push_back(WedgeOutput{WedgeOutput::Kind::kKey, in, {}, in.timeMs});
        return;
    }
    if (in.kind == KeyInput::Kind::kChar && isScanChar(in.ch)) {
        if (m_held.size() >= m_options.maxLength) release();
        m_held.push_back(in);
        return;
    }
    // Anything else (another key, a non-ASCII character) ends a burst and passes through.
    release();
    m_out.push_back(WedgeOutput{WedgeOutput::Kind::kKey, in, {}, in.timeMs});
}

void WedgeDetector::tick(int64_t nowMs) {
    if (!m_held.empty() && nowMs - m_held.back().timeMs > m_options.maxGapMs) release();
}

std::vector<WedgeOutput> WedgeDetector::take() {
    std::vector<WedgeOutput> out;
    out.swap(m_out);
    return out;
}

std::optional<int64_t> WedgeDetector::releaseDeadline() const {
    if (m_held.empty()) return std::nullopt;
    return m_held.back().timeMs + m_options.maxGapMs + 1;
}

}  // namespace fc::platform
