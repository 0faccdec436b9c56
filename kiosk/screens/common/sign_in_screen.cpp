#include "kiosk/screens/common/sign_in_screen.hpp"

#include <algorithm>

#include <cstdio>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"

namespace fc::ui {

namespace {

// Text the test driver can find (kit text is not recorded; messages here must be checkable).
void shownText(Ui& ui, std::string_view s, ImU32 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    text(ui, s);
    ImGui::PopStyleColor();
    ui.registry().recordLastItem(s, WidgetKind::kOther);
}

}  // namespace

std::string formatMinSec(int64_t ms) {
    const int64_t secs = ms <= 0 ? 0 : (ms + 999) / 1000;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(secs / 60),
                  static_cast<long long>(secs % 60));
    return buf;
}

std::string roleLabel(const std::string& roleKey) {
    if (roleKey == "admin") return tr("app.role.admin");
    if (roleKey == "manager") return tr("app.role.manager");
    if (roleKey == "advisor") return tr("app.role.advisor");
    if (roleKey == "technician") return tr("app.role.technician");
    if (roleKey == "warehouse") return tr("app.role.warehouse");
    if (roleKey == "accountant") return tr("app.role.accountant");
    return roleKey;
}

// [SECTION] SignInScreen

SignInScreen::SignInScreen(AppContext& app, core::StaffService& staff, core::SessionManager& sessions,
                           std::function<void(const core::Session&)> onSignedIn, std::string purposeKey)
    : m_app(app),
      m_staff(staff),
      m_sessions(sessions),
      m_onSignedIn(std::move(onSignedIn)),
      m_purposeKey(std::move(purposeKey)) {
    loadStaff();
}

std::string SignInScreen::title() const { return tr("signin.title"); }

void SignInScreen::onShow() { loadStaff(); }

void SignInScreen::loadStaff() {
    m_people.clear();
    auto list = m_staff.list();
    if (!list) {
        m_message = list.error().message;
        return;
    }
    for (const core::StaffMember& m : *list)
        if (m.active && m.hasPin && m.role) m_people.push_back({m.id, m.name, m.roleKey});
}

std::string SignInScreen::message(int64_t nowMs) const {
    if (m_lockedUntil > nowMs) return tr("signin.locked", {{"time", formatMinSec(m_lockedUntil - nowMs)}});
    return m_message;
}

void SignInScreen::finish(const core::Session& session) {
    m_done = true;
    m_pin.clear();
    m_app.router.pop();  // first: onSignedIn may push the next screen
    if (m_onSignedIn) m_onSignedIn(session);
}

void SignInScreen::explainRefusal(const core::Error& error, const std::string& staffId, bool badge, int64_t now) {
    m_lockedUntil = 0;
    if (error.code == core::Errc::kConflict) {  // a PIN alone that two people share
        m_message = tr("signin.pick_name_instead");
        m_step = Step::kPick;
        return;
    }
    if (error.code == core::Errc::kInvalid) {
        m_message = tr(badge ? "signin.badge_unknown" : "signin.pin_six_digits");
        return;
    }
    auto& sessions = m_sessions;
    auto st = badge ? sessions.badgeLockout() : sessions.lockout(staffId);
    if (!st) {
        m_message = error.message;
        return;
    }
    if (st->locked()) {
        m_lockedUntil = now + st->retryAfterMs;
        m_message.clear();
        return;
    }
    if (badge) {
        m_message = tr("signin.badge_unknown");
        return;
    }
    const int left = std::max(0, sessions.options().lockout.freeAttempts - st->failures);
    m_message = left > 0 ? tr("signin.wrong_pin", {{"left", left}}) : std::string(tr("signin.wrong_pin_wait"));
}

