// The hub's HTTP routes (protocol v1, see sync/PROTOCOL.md) as a plain function from request to
// response, so the real server (cpp-httplib), the in-process test transport and the fuzzer all
// go through the same code.
//
//   HubApi api(hub);
//   ApiResponse r = api.handle({"POST", "/v1/push", {}, body, token});
#pragma once

#include <map>
#include <string>

#include "sync/hub.hpp"

namespace fc::sync {

struct ApiRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> query;
    std::string body;
    std::string token;  // from "Authorization: Bearer …"
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

class HubApi {
public:
    explicit HubApi(Hub& hub) : m_hub(hub) {}
    ApiResponse handle(const ApiRequest& request);
    // The longest a pull may wait for new changes.
    static constexpr int64_t kMaxWaitMs = 30'000;

private:
    ApiResponse error(int status, const std::string& code, const std::string& message,
                      nlohmann::json extra = nlohmann::json::object());
    ApiResponse health();
    ApiResponse enroll(const ApiRequest& r);
    ApiResponse push(const ApiRequest& r, const HubDevice& device);
    ApiResponse pull(const ApiRequest& r, const HubDevice& device);
    ApiResponse snapshot(const HubDevice& device);
    Hub& m_hub;
};

// Splits "/v1/pull?after=3&limit=10" into path and query (percent-decoding values).
void splitTarget(const std::string& target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace fc::sync
