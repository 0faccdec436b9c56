// Keyboard-wedge barcode scanners (USB HID) type what they read as a fast burst of keys ending in
// Enter. WedgeDetector sits between the UI's key events and the focused widget: bursts become
// scans, everything a person types is given back untouched and in order. Pure logic: time comes
// with each event (the UI's clock), nothing here reads a clock.
//
//   WedgeDetector wedge;
//   wedge.feed(KeyInput::character(U'1', t));  ...  wedge.feed(KeyInput::enter(t + 40));
//   wedge.tick(now);                               // every UI frame: releases held keys
//   for (auto& out : wedge.take())
//       out.kind == WedgeOutput::Kind::kScan ? onScan(out.scan) : forwardToWidget(out.key);
//
// A typed key is held until it cannot be the start of a scan any more (the next key came late,
// or maxGapMs passed: tick), so typing shows up about 30 ms late. Scans are printable ASCII;
// any other character (Chinese from an IME, say) ends a burst and passes through.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fc::platform {

struct KeyInput {
    enum class Kind : uint8_t {
        kChar,   // a typed character
        kEnter,  // Enter / Return
        kTab,    // Tab (ends a scan only with Options::tabEnds)
        kOther,  // any other key (arrows, Backspace, ...): passed through, ends a burst
    };
    Kind kind = Kind::kChar;
    char32_t ch = 0;  // kChar
    int key = 0;      // kOther: the UI's key code, given back untouched
    int64_t timeMs = 0;

    static KeyInput character(char32_t c, int64_t t) { return {Kind::kChar, c, 0, t}; }
    static KeyInput enter(int64_t t) { return {Kind::kEnter, 0, 0, t}; }
    static KeyInput tab(int64_t t) { return {Kind::kTab, 0, 0, t}; }
    static KeyInput other(int key, int64_t t) { return {Kind::kOther, 0, key, t}; }

    bool operator==(const KeyInput&) const = default;
};

struct WedgeOutput {
    enum class Kind : uint8_t { kKey, kScan };
    Kind kind = Kind::kKey;
    KeyInput key;        // kKey: a person's keystroke, as it came
    std::string scan;    // kScan: the scanned text (ASCII, without the Enter)
    int64_t timeMs = 0;  // kScan: when the closing Enter came
};

class WedgeDetector {
public:
    struct Options {
        int64_t maxGapMs = 30;   // longest pause between keys of one scan (people: 80 ms and more)
        size_t minLength = 4;    // a shorter burst + Enter is a person ("ok" ⏎)
        size_t maxLength = 512;  // longer bursts are given back as typing
        bool tabEnds = false;    // scanners set up to end with Tab instead of Enter
    };

    WedgeDetector() : WedgeDetector(Options{}) {}
    explicit WedgeDetector(Options options) : m_options(options) {}

    void feed(const KeyInput& in);
    // Releases held keys once `nowMs` is past the point where a scan could still continue them.
    void tick(int64_t nowMs);
    // Everything decided since the last call, in input order.
    std::vector<WedgeOutput> take();

    // When the UI must call tick() at the latest to release held keys (an idle UI loop sleeps
    // until then); nullopt when nothing is held.
    std::optional<int64_t> releaseDeadline() const;

private:
    void release();
    bool isScanChar(char32_t c) const { return c >= 0x20 && c <= 0x7e; }

    Options m_options;
    std::vector<KeyInput> m_held;  // a possible scan in progress
    std::vector<WedgeOutput> m_out;
};

}  // namespace fc::platform
