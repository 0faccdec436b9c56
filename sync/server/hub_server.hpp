// forecourt-hub's HTTP front: cpp-httplib routes onto HubApi, TCP_NODELAY, keep-alive, gzip, a
// thread per connection from a large pool, a body size limit, optional TLS, and one log line per
// request with no personal data in it (paths never carry any).
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

namespace httplib {
class Server;
}

namespace fc::sync {

struct HubServerOptions {
    std::string host = "127.0.0.1";
    int port = 8787;         // 0: pick a free port
    std::string certFile;    // TLS when both are set
    std::string keyFile;
    int threads = 256;       // each keep-alive connection holds one; a device keeps two
    std::function<void(const std::string&)> log;  // one line per request; default stderr
};

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

private:
    Hub& m_hub;
    HubApi m_api;
    HubServerOptions m_options;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = 0;
};

}  // namespace fc::sync
