// The scan pipeline: one worker thread decodes whatever is submitted and hands the results to the
// UI through a queue it drains on its main thread (never ImGui from the worker).
//
//   live frames   submitLive(frame): only the newest waiting frame is kept (latest frame wins);
//                 fast pass, and a thorough pass when the fast pass found nothing but the
//                 picture is steady. A code is reported once while it stays in view.
//   still images  submitStill(frame) / submitImageFile(path): queued, every one decoded with the
//                 thorough pass, each answered with one event (codes, none, or an error).
//
// Thorough passes run in a child process (isolate.hpp) unless Options::isolate is off, so a
// picture that crashes the decoder is an error event, never a crash of the app.
//
//   ScanPipeline scans({}, [&] { mainQueue.wake(); });
//   scans.submitImageFile("label.png");
//   for (ScanEvent& e : scans.drain()) show(e);       // on the main thread, each frame
//
//   CameraFeed feed(*camera, scans);  feed.start();   // camera frames → submitLive
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "platform/scan/codes.hpp"
#include "platform/scan/decoder.hpp"
#include "platform/scan/frame.hpp"
#include "platform/scan/frame_source.hpp"
#include "platform/scan/isolate.hpp"
#include "platform/scan/steadiness.hpp"
#include "shared/core/result.hpp"

namespace fc::platform {

struct ScanEvent {
    uint64_t request = 0;  // the id submitStill/submitImageFile returned; 0 for live frames
    std::string source;    // the file or label; "camera" (or the camera's name) for live frames
    Pass pass = Pass::kThorough;
    std::vector<Code> codes;  // empty: nothing found (only still images report that)
    std::optional<core::Error> error;
    int64_t timestampMs = 0;  // the frame's capture time
};

struct ScanStats {
    uint64_t liveSubmitted = 0;
    uint64_t liveDropped = 0;  // replaced by a newer frame before the worker got to them
    uint64_t liveDecoded = 0;
    uint64_t fastPasses = 0;
    uint64_t thoroughPasses = 0;  // live and still
    uint64_t stillsDecoded = 0;
    uint64_t decoderFailures = 0;  // crashes, timeouts, garbled answers of the isolated decoder
};

class ScanPipeline {
public:
    struct Options {
        bool isolate = true;  // thorough passes in a child process
        IsolationOptions isolation;
        // A live code seen again within this much frame time is not reported again.
        int64_t repeatHoldOffMs = 1500;
        // At most one thorough pass on live frames per this much frame time while steady.
        int64_t liveThoroughIntervalMs = 1000;
        SteadinessMeter::Options steadiness;
    };

    // `notify` is called on the worker thread after events were queued (e.g. to wake the UI).
    explicit ScanPipeline(Options options, std::function<void()> notify = {});
    ScanPipeline() : ScanPipeline(Options{}) {}
    ~ScanPipeline();
    ScanPipeline(const ScanPipeline&) = delete;
    ScanPipeline& operator=(const ScanPipeline&) = delete;

    // Any thread. A live frame waiting to be decoded is replaced by a newer one.
    void submitLive(Frame frame, std::string source = "camera");
    uint64_t submitStill(Frame frame, std::string label);
    uint64_t submitImageFile(std::string path);
    // A frame source's error (camera unplugged) as an event, in order with the results.
    void reportError(core::Error error, std::string source);

    // Main thread: everything produced since the last call, in order.
    std::vector<ScanEvent> drain();

    // Until nothing is queued or being decoded (CLI, tests); false if `timeout` passed first.
    bool waitIdle(std::chrono::milliseconds timeout = std::chrono::minutes(2));
    // Holds the worker before its next job (tests use it to queue several live frames).
    void pause();
    void resume();
    ScanStats stats() const;

private:
    struct StillJob {
        uint64_t id = 0;
        std::string source;
        std::optional<Frame> frame;  // or a file to load in the child
    };
    struct LiveJob {
        Frame frame;
        std::string source;
    };

    void run();
    ScanEvent decodeStill(StillJob& job);
    std::optional<ScanEvent> decodeLive(LiveJob& job);
    core::Result<std::vector<Code>> thorough(const Frame& frame);
    void publish(ScanEvent event);

    Options m_options;
    std::function<void()> m_notify;

    mutable std::mutex m_mutex;
    std::condition_variable m_work;
    std::condition_variable m_idle;
    std::deque<StillJob> m_stills;
    std::optional<LiveJob> m_live;
    std::vector<ScanEvent> m_events;
    ScanStats m_stats;
    uint64_t m_nextId = 1;
    bool m_busy = false;
    bool m_paused = false;
    bool m_stop = false;
    std::atomic<bool> m_cancel{false};

    // Worker-only state for live frames.
    SteadinessMeter m_steadiness;
    std::map<std::pair<Symbology, std::string>, int64_t> m_lastSeen;
    std::optional<int64_t> m_lastLiveThorough;

    std::thread m_thread;  // last: starts after everything above exists
};

// Pulls frames from a live source on its own thread into a pipeline. Source errors become error
// events (once per distinct message in a row); the feed ends when the source does.
class CameraFeed {
public:
    CameraFeed(FrameSource& source, ScanPipeline& pipeline)
        : m_source(source), m_pipeline(pipeline) {}
    ~CameraFeed() { stop(); }
    CameraFeed(const CameraFeed&) = delete;
    CameraFeed& operator=(const CameraFeed&) = delete;

    // Opens the source and starts pulling; the open error is returned, not queued.
    core::Status start();
    // Stops after the frame being waited for (at most the source's frame timeout) and closes the
    // source.
    void stop();
    // A source that ends (picture files): waits until every frame of it has been submitted.
    void waitForEnd();
    bool running() const { return m_running.load(); }
    // A photo: the next frame, in colour where the source can (FrameSource::setColour), is handed
    // to `done` on the feed's thread instead of the scanner, and nothing else is kept. False when
    // the feed is not running (no camera, or it stopped); a still already asked for is replaced.
    using StillHandler = std::function<void(core::Result<Frame>)>;
    bool requestStill(StillHandler done);

private:
    FrameSource& m_source;
    ScanPipeline& m_pipeline;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_running{false};
    std::mutex m_stillMutex;
    StillHandler m_still;  // guarded by m_stillMutex
    std::thread m_thread;
};

}  // namespace fc::platform
