// Short messages that stack at the bottom of the screen and go away by themselves ("已保存").
// Time comes from the injected clock, so tests expire them by moving a ManualClock.
//
//   ui.toasts().show(tr("toast.saved"));                       // 3 s, info
//   ui.toasts().show(tr("toast.failed"), ToastKind::kError, 6000);
//   drawToasts(ui);                                              // each frame (toast_view.hpp)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fc::ui {

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
    // Gives toasts shown since the last call their times and drops the expired ones; returns the
    // rest, oldest first. drawToasts() (toast_view.hpp) calls it every frame.
    const std::vector<Toast>& update(int64_t nowMs);
    const std::vector<Toast>& active() const { return m_toasts; }
    void clear() { m_toasts.clear(); }

private:
    // A toast shown before the first draw gets its times then (the clock is the Ui's).
    std::vector<Toast> m_toasts;
    uint64_t m_next = 1;
};

}  // namespace fc::ui
