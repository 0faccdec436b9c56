// Index
//   [SECTION] connections and their I/O (plain and TLS, non-blocking)
//   [SECTION] the stream cpp-httplib reads a request through
//   [SECTION] admission, the gatherer, the workers
#include "sync/server/http_front.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>

#include "sync/hub_api.hpp"

namespace fc::sync {

// [SECTION] connections and their I/O (plain and TLS, non-blocking)

namespace {
constexpr ssize_t kWouldBlock = -2;
thread_local FrontRequest* t_request = nullptr;
}  // namespace

struct Conn {
    enum class Phase { kNew, kIdle, kHead, kDrain };
    int fd = -1;
    SSL* ssl = nullptr;
    bool tlsReady = false;
    bool wantWrite = false;  // TLS: the last operation waits for the socket to take data
    std::string peer;        // client address as text
    std::string key;         // what the per-address cap counts (limiterKey)
    int port = 0;
    std::string in;          // bytes read and not yet consumed
    size_t off = 0;
    size_t scanned = 0;      // the end of the head was looked for up to here
    Phase phase = Phase::kNew;
    int64_t headStart = 0;
    int64_t deadline = 0;    // the gatherer's: head, idle or drain
    size_t drained = 0;

    ~Conn() {
        if (ssl) SSL_free(ssl);
        if (fd >= 0) ::close(fd);
    }
    size_t pending() const { return in.size() - off; }
    void consume(size_t n) {
        off += n;
        scanned = off;  // a next head starts here: look for its end afresh
        if (off == in.size()) {
            in.clear();
            off = scanned = 0;
        }
    }
    void compact() {
        if (off == 0) return;
        in.erase(0, off);
        scanned -= std::min(scanned, off);
        off = 0;
    }
    bool headComplete() {
        const size_t from = std::max(off, scanned >= 3 ? scanned - 3 : size_t{0});
        scanned = in.size();
        return in.find("\r\n\r\n", from) != std::string::npos;
    }
};

namespace {

ssize_t sslOutcome(Conn& c, int r) {
    switch (SSL_get_error(c.ssl, r)) {
        case SSL_ERROR_WANT_READ: c.wantWrite = false; return kWouldBlock;
        case SSL_ERROR_WANT_WRITE: c.wantWrite = true; return kWouldBlock;
        case SSL_ERROR_ZERO_RETURN: return 0;
        default: return -1;
    }
}

// > 0 bytes, 0 the peer closed, -1 an error, kWouldBlock.
ssize_t recvSome(Conn& c, char* buf, size_t n) {
    if (c.ssl) {
        ERR_clear_error();
        if (!c.tlsReady) {
            const int r = SSL_accept(c.ssl);
            if (r != 1) {
                const ssize_t o = sslOutcome(c, r);
                return o == 0 ? -1 : o;
            }
            c.tlsReady = true;
        }
        const int r = SSL_read(c.ssl, buf, static_cast<int>(std::min<size_t>(n, INT_MAX)));
        return r > 0 ? r : sslOutcome(c, r);
    }
    for (;;) {
        const ssize_t r = ::recv(c.fd, buf, n, 0);
        if (r >= 0) return r;
        if (errno == EINTR) continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : -1;
    }
}

ssize_t sendSome(Conn& c, const char* p, size_t n) {
    if (c.ssl) {
        if (!c.tlsReady) return -1;
        ERR_clear_error();
        const int r = SSL_write(c.ssl, p, static_cast<int>(std::min<size_t>(n, INT_MAX)));
        if (r > 0) return r;
        const ssize_t o = sslOutcome(c, r);
        return o == 0 ? -1 : o;
    }
    for (;;) {
        const ssize_t r = ::send(c.fd, p, n, MSG_NOSIGNAL);
        if (r >= 0) return r;
        if (errno == EINTR) continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : -1;
    }
}

// Waits until the socket is ready for what the connection waits for; false on timeout or error.
bool waitIo(const Conn& c, bool write, int64_t ms) {
    pollfd p{c.fd, static_cast<short>((c.ssl ? c.wantWrite : write) ? POLLOUT : POLLIN), 0};
    for (;;) {
        const int r = ::poll(&p, 1, static_cast<int>(std::clamp<int64_t>(ms, 0, INT_MAX)));
        if (r < 0 && errno == EINTR) continue;
        return r > 0;
    }
}

// Best effort, never blocking: a short answer to a connection the front ends by itself.
void sendCanned(Conn& c, int status, const std::string& body) {
    if (c.ssl && !c.tlsReady) return;
    const char* reason = status == 503 ? "Service Unavailable"
                         : status == 408 ? "Request Timeout"
                         : status == 431 ? "Request Header Fields Too Large"
                                         : "Error";
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                      (status == 503 ? "\r\nRetry-After: 1" : "") + "\r\nConnection: close\r\n\r\n" + body;
    size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = sendSome(c, out.data() + done, out.size() - done);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
    }
}

std::string addressText(const sockaddr_storage& a, int& port) {
    char text[INET6_ADDRSTRLEN] = "";
    if (a.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
        inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        port = ntohs(v4.sin_port);
    } else if (a.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
        inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        port = ntohs(v6.sin6_port);
    }
    return text;
}

}  // namespace

