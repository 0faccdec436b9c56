#include "sync/server/hub_server.hpp"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace fc::sync {

namespace {

std::string timestamp() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

HubServer::HubServer(Hub& hub, HubServerOptions options)
    : m_hub(hub), m_api(hub), m_options(std::move(options)) {
    if (!m_options.log) m_options.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
}

HubServer::~HubServer() { stop(); }

Status HubServer::start() {
    if (tls()) {
        auto ssl = std::make_unique<httplib::SSLServer>(m_options.certFile.c_str(), m_options.keyFile.c_str());
        if (!ssl->is_valid())
            return Error(core::Errc::kInvalid, "TLS: cannot load certificate '" + m_options.certFile +
                                                   "' and key '" + m_options.keyFile + "'");
        m_server = std::move(ssl);
    } else {
        m_server = std::make_unique<httplib::Server>();
    }
    httplib::Server& s = *m_server;
    const int threads = m_options.threads;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    s.set_tcp_nodelay(true);  // without it every response waits ~40 ms for the delayed ACK
    s.set_keep_alive_max_count(100000);
    // Short: cpp-httplib 0.11's stop() waits out idle keep-alive connections (upstream #1959), and
    // a reconnect on a store LAN costs little.
    s.set_keep_alive_timeout(5);
    s.set_read_timeout(40, 0);   // a long-poll waits up to 30 s
    s.set_write_timeout(40, 0);
    s.set_payload_max_length(kMaxBodyBytes);

    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
        ApiRequest r;
        r.method = req.method;
        r.path = req.path;
        for (const auto& [k, v] : req.params) r.query[k] = v;
        r.body = req.body;
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) == 0) r.token = auth.substr(7);
        ApiResponse out = m_api.handle(r);
        res.status = out.status;
        for (const auto& [name, value] : out.headers) res.set_header(name, value);
        if (out.file.empty()) {
            res.set_content(std::move(out.body), out.contentType);
            return;
        }
        // A file (the snapshot) streams from disk with its length: a store's whole state need
        // not sit in memory. Unlinked now, readable until the answer is done or abandoned.
        auto file = std::shared_ptr<std::FILE>(std::fopen(out.file.c_str(), "rb"), [](std::FILE* f) {
            if (f) std::fclose(f);
        });
        std::error_code ec;
        std::filesystem::remove(out.file, ec);
        if (!file) {
            res.status = 500;
            res.set_content(nlohmann::json{{"error", "internal"}, {"message", "snapshot file could not be read"},
                                           {"hub_time", m_hub.nowMs()}}.dump(),
                            "application/json");
            return;
        }
        res.set_content_provider(
            out.fileBytes, out.contentType,
            [file](size_t offset, size_t length, httplib::DataSink& sink) {
                char buf[1 << 16];
                if (std::fseek(file.get(), static_cast<long>(offset), SEEK_SET) != 0) return false;
                const size_t n = std::fread(buf, 1, std::min(length, sizeof buf), file.get());
                return n > 0 && sink.write(buf, n);
            },
            [file](bool) {});
    };
    for (const char* path : {"/v1/health", "/v1/enroll", "/v1/push", "/v1/pull", "/v1/snapshot"}) {
        s.Get(path, handler);
        s.Post(path, handler);
    }
    s.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        nlohmann::json j = {{"error", res.status == 413 ? "too_large" : "not_found"},
                  {"message", res.status == 413 ? "request body too large" : "no such route"},
                  {"hub_time", m_hub.nowMs()}};
        res.set_content(j.dump(), "application/json");
    });
    s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        // No query strings, bodies or tokens: nothing personal reaches the log.
        m_options.log(timestamp() + " " + req.method + " " + req.path + " " + std::to_string(res.status) +
                      " " + std::to_string(res.body.size()) + "B " + req.remote_addr);
    });

    if (m_options.port == 0) {
        m_port = s.bind_to_any_port(m_options.host.c_str());
        if (m_port <= 0) return Error(core::Errc::kIo, "cannot listen on " + m_options.host);
    } else {
        if (!s.bind_to_port(m_options.host.c_str(), m_options.port))
            return Error(core::Errc::kIo, "cannot listen on " + m_options.host + ":" +
                                              std::to_string(m_options.port) + " (address in use?)");
        m_port = m_options.port;
    }
    m_thread = std::thread([&s] { s.listen_after_bind(); });
    return {};
}

void HubServer::stop() {
    m_hub.releaseWaiters();  // long-polls answer now instead of holding the pool for up to 30 s
    if (m_server) m_server->stop();
    if (m_thread.joinable()) m_thread.join();
}

}  // namespace fc::sync
