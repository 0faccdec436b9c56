// Decoding generated codes (ZXing's writer) of every supported format, clean and degraded the
// way a camera degrades them, each placed in a 1280x720 scene; and the normalised text stores
// compare.
#include "platform/scan/decoder.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/platform/scan/support/synth.hpp"

namespace fc::platform {
namespace {

using test::blur;
using test::makeCode;
using test::placeCentred;

struct Sample {
    Symbology symbology;
    std::string content;   // what is written
    std::string expected;  // the normalised text read back
    std::string raw;       // the text as read
};

const std::vector<Sample>& samples() {
    static const std::vector<Sample> all = {
        {Symbology::kCode128, "FC-0042 abc", "FC-0042 abc", "FC-0042 abc"},
        {Symbology::kCode39, "PART-42", "PART-42", "PART-42"},
        // Lowercase needs full ASCII Code 39: the writer encodes it, the reader reads it plain.
        {Symbology::kCode39, "Part-42a", "Part-42a", "P+A+R+T-42+A"},
        {Symbology::kEan13, "5901234123457", "5901234123457", "5901234123457"},
        {Symbology::kEan8, "96385074", "96385074", "96385074"},
        {Symbology::kUpcA, "036000291452", "0036000291452", "036000291452"},
        {Symbology::kUpcE, "01234565", "0012345000065", "01234565"},
        {Symbology::kQrCode, "https://forecourt.example/工单/K1-0042",
         "https://forecourt.example/工单/K1-0042", "https://forecourt.example/工单/K1-0042"},
        {Symbology::kDataMatrix, "SN:ABC-123 x", "SN:ABC-123 x", "SN:ABC-123 x"},
    };
    return all;
}

// Module size that makes each code a plausible label in a 1280x720 camera picture: a 1D code
// 300-760 px wide (a quarter to a half of the picture), a 2D code about 150-200 px.
int moduleFor(Symbology s) {
    switch (s) {
        case Symbology::kQrCode:
        case Symbology::kDataMatrix:
            return 6;
        default:
            return 4;
    }
}

Frame label(const Sample& s) {
    return makeCode(s.symbology, s.content, moduleFor(s.symbology));
}

struct Degradation {
    std::string name;
    std::function<Frame(const Frame&)> apply;  // applied to the label before placing it
    bool fastPassReads;                        // the fast pass is expected to read it too
};

const std::vector<Degradation>& degradations() {
    static const std::vector<Degradation> all = {
        {"clean", [](const Frame& f) { return f; }, true},
        {"blur", [](const Frame& f) { return blur(f, 1); }, false},
        {"noise", [](const Frame& f) { return test::addNoise(f, 50, 11); }, false},
        // Half the contrast of print (grey 80 on 160). ZXing 1.4's DataMatrix detector loses
        // codes with big modules below about that (its binarizer takes flat dark blocks lighter
        // than half the white for white).
        {"low-contrast", [](const Frame& f) { return test::contrast(f, 80, 160); }, false},
        {"rot90", [](const Frame& f) { return test::rotateQuarter(f, 1); }, false},
        {"rot180", [](const Frame& f) { return test::rotateQuarter(f, 2); }, false},
        {"rot270", [](const Frame& f) { return test::rotateQuarter(f, 3); }, false},
        {"tilt+5", [](const Frame& f) { return test::rotate(f, 5); }, false},
        {"tilt-8", [](const Frame& f) { return test::rotate(f, -8); }, false},
        {"tilt+10", [](const Frame& f) { return test::rotate(f, 10); }, false},
        // Beyond what a scan line crosses: the thorough pass turns the picture.
        {"tilt+22", [](const Frame& f) { return test::rotate(f, 22); }, false},
        {"tilt-35", [](const Frame& f) { return test::rotate(f, -35); }, false},
        {"blur+noise+tilt",
         [](const Frame& f) { return test::addNoise(test::rotate(blur(f, 1), 4), 25, 5); }, false},
    };
    return all;
}

void expectRead(const std::vector<Code>& codes, const Sample& s) {
    ASSERT_EQ(codes.size(), 1u) << "nothing read";
    EXPECT_EQ(codes[0].symbology, s.symbology) << symbologyName(codes[0].symbology);
    EXPECT_EQ(codes[0].text, s.expected);
    EXPECT_EQ(codes[0].raw, s.raw);
}

TEST(Decoder, EveryFormatCleanAndDegradedInA1280x720Scene) {
    for (const Sample& s : samples()) {
        for (const Degradation& d : degradations()) {
            SCOPED_TRACE(std::string(symbologyName(s.symbology)) + " '" + s.content + "' " +
                         d.name);
            const Frame scene = placeCentred(d.apply(label(s)), 1280, 720, 3);
            expectRead(decodeThorough(scene), s);
            if (d.fastPassReads) expectRead(decodeFast(scene), s);
        }
    }
}

TEST(Decoder, UpcELabelAndUpcALabelOfOnePartCompareEqual) {
    const Frame e = placeCentred(makeCode(Symbology::kUpcE, "01234565", 4), 1280, 720);
    const Frame a = placeCentred(makeCode(Symbology::kUpcA, "012345000065", 4), 1280, 720);
    const auto fromE = decodeFast(e);
    const auto fromA = decodeFast(a);
    ASSERT_EQ(fromE.size(), 1u);
    ASSERT_EQ(fromA.size(), 1u);
    EXPECT_EQ(fromE[0].symbology, Symbology::kUpcE);
    EXPECT_EQ(fromA[0].symbology, Symbology::kUpcA);
    EXPECT_EQ(fromE[0].text, fromA[0].text);
    EXPECT_EQ(fromA[0].text, "0012345000065");
}

TEST(Decoder, RgbAndPaddedStrideFramesReadLikeGrey) {
    const Frame grey = placeCentred(makeCode(Symbology::kCode128, "RGB-1", 4), 800, 600);
    Frame rgb = Frame::rgb(grey.width, grey.height);
    Frame padded = Frame::grey(grey.width, grey.height);
    padded.stride = grey.width + 64;
    padded.pixels.assign(static_cast<size_t>(padded.stride) * padded.height, 0x55);
    for (int y = 0; y < grey.height; ++y)
        for (int x = 0; x < grey.width; ++x) {
            const uint8_t v = grey.row(y)[x];
            rgb.row(y)[3 * x] = v;
            rgb.row(y)[3 * x + 1] = v;
            rgb.row(y)[3 * x + 2] = v;
            padded.row(y)[x] = v;
        }
    for (const Frame* f : std::vector<const Frame*>{&grey, &rgb, &padded}) {
        for (Pass pass : {Pass::kFast, Pass::kThorough}) {
            auto codes = decode(*f, pass);
            ASSERT_EQ(codes.size(), 1u);
            EXPECT_EQ(codes[0].text, "RGB-1");
        }
    }
}

TEST(Decoder, NothingInEmptyNoisyOrMalformedFrames) {
    EXPECT_TRUE(decodeFast(test::emptyScene(1280, 720, 0)).empty());
    EXPECT_TRUE(decodeFast(test::emptyScene(1280, 720, 9)).empty());
    EXPECT_TRUE(decodeThorough(test::emptyScene(1280, 720, 9)).empty());
    EXPECT_TRUE(decodeThorough(Frame::grey(1, 1)).empty());
    Frame bad = Frame::grey(100, 100);
    bad.pixels.resize(10);  // size and pixels disagree
    EXPECT_FALSE(bad.wellFormed());
    EXPECT_TRUE(decodeFast(bad).empty());
    EXPECT_TRUE(decodeThorough(bad).empty());
    EXPECT_TRUE(decodeThorough(Frame{}).empty());
}

TEST(Decoder, ThoroughPassReadsWhatTheFastPassMisses) {
    // A 1D code turned 90 degrees: the fast pass does not try rotations.
    const Frame scene =
        placeCentred(test::rotateQuarter(makeCode(Symbology::kCode128, "TURNED", 3), 1), 1280, 720);
    EXPECT_TRUE(decodeFast(scene).empty());
    auto codes = decodeThorough(scene);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, "TURNED");
}

TEST(Decoder, ThoroughPassEnlargesSmallPictures) {
    // A DataMatrix with 1-pixel modules and a 1-pixel quiet zone is too small for ZXing as it is.
    Frame tiny = makeCode(Symbology::kDataMatrix, "c++", 1);
    Frame cropped = Frame::grey(tiny.width - 6, tiny.height - 6);
    for (int y = 0; y < cropped.height; ++y)
        for (int x = 0; x < cropped.width; ++x) cropped.row(y)[x] = tiny.row(y + 3)[x + 3];
    auto codes = decodeThorough(cropped);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, "c++");
}

}  // namespace
}  // namespace fc::platform
