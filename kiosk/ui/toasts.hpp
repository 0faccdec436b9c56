// Short messages that stack at the bottom of the screen and go away by themselves ("已保存").
// Time comes from the injected clock, so tests expire them by moving a ManualClock.
//
//   ui.toasts().show(tr("toast.saved"));                       // 3 s, info
//   ui.toasts().show(tr("toast.failed"), ToastKind::kError, 6000);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fc::ui {

class Ui;

enum class ToastKind { kInfo, kSuccess, kError };

struct Toast {
    uint64_t id = 0;
    std::string text;
    ToastKind kind = ToastKind::kInfo;
    int64_t shownAt = 0;
    int64_t expiresAt = 0;
};

class Toasts {
public:
    static constexpr int64_t kDefaultMs = 3000;
    static constexpr int64_t kFadeMs = 250;
    static constexpr size_t kMaxShown = 4;

    void show(std::string text, ToastKind kind = ToastKind::kInfo, int64_t durationMs = kDefaultMs);
    // Drops expired toasts and draws the rest (newest at the bottom); asks for frames while one
    // is fading and for a wake-up when the next one expires.
    void draw(Ui& ui);
    const std::vector<Toast>& active() const { return m_toasts; }
    void clear() { m_toasts.clear(); }

private:
    // A toast shown before the first draw gets its times then (the clock is the Ui's).
    std::vector<Toast> m_toasts;
    uint64_t m_next = 1;
};

}  // namespace fc::ui
