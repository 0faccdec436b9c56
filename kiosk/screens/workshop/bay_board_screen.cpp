#include "kiosk/screens/workshop/bay_board_screen.hpp"

#include <algorithm>
#include <cmath>

#include "kiosk/i18n/i18n.hpp"
#include "kiosk/screens/common/sign_in_screen.hpp"
#include "kiosk/ui/widgets.hpp"
#include "shared/bays/tables.hpp"
#include "shared/customers/tables.hpp"
#include "shared/staff/tables.hpp"
#include "shared/workorders/tables.hpp"

namespace fc::ui {

namespace {

std::string language() {
    const I18n* i18n = currentI18n();
    return i18n ? i18n->language() : "zh-CN";
}

ImU32 statusColour(const Palette& c, core::WorkOrderStatus s) {
    switch (s) {
        case core::WorkOrderStatus::kInProgress:
            return c.primary;
        case core::WorkOrderStatus::kWaitingParts:
        case core::WorkOrderStatus::kWaitingApproval:
            return c.warning;
        case core::WorkOrderStatus::kReady:
            return c.success;
        default:
            return c.textMuted;
    }
}

std::string numberOf(const core::BoardJob& j) {
    if (!j.number) return j.provisionalNo;
    return tr("workshop.number.both", {{"number", *j.number}, {"provisional", j.provisionalNo}});
}

std::string bayTitle(const core::BoardJob& j) {
    if (j.bayCode.empty()) return tr("workshop.board.no_bay");
    const std::string& name = language() == "en" && !j.bayNameEn.empty() ? j.bayNameEn : j.bayNameZh;
    return j.bayCode + " " + name;
}

// "10:30" today, "1月3日 10:30" another day.
std::string whenText(const core::StoreTime& t, int64_t nowMs, int64_t at) {
    if (t.dayNumber(at) == t.dayNumber(nowMs)) return t.hhmm(at);
    const int day = t.dayNumber(at);
    return tr("workshop.jobs.promised_day", {{"month", day / 100 % 100}, {"day", day % 100}, {"time", t.hhmm(at)}});
}

bool isOverdue(const core::BoardJob& j, int64_t nowMs) {
    return j.promisedAt && *j.promisedAt < nowMs && j.status != core::WorkOrderStatus::kReady;
}

// A filter chip: primary when on.
bool filterChip(Ui& ui, std::string_view label, bool on, std::string_view id) {
    return button(ui, label, {.kind = on ? ButtonKind::kPrimary : ButtonKind::kSecondary, .id = id});
}

// Before the next chip of a wrapping row.
void chipNext(Ui& ui, std::string_view label, bool first) {
    if (first) return;
    const float w = textSize(ui.bodyFont(), label).x + 2 * ui.theme().pad;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + w > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
}

// Text drawn at a point of a card, clipped to its width, recorded for the test driver.
void cardText(Ui& ui, ImDrawList* dl, ImFont* font, ImVec2 at, float maxWidth, ImU32 colour, std::string_view s) {
    if (s.empty()) return;
    const ImVec4 clip(at.x, at.y, at.x + maxWidth, at.y + font->FontSize * 1.4f);
    dl->AddText(font, font->FontSize, at, colour, s.data(), s.data() + s.size(), 0.0f, &clip);
    const ImVec2 size = textSize(font, s);
    ui.registry().record(s, WidgetKind::kOther, at, ImVec2(at.x + std::min(size.x, maxWidth), at.y + size.y), true);
}

}  // namespace

BayBoardScreen::BayBoardScreen(AppContext& app, WorkshopServices services, core::WorkshopBoardQueries& board,
                               Kind kind, Open open)
    : m_app(app),
      m_s(std::move(services)),
      m_board(board),
      m_kind(kind),
      m_open(std::move(open)),
      m_watch(app.data, {&core::tables::kWorkOrders, &core::tables::kWorkOrderLines, &core::tables::kJobEvents,
                         &core::tables::kTimeEntries, &core::tables::kVehicles, &core::tables::kBays,
                         &core::tables::kStaff}) {}

std::string BayBoardScreen::title() const {
    return tr(m_kind == Kind::kOffice ? "workshop.board.office_title" : "workshop.board.title");
}

void BayBoardScreen::reload(Ui& ui) {
    ++m_reloads;
    auto jobs = m_board.openJobs(ui.nowMs());
    if (!jobs) {
        m_error = workshop::errorText(jobs.error());
        return;
    }
    m_error.clear();
    m_jobs = std::move(jobs).value();
    const std::string lang = language();
    m_services.clear();
    m_people.clear();
    std::string glyphs;
    for (const core::BoardJob& j : m_jobs) {
        m_services.push_back(m_s.catalog.displayNames(j.serviceCodes, lang, lang == "en" ? ", " : "、"));
        glyphs += j.plate + j.vehicleLabel + m_services.back() + j.bayNameZh + j.advisorName;
        for (const auto* list : {&j.technicians, &j.clockedOn})
            for (const core::BoardPerson& p : *list) {
                if (std::none_of(m_people.begin(), m_people.end(), [&](const core::BoardPerson& q) { return q.id == p.id; }))
                    m_people.push_back(p);
                glyphs += p.name;
            }
    }
    std::sort(m_people.begin(), m_people.end(),
              [](const core::BoardPerson& a, const core::BoardPerson& b) { return a.name < b.name; });
    ui.ensureGlyphs(glyphs);
}

std::vector<const core::BoardJob*> BayBoardScreen::shown(int64_t nowMs) const {
    std::vector<const core::BoardJob*> out;
    for (const core::BoardJob& j : m_jobs) {
        if (m_technician && !j.hasTechnician(*m_technician)) continue;
        if (m_overdueOnly && !isOverdue(j, nowMs)) continue;
        out.push_back(&j);
    }
    return out;
}

void BayBoardScreen::open(const std::string& orderId) {
    if (m_open) {
        m_open(m_app, orderId);
        return;
    }
    m_app.router.push(std::make_unique<JobScreen>(m_app, m_s, orderId));
}

bool BayBoardScreen::onScan(Ui& ui, const std::string& text) {
    auto found = m_s.orders.findByNumber(text);
    if (!found) {
        ui.toasts().show(workshop::errorText(found.error()), ToastKind::kError, 6000);
    } else if (!*found) {
        ui.ensureGlyphs(text);
        ui.toasts().show(tr("workshop.jobs.unknown_number", {{"number", text}}), ToastKind::kError, 6000);
    } else {
        open(**found);
    }
    return true;
}

void BayBoardScreen::draw(Ui& ui) {
    staffBar(ui, m_app);
    const bool allowed = m_app.staff && (m_app.staff->can(core::Capability::kWorkshopJobs) ||
                                         m_app.staff->can(core::Capability::kManageWorkOrders));
    if (!allowed) {
        text(ui, tr("workshop.not_allowed"));
        return;
    }
    if (m_watch.changed()) reload(ui);
    const int64_t now = ui.nowMs();
    size_t overdue = 0, waiting = 0;
    for (const core::BoardJob& j : m_jobs) {
        overdue += isOverdue(j, now) ? 1 : 0;
        waiting += j.proposedLines > 0 ? 1 : 0;
    }
    {
        FontScope f(ui.largeFont());
        const std::string summary =
            tr("workshop.board.summary", {{"count", m_jobs.size()}, {"overdue", overdue}, {"waiting", waiting}});
        ImGui::TextUnformatted(summary.c_str());
        ui.registry().recordLastItem(summary, WidgetKind::kOther);
    }
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui.colors().danger);
        text(ui, m_error);
        ImGui::PopStyleColor();
    }
    drawFilters(ui);
    space(ui, 0.3f);
    drawBoard(ui);
}

