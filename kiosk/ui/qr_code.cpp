#include "kiosk/ui/qr_code.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

namespace fc::ui {

using core::Errc;
using core::Error;

Result<QrCode> QrCode::encode(std::string_view text) {
    if (text.empty()) return Error(Errc::kInvalid, "QR code: nothing to encode");
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setMargin(0);
        const ZXing::BitMatrix m = writer.encode(std::string(text), 0, 0);
        QrCode qr;
        qr.m_size = m.width();
        qr.m_text = std::string(text);
        if (m.width() != m.height() || m.width() <= 0)
            return Error(Errc::kInternal, "QR code: the encoder returned a non-square matrix");
        qr.m_bits.resize(static_cast<size_t>(m.width()) * static_cast<size_t>(m.height()));
        for (int y = 0; y < m.height(); ++y)
            for (int x = 0; x < m.width(); ++x)
                qr.m_bits[static_cast<size_t>(y * m.width() + x)] = m.get(x, y) ? 1 : 0;
        return qr;
    } catch (const std::exception& e) {
        return Error(Errc::kInvalid, std::string("QR code: ") + e.what());
    }
}

void drawQrCode(Ui& ui, const QrCode& qr, float side, std::string_view label) {
    const int n = qr.size();
    if (n <= 0) return;
    const int quiet = 4;
    const float module = std::max(1.0f, std::floor(side / static_cast<float>(n + 2 * quiet)));
    const float total = module * static_cast<float>(n + 2 * quiet);
    ImVec2 o = ImGui::GetCursorScreenPos();
    o = ImVec2(std::floor(o.x), std::floor(o.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(o, ImVec2(o.x + total, o.y + total), IM_COL32(255, 255, 255, 255));
    const ImU32 black = IM_COL32(0, 0, 0, 255);
    for (int y = 0; y < n; ++y) {
        int x = 0;
        while (x < n) {  // one rectangle per run of dark modules
            if (!qr.module(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < n && qr.module(end, y)) ++end;
            const ImVec2 a(o.x + module * static_cast<float>(quiet + x), o.y + module * static_cast<float>(quiet + y));
            dl->AddRectFilled(a, ImVec2(a.x + module * static_cast<float>(end - x), a.y + module), black);
            x = end;
        }
    }
    ImGui::Dummy(ImVec2(total, total));
    ui.registry().recordLastItem(label, WidgetKind::kOther);
}

}  // namespace fc::ui
