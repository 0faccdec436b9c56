#include "sync/server/hub_server.hpp"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace fc::sync {

using nlohmann::json;

namespace {

std::string timestamp() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// cpp-httplib's listener hands each accepted socket to its task queue; this one passes it to the
// front at once (process_and_close_socket below only adopts it), on the listener's thread.
class AdoptAtOnce final : public httplib::TaskQueue {
public:
    void enqueue(std::function<void()> fn) override { fn(); }
    void shutdown() override {}
};

// The server with its socket handling replaced: cpp-httplib parses and routes one request at a
// time on a stream the front gives it (process_request), and never reads a socket itself.
template <class Base>
class Fronted final : public Base {
public:
    using Base::Base;
    std::function<void(int)> adopt;
    bool processOne(httplib::Stream& stream, bool closeConnection, bool& connectionClosed) {
        return this->process_request(stream, closeConnection, connectionClosed, nullptr);
    }
    // cpp-httplib 0.11 listens with a backlog of 5: a burst of connections (an attack, or a store's
    // devices coming back after an outage) fills it and the kernel drops further SYNs, so honest
    // clients wait out a 1 s retransmission. listen() again on the bound socket widens it.
    void widenBacklog() { ::listen(this->svr_sock_, SOMAXCONN); }

private:
    bool process_and_close_socket(socket_t sock) override {
        if (adopt) {
            adopt(sock);
        } else {
            ::close(sock);
        }
        return true;
    }
};

template <class S>
HttpFront::Process processWith(S* server) {
    return [server](httplib::Stream& stream, bool closeConnection) {
        bool closed = false;
        const bool ok = server->processOne(stream, closeConnection, closed);
        return ok && !closed;
    };
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trimmed(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// The most a route's request body may be, decoded; 0: it takes none.
size_t maxBodyFor(const httplib::Request& req) {
    if (req.method != "POST") return 0;
    if (req.path == "/v1/enroll") return kMaxEnrolBodyBytes;
    if (req.path == "/v1/push") return kMaxBodyBytes;
    return 0;
}

std::string bearer(const httplib::Request& req) {
    const std::string auth = req.get_header_value("Authorization");
    return auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "";
}

}  // namespace

HubServer::HubServer(Hub& hub, HubServerOptions options)
    : m_hub(hub), m_api(hub, options.enrolLimit), m_options(std::move(options)) {
    if (!m_options.log) m_options.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
}

HubServer::~HubServer() { stop(); }

FrontStats HubServer::frontStats() const { return m_front ? m_front->stats() : FrontStats{}; }

bool HubServer::refuseEarly(const httplib::Request& req, httplib::Response& res) {
    FrontRequest* front = FrontRequest::current();
    auto refuse = [&](int status, const char* code, const std::string& message, bool drain) {
        res.status = status;
        res.set_content(json{{"error", code}, {"message", message}, {"hub_time", m_hub.nowMs()}}.dump(),
                        "application/json");
        res.set_header("Connection", "close");
        if (status == 503) res.set_header("Retry-After", "1");
        if (front) front->closeAfter(drain);
        return true;
    };
    // Framing: one length, or chunked; nothing else (RFC 9112 §6; two lengths smuggle requests).
    const size_t lengths = req.get_header_value_count("Content-Length");
    const size_t codings = req.get_header_value_count("Transfer-Encoding");
    if (lengths > 1 || codings > 1 || (lengths == 1 && codings == 1))
        return refuse(400, "invalid", "conflicting Content-Length / Transfer-Encoding headers", true);
    if (codings == 1 && lower(trimmed(req.get_header_value("Transfer-Encoding"))) != "chunked")
        return refuse(501, "not_implemented", "only the chunked transfer coding is understood", true);
    uint64_t length = 0;
    if (lengths == 1) {
        const std::string v = trimmed(req.get_header_value("Content-Length"));
        if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos)
            return refuse(400, "invalid", "Content-Length is not a length", true);
        length = std::stoull(v);
    }
    // A POST without either has no body by HTTP/1.1; cpp-httplib would read until the peer closes.
    if (req.method == "POST" && lengths == 0 && codings == 0)
        return refuse(411, "length_required", "a POST needs Content-Length (0 for no body)", false);
    const bool hasBody = codings == 1 || length > 0;
    const size_t maxBody = maxBodyFor(req);
    if (hasBody && maxBody == 0) return refuse(413, "too_large", "this request takes no body", true);
    if (length > maxBody)
        return refuse(413, "too_large", "request body too large (at most " + std::to_string(maxBody) + " bytes)", true);
    if (hasBody && req.has_header("Content-Encoding")) {
        const std::string coding = lower(trimmed(req.get_header_value("Content-Encoding")));
        const bool ok = coding == "identity" ||
                        (req.path == "/v1/push" && (coding == "gzip" || coding == "deflate") &&
                         req.get_header_value_count("Content-Encoding") == 1);
        if (!ok) return refuse(415, "unsupported_encoding", "request content coding not accepted here", true);
    }
    bool device = false;
    if (req.path == "/v1/push" && req.method == "POST") {
        // A push is read only for a device: an unknown token costs the head, never the body.
        const std::string token = bearer(req);
        if (token.empty()) return refuse(401, "unauthorized", "a device token is required", hasBody);
        if (auto d = m_hub.authenticate(token); !d) return refuse(401, "unauthorized", d.error().message, hasBody);
        device = true;
    }
    if (!front) return false;
    if (device) front->extendDeadline(front->startedAt() + m_options.requestTimeoutMs);
    if (hasBody) {
        if (!device && !front->takeUnauthenticatedBodySlot())
            return refuse(503, "busy", "the hub is busy: try again shortly", true);
        // On the wire: the length, or for chunked the limit and generous framing.
        front->allowBody(codings == 1 ? maxBody + maxBody / 4 + (64u << 10) : length);
    }
    return false;
}

void HubServer::serve(const httplib::Request& req, std::string body, httplib::Response& res) {
    ApiRequest r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [k, v] : req.params) r.query[k] = v;
    r.body = std::move(body);
    r.token = bearer(req);
    r.peer = req.remote_addr;
    ApiResponse out = m_api.handle(r);
    res.status = out.status;
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    if (out.file.empty()) {
        res.set_content(std::move(out.body), out.contentType);
        return;
    }
    // A file (the snapshot) streams from disk with its length: a store's whole state need
    // not sit in memory. Unlinked now, readable until the answer is done or abandoned.
    auto file = std::shared_ptr<std::FILE>(std::fopen(out.file.c_str(), "rb"), [](std::FILE* f) {
        if (f) std::fclose(f);
    });
    std::error_code ec;
    std::filesystem::remove(out.file, ec);
    if (!file) {
        res.status = 500;
        res.set_content(errorBodyFor(500, m_hub.nowMs()), "application/json");
        return;
    }
    res.set_content_provider(
        out.fileBytes, out.contentType,
        [file](size_t offset, size_t length, httplib::DataSink& sink) {
            char buf[1 << 16];
            if (std::fseek(file.get(), static_cast<long>(offset), SEEK_SET) != 0) return false;
            const size_t n = std::fread(buf, 1, std::min(length, sizeof buf), file.get());
            return n > 0 && sink.write(buf, n);
        },
        [file](bool) {});
}

