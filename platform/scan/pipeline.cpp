// Index
//   [SECTION] submitting and draining
//   [SECTION] worker
//   [SECTION] camera feed
#include "platform/scan/pipeline.hpp"

#include <exception>

#include "platform/scan/image_load.hpp"

namespace fc::platform {

using core::Errc;
using core::Error;

ScanPipeline::ScanPipeline(Options options, std::function<void()> notify)
    : m_options(options),
      m_notify(std::move(notify)),
      m_steadiness(m_options.steadiness),
      m_thread([this] { run(); }) {}

ScanPipeline::~ScanPipeline() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cancel.store(true);  // stops a thorough pass running in a child
    m_work.notify_all();
    m_thread.join();
}

// [SECTION] submitting and draining

void ScanPipeline::submitLive(Frame frame, std::string source) {
    {
        std::lock_guard lock(m_mutex);
        ++m_stats.liveSubmitted;
        if (m_live) ++m_stats.liveDropped;
        m_live = LiveJob{std::move(frame), std::move(source)};
    }
    m_work.notify_one();
}

uint64_t ScanPipeline::submitStill(Frame frame, std::string label) {
    uint64_t id;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        m_stills.push_back(StillJob{id, std::move(label), std::move(frame)});
    }
    m_work.notify_one();
    return id;
}

uint64_t ScanPipeline::submitImageFile(std::string path) {
    uint64_t id;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        m_stills.push_back(StillJob{id, std::move(path), std::nullopt});
    }
    m_work.notify_one();
    return id;
}

void ScanPipeline::reportError(Error error, std::string source) {
    ScanEvent e;
    e.source = std::move(source);
    e.pass = Pass::kFast;
    e.error = std::move(error);
    publish(std::move(e));
}

std::vector<ScanEvent> ScanPipeline::drain() {
    std::lock_guard lock(m_mutex);
    std::vector<ScanEvent> out;
    out.swap(m_events);
    return out;
}

bool ScanPipeline::waitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [&] { return !m_busy && m_stills.empty() && !m_live; });
}

void ScanPipeline::pause() {
    std::lock_guard lock(m_mutex);
    m_paused = true;
}

void ScanPipeline::resume() {
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_work.notify_all();
}

ScanStats ScanPipeline::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void ScanPipeline::publish(ScanEvent event) {
    {
        std::lock_guard lock(m_mutex);
        m_events.push_back(std::move(event));
    }
    if (m_notify) m_notify();
}

// [SECTION] worker

void ScanPipeline::run() {
    // ZXing builds some tables on first use; do it here, before any fork (see isolate.hpp).
    warmUpDecoder();
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_work.wait(lock, [&] { return m_stop || (!m_paused && (!m_stills.empty() || m_live)); });
        if (m_stop) break;
        m_busy = true;
        // Still images first: a person asked for each of them; live frames keep coming anyway.
        if (!m_stills.empty()) {
            StillJob job = std::move(m_stills.front());
            m_stills.pop_front();
            lock.unlock();
            ScanEvent event;
            try {
                event = decodeStill(job);
            } catch (const std::exception& e) {
                event.request = job.id;
                event.source = job.source;
                event.error = Error(Errc::kInternal, std::string("scan failed: ") + e.what());
            }
            publish(std::move(event));
            lock.lock();
            ++m_stats.stillsDecoded;
        } else {
            LiveJob job = std::move(*m_live);
            m_live.reset();
            ++m_stats.liveDecoded;
            lock.unlock();
            std::optional<ScanEvent> event;
            try {
                event = decodeLive(job);
            } catch (const std::exception& e) {
                event = ScanEvent{};
                event->source = job.source;
                event->error = Error(Errc::kInternal, std::string("scan failed: ") + e.what());
            }
            if (event) publish(std::move(*event));
            lock.lock();
        }
        m_busy = false;
        m_idle.notify_all();
    }
    m_busy = false;
    m_idle.notify_all();
}

core::Result<std::vector<Code>> ScanPipeline::thorough(const Frame& frame) {
    {
        std::lock_guard lock(m_mutex);
        ++m_stats.thoroughPasses;
    }
    if (!m_options.isolate) return decodeThorough(frame);
    IsolationOptions iso = m_options.isolation;
    iso.cancel = &m_cancel;
    auto r = decodeIsolated(frame, Pass::kThorough, iso);
    if (!r) {
        std::lock_guard lock(m_mutex);
        ++m_stats.decoderFailures;
    }
    return r;
}

