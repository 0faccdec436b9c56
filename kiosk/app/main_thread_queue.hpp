// The one way other threads reach the UI: they post a function, the main thread runs it at the
// start of the next frame (before anything is drawn, so no list changes while it is drawn).
// Posting wakes an idle event loop (glfwPostEmptyEvent through the wake-up hook).
//
//   queue.post([this, view] { m_syncView = view; });   // from a sync worker thread
//   queue.drain();                                     // main thread, start of a frame
//   queue.waitForPost(5s);                             // headless drivers: no event loop
#pragma once

#include <chrono>
#include <condition_variable>
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
    // Blocks until something is waiting to run or `timeout` passes; true when something is. For
    // loops without a window (tests, benchmarks): they wait for the next event, not a set time.
    bool waitForPost(std::chrono::milliseconds timeout);

    // Called after each post (from the posting thread), e.g. glfwPostEmptyEvent.
    void setWakeup(std::function<void()> wakeup);

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_posted;
    std::vector<Task> m_tasks;
    std::function<void()> m_wakeup;
};

}  // namespace fc::ui
