// The real forecourt-hub against hostile clients without a token (issue 12, items 1–3): bodies
// that inflate or never end, clients that send a header line now and then, and guessed
// enrolment codes. Raw sockets in this process play the attacker (the attacking connections come
// from other loopback addresses, 127.0.0.2 and up, as another machine on the store's LAN would);
// the hub's memory is read from /proc/<pid>/status.
//
// CI size by default; FC_HARDENING_FULL=1 runs the slow-client attack at the size of the report
// (320 connections, one header line every 10 s, the hub's default timeouts).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "shared/db/sqlite.hpp"
#include "tests/e2e/support/process.hpp"
#include "tests/support/test_store.hpp"

namespace fc::sync {
namespace {

using fc::test::ChildProcess;
using fc::test::TempDir;
using nlohmann::json;

int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool fullSize() {
    const char* v = std::getenv("FC_HARDENING_FULL");
    return v && std::string(v) == "1";
}

// [SECTION] the hub process

class HubProc {
public:
    explicit HubProc(const TempDir& dir) : m_dir(dir), m_db(dir.file("hub.db")) {}
    ~HubProc() { stop(); }

    void start(const std::vector<std::string>& extra = {}) {
        // Sanitizer builds: ASan keeps freed memory in a quarantine (256 MiB by default), which
        // would count every freed buffer of every attack in the resident set. A small one keeps
        // the figures about what the hub holds. (No effect on builds without ASan.)
        std::string asan = std::getenv("ASAN_OPTIONS") ? std::getenv("ASAN_OPTIONS") : "";
        if (asan.find("quarantine_size_mb") == std::string::npos)
            setenv("ASAN_OPTIONS", (asan + (asan.empty() ? "" : ":") + "quarantine_size_mb=8").c_str(), 1);
        std::vector<std::string> argv = {FC_HUB_PATH, "--db", m_db, "--listen", "127.0.0.1:0"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        auto st = m_proc.start(argv, m_dir.file("hub"));
        ASSERT_TRUE(st.ok()) << st.error().message;
        auto line = m_proc.waitForLine("forecourt-hub listening on ", 30'000);
        ASSERT_TRUE(line.ok()) << line.error().message << "\n" << m_proc.stderrText();
        const size_t portEnd = line->find(' ', line->find("http://"));
        const size_t colon = line->rfind(':', portEnd);
        m_port = std::stoi(line->substr(colon + 1, portEnd - colon - 1));
    }

    void stop() {
        if (!m_proc.started() || m_stopped) return;
        m_stopped = true;
        m_proc.signal(SIGTERM);
        auto st = m_proc.wait();
        EXPECT_TRUE(st.ok() && st->exitedWith(0)) << (st.ok() ? st->describe() : st.error().message) << "\n"
                                                   << m_proc.stderrText().substr(0, 4000);
    }

    // kB from /proc/<pid>/status: VmHWM (the peak resident set so far) or VmRSS.
    int64_t memoryKb(const char* field = "VmHWM") const {
        std::ifstream in("/proc/" + std::to_string(m_proc.pid()) + "/status");
        std::string line;
        while (std::getline(in, line))
            if (line.rfind(std::string(field) + ":", 0) == 0) return std::stoll(line.substr(std::strlen(field) + 1));
        return -1;
    }

    // A one-time code from `forecourtctl hub-code` on the running hub's database.
    std::string makeCode(const std::string& role, std::string* note = nullptr) {
        auto r = fc::test::runProcess({FC_CTL_PATH, "--db", m_db, "hub-code", "--role", role},
                                      m_dir.file("ctl" + std::to_string(++m_ctlRuns)));
        EXPECT_TRUE(r.ok() && r->status.exitedWith(0)) << (r.ok() ? r->err : r.error().message);
        if (!r.ok()) return "";
        if (note) *note = r->err;
        std::string code = r->out;
        while (!code.empty() && (code.back() == '\n' || code.back() == '\r')) code.pop_back();
        return code;
    }

    // Resets the peak (VmHWM) to the current resident set (Linux: clear_refs 5).
    bool resetPeak() const {
        std::ofstream out("/proc/" + std::to_string(m_proc.pid()) + "/clear_refs");
        out << "5";
        out.flush();
        return static_cast<bool>(out);
    }

    int port() const { return m_port; }
    const std::string& db() const { return m_db; }
    std::string log() const { return m_proc.stderrText(); }

private:
    const TempDir& m_dir;
    std::string m_db;
    ChildProcess m_proc;
    int m_port = 0;
    int m_ctlRuns = 0;
    bool m_stopped = false;
};

// [SECTION] a raw HTTP client (what an attacker writes, not what a device sends)

// A TCP connection to 127.0.0.1:port from the loopback address `from`.
int connectFrom(const std::string& from, int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in src{};
    src.sin_family = AF_INET;
    inet_pton(AF_INET, from.c_str(), &src.sin_addr);
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

struct Answer {
    int status = 0;  // 0: none (the connection ended first, or the timeout)
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    uint64_t bodyBytesSent = 0;
};

// Parses a complete answer at the start of `raw`; false while it is incomplete.
bool parseAnswer(const std::string& raw, Answer& a) {
    const size_t end = raw.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    std::istringstream head(raw.substr(0, end));
    std::string line;
    std::getline(head, line);
    if (line.size() < 12) return false;
    a.status = std::atoi(line.c_str() + 9);
    while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        a.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    }
    const size_t length = a.headers.count("content-length") ? std::stoul(a.headers["content-length"]) : 0;
    if (raw.size() < end + 4 + length) return false;
    a.body = raw.substr(end + 4, length);
    return true;
}

// Sends `head`, then the body `next()` produces (an empty chunk ends it) while reading the answer,
// and stops sending as soon as the answer is complete: a hub that refuses early is seen doing so.
Answer exchange(int fd, const std::string& head, const std::function<std::string()>& next = {},
                int64_t timeoutMs = 60'000) {
    Answer a;
    std::string out = head, raw;
    size_t outOff = 0;
    bool bodyDone = !next, inBody = false;
    const int64_t until = nowMs() + timeoutMs;
    while (nowMs() < until) {
        if (outOff == out.size() && !bodyDone) {
            out = next();
            outOff = 0;
            inBody = true;
            if (out.empty()) bodyDone = true;
        }
        const bool sending = outOff < out.size();
        pollfd p{fd, static_cast<short>(POLLIN | (sending ? POLLOUT : 0)), 0};
        if (::poll(&p, 1, 200) < 0) break;
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[65536];
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            raw.append(buf, static_cast<size_t>(n));
            if (parseAnswer(raw, a)) return a;
        }
        if (sending && (p.revents & POLLOUT)) {
            const ssize_t n = ::send(fd, out.data() + outOff, out.size() - outOff, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                outOff += static_cast<size_t>(n);
                if (inBody) a.bodyBytesSent += static_cast<uint64_t>(n);
            } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                bodyDone = true;  // the hub closed: its answer may still be readable
                out.clear();
                outOff = 0;
            }
        }
    }
    parseAnswer(raw, a);
    return a;
}

Answer request(int port, const std::string& method, const std::string& target, const std::string& body = "",
               const std::string& token = "", const std::string& from = "127.0.0.1", int64_t timeoutMs = 10'000) {
    const int fd = connectFrom(from, port);
    if (fd < 0) return {};
    std::string head = method + " " + target + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n";
    if (!token.empty()) head += "Authorization: Bearer " + token + "\r\n";
    if (method == "POST") head += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    head += "\r\n" + body;
    Answer a = exchange(fd, head, {}, timeoutMs);
    ::close(fd);
    return a;
}

// Enrols a device of `role` over HTTP and returns its token.
std::string enrolDevice(HubProc& hub, const std::string& role, const std::string& deviceId) {
    const std::string code = hub.makeCode(role);
    const Answer a = request(hub.port(), "POST", "/v1/enroll",
                             json{{"code", code}, {"device", deviceId}, {"name", role}}.dump());
    EXPECT_EQ(a.status, 200) << a.body;
    const json j = json::parse(a.body, nullptr, false);
    return j.is_object() && j.contains("token") ? j["token"].get<std::string>() : "";
}

// A gzip member of `mebibytes` MiB of zeros: 1 MiB deflated once with a full flush (byte
// aligned, no history), repeated; ~1 KiB per MiB.
std::string gzipZeros(size_t mebibytes) {
    const std::string zeros(1 << 20, '\0');
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
    std::string block(deflateBound(&z, zeros.size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    z.avail_in = static_cast<uInt>(zeros.size());
    z.next_out = reinterpret_cast<Bytef*>(block.data());
    z.avail_out = static_cast<uInt>(block.size());
    EXPECT_EQ(deflate(&z, Z_FULL_FLUSH), Z_OK);
    block.resize(block.size() - z.avail_out);
    deflateEnd(&z);
    const uLong crcBlock = crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(zeros.size()));
    std::string out = std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    uLong crc = 0;
    for (size_t i = 0; i < mebibytes; ++i) {
        out += block;
        crc = crc32_combine(crc, crcBlock, static_cast<z_off_t>(zeros.size()));
    }
    out += std::string("\x03\x00", 2);  // a final empty fixed block
    const uint64_t total = static_cast<uint64_t>(mebibytes) << 20;
    for (int i = 0; i < 4; ++i) out += static_cast<char>((crc >> (8 * i)) & 0xff);
    for (int i = 0; i < 4; ++i) out += static_cast<char>((total >> (8 * i)) & 0xff);
    return out;
}

// A body sent in pieces of `piece` bytes, `total` bytes in all (a chunked body when `chunked`).
std::function<std::string()> bodyOf(uint64_t total, size_t piece, bool chunked, char fill = 'x') {
    auto sent = std::make_shared<uint64_t>(0);
    auto ended = std::make_shared<bool>(false);
    return [=]() -> std::string {
        if (*ended) return "";
        if (*sent >= total) {
            *ended = true;
            return chunked ? "0\r\n\r\n" : "";
        }
        const size_t n = static_cast<size_t>(std::min<uint64_t>(piece, total - *sent));
        *sent += n;
        std::string data(n, fill);
        if (!chunked) return data;
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", n);
        return size + data + "\r\n";
    };
}

int64_t auditCount(const std::string& db, const std::string& where) {
    core::Db::Options opt;
    opt.create = false;
    auto d = core::Db::open(db, opt);
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    if (!d.ok()) return -1;
    auto n = d->queryInt("SELECT count(*) FROM hub_audit WHERE " + where);
    return n.ok() ? n->value_or(0) : -1;
}

void figure(const std::string& line) { std::printf("[figure] %s\n", line.c_str()); }

// [SECTION] 1. bodies that inflate or never end

TEST(HubHardening, CompressedAndEndlessBodiesAreRefusedWithinAMemoryBound) {
    TempDir dir;
    HubProc hub(dir);
    ASSERT_NO_FATAL_FAILURE(hub.start());
    const std::string token = enrolDevice(hub, "office", "0190f0e0-aaaa-7000-8000-000000000001");
    ASSERT_FALSE(token.empty());
    for (int i = 0; i < 5; ++i) ASSERT_EQ(request(hub.port(), "GET", "/v1/health").status, 200);
    const int64_t baseKb = hub.memoryKb("VmRSS");
    ASSERT_GT(baseKb, 0);
    // The bounds on the hub's peak resident set during one attack, over what it held before:
    // without a token next to nothing; with a device's token what a push may take decoded
    // (32 MiB), the buffer it grows in and slack for the sanitizer builds' allocator.
    const int64_t anonymousBoundKb = 16 << 10;
    const int64_t deviceBoundKb = 80 << 10;

    struct Case {
        std::string what;
        int expected;
        int64_t boundKb;
        std::function<Answer()> run;
    };
    // 4 MiB of gzip that inflates to 4 GiB.
    const std::string bomb = gzipZeros(4096);
    ASSERT_LT(bomb.size(), 6u << 20);
    auto bombTo = [&](const std::string& target, const std::string& tok) {
        return [&, target, tok] {
            const int fd = connectFrom("127.0.0.2", hub.port());
            std::string head = "POST " + target + " HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                               "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) + "\r\n";
            if (!tok.empty()) head += "Authorization: Bearer " + tok + "\r\n";
            auto sent = std::make_shared<bool>(false);
            Answer a = exchange(fd, head + "\r\n", [&, sent]() -> std::string {
                if (*sent) return "";
                *sent = true;
                return bomb;
            });
            ::close(fd);
            return a;
        };
    };
    // Endless bodies: 2 GiB chunked, or a declared length of 2 GiB.
    auto endlessTo = [&](const std::string& target, const std::string& tok, bool chunked) {
        return [&, target, tok, chunked] {
            const int fd = connectFrom("127.0.0.2", hub.port());
            std::string head = "POST " + target + " HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n";
            head += chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: 2147483648\r\n";
            if (!tok.empty()) head += "Authorization: Bearer " + tok + "\r\n";
            Answer a = exchange(fd, head + "\r\n", bodyOf(2ull << 30, 64 << 10, chunked));
            ::close(fd);
            return a;
        };
    };
    const std::vector<Case> cases = {
        {"gzip bomb, POST /v1/health", 413, anonymousBoundKb, bombTo("/v1/health", "")},
        {"gzip bomb, POST /v1/enroll", 413, anonymousBoundKb, bombTo("/v1/enroll", "")},
        {"gzip bomb, POST /v1/push without a token", 401, anonymousBoundKb, bombTo("/v1/push", "")},
        {"gzip bomb, POST /v1/push with a device token", 413, deviceBoundKb, bombTo("/v1/push", token)},
        {"2 GiB chunked, POST /v1/health", 413, anonymousBoundKb, endlessTo("/v1/health", "", true)},
        {"2 GiB chunked, POST /v1/enroll", 413, anonymousBoundKb, endlessTo("/v1/enroll", "", true)},
        {"2 GiB chunked, POST /v1/push without a token", 401, anonymousBoundKb, endlessTo("/v1/push", "", true)},
        {"2 GiB chunked, POST /v1/push with a device token", 413, deviceBoundKb, endlessTo("/v1/push", token, true)},
        {"Content-Length 2 GiB, POST /v1/push with a device token", 413, anonymousBoundKb,
         endlessTo("/v1/push", token, false)},
        // A POST without a length would be read until the client closes: refused at once.
        {"POST without Content-Length", 411, anonymousBoundKb,
         [&] {
             const int fd = connectFrom("127.0.0.2", hub.port());
             Answer a = exchange(fd, "POST /v1/enroll HTTP/1.1\r\nHost: hub\r\n\r\n");
             ::close(fd);
             return a;
         }},
    };
    const bool canReset = hub.resetPeak();
    for (const Case& c : cases) {
        const int64_t beforeKb = hub.memoryKb("VmRSS");
        hub.resetPeak();
        const Answer a = c.run();
        const int64_t peakKb = hub.memoryKb("VmHWM");
        EXPECT_EQ(a.status, c.expected) << c.what << ": " << a.body;
        EXPECT_LT(a.bodyBytesSent, 256ull << 20) << c.what << ": the hub read on";
        const json j = json::parse(a.body, nullptr, false);
        EXPECT_TRUE(j.is_object() && j.contains("error")) << c.what << ": " << a.body;
        if (canReset) {
            EXPECT_LT(peakKb - beforeKb, c.boundKb) << c.what;
        }
        figure(c.what + ": HTTP " + std::to_string(a.status) + " after " + std::to_string(a.bodyBytesSent >> 10) +
               " KiB of body sent; hub peak " + std::to_string(peakKb >> 10) + " MiB, +" +
               std::to_string((peakKb - beforeKb) >> 10) + " MiB over " + std::to_string(beforeKb >> 10) + " MiB" +
               (canReset ? "" : " (peak not resettable here: since start)"));
    }
    const int64_t afterKb = hub.memoryKb("VmRSS");
    EXPECT_LT(afterKb - baseKb, deviceBoundKb) << "memory kept after the attacks";
    figure("hub resident set before the attacks " + std::to_string(baseKb >> 10) + " MiB, after " +
           std::to_string(afterKb >> 10) + " MiB");

    // The hub is alive and serves.
    EXPECT_EQ(request(hub.port(), "GET", "/v1/health").status, 200);
    EXPECT_EQ(request(hub.port(), "GET", "/v1/pull?after=0", "", token).status, 200);
}

// [SECTION] 2. slow clients

TEST(HubHardening, SlowClientsDoNotStopHealthChecksOrDevices) {
    const bool full = fullSize();
    const int attackers = full ? 320 : 80;
    const int64_t lineEveryMs = full ? 10'000 : 500;
    const int64_t attackMs = full ? 45'000 : 3'000;
    TempDir dir;
    HubProc hub(dir);
    // CI: a short head deadline so that the test sees it end the attack (the default is 10 s),
    // and a per-address cap the attack goes over (the default is 64).
    const int perAddress = full ? 64 : 32;
    ASSERT_NO_FATAL_FAILURE(hub.start(full ? std::vector<std::string>{}
                                           : std::vector<std::string>{"--head-timeout-ms", "2000",
                                                                      "--max-connections-per-address", "32"}));
    const std::string token = enrolDevice(hub, "office", "0190f0e0-aaaa-7000-8000-000000000002");
    ASSERT_FALSE(token.empty());
    ASSERT_EQ(request(hub.port(), "GET", "/v1/health").status, 200);
    const int64_t baseKb = hub.memoryKb();

    // The attack: from 127.0.0.2 and 127.0.0.3, connections that send a request line and then a
    // header line now and then; and from 127.0.0.4, requests whose body comes a byte at a time.
    struct Slow {
        int fd;
        bool open = true;
        std::string got;
    };
    std::vector<Slow> slow;
    for (int i = 0; i < attackers; ++i) {
        const int fd = connectFrom(i % 2 ? "127.0.0.3" : "127.0.0.2", hub.port());
        ASSERT_GE(fd, 0);
        const std::string start = "GET /v1/health HTTP/1.1\r\nHost: hub\r\n";
        ASSERT_GT(::send(fd, start.data(), start.size(), MSG_NOSIGNAL), 0);
        slow.push_back({fd});
    }
    for (int i = 0; i < 8; ++i) {
        const int fd = connectFrom("127.0.0.4", hub.port());
        ASSERT_GE(fd, 0);
        const std::string start = "POST /v1/enroll HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000\r\n\r\n{";
        ASSERT_GT(::send(fd, start.data(), start.size(), MSG_NOSIGNAL), 0);
        slow.push_back({fd});
    }
    std::atomic<bool> attacking{true};
    std::thread attacker([&] {
        int64_t next = nowMs() + lineEveryMs;
        while (attacking) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            for (Slow& s : slow) {  // whatever the hub says is kept; EOF closes
                if (!s.open) continue;
                char buf[4096];
                const ssize_t n = ::recv(s.fd, buf, sizeof buf, MSG_DONTWAIT);
                if (n > 0) s.got.append(buf, static_cast<size_t>(n));
                if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) s.open = false;
            }
            if (nowMs() < next) continue;
            next += lineEveryMs;
            for (Slow& s : slow)
                if (s.open) ::send(s.fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL | MSG_DONTWAIT);
        }
    });

