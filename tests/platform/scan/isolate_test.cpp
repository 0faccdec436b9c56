// Crash isolation: a decoder that aborts, segfaults, hangs or answers garbage in its child process
// is an Error for the caller, who carries on. Includes the real case: ZXing's ReadBarcodes
// (plural) aborts on a sample photo, and the isolated call survives it.
#include "platform/scan/isolate.hpp"

#include <gtest/gtest.h>

#include <ZXing/ReadBarcode.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "platform/scan/frame_source.hpp"
#include "platform/scan/image_load.hpp"
#include "platform/scan/photo.hpp"
#include "platform/scan/pipeline.hpp"
#include "tests/platform/scan/support/synth.hpp"
#include "tests/support/test_store.hpp"

namespace fc::platform {
namespace {

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

Frame codeScene(const std::string& text) {
    return test::placeCentred(test::makeCode(Symbology::kCode128, text, 4), 1280, 720, 1);
}

IsolationOptions fault(ChildFault f, int timeoutMs = 20'000) {
    IsolationOptions o;
    o.testFault = f;
    o.timeoutMs = timeoutMs;
    return o;
}

TEST(Isolate, DecodesInTheChild) {
    auto codes = decodeIsolated(codeScene("CHILD-1"), Pass::kThorough);
    ASSERT_TRUE(codes) << codes.error().message;
    ASSERT_EQ(codes->size(), 1u);
    EXPECT_EQ((*codes)[0].text, "CHILD-1");
    auto none = decodeIsolated(test::emptyScene(640, 480, 3), Pass::kThorough);
    ASSERT_TRUE(none) << none.error().message;
    EXPECT_TRUE(none->empty());
}

TEST(Isolate, AbortInTheChildIsAnErrorAndTheCallerCarriesOn) {
    auto r = decodeIsolated(codeScene("ABORT"), Pass::kThorough, fault(ChildFault::kAbort));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::Errc::kInternal);
    EXPECT_TRUE(contains(r.error().message, "crashed (signal 6")) << r.error().message;
    // This process is fine and the next picture decodes.
    auto next = decodeIsolated(codeScene("AFTER-ABORT"), Pass::kThorough);
    ASSERT_TRUE(next) << next.error().message;
    ASSERT_EQ(next->size(), 1u);
    EXPECT_EQ((*next)[0].text, "AFTER-ABORT");
}

TEST(Isolate, SegfaultInTheChildIsAnError) {
    auto r = decodeIsolated(codeScene("SEGV"), Pass::kThorough, fault(ChildFault::kSegfault));
    ASSERT_FALSE(r);
    EXPECT_TRUE(contains(r.error().message, "crashed (signal 11")) << r.error().message;
}

TEST(Isolate, AHangingChildIsStoppedAtTheTimeout) {
    auto r = decodeIsolated(codeScene("HANG"), Pass::kThorough, fault(ChildFault::kHang, 300));
    ASSERT_FALSE(r);
    EXPECT_TRUE(contains(r.error().message, "took longer than 300 ms")) << r.error().message;
}

TEST(Isolate, AGarbledAnswerIsAnError) {
    auto r = decodeIsolated(codeScene("GARBAGE"), Pass::kThorough, fault(ChildFault::kGarbage));
    ASSERT_FALSE(r);
    EXPECT_TRUE(contains(r.error().message, "garbled")) << r.error().message;
}

TEST(Isolate, CancelStopsTheChild) {
    std::atomic<bool> cancel{true};
    IsolationOptions o = fault(ChildFault::kHang);
    o.cancel = &cancel;
    auto r = decodeIsolated(codeScene("CANCEL"), Pass::kThorough, o);
    ASSERT_FALSE(r);
    EXPECT_TRUE(contains(r.error().message, "cancelled")) << r.error().message;
}

TEST(Isolate, ErrorsFromTheChildKeepTheirCodeAndMessage) {
    test::TempDir dir;
    auto r = loadImageIsolated(dir.file("missing.png"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::Errc::kNotFound);
    EXPECT_TRUE(contains(r.error().message, dir.file("missing.png"))) << r.error().message;
    auto thrown =
        runIsolated([]() -> core::Result<std::string> { throw std::runtime_error("boom"); });
    ASSERT_FALSE(thrown);
    EXPECT_TRUE(contains(thrown.error().message, "boom")) << thrown.error().message;
}

TEST(Isolate, ZXingReadBarcodesAbortOnASamplePhotoIsContained) {
    // Debian's ZXing 1.4 has assertions on; ReadBarcodes (plural) trips one on this photo. The
    // pipeline uses ReadBarcode (singular), but this is the kind of crash isolation is for.
    const std::filesystem::path photo =
        std::filesystem::path(FC_BARCODE_SAMPLES) / "code128-1/4.png";
    if (!std::filesystem::exists(photo))
        GTEST_SKIP() << "sample photo not found: " << photo.string();
    auto frame = loadImageFile(photo.string());
    ASSERT_TRUE(frame) << frame.error().message;
    const Frame& f = frame.value();
    auto r = runIsolated([&]() -> core::Result<std::string> {
        const ZXing::ImageView view(f.pixels.data(), f.width, f.height, ZXing::ImageFormat::Lum);
        return std::to_string(ZXing::ReadBarcodes(view).size());
    });
    ASSERT_FALSE(r) << "ReadBarcodes no longer aborts on " << photo.string() << " (read "
                    << r.value() << ")";
    EXPECT_TRUE(contains(r.error().message, "crashed")) << r.error().message;
    // The same photo through the pipeline's own decoder reads its code.
    auto codes = decodeIsolated(f, Pass::kThorough);
    ASSERT_TRUE(codes) << codes.error().message;
    ASSERT_EQ(codes->size(), 1u);
    EXPECT_EQ((*codes)[0].text, "123456");
}

TEST(Isolate, PipelineReportsACrashingPictureAndGoesOn) {
    test::TempDir dir;
    ASSERT_TRUE(test::writePng(codeScene("ONE"), dir.file("one.png")));
    ASSERT_TRUE(test::writePng(codeScene("TWO"), dir.file("two.png")));
    ScanPipeline::Options options;
    options.isolation.testFault = ChildFault::kAbort;  // every child crashes
    ScanPipeline crashing(options);
    crashing.submitImageFile(dir.file("one.png"));
    crashing.submitStill(codeScene("THREE"), "three");
    ASSERT_TRUE(crashing.waitIdle());
    auto events = crashing.drain();
    ASSERT_EQ(events.size(), 2u);
    for (const ScanEvent& e : events) {
        ASSERT_TRUE(e.error);
        EXPECT_TRUE(contains(e.error->message, "crashed")) << e.error->message;
        EXPECT_TRUE(contains(e.error->message, e.source)) << e.error->message;  // names the picture
    }
    EXPECT_EQ(crashing.stats().decoderFailures, 2u);
    // A healthy pipeline in the same process reads the same file.
    ScanPipeline healthy(ScanPipeline::Options{});
    healthy.submitImageFile(dir.file("two.png"));
    ASSERT_TRUE(healthy.waitIdle());
    auto ok = healthy.drain();
    ASSERT_EQ(ok.size(), 1u);
    ASSERT_FALSE(ok[0].error) << ok[0].error->message;
    ASSERT_EQ(ok[0].codes.size(), 1u);
    EXPECT_EQ(ok[0].codes[0].text, "TWO");
}

TEST(Isolate, WireFormatRoundTripsAndRejectsGarbage) {
    const std::vector<Code> codes = {
        {Symbology::kQrCode, std::string("a\0b\n工单", 10), "raw"},
        {Symbology::kUpcE, "0012345000065", "01234565"},
    };
    auto back = decodeCodes(encodeCodes(codes));
    ASSERT_TRUE(back);
    EXPECT_EQ(back.value(), codes);
    std::string bytes = encodeCodes(codes);
    EXPECT_FALSE(decodeCodes(bytes.substr(0, bytes.size() - 1)));  // truncated
    EXPECT_FALSE(decodeCodes(bytes + "x"));                        // trailing bytes
    bytes[4] = 9;                                                  // no such symbology
    EXPECT_FALSE(decodeCodes(bytes));
    EXPECT_FALSE(decodeCodes(""));

    Frame f = Frame::grey(3, 2, 7);
    f.timestampMs = 1234;
    auto fb = decodeFrame(encodeFrame(f));
    ASSERT_TRUE(fb);
    EXPECT_EQ(fb->width, 3);
    EXPECT_EQ(fb->height, 2);
    EXPECT_EQ(fb->timestampMs, 1234);
    EXPECT_EQ(fb->pixels, f.pixels);
    Frame bad = f;
    bad.width = 30;  // pixels do not match the size
    EXPECT_FALSE(decodeFrame(encodeFrame(bad)));
}

// A separate program (posix_spawn): its answer on stdout, and every way it can fail an Error.
TEST(Isolate, AProgramsAnswerAndItsFailuresAreErrors) {
    test::TempDir dir;
    // A real answer: forecourt-photo (beside this test program) on a picture file.
    const Frame f = test::emptyScene(800, 600, 3);
    ASSERT_TRUE(test::writePng(f, dir.file("p.png")));
    auto photo = runProgramIsolated({siblingProgram(kPhotoWorker), dir.file("p.png"), "400", "80"});
    ASSERT_TRUE(photo.ok()) << photo.error().message;
    EXPECT_GT(photo->size(), 100u);

    IsolationOptions o;
    o.name = "the test program";
    o.timeoutMs = 1000;
    auto crashed = runProgramIsolated({"/bin/sh", "-c", "kill -SEGV $$"}, o);
    ASSERT_FALSE(crashed.ok());
    EXPECT_TRUE(contains(crashed.error().message, "the test program crashed (signal 11")) << crashed.error().message;
    auto hung = runProgramIsolated({"/bin/sleep", "30"}, o);
    ASSERT_FALSE(hung.ok());
    EXPECT_TRUE(contains(hung.error().message, "took longer than 1 s")) << hung.error().message;
    auto garbage = runProgramIsolated({"/bin/echo", "not an answer at all"}, o);
    ASSERT_FALSE(garbage.ok());
    EXPECT_TRUE(contains(garbage.error().message, "garbled")) << garbage.error().message;
    auto missing = runProgramIsolated({dir.file("no-such-program")}, o);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, core::Errc::kIo);
    EXPECT_TRUE(contains(missing.error().message, "no-such-program")) << missing.error().message;
    // The worker's own usage error comes back with its code.
    auto usage = runProgramIsolated({siblingProgram(kPhotoWorker), "only-one-argument"});
    ASSERT_FALSE(usage.ok());
    EXPECT_EQ(usage.error().code, core::Errc::kInvalid);
}

// The app asks for photos from a worker thread while its UI thread allocates all the time. A
// forked copy of our own code could inherit an allocator lock another thread held and wait on it
// for ever (it did, under the sanitizers: "took longer than 20 s"); a spawned program cannot.
TEST(Isolate, PhotosFromAWorkerThreadWhileAnotherAllocatesNeverHang) {
    test::TempDir dir;
    const Frame f = test::emptyScene(640, 480, 5);
    ASSERT_TRUE(test::writePng(f, dir.file("p.png")));
    std::atomic<bool> stop{false};
    std::thread churn([&] {
        std::vector<std::string> keep(64);
        size_t i = 0;
        while (!stop.load()) {
            keep[i % keep.size()] = std::string(1000 + i % 5000, 'x');
            ++i;
        }
    });
    IsolationOptions o;
    o.timeoutMs = 15'000;
    int ok = 0;
    std::string last;
    std::thread worker([&] {
        for (int i = 0; i < 12; ++i) {
            auto p = photoFromFileIsolated(dir.file("p.png"), {}, o);
            if (p) ++ok;
            else last = p.error().message;
        }
    });
    worker.join();
    stop = true;
    churn.join();
    EXPECT_EQ(ok, 12) << last;
}

}  // namespace
}  // namespace fc::platform
