#include "kiosk/ui/toasts.hpp"

#include <algorithm>
#include <string>

namespace fc::ui {

void Toasts::show(std::string text, ToastKind kind, int64_t durationMs) {
    Toast t;
    t.id = m_next++;
    t.text = std::move(text);
    t.kind = kind;
    t.shownAt = -1;  // stamped with the Ui's clock at the next draw
    t.expiresAt = durationMs;
    m_toasts.push_back(std::move(t));
    if (m_toasts.size() > kMaxShown) m_toasts.erase(m_toasts.begin());
}

const std::vector<Toast>& Toasts::update(int64_t now) {
    for (Toast& t : m_toasts) {
        if (t.shownAt < 0) {
            t.shownAt = now;
            t.expiresAt = now + t.expiresAt;
        }
    }
    m_toasts.erase(std::remove_if(m_toasts.begin(), m_toasts.end(),
                                  [&](const Toast& t) { return t.expiresAt <= now; }),
                   m_toasts.end());
    return m_toasts;
}

}  // namespace fc::ui
