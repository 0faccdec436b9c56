#include "shared/db/checkpointer.hpp"

#include <sqlite3.h>

namespace fc::core {

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path, int walPages) {
    Db::Options opt;
    opt.create = false;
    opt.cacheKiB = 2 * 1024;  // it only copies pages
    FC_ASSIGN(Db db, Db::open(path, opt));
    return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(db), walPages));
}

Checkpointer::Checkpointer(Db db, int walPages) : m_db(std::move(db)), m_walPages(walPages) {
    sqlite3_wal_autocheckpoint(m_db.handle(), 0);
    m_thread = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Checkpointer::attach(Db& db) { sqlite3_wal_hook(db.handle(), &Checkpointer::onCommit, this); }

void Checkpointer::detach(Db& db) {
    // Back to SQLite's own checkpoints for a connection that outlives this thread.
    sqlite3_wal_autocheckpoint(db.handle(), 1000);
}

size_t Checkpointer::checkpoints() const {
    std::lock_guard lock(m_mutex);
    return m_done;
}

int Checkpointer::onCommit(void* self, sqlite3*, const char*, int pages) {
    auto* cp = static_cast<Checkpointer*>(self);
    if (pages >= cp->m_walPages) {
        {
            std::lock_guard lock(cp->m_mutex);
            cp->m_due = true;
        }
        cp->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void Checkpointer::run() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [&] { return m_due || m_stop; });
        const bool stopping = m_stop;
        m_due = false;
        lock.unlock();
        sqlite3_wal_checkpoint_v2(m_db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
        ++m_done;
        if (stopping) return;
    }
}

}  // namespace fc::core
