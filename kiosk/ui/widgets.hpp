// The kit's basic widgets: big touch buttons, headings, wrapped text, a labelled text field and a
// checkbox. Every widget is at least theme.touch tall (48 px; 72 px in kiosk mode at scale 1),
// works with mouse, finger and keyboard (Tab/arrows move focus, Space presses), has no
// hover-only action, and records its label for the test driver.
//
//   if (button(ui, tr("common.save"), {.kind = ButtonKind::kPrimary, .width = -1})) save();
//   textField(ui, tr("customer.name"), m_view.name, {.hint = tr("customer.name_hint")});
#pragma once

#include <string>
#include <string_view>

#include "kiosk/ui/ui.hpp"

namespace fc::ui {

enum class ButtonKind { kPrimary, kSecondary, kDanger, kQuiet };

// The smallest share of the theme's touch size a key may shrink to on a small screen (~10 mm).
inline constexpr float kMinTouch = 0.6f;

struct ButtonOptions {
    ButtonKind kind = ButtonKind::kSecondary;
    float width = 0;       // 0: fit the label; < 0: fill the rest of the line
    float height = 0;      // 0: theme.touch; a given width or height never below kMinTouch of it
    bool enabled = true;
    bool large = false;    // the large font (keys, a kiosk's main actions)
    std::string_view id;   // ImGui id when the label is not unique in its window
};

// True on the frame the button is pressed (released over it, or Space/Enter while focused).
bool button(Ui& ui, std::string_view label, const ButtonOptions& options = {});

// A large-font title; muted, wrapped body text; a yellow "placeholder" badge.
void heading(Ui& ui, std::string_view text);
void text(Ui& ui, std::string_view text);
void mutedText(Ui& ui, std::string_view text);
// Wrapped text in a colour (warnings, errors), recorded for the test driver like text().
void colouredText(Ui& ui, ImU32 colour, std::string_view text);
void badge(Ui& ui, std::string_view text, ImU32 background);

struct TextFieldOptions {
    const char* hint = nullptr;  // grey text while empty
    bool password = false;
    size_t maxChars = 0;         // 0: no limit (counted in characters, not bytes)
    float width = -1;            // < 0: fill the line
};

// A label above a single-line field. Returns true when the text changed; characters the atlas
// lacks (a rare surname typed with an IME) are added before the next frame.
bool textField(Ui& ui, std::string_view label, std::string& value, const TextFieldOptions& options = {});

// Finger scrolling for the current (child) window: a vertical drag that starts inside it scrolls
// it, and the button under the finger is not pressed when the finger lifts. Call just before
// EndChild.
void dragToScroll(Ui& ui);

// A centred modal dialog sized for touch (most of a portrait screen, about half a landscape one):
// opens it on the frame `opening` is set (and clears it). True while it is shown: draw it, then
// ImGui::EndPopup(). A wider one (a keypad beside what it is for) asks for more of the width.
struct ModalWidth {
    float share = 0.45f;      // of the screen's width
    float minTouches = 9.0f;  // at least this many touch sizes wide
    float maxShare = 0.92f;   // never wider than this share
};
bool beginModal(Ui& ui, const char* id, bool& opening, const ModalWidth& width = {});

// A touch-sized checkbox with its label; the whole row is the target.
bool checkbox(Ui& ui, std::string_view label, bool& value);

// Vertical space of n gaps.
void space(Ui& ui, float gaps = 1.0f);

// The size `label` takes in `font` (large or body).
ImVec2 textSize(ImFont* font, std::string_view label);

// Starts a row of `count` equally wide items: returns the width of one.
float columnWidth(Ui& ui, int count);

}  // namespace fc::ui
