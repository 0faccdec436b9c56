#include "kiosk/app/sync_link.hpp"

#include "sync/net/curl_transport.hpp"
#include "sync/net/tls_pin.hpp"

namespace fc::ui {

SyncView syncViewOf(const sync::SyncStatus& s, bool started, bool unencrypted) {
    SyncView v;
    v.pending = s.pending;
    v.lastSuccessMs = s.lastSuccessMs;
    v.conflictsOpen = s.conflictsOpen;
    v.lastError = s.lastError;
    v.unencrypted = unencrypted;
    v.clockProblem = s.clockProblem;
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

SyncLink::SyncLink(std::string dbPath, std::string hubUrl, std::string hubPin, const core::Clock& clock,
                   MainThreadQueue& queue, Handlers handlers, int64_t longPollMs)
    : m_queue(queue), m_handlers(std::move(handlers)), m_unencrypted(sync::plainHttpBeyondLoopback(hubUrl)) {
    const std::string url = std::move(hubUrl);
    // Every connection trusts the key pinned at enrolment when there is one.
    const sync::CurlOptions options{.pinnedPublicKey = std::move(hubPin)};
    m_worker = std::make_unique<sync::SyncWorker>(
        std::move(dbPath), clock, [url, options] { return std::make_unique<sync::CurlTransport>(url, options); });
    m_worker->longPollMs = longPollMs;
    // The posted tasks hold the handlers themselves, not this link: the queue may outlive it.
    m_worker->setListener({
        .statusChanged =
            [&queue, status = m_handlers.status, unencrypted = m_unencrypted](const sync::SyncStatus& s) {
                const SyncView v = syncViewOf(s, true, unencrypted);
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
        const SyncView v = syncViewOf(s, false, m_unencrypted);
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
