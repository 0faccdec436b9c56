// The app's side of sync: runs the SyncWorker (sync/net) for this replica and watches its status
// on a small thread, posting a SyncView to the main-thread queue whenever it changes — and
// telling the app when pulled changes arrived, so it can look for new characters.
//
//   SyncLink link(dbPath, hubUrl, clock, queue, [&](const SyncView& v, bool pulled) { … });
//   link.start();  …  link.wake();  // after a local save
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/ui/sync_strip.hpp"
#include "sync/net/sync_worker.hpp"

namespace fc::ui {

// SyncStatus → what the strip shows.
SyncView syncViewOf(const sync::SyncStatus& status, bool started);

class SyncLink {
public:
    // Runs on the main thread (posted): the new view, and whether the pull cursor moved.
    using OnChange = std::function<void(const SyncView& view, bool pulled)>;

    SyncLink(std::string dbPath, std::string hubUrl, const core::Clock& clock, MainThreadQueue& queue,
             OnChange onChange);
    ~SyncLink();
    SyncLink(const SyncLink&) = delete;
    SyncLink& operator=(const SyncLink&) = delete;

    // Starts the worker and the watcher. An error (not enrolled, database busy) is shown in the
    // strip; the app keeps working offline.
    core::Status start();
    void stop();
    void wake();  // a local change was saved
    int64_t pollMs = 500;

private:
    void watch();

    std::string m_hubUrl;
    MainThreadQueue& m_queue;
    OnChange m_onChange;
    std::unique_ptr<sync::SyncWorker> m_worker;
    std::thread m_watcher;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
};

}  // namespace fc::ui
