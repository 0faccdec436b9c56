#include "kiosk/app/background.hpp"

namespace fc::ui {

BackgroundWorker::BackgroundWorker() : m_thread([this] { loop(); }) {}

BackgroundWorker::~BackgroundWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_jobs.clear();
    }
    m_cv.notify_all();
    m_thread.join();
}

void BackgroundWorker::run(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_cv.notify_all();
}

void BackgroundWorker::waitIdle() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [&] { return m_stop || (m_jobs.empty() && !m_busy); });
}

void BackgroundWorker::loop() {
    while (true) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
            if (m_stop) break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            m_busy = true;
        }
        job();
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
        }
        m_idle.notify_all();
    }
    m_idle.notify_all();
}

}  // namespace fc::ui
