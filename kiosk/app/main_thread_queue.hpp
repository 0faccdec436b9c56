// The one way other threads reach the UI: they post a function, the main thread runs it at the
// start of the next frame (before anything is drawn, so no list changes while it is drawn).
// Posting wakes an idle event loop (glfwPostEmptyEvent through the wake-up hook).
//
//   queue.post([this, status] { m_sync = status; });   // from the sync watcher thread
//   queue.drain();                                     // main thread, start of a frame
#pragma once

#include <functional>
#include <mutex>
#include <vector>

namespace fc::ui {

class MainThreadQueue {
public:
    using Task = std::function<void()>;

    // Thread-safe.
    void post(Task task);
    // Main thread: runs everything posted so far (tasks posted meanwhile wait for the next
    // frame). Returns how many ran.
    size_t drain();
    bool empty() const;

    // Called after each post (from the posting thread), e.g. glfwPostEmptyEvent.
    void setWakeup(std::function<void()> wakeup);

private:
    mutable std::mutex m_mutex;
    std::vector<Task> m_tasks;
    std::function<void()> m_wakeup;
};

}  // namespace fc::ui
