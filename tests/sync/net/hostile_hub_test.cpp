// A device facing a hostile or broken hub, or a man in the middle (issue 12, items 9, 10, 11):
// answers that acknowledge what was never sent, a clock a century ahead, replies that inflate to
// gigabytes or never end, a snapshot larger than the disk. The device code is the real one
// (SyncClient, SyncWorker, CurlTransport); the hub is a script in the test, or a small
// cpp-httplib server in the test process serving crafted answers over loopback.
#include <httplib.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "sync/net/curl_transport.hpp"
#include "sync/net/sync_worker.hpp"
#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr int64_t kCentury = 100LL * 365 * 86'400'000;

// A hub as a script: each request gets the answer the test wants.
class ScriptedHub final : public Transport {
public:
    using Answer = std::function<HttpResult(const std::string& method, const std::string& target, const std::string& body)>;
    explicit ScriptedHub(Answer answer) : m_answer(std::move(answer)) {}
    Result<HttpResult> request(const std::string& method, const std::string& target, const std::string& body,
                               const std::string&) override {
        if (m_cancelled) return Error(core::Errc::kIo, "cancelled");
        return m_answer(method, target, body);
    }
    void cancel() override { m_cancelled = true; }

private:
    Answer m_answer;
    std::atomic<bool> m_cancelled{false};
};

std::string emptyPage(int64_t next, int64_t hubTime) {
    return json{{"changes", json::array()}, {"next", next}, {"more", false}, {"hub_time", hubTime}}.dump();
}

// The device sequences a push body carries.
std::vector<int64_t> seqsOf(const std::string& body) {
    std::vector<int64_t> out;
    const json j = json::parse(body);
    for (const auto& c : j["changes"]) out.push_back(c["seq"].get<int64_t>());
    return out;
}

std::string newCustomer(core::StoreServices& s, const std::string& name, const std::string& phone) {
    auto id = s.get<core::CustomerService>().createCustomer({.name = name, .phones = {phone}});
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : "";
}

// [SECTION] item 9: accept only what was sent

