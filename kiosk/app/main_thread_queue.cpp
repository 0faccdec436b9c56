#include "kiosk/app/main_thread_queue.hpp"

namespace fc::ui {

void MainThreadQueue::post(Task task) {
    std::function<void()> wake;
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
        wake = m_wakeup;
    }
    m_posted.notify_all();
    if (wake) wake();
}

size_t MainThreadQueue::drain() {
    std::vector<Task> tasks;
    {
        std::lock_guard lock(m_mutex);
        tasks.swap(m_tasks);
    }
    for (auto& t : tasks) t();
    return tasks.size();
}

bool MainThreadQueue::empty() const {
    std::lock_guard lock(m_mutex);
    return m_tasks.empty();
}

bool MainThreadQueue::waitForPost(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_posted.wait_for(lock, timeout, [&] { return !m_tasks.empty(); });
}

void MainThreadQueue::setWakeup(std::function<void()> wakeup) {
    std::lock_guard lock(m_mutex);
    m_wakeup = std::move(wakeup);
}

}  // namespace fc::ui
