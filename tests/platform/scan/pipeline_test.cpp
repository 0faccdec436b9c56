// The scan pipeline's worker: still images queued and answered in order, live frames latest-wins
// with a fast pass, a thorough pass only for steady pictures, codes reported once while in view,
// and the camera feed. Time is the frames' own timestamps; nothing here reads a clock.
#include "platform/scan/pipeline.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <map>

#include "platform/scan/steadiness.hpp"
#include "tests/platform/scan/support/synth.hpp"

namespace fc::platform {
namespace {

// Pictures are made once per kind and copied with a new timestamp (making them is the slow part).
Frame stamped(const Frame& f, int64_t ts) {
    Frame copy = f;
    copy.timestampMs = ts;
    return copy;
}

Frame scene(const std::string& text, int64_t ts) {
    static std::map<std::string, Frame> made;
    auto it = made.find(text);
    if (it == made.end())
        it = made.emplace(text, test::placeCentred(test::makeCode(Symbology::kCode128, text, 4),
                                                   1280, 720, 5))
                 .first;
    return stamped(it->second, ts);
}

// A label the fast pass cannot read (turned 90 degrees) but the thorough pass can.
Frame turnedScene(const std::string& text, int64_t ts, int x = 500) {
    static std::map<std::pair<std::string, int>, Frame> made;
    auto key = std::make_pair(text, x);
    auto it = made.find(key);
    if (it == made.end()) {
        const Frame code = test::rotateQuarter(test::makeCode(Symbology::kCode128, text, 4), 1);
        it = made.emplace(key, test::place(code, 1280, 720, x, 40, 5)).first;
    }
    return stamped(it->second, ts);
}

Frame empty(int64_t ts) {
    static const Frame made = test::emptyScene(1280, 720, 5);
    return stamped(made, ts);
}

ScanPipeline::Options inProcess() {
    ScanPipeline::Options o;
    o.isolate = false;  // faster; isolation has its own tests
    return o;
}

// Submits live frames one at a time (waiting for each, so none is dropped) and returns events.
std::vector<ScanEvent> feedLive(ScanPipeline& p, const std::vector<Frame>& frames) {
    for (const Frame& f : frames) {
        p.submitLive(f);
        EXPECT_TRUE(p.waitIdle());
    }
    return p.drain();
}

TEST(ScanPipeline, StillImagesAreAnsweredInOrder) {
    std::atomic<int> notified{0};
    ScanPipeline p(ScanPipeline::Options{}, [&] { ++notified; });
    Frame malformed = Frame::grey(10, 10);
    malformed.pixels.clear();
    const uint64_t a = p.submitStill(scene("STILL-A", 1), "a");
    const uint64_t b = p.submitStill(empty(2), "b");
    const uint64_t c = p.submitStill(malformed, "c");
    const uint64_t d = p.submitStill(turnedScene("STILL-D", 4), "d");
    ASSERT_TRUE(p.waitIdle());
    auto events = p.drain();
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(notified.load(), 4);
    EXPECT_EQ(events[0].request, a);
    EXPECT_EQ(events[0].source, "a");
    EXPECT_EQ(events[0].pass, Pass::kThorough);
    ASSERT_EQ(events[0].codes.size(), 1u);
    EXPECT_EQ(events[0].codes[0].text, "STILL-A");
    EXPECT_EQ(events[1].request, b);
    EXPECT_TRUE(events[1].codes.empty());
    EXPECT_FALSE(events[1].error);
    EXPECT_EQ(events[2].request, c);
    ASSERT_TRUE(events[2].error);
    EXPECT_EQ(events[2].error->code, core::Errc::kInvalid);
    EXPECT_EQ(events[3].request, d);
    ASSERT_EQ(events[3].codes.size(), 1u);
    EXPECT_EQ(events[3].codes[0].text, "STILL-D");
    EXPECT_TRUE(p.drain().empty());
    EXPECT_EQ(p.stats().stillsDecoded, 4u);
}

TEST(ScanPipeline, LatestLiveFrameWins) {
    ScanPipeline p(inProcess());
    p.pause();
    for (int i = 1; i <= 5; ++i) p.submitLive(scene("FRAME-" + std::to_string(i), i * 33));
    p.resume();
    ASSERT_TRUE(p.waitIdle());
    auto events = p.drain();
    ASSERT_EQ(events.size(), 1u);
    ASSERT_EQ(events[0].codes.size(), 1u);
    EXPECT_EQ(events[0].codes[0].text, "FRAME-5");
    EXPECT_EQ(events[0].pass, Pass::kFast);
    EXPECT_EQ(events[0].request, 0u);
    const ScanStats s = p.stats();
    EXPECT_EQ(s.liveSubmitted, 5u);
    EXPECT_EQ(s.liveDropped, 4u);
    EXPECT_EQ(s.liveDecoded, 1u);
}

TEST(ScanPipeline, StillImagesAreNeverDroppedBehindLiveFrames) {
    ScanPipeline p(inProcess());
    p.pause();
    p.submitLive(scene("LIVE", 0));
    for (int i = 0; i < 3; ++i) p.submitStill(scene("STILL-" + std::to_string(i), i), "s");
    p.submitLive(scene("LIVE-2", 33));
    p.resume();
    ASSERT_TRUE(p.waitIdle());
    auto events = p.drain();
    ASSERT_EQ(events.size(), 4u);  // three stills, then the newest live frame
    for (int i = 0; i < 3; ++i) EXPECT_EQ(events[i].codes.at(0).text, "STILL-" + std::to_string(i));
    EXPECT_EQ(events[3].codes.at(0).text, "LIVE-2");
}

TEST(ScanPipeline, ALiveCodeIsReportedOnceWhileInViewAndAgainAfterItLeft) {
    ScanPipeline p(inProcess());
    std::vector<Frame> frames;
    int64_t t = 0;
    for (int i = 0; i < 10; ++i, t += 33) frames.push_back(scene("PART-7", t));  // held in view
    for (int i = 0; i < 60; ++i, t += 33) frames.push_back(empty(t));            // gone ~2 s
    for (int i = 0; i < 3; ++i, t += 33) frames.push_back(scene("PART-7", t));   // back
    auto events = feedLive(p, frames);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].codes.at(0).text, "PART-7");
    EXPECT_EQ(events[0].timestampMs, 0);
    EXPECT_EQ(events[1].timestampMs, 70 * 33);
}