TEST(HostileHub, AnAcknowledgementOfMoreThanWasSentMakesTheDeviceForgetNothing) {
    fc::test::TempDir dir;
    test::SimWorld w(dir, 1);
    auto& dev = *w.device(0).services;
    newCustomer(dev, "王芳", "13800138000");
    std::vector<std::vector<int64_t>> pushed;
    ScriptedHub hub([&](const std::string& method, const std::string&, const std::string& body) {
        if (method != "POST") return HttpResult{200, emptyPage(0, w.clock().nowMs())};
        pushed.push_back(seqsOf(body));
        // "I have everything up to 10^9": a lie, or a hub restored from another store's backup.
        return HttpResult{200, json{{"accepted_through", 1'000'000'000}, {"refused", json::array()},
                                    {"hub_seq", 1}, {"hub_time", w.clock().nowMs()}}.dump()};
    });
    SyncClient client(dev, hub);
    auto first = client.push();
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_EQ(pushed.size(), 1u);
    const int64_t sentThrough = pushed[0].back();
    EXPECT_EQ(client.ackedSeq(), sentThrough) << "acknowledged what was sent, not 10^9";
    EXPECT_EQ(dev.store().syncState().ackedSeq().value(), sentThrough);

    // The next change is pushed: by this client, and by one that starts from the stored state.
    newCustomer(dev, "李雷", "13900139000");
    auto second = client.push();
    ASSERT_TRUE(second.ok()) << second.error().message;
    ASSERT_EQ(pushed.size(), 2u) << "the later change was pushed";
    EXPECT_EQ(pushed[1].front(), sentThrough + 1);
    newCustomer(dev, "韩梅梅", "13700137000");
    SyncClient restarted(dev, hub);
    ASSERT_TRUE(restarted.push().ok());
    ASSERT_EQ(pushed.size(), 3u);
    EXPECT_EQ(pushed[2].front(), pushed[1].back() + 1);
}

TEST(HostileHub, AGapAnswerThatDoesNotFitWhatWasSentIsAnErrorNotALoop) {
    fc::test::TempDir dir;
    test::SimWorld w(dir, 1);
    auto& dev = *w.device(0).services;
    newCustomer(dev, "王芳", "13800138000");
    int pushes = 0;
    ScriptedHub hub([&](const std::string&, const std::string&, const std::string&) {
        ++pushes;
        // A "gap" ahead of what was sent would skip changes the hub never had.
        return HttpResult{409, json{{"error", "gap"}, {"message", "gap"}, {"resume_from", 1'000'000},
                                    {"hub_time", w.clock().nowMs()}}.dump()};
    });
    SyncClient client(dev, hub);
    auto r = client.push();
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(pushes, 1);
    EXPECT_EQ(client.ackedSeq(), 0) << "nothing skipped";
    EXPECT_GT(dev.store().syncState().pendingCount().value(), 0);
}

// [SECTION] item 10: the hub's clock

TEST(HostileHub, AHubClockACenturyAheadIsNotAdoptedAndThePersonIsTold) {
    fc::test::TempDir dir;
    test::SimWorld w(dir, 1);
    auto& dev = *w.device(0).services;
    int64_t hubTime = w.clock().nowMs() + kCentury;
    ScriptedHub hub([&](const std::string&, const std::string&, const std::string&) {
        return HttpResult{200, emptyPage(0, hubTime)};
    });
    SyncClient client(dev, hub);
    auto r = client.pull();
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(dev.store().hlc().offsetMs(), 0) << "not adopted";
    EXPECT_FALSE(r->clockProblem.empty());
    EXPECT_NE(client.clockProblem().find("hub's clock"), std::string::npos) << client.clockProblem();
    // New records keep the device's own time, not 2126.
    const std::string id = newCustomer(dev, "王芳", "13800138000");
    const int64_t createdAt = dev.db().queryInt("SELECT created_at FROM customers WHERE id = '" + id + "'")->value();
    EXPECT_LT(createdAt, w.clock().nowMs() + 86'400'000);
    EXPECT_EQ(dev.store().syncState().clockOffsetMs().value(), 0);

    // 2^62 ms overflowed the clock; and the largest hub_time there is.
    for (int64_t absurd : {int64_t{1} << 62, INT64_MAX, INT64_MIN, int64_t{0}}) {
        hubTime = absurd;
        auto again = client.pull();
        ASSERT_TRUE(again.ok()) << again.error().message;
        EXPECT_EQ(dev.store().hlc().offsetMs(), 0);
        EXPECT_FALSE(client.clockProblem().empty());
        EXPECT_LT(dev.store().hlc().physicalMs(), w.clock().nowMs() + 1000);
    }

    // A hub a few seconds off is adopted as before, and the problem is over.
    hubTime = w.clock().nowMs() + 5000;
    ASSERT_TRUE(client.pull().ok());
    EXPECT_EQ(dev.store().hlc().offsetMs(), 5000);
    EXPECT_TRUE(client.clockProblem().empty());
}

TEST(HostileHub, ADeviceWhoseOwnClockIsImplausibleTakesAPlausibleHubsTime) {
    EXPECT_TRUE(checkHubTime(1'767'225'600'000, 0).adopt) << "a flat battery: the device thinks it is 1970";
    EXPECT_EQ(checkHubTime(1'767'225'600'000, 0).offsetMs, 1'767'225'600'000);
    EXPECT_TRUE(checkHubTime(1'767'225'600'000 + 86'400'000, 1'767'225'600'000).adopt) << "a day off";
    EXPECT_FALSE(checkHubTime(1'767'225'600'000 + kCentury, 1'767'225'600'000).adopt);
    EXPECT_FALSE(checkHubTime(1'767'225'600'000 + 90LL * 86'400'000, 1'767'225'600'000).adopt);
    EXPECT_FALSE(checkHubTime(946'684'800'000, 1'767'225'600'000).adopt) << "a hub in 2000";
}

TEST(HostileHub, TheSyncStatusCarriesTheHubsImplausibleClock) {
    fc::test::TempDir dir;
    test::SimWorld w(dir, 1);
    const int64_t now = w.clock().nowMs();
    SyncWorker worker(w.device(0).path, w.clock(), [&] {
        return std::make_unique<ScriptedHub>([now](const std::string& method, const std::string& target,
                                                   const std::string&) {
            if (method == "GET" && target.find("wait=") != std::string::npos) std::this_thread::sleep_for(20ms);
            return HttpResult{200, emptyPage(0, now + kCentury)};
        });
    });
    std::mutex m;
    std::condition_variable cv;
    SyncStatus last;
    worker.setListener({.statusChanged = [&](const SyncStatus& s) {
        std::lock_guard lock(m);
        last = s;
        cv.notify_all();
    }});
    ASSERT_TRUE(worker.start().ok());
    {
        std::unique_lock lock(m);
        EXPECT_TRUE(cv.wait_for(lock, 20s, [&] { return last.online && !last.clockProblem.empty(); }));
    }
    worker.stop();
    const SyncStatus s = worker.status();
    EXPECT_TRUE(s.online);
    EXPECT_NE(s.clockProblem.find("hub's clock"), std::string::npos) << s.clockProblem;
    EXPECT_EQ(s.lastError, s.clockProblem) << "shown where errors are shown";
}

// [SECTION] item 11: answers larger than the device takes

// Peak resident memory of this process since the last reset (kB).
int64_t peakKb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
    return -1;
}
void resetPeak() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
}

// `inflated` zero bytes, gzip-compressed (about 1/1000 of it).
std::string gzipOfZeros(size_t inflated) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_RLE), Z_OK);
    const std::string zeros(1 << 20, '\0');
    std::string out;
    char buf[1 << 16];
    for (size_t fed = 0; fed < inflated; fed += zeros.size()) {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
        z.avail_in = static_cast<uInt>(zeros.size());
        const int flush = fed + zeros.size() >= inflated ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = reinterpret_cast<Bytef*>(buf);
            z.avail_out = sizeof buf;
            deflate(&z, flush);
            out.append(buf, sizeof buf - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return out;
}

// A cpp-httplib server on a free loopback port, serving what each test sets up.
struct HostileServer {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    std::atomic<uint64_t> sent{0};  // body bytes a streaming answer handed to the socket

    void start() {
        port = server.bind_to_any_port("127.0.0.1");
        ASSERT_GT(port, 0);
        thread = std::thread([this] { server.listen_after_bind(); });
    }
    ~HostileServer() {
        server.stop();
        if (thread.joinable()) thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
    // An answer of `total` zero bytes streamed in 64 KiB pieces; `announce` sends its length.
    void stream(const std::string& path, uint64_t total, bool announce, uint64_t stopAfter = UINT64_MAX) {
        server.Get(path, [this, total, announce, stopAfter](const httplib::Request&, httplib::Response& res) {
            auto provide = [this, total, stopAfter](size_t offset, httplib::DataSink& sink) {
                static const std::string chunk(1 << 16, '\0');
                if (offset >= stopAfter) return false;  // gives up: the connection closes
                if (offset >= total) {
                    sink.done();
                    return true;
                }
                const size_t n = static_cast<size_t>(std::min<uint64_t>(chunk.size(), total - offset));
                if (!sink.write(chunk.data(), n)) return false;
                sent += n;
                return true;
            };
            if (announce)
                res.set_content_provider(static_cast<size_t>(total), "application/octet-stream",
                                         [provide](size_t offset, size_t, httplib::DataSink& sink) {
                                             return provide(offset, sink);
                                         });
            else
                res.set_chunked_content_provider("application/octet-stream", provide);
        });
    }
};

TEST(HostileHub, AGzipBombIsCutOffAtTheCapWhileInflatingNotAfter) {
    const std::string bomb = gzipOfZeros(size_t{1} << 30);  // 1 GiB of zeros in about 1 MiB
    ASSERT_LT(bomb.size(), 4u << 20);
    HostileServer hub;
    hub.server.Get("/v1/pull", [&](const httplib::Request&, httplib::Response& res) {
        res.set_header("Content-Encoding", "gzip");
        res.set_content(bomb, "application/octet-stream");  // not a type the server compresses again
    });
    hub.start();
    CurlTransport transport(hub.url());
    resetPeak();
    const int64_t before = peakKb();
    auto r = transport.request("GET", "/v1/pull?after=0&limit=1000", "", "token");
    const int64_t grown = peakKb() - before;
    ASSERT_FALSE(r.ok()) << "refused";
    EXPECT_NE(r.error().message.find("larger than"), std::string::npos) << r.error().message;
    EXPECT_LT(grown, 512 * 1024) << "peak memory grew by " << grown / 1024 << " MiB while refusing";
}

TEST(HostileHub, AnAnnouncedHugeAnswerIsRefusedBeforeItsBodyIsRead) {
    HostileServer hub;
    hub.stream("/v1/pull", uint64_t{1} << 30, true);
    hub.start();
    CurlTransport transport(hub.url());
    auto r = transport.request("GET", "/v1/pull?after=0", "", "token");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("announced"), std::string::npos) << r.error().message;
}

TEST(HostileHub, AnAnswerThatNeverEndsIsCutOffAtTheCap) {
    HostileServer hub;
    hub.stream("/v1/pull", uint64_t{1} << 30, false);  // chunked: no length to judge beforehand
    hub.start();
    CurlTransport transport(hub.url());
    resetPeak();
    const int64_t before = peakKb();
    auto r = transport.request("GET", "/v1/pull?after=0", "", "token");
    const int64_t grown = peakKb() - before;
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("larger than"), std::string::npos) << r.error().message;
    EXPECT_LT(hub.sent.load(), uint64_t{256} << 20) << "the device stopped reading";
    EXPECT_LT(grown, 512 * 1024) << "peak memory grew by " << grown / 1024 << " MiB";
}