Status HubServer::start() {
    HttpFront::Process process;
    SSL_CTX* ssl = nullptr;
    std::function<void(int)>* adopt = nullptr;
    std::function<void()> widenBacklog;
    if (tls()) {
        auto srv = std::make_unique<Fronted<httplib::SSLServer>>(m_options.certFile.c_str(), m_options.keyFile.c_str());
        if (!srv->is_valid())
            return Error(core::Errc::kInvalid, "TLS: cannot load certificate '" + m_options.certFile +
                                                   "' and key '" + m_options.keyFile + "'");
        ssl = srv->ssl_context();
        process = processWith(srv.get());
        adopt = &srv->adopt;
        widenBacklog = [p = srv.get()] { p->widenBacklog(); };
        m_server = std::move(srv);
    } else {
        auto srv = std::make_unique<Fronted<httplib::Server>>();
        process = processWith(srv.get());
        adopt = &srv->adopt;
        widenBacklog = [p = srv.get()] { p->widenBacklog(); };
        m_server = std::move(srv);
    }
    FrontLimits limits;
    limits.maxHeadBytes = kMaxHeadBytes;
    limits.headTimeoutMs = m_options.headTimeoutMs;
    limits.idleTimeoutMs = m_options.idleTimeoutMs;
    limits.maxConnections = m_options.maxConnections;
    limits.maxConnectionsPerAddress = m_options.maxConnectionsPerAddress;
    limits.threads = m_options.threads;
    limits.reserveThreads = m_options.reserveThreads;
    m_front = std::make_unique<HttpFront>(limits, ssl, std::move(process), m_options.log,
                                          [this](int status) { return errorBodyFor(status, m_hub.nowMs()); });
    *adopt = [frontEnd = m_front.get()](int fd) { frontEnd->adopt(fd); };

    httplib::Server& s = *m_server;
    s.new_task_queue = [] { return new AdoptAtOnce; };
    s.set_tcp_nodelay(true);  // without it every response waits ~40 ms for the delayed ACK
    s.set_keep_alive_max_count(100000);
    // What the answers announce; the front closes an idle connection after idleTimeoutMs.
    s.set_keep_alive_timeout(std::max<time_t>(1, static_cast<time_t>(m_options.idleTimeoutMs / 1000)));
    s.set_payload_max_length(kMaxBodyBytes);

    // Before a byte of a body is read (the route policy), and for a client that asks first.
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        return refuseEarly(req, res) ? httplib::Server::HandlerResponse::Handled
                                     : httplib::Server::HandlerResponse::Unhandled;
    });
    s.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
        return refuseEarly(req, res) ? res.status : 100;
    });
    auto get = [this](const httplib::Request& req, httplib::Response& res) { serve(req, "", res); };
    // Every POST is read through this: the decoded body (after gzip) counts against the route's
    // limit as it arrives, so a small compressed body cannot inflate past it.
    auto post = [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
        FrontRequest* front = FrontRequest::current();
        const size_t limit = maxBodyFor(req);
        std::string body;
        if (!req.has_header("Transfer-Encoding") && !req.has_header("Content-Encoding")) {
            // The length was checked against the limit before: one allocation, no regrowth.
            const std::string length = req.get_header_value("Content-Length");
            if (!length.empty()) body.reserve(std::min<size_t>(limit, std::stoull(length)));
        }
        bool tooLarge = false;
        const bool ok = read([&](const char* data, size_t n) {
            if (n > limit - body.size()) {
                tooLarge = true;
                return false;
            }
            body.append(data, n);
            return true;
        });
        if (!ok || tooLarge) {
            const int status = tooLarge || (front && front->overBudget()) ? 413
                               : front && front->timedOut()               ? 408
                                                                          : 400;
            res.status = status;
            res.set_content(json{{"error", errorCodeFor(status)},
                                 {"message", status == 413   ? "request body too large (at most " +
                                                                   std::to_string(limit) + " bytes decoded)"
                                             : status == 408 ? std::string("the request took too long")
                                                             : std::string("the request body could not be read")},
                                 {"hub_time", m_hub.nowMs()}}
                                .dump(),
                            "application/json");
            res.set_header("Connection", "close");
            if (front) front->closeAfter(true);
            return;
        }
        serve(req, std::move(body), res);
    };
    for (const char* path : {"/v1/health", "/v1/enroll", "/v1/push", "/v1/pull", "/v1/snapshot"}) {
        s.Get(path, get);
        s.Post(path, post);
    }
    s.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        res.set_content(errorBodyFor(res.status, m_hub.nowMs()), "application/json");
    });
    s.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;  // nothing of the exception in the answer
        res.set_content(errorBodyFor(500, m_hub.nowMs()), "application/json");
    });
    s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        // No query strings, bodies or tokens: nothing personal reaches the log.
        m_options.log(timestamp() + " " + req.method + " " + req.path + " " + std::to_string(res.status) +
                      " " + std::to_string(res.body.size()) + "B " + req.remote_addr);
    });

    if (m_options.port == 0) {
        m_port = s.bind_to_any_port(m_options.host.c_str());
        if (m_port <= 0) return Error(core::Errc::kIo, "cannot listen on " + m_options.host);
    } else {
        if (!s.bind_to_port(m_options.host.c_str(), m_options.port))
            return Error(core::Errc::kIo, "cannot listen on " + m_options.host + ":" +
                                              std::to_string(m_options.port) + " (address in use?)");
        m_port = m_options.port;
    }
    m_front->start();
    widenBacklog();
    m_thread = std::thread([&s] { s.listen_after_bind(); });
    return {};
}

void HubServer::stop() {
    m_hub.releaseWaiters();  // long-polls answer now instead of holding a worker for up to 30 s
    if (m_server) m_server->stop();
    if (m_thread.joinable()) m_thread.join();
    if (m_front) m_front->stop();
}

}  // namespace fc::sync