TEST(ScanPipeline, ASteadyPictureGetsAThoroughPassAMovingOneDoesNot) {
    {
        // Moving: the label jumps between two places every frame; never steady.
        ScanPipeline p(inProcess());
        std::vector<Frame> frames;
        for (int i = 0; i < 12; ++i)
            frames.push_back(turnedScene("MOVING", i * 33, i % 2 ? 200 : 900));
        auto events = feedLive(p, frames);
        EXPECT_TRUE(events.empty());
        EXPECT_EQ(p.stats().thoroughPasses, 0u);
        EXPECT_EQ(p.stats().fastPasses, 12u);
    }
    {
        // Steady: the third identical frame (two small differences in a row) gets a thorough pass.
        ScanPipeline p(ScanPipeline::Options{});  // isolated, as in the app
        std::vector<Frame> frames;
        for (int i = 0; i < 5; ++i) frames.push_back(turnedScene("STEADY", i * 33));
        auto events = feedLive(p, frames);
        ASSERT_EQ(events.size(), 1u);
        EXPECT_EQ(events[0].pass, Pass::kThorough);
        EXPECT_EQ(events[0].timestampMs, 2 * 33);
        EXPECT_EQ(events[0].codes.at(0).text, "STEADY");
        EXPECT_EQ(p.stats().thoroughPasses, 1u);
    }
}

