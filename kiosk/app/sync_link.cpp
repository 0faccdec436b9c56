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
                   MainThreadQueue& queue, Handlers handlers, int64_t longPollMs)
    : m_queue(queue), m_handlers(std::move(handlers)) {
    const std::string url = std::move(hubUrl);
    m_worker = std::make_unique<sync::SyncWorker>(
        std::move(dbPath), clock, [url] { return std::make_unique<sync::CurlTransport>(url); });
    m_worker->longPollMs = longPollMs;
    // The posted tasks hold the handlers themselves, not this link: the queue may outlive it.
    m_worker->setListener({
        .statusChanged =
            [&queue, status = m_handlers.status](const sync::SyncStatus& s) {
                const SyncView v = syncViewOf(s, true);
                queue.post([status, v] { status(v); });
            },
        .pulled =
            [&queue, pulled = m_handlers.pulled](core::ChangeNews news) {
                queue.post([pulled, news = std::move(news)] { pulled(news); });
            },
    });
}

SyncLink::~SyncLink() { stop(); }

core::Status SyncLink::start() {
    auto started = m_worker->start();
    if (!started) {
        sync::SyncStatus s;
        s.lastError = started.error().message;
        const SyncView v = syncViewOf(s, false);
        m_queue.post([status = m_handlers.status, v] { status(v); });
        return started;
    }
    return {};
}

void SyncLink::stop() {
    if (m_worker) m_worker->stop();
}

void SyncLink::wake() {
    if (m_worker) m_worker->wake();
}

}  // namespace fc::ui