// [SECTION] the stream cpp-httplib reads a request through

class FrontStream final : public httplib::Stream {
public:
    FrontStream(Conn& c, FrontRequest& r, int64_t writeTimeoutMs) : m_c(c), m_r(r), m_writeTimeoutMs(writeTimeoutMs) {}

    bool is_readable() const override { return true; }  // read() itself waits, up to the deadline
    bool is_writable() const override { return m_c.ssl || waitIo(m_c, true, m_writeTimeoutMs); }

    ssize_t read(char* ptr, size_t size) override {
        if (m_r.m_read >= m_r.m_budget) {
            m_r.m_overBudget = true;
            return -1;
        }
        size = std::min(size, m_r.m_budget - m_r.m_read);
        if (m_c.pending() > 0) {
            const size_t n = std::min(size, m_c.pending());
            std::memcpy(ptr, m_c.in.data() + m_c.off, n);
            m_c.consume(n);
            m_r.m_read += n;
            return static_cast<ssize_t>(n);
        }
        for (;;) {
            const ssize_t n = recvSome(m_c, ptr, size);
            if (n > 0) {
                m_r.m_read += static_cast<size_t>(n);
                return n;
            }
            if (n != kWouldBlock) return n;
            const int64_t left = m_r.m_deadline - HttpFront::steadyMs();
            if (left <= 0 || !waitIo(m_c, false, left)) {
                if (HttpFront::steadyMs() >= m_r.m_deadline) m_r.m_timedOut = true;
                return -1;
            }
        }
    }

