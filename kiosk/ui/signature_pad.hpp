// A signature pad: the customer signs with a finger (or the mouse); strokes are kept as point
// lists normalised to the pad (0..1 on both axes), so they can be stored and redrawn at any size.
// A clear button starts over; isSigned() tells an empty pad from a signed one (a tap is not a
// signature).
//
//   SignaturePad m_sign;
//   m_sign.draw(ui, tr("checkin.sign_here"));
//   button(ui, tr("common.confirm"), {.enabled = m_sign.isSigned()});
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/ui.hpp"

namespace fc::ui {

struct SignaturePoint {
    float x = 0;  // 0 = left edge, 1 = right edge
    float y = 0;  // 0 = top, 1 = bottom
};
using SignatureStroke = std::vector<SignaturePoint>;

class SignaturePad {
public:
    // Draws the pad (size 0: the available width, a third of it tall) and its clear button.
    // `label` is the hint shown on an empty pad and the pad's name for the test driver.
    // Returns true when the strokes changed this frame.
    bool draw(Ui& ui, std::string_view label, ImVec2 size = ImVec2(0, 0));

    // At least one stroke longer than a dot (total ink ≥ 5% of the pad's width).
    bool isSigned() const;
    const std::vector<SignatureStroke>& strokes() const { return m_strokes; }
    void clear() { m_strokes.clear(); m_drawing = false; }

    // For tests and replays: add a stroke in normalised coordinates.
    void addStroke(SignatureStroke stroke) { m_strokes.push_back(std::move(stroke)); }

private:
    std::vector<SignatureStroke> m_strokes;
    bool m_drawing = false;
    float m_aspect = 3.0f;  // width / height of the pad, for the ink length
};

}  // namespace fc::ui
