#include "kiosk/screens/office/desk_common.hpp"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/workorders/job_templates.hpp"

namespace fc::ui {

DeskServices DeskServices::from(core::ServiceSet& set) {
    // The job templates (the skill each service needs) and the advisor reading them, kept alive
    // together; templates that cannot be read leave every service needing general skills.
    struct Holder {
        core::JobTemplates templates;
        std::optional<core::AssignmentAdvisor> advisor;
    };
    auto holder = std::make_shared<Holder>();
    auto& catalog = set.get<core::ServiceCatalog>();
    if (auto menu = catalog.menu())
        if (auto jobs = core::loadJobTemplates(core::defaultJobTemplatesDir(), core::serviceCodes(**menu)))
            holder->templates = std::move(jobs).value();
    holder->advisor.emplace(set.store(), set.get<core::StoreTime>(), set.get<core::StaffService>(),
                            set.get<core::WorkOrderService>(), holder->templates);
    std::shared_ptr<core::AssignmentAdvisor> assignment(holder, &*holder->advisor);
    return DeskServices{set.get<core::FrontDeskQueries>(),  set.get<core::CustomerSearch>(),
                        catalog,                            set.get<core::CustomerService>(),
                        set.get<core::AppointmentService>(), set.get<core::BookingGrid>(),
                        set.get<core::VisitService>(),      set.get<core::CheckInService>(),
                        set.get<core::CustomerAccessLog>(), set.get<core::WorkOrderService>(),
                        set.get<core::VehicleHistoryQueries>(), set.get<core::InvoiceService>(),
                        set.get<core::StaffService>(),      set.get<core::BayService>(),
                        set.get<core::WorkshopBoardQueries>(), set.get<core::PrintDocuments>(),
                        std::move(assignment)};
}

namespace desk {

std::string joined(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::string date(const core::StoreTime& t, int64_t ms) {
    const int day = t.dayNumber(ms);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", day / 10000, day / 100 % 100, day % 100);
    return buf;
}

std::string dateTime(const core::StoreTime& t, int64_t ms) { return date(t, ms) + " " + t.hhmm(ms); }

std::string weekday(const core::StoreTime& t, int64_t ms) {
    // Local days since 1970-01-01, a Thursday.
    const int64_t days = (t.dayStart(ms) + t.offsetMs()) / core::StoreTime::kDayMs;
    const int n = static_cast<int>(((days + 4) % 7 + 7) % 7);  // 0: Sunday
    return tr(("desk.weekday." + std::to_string(n)).c_str());
}

std::string dayLabel(const core::StoreTime& t, int64_t ms) {
    const int day = t.dayNumber(ms);
    return tr("desk.day_label", {{"month", day / 100 % 100}, {"day", day % 100}, {"weekday", weekday(t, ms)}});
}

std::string labelOf(const char* prefix, const std::string& key) {
    const std::string k = std::string(prefix) + key;
    const I18n* i18n = currentI18n();
    return i18n && i18n->has(k) ? std::string(tr(k)) : key;
}

std::string statusLabel(const std::string& key) { return labelOf("desk.status.", key); }

std::string language() {
    const I18n* i18n = currentI18n();
    return i18n ? i18n->language() : "zh-CN";
}

bool english() { return language() == "en"; }

std::string serviceNames(core::ServiceCatalog& catalog, const std::vector<std::string>& codes) {
    const std::string lang = language();
    return catalog.displayNames(codes, lang, lang == "en" ? ", " : "、");
}

std::string bayLabel(const core::Bay& bay) {
    const std::string& name = english() && !bay.nameEn.empty() ? bay.nameEn : bay.nameZh;
    return name.empty() ? bay.code : bay.code + " " + name;
}

bool can(const AppContext& app, core::Capability c) { return app.staff && app.staff->can(c); }

void shownText(Ui& ui, std::string_view s) { text(ui, s); }

std::string FieldErrors::of(const std::string& field) const {
    const auto it = byField.find(field);
    return it == byField.end() ? "" : it->second;
}

void FieldErrors::drawUnder(Ui& ui, const std::string& field) const {
    const auto it = byField.find(field);
    if (it != byField.end()) errorText(ui, it->second);
}

void errorText(Ui& ui, std::string_view s) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().danger);
    text(ui, s);
    ImGui::PopStyleColor();
}

std::string fieldError(const core::Error& e) { return tr("desk.field_error", {{"detail", e.message}}); }

namespace {

std::string chipText(std::string_view label, bool on) {
    return on ? "✓ " + std::string(label) : std::string(label);
}

}  // namespace

bool chip(Ui& ui, std::string_view label, bool on, std::string_view id, float width) {
    const std::string text = chipText(label, on);
    // Recorded under its plain label too, so a test taps "回访" whether it is on or not.
    const bool pressed = button(ui, text, {.kind = on ? ButtonKind::kPrimary : ButtonKind::kSecondary,
                                           .width = width, .id = id.empty() ? label : id});
    if (on) ui.registry().recordLastItem(label, WidgetKind::kButton);
    return pressed;
}

void chipRowNext(Ui& ui, std::string_view label, bool on, bool first) {
    if (first) return;
    const float w = textSize(ui.bodyFont(), chipText(label, on)).x + 2 * ui.theme().pad;
    ImGui::SameLine();
    const float right = ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
}

// [SECTION] Modal

bool Modal::begin(Ui& ui, std::string_view id) {
    if (m_state == State::kClosed) return false;
    const std::string popupId = "##modal-" + std::string(id);
    if (m_state == State::kOpening) {
        ImGui::OpenPopup(popupId.c_str());
        m_state = State::kOpen;
        m_closing = false;
    }
    const Theme& t = ui.theme();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width = std::min(vp->WorkSize.x * 0.9f, std::max(t.touch * 10, vp->WorkSize.x * 0.5f));
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    // Never taller than the screen: a long dialog scrolls inside.
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f), ImVec2(width, vp->WorkSize.y * 0.94f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.pad * 1.5f, t.pad * 1.5f));
    const bool shown = ImGui::BeginPopupModal(popupId.c_str(), nullptr,
                                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                                  ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                                  ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar();
    if (!shown) {
        m_state = State::kClosed;  // closed from outside (a screen change)
        return false;
    }
    ui.registry().pushScope("modal/" + std::string(id));
    m_ui = &ui;
    return true;
}

