// The app's side of sync: runs the SyncWorker (sync/net) for this replica and hands what it
// tells — a status change, the news of a pulled page — to the main thread through the queue.
// Nothing polls: the worker calls as things happen.
//
//   SyncLink link(dbPath, hubUrl, hubPin, clock, queue, {.status = …, .pulled = …});
//   link.start();  …  link.wake();  // after a local save
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/ui/sync_strip.hpp"
#include "shared/capture/change_news.hpp"
#include "sync/net/sync_worker.hpp"

namespace fc::ui {

// SyncStatus → what the strip shows. `unencrypted`: the hub is reached over plain HTTP beyond
// this machine (sync::plainHttpBeyondLoopback of its address).
SyncView syncViewOf(const sync::SyncStatus& status, bool started, bool unencrypted = false);

class SyncLink {
public:
    // Both run on the main thread (posted).
    struct Handlers {
        std::function<void(const SyncView&)> status;
        std::function<void(const core::ChangeNews&)> pulled;
    };

    // `hubPin`: the hub's key pinned at enrolment ("sha256//…", HubCredentials::hubPin), or "".
    SyncLink(std::string dbPath, std::string hubUrl, std::string hubPin, const core::Clock& clock,
             MainThreadQueue& queue, Handlers handlers, int64_t longPollMs = 25'000);
    ~SyncLink();
    SyncLink(const SyncLink&) = delete;
    SyncLink& operator=(const SyncLink&) = delete;

    // Starts the worker. An error (not enrolled, database busy) is shown in the strip; the app
    // keeps working offline.
    core::Status start();
    void stop();
    void wake();  // a local change was saved

private:
    MainThreadQueue& m_queue;
    Handlers m_handlers;
    bool m_unencrypted = false;
    std::unique_ptr<sync::SyncWorker> m_worker;
};

}  // namespace fc::ui