    // Meanwhile: health checks from another address, and a device's pull.
    int checks = 0, ok = 0, deviceOk = 0, deviceChecks = 0;
    const int64_t end = nowMs() + attackMs;
    while (nowMs() < end) {
        ++checks;
        if (request(hub.port(), "GET", "/v1/health", "", "", "127.0.0.1", 10'000).status == 200) ++ok;
        if (checks % 5 == 0) {
            ++deviceChecks;
            if (request(hub.port(), "GET", "/v1/pull?after=0", "", token, "127.0.0.1", 10'000).status == 200)
                ++deviceOk;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(full ? 2'000 : 100));
    }
    const int64_t duringKb = hub.memoryKb();
    // The head deadline ends every slow connection (generous wait: a timeout, not a measure).
    const int64_t giveUp = nowMs() + 60'000;
    auto openCount = [&] {
        int n = 0;
        for (const Slow& s : slow) n += s.open;
        return n;
    };
    while (openCount() > 0 && nowMs() < giveUp) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    attacking = false;
    attacker.join();
    int refusedAtOnce = 0, timedOut = 0;
    for (Slow& s : slow) {
        refusedAtOnce += s.got.rfind("HTTP/1.1 503", 0) == 0;
        timedOut += s.got.rfind("HTTP/1.1 408", 0) == 0;
        ::close(s.fd);
    }
    EXPECT_EQ(ok, checks) << "health checks failed during the attack";
    EXPECT_EQ(deviceOk, deviceChecks) << "a device's pulls failed during the attack";
    EXPECT_EQ(openCount(), 0) << "slow connections outlived the head deadline";
    EXPECT_GT(timedOut, 0) << "no slow connection was ended by the deadline";
    EXPECT_GE(refusedAtOnce, attackers - 2 * perAddress) << "the per-address cap never refused\n"
                                                         << hub.log().substr(0, 3000);
    EXPECT_LT(duringKb - baseKb, 32 << 10);
    EXPECT_EQ(request(hub.port(), "GET", "/v1/health").status, 200);
    figure("slow clients: " + std::to_string(attackers) + " head connections + 8 slow bodies; health " +
           std::to_string(ok) + "/" + std::to_string(checks) + " (" + std::to_string(checks ? 100 * ok / checks : 0) +
           " %), device pulls " + std::to_string(deviceOk) + "/" + std::to_string(deviceChecks) + "; " +
           std::to_string(refusedAtOnce) + " refused at once (per-address cap), " + std::to_string(timedOut) +
           " ended by the head deadline (408); hub VmHWM +" + std::to_string((duringKb - baseKb) >> 10) + " MiB (" +
           std::to_string(duringKb >> 10) + " MiB)");
}

// With few workers: requests without a token that hold a worker while their body trickles in
// never get the reserve, so health checks and devices still find one.
TEST(HubHardening, SlowBodiesWithoutATokenLeaveTheReserveFree) {
    TempDir dir;
    HubProc hub(dir);
    ASSERT_NO_FATAL_FAILURE(hub.start({"--threads", "6", "--reserve-threads", "3", "--head-timeout-ms", "3000"}));
    const std::string token = enrolDevice(hub, "office", "0190f0e0-aaaa-7000-8000-000000000003");
    ASSERT_FALSE(token.empty());
    std::vector<int> fds;
    for (int i = 0; i < 6; ++i) {
        const int fd = connectFrom("127.0.0.5", hub.port());
        ASSERT_GE(fd, 0);
        const std::string start = "POST /v1/enroll HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000\r\n\r\n{";
        ASSERT_GT(::send(fd, start.data(), start.size(), MSG_NOSIGNAL), 0);
        fds.push_back(fd);
    }
    // Three hold a worker each; the others are told the hub is busy.
    int busy = 0;
    const int64_t giveUp = nowMs() + 30'000;
    std::vector<bool> answered(fds.size(), false);
    while (busy < 3 && nowMs() < giveUp) {
        for (size_t i = 0; i < fds.size(); ++i) {
            if (answered[i]) continue;
            char buf[1024];
            const ssize_t n = ::recv(fds[i], buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0 && std::string(buf, static_cast<size_t>(n)).rfind("HTTP/1.1 503", 0) == 0) {
                answered[i] = true;
                ++busy;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(busy, 3);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(request(hub.port(), "GET", "/v1/health").status, 200);
        EXPECT_EQ(request(hub.port(), "GET", "/v1/pull?after=0", "", token).status, 200);
    }
    for (int fd : fds) ::close(fd);
}

// [SECTION] 3. guessing enrolment codes

TEST(HubHardening, EnrolmentGuessingIsRateLimitedAndAudited) {
    TempDir dir;
    HubProc hub(dir);
    // Burst 10, then one a minute: within this test, exactly 10 guesses are looked at.
    ASSERT_NO_FATAL_FAILURE(hub.start({"--enrol-burst", "10", "--enrol-refill-ms", "60000"}));
    ASSERT_EQ(request(hub.port(), "GET", "/v1/health").status, 200);
    const int64_t baseKb = hub.memoryKb();
    int refused = 0, limited = 0, other = 0;
    std::string retryAfter;
    const int tries = 200;
    for (int i = 0; i < tries; ++i) {
        char code[32];
        std::snprintf(code, sizeof code, "%04d-%04d-%04d", i, i * 7 % 10000, i * 13 % 10000);
        const Answer a = request(hub.port(), "POST", "/v1/enroll",
                                 json{{"code", code}, {"device", "0190f0e0-bbbb-7000-8000-00000000000" + std::to_string(i % 10)},
                                      {"name", "guess"}}.dump(),
                                 "", "127.0.0.2");
        if (a.status == 403) {
            ++refused;
        } else if (a.status == 429) {
            ++limited;
            if (retryAfter.empty() && a.headers.count("retry-after")) retryAfter = a.headers.at("retry-after");
        } else {
            ++other;
        }
    }
    EXPECT_EQ(refused, 10);
    EXPECT_EQ(limited, tries - 10);
    EXPECT_EQ(other, 0);
    EXPECT_FALSE(retryAfter.empty());
    EXPECT_GT(std::atoi(retryAfter.c_str()), 0);
    // Another address enrols with a real code meanwhile.
    const std::string code = hub.makeCode("kiosk");
    const Answer good = request(hub.port(), "POST", "/v1/enroll",
                                json{{"code", code}, {"device", "0190f0e0-cccc-7000-8000-000000000001"}}.dump(), "",
                                "127.0.0.3");
    EXPECT_EQ(good.status, 200) << good.body;
    const int64_t afterKb = hub.memoryKb();
    hub.stop();
    EXPECT_EQ(auditCount(hub.db(), "event = 'enrol-refused' AND detail LIKE '%from 127.0.0.2%'"), 10);
    EXPECT_EQ(auditCount(hub.db(), "event = 'enrol-limited' AND detail LIKE '%127.0.0.2%'"), 1);
    EXPECT_EQ(auditCount(hub.db(), "event = 'enrol'"), 1);
    figure("enrolment guessing: " + std::to_string(tries) + " tries from one address: " + std::to_string(refused) +
           " looked at (403, audited), " + std::to_string(limited) + " refused unread (429, Retry-After " + retryAfter +
           " s); hub VmHWM +" + std::to_string((afterKb - baseKb) >> 10) + " MiB (" + std::to_string(afterKb >> 10) +
           " MiB)");
}

TEST(HubHardening, EnrolmentCodesAreShortLivedByDefault) {
    TempDir dir;
    HubProc hub(dir);
    ASSERT_NO_FATAL_FAILURE(hub.start());
    std::string note;
    const std::string code = hub.makeCode("kiosk", &note);
    EXPECT_FALSE(code.empty());
    EXPECT_NE(note.find("valid 15 min"), std::string::npos) << note;
}

}  // namespace
}  // namespace fc::sync
