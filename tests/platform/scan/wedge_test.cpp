// Keyboard-wedge detection on synthetic key streams with made-up timestamps: scanners type a
// burst a few milliseconds apart ending in Enter, people type 80 ms and more apart.
#include "platform/scan/wedge.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fc::platform {
namespace {

constexpr int64_t kScanner = 4;   // ms between a scanner's keys
constexpr int64_t kPerson = 140;  // ms between a person's keys

// Appends `text` typed `gap` ms apart from `t` on; returns the time of the last key.
int64_t type(std::vector<KeyInput>& in, const std::string& text, int64_t t, int64_t gap) {
    for (size_t i = 0; i < text.size(); ++i)
        in.push_back(
            KeyInput::character(static_cast<char32_t>(text[i]), t + gap * static_cast<int64_t>(i)));
    return t + gap * static_cast<int64_t>(text.size() - 1);
}

// What came out, written compactly: keys as themselves ("⏎" for Enter), scans as [text].
std::string render(const std::vector<WedgeOutput>& out) {
    std::string s;
    for (const WedgeOutput& o : out) {
        if (o.kind == WedgeOutput::Kind::kScan) {
            s += "[" + o.scan + "]";
        } else if (o.key.kind == KeyInput::Kind::kEnter) {
            s += "⏎";
        } else if (o.key.kind == KeyInput::Kind::kChar && o.key.ch < 0x80) {
            s += static_cast<char>(o.key.ch);
        } else {
            s += "<" +
                 std::to_string(o.key.kind == KeyInput::Kind::kOther ? o.key.key : int(o.key.ch)) +
                 ">";
        }
    }
    return s;
}

std::string run(WedgeDetector& w, const std::vector<KeyInput>& in, int64_t end) {
    for (const KeyInput& k : in) w.feed(k);
    w.tick(end);
    return render(w.take());
}

TEST(WedgeDetector, AScannerBurstEndingInEnterIsAScan) {
    WedgeDetector w;
    std::vector<KeyInput> in;
    const int64_t t = type(in, "6901234567892", 1000, kScanner);
    in.push_back(KeyInput::enter(t + kScanner));
    EXPECT_EQ(run(w, in, t + 1000), "[6901234567892]");
}

TEST(WedgeDetector, PeopleTypingIsGivenBackUntouched) {
    WedgeDetector w;
    std::vector<KeyInput> in;
    const int64_t t = type(in, "brake pads", 0, kPerson);
    in.push_back(KeyInput::enter(t + kPerson));
    EXPECT_EQ(run(w, in, t + 5000), "brake pads⏎");
}

TEST(WedgeDetector, TwoScansBackToBackAreBothScans) {
    WedgeDetector w;
    std::vector<KeyInput> in;
    int64_t t = type(in, "FC-0001", 0, kScanner);
    in.push_back(KeyInput::enter(t + kScanner));
    t = type(in, "FC-0002", t + 2 * kScanner, kScanner);  // the next burst right after Enter
    in.push_back(KeyInput::enter(t + kScanner));
    t = type(in, "FC-0003", t + 2 * kScanner, 1);  // and a very fast one
    in.push_back(KeyInput::enter(t + 1));
    EXPECT_EQ(run(w, in, t + 1000), "[FC-0001][FC-0002][FC-0003]");
}

TEST(WedgeDetector, AScanBetweenTypingKeepsTheOrder) {
    WedgeDetector w;
    std::vector<KeyInput> in;
    int64_t t = type(in, "qty ", 0, kPerson);
    t = type(in, "036000291452", t + 300, kScanner);
    in.push_back(KeyInput::enter(t + kScanner));
    t = type(in, " ok", t + 250, kPerson);
    EXPECT_EQ(run(w, in, t + 1000), "qty [036000291452] ok");
}

TEST(WedgeDetector, TypingRightUpToTheScanIsNotSwallowed) {
    // The person's last key comes 60 ms before the scanner starts: still the person's.
    WedgeDetector w;
    std::vector<KeyInput> in;
    int64_t t = type(in, "ab", 0, kPerson);
    t = type(in, "12345678", t + 60, kScanner);
    in.push_back(KeyInput::enter(t + kScanner));
    EXPECT_EQ(run(w, in, t + 1000), "ab[12345678]");
}

TEST(WedgeDetector, ABurstWithoutEnterIsNotAScan) {
    WedgeDetector w;
    std::vector<KeyInput> in;
    const int64_t t = type(in, "98765", 0, kScanner);
    for (const KeyInput& k : in) w.feed(k);
    w.tick(t + 10);  // could still be a scan: held
    EXPECT_TRUE(w.take().empty());
    ASSERT_TRUE(w.releaseDeadline());
    EXPECT_EQ(*w.releaseDeadline(), t + 31);
    w.tick(*w.releaseDeadline());  // no Enter came: it was typing after all
    EXPECT_EQ(render(w.take()), "98765");
    EXPECT_FALSE(w.releaseDeadline());
}

TEST(WedgeDetector, ABurstEndedBySomethingElseIsNotAScan) {
    WedgeDetector w;
    std::vector<KeyInput> in;
    int64_t t = type(in, "98765", 0, kScanner);
    in.push_back(KeyInput::other(263, t + kScanner));  // an arrow key
    t = type(in, "4321", t + 500, kScanner);
    in.push_back(KeyInput::enter(t + 200));  // Enter much later: a person pressed it
    EXPECT_EQ(run(w, in, t + 1000), "98765<263>4321⏎");
}

TEST(WedgeDetector, ShortFastBurstsWithEnterArePeople) {
    WedgeDetector w;
    std::vector<KeyInput> in;
    const int64_t t = type(in, "ok", 0, 20);  // a quick "ok" and Enter
    in.push_back(KeyInput::enter(t + 20));
    EXPECT_EQ(run(w, in, t + 1000), "ok⏎");
}

TEST(WedgeDetector, ALoneEnterPassesThrough) {
    WedgeDetector w;
    w.feed(KeyInput::enter(5));
    EXPECT_EQ(render(w.take()), "⏎");
}

TEST(WedgeDetector, NonAsciiCharactersEndABurstAndPassThrough) {
    // A Chinese IME commits several characters at once; they are never part of a scan.
    WedgeDetector w;
    std::vector<KeyInput> in;
    in.push_back(KeyInput::character(U'刹', 0));
    in.push_back(KeyInput::character(U'车', 0));
    in.push_back(KeyInput::character(U'片', 1));
    in.push_back(KeyInput::enter(2));
    int64_t t = type(in, "ABC12", 500, kScanner);
    in.push_back(KeyInput::character(U'片', t + kScanner));
    in.push_back(KeyInput::enter(t + 2 * kScanner));
    EXPECT_EQ(run(w, in, t + 1000), "<21049><36710><29255>⏎ABC12<29255>⏎");
}

TEST(WedgeDetector, TabEndsAScanOnlyWhenConfigured) {
    std::vector<KeyInput> in;
    const int64_t t = type(in, "PART-9", 0, kScanner);
    in.push_back(KeyInput::tab(t + kScanner));
    WedgeDetector plain;
    EXPECT_EQ(run(plain, in, t + 1000), "PART-9<0>");
    WedgeDetector::Options o;
    o.tabEnds = true;
    WedgeDetector tabs(o);
    EXPECT_EQ(run(tabs, in, t + 1000), "[PART-9]");
}

TEST(WedgeDetector, ScansAreNeverLostWhateverComesAround) {
    // Many scans, each preceded and followed by typing at varying speeds, fed in one go.
    WedgeDetector w;
    std::vector<KeyInput> in;
    std::string expected;
    int64_t t = 0;
    for (int i = 0; i < 50; ++i) {
        const std::string code = "SKU" + std::to_string(100000 + i * 7919);
        const std::string before = i % 3 == 0 ? "x" : "";
        if (!before.empty()) {
            t = type(in, before, t + 200, kPerson);
            expected += before;
        }
        t = type(in, code, t + (i % 2 ? 100 : 35), 1 + i % 25);  // scanner gaps 1..25 ms
        in.push_back(KeyInput::enter(t + 1 + i % 25));
        t += 1 + i % 25;
        expected += "[" + code + "]";
    }
    EXPECT_EQ(run(w, in, t + 1000), expected);
}

}  // namespace
}  // namespace fc::platform
