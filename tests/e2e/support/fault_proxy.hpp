// A fault-injecting HTTP/1.1 proxy for end-to-end sync tests, running in the test process: it
// listens on a free loopback port, reads each request from the client, forwards it to the hub
// with cpp-httplib and relays the answer — or, as a seeded die decides, delays it, drops the
// connection before or after the hub handled it, cuts the answer's body short, or delivers the
// request twice and answers with the second response.
//
//   FaultProxy proxy("127.0.0.1", hubPort, /*seed=*/7, {.drop = 0.1, .truncate = 0.1});
//   FC_TRY(proxy.start());
//   CurlTransport http(proxy.url());   ...   proxy.counts().truncated
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "shared/core/result.hpp"

namespace fc::test {

// Probabilities per request, each rolled independently.
struct ProxyFaults {
    double delay = 0;       // held back 1..maxDelayMs before it is forwarded
    double drop = 0;        // connection closed without forwarding (the hub never sees it)
    double loseAnswer = 0;  // forwarded, the hub answered, the connection closed without answering
    double truncate = 0;    // the answer's body cut short (half the time with an honest length)
    double duplicate = 0;   // forwarded twice; the client gets the second answer
    int maxDelayMs = 40;
};

struct ProxyCounts {
    size_t requests = 0;   // requests read from clients
    size_t forwarded = 0;  // requests sent to the hub (duplicates count twice)
    size_t delayed = 0, dropped = 0, lostAnswers = 0, truncated = 0, duplicated = 0;
    size_t upstreamErrors = 0;  // the hub did not answer
};

class FaultProxy {
public:
    FaultProxy(std::string upstreamHost, int upstreamPort, uint64_t seed, ProxyFaults faults = {});
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    // Binds 127.0.0.1 on a free port and starts accepting.
    core::Status start();
    // Closes the listener and every client connection, and joins all threads.
    void stop();

    int port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    void setFaults(const ProxyFaults& faults);
    ProxyCounts counts() const;

private:
    struct Request {
        std::string method, target, body, authorization, contentType;
    };
    struct Plan {
        int delayMs = 0;
        bool drop = false, loseAnswer = false, truncate = false, honestLength = false,
             duplicate = false;
        double cut = 0.5;  // fraction of the body kept when truncating
    };
    void acceptLoop();
    void serve(int fd);
    Plan roll();
    void closeClient(int fd);

    std::string m_upstreamHost;
    int m_upstreamPort;
    int m_listenFd = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::thread m_acceptThread;

    mutable std::mutex m_mutex;  // guards everything below
    std::mt19937_64 m_rng;
    ProxyFaults m_faults;
    ProxyCounts m_counts;
    std::set<int> m_clients;
    std::list<std::thread> m_threads;
};

}  // namespace fc::test
