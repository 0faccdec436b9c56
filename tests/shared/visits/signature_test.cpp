#include "shared/visits/signature.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace fc::core {
namespace {

TEST(Signature, StrokesAreScaledToTheBoxAndStoredCompactly) {
    SignatureInput in;
    in.width = 800;
    in.height = 300;
    in.strokes = {{{0, 0}, {8, 3}, {8, 3}, {4, 6}}, {{800, 300}}};
    auto stored = encodeSignature(in);
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    auto j = nlohmann::json::parse(*stored);
    EXPECT_EQ(j["v"], 1);
    EXPECT_EQ(j["w"], 1000);
    EXPECT_EQ(j["h"], 375) << "the pad's aspect is kept";
    // Relative segments, a rest of the pen dropped, a dot kept visible, '-' as separator.
    EXPECT_EQ(j["d"], "M0 0l10 4-5 4M1000 375l0 0");
    auto back = decodeSignature(*stored);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->width, 1000);
    EXPECT_EQ(back->height, 375);
    ASSERT_EQ(back->strokes.size(), 2u);
    EXPECT_EQ(back->strokes[0], (std::vector<std::pair<int, int>>{{0, 0}, {10, 4}, {5, 8}}));
    EXPECT_EQ(back->strokes[1], (std::vector<std::pair<int, int>>{{1000, 375}}));
}

TEST(Signature, ALongSignatureRoundTripsAndStaysSmall) {
    SignatureInput in{.width = 640, .height = 240};
    for (int s = 0; s < 6; ++s) {
        std::vector<PadPoint> stroke;
        for (int i = 0; i < 120; ++i)
            stroke.push_back({static_cast<float>(40 + s * 90 + i * 0.6),
                              static_cast<float>(120 + 60 * std::sin(i / 7.0))});
        in.strokes.push_back(stroke);
    }
    auto stored = encodeSignature(in);
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    EXPECT_LT(stored->size(), 6000u) << "720 points in a few KB";
    auto back = decodeSignature(*stored);
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->strokes.size(), 6u);
    // Every decoded point is within one unit of the scaled original.
    const double scale = 1000.0 / 640.0;
    const auto& first = back->strokes[0];
    EXPECT_NEAR(first.front().first, in.strokes[0][0].x * scale, 1.0);
    EXPECT_NEAR(first.front().second, in.strokes[0][0].y * scale, 1.0);
    for (const auto& stroke : back->strokes)
        for (auto [x, y] : stroke) {
            EXPECT_GE(x, 0);
            EXPECT_LE(x, 1000);
            EXPECT_GE(y, 0);
            EXPECT_LE(y, 375);
        }
}

TEST(Signature, NothingDrawnOrNonsenseIsRefused) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    struct Case {
        SignatureInput in;
        const char* expect;
    };
    const Case cases[] = {
        {{.width = 0, .height = 300, .strokes = {{{1, 1}, {50, 50}}}}, "no size"},
        {{.width = 800, .height = 300}, "nothing was drawn"},
        {{.width = 800, .height = 300, .strokes = {{{5, 5}}, {{5, 5}, {5.1f, 5.1f}}}},
         "nothing was drawn"},
        {{.width = 800, .height = 300, .strokes = {{{nan, 5}, {50, 50}}}}, "not a number"},
    };
    for (const auto& c : cases) {
        auto r = encodeSignature(c.in);
        ASSERT_FALSE(r.ok()) << c.expect;
        EXPECT_EQ(r.error().code, Errc::kInvalid);
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    }
    SignatureInput huge{.width = 800, .height = 300};
    huge.strokes.emplace_back();
    for (size_t i = 0; i <= kMaxSignaturePoints; ++i)
        huge.strokes.back().push_back({static_cast<float>(i % 800), static_cast<float>(i % 300)});
    auto r = encodeSignature(huge);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("too many points"), std::string::npos);
}

TEST(Signature, PointsOffThePadAreClampedToItsEdge) {
    SignatureInput in{.width = 100, .height = 100, .strokes = {{{-20, 50}, {150, 50}, {50, 400}}}};
    auto stored = encodeSignature(in);
    ASSERT_TRUE(stored.ok());
    auto back = decodeSignature(*stored);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->strokes[0],
              (std::vector<std::pair<int, int>>{{0, 500}, {1000, 500}, {500, 1000}}));
}

TEST(Signature, DecodingRefusesWhatIsNotAStoredSignature) {
    for (const char* bad :
         {"", "null", "{}", R"({"v":2,"w":1000,"h":375,"d":"M0 0"})",
          R"({"v":1,"w":1000,"h":375,"d":"M0"})", R"({"v":1,"w":1000,"h":375,"d":"Q1 2"})",
          R"({"v":1,"w":1000,"h":375,"d":"l1 2"})"})
        EXPECT_FALSE(decodeSignature(bad).ok()) << bad;
}

}  // namespace
}  // namespace fc::core
