// Transport over HTTP(S) with libcurl: one reused handle (keep-alive), TCP_NODELAY, gzip-compressed
// answers, connect and total timeouts. No answer → an error (unknown outcome, retry as is).
// HTTPS is checked against the system's CAs, a given CA file, or the hub's public key pinned at
// enrolment (tls_pin.hpp), which then is the only thing trusted.
//
//   CurlTransport t("http://127.0.0.1:8787");
//   SyncClient client(services, t);
//   CurlTransport pinned("https://192.168.1.10:8787", {.pinnedPublicKey = credentials.hubPin});
#pragma once

#include <atomic>
#include <mutex>
#include <string>

#include "sync/client.hpp"

namespace fc::sync {

struct CurlOptions {
    long connectTimeoutMs = 3000;
    long timeoutMs = 15000;        // per request, on top of any long-poll wait in the target
    std::string caFile;            // trust this CA for https (self-signed hub certificates)
    bool verifyPeer = true;
    // "sha256//BASE64" (curlPinOf): the hub's key as pinned at enrolment. When set, that key is
    // what is trusted (no CA or host name check): a hub showing any other key gets nothing, not
    // even the request, and a plain http:// address is refused.
    std::string pinnedPublicKey;
    // The most read of one answer, counted after gzip decoding and while reading: a transfer
    // past it is cut off and refused (a gzip bomb never inflates beyond it).
    uint64_t maxResponseBytes = kMaxResponseBytes;
    // A snapshot is written to disk up to the least of: this, what the hub announced
    // (Content-Length; an announcement beyond the cap is refused before a byte is written), and
    // half the free space beside the file less snapshotReserveBytes (the copy into the database
    // needs about as much again).
    uint64_t maxSnapshotBytes = uint64_t{16} << 30;
    uint64_t snapshotReserveBytes = uint64_t{64} << 20;
};

class CurlTransport final : public Transport {
public:
    explicit CurlTransport(std::string baseUrl, CurlOptions options = {});
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    Result<HttpResult> request(const std::string& method, const std::string& target,
                               const std::string& body, const std::string& token) override;
    // Streams to disk; no total timeout, but a transfer that stalls (under 1 KiB/s for
    // timeoutMs) fails.
    Result<HttpResult> download(const std::string& target, const std::string& token,
                                const std::string& path) override;
    // libcurl asks its progress callback about once a second while waiting: a cancelled
    // long-poll ends within about a second.
    void cancel() override { m_cancelled = true; }

    struct Sink;  // where an answer's bytes go, and how many may

private:
    Result<long> perform(const std::string& method, const std::string& target, const std::string& body,
                         const std::string& token, Sink& sink, bool stream);

    std::string m_base;
    CurlOptions m_options;
    void* m_curl = nullptr;
    std::mutex m_mutex;
    std::atomic<bool> m_cancelled{false};
};

// The certificate (PEM) the server at an https `baseUrl` presents, read without trusting it (no
// CA or host check) while asking GET `target`: to compare its key with a fingerprint a person
// typed before anything else is sent. An error when no TLS connection was made.
Result<std::string> peerCertificatePem(const std::string& baseUrl, const std::string& target = "/v1/health",
                                       const CurlOptions& options = {});

}  // namespace fc::sync
