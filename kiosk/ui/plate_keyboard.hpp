// The Chinese plate keyboard: first the 31 province characters (京津沪渝冀…), then the city letter
// and the serial — letters A–Z without I and O, digits, and the suffixes 学警挂港澳领 in the last
// ordinary position. Ordinary plates have 7 characters, new-energy plates 8 (the eighth box is
// marked 新能源). OK is enabled only when shared/customers' normalizePlate accepts the plate.
// A hardware keyboard works too (letters, digits, an IME's province characters, Backspace,
// Enter) while no text field is active.
//
//   PlateKeyboard m_plate;
//   if (m_plate.draw(ui, "plate") == PlateEvent::kSubmitted) find(m_plate.plate()->text);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/ui.hpp"
#include "shared/customers/normalize.hpp"

namespace fc::ui {

struct PlateLayout;
enum class PlateEvent { kNone, kChanged, kSubmitted };

class PlateKeyboard {
public:
    static constexpr size_t kMaxChars = 8;

    // Province characters in keyboard order (the order plate apps use).
    static const std::vector<std::string>& provinces();
    static const std::vector<std::string>& suffixes();  // 学警挂港澳领
    // Letter rows (QWERTY without I and O) and the digit row.
    static const std::vector<std::string>& keyRows();

    PlateEvent draw(Ui& ui, std::string_view id);

    // The logic, usable without drawing. A key not allowed at the current position is refused.
    bool allowed(std::string_view key) const;
    PlateEvent press(std::string_view key);
    PlateEvent backspace();
    PlateEvent clear();
    PlateEvent submit();

    const std::vector<std::string>& chars() const { return m_chars; }
    std::string text() const;  // as typed, e.g. "粤B12345"
    core::Result<core::Plate> plate() const { return core::normalizePlate(text()); }
    bool valid() const { return plate().ok(); }
    bool showingProvinces() const { return m_chars.empty(); }
    void setText(std::string_view plate);

private:
    void drawBoxes(Ui& ui);
    void drawProvinces(Ui& ui, const PlateLayout& l, PlateEvent& event);
    void drawSerial(Ui& ui, const PlateLayout& l, PlateEvent& event);
    void drawActions(Ui& ui, const PlateLayout& l, PlateEvent& event);
    void handleKeyboard(PlateEvent& event);

    std::vector<std::string> m_chars;  // one UTF-8 character each
};

}  // namespace fc::ui
