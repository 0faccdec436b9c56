// forecourt-hub's HTTP server: cpp-httplib routes onto HubApi, TCP_NODELAY, keep-alive, gzip
// answers, optional TLS, and one log line per request with no personal data in it (paths never
// carry any). Sockets are handled by HttpFront (http_front.hpp): a worker only for a complete
// request head, deadlines, per-address connection caps. Every request passes the route policy
// before a byte of its body is read: a route takes a body or not (health, pull and snapshot take
// none, enrolment 4 KiB, a push 32 MiB and only with a valid token), one length, no content
// coding but gzip/deflate on a push, and the decoded body is counted against the same limit.
//
//   HubServer server(hub, {.host = "127.0.0.1", .port = 8787});
//   FC_TRY(server.start());  ...  server.stop();
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "sync/hub.hpp"
#include "sync/hub_api.hpp"
#include "sync/server/http_front.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace fc::sync {

struct HubServerOptions {
    std::string host = "127.0.0.1";
    int port = 8787;         // 0: pick a free port
    std::string certFile;    // TLS when both are set
    std::string keyFile;
    int threads = 256;       // workers: one per request being served (a long-poll holds one)
    std::function<void(const std::string&)> log;  // one line per request; default stderr
    // Hostile clients (PROTOCOL.md §5, "Server"). Defaults suit a store; forecourt-hub has flags.
    int maxConnections = 1024;           // open connections in all (and the descriptor limit)
    int maxConnectionsPerAddress = 64;   // from one client address (an IPv6 /64)
    int reserveThreads = 32;             // workers a request without a token never reads a body on
    int64_t headTimeoutMs = 10'000;      // request line and headers; and all of a request without a token
    int64_t requestTimeoutMs = 60'000;   // all of a device's request, body included
    int64_t idleTimeoutMs = 5'000;       // a keep-alive connection with no request
    EnrolLimit enrolLimit;               // refused enrolments per address
};

// Request bodies: what each route takes at most (decoded, after gzip), and on the wire.
constexpr size_t kMaxEnrolBodyBytes = 4u << 10;
constexpr size_t kMaxHeadBytes = 16u << 10;

class HubServer {
public:
    HubServer(Hub& hub, HubServerOptions options);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    // Binds and starts serving on a background thread; an error if the address is taken.
    Status start();
    void stop();
    int port() const { return m_port; }
    bool tls() const { return !m_options.certFile.empty(); }
    // Connections refused, heads that timed out… (tests, the closing log line).
    FrontStats frontStats() const;

private:
    // The route policy, after the head and before the body: true when it answered (refused).
    bool refuseEarly(const httplib::Request& req, httplib::Response& res);
    void serve(const httplib::Request& req, std::string body, httplib::Response& res);
    Hub& m_hub;
    HubApi m_api;
    HubServerOptions m_options;
    std::unique_ptr<httplib::Server> m_server;
    std::unique_ptr<HttpFront> m_front;
    std::thread m_thread;
    int m_port = 0;
};

}  // namespace fc::sync
