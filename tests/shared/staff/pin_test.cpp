#include "shared/staff/pin.hpp"

#include <gtest/gtest.h>

#include <set>

#include "shared/demo/seed.hpp"

namespace fc::core {
namespace {

TEST(Pin, SixDigitsAreNormalisedFromWhatAKeypadOrIMESends) {
    EXPECT_EQ(normalizePin("246810").value(), "246810");
    EXPECT_EQ(normalizePin(" 246 810 ").value(), "246810");
    EXPECT_EQ(normalizePin("２４６８１０").value(), "246810");  // full-width digits
    for (const char* bad : {"", "24681", "2468101", "24681a", "2468-10", "١٢٣٤٥٦"}) {
        auto r = normalizePin(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, Errc::kInvalid);
        EXPECT_NE(r.error().message.find("PIN"), std::string::npos);
    }
    EXPECT_NE(normalizePin("12345").error().message.find("exactly 6 digits"), std::string::npos);
}

TEST(Pin, TrivialPinsAreRefusedWithAClearReason) {
    for (const char* trivial :
         {"000000", "111111", "999999", "123456", "234567", "654321", "987654", "012345",
          "890123", "135791", "246802", "121212", "123123", "112233", "111222", "123321",
          "100001", "110011", "999000", "520520", "147258", "168168"}) {
        EXPECT_TRUE(isTrivialPin(trivial)) << trivial;
        auto r = normalizePin(trivial);
        ASSERT_FALSE(r.ok()) << trivial;
        EXPECT_NE(r.error().message.find("too easy to guess"), std::string::npos)
            << r.error().message;
        EXPECT_EQ(r.error().message.find(trivial), std::string::npos) << "the PIN is not echoed";
    }
    for (const char* fine :
         {"246810", "135790", "314159", "271828", "161803", "141421", "583920", "702194", "839571"})
        EXPECT_FALSE(isTrivialPin(fine)) << fine;
}

TEST(Pin, TheDemoPinsAreAcceptedAndDistinct) {
    std::set<std::string> pins;
    for (const auto& m : demoStaff()) {
        EXPECT_TRUE(normalizePin(m.pin).ok()) << m.pin;
        pins.insert(m.pin);
    }
    EXPECT_EQ(pins.size(), demoStaff().size());
}

TEST(Pin, HashesAreArgon2idSaltedAndVerify) {
    auto a = hashPin("246810", PinHashLimits::minimum());
    auto b = hashPin("246810", PinHashLimits::minimum());
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->rfind("$argon2id$", 0), 0u) << *a;
    EXPECT_NE(*a, *b) << "each hash has its own salt";
    EXPECT_EQ(a->find("246810"), std::string::npos);
    EXPECT_TRUE(verifyPin(*a, "246810"));
    EXPECT_TRUE(verifyPin(*b, "246810"));
    EXPECT_FALSE(verifyPin(*a, "246811"));
    EXPECT_FALSE(verifyPin(*a, ""));
    EXPECT_FALSE(verifyPin("", "246810"));
    EXPECT_FALSE(verifyPin("$argon2id$garbage", "246810"));
    EXPECT_FALSE(verifyPin(std::string(200, 'x'), "246810"));
}

TEST(Pin, TheLimitsAreAParameterAndStoredInTheHash) {
    const auto min = PinHashLimits::minimum();
    const auto interactive = PinHashLimits::interactive();
    EXPECT_LT(min.memLimit, interactive.memLimit);
    EXPECT_LE(min.opsLimit, interactive.opsLimit);
    auto h = hashPin("583920", min);
    ASSERT_TRUE(h.ok());
    EXPECT_NE(h->find("m=8,t=1"), std::string::npos) << *h;  // 8 KiB, one pass
    auto refused = hashPin("583920", PinHashLimits{0, 0});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Errc::kInvalid);
}

TEST(Pin, RandomTokensAreUrlSafeAndLongEnough) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        auto t = randomToken(18);
        ASSERT_TRUE(t.ok());
        EXPECT_EQ(t->size(), 24u) << "18 bytes = 144 bits in base64url without padding";
        for (char c : *t)
            EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << *t;
        seen.insert(*t);
    }
    EXPECT_EQ(seen.size(), 200u);
}

}  // namespace
}  // namespace fc::core