    ssize_t write(const char* ptr, size_t size) override {
        size_t done = 0;
        int64_t until = HttpFront::steadyMs() + m_writeTimeoutMs;
        while (done < size) {
            const ssize_t n = sendSome(m_c, ptr + done, size - done);
            if (n > 0) {
                done += static_cast<size_t>(n);
                until = HttpFront::steadyMs() + m_writeTimeoutMs;  // progress: a slow reader is not a dead one
                continue;
            }
            if (n != kWouldBlock) return -1;
            const int64_t left = until - HttpFront::steadyMs();
            if (left <= 0 || !waitIo(m_c, true, left)) return -1;
        }
        return static_cast<ssize_t>(done);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = m_c.peer;
        port = m_c.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage a{};
        socklen_t len = sizeof a;
        port = -1;
        if (::getsockname(m_c.fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) ip = addressText(a, port);
    }
    socket_t socket() const override { return m_c.fd; }

private:
    Conn& m_c;
    FrontRequest& m_r;
    int64_t m_writeTimeoutMs;
};

FrontRequest* FrontRequest::current() { return t_request; }

void FrontRequest::allowBody(size_t wireBytes) {
    m_budget = wireBytes > SIZE_MAX - m_read ? SIZE_MAX : m_read + wireBytes;
}

void FrontRequest::extendDeadline(int64_t untilSteadyMs) { m_deadline = std::max(m_deadline, untilSteadyMs); }

bool FrontRequest::takeUnauthenticatedBodySlot() {
    if (m_slot) return true;
    const int limit = std::max(1, m_front->m_limits.threads - m_front->m_limits.reserveThreads);
    if (m_front->m_unauthenticatedBodies.fetch_add(1) >= limit) {
        m_front->m_unauthenticatedBodies.fetch_sub(1);
        return false;
    }
    m_slot = true;
    return true;
}

const std::string& FrontRequest::peer() const { return m_conn->peer; }

// [SECTION] admission, the gatherer, the workers

int64_t HttpFront::steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

HttpFront::HttpFront(FrontLimits limits, SSL_CTX* ssl, Process process, std::function<void(const std::string&)> log,
                     std::function<std::string(int)> errorBody)
    : m_limits(limits), m_ssl(ssl), m_process(std::move(process)), m_log(std::move(log)),
      m_errorBody(std::move(errorBody)) {
    m_limits.threads = std::max(1, m_limits.threads);
    m_limits.reserveThreads = std::clamp(m_limits.reserveThreads, 0, m_limits.threads - 1);
    // Every connection is a descriptor: leave room for the databases, snapshots and logs.
    m_maxOpen = std::max(1, m_limits.maxConnections);
    rlimit nofile{};
    if (::getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur != RLIM_INFINITY)
        m_maxOpen = std::max(8, std::min<int>(m_maxOpen, static_cast<int>(nofile.rlim_cur) - 64));
    if (!m_errorBody) m_errorBody = [](int) { return std::string("{}"); };
}

HttpFront::~HttpFront() { stop(); }

void HttpFront::start() {
    std::lock_guard lock(m_mutex);
    if (m_started) return;
    m_started = true;
    if (::pipe2(m_wake, O_NONBLOCK | O_CLOEXEC) != 0) m_wake[0] = m_wake[1] = -1;
    m_gatherer = std::thread([this] { gatherLoop(); });
    for (int i = 0; i < m_limits.threads; ++i) m_workers.emplace_back([this] { workerLoop(); });
}

void HttpFront::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_started || m_stopping) return;
        m_stopping = true;
        // Requests being read end now (their reads see the end of the stream); answers being
        // written are not cut.
        for (Conn* c : m_active) ::shutdown(c->fd, SHUT_RD);
    }
    m_work.notify_all();
    wake();
    if (m_gatherer.joinable()) m_gatherer.join();
    for (auto& t : m_workers)
        if (t.joinable()) t.join();
    std::vector<std::unique_ptr<Conn>> left;
    {
        std::lock_guard lock(m_mutex);
        for (auto& c : m_incoming) left.push_back(std::move(c));
        for (auto& c : m_ready) left.push_back(std::move(c));
        m_incoming.clear();
        m_ready.clear();
    }
    for (auto& c : left) release(std::move(c));
    if (m_wake[0] >= 0) ::close(m_wake[0]);
    if (m_wake[1] >= 0) ::close(m_wake[1]);
    m_wake[0] = m_wake[1] = -1;
}

void HttpFront::wake() {
    if (m_wake[1] >= 0) {
        const char b = 1;
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &b, 1);  // full pipe: a wake-up is pending anyway
    }
}

FrontStats HttpFront::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void HttpFront::note(const std::string& what, const std::string& peer) {
    // At most one line per 5 s: an attack must not flood the log.
    std::string line;
    {
        std::lock_guard lock(m_mutex);
        const int64_t now = steadyMs();
        if (now - m_lastNoteAt < 5'000) {
            ++m_notesHeld;
            return;
        }
        line = "front: " + what + " (" + peer + ")";
        if (m_notesHeld) line += "; " + std::to_string(m_notesHeld) + " more such events since the last note";
        m_notesHeld = 0;
        m_lastNoteAt = now;
    }
    if (m_log) m_log(line);
}

void HttpFront::adopt(int fd) {
    const int flags = ::fcntl(fd, F_GETFL, 0);
    ::fcntl(fd, F_SETFL, (flags < 0 ? 0 : flags) | O_NONBLOCK);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto c = std::make_unique<Conn>();
    c->fd = fd;
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) c->peer = addressText(a, c->port);
    if (c->peer.rfind("::ffff:", 0) == 0 && c->peer.find('.') != std::string::npos) c->peer = c->peer.substr(7);
    c->key = limiterKey(c->peer);
    bool admitted = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;  // c closes the socket
        auto it = m_perAddress.find(c->key);
        const int fromThere = it == m_perAddress.end() ? 0 : it->second;
        if (m_open < m_maxOpen && fromThere < m_limits.maxConnectionsPerAddress) {
            admitted = true;
            ++m_open;
            ++m_perAddress[c->key];
            ++m_stats.accepted;
        } else {
            ++m_stats.refusedBusy;
        }
    }
    if (!admitted) {
        // Not counted, so never released: answered (plain HTTP) and closed here.
        sendCanned(*c, 503, m_errorBody(503));
        note("connection refused: too many open connections from this address or in all", c->peer);
        return;
    }
    if (m_ssl) {
        c->ssl = SSL_new(m_ssl);
        if (!c->ssl) {
            release(std::move(c));
            return;
        }
        SSL_set_fd(c->ssl, fd);
        SSL_set_accept_state(c->ssl);
        SSL_set_mode(c->ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    }
    c->phase = Conn::Phase::kNew;
    c->headStart = steadyMs();
    c->deadline = c->headStart + m_limits.headTimeoutMs;
    {
        std::lock_guard lock(m_mutex);
        m_incoming.push_back(std::move(c));
    }
    wake();
}