TEST(HostileHub, ASnapshotLargerThanTheDiskIsRefusedBeforeAByteIsWritten) {
    fc::test::TempDir dir;
    HostileServer hub;
    // Announces a petabyte, then sends 64 MiB and gives up.
    hub.stream("/v1/snapshot", uint64_t{1} << 50, true, uint64_t{64} << 20);
    hub.start();
    CurlTransport transport(hub.url());
    const std::string file = dir.file("device.db.snapshot");
    auto r = transport.download("/v1/snapshot", "token", file);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("announced"), std::string::npos) << r.error().message;
    std::error_code ec;
    EXPECT_LT(std::filesystem::file_size(file, ec), 1u << 20) << "nothing of it written";
}

TEST(HostileHub, ASnapshotWithoutALengthIsWrittenOnlyUpToTheCap) {
    fc::test::TempDir dir;
    HostileServer hub;
    hub.stream("/v1/snapshot", uint64_t{256} << 20, false);
    hub.start();
    CurlOptions options;
    options.maxSnapshotBytes = 4u << 20;
    CurlTransport transport(hub.url(), options);
    const std::string file = dir.file("device.db.snapshot");
    auto r = transport.download("/v1/snapshot", "token", file);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("larger than"), std::string::npos) << r.error().message;
    std::error_code ec;
    EXPECT_LE(std::filesystem::file_size(file, ec), options.maxSnapshotBytes);
    EXPECT_LT(hub.sent.load(), uint64_t{200} << 20);

    // Through the device's first exchange: refused, and no file is left beside its database.
    test::SimWorld w(dir, 1);
    SyncClient client(*w.device(0).services, transport);
    auto first = client.initialSync();
    ASSERT_FALSE(first.ok());
    EXPECT_FALSE(std::filesystem::exists(w.device(0).path + ".snapshot"));
    EXPECT_EQ(client.cursor(), 0);
}

}  // namespace
}  // namespace fc::sync
