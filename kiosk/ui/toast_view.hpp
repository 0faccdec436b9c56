// Draws the Ui's toasts (toasts.hpp) stacked at the bottom of the screen, newest at the bottom,
// fading out; asks for frames while one fades and a wake-up when the next one expires.
//
//   drawToasts(ui);   // once per frame, after the screen
#pragma once

#include "kiosk/ui/ui.hpp"

namespace fc::ui {

void drawToasts(Ui& ui);

}  // namespace fc::ui