void HttpFront::release(std::unique_ptr<Conn> c) {
    if (!c) return;
    if (c->ssl && c->tlsReady && c->phase != Conn::Phase::kDrain) {
        ERR_clear_error();
        SSL_shutdown(c->ssl);  // close_notify, best effort (non-blocking)
    }
    {
        std::lock_guard lock(m_mutex);
        --m_open;
        auto it = m_perAddress.find(c->key);
        if (it != m_perAddress.end() && --it->second <= 0) m_perAddress.erase(it);
    }
    c.reset();
}

void HttpFront::park(std::unique_ptr<Conn> c) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            if (c->phase != Conn::Phase::kDrain && c->headComplete()) {
                m_ready.push_back(std::move(c));
                m_work.notify_one();
                return;
            }
            m_incoming.push_back(std::move(c));
        }
    }
    if (c) {
        release(std::move(c));
        return;
    }
    wake();
}

namespace {
enum class Progress { kKeep, kReady, kClosed, kTooLarge };
}

void HttpFront::gatherLoop() {
    std::vector<std::unique_ptr<Conn>> parked, keep;
    std::vector<pollfd> fds;
    std::vector<char> buf(16 << 10);
    // Reads what a parked connection has; kReady once its head is complete.
    auto progress = [&](Conn& c) {
        size_t budget = 1 << 20;  // per turn, so that one fast sender cannot hold the others up
        for (;;) {
            if (c.phase == Conn::Phase::kDrain) {
                const ssize_t n = ::recv(c.fd, buf.data(), buf.size(), 0);  // TLS records too: discarded
                if (n > 0) {
                    c.drained += static_cast<size_t>(n);
                    if (c.drained >= m_limits.maxDrainBytes) return Progress::kClosed;
                    if ((budget -= std::min(budget, static_cast<size_t>(n))) == 0) return Progress::kKeep;
                    continue;
                }
                if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return Progress::kKeep;
                return Progress::kClosed;
            }
            const size_t pending = c.pending();
            if (pending >= m_limits.maxHeadBytes) return Progress::kTooLarge;
            const ssize_t n = recvSome(c, buf.data(), std::min(buf.size(), m_limits.maxHeadBytes - pending));
            if (n > 0) {
                if (c.phase == Conn::Phase::kIdle) {
                    c.headStart = steadyMs();
                    c.deadline = c.headStart + m_limits.headTimeoutMs;
                }
                c.phase = Conn::Phase::kHead;
                c.in.append(buf.data(), static_cast<size_t>(n));
                if (c.headComplete()) return Progress::kReady;
                continue;
            }
            return n == kWouldBlock ? Progress::kKeep : Progress::kClosed;
        }
    };
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) break;
            for (auto& c : m_incoming) parked.push_back(std::move(c));
            m_incoming.clear();
        }
        fds.clear();
        fds.push_back({m_wake[0], POLLIN, 0});
        int64_t now = steadyMs();
        int64_t timeout = 1'000;
        for (auto& c : parked) {
            fds.push_back({c->fd, static_cast<short>(c->ssl && c->wantWrite ? POLLOUT : POLLIN), 0});
            timeout = std::min(timeout, c->deadline - now);
            if (c->ssl && c->phase != Conn::Phase::kDrain && SSL_pending(c->ssl) > 0) timeout = 0;
        }
        const int n = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<int64_t>(0, timeout)));
        if (n < 0 && errno != EINTR) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (n > 0 && (fds[0].revents & POLLIN)) {
            char sink[256];
            while (::read(m_wake[0], sink, sizeof sink) > 0) {
            }
        }
        now = steadyMs();
        keep.clear();
        for (size_t i = 0; i < parked.size(); ++i) {
            std::unique_ptr<Conn>& c = parked[i];
            const bool buffered = c->ssl && c->phase != Conn::Phase::kDrain && SSL_pending(c->ssl) > 0;
            Progress p = (n > 0 && fds[i + 1].revents) || buffered ? progress(*c) : Progress::kKeep;
            if (p == Progress::kKeep && steadyMs() >= c->deadline) {
                if (c->phase == Conn::Phase::kNew || c->phase == Conn::Phase::kHead) {
                    {
                        std::lock_guard lock(m_mutex);
                        ++m_stats.headTimeouts;
                    }
                    sendCanned(*c, 408, m_errorBody(408));
                    note("connection closed: no complete request head in time", c->peer);
                }
                p = Progress::kClosed;
            }
            switch (p) {
                case Progress::kKeep:
                    keep.push_back(std::move(c));
                    break;
                case Progress::kReady: {
                    std::lock_guard lock(m_mutex);
                    m_ready.push_back(std::move(c));
                    m_work.notify_one();
                    break;
                }
                case Progress::kTooLarge:
                    {
                        std::lock_guard lock(m_mutex);
                        ++m_stats.headTooLarge;
                    }
                    sendCanned(*c, 431, m_errorBody(431));
                    release(std::move(c));
                    break;
                case Progress::kClosed:
                    release(std::move(c));
                    break;
            }
        }
        parked.swap(keep);
    }
    for (auto& c : parked) release(std::move(c));
}

