#include "tests/e2e/support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>

namespace fc::test {

namespace {

constexpr size_t kMaxHead = 64 * 1024;
constexpr size_t kMaxBody = 64u << 20;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t");
    const size_t b = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

bool sendAll(int fd, const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

// Appends what the socket has to `buf`; false at end of stream or on an error.
bool receiveMore(int fd, std::string& buf) {
    char chunk[16 * 1024];
    while (true) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        buf.append(chunk, static_cast<size_t>(n));
        return true;
    }
}

const char* reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 426:
            return "Upgrade Required";
        case 500:
            return "Internal Server Error";
        default:
            return "Status";
    }
}

std::string head(int status, size_t contentLength) {
    return "HTTP/1.1 " + std::to_string(status) + " " + reason(status) +
           "\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(contentLength) + "\r\nConnection: keep-alive\r\n\r\n";
}

}  // namespace

FaultProxy::FaultProxy(std::string upstreamHost, int upstreamPort, uint64_t seed,
                       ProxyFaults faults)
    : m_upstreamHost(std::move(upstreamHost)),
      m_upstreamPort(upstreamPort),
      m_rng(seed),
      m_faults(faults) {}

FaultProxy::~FaultProxy() {
    stop();
}

core::Status FaultProxy::start() {
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listenFd < 0)
        return core::Error(core::Errc::kIo, std::string("proxy socket: ") + std::strerror(errno));
    const int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(m_listenFd, 64) != 0)
        return core::Error(core::Errc::kIo, std::string("proxy bind: ") + std::strerror(errno));
    socklen_t len = sizeof addr;
    ::getsockname(m_listenFd, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_acceptThread = std::thread([this] { acceptLoop(); });
    return {};
}

void FaultProxy::stop() {
    if (m_listenFd < 0) return;
    m_stopping = true;
    ::shutdown(m_listenFd, SHUT_RDWR);  // wakes accept()
    if (m_acceptThread.joinable()) m_acceptThread.join();
    ::close(m_listenFd);
    m_listenFd = -1;
    std::list<std::thread> threads;
    {
        std::lock_guard lock(m_mutex);
        for (int fd : m_clients) ::shutdown(fd, SHUT_RDWR);  // wakes recv()
        threads.swap(m_threads);
    }
    for (auto& t : threads) t.join();
}

void FaultProxy::setFaults(const ProxyFaults& faults) {
    std::lock_guard lock(m_mutex);
    m_faults = faults;
}

ProxyCounts FaultProxy::counts() const {
    std::lock_guard lock(m_mutex);
    return m_counts;
}

void FaultProxy::acceptLoop() {
    while (!m_stopping) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;  // shut down
        }
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            ::close(fd);
            return;
        }
        m_clients.insert(fd);
        m_threads.emplace_back([this, fd] { serve(fd); });
    }
}

void FaultProxy::closeClient(int fd) {
    std::lock_guard lock(m_mutex);
    m_clients.erase(fd);
    ::close(fd);
}

FaultProxy::Plan FaultProxy::roll() {
    std::lock_guard lock(m_mutex);
    std::uniform_real_distribution<double> p(0.0, 1.0);
    // Every die is rolled for every request, so one seed always gives the same sequence.
    const double delay = p(m_rng), drop = p(m_rng), lose = p(m_rng), truncate = p(m_rng),
                 duplicate = p(m_rng), honest = p(m_rng), cut = p(m_rng), delayLen = p(m_rng);
    ++m_counts.requests;
    Plan plan;
    if (delay < m_faults.delay) {
        plan.delayMs = 1 + static_cast<int>(delayLen * std::max(0, m_faults.maxDelayMs - 1));
        ++m_counts.delayed;
    }
    if (drop < m_faults.drop) {
        plan.drop = true;
        ++m_counts.dropped;
        return plan;
    }
    if (duplicate < m_faults.duplicate) {
        plan.duplicate = true;
        ++m_counts.duplicated;
    }
    if (lose < m_faults.loseAnswer) {
        plan.loseAnswer = true;
        ++m_counts.lostAnswers;
    } else if (truncate < m_faults.truncate) {
        plan.truncate = true;
        plan.honestLength = honest < 0.5;
        plan.cut = 0.05 + 0.9 * cut;
        ++m_counts.truncated;
    }
    return plan;
}