ScanEvent ScanPipeline::decodeStill(StillJob& job) {
    ScanEvent event;
    event.request = job.id;
    event.source = job.source;
    event.pass = Pass::kThorough;
    core::Result<std::vector<Code>> codes = std::vector<Code>{};
    if (job.frame) {
        event.timestampMs = job.frame->timestampMs;
        if (!job.frame->wellFormed())
            codes = Error(Errc::kInvalid, "the picture's size and pixels do not agree");
        else
            codes = thorough(*job.frame);
    } else if (m_options.isolate) {
        {
            std::lock_guard lock(m_mutex);
            ++m_stats.thoroughPasses;
        }
        IsolationOptions iso = m_options.isolation;
        iso.cancel = &m_cancel;
        codes = scanImageFileIsolated(job.source, iso);
        if (!codes && codes.error().code == Errc::kInternal) {
            std::lock_guard lock(m_mutex);
            ++m_stats.decoderFailures;
        }
    } else {
        auto frame = loadImageFile(job.source);
        if (!frame)
            codes = frame.error();
        else
            codes = thorough(frame.value());
    }
    if (codes) {
        event.codes = std::move(codes).value();
    } else {
        // Messages from loading already start with the file name; a crash does not.
        Error e = codes.error();
        if (e.message.rfind(job.source, 0) != 0) e = e.context(job.source);
        event.error = std::move(e);
    }
    return event;
}

std::optional<ScanEvent> ScanPipeline::decodeLive(LiveJob& job) {
    if (!job.frame.wellFormed()) return std::nullopt;
    const Frame grey = toGrey(job.frame);
    const int64_t ts = grey.timestampMs;
    const bool steady = m_steadiness.update(grey);
    if (!steady) m_lastLiveThorough.reset();

    ScanEvent event;
    event.source = job.source;
    event.timestampMs = ts;
    event.pass = Pass::kFast;
    {
        std::lock_guard lock(m_mutex);
        ++m_stats.fastPasses;
    }
    std::vector<Code> codes = decodeFast(grey);
    if (codes.empty() && steady &&
        (!m_lastLiveThorough || ts - *m_lastLiveThorough >= m_options.liveThoroughIntervalMs)) {
        m_lastLiveThorough = ts;
        event.pass = Pass::kThorough;
        auto r = thorough(grey);
        if (!r) {
            // A crash on a camera frame is worth saying once; the feed goes on.
            event.error = r.error();
            return event;
        }
        codes = std::move(r).value();
    }
    // Report a code once while it stays in view: only if not seen within the hold-off.
    for (const Code& c : codes) {
        auto key = std::make_pair(c.symbology, c.text);
        auto it = m_lastSeen.find(key);
        const bool fresh = it == m_lastSeen.end() || ts - it->second > m_options.repeatHoldOffMs ||
                           ts < it->second;
        m_lastSeen[key] = ts;
        if (fresh) event.codes.push_back(c);
    }
    // Forget codes long out of view so the map stays small.
    for (auto it = m_lastSeen.begin(); it != m_lastSeen.end();) {
        if (ts - it->second > 10 * m_options.repeatHoldOffMs)
            it = m_lastSeen.erase(it);
        else
            ++it;
    }
    if (event.codes.empty()) return std::nullopt;
    return event;
}

// [SECTION] camera feed

namespace {
constexpr int kMaxErrorsInARow = 10;
}  // namespace

core::Status CameraFeed::start() {
    stop();
    FC_TRY(m_source.open());
    m_stop.store(false);
    m_running.store(true);
    m_thread = std::thread([this] {
        std::string lastError;
        int errorsInARow = 0;
        while (!m_stop.load()) {
            StillHandler still;
            {
                std::lock_guard lock(m_stillMutex);
                still = std::move(m_still);
                m_still = nullptr;
            }
            if (still) m_source.setColour(true);
            auto next = m_source.next();
            if (still) {
                m_source.setColour(false);
                if (!next)
                    still(next.error());
                else if (!*next)
                    still(core::Error(core::Errc::kIo, m_source.name() + " gave no picture"));
                else {
                    still(std::move(**next));
                    continue;
                }
            }
            if (!next) {
                if (next.error().message != lastError) {
                    lastError = next.error().message;
                    m_pipeline.reportError(next.error(), m_source.name());
                }
                // A camera that keeps failing (unplugged) is given up; a slow one is waited for.
                if (++errorsInARow >= kMaxErrorsInARow) break;
                for (int i = 0; i < 10 && !m_stop.load(); ++i)
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
            errorsInARow = 0;
            lastError.clear();
            if (!*next) break;  // the source ended
            m_pipeline.submitLive(std::move(**next), m_source.name());
        }
        m_running.store(false);
        std::lock_guard lock(m_stillMutex);
        if (m_still) m_still(core::Error(core::Errc::kIo, m_source.name() + " stopped"));
        m_still = nullptr;
    });
    return {};
}

bool CameraFeed::requestStill(StillHandler done) {
    if (!m_running.load()) return false;
    std::lock_guard lock(m_stillMutex);
    m_still = std::move(done);
    return true;
}

void CameraFeed::waitForEnd() {
    if (m_thread.joinable()) m_thread.join();
}

void CameraFeed::stop() {
    m_stop.store(true);
    if (m_thread.joinable()) m_thread.join();
    m_source.close();
    m_running.store(false);
}

}  // namespace fc::platform
