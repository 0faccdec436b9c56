// forecourt-hub — the store hub: merges every device's changes, orders them and serves them back.
//
//   forecourt-hub --db hub.db --listen 127.0.0.1:8787 [--cert cert.pem --key key.pem]
// With TLS it prints the certificate's fingerprint (and records it for `forecourtctl hub-code`):
// devices enrol with it and pin the hub's key, so a store's own certificate needs no CA.
// Stops cleanly on SIGTERM/SIGINT. Every acknowledged push is committed (synchronous=FULL) before
// the answer leaves, so a kill -9 loses nothing the hub acknowledged.
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <string>

#include <sys/stat.h>

#include "shared/core/clock.hpp"
#include "sync/net/tls_pin.hpp"
#include "sync/server/hub_server.hpp"

namespace {

const char* kUsage = R"(usage: forecourt-hub --db PATH [--listen HOST:PORT] [--cert FILE --key FILE]
                     [--store-name NAME] [limits]

  --db PATH          the hub's database (created if it does not exist)
  --listen HOST:PORT where to serve (default 127.0.0.1:8787; port 0 picks a free one)
  --cert, --key      serve HTTPS with this certificate and private key (PEM); the
                     certificate's fingerprint is printed: devices enrol with it
  --store-name NAME  the store's name when the database is created

Limits against hostile or broken clients (defaults in brackets; see sync/PROTOCOL.md, "Limits"):
  --threads N                  workers serving requests with a complete head [256]
  --reserve-threads N          workers a request without a device token never holds while
                               its body arrives [32]
  --max-connections N          open connections in all (also kept under the descriptor limit) [1024]
  --max-connections-per-address N
                               open connections from one client address (IPv6: one /64) [64]
  --head-timeout-ms N          request line and headers, from the first byte; also the whole of
                               a request without a device token [10000]
  --request-timeout-ms N       the whole of a device's request, body included [60000]
  --idle-timeout-ms N          a keep-alive connection without a request [5000]
  --enrol-burst N              refused enrolment attempts per address before 429 [10]
  --enrol-refill-ms N          then one more attempt per N ms [6000]
)";

int usage(const std::string& msg) {
    std::cerr << "forecourt-hub: " << msg << "\n" << kUsage;
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    ::umask(077);  // the hub's database, its WAL and snapshots hold personal data: the owner's alone
    std::string db, listen = "127.0.0.1:8787", cert, key, storeName = "Forecourt 门店";
    fc::sync::HubServerOptions opt;
    struct Limit {
        int64_t min, max;
        std::function<void(int64_t)> set;
    };
    auto asInt = [](int& field) { return [&field](int64_t n) { field = static_cast<int>(n); }; };
    auto asMs = [](int64_t& field) { return [&field](int64_t n) { field = n; }; };
    std::map<std::string, Limit> limits = {
        {"--threads", {1, 4096, asInt(opt.threads)}},
        {"--reserve-threads", {0, 4095, asInt(opt.reserveThreads)}},
        {"--max-connections", {1, 1'000'000, asInt(opt.maxConnections)}},
        {"--max-connections-per-address", {1, 1'000'000, asInt(opt.maxConnectionsPerAddress)}},
        {"--head-timeout-ms", {100, 600'000, asMs(opt.headTimeoutMs)}},
        {"--request-timeout-ms", {100, 3'600'000, asMs(opt.requestTimeoutMs)}},
        {"--idle-timeout-ms", {100, 600'000, asMs(opt.idleTimeoutMs)}},
        {"--enrol-burst", {1, 1'000'000, asInt(opt.enrolLimit.burst)}},
        {"--enrol-refill-ms", {1, 86'400'000, asMs(opt.enrolLimit.refillMs)}},
    };
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
        } else if (auto it = limits.find(a); it != limits.end()) {
            std::string v;
            if (!value(v)) return usage(a + " needs a number");
            int64_t n = 0;
            const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            if (ec != std::errc() || p != v.data() + v.size() || n < it->second.min || n > it->second.max)
                return usage(a + ": '" + v + "' is not a number in " + std::to_string(it->second.min) + ".." +
                             std::to_string(it->second.max));
            it->second.set(n);
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
    // The fingerprint people type with the code (hub-code reads it from the database); none
    // recorded when serving plain HTTP, so no code carries a stale one.
    std::string fingerprint;
    if (!cert.empty()) {
        auto keyHash = fc::sync::certificateFileKeySha256(cert);
        if (!keyHash) {
            std::cerr << "forecourt-hub: --cert: " << keyHash.error().message << "\n";
            return 1;
        }
        fingerprint = fc::sync::fingerprintOf(*keyHash);
    }
    if (auto r = (*hub)->setTlsFingerprint(fingerprint); !r) {
        std::cerr << "forecourt-hub: " << r.error().message << "\n";
        return 1;
    }
    opt.host = host;
    opt.port = port;
    opt.certFile = cert;
    opt.keyFile = key;
    fc::sync::HubServer server(**hub, opt);
    if (auto r = server.start(); !r) {
        std::cerr << "forecourt-hub: " << r.error().message << "\n";
        return 1;
    }
    if (server.tls())
        std::cout << "forecourt-hub certificate fingerprint: " << fingerprint
                  << "; devices enrol with it (forecourtctl hub-code prints CODE@" << fingerprint << ")"
                  << std::endl;
    else if (const std::string url = "http://" + host; !fc::sync::isLoopbackUrl(url))
        std::cerr << "forecourt-hub: warning: serving plain HTTP on " << host
                  << ": device tokens and customer data cross the network unencrypted; start with "
                     "--cert/--key"
                  << std::endl;
    std::cout << "forecourt-hub listening on " << (server.tls() ? "https" : "http") << "://" << host
              << ":" << server.port() << " (store " << (*hub)->storeId() << ", hub_seq "
              << (*hub)->latestSeq() << ")" << std::endl;
    std::cerr << "forecourt-hub: limits: " << opt.threads << " workers (" << opt.reserveThreads
              << " kept from unauthenticated bodies), " << opt.maxConnections << " connections, "
              << opt.maxConnectionsPerAddress << " per address; head " << opt.headTimeoutMs << " ms, request "
              << opt.requestTimeoutMs << " ms, idle " << opt.idleTimeoutMs << " ms; enrolment: "
              << opt.enrolLimit.burst << " refusals per address, then one per " << opt.enrolLimit.refillMs
              << " ms" << std::endl;
    int sig = 0;
    sigwait(&signals, &sig);
    std::cerr << "forecourt-hub: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << ", stopping\n";
    server.stop();
    return 0;
}
