#include "sync/hub_api.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "shared/db/migrations.hpp"

namespace fc::sync {

using nlohmann::json;

namespace {

bool parseInt(const std::string& s, int64_t& out) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

int fromHex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percentDecode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && fromHex(s[i + 1]) >= 0 && fromHex(s[i + 2]) >= 0) {
            out += static_cast<char>(fromHex(s[i + 1]) * 16 + fromHex(s[i + 2]));
            i += 2;
        } else {
            out += s[i] == '+' ? ' ' : s[i];
        }
    }
    return out;
}

constexpr const char* kInternalMessage = "the hub failed; nothing of the request was applied";

}  // namespace

void splitTarget(const std::string& target, std::string& path, std::map<std::string, std::string>& query) {
    const size_t q = target.find('?');
    path = target.substr(0, q);
    if (q == std::string::npos) return;
    size_t start = q + 1;
    while (start <= target.size()) {
        size_t end = target.find('&', start);
        if (end == std::string::npos) end = target.size();
        const std::string part = target.substr(start, end - start);
        const size_t eq = part.find('=');
        if (!part.empty())
            query[percentDecode(part.substr(0, eq))] =
                eq == std::string::npos ? "" : percentDecode(part.substr(eq + 1));
        start = end + 1;
    }
}

const char* errorCodeFor(int status) {
    switch (status) {
        case 400: return "invalid";
        case 401: return "unauthorized";
        case 403: return "forbidden";
        case 404: return "not_found";
        case 405: return "method";
        case 408: return "timeout";
        case 409: return "conflict";
        case 413: return "too_large";
        case 414: return "too_large";
        case 426: return "upgrade";
        case 429: return "busy";
        case 431: return "too_large";
        case 503: return "busy";
        default: return status >= 500 ? "internal" : "invalid";
    }
}

std::string errorBodyFor(int status, int64_t hubTime) {
    const char* message = "the request could not be handled";
    switch (status) {
        case 400: message = "malformed request"; break;
        case 404: message = "no such route"; break;
        case 405: message = "method not allowed"; break;
        case 408: message = "the request took too long"; break;
        case 413: message = "request body too large"; break;
        case 414: message = "request target too long"; break;
        case 431: message = "request headers too large"; break;
        case 429:
        case 503: message = "the hub is busy: try again shortly"; break;
        default:
            if (status >= 500) message = "the hub failed; nothing of the request was applied";
    }
    return json{{"error", errorCodeFor(status)}, {"message", message}, {"hub_time", hubTime}}.dump();
}

ApiResponse HubApi::error(int status, const std::string& code, const std::string& message, json extra) {
    extra["error"] = code;
    extra["message"] = message;
    extra["hub_time"] = m_hub.nowMs();
    // Whatever of the request a message echoes (a path) is never a reason for the answer to fail.
    return {status, extra.dump(-1, ' ', false, json::error_handler_t::replace)};
}

ApiResponse HubApi::handle(const ApiRequest& r) {
    try {
        if (r.path == "/v1/health") {
            if (r.method != "GET") return error(405, "method", "use GET");
            return health();
        }
        if (r.path == "/v1/enroll") {
            if (r.method != "POST") return error(405, "method", "use POST");
            return enroll(r);
        }
        const bool known = r.path == "/v1/push" || r.path == "/v1/pull" || r.path == "/v1/snapshot";
        if (!known) return error(404, "not_found", "no route " + r.path);
        // Every other route needs a valid, unrevoked token.
        if (r.token.empty()) return error(401, "unauthorized", "a device token is required");
        auto device = m_hub.authenticate(r.token);
        if (!device) return error(401, "unauthorized", device.error().message);
        if (r.path == "/v1/push") {
            if (r.method != "POST") return error(405, "method", "use POST");
            return push(r, *device);
        }
        if (r.method != "GET") return error(405, "method", "use GET");
        if (r.path == "/v1/snapshot") return snapshot(*device);
        return pull(r, *device);
    } catch (...) {
        // A bug (or memory running out) must not take the hub down; the request fails, the hub
        // keeps serving. What went wrong stays inside: no exception text in an answer.
        return error(500, "internal", kInternalMessage);
    }
}