void BayBoardScreen::drawFilters(Ui& ui) {
    ScopedWidgetScope scope(ui.registry(), "filters");
    const std::string all = tr("workshop.board.filter.all");
    bool first = true;
    chipNext(ui, all, first);
    first = false;
    if (filterChip(ui, all, !m_technician && !m_overdueOnly, "all")) {
        m_technician.reset();
        m_overdueOnly = false;
    }
    const std::string late = tr("workshop.board.filter.overdue");
    chipNext(ui, late, false);
    if (filterChip(ui, late, m_overdueOnly, "overdue")) m_overdueOnly = !m_overdueOnly;
    const std::string me = m_app.staff ? m_app.staff->staffId() : "";
    if (m_kind == Kind::kWorkshop && !me.empty()) {
        const std::string mine = tr("workshop.board.filter.mine");
        chipNext(ui, mine, false);
        if (filterChip(ui, mine, m_technician == me, "mine")) m_technician = m_technician == me ? std::nullopt : std::optional(me);
    }
    for (const core::BoardPerson& p : m_people) {
        if (m_kind == Kind::kWorkshop && p.id == me) continue;
        chipNext(ui, p.name, false);
        ImGui::PushID(p.id.c_str());
        if (filterChip(ui, p.name, m_technician == p.id, p.id))
            m_technician = m_technician == p.id ? std::nullopt : std::optional(p.id);
        ImGui::PopID();
    }
}

