// The background sync worker with a hub in process: it tells its listener what happens — status
// changes, and after each pulled page which tables and rows it changed — and stopping cuts a
// long-poll in flight short instead of waiting it out. The transport is the in-process hub with a
// long-poll that only cancel() ends early (time and cancellation injected; the hub is real).
#include "sync/net/sync_worker.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "tests/sync/support/sim_world.hpp"

namespace fc::sync {
namespace {

using namespace std::chrono_literals;

// Forwards to the hub in process. A pull that asks to wait waits at the hub in short slices until
// the hub has news, its wait is over, or cancel() is called.
class LongPollTransport final : public Transport {
public:
    LongPollTransport(HubApi& api, Hub& hub) : m_direct(api), m_hub(hub) {}

    Result<HttpResult> request(const std::string& method, const std::string& target, const std::string& body,
                               const std::string& token) override {
        std::string path;
        std::map<std::string, std::string> query;
        splitTarget(target, path, query);
        if (path == "/v1/pull" && query.count("wait")) {
            const int64_t after = std::stoll(query["after"]);
            const int64_t waitMs = std::stoll(query["wait"]);
            for (int64_t waited = 0; waited < waitMs; waited += 20) {
                if (m_hub.waitForChanges(after, 20)) break;
                std::lock_guard lock(m_mutex);
                if (waited == 0) {  // nothing new at the hub: this request now waits
                    ++m_waiting;
                    m_changed.notify_all();
                }
                if (m_cancelled) {
                    m_cancelledInFlight = true;
                    return Error(core::Errc::kIo, "cancelled");
                }
            }
        }
        {
            std::lock_guard lock(m_mutex);
            if (m_cancelled) return Error(core::Errc::kIo, "cancelled");
        }
        return m_direct.request(method, target, body, token);
    }
    void cancel() override {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
    }

    bool waitForLongPoll(std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] { return m_waiting > 0; });
    }
    bool cancelledInFlight() {
        std::lock_guard lock(m_mutex);
        return m_cancelledInFlight;
    }

private:
    test::InProcessTransport m_direct;
    Hub& m_hub;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_waiting = 0;
    bool m_cancelled = false;
    bool m_cancelledInFlight = false;
};

// What the listener heard, and a way to wait for it.
struct Heard {
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<SyncStatus> statuses;
    core::ChangeNews news;

    SyncListener listener() {
        return {.statusChanged =
                    [this](const SyncStatus& s) {
                        std::lock_guard lock(mutex);
                        statuses.push_back(s);
                        cv.notify_all();
                    },
                .pulled =
                    [this](core::ChangeNews n) {
                        std::lock_guard lock(mutex);
                        news.merge(n);
                        cv.notify_all();
                    }};
    }
    template <class Pred>
    bool waitFor(Pred pred) {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, 20s, [&] { return pred(); });
    }
};

TEST(SyncWorker, StopCutsALongPollInFlightShort) {
    fc::test::TempDir dir;
    test::SimWorld w(dir, 1);
    std::vector<LongPollTransport*> transports;
    SyncWorker worker(w.device(0).path, w.clock(), [&] {
        auto t = std::make_unique<LongPollTransport>(w.api(), w.hub());
        transports.push_back(t.get());
        return t;
    });
    worker.longPollMs = 10 * 60'000;  // stopping must not wait this out
    ASSERT_TRUE(worker.start().ok());
    ASSERT_EQ(transports.size(), 2u) << "a transport for pushing, one for pulling";
    LongPollTransport* puller = transports[1];
    ASSERT_TRUE(puller->waitForLongPoll(20s)) << "the puller is long-polling";
    worker.stop();
    EXPECT_TRUE(puller->cancelledInFlight()) << "stop() cancelled the long-poll it would otherwise wait for";
}

TEST(SyncWorker, TheListenerHearsStatusChangesAndWhatEachPulledPageChanged) {
    fc::test::TempDir dir;
    test::SimWorld w(dir, 2);
    Heard heard;
    SyncWorker worker(w.device(0).path, w.clock(),
                      [&] { return std::make_unique<LongPollTransport>(w.api(), w.hub()); });
    worker.setListener(heard.listener());
    ASSERT_TRUE(worker.start().ok());
    ASSERT_TRUE(heard.waitFor([&] {
        for (const auto& s : heard.statuses)
            if (s.online) return true;
        return false;
    })) << "online";

    // Another device saves a customer and pushes it: the worker pulls it and says so.
    auto& other = w.device(1);
    auto id = other.services->get<core::CustomerService>().createCustomer({.name = "王赟", .phones = {"13800138000"}});
    ASSERT_TRUE(id.ok()) << id.error().message;
    ASSERT_TRUE(other.client->push().ok());
    ASSERT_TRUE(heard.waitFor([&] { return heard.news.touches("customers"); }));
    {
        std::lock_guard lock(heard.mutex);
        const auto* rows = heard.news.rowsOf("customers");
        ASSERT_NE(rows, nullptr);
        EXPECT_EQ(*rows, std::set<std::string>{*id});
        EXPECT_FALSE(heard.news.touches("visits"));
    }

    // A local save (another connection, as the app's) and a wake: pushed, and the status says
    // nothing is pending any more.
    auto mine = w.device(0).services->get<core::CustomerService>().createCustomer({.name = "李雷", .phones = {"13900139000"}});
    ASSERT_TRUE(mine.ok());
    const int64_t before = w.hub().latestSeq();
    worker.wake();
    ASSERT_TRUE(heard.waitFor([&] { return w.hub().latestSeq() > before && !heard.statuses.empty() &&
                                           heard.statuses.back().pending == 0; }));
    worker.stop();
}

}  // namespace
}  // namespace fc::sync
