#include "sync/hub_api.hpp"

#include <filesystem>
#include <fstream>

#include <charconv>

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

ApiResponse HubApi::error(int status, const std::string& code, const std::string& message, json extra) {
    extra["error"] = code;
    extra["message"] = message;
    extra["hub_time"] = m_hub.nowMs();
    return {status, extra.dump()};
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
    } catch (const std::exception& e) {
        // A bug must not take the hub down; the request fails, the hub keeps serving.
        return error(500, "internal", std::string("internal error: ") + e.what());
    }
}

ApiResponse HubApi::snapshot(const HubDevice& device) {
    auto snap = m_hub.snapshot(device);
    if (!snap) return error(500, "internal", "snapshot failed: " + snap.error().message);
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
        r.body = json{{"error", "internal"}, {"message", "snapshot file could not be read"}}.dump();
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

ApiResponse HubApi::enroll(const ApiRequest& r) {
    json j = json::parse(r.body, nullptr, false);
    if (!j.is_object() || !j.contains("code") || !j["code"].is_string() || !j.contains("device") ||
        !j["device"].is_string())
        return error(400, "invalid", "enroll: expected {\"code\", \"device\", \"name\"}");
    const std::string name = j.contains("name") && j["name"].is_string() ? j["name"].get<std::string>() : "";
    auto e = m_hub.enrol(j["code"].get<std::string>(), j["device"].get<std::string>(), name);
    if (!e) {
        const int status = e.error().code == core::Errc::kPermission ? 403 : 400;
        return error(status, status == 403 ? "forbidden" : "invalid", e.error().message);
    }
    return {200, json{{"device", e->deviceId},
                      {"store", e->storeId},
                      {"role", core::deviceRoleKey(e->role)},
                      {"token", e->token},
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
        if (pe.kind == PushError::Kind::kNone) return error(500, "internal", resp.error().message);
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
    auto resp = m_hub.pull(device, after, static_cast<size_t>(limit));
    if (!resp) return error(500, "internal", resp.error().message);
    return {200, encodePullResponse(*resp)};
}

}  // namespace fc::sync
