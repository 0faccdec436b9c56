// ImageFileSource: picture files as a frame source, each loaded in a child process.
#include "platform/scan/frame_source.hpp"
#include "platform/scan/isolate.hpp"

namespace fc::platform {

ImageFileSource::ImageFileSource(std::vector<std::string> paths, const core::Clock& clock,
                                 IsolationOptions isolation)
    : m_paths(std::move(paths)), m_clock(clock), m_isolation(isolation) {}

core::Status ImageFileSource::open() {
    m_next = 0;
    m_current.clear();
    return {};
}

core::Result<std::optional<Frame>> ImageFileSource::next() {
    if (m_next >= m_paths.size()) return std::optional<Frame>();
    m_current = m_paths[m_next++];
    auto frame = loadImageIsolated(m_current, m_clock.nowMs(), m_isolation);
    if (!frame) {
        // Errors from the child already name the file; a crash does not.
        const std::string& msg = frame.error().message;
        if (msg.rfind(m_current, 0) == 0) return frame.error();
        return frame.error().context(m_current);
    }
    return std::optional<Frame>(std::move(frame).value());
}

}  // namespace fc::platform