ApiResponse HubApi::snapshot(const HubDevice& device) {
    auto snap = m_hub.snapshot(device);
    if (!snap) return error(500, "internal", "the snapshot could not be made; try again later");
    ApiResponse out;
    out.contentType = "application/vnd.sqlite3";
    out.file = snap->path;
    out.fileBytes = snap->bytes;
    out.headers["X-Fc-Snapshot-Cursor"] = std::to_string(snap->cursor);
    return out;
}

void inlineFile(ApiResponse& r) {
    if (r.file.empty()) return;
    std::ifstream in(r.file, std::ios::binary);
    r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    in.close();
    std::error_code ec;
    std::filesystem::remove(r.file, ec);
    if (r.body.size() != r.fileBytes) {
        r.status = 500;
        r.body = json{{"error", "internal"}, {"message", "the snapshot could not be made; try again later"}}.dump();
        r.contentType = "application/json";
    }
    r.file.clear();
}

ApiResponse HubApi::health() {
    return {200, json{{"status", "ok"},
                      {"protocol", kProtocolVersion},
                      {"schema", wireSchema().version()},
                      {"store", m_hub.storeId()},
                      {"hub_seq", m_hub.latestSeq()},
                      {"hub_time", m_hub.nowMs()}}
                     .dump()};
}

std::string limiterKey(const std::string& peer) {
    unsigned char a6[16];
    if (peer.find(':') == std::string::npos || inet_pton(AF_INET6, peer.c_str(), a6) != 1) return peer;
    static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMapped, kMapped + 12, a6)) {  // ::ffff:a.b.c.d is the IPv4 address
        char v4[INET_ADDRSTRLEN];
        return inet_ntop(AF_INET, a6 + 12, v4, sizeof v4) ? std::string(v4) : peer;
    }
    std::fill(a6 + 8, a6 + 16, 0);
    char text[INET6_ADDRSTRLEN];
    return inet_ntop(AF_INET6, a6, text, sizeof text) ? std::string(text) + "/64" : peer;
}

int64_t HubApi::enrolWaitMs(const std::string& key) {
    std::lock_guard lock(m_limitMutex);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) return 0;
    Bucket& b = it->second;
    const int64_t now = m_hub.nowMs();
    const double burst = std::max(1, m_enrolLimit.burst);
    const int64_t refill = std::max<int64_t>(1, m_enrolLimit.refillMs);
    b.tokens = std::min(burst, b.tokens + static_cast<double>(std::max<int64_t>(0, now - b.at)) / refill);
    b.at = now;
    if (b.tokens >= burst) {
        m_buckets.erase(it);  // back to a fresh start: nothing to remember
        return 0;
    }
    if (b.tokens >= 1) return 0;
    return std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1 - b.tokens) * refill)));
}

void HubApi::enrolRefused(const std::string& key, const std::string& peer) {
    bool auditNow = false;
    {
        std::lock_guard lock(m_limitMutex);
        const int64_t now = m_hub.nowMs();
        const double burst = std::max(1, m_enrolLimit.burst);
        auto [it, fresh] = m_buckets.try_emplace(key, Bucket{burst, now, false});
        Bucket& b = it->second;
        if (!fresh) {
            b.tokens = std::min(burst, b.tokens + static_cast<double>(std::max<int64_t>(0, now - b.at)) /
                                                     static_cast<double>(std::max<int64_t>(1, m_enrolLimit.refillMs)));
            b.at = now;
        }
        b.tokens = std::max(0.0, b.tokens - 1);
        if (b.tokens < 1 && !b.audited) auditNow = b.audited = true;
        if (m_buckets.size() > kMaxTrackedAddresses) {
            // Forget the address with the most tries left (the least to lose by forgetting it).
            auto forget = m_buckets.end();
            for (auto i = m_buckets.begin(); i != m_buckets.end(); ++i)
                if (i->first != key && (forget == m_buckets.end() || i->second.tokens > forget->second.tokens))
                    forget = i;
            if (forget != m_buckets.end()) m_buckets.erase(forget);
        }
    }
    // Once per address and episode, not once per attempt: a flood must not fill the audit table.
    if (auditNow)
        (void)m_hub.auditEvent("enrol-limited",
                               "refused enrolments from " + (peer.empty() ? std::string("in-process") : peer) +
                                   " reached the limit (" + std::to_string(m_enrolLimit.burst) + ", then one per " +
                                   std::to_string(m_enrolLimit.refillMs) + " ms): further attempts get 429");
}

