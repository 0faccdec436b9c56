// forecourt-hub — the store hub: merges every device's changes, orders them and serves them back.
//
//   forecourt-hub --db hub.db --listen 127.0.0.1:8787 [--cert cert.pem --key key.pem]
// Stops cleanly on SIGTERM/SIGINT. Every acknowledged push is committed (synchronous=FULL) before
// the answer leaves, so a kill -9 loses nothing the hub acknowledged.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "shared/core/clock.hpp"
#include "sync/server/hub_server.hpp"

namespace {

const char* kUsage = R"(usage: forecourt-hub --db PATH [--listen HOST:PORT] [--cert FILE --key FILE]
                     [--store-name NAME]

  --db PATH          the hub's database (created if it does not exist)
  --listen HOST:PORT where to serve (default 127.0.0.1:8787; port 0 picks a free one)
  --cert, --key      serve HTTPS with this certificate and private key (PEM)
  --store-name NAME  the store's name when the database is created
)";

int usage(const std::string& msg) {
    std::cerr << "forecourt-hub: " << msg << "\n" << kUsage;
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db, listen = "127.0.0.1:8787", cert, key, storeName = "Forecourt 门店";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (a == "--db") {
            if (!value(db)) return usage("--db needs a path");
        } else if (a == "--listen") {
            if (!value(listen)) return usage("--listen needs HOST:PORT");
        } else if (a == "--cert") {
            if (!value(cert)) return usage("--cert needs a file");
        } else if (a == "--key") {
            if (!value(key)) return usage("--key needs a file");
        } else if (a == "--store-name") {
            if (!value(storeName)) return usage("--store-name needs a name");
        } else {
            return usage("unknown option " + a);
        }
    }
    if (db.empty()) return usage("--db PATH is required");
    if (cert.empty() != key.empty()) return usage("--cert and --key go together");
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return usage("--listen needs HOST:PORT");
    const std::string host = listen.substr(0, colon);
    int port = 0;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
        return usage("--listen: '" + listen.substr(colon + 1) + "' is not a port");
    }
    if (port < 0 || port > 65535) return usage("--listen: port out of range");

    // SIGTERM/SIGINT are taken by sigwait below, not by a handler in a random thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    fc::core::SystemClock clock;
    auto hub = fc::sync::Hub::open(db, clock, storeName);
    if (!hub) {
        std::cerr << "forecourt-hub: " << hub.error().message << "\n";
        return 1;
    }
    fc::sync::HubServerOptions opt;
    opt.host = host;
    opt.port = port;
    opt.certFile = cert;
    opt.keyFile = key;
    fc::sync::HubServer server(**hub, opt);
    if (auto r = server.start(); !r) {
        std::cerr << "forecourt-hub: " << r.error().message << "\n";
        return 1;
    }
    std::cout << "forecourt-hub listening on " << (server.tls() ? "https" : "http") << "://" << host
              << ":" << server.port() << " (store " << (*hub)->storeId() << ", hub_seq "
              << (*hub)->latestSeq() << ")" << std::endl;
    int sig = 0;
    sigwait(&signals, &sig);
    std::cerr << "forecourt-hub: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << ", stopping\n";
    server.stop();
    return 0;
}