void BayBoardScreen::drawBoard(Ui& ui) {
    const Theme& t = ui.theme();
    const int64_t now = ui.nowMs();
    const auto jobs = shown(now);
    if (m_jobs.empty()) {
        text(ui, tr("workshop.board.empty"));
        return;
    }
    if (jobs.empty()) {
        text(ui, tr("workshop.board.none_match"));
        return;
    }
    ImGui::BeginChild("##board", ImVec2(0, 0), false);
    ScopedWidgetScope scope(ui.registry(), "board");
    const float width = ImGui::GetContentRegionAvail().x;
    const float minCard = t.touch * 5.3f;
    const int columns = std::max(1, static_cast<int>((width + t.gap) / (minCard + t.gap)));
    const float cardW = (width - t.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float line = ImGui::GetTextLineHeight();
    const float cardH = t.pad * 2 + ui.largeFont()->FontSize * 1.15f + line * 3.6f + line * 0.9f;
    // Bay by bay: a heading, then rows of cards. Rows outside the view take their space only.
    size_t i = 0;
    while (i < jobs.size()) {
        size_t end = i;
        const std::string bay = bayTitle(*jobs[i]);
        while (end < jobs.size() && bayTitle(*jobs[end]) == bay) ++end;
        heading(ui, tr("workshop.board.bay", {{"bay", bay}, {"count", end - i}}));
        for (size_t row = i; row < end; row += static_cast<size_t>(columns)) {
            const ImVec2 rowSize(width, cardH);
            if (!ImGui::IsRectVisible(rowSize)) {
                ImGui::Dummy(rowSize);
                continue;
            }
            for (size_t k = row; k < std::min(end, row + static_cast<size_t>(columns)); ++k) {
                if (k != row) ImGui::SameLine(0, t.gap);
                ImGui::PushID(jobs[k]->id.c_str());
                if (drawCard(ui, *jobs[k], cardW, cardH)) {
                    const std::string id = jobs[k]->id;
                    ImGui::PopID();
                    dragToScroll(ui);
                    ImGui::EndChild();
                    open(id);
                    return;
                }
                ImGui::PopID();
            }
        }
        space(ui, 0.3f);
        i = end;
    }
    dragToScroll(ui);
    ImGui::EndChild();
}

bool BayBoardScreen::drawCard(Ui& ui, const core::BoardJob& j, float width, float height) {
    const Theme& t = ui.theme();
    const Palette& c = ui.colors();
    const int64_t now = ui.nowMs();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton("##card", ImVec2(width, height));
    const std::string number = numberOf(j);
    ui.registry().recordLastItem(number, WidgetKind::kButton);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool late = isOverdue(j, now);
    const ImU32 status = statusColour(c, j.status);
    const ImVec2 to(at.x + width, at.y + height);
    dl->AddRectFilled(at, to, ImGui::IsItemActive() ? c.secondary : c.surface, t.rounding);
    dl->AddRect(at, to, late ? c.danger : c.border, t.rounding, 0, late ? 3.0f : 1.0f);
    dl->AddRectFilled(at, ImVec2(at.x + t.pad * 0.45f, to.y), status, t.rounding, ImDrawFlags_RoundCornersLeft);
    if (ImGui::IsItemFocused()) dl->AddRect(at, to, c.focus, t.rounding, 0, 3.0f);

    const float x = at.x + t.pad;
    const float inner = width - t.pad * 1.6f;
    float y = at.y + t.pad * 0.7f;
    ImFont* big = ui.largeFont();
    ImFont* body = ui.bodyFont();
    // Number and status (a pill at the right).
    const std::string label = workshop::statusLabel(j.status);
    const ImVec2 ls = textSize(body, label);
    const ImVec2 pill(to.x - t.pad * 0.6f - ls.x - t.pad, y + 2);
    dl->AddRectFilled(pill, ImVec2(to.x - t.pad * 0.6f, pill.y + ls.y + 6), status, ls.y);
    cardText(ui, dl, body, ImVec2(pill.x + t.pad * 0.5f, pill.y + 3), ls.x + 1, c.primaryText, label);
    cardText(ui, dl, big, ImVec2(x, y), pill.x - x - t.pad * 0.5f, c.text, number);
    y += big->FontSize * 1.15f;
    const float line = ImGui::GetTextLineHeight();
    std::string car = j.plate;
    if (!j.vehicleLabel.empty()) car += "  " + j.vehicleLabel;
    cardText(ui, dl, body, ImVec2(x, y), inner, c.text, car);
    y += line * 1.2f;
    const size_t index = static_cast<size_t>(&j - m_jobs.data());
    const std::string& services = index < m_services.size() ? m_services[index] : std::string();
    cardText(ui, dl, body, ImVec2(x, y), inner, c.textMuted, services.empty() ? tr("workshop.board.no_services") : services);
    y += line * 1.2f;
    // Promised time (overdue in red) and the people on it.
    std::string when = j.promisedAt ? tr(late ? "workshop.board.overdue" : "workshop.board.promised",
                                         {{"time", whenText(m_s.time, now, *j.promisedAt)}})
                                    : tr("workshop.jobs.promised_none");
    cardText(ui, dl, body, ImVec2(x, y), inner * 0.45f, late ? c.danger : c.textMuted, when);
    std::string people;
    for (const core::BoardPerson& p : j.clockedOn) {
        if (!people.empty()) people += language() == "en" ? ", " : "、";
        people += tr("workshop.board.working", {{"name", p.name}});
    }
    for (const core::BoardPerson& p : j.technicians) {
        if (std::any_of(j.clockedOn.begin(), j.clockedOn.end(), [&](const core::BoardPerson& q) { return q.id == p.id; }))
            continue;
        if (!people.empty()) people += language() == "en" ? ", " : "、";
        people += p.name;
    }
    if (people.empty()) people = tr("workshop.board.unassigned");
    cardText(ui, dl, body, ImVec2(x + inner * 0.47f, y), inner * 0.53f, j.clockedOn.empty() ? c.textMuted : c.success,
             people);
    y += line * 1.2f;
    // What needs someone: extra work to answer, not at the hub yet, a merge that needs a look.
    std::string flags;
    auto add = [&](const std::string& s) {
        if (!flags.empty()) flags += "  ·  ";
        flags += s;
    };
    if (j.proposedLines > 0) add(tr("workshop.board.proposed", {{"count", j.proposedLines}}));
    if (j.illegal > 0) add(tr("workshop.board.conflict"));
    if (!j.number) add(tr("workshop.board.not_synced"));
    if (j.findings > 0) add(tr("workshop.board.findings", {{"count", j.findings}}));
    cardText(ui, dl, body, ImVec2(x, y), inner, j.illegal > 0 || j.proposedLines > 0 ? c.warning : c.textMuted, flags);
    return pressed;
}

}  // namespace fc::ui
