// The customer's self check-in at the reception kiosk, one step at a time:
//   find the car (appointment QR scan, plate keyboard or phone keypad; several cars → pick one;
//   none → register it as a walk-in: plate + phone, surname optional) → confirm the car (masked:
//   京A·***45, 138****1234, 王*) → odometer → what the visit is for (the service menu + free text)
//   → the privacy notice with its two consent questions and the signature on one page (the text
//   and its version from the catalog; answers recorded, silence never withdraws) → the queue
//   ticket with a QR code of the visit's status link. Text is typed on the on-screen keyboard
//   (pinyin), and most customers need none: surname tiles, problem chips.
// All the flow's state lives in this screen: the kiosk's idle reset pops it and everything typed
// goes with it. No SQL here: CheckInService does the finding and the writing; personal data is
// never logged and only masked values are shown.
//
//   app.router.push(std::make_unique<CheckInScreen>(app, checkIn, catalog, CheckInStart::kPlate));
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/ui/dialogs.hpp"
#include "kiosk/ui/keypad.hpp"
#include "kiosk/ui/plate_keyboard.hpp"
#include "kiosk/ui/qr_code.hpp"
#include "kiosk/ui/signature_pad.hpp"
#include "shared/visits/check_in_service.hpp"
#include "shared/catalogue/service_menu.hpp"

namespace fc::ui {

enum class CheckInStart { kScan, kPlate, kPhone };

// What a scanned appointment code found: the candidate, nothing (unknown, used, cancelled or not
// an appointment code), or a failure to look.
struct ScanLookup {
    std::optional<core::CheckInCandidate> candidate;
    bool failed = false;
};
ScanLookup lookUpScan(core::CheckInService& checkIn, const std::string& scanned);
// The friendly toast for a code that found nothing (or a failed lookup).
void showScanNotFound(Ui& ui, bool failed);

class CheckInScreen final : public Screen {
public:
    enum class Step {
        kScan, kPlate, kPhone, kPick, kNotFound, kRegister,
        kConfirm, kOdometer, kServices, kConsent, kTicket
    };

    CheckInScreen(AppContext& app, core::CheckInService& checkIn, core::ServiceCatalog& catalog,
                  CheckInStart start);
    // Straight to confirming the car of a scanned appointment (a scan on the welcome screen).
    CheckInScreen(AppContext& app, core::CheckInService& checkIn, core::ServiceCatalog& catalog,
                  core::CheckInCandidate appointment);

    std::string title() const override;
    void draw(Ui& ui) override;
    bool onScan(Ui& ui, const std::string& text) override;
    // One way back (上一步) and one way out (取消签到), both in the step's heading: no header back.
    bool allowsBack() const override { return false; }
    // Reading the odometer means walking to the car: three times the usual.
    int64_t idleResetMs(int64_t usual) const override { return m_step == Step::kOdometer ? usual * 3 : usual; }

    Step step() const { return m_step; }
    // The surnames offered as tiles when a walk-in registers (王 李 张 …: checkin.register.surnames).
    static std::vector<std::string> surnameChoices();
    // The check-in once it is done (tests).
    const std::optional<core::CheckInResult>& result() const { return m_result; }

private:
    void go(Step next);
    void back();
    void restartSearch();
    void choose(core::CheckInCandidate candidate);
    void startRegistration();
    void lookUpPlate(Ui& ui);
    void lookUpPhone(Ui& ui);
    void submit(Ui& ui);

    void drawScan(Ui& ui);
    void drawPlate(Ui& ui);
    void drawPhone(Ui& ui);
    void drawPick(Ui& ui);
    void drawNotFound(Ui& ui);
    void drawRegister(Ui& ui);
    void drawConfirm(Ui& ui);
    void drawOdometer(Ui& ui);
    void drawServices(Ui& ui);
    // The complaint as stored: the tapped problems, then what was typed.
    std::string complaintText() const;
    // The notice, the consent questions and the signature, on one page.
    void drawConsent(Ui& ui);
    void drawNotice(Ui& ui, float height);
    void drawSignature(Ui& ui, float height);
    // One consent question: a box to tick, or (agreed before) what is on record and a way to
    // withdraw it.
    void consentQuestion(Ui& ui, std::string_view id, const char* purpose, bool onRecord, core::ConsentAnswer& answer);
    void drawTicket(Ui& ui);
    // The step's heading with the way back and out on the right.
    void stepHeader(Ui& ui, std::string_view heading, bool canGoBack = true);

    AppContext& m_app;
    core::CheckInService& m_checkIn;
    core::ServiceCatalog& m_catalog;
    Step m_step = Step::kScan;
    std::vector<Step> m_history;
    std::string m_notice;  // a translated line shown under the step heading

    // Finding the car.
    PlateKeyboard m_plate;
    Keypad m_phone{{.kind = KeypadKind::kPhone, .minLength = 11, .maxLength = 11}};
    std::vector<core::CheckInCandidate> m_candidates;
    std::optional<core::CheckInCandidate> m_chosen;
    bool m_searchedByPhone = false;
    // Registering a walk-in.
    bool m_registering = false;
    std::string m_walkInPlate;
    std::string m_surname;

    // The visit.
    Keypad m_odometer{{.kind = KeypadKind::kNumber, .minLength = 1, .maxLength = 7}};
    std::optional<int64_t> m_km;
    bool m_confirmDecrease = false;
    ConfirmDialog m_lowerKm;
    std::vector<core::ServiceItem> m_menu;
    std::set<std::string> m_services;
    std::string m_complaint;         // typed
    std::set<std::string> m_problems;  // tapped (checkin.problem.* keys)
    float m_servicesBelow = 0;       // the height under the menu, measured on the last frame
    float m_consentBelow = 0;
    float m_signBelow = 0;          // the signature's prompt and button, measured
    core::ConsentAnswer m_contact = core::ConsentAnswer::kUnanswered;
    core::ConsentAnswer m_dataUse = core::ConsentAnswer::kUnanswered;
    SignaturePad m_signature;
    ImVec2 m_padSize{0, 0};
    bool m_submitting = false;

    std::optional<core::CheckInResult> m_result;
    std::optional<QrCode> m_qr;
};

}  // namespace fc::ui