void SignInScreen::submitPin(Ui& ui) {
    const int64_t now = ui.nowMs();
    const std::string pin = m_pin.value();
    m_pin.clear();
    const std::string staffId = m_person ? m_people[*m_person].id : std::string();
    auto r = m_person ? m_sessions.signInByPin(staffId, pin)
                      : m_sessions.signInByPinOnly(pin);
    if (r) {
        finish(*r);
        return;
    }
    explainRefusal(r.error(), staffId, false, now);
}

bool SignInScreen::onScan(Ui& ui, const std::string& code) {
    if (m_done) return true;
    auto holder = m_sessions.badgeHolder(code);
    if (!holder) {
        explainRefusal(holder.error(), "", true, ui.nowMs());
        return true;
    }
    if (m_badgeNeedsPin || (holder->role && core::SessionManager::badgeNeedsPin(*holder->role))) {
        // The badge says who; the PIN proves it.
        const auto it = std::find_if(m_people.begin(), m_people.end(), [&](const Person& p) { return p.id == holder->id; });
        if (it == m_people.end()) {
            m_message = tr("signin.badge_unknown");
            return true;
        }
        m_person = static_cast<size_t>(it - m_people.begin());
        m_step = Step::kPin;
        m_pin.clear();
        m_message = tr("signin.badge_then_pin");
        return true;
    }
    auto r = m_sessions.signInByBadge(code);
    if (r) {
        finish(*r);
        return true;
    }
    explainRefusal(r.error(), "", true, ui.nowMs());
    return true;
}

void SignInScreen::draw(Ui& ui) {
    const Theme& t = ui.theme();
    const int64_t now = ui.nowMs();
    heading(ui, tr("signin.heading"));
    if (!m_purposeKey.empty()) mutedText(ui, tr(m_purposeKey));
    mutedText(ui, tr("signin.badge_hint"));
    space(ui);

    const std::string msg = message(now);
    if (!msg.empty()) {
        shownText(ui, msg, ui.colors().danger);
        if (m_lockedUntil > now) ui.wakeAt(now + std::min<int64_t>(1000, m_lockedUntil - now));  // countdown
        space(ui, 0.5f);
    }

    if (m_step == Step::kPick) {
        text(ui, tr("signin.pick_name"));
        space(ui, 0.5f);
        if (m_people.empty()) mutedText(ui, tr("signin.no_staff"));
        const int columns = 3;
        const float w = columnWidth(ui, columns);
        for (size_t i = 0; i < m_people.size(); ++i) {
            if (i % columns != 0) ImGui::SameLine();
            ui.ensureGlyphs(m_people[i].name, true);
            if (button(ui, m_people[i].name, {.width = w, .height = t.touch * 1.4f, .large = true,
                                              .id = m_people[i].id})) {
                m_person = i;
                m_step = Step::kPin;
                m_message.clear();
                m_lockedUntil = 0;
                m_pin.clear();
            }
        }
        space(ui);
        if (button(ui, tr("signin.pin_only"), {.kind = ButtonKind::kPrimary})) {
            m_person.reset();
            m_step = Step::kPin;
            m_message.clear();
            m_lockedUntil = 0;
            m_pin.clear();
        }
    } else {
        drawPinStep(ui, now);
    }
    if (!m_gate && m_step == Step::kPick) {
        space(ui);
        if (button(ui, tr("common.cancel"), {.kind = ButtonKind::kQuiet})) m_app.router.pop();
    }
}

