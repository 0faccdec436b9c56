#include "sync/net/sync_worker.hpp"

#include <algorithm>
#include <random>

#include "shared/conflicts/conflict_service.hpp"

namespace fc::sync {

SyncWorker::SyncWorker(std::string dbPath, const core::Clock& clock, TransportFactory transports)
    : m_path(std::move(dbPath)), m_clock(clock), m_factory(std::move(transports)) {}

SyncWorker::~SyncWorker() { stop(); }

Status SyncWorker::openLane(Lane& lane) {
    lane.transport = m_factory();
    FC_ASSIGN(lane.services, core::StoreServices::open(m_path, m_clock));
    FC_TRY(lane.services->checkpointInBackground());
    lane.client = std::make_unique<SyncClient>(*lane.services, *lane.transport);
    if (lane.client->token().empty())
        return Error(core::Errc::kPermission, "this device is not enrolled with a hub (no token)");
    return {};
}

Status SyncWorker::start() {
    FC_TRY(openLane(m_push));
    FC_TRY(openLane(m_pull));
    m_pull.news = std::make_unique<core::NewsCollector>(m_pull.services->store().writer());
    m_pull.client->pageCommitted = [this](bool snapshot) {
        core::ChangeNews news = m_pull.news->take();
        if (snapshot)
            for (const core::TableDef* t : wireSchema().tables()) news.addAll(t->name);
        if (!news.empty() && m_listener.pulled) m_listener.pulled(std::move(news));
    };
    m_push.thread = std::thread([this] { runPusher(); });
    m_pull.thread = std::thread([this] { runPuller(); });
    return {};
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    // A long-poll in flight would hold the puller for up to longPollMs: cut it short.
    if (m_push.transport) m_push.transport->cancel();
    if (m_pull.transport) m_pull.transport->cancel();
    if (m_push.thread.joinable()) m_push.thread.join();
    if (m_pull.thread.joinable()) m_pull.thread.join();
}

void SyncWorker::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_cv.notify_all();
}

SyncStatus SyncWorker::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

bool SyncWorker::pause(int64_t ms, bool wakeable) {
    std::unique_lock lock(m_mutex);
    m_cv.wait_for(lock, std::chrono::milliseconds(ms), [&] { return m_stop || (wakeable && m_woken); });
    if (wakeable) m_woken = false;
    return !m_stop;
}

void SyncWorker::record(Lane& lane, bool ok, const std::string& error, size_t refused,
                        const std::string& clockProblem) {
    core::SyncState& sync = lane.services->store().syncState();
    auto pending = sync.pendingCount();
    auto conflicts = lane.services->get<core::ConflictService>().openCount();
    auto cursor = sync.cursor();
    SyncStatus now;
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        const SyncStatus before = m_status;
        m_status.online = ok;
        if (pending) m_status.pending = *pending;
        if (conflicts) m_status.conflictsOpen = *conflicts;
        if (cursor) m_status.cursor = *cursor;
        m_status.refused += refused;
        if (ok) {
            m_status.lastSuccessMs = m_clock.nowMs();
            lane.clockProblem = clockProblem;
            m_status.clockProblem = !m_pull.clockProblem.empty() ? m_pull.clockProblem : m_push.clockProblem;
            m_status.lastError = m_status.clockProblem;
        } else {
            m_status.lastError = error;
        }
        changed = !(m_status == before);
        now = m_status;
    }
    if (changed && m_listener.statusChanged) m_listener.statusChanged(now);
}

void SyncWorker::runPusher() {
    std::mt19937_64 jitter(static_cast<uint64_t>(m_clock.nowMs()) ^ 0x9E3779B97F4A7C15ull);
    int64_t backoff = minBackoffMs;
    while (true) {
        auto r = m_push.client->push();
        if (r) {
            record(m_push, true, "", r->refused, r->clockProblem);
            backoff = minBackoffMs;
            // Nothing to send until a local save wakes us (or a slow safety tick).
            if (!pause(5000, true)) return;
            continue;
        }
        record(m_push, false, r.error().message, 0);
        const int64_t wait = std::uniform_int_distribution<int64_t>(backoff / 2, backoff)(jitter);
        backoff = std::min(backoff * 2, maxBackoffMs);
        if (!pause(wait, true)) return;
    }
}

void SyncWorker::runPuller() {
    std::mt19937_64 jitter(static_cast<uint64_t>(m_clock.nowMs()));
    int64_t backoff = minBackoffMs;
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) return;
        }
        auto r = m_pull.client->pull(longPollMs);
        if (r) {
            record(m_pull, true, "", 0, r->clockProblem);
            backoff = minBackoffMs;
            continue;  // the long-poll returned: ask again at once
        }
        record(m_pull, false, r.error().message, 0);
        const int64_t wait = std::uniform_int_distribution<int64_t>(backoff / 2, backoff)(jitter);
        backoff = std::min(backoff * 2, maxBackoffMs);
        if (!pause(wait, false)) return;
    }
}

}  // namespace fc::sync