ApiResponse HubApi::enroll(const ApiRequest& r) {
    // Guessing codes: refused attempts per address are limited, before the code is looked at.
    const std::string key = limiterKey(r.peer);
    if (const int64_t waitMs = enrolWaitMs(key); waitMs > 0) {
        ApiResponse out = error(429, "rate_limited",
                                "too many refused enrolment attempts from this address; try again later",
                                {{"retry_after_ms", waitMs}});
        out.headers["Retry-After"] = std::to_string((waitMs + 999) / 1000);
        return out;
    }
    ApiResponse out = enrollChecked(r);
    if (out.status != 200 && out.status < 500) enrolRefused(key, r.peer);
    return out;
}

ApiResponse HubApi::enrollChecked(const ApiRequest& r) {
    auto req = decodeEnrolRequest(r.body);
    if (!req) return error(400, "invalid", req.error().message);
    auto e = m_hub.enrol(req->code, req->device, req->name, r.peer);
    if (!e) {
        switch (e.error().code) {
            case core::Errc::kPermission: return error(403, "forbidden", e.error().message);
            case core::Errc::kDatabase:
            case core::Errc::kIo:
            case core::Errc::kInternal: return error(500, "internal", kInternalMessage);
            default: return error(400, "invalid", e.error().message);
        }
    }
    return {200, json{{"device", e->deviceId},
                      {"store", e->storeId},
                      {"role", core::deviceRoleKey(e->role)},
                      {"token", e->token},
                      {"badge_key", e->badgeKey},
                      {"schema", wireSchema().version()},
                      {"hub_time", m_hub.nowMs()}}
                     .dump()};
}

ApiResponse HubApi::push(const ApiRequest& r, const HubDevice& device) {
    auto req = decodePushRequest(r.body);
    if (!req) return error(400, "invalid", req.error().message);
    PushError pe{};
    pe.kind = PushError::Kind::kNone;
    auto resp = m_hub.push(device, *req, &pe);
    if (!resp) {
        if (pe.kind == PushError::Kind::kNone) return error(500, "internal", kInternalMessage);
        switch (pe.kind) {
            case PushError::Kind::kGap:
                return error(409, "gap", pe.message, {{"resume_from", pe.resumeFrom}});
            case PushError::Kind::kUpgradeDevice:
                return error(426, "upgrade", pe.message, {{"hub_schema", wireSchema().version()}});
            case PushError::Kind::kUpgradeHub:
                return error(409, "hub_outdated", pe.message, {{"hub_schema", wireSchema().version()}});
            case PushError::Kind::kWrongDevice:
                return error(403, "forbidden", pe.message);
            case PushError::Kind::kNone:
                break;
        }
    }
    return {200, encodePushResponse(*resp)};
}

ApiResponse HubApi::pull(const ApiRequest& r, const HubDevice& device) {
    int64_t after = 0;
    int64_t limit = 1000;
    int64_t wait = 0;
    auto get = [&](const char* name, int64_t& out) -> bool {
        auto it = r.query.find(name);
        return it == r.query.end() || parseInt(it->second, out);
    };
    if (!get("after", after) || after < 0) return error(400, "invalid", "after must be a cursor (0 or more)");
    if (!get("limit", limit) || limit < 1) return error(400, "invalid", "limit must be a positive number");
    if (!get("wait", wait) || wait < 0) return error(400, "invalid", "wait must be milliseconds");
    if (after > m_hub.latestSeq())
        return error(409, "cursor_ahead",
                     "this device has pulled further than the hub's log goes (was the hub restored "
                     "from a backup?): its outbox is kept; an administrator must re-sync it",
                     {{"hub_seq", m_hub.latestSeq()}});
    if (wait > 0 && m_hub.latestSeq() <= after) m_hub.waitForChanges(after, std::min(wait, kMaxWaitMs));
    const auto key = r.query.find("badge_key");
    auto resp = m_hub.pull(device, after, static_cast<size_t>(limit), key != r.query.end() && key->second == "1");
    if (!resp) return error(500, "internal", kInternalMessage);
    return {200, encodePullResponse(*resp)};
}

}  // namespace fc::sync