TEST(ScanPipeline, ThoroughPassesOnASteadyEmptyPictureAreRateLimited) {
    ScanPipeline::Options o = inProcess();
    o.liveThoroughIntervalMs = 1000;
    ScanPipeline p(o);
    std::vector<Frame> frames;
    for (int64_t t = 0; t < 3000; t += 33) frames.push_back(empty(t));
    auto events = feedLive(p, frames);
    EXPECT_TRUE(events.empty());
    // Steady from the third frame (t = 66), then once per second of frame time: 66, 1089, 2112.
    EXPECT_EQ(p.stats().thoroughPasses, 3u);
}

TEST(Steadiness, SameFramesAreSteadyChangedOnesAreNot) {
    SteadinessMeter m;
    const Frame a = test::emptyScene(1280, 720, 1);
    const Frame b = test::emptyScene(1280, 720, 2);  // other noise, same picture: still steady
    const Frame moved =
        test::placeCentred(test::makeCode(Symbology::kQrCode, "X", 10), 1280, 720, 1);
    EXPECT_FALSE(m.update(a));
    EXPECT_LT(m.lastDifference(), 0);
    EXPECT_FALSE(m.update(b));  // one small difference
    EXPECT_LT(m.lastDifference(), 3.0);
    EXPECT_TRUE(m.update(a));  // two in a row
    EXPECT_FALSE(m.update(moved));
    EXPECT_GT(m.lastDifference(), 3.0);
    EXPECT_FALSE(m.update(moved));
    EXPECT_TRUE(m.update(moved));
    m.reset();
    EXPECT_FALSE(m.update(moved));
}

// A live source that plays a script of frames and errors, then ends.
class ScriptedSource final : public FrameSource {
public:
    explicit ScriptedSource(std::deque<core::Result<std::optional<Frame>>> script)
        : m_script(std::move(script)) {}
    std::string name() const override { return "scripted-camera"; }
    bool live() const override { return true; }
    core::Status open() override {
        opened = true;
        return {};
    }
    core::Result<std::optional<Frame>> next() override {
        if (m_script.empty()) return std::optional<Frame>();
        auto r = std::move(m_script.front());
        m_script.pop_front();
        return r;
    }
    void close() override { closed = true; }
    bool opened = false;
    bool closed = false;

private:
    std::deque<core::Result<std::optional<Frame>>> m_script;
};

TEST(CameraFeed, FramesGoToThePipelineErrorsBecomeEvents) {
    ScanPipeline p(inProcess());
    std::deque<core::Result<std::optional<Frame>>> script;
    script.emplace_back(core::Error(core::Errc::kIo, "camera gave no picture within 2000 ms"));
    script.emplace_back(std::optional<Frame>(scene("FEED-1", 100)));
    ScriptedSource source(std::move(script));
    CameraFeed feed(source, p);
    ASSERT_TRUE(feed.start());
    EXPECT_TRUE(source.opened);
    while (feed.running()) std::this_thread::yield();  // the script ends by itself
    ASSERT_TRUE(p.waitIdle());
    feed.stop();
    EXPECT_TRUE(source.closed);
    auto events = p.drain();
    ASSERT_EQ(events.size(), 2u);
    ASSERT_TRUE(events[0].error);
    EXPECT_EQ(events[0].source, "scripted-camera");
    EXPECT_EQ(events[1].source, "scripted-camera");
    EXPECT_EQ(events[1].codes.at(0).text, "FEED-1");
}

TEST(CameraFeed, AMissingCameraFailsToStartWithAClearError) {
    ScanPipeline p(inProcess());
    auto camera = makeV4l2Camera("/dev/video-forecourt-test-missing");
    CameraFeed feed(*camera, p);
    auto r = feed.start();
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not found"), std::string::npos) << r.error().message;
    EXPECT_FALSE(feed.running());
}

}  // namespace
}  // namespace fc::platform
