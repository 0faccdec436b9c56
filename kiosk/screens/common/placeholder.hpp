// Shared parts of the placeholder home screens (until each role's real screens arrive): the
// clearly visible "placeholder" notice and a grid of big action buttons that say "coming soon".
//
//   placeholderNotice(ui);
//   if (auto picked = actionGrid(ui, {tr("office.customers"), tr("office.finance")}, 2)) …
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/ui.hpp"

namespace fc::ui {

void placeholderNotice(Ui& ui);
// Big buttons in `columns` columns; returns the index pressed.
std::optional<size_t> actionGrid(Ui& ui, const std::vector<const char*>& labels, int columns,
                                 bool large = true);
// The toast for an action that is not built yet.
void comingSoon(Ui& ui, const char* feature);

}  // namespace fc::ui
