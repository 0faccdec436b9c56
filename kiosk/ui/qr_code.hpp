// A big QR code drawn as rectangles from a ZXing BitMatrix (MultiFormatWriter, QRCode): crisp at
// any size, no texture. The kiosk's queue ticket shows one (a link to the job's status page).
//
//   FC_ASSIGN(QrCode qr, QrCode::encode("https://hub.local/s/K1-0042"));
//   drawQrCode(ui, qr, 320.0f, tr("ticket.qr"));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/ui.hpp"

namespace fc::ui {

class QrCode {
public:
    // UTF-8 text → modules (no quiet zone; drawQrCode adds 4 modules of white around).
    static Result<QrCode> encode(std::string_view text);

    int size() const { return m_size; }
    bool module(int x, int y) const { return m_bits[static_cast<size_t>(y * m_size + x)] != 0; }
    const std::string& text() const { return m_text; }

private:
    int m_size = 0;
    std::vector<uint8_t> m_bits;
    std::string m_text;
};

// Draws the code `side` px square (rounded down to whole pixels per module) at the cursor.
void drawQrCode(Ui& ui, const QrCode& qr, float side, std::string_view label);

}  // namespace fc::ui