void HttpFront::workerLoop() {
    for (;;) {
        std::unique_ptr<Conn> c;
        {
            std::unique_lock lock(m_mutex);
            m_work.wait(lock, [&] { return m_stopping || !m_ready.empty(); });
            if (m_stopping) return;  // stop() closes what is left
            c = std::move(m_ready.front());
            m_ready.pop_front();
            m_active.insert(c.get());
        }
        serve(std::move(c));
    }
}

void HttpFront::serve(std::unique_ptr<Conn> c) {
    for (;;) {
        FrontRequest r;
        r.m_conn = c.get();
        r.m_front = this;
        r.m_start = c->headStart;
        // Until the route policy says otherwise (a device's request), the whole request must be
        // done within the head's time, and nothing past the head is read.
        r.m_deadline = c->headStart + m_limits.headTimeoutMs;
        r.m_budget = m_limits.maxHeadBytes;
        bool stopping = false;
        {
            std::lock_guard lock(m_mutex);
            stopping = m_stopping;
        }
        bool keepOpen = false;
        {
            FrontStream stream(*c, r, m_limits.writeTimeoutMs);
            t_request = &r;
            keepOpen = m_process(stream, stopping);
            t_request = nullptr;
        }
        if (r.m_slot) m_unauthenticatedBodies.fetch_sub(1);
        {
            std::lock_guard lock(m_mutex);
            if (r.m_timedOut) ++m_stats.requestTimeouts;
            stopping = m_stopping;
            if (!keepOpen || r.m_close || stopping) m_active.erase(c.get());
        }
        if (!keepOpen || r.m_close || stopping) {
            if (r.m_drain && !stopping) {
                // The client may still be sending the body that was refused: answer, half-close
                // and read what comes for a short while, so that it sees the answer, not a reset.
                if (c->ssl && c->tlsReady) {
                    ERR_clear_error();
                    SSL_shutdown(c->ssl);
                }
                ::shutdown(c->fd, SHUT_WR);
                c->phase = Conn::Phase::kDrain;
                c->deadline = steadyMs() + m_limits.drainTimeoutMs;
                park(std::move(c));
            } else {
                release(std::move(c));
            }
            return;
        }
        const int64_t now = steadyMs();
        if (c->pending() > 0 && c->headComplete()) {  // pipelined: the next head is here already
            c->headStart = now;
            continue;
        }
        {
            std::lock_guard lock(m_mutex);
            m_active.erase(c.get());
        }
        c->compact();
        c->headStart = now;
        c->phase = c->pending() > 0 ? Conn::Phase::kHead : Conn::Phase::kIdle;
        c->deadline = now + (c->pending() > 0 ? m_limits.headTimeoutMs : m_limits.idleTimeoutMs);
        park(std::move(c));
        return;
    }
}

}  // namespace fc::sync
