// The background sync worker a device runs. Two threads, each with its own database connection
// and HTTP connection: the pusher sends the outbox as soon as a local change is saved (wake()),
// the puller long-polls the hub so it hears of new changes at once. After any failure each
// retries with exponential backoff and full jitter — it never waits for a new local write.
// What happens is told, not asked for: the listener hears every status change and, after each
// pulled page is committed, which tables and rows it changed.
//
//   SyncWorker worker(dbPath, clock, [url] { return std::make_unique<CurlTransport>(url); });
//   worker.setListener({.statusChanged = …, .pulled = [](core::ChangeNews news) { … }});
//   worker.start();  …  worker.wake();   // after a local save
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "shared/capture/change_news.hpp"
#include "sync/client.hpp"

namespace fc::sync {

struct SyncStatus {
    bool online = false;        // the last exchange reached the hub
    int64_t pending = 0;        // local changes not yet acknowledged
    int64_t lastSuccessMs = 0;  // 0: never
    std::string lastError;      // empty after a success
    int64_t cursor = 0;
    int64_t conflictsOpen = 0;
    size_t refused = 0;         // changes the hub refused since start
    // The hub's clock is implausible and was not adopted (what to tell the person); also in
    // lastError while it lasts, so a strip that shows errors shows it.
    std::string clockProblem;
    bool operator==(const SyncStatus&) const = default;
};

// Called on the worker's threads; a listener hands the news to its own thread (the app posts it
// to its main-thread queue).
struct SyncListener {
    std::function<void(const SyncStatus&)> statusChanged;
    std::function<void(core::ChangeNews)> pulled;
};

using TransportFactory = std::function<std::unique_ptr<Transport>()>;

class SyncWorker {
public:
    SyncWorker(std::string dbPath, const core::Clock& clock, TransportFactory transports);
    ~SyncWorker();
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    // Before start().
    void setListener(SyncListener listener) { m_listener = std::move(listener); }
    Status start();
    void stop();
    void wake();  // a local change was saved: push now
    SyncStatus status() const;

    int64_t longPollMs = 25'000;
    int64_t minBackoffMs = 100;
    int64_t maxBackoffMs = 30'000;

private:
    struct Lane {
        std::unique_ptr<Transport> transport;
        std::unique_ptr<core::StoreServices> services;
        std::unique_ptr<SyncClient> client;
        std::unique_ptr<core::NewsCollector> news;  // the puller's: what each page changed
        std::thread thread;
        std::string clockProblem;  // as of this lane's last successful exchange
    };
    Status openLane(Lane& lane);
    void runPusher();
    void runPuller();
    void record(Lane& lane, bool ok, const std::string& error, size_t refused, const std::string& clockProblem = "");
    // Waits up to `ms` or until stop (and, for the pusher, a wake-up). Returns false on stop.
    bool pause(int64_t ms, bool wakeable);

    std::string m_path;
    const core::Clock& m_clock;
    TransportFactory m_factory;
    Lane m_push;
    Lane m_pull;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_woken = false;
    SyncStatus m_status;
    SyncListener m_listener;
};

}  // namespace fc::sync
