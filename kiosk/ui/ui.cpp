#include "kiosk/ui/ui.hpp"

#include <algorithm>

namespace fc::ui {

Ui::Ui(const Theme& theme, FontManager& fonts, const core::Clock& clock)
    : m_theme(&theme), m_fonts(fonts), m_clock(clock) {}

void Ui::beginFrame() {
    m_registry.beginFrame();
    m_animating = false;
    m_wakeAt = INT64_MAX;
}

void Ui::wakeAt(int64_t ms) { m_wakeAt = std::min(m_wakeAt, ms); }

}  // namespace fc::ui