void Modal::end() {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) m_closing = true;
    if (m_closing) {
        ImGui::CloseCurrentPopup();
        m_state = State::kClosed;
        m_closing = false;
    }
    if (m_ui) m_ui->registry().popScope();
    m_ui = nullptr;
    ImGui::EndPopup();
}

// [SECTION] ServicePicker

bool ServicePicker::draw(Ui& ui, core::ServiceCatalog& catalog) {
    if (m_menu.empty()) {
        auto menu = catalog.menu();
        if (!menu) {
            errorText(ui, tr("desk.services_unavailable"));
            return false;
        }
        m_menu = (*menu)->offered();  // inactive services are not offered
    }
    ScopedWidgetScope scope(ui.registry(), "services");
    bool first = true;
    for (const core::ServiceItem& item : m_menu) {
        const std::string& name = english() ? item.nameEn : item.nameZh;
        const bool on = m_chosen.contains(item.code);
        chipRowNext(ui, name, on, first);
        first = false;
        if (chip(ui, name, on, item.code)) {
            if (on) m_chosen.erase(item.code);
            else m_chosen.insert(item.code);
        }
    }
    return true;
}

std::vector<std::string> ServicePicker::codes() const {
    std::vector<std::string> out;
    for (const core::ServiceItem& item : m_menu)
        if (m_chosen.contains(item.code)) out.push_back(item.code);
    // Codes no longer on the menu (an old appointment) stay, after the rest.
    for (const std::string& code : m_chosen)
        if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    return out;
}

}  // namespace desk
}  // namespace fc::ui
