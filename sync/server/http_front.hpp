// The hub's connection front: what stands between a socket and cpp-httplib's request parser.
//
// cpp-httplib 0.11 gives every connection a worker thread for as long as it is open, reads a
// request line or header line of any length, reads a body without a length until the peer closes,
// and inflates a gzip body into memory before any limit applies. So the hub does not let it touch
// a socket on its own:
//
//  - One thread (the gatherer) waits on every connection that has no complete request head yet
//    (new, keep-alive idle, mid-head) with poll(), reading into a buffer of at most maxHeadBytes.
//    A worker is taken only when a whole head is there: a slow client costs a few KiB, no thread.
//  - A connection must deliver its head within headTimeoutMs of its first byte (of being accepted,
//    for a new one, which covers the TLS handshake); an idle keep-alive connection is closed after
//    idleTimeoutMs.
//  - Connections are counted per client address and in all; past either cap a new connection is
//    answered 503 and closed.
//  - A worker reads the request through a Stream that enforces the request's deadline and a budget
//    of bytes from the wire (the head's, then what the route policy allows for the body), so no
//    read of cpp-httplib's can run past either. The decoded (inflated) body is bounded by the
//    route's handler (hub_server.cpp).
//  - A request refused with its body unread gets its answer, then the connection is half-closed and
//    drained by the gatherer for a short while (so the client sees the answer, not a reset).
//
// TLS (optional) is done here too with non-blocking OpenSSL on the SSL_CTX cpp-httplib loaded.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using SSL_CTX = struct ssl_ctx_st;

namespace httplib {
class Stream;
}

namespace fc::sync {

struct Conn;
class HttpFront;

struct FrontLimits {
    size_t maxHeadBytes = 16 << 10;      // request line and headers
    int64_t headTimeoutMs = 10'000;      // first byte (or accept) to the end of the head
    int64_t idleTimeoutMs = 5'000;       // keep-alive connection with no request
    int64_t writeTimeoutMs = 40'000;     // no progress sending an answer
    int maxConnections = 1024;           // open connections in all (also capped by RLIMIT_NOFILE)
    int maxConnectionsPerAddress = 64;   // open connections from one client address
    int threads = 256;                   // workers (requests with a complete head)
    int reserveThreads = 32;             // workers a body-reading request without a token never gets
    int64_t drainTimeoutMs = 2'000;      // reading and discarding a refused request's body
    size_t maxDrainBytes = 64u << 20;
};

// The request a worker is serving, reachable from the route policy through current().
class FrontRequest {
public:
    static FrontRequest* current();
    // Bytes the body may take on the wire from here on (a chunked body's framing included).
    void allowBody(size_t wireBytes);
    // An authenticated request may take until the longer request deadline.
    void extendDeadline(int64_t untilSteadyMs);
    int64_t startedAt() const { return m_start; }
    // Closes the connection after the answer; `drain`: the client may still be sending a body.
    void closeAfter(bool drain) {
        m_close = true;
        m_drain = m_drain || drain;
    }
    // A slot for reading a body without a token (threads − reserveThreads of them); false: none.
    bool takeUnauthenticatedBodySlot();
    bool timedOut() const { return m_timedOut; }
    bool overBudget() const { return m_overBudget; }
    const std::string& peer() const;

private:
    friend class HttpFront;
    friend class FrontStream;
    Conn* m_conn = nullptr;
    HttpFront* m_front = nullptr;
    int64_t m_start = 0;
    int64_t m_deadline = 0;
    size_t m_read = 0;
    size_t m_budget = 0;
    bool m_timedOut = false;
    bool m_overBudget = false;
    bool m_close = false;
    bool m_drain = false;
    bool m_slot = false;
};

struct FrontStats {
    uint64_t accepted = 0;
    uint64_t refusedBusy = 0;      // over the per-address or total cap
    uint64_t headTimeouts = 0;     // no complete head in time
    uint64_t headTooLarge = 0;
    uint64_t requestTimeouts = 0;  // deadline hit while a worker read the body
};

class HttpFront {
public:
    // `process` runs cpp-httplib's parser and routes for one request on `stream`; true to keep
    // the connection. `ssl`: TLS on every connection when set.
    using Process = std::function<bool(httplib::Stream& stream, bool closeConnection)>;
    // `errorBody(status)`: the JSON body of an answer the front gives by itself (408, 431, 503).
    HttpFront(FrontLimits limits, SSL_CTX* ssl, Process process, std::function<void(const std::string&)> log,
              std::function<std::string(int)> errorBody);
    ~HttpFront();
    HttpFront(const HttpFront&) = delete;
    HttpFront& operator=(const HttpFront&) = delete;

    void start();
    // Closes every connection waiting for a request; workers finish what they serve (and close).
    void stop();
    // A connection cpp-httplib's listener accepted; the front owns it from here.
    void adopt(int fd);
    FrontStats stats() const;
    const FrontLimits& limits() const { return m_limits; }
    static int64_t steadyMs();

private:
    friend class FrontRequest;
    void gatherLoop();
    void workerLoop();
    void serve(std::unique_ptr<Conn> conn);
    void park(std::unique_ptr<Conn> conn);
    void release(std::unique_ptr<Conn> conn);
    void note(const std::string& what, const std::string& peer);
    void wake();

    FrontLimits m_limits;
    SSL_CTX* m_ssl;
    Process m_process;
    std::function<void(const std::string&)> m_log;
    std::function<std::string(int)> m_errorBody;

    mutable std::mutex m_mutex;
    std::condition_variable m_work;
    std::vector<std::unique_ptr<Conn>> m_incoming;  // to the gatherer
    std::deque<std::unique_ptr<Conn>> m_ready;      // complete heads, to the workers
    std::set<Conn*> m_active;                        // being served by a worker
    std::map<std::string, int> m_perAddress;
    int m_open = 0;
    int m_maxOpen = 0;
    bool m_stopping = false;
    bool m_started = false;
    std::atomic<int> m_unauthenticatedBodies{0};
    FrontStats m_stats;
    int64_t m_lastNoteAt = -1'000'000;
    uint64_t m_notesHeld = 0;
    int m_wake[2] = {-1, -1};
    std::thread m_gatherer;
    std::vector<std::thread> m_workers;
};

}  // namespace fc::sync