void SignInScreen::drawPinStep(Ui& ui, int64_t now) {
    const Theme& t = ui.theme();
    // During a lockout the keypad is visibly off: a PIN typed then would be ignored.
    m_pin.setEnabled(m_lockedUntil <= now);
    auto who = [&] {
        if (m_person)
            text(ui, tr("signin.pin_for", {{"name", m_people[*m_person].name},
                                           {"role", roleLabel(m_people[*m_person].roleKey)}}));
        else
            text(ui, tr("signin.pin_only_prompt"));
    };
    auto ways = [&] {
        if (button(ui, tr("signin.change_person"))) {
            m_step = Step::kPick;
            m_message.clear();
            m_lockedUntil = 0;
            m_pin.clear();
        }
        if (!m_gate) {
            ImGui::SameLine();
            if (button(ui, tr("common.cancel"), {.kind = ButtonKind::kQuiet})) m_app.router.pop();
        }
    };
    auto pad = [&](float maxHeight) {
        if (m_pin.draw(ui, "pin", maxHeight) == KeypadEvent::kSubmitted && !m_done) submitPin(ui);
    };
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x >= avail.y * 1.2f) {
        // Landscape: who and the ways out on the left, the keypad on the right, all in view.
        if (ImGui::BeginTable("pin-layout", 2, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthStretch, 0.45f);
            ImGui::TableSetupColumn("pad", ImGuiTableColumnFlags_WidthStretch, 0.55f);
            ImGui::TableNextColumn();
            who();
            space(ui);
            ways();
            ImGui::TableNextColumn();
            pad(avail.y - t.gap);
            ImGui::EndTable();
        }
        return;
    }
    // Portrait: stacked, the keypad leaving room for the ways out below it.
    who();
    space(ui, 0.5f);
    pad(ImGui::GetContentRegionAvail().y - t.touch - 3 * t.gap);
    space(ui, 0.5f);
    ways();
}

// [SECTION] staff bar, kiosk staff menu

void staffBar(Ui& ui, AppContext& app) {
    if (!app.staff) return;
    const core::Session& s = *app.staff;
    ui.ensureGlyphs(s.staffName());
    const std::string who = tr("app.signed_in_as", {{"name", s.staffName()}, {"role", roleLabel(core::staffRoleKey(s.role()))}});
    const float signOutW = textSize(ui.bodyFont(), tr("app.sign_out")).x + 2 * ui.theme().pad;
    ImGui::AlignTextToFramePadding();
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y + (ui.theme().touch - ImGui::GetFontSize()) * 0.5f);
    shownText(ui, who, ui.colors().text);
    ImGui::SameLine(ImGui::GetContentRegionMax().x - signOutW);
    ImGui::SetCursorPosY(y);
    if (button(ui, tr("app.sign_out"), {.width = signOutW})) app.signOut();
    space(ui, 0.5f);
}

std::unique_ptr<Screen> makeStaffGateScreen(AppContext& app, core::StaffService& staff,
                                            core::SessionManager& sessions) {
    auto s = std::make_unique<SignInScreen>(app, staff, sessions, [](const core::Session&) {});
    s->setGate(true);
    return s;
}

void openKioskStaffSignIn(AppContext& app, Ui& ui, core::StaffService& staff, core::SessionManager& sessions) {
    Ui* toasts = &ui;  // the app's Ui outlives its screens
    auto screen = std::make_unique<SignInScreen>(
        app, staff, sessions,
        [&app, toasts](const core::Session& s) {
            if (s.can(core::Capability::kCheckInVehicles)) {
                app.router.push(std::make_unique<KioskStaffMenuScreen>(app));
                return;
            }
            // Only people who can run the desk may take the kiosk out of customer mode.
            app.signOut();
            toasts->toasts().show(tr("app.leave_kiosk_refused", {{"name", s.staffName()}}), ToastKind::kError);
        },
        "signin.purpose.leave_kiosk");
    // Badge codes can be copied: leaving a customer-facing kiosk always takes the PIN.
    screen->setBadgeNeedsPin(true);
    app.router.push(std::move(screen));
}

std::string KioskStaffMenuScreen::title() const { return tr("app.staff_menu"); }

void KioskStaffMenuScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    space(ui);
    heading(ui, tr("app.staff_menu"));
    space(ui);
    if (button(ui, tr("app.leave_kiosk"), {.kind = ButtonKind::kPrimary, .large = true}))
        m_app.switchMode(Mode::kOffice);
    space(ui, 0.5f);
    if (button(ui, tr("app.back_to_kiosk"), {.large = true})) m_app.signOut();  // the app pops to the welcome
}

}  // namespace fc::ui
