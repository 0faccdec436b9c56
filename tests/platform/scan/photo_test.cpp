// Job photos: a colour frame is scaled to fit 1280 px and compressed as a JPEG that decodes back
// to the same picture (colours kept); picture files — a synthetic one and a real photograph from
// the barcode samples — become photos in a child process, and what is not a picture is an error
// naming the file; the picker lists pictures newest first; a camera's YUYV converts to the right
// colours; and a still asked of a running camera feed comes from the next frame, in colour, and is
// not given to the scanner.
#include "platform/scan/photo.hpp"

#include <gtest/gtest.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <sys/stat.h>
#include <utime.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "platform/scan/frame_source.hpp"
#include "platform/scan/pipeline.hpp"
#include "tests/support/test_store.hpp"

namespace fc::platform {
namespace {

// Left half red, right half blue, a white bar across the middle.
Frame flag(int w, int h) {
    Frame f = Frame::rgb(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = f.row(y) + 3 * x;
            const bool bar = y >= h * 4 / 10 && y < h * 6 / 10;
            p[0] = bar || x < w / 2 ? 230 : 20;
            p[1] = bar ? 230 : 20;
            p[2] = bar || x >= w / 2 ? 230 : 20;
        }
    return f;
}

struct Decoded {
    int w = 0, h = 0;
    std::vector<uint8_t> rgb;
    const uint8_t* at(int x, int y) const { return rgb.data() + (static_cast<size_t>(y) * w + x) * 3; }
};

Decoded decodeJpeg(const std::string& jpeg) {
    Decoded d;
    int n = 0;
    unsigned char* px = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(jpeg.data()),
                                              static_cast<int>(jpeg.size()), &d.w, &d.h, &n, 3);
    if (px) d.rgb.assign(px, px + static_cast<size_t>(d.w) * d.h * 3);
    stbi_image_free(px);
    return d;
}

void expectNear(const uint8_t* p, int r, int g, int b, const char* where) {
    EXPECT_NEAR(p[0], r, 24) << where;
    EXPECT_NEAR(p[1], g, 24) << where;
    EXPECT_NEAR(p[2], b, 24) << where;
}

TEST(Photo, AColourFrameIsScaledToFitAndKeepsItsColours) {
    auto p = encodePhoto(flag(2000, 1500));
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->width, 1280);
    EXPECT_EQ(p->height, 960);
    EXPECT_LT(p->jpeg.size(), 300u * 1024) << "small enough to sync";
    const Decoded d = decodeJpeg(p->jpeg);
    ASSERT_EQ(d.w, 1280);
    ASSERT_EQ(d.h, 960);
    expectNear(d.at(200, 100), 230, 20, 20, "red half");
    expectNear(d.at(1100, 100), 20, 20, 230, "blue half");
    expectNear(d.at(640, 480), 230, 230, 230, "white bar");
    // Portrait keeps its shape; a small picture is not enlarged; grey works too.
    auto tall = encodePhoto(flag(900, 1600));
    ASSERT_TRUE(tall.ok());
    EXPECT_EQ(tall->width, 720);
    EXPECT_EQ(tall->height, 1280);
    auto small = encodePhoto(Frame::grey(320, 240, 128));
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(small->width, 320);
    EXPECT_EQ(decodeJpeg(small->jpeg).at(10, 10)[0], 128);
    EXPECT_FALSE(encodePhoto(Frame{}).ok());
}

TEST(Photo, PictureFilesBecomePhotosInAChildAndBadFilesAreNamed) {
    test::TempDir dir;
    const Frame f = flag(1600, 1200);
    ASSERT_TRUE(stbi_write_png(dir.file("brake.png").c_str(), f.width, f.height, 3, f.pixels.data(), f.stride));
    auto p = photoFromFileIsolated(dir.file("brake.png"));
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->width, 1280);
    EXPECT_EQ(p->height, 960);
    const Decoded d = decodeJpeg(p->jpeg);
    expectNear(d.at(100, 100), 230, 20, 20, "red from the file");

    // A real photograph (a phone picture from the barcode samples).
    const std::string real = std::string(FC_BARCODE_SAMPLES) + "/falsepositives-1/16.png";
    auto photo = photoFromFileIsolated(real);
    ASSERT_TRUE(photo.ok()) << photo.error().message;
    EXPECT_EQ(photo->width, 640);
    EXPECT_EQ(photo->height, 480);
    EXPECT_EQ(decodeJpeg(photo->jpeg).w, 640);

    test::writeFile(dir.file("notes.jpg"), "this is not a picture");
    auto bad = photoFromFileIsolated(dir.file("notes.jpg"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, core::Errc::kUnsupported);
    EXPECT_NE(bad.error().message.find("notes.jpg"), std::string::npos) << bad.error().message;
    auto gone = photoFromFileIsolated(dir.file("gone.jpg"));
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, core::Errc::kNotFound);
}

