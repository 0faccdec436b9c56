// Frame sources: image files (PNG/JPEG written here with stb_image_write into a TempDir), the
// V4L2 camera's clean failures without a camera, and its pixel conversions (MJPEG without
// Huffman tables, YUYV).
#include "platform/scan/frame_source.hpp"
#include "platform/scan/image_load.hpp"

#include <gtest/gtest.h>

#include "platform/scan/decoder.hpp"
#include "tests/platform/scan/support/synth.hpp"
#include "tests/support/test_store.hpp"

namespace fc::platform {
namespace {

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

Frame label(const std::string& text) {
    return test::placeCentred(test::makeCode(Symbology::kCode128, text, 4), 800, 480);
}

TEST(ImageFileSource, ReadsFilesInOrderAndReportsBadOnesByName) {
    test::TempDir dir;
    ASSERT_TRUE(test::writePng(label("PNG-1"), dir.file("a.png")));
    ASSERT_TRUE(test::writeJpeg(label("JPG-2"), dir.file("b.jpg"), 95));
    test::writeFile(dir.file("notes.png"), "this is not a picture");
    core::ManualClock clock(5'000);
    ImageFileSource source(
        {dir.file("a.png"), dir.file("missing.png"), dir.file("b.jpg"), dir.file("notes.png")},
        clock);
    EXPECT_FALSE(source.live());
    ASSERT_TRUE(source.open());

    auto a = source.next();
    ASSERT_TRUE(a) << a.error().message;
    ASSERT_TRUE(*a);
    EXPECT_EQ((*a)->width, 800);
    EXPECT_EQ((*a)->height, 480);
    EXPECT_EQ((*a)->format, PixelFormat::kGrey);
    EXPECT_EQ((*a)->timestampMs, 5'000);
    auto codes = decodeThorough(**a);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, "PNG-1");

    auto missing = source.next();
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::Errc::kNotFound);
    EXPECT_TRUE(contains(missing.error().message, dir.file("missing.png")))
        << missing.error().message;

    clock.advance(40);
    auto b = source.next();
    ASSERT_TRUE(b) << b.error().message;
    ASSERT_TRUE(*b);
    EXPECT_EQ((*b)->timestampMs, 5'040);
    codes = decodeThorough(**b);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, "JPG-2");

    auto notes = source.next();
    ASSERT_FALSE(notes);
    EXPECT_EQ(notes.error().code, core::Errc::kUnsupported);
    EXPECT_TRUE(contains(notes.error().message, dir.file("notes.png"))) << notes.error().message;
    EXPECT_TRUE(contains(notes.error().message, "not a picture")) << notes.error().message;

    auto end = source.next();
    ASSERT_TRUE(end);
    EXPECT_FALSE(*end);
}

TEST(ImageFiles, RefusesFoldersAndPicturesTooLargeToBeReal) {
    test::TempDir dir;
    auto folder = loadImageFile(dir.path());
    ASSERT_FALSE(folder);
    EXPECT_TRUE(contains(folder.error().message, "folder")) << folder.error().message;
    // A PNG header claiming 10000 x 10000 pixels (a decompression bomb): refused from the header.
    std::string png("\x89PNG\r\n\x1a\n", 8);
    png += std::string("\0\0\0\x0dIHDR", 8);
    png += std::string("\0\0\x27\x10\0\0\x27\x10\x08\0\0\0\0", 13);
    png += std::string("\0\0\0\0", 4);  // CRC (stb_image does not check it)
    test::writeFile(dir.file("bomb.png"), png);
    auto bomb = loadImageFile(dir.file("bomb.png"));
    ASSERT_FALSE(bomb);
    EXPECT_TRUE(contains(bomb.error().message, "too large")) << bomb.error().message;
    EXPECT_TRUE(contains(bomb.error().message, "10000x10000")) << bomb.error().message;
}

TEST(ImageFiles, TruncatedPictureIsAnErrorNotACrash) {
    test::TempDir dir;
    ASSERT_TRUE(test::writePng(label("CUT"), dir.file("cut.png")));
    std::string bytes = test::encodeJpeg(label("CUT"));
    test::writeFile(dir.file("cut.jpg"), bytes.substr(0, bytes.size() / 3));
    // Whatever stb_image makes of a third of a JPEG, loading it in the child must come back.
    auto r = loadImageIsolated(dir.file("cut.jpg"));
    if (r) {
        EXPECT_EQ(r->width, 800);
    } else {
        EXPECT_FALSE(r.error().message.empty());
    }
}

TEST(V4l2Camera, MissingDeviceFailsWithAClearError) {
    auto camera = makeV4l2Camera("/dev/video-forecourt-test-missing");
    EXPECT_TRUE(camera->live());
    EXPECT_EQ(camera->name(), "/dev/video-forecourt-test-missing");
    auto r = camera->open();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::Errc::kNotFound);
    EXPECT_TRUE(contains(r.error().message, "camera /dev/video-forecourt-test-missing not found"))
        << r.error().message;
    // Not open: no frames, no crash; closing twice is fine.
    auto next = camera->next();
    ASSERT_TRUE(next);
    EXPECT_FALSE(*next);
    camera->close();
    camera->close();
}

TEST(V4l2Camera, FilesAndNonVideoDevicesAreRefused) {
    test::TempDir dir;
    test::writeFile(dir.file("video0"), "");
    auto file = makeV4l2Camera(dir.file("video0"))->open();
    ASSERT_FALSE(file);
    EXPECT_TRUE(contains(file.error().message, "not a device")) << file.error().message;
    auto null = makeV4l2Camera("/dev/null")->open();
    ASSERT_FALSE(null);
    EXPECT_TRUE(contains(null.error().message, "not a video device")) << null.error().message;
}

TEST(V4l2Camera, MjpegFramesWithoutHuffmanTablesDecode) {
    const Frame original = label("MJPEG");
    std::string jpeg = test::encodeJpeg(original, 90);
    // Cut every DHT segment out, as UVC cameras send their MJPEG frames.
    std::string stripped = jpeg.substr(0, 2);
    size_t i = 2;
    while (i + 4 <= jpeg.size() && static_cast<uint8_t>(jpeg[i]) == 0xff &&
           static_cast<uint8_t>(jpeg[i + 1]) != 0xda) {
        const size_t len =
            (static_cast<uint8_t>(jpeg[i + 2]) << 8) | static_cast<uint8_t>(jpeg[i + 3]);
        if (static_cast<uint8_t>(jpeg[i + 1]) != 0xc4) stripped += jpeg.substr(i, len + 2);
        i += len + 2;
    }
    stripped += jpeg.substr(i);
    ASSERT_LT(stripped.size(), jpeg.size()) << "the test JPEG had no Huffman tables to strip";
    EXPECT_FALSE(loadImageBytes(stripped, "stripped"));  // stb_image alone cannot read it

    auto frame =
        decodeMjpeg(reinterpret_cast<const uint8_t*>(stripped.data()), stripped.size(), 77);
    ASSERT_TRUE(frame) << frame.error().message;
    EXPECT_EQ(frame->width, original.width);
    EXPECT_EQ(frame->height, original.height);
    EXPECT_EQ(frame->timestampMs, 77);
    auto codes = decodeFast(*frame);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, "MJPEG");

    const std::string junk = "\xff\xd8 not really";
    EXPECT_FALSE(decodeMjpeg(reinterpret_cast<const uint8_t*>(junk.data()), junk.size(), 0));
    EXPECT_FALSE(decodeMjpeg(reinterpret_cast<const uint8_t*>("abc"), 3, 0));
}

TEST(V4l2Camera, YuyvFramesGiveTheirLuma) {
    // 4x2 pixels, rows padded to 12 bytes: Y0 U Y1 V ...
    const uint8_t yuyv[] = {10, 128, 20, 128, 30, 128, 40, 128, 0xee, 0xee, 0xee, 0xee,
                            50, 128, 60, 128, 70, 128, 80, 128, 0xee, 0xee, 0xee, 0xee};
    const Frame f = yuyvToGrey(yuyv, 4, 2, 12, 9);
    ASSERT_TRUE(f.wellFormed());
    EXPECT_EQ(f.timestampMs, 9);
    EXPECT_EQ(f.pixels, (std::vector<uint8_t>{10, 20, 30, 40, 50, 60, 70, 80}));
}

}  // namespace
}  // namespace fc::platform
