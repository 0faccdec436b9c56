// Every widget of the touch kit on one screen, for people building screens (and for the
// screenshots): buttons and fields, the numeric keypad, the plate keyboard, the signature pad and
// a QR ticket, a 200,000-row table, toasts and a confirm dialog.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/app/screen.hpp"
#include "kiosk/ui/dialogs.hpp"
#include "kiosk/ui/keypad.hpp"
#include "kiosk/ui/plate_keyboard.hpp"
#include "kiosk/ui/qr_code.hpp"
#include "kiosk/ui/signature_pad.hpp"
#include "kiosk/ui/table.hpp"

namespace fc::ui {

class KitGalleryScreen final : public Screen {
public:
    static constexpr int kTableRows = 200'000;

    explicit KitGalleryScreen(AppContext& app, std::string_view section = {});
    std::string title() const override;
    void draw(Ui& ui) override;

private:
    enum class Section { kBasics, kKeypad, kPlate, kSignature, kTable };
    void drawSections(Ui& ui);
    void drawBasics(Ui& ui);
    void drawKeypad(Ui& ui);
    void drawPlate(Ui& ui);
    void drawSignature(Ui& ui);
    void drawTable(Ui& ui);

    AppContext& m_app;
    Section m_section = Section::kBasics;
    std::string m_name;
    bool m_consent = false;
    Keypad m_pin{{.kind = KeypadKind::kPin, .minLength = 4, .maxLength = 6}};
    Keypad m_phone{{.kind = KeypadKind::kPhone, .minLength = 11, .maxLength = 11}};
    PlateKeyboard m_plate;
    SignaturePad m_signature;
    std::optional<QrCode> m_qr;
    VirtualTable m_table;
    ConfirmDialog m_confirm;
    std::string m_lastAnswer;
};

// `section`: basics (default), keypad, plate, signature, table.
std::unique_ptr<Screen> makeKitGalleryScreen(AppContext& app, std::string_view section = {});

}  // namespace fc::ui