TEST(Photo, ThePickerListsPicturesNewestFirst) {
    test::TempDir dir;
    test::writeFile(dir.file("old.JPG"), "x");
    test::writeFile(dir.file("new.png"), "xy");
    test::writeFile(dir.file("mid.jpeg"), "xyz");
    test::writeFile(dir.file("readme.txt"), "not a picture");
    std::filesystem::create_directory(dir.file("sub.jpg"));
    auto stamp = [&](const char* name, time_t t) {
        struct utimbuf times {t, t};
        ASSERT_EQ(utime(dir.file(name).c_str(), &times), 0);
    };
    stamp("old.JPG", 1'700'000'000);
    stamp("mid.jpeg", 1'700'000'100);
    stamp("new.png", 1'700'000'200);
    auto files = listPictureFiles(dir.path());
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0].name, "new.png");
    EXPECT_EQ(files[0].bytes, 2u);
    EXPECT_EQ(files[1].name, "mid.jpeg");
    EXPECT_EQ(files[2].name, "old.JPG");
    EXPECT_EQ(files[2].modifiedMs, 1'700'000'000'000);
    EXPECT_TRUE(listPictureFiles(dir.file("missing")).empty());
}

TEST(Photo, YuyvConvertsToTheRightColours) {
    // Two pixels per 4 bytes (Y0 U Y1 V): pure red, green and blue as a BT.601 camera sends them.
    const uint8_t yuyv[] = {76, 85, 76, 255, 150, 44, 150, 21, 29, 255, 29, 107};
    Frame f = yuyvToRgb(yuyv, 6, 1, 12, 7);
    ASSERT_EQ(f.format, PixelFormat::kRgb);
    EXPECT_EQ(f.timestampMs, 7);
    expectNear(f.row(0) + 0, 255, 0, 0, "red");
    expectNear(f.row(0) + 6, 0, 255, 0, "green");
    expectNear(f.row(0) + 12, 0, 0, 255, "blue");
}

// A camera stand-in that makes a frame each time it is asked (the machine has no V4L2 device):
// grey for the scanner, colour while a still is being taken — as the V4L2 source does.
class TestCamera final : public FrameSource {
public:
    std::string name() const override { return "test camera"; }
    bool live() const override { return true; }
    core::Status open() override { return {}; }
    core::Result<std::optional<Frame>> next() override {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ++frames;
        Frame f = colour.load() ? flag(640, 480) : Frame::grey(640, 480, 200);
        f.timestampMs = frames.load();
        return std::optional<Frame>(std::move(f));
    }
    void close() override {}
    void setColour(bool on) override { colour.store(on); }
    std::atomic<bool> colour{false};
    std::atomic<int> frames{0};
};

TEST(Photo, AStillFromARunningCameraIsTheNextFrameInColour) {
    TestCamera camera;
    ScanPipeline pipeline;
    CameraFeed feed(camera, pipeline);
    EXPECT_FALSE(feed.requestStill([](core::Result<Frame>) {})) << "not running yet";
    ASSERT_TRUE(feed.start());
    std::mutex m;
    std::condition_variable cv;
    std::optional<core::Result<Frame>> got;
    ASSERT_TRUE(feed.requestStill([&](core::Result<Frame> f) {
        std::lock_guard lock(m);
        got = std::move(f);
        cv.notify_all();
    }));
    {
        std::unique_lock lock(m);
        ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return got.has_value(); }));
    }
    ASSERT_TRUE(got->ok()) << got->error().message;
    EXPECT_EQ(got->value().format, PixelFormat::kRgb);
    auto photo = encodePhoto(got->value());
    ASSERT_TRUE(photo.ok());
    expectNear(decodeJpeg(photo->jpeg).at(50, 50), 230, 20, 20, "the still's colours");
    // The camera is back to grey for the scanner.
    const int seen = camera.frames.load();
    while (camera.frames.load() < seen + 2) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    EXPECT_FALSE(camera.colour.load());
    feed.stop();
    EXPECT_FALSE(feed.requestStill([](core::Result<Frame>) {})) << "stopped";
}

}  // namespace
}  // namespace fc::platform
