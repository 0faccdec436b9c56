// The hub's HTTP routes (protocol v1, see sync/PROTOCOL.md) as a plain function from request to
// response, so the real server (cpp-httplib), the in-process test transport and the fuzzer all
// go through the same code.
//
//   HubApi api(hub);
//   ApiResponse r = api.handle({"POST", "/v1/push", {}, body, token});
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "sync/hub.hpp"

namespace fc::sync {

struct ApiRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> query;
    std::string body;
    std::string token;  // from "Authorization: Bearer …"
    std::string peer;   // the client's address (HTTP server); "" in process
};

struct ApiResponse {
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
    // A file to send as the body instead (the snapshot): the server streams it, then removes it.
    std::string file;
    uint64_t fileBytes = 0;
    std::map<std::string, std::string> headers;
};

// Moves a response's file into its body and removes the file (in-process callers: tests, fuzzers).
void inlineFile(ApiResponse& response);

// Refused enrolment attempts allowed per client address: a burst, then one per `refillMs`.
// Past it the hub answers 429 with Retry-After without looking at the code (PROTOCOL.md §5).
struct EnrolLimit {
    int burst = 10;
    int64_t refillMs = 6'000;  // 10 a minute
};

class HubApi {
public:
    explicit HubApi(Hub& hub, EnrolLimit enrolLimit = {}) : m_hub(hub), m_enrolLimit(enrolLimit) {}
    ApiResponse handle(const ApiRequest& request);
    // The longest a pull may wait for new changes.
    static constexpr int64_t kMaxWaitMs = 30'000;
    // Addresses tracked by the enrolment limiter at most (the least recently refused go first).
    static constexpr size_t kMaxTrackedAddresses = 4096;

private:
    ApiResponse error(int status, const std::string& code, const std::string& message,
                      nlohmann::json extra = nlohmann::json::object());
    ApiResponse health();
    ApiResponse enroll(const ApiRequest& r);
    ApiResponse enrollChecked(const ApiRequest& r);
    ApiResponse push(const ApiRequest& r, const HubDevice& device);
    ApiResponse pull(const ApiRequest& r, const HubDevice& device);
    ApiResponse snapshot(const HubDevice& device);
    // The enrolment limiter: ms until the address may try again (0: now), and a refusal spent.
    int64_t enrolWaitMs(const std::string& key);
    void enrolRefused(const std::string& key, const std::string& peer);
    Hub& m_hub;
    EnrolLimit m_enrolLimit;
    struct Bucket {
        double tokens = 0;
        int64_t at = 0;        // when `tokens` was computed (hub clock)
        bool audited = false;  // the limit was audited since the bucket was last full
    };
    std::mutex m_limitMutex;
    std::map<std::string, Bucket> m_buckets;
};

// The key the enrolment limiter counts an address under: IPv4 as is, IPv6 by its /64 (one host
// has a whole /64 to pick from), "" for in-process callers.
std::string limiterKey(const std::string& peer);

// The `error` code of an answer with this HTTP status (400 invalid, 404 not_found, 413 too_large,
// 5xx internal…), and a whole error body for a status the server produces before any route runs
// (a malformed request, a body too large): honest codes, no internals.
const char* errorCodeFor(int status);
std::string errorBodyFor(int status, int64_t hubTime);

// Splits "/v1/pull?after=3&limit=10" into path and query (percent-decoding values).
void splitTarget(const std::string& target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace fc::sync
