// Moves WAL checkpoints off the committing thread. By default SQLite checkpoints inside the
// commit that takes the log past 1,000 pages, and that commit waits while pages are copied into
// the database and the file is synced: a latency spike of tens of milliseconds on a large replica
// every thousand pages. Attached connections stop checkpointing themselves; SQLite's WAL hook
// tells this thread when the log has grown and it checkpoints (PASSIVE: it never blocks a writer
// or a reader) on a connection of its own.
//
//   FC_ASSIGN(auto cp, Checkpointer::start("store.db"));
//   cp->attach(db);               // this connection's commits no longer checkpoint
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "shared/core/result.hpp"
#include "shared/db/sqlite.hpp"

namespace fc::core {

class Checkpointer {
public:
    static Result<std::unique_ptr<Checkpointer>> start(const std::string& path, int walPages = 1000);
    // Stops the thread after a last checkpoint. Detach connections first (or close them).
    ~Checkpointer();
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    void attach(Db& db);
    void detach(Db& db);
    // Checkpoints done so far (tests).
    size_t checkpoints() const;

private:
    Checkpointer(Db db, int walPages);
    static int onCommit(void* self, struct sqlite3* db, const char* schema, int pages);
    void run();

    Db m_db;
    const int m_walPages;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stop = false;
    size_t m_done = 0;
    std::thread m_thread;
};

}  // namespace fc::core
