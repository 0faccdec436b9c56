// Staff sign-in: pick your name from the active staff and type your 6-digit PIN on the PIN keypad
// (masked), or type only your PIN, or scan your staff badge (a USB scanner burst or the camera
// reaches onScan). Wrong PINs say how many tries are left; a lockout shows "请在 mm:ss 后重试"
// counting down on the injected clock. On success the screen pops itself, then calls onSignedIn.
//
//   app.router.push(std::make_unique<SignInScreen>(app, staff, sessions,
//                                                  [&](const core::Session& s) { … },
//                                                  "signin.purpose.leave_kiosk"));
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/ui/keypad.hpp"
#include "shared/staff/session.hpp"
#include "shared/staff/staff_service.hpp"

namespace fc::ui {

class SignInScreen final : public Screen {
public:
    // `purposeKey`: an i18n key saying why sign-in is asked for ("" for a staff mode's start).
    SignInScreen(AppContext& app, core::StaffService& staff, core::SessionManager& sessions,
                 std::function<void(const core::Session&)> onSignedIn, std::string purposeKey = "");

    std::string title() const override;
    void draw(Ui& ui) override;
    void onShow() override;
    bool onScan(Ui& ui, const std::string& text) override;
    bool allowsBack() const override { return !m_gate; }
    // In front of a staff mode: no way back (there is nothing behind it to go to).
    void setGate(bool gate) { m_gate = gate; }
    // A badge only picks the person, who then types their PIN (leaving kiosk mode). Without
    // this, only admins' and managers' badges need the PIN (SessionManager::badgeNeedsPin).
    void setBadgeNeedsPin(bool on) { m_badgeNeedsPin = on; }

    // Tests: the message shown (wrong PIN, lockout…), "" when none.
    std::string message(int64_t nowMs) const;

private:
    enum class Step { kPick, kPin };
    struct Person {
        std::string id;
        std::string name;
        std::string roleKey;
    };
    void loadStaff();
    void submitPin(Ui& ui);
    // The PIN keypad beside (landscape) or above (portrait) who is signing in and the ways out.
    void drawPinStep(Ui& ui, int64_t now);
    // After a refused attempt: the lockout of `key` ("" PIN-only, "badge", a staff id).
    void explainRefusal(const core::Error& error, const std::string& staffId, bool badge, int64_t now);
    void finish(const core::Session& session);

    AppContext& m_app;
    core::StaffService& m_staff;
    core::SessionManager& m_sessions;
    std::function<void(const core::Session&)> m_onSignedIn;
    std::string m_purposeKey;
    bool m_gate = false;
    bool m_badgeNeedsPin = false;
    Step m_step = Step::kPick;
    std::vector<Person> m_people;
    std::optional<size_t> m_person;  // empty in kPin: PIN only
    // Tests: whether the keypad takes keys (off during a lockout).
public:
    bool keypadEnabled() const { return m_pin.enabled(); }

private:
    Keypad m_pin{{.kind = KeypadKind::kPin, .minLength = 6, .maxLength = 6}};
    std::string m_message;         // a translated message (wrong PIN, unknown badge…)
    int64_t m_lockedUntil = 0;     // injected-clock ms; the countdown while > now
    bool m_done = false;
};

// "赵敏 · 管理员" and a sign-out button: the top of every staff home.
void staffBar(Ui& ui, AppContext& app);
// The translated name of a role key ("technician" → "技师").
std::string roleLabel(const std::string& roleKey);
// "mm:ss" of a duration (rounded up to whole seconds).
std::string formatMinSec(int64_t ms);

// The staff sign-in in front of a staff mode: no back button, nothing to do on success (the
// mode's home is underneath).
std::unique_ptr<Screen> makeStaffGateScreen(AppContext& app, core::StaffService& staff,
                                            core::SessionManager& sessions);
// The kiosk header's "员工" button: sign-in, then the staff menu (leave kiosk mode) for roles that
// may run the desk; others are refused and signed out again.
void openKioskStaffSignIn(AppContext& app, Ui& ui, core::StaffService& staff, core::SessionManager& sessions);

// What a staff member may do at the kiosk after signing in: leave kiosk mode (to the front desk),
// or sign out and go back to the welcome screen.
class KioskStaffMenuScreen final : public Screen {
public:
    explicit KioskStaffMenuScreen(AppContext& app) : m_app(app) {}
    std::string title() const override;
    void draw(Ui& ui) override;

private:
    AppContext& m_app;
};

}  // namespace fc::ui
