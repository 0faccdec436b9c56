// Injected time. Rules never call now() themselves; they take a Clock&.
//
//   SystemClock real;          ManualClock sim(1'700'000'000'000);
//   int64_t t = real.nowMs();  sim.advance(1000);
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace fc::core {

// Milliseconds since the Unix epoch, UTC.
class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t nowMs() const = 0;
    // Milliseconds from an arbitrary start that only move forward, whatever the wall clock is set
    // to (delays a person must not shorten by changing the date: the sign-in lockout).
    virtual int64_t monotonicMs() const { return nowMs(); }
};

class SystemClock final : public Clock {
public:
    int64_t nowMs() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
    int64_t monotonicMs() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
    }
};

// A clock a test (or the simulator) moves by hand. Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t startMs = 1'767'225'600'000) : m_ms(startMs) {}  // 2026-01-01
    int64_t nowMs() const override { return m_ms.load(); }
    int64_t monotonicMs() const override { return m_mono.load(); }
    // Setting the date moves the wall clock only (as a person changing the device's date would);
    // advancing is time passing: both move.
    void set(int64_t ms) { m_ms.store(ms); }
    void advance(int64_t ms) {
        m_ms.fetch_add(ms);
        m_mono.fetch_add(ms);
    }

private:
    std::atomic<int64_t> m_ms;
    std::atomic<int64_t> m_mono{0};
};

}  // namespace fc::core
