#include "kiosk/app/sync_link.hpp"

#include "sync/net/curl_transport.hpp"

namespace fc::ui {

SyncView syncViewOf(const sync::SyncStatus& s, bool started) {
    SyncView v;
    v.pending = s.pending;
    v.lastSuccessMs = s.lastSuccessMs;
    v.conflictsOpen = s.conflictsOpen;
    v.lastError = s.lastError;
    if (!started)
        v.state = SyncState::kOffline;
    else if (s.online)
        v.state = SyncState::kOnline;
    else if (s.lastError.empty() && s.lastSuccessMs == 0)
        v.state = SyncState::kConnecting;
    else
        v.state = SyncState::kOffline;
    return v;
}

SyncLink::SyncLink(std::string dbPath, std::string hubUrl, const core::Clock& clock,
                   MainThreadQueue& queue, OnChange onChange)
    : m_hubUrl(std::move(hubUrl)), m_queue(queue), m_onChange(std::move(onChange)) {
    const std::string url = m_hubUrl;
    m_worker = std::make_unique<sync::SyncWorker>(
        std::move(dbPath), clock, [url] { return std::make_unique<sync::CurlTransport>(url); });
}

SyncLink::~SyncLink() { stop(); }

core::Status SyncLink::start() {
    auto started = m_worker->start();
    if (!started) {
        sync::SyncStatus s;
        s.lastError = started.error().message;
        const SyncView v = syncViewOf(s, false);
        m_queue.post([this, v] { m_onChange(v, false); });
        return started;
    }
    m_watcher = std::thread([this] { watch(); });
    return {};
}

void SyncLink::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_watcher.joinable()) m_watcher.join();
    if (m_worker) m_worker->stop();
}

void SyncLink::wake() {
    if (m_worker) m_worker->wake();
}

void SyncLink::watch() {
    bool first = true;
    SyncView last;
    int64_t lastCursor = -1;
    while (true) {
        const sync::SyncStatus s = m_worker->status();
        const SyncView v = syncViewOf(s, true);
        const bool pulled = lastCursor >= 0 && s.cursor != lastCursor;
        lastCursor = s.cursor;
        if (first || pulled || !(v == last)) {
            m_queue.post([this, v, pulled] { m_onChange(v, pulled); });
            last = v;
            first = false;
        }
        std::unique_lock lock(m_mutex);
        if (m_cv.wait_for(lock, std::chrono::milliseconds(pollMs), [&] { return m_stop; })) return;
    }
}

}  // namespace fc::ui