void FaultProxy::serve(int fd) {
    std::unique_ptr<httplib::Client> upstream;
    std::string buf;
    while (!m_stopping) {
        // [request] head, then a Content-Length body (curl sends no chunked bodies here).
        size_t headEnd;
        while ((headEnd = buf.find("\r\n\r\n")) == std::string::npos) {
            if (buf.size() > kMaxHead || !receiveMore(fd, buf)) return closeClient(fd);
        }
        Request r;
        size_t contentLength = 0;
        {
            const std::string headText = buf.substr(0, headEnd);
            size_t lineEnd = headText.find("\r\n");
            const std::string first = headText.substr(0, lineEnd);
            const size_t sp1 = first.find(' ');
            const size_t sp2 = first.find(' ', sp1 + 1);
            if (sp1 == std::string::npos || sp2 == std::string::npos) return closeClient(fd);
            r.method = first.substr(0, sp1);
            r.target = first.substr(sp1 + 1, sp2 - sp1 - 1);
            while (lineEnd != std::string::npos && lineEnd < headText.size()) {
                const size_t start = lineEnd + 2;
                lineEnd = headText.find("\r\n", start);
                const std::string line = headText.substr(
                    start, lineEnd == std::string::npos ? std::string::npos : lineEnd - start);
                const size_t colon = line.find(':');
                if (colon == std::string::npos) continue;
                const std::string name = lower(trim(line.substr(0, colon)));
                const std::string value = trim(line.substr(colon + 1));
                if (name == "content-length")
                    contentLength = std::strtoull(value.c_str(), nullptr, 10);
                if (name == "transfer-encoding") return closeClient(fd);  // not supported here
                if (name == "authorization") r.authorization = value;
                if (name == "content-type") r.contentType = value;
            }
        }
        if (contentLength > kMaxBody) return closeClient(fd);
        while (buf.size() < headEnd + 4 + contentLength)
            if (!receiveMore(fd, buf)) return closeClient(fd);
        r.body = buf.substr(headEnd + 4, contentLength);
        buf.erase(0, headEnd + 4 + contentLength);

        // [faults] decided up front from the seeded dice.
        const Plan plan = roll();
        if (plan.delayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(plan.delayMs));
        if (plan.drop) return closeClient(fd);

        // [forward] to the hub (twice for a duplicate), keeping the connection alive.
        if (!upstream) {
            upstream = std::make_unique<httplib::Client>(m_upstreamHost, m_upstreamPort);
            upstream->set_keep_alive(true);
            upstream->set_url_encode(false);
            upstream->set_connection_timeout(3, 0);
            upstream->set_read_timeout(30, 0);
            upstream->set_write_timeout(30, 0);
        }
        httplib::Request up;
        up.method = r.method;
        up.path = r.target;
        up.body = r.body;
        if (!r.authorization.empty()) up.headers.emplace("Authorization", r.authorization);
        up.headers.emplace("Content-Type",
                           r.contentType.empty() ? "application/json" : r.contentType);
        httplib::Result answer = upstream->send(up);
        {
            std::lock_guard lock(m_mutex);
            ++m_counts.forwarded;
        }
        if (answer && plan.duplicate) {
            answer = upstream->send(up);
            std::lock_guard lock(m_mutex);
            ++m_counts.forwarded;
        }
        if (!answer) {
            std::lock_guard lock(m_mutex);
            ++m_counts.upstreamErrors;
            return closeClient(fd);  // as a dead hub looks to the client
        }

        // [answer] whole, cut short, or not at all.
        if (plan.loseAnswer) return closeClient(fd);
        const std::string& body = answer->body;
        if (plan.truncate && !body.empty()) {
            const size_t keep =
                std::min(body.size() - 1, static_cast<size_t>(body.size() * plan.cut));
            if (plan.honestLength) {
                // A complete message whose body is a prefix: the client must reject the JSON.
                if (!sendAll(fd, head(answer->status, keep) + body.substr(0, keep)))
                    return closeClient(fd);
                continue;
            }
            // The full length announced, fewer bytes sent, then the connection closes.
            (void)sendAll(fd, head(answer->status, body.size()) + body.substr(0, keep));
            return closeClient(fd);
        }
        if (!sendAll(fd, head(answer->status, body.size()) + body)) return closeClient(fd);
    }
    closeClient(fd);
}

}  // namespace fc::test
