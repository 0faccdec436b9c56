#include "kiosk/screens/common/placeholder.hpp"

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

void placeholderNotice(Ui& ui) { badge(ui, tr("home.placeholder"), ui.colors().placeholderBadge); }

std::optional<size_t> actionGrid(Ui& ui, const std::vector<const char*>& labels, int columns, bool large) {
    std::optional<size_t> picked;
    const float w = columnWidth(ui, columns);
    const float h = ui.theme().touch * 1.6f;
    for (size_t i = 0; i < labels.size(); ++i) {
        if (i % static_cast<size_t>(columns) != 0) ImGui::SameLine();
        if (button(ui, labels[i], {.kind = i == 0 ? ButtonKind::kPrimary : ButtonKind::kSecondary,
                                   .width = w, .height = h, .large = large}))
            picked = i;
    }
    return picked;
}

void comingSoon(Ui& ui, const char* feature) {
    ui.toasts().show(tr("home.coming_soon", {{"feature", feature}}));
}

}  // namespace fc::ui
