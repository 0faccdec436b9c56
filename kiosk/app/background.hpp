// One worker thread for slow reads the UI must not wait for (the charset scan of a large store).
// Jobs run in order; they report back only by posting to the MainThreadQueue.
//
//   m_background.run([path, &queue] { auto cs = scan(path); queue.post([cs] { use(cs); }); });
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace fc::ui {

class BackgroundWorker {
public:
    BackgroundWorker();
    ~BackgroundWorker();  // finishes the running job, drops the rest
    BackgroundWorker(const BackgroundWorker&) = delete;
    BackgroundWorker& operator=(const BackgroundWorker&) = delete;

    void run(std::function<void()> job);
    // Blocks until every job posted so far has finished (tests, shutdown).
    void waitIdle();

private:
    void loop();
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::condition_variable m_idle;
    std::deque<std::function<void()>> m_jobs;
    bool m_busy = false;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace fc::ui
